// A small element tree over fast-xml-parser, just enough to read GENIUS domain and profile files.
// Pure: takes the XML text, never touches the file system.
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface XmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: XmlElement[];
}

export type XmlParseResult = { ok: true; root: XmlElement } | { ok: false; error: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  // GENIUS reads attribute values as written: keep their spaces.
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Parses one XML document into its root element, or says in one line why it is not well-formed XML. */
export function parseXml(xml: string): XmlParseResult {
  const text = xml.replace(/^\uFEFF/, "");
  if (text.trim() === "") return { ok: false, error: "the file is empty" };
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line } = valid.err;
    return { ok: false, error: `not well-formed XML (line ${line}: ${msg})` };
  }
  // Why the cast: fast-xml-parser types its result `any`; as `unknown`, every node is checked below.
  const roots = toElements(parser.parse(text) as unknown);
  const root = roots[0];
  if (!root) return { ok: false, error: "no XML element in the file" };
  if (roots.length > 1) return { ok: false, error: "not well-formed XML (more than one root element)" };
  return { ok: true, root };
}

function toElements(nodes: unknown): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const out: XmlElement[] = [];
  for (const node of nodes) {
    if (node === null || typeof node !== "object") continue;
    const record = node as Record<string, unknown>;
    const tag = Object.keys(record).find((k) => k !== ":@");
    if (tag === undefined || tag.startsWith("#") || tag.startsWith("?")) continue;
    const attrs: Record<string, string> = {};
    const rawAttrs = record[":@"];
    if (rawAttrs !== null && typeof rawAttrs === "object") {
      for (const [k, v] of Object.entries(rawAttrs as Record<string, unknown>)) attrs[k] = String(v);
    }
    out.push({ tag, attrs, children: toElements(record[tag]) });
  }
  return out;
}

/** The direct children of an element with the given tag. */
export function childrenByTag(el: XmlElement, tag: string): XmlElement[] {
  return el.children.filter((c) => c.tag === tag);
}

/** Every element below `el` (not `el` itself) in document order, with its parent. */
export function descendants(el: XmlElement): { el: XmlElement; parent: XmlElement }[] {
  const out: { el: XmlElement; parent: XmlElement }[] = [];
  const walk = (parent: XmlElement) => {
    for (const child of parent.children) {
      out.push({ el: child, parent });
      walk(child);
    }
  };
  walk(el);
  return out;
}
