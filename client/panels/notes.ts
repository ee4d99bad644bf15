// Facilitator notes as the teacher reads them: the scenario's Markdown rendered with `marked` and
// sanitised with DOMPurify before it reaches the page (a <script>, an onclick or a javascript: link
// in a notes file never runs). Links open in a new tab.
import DOMPurify from "dompurify";
import { marked } from "marked";
import { h } from "../ui/dom.ts";

export function markdownBlock(markdown: string, className = "notes"): HTMLElement {
  const html = marked.parse(markdown, { async: false, gfm: true });
  const clean = DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, RETURN_DOM_FRAGMENT: true });
  for (const a of clean.querySelectorAll("a[href]")) {
    a.setAttribute("target", "_blank");
    a.setAttribute("rel", "noopener noreferrer");
  }
  const block = h("div", { class: `markdown ${className}` });
  block.append(clean);
  return block;
}
