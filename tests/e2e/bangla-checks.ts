// What every Bangla browser test checks beside the font and the boxes: no English word left on a
// Bangla screen outside what is marked as English (lang="en": scenario text not yet translated,
// the teaching notes written in English only).
import type { Page } from "playwright-core";

/**
 * Words in Latin letters a Bangla screen may show: the game's wordmark, and acronyms (all capitals:
 * BATNA, CSV, JSON, QR, an agency's "BGD e-GOV CIRT" glossed in brackets), which Bangla keeps in
 * Latin letters (docs/glossary-bn.md).
 */
const LATIN_KEPT = ["Cyber", "Accord"];

/** Every English-looking word (three Latin letters or more) on the screen, outside an element marked lang="en" (or lang="zxx", no language: a token). */
export async function englishLeft(page: Page): Promise<string[]> {
  return page.evaluate((kept) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest("script, style, [hidden], .visually-hidden, svg title, svg desc")) continue;
      // Marked English, or no language at all (zxx: a token, a code).
      const lang = el.closest("[lang]")?.getAttribute("lang");
      if (lang === "en" || lang === "zxx") continue;
      // A menu's options are read when it opens: all of them count, though none has a box of its own.
      if (!el.closest("option, optgroup") && (el.getClientRects().length === 0 || getComputedStyle(el).visibility === "hidden")) continue;
      // A join code (K7QX-M2PA) and an address are letters, not English.
      const text = (node.textContent ?? "").replace(/https?:\/\/\S+/g, "").replace(/\b[A-Z2-9]{4}-?[A-Z2-9]{4}\b/g, "");
      for (const word of text.match(/[A-Za-z]{3,}/g) ?? []) {
        if (!kept.includes(word) && !/^[A-Z]+$/.test(word)) out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}: “${word}” in “${(node.textContent ?? "").trim().slice(0, 60)}”`);
      }
    }
    return out;
  }, LATIN_KEPT);
}

