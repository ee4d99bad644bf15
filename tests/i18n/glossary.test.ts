// docs/glossary-bn.md against the Bangla the game shows: one idea, one word (issue 17). The glossary's
// "Words not used" table names the stragglers a review found; none may come back in a catalog or,
// where the table says so, in a scenario's Bangla overlay. And the words the glossary gives for the
// core and the newer terms are the ones the catalogs actually use: a glossary row whose Bangla no
// screen shows is out of date.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGS, NAMESPACES } from "../../shared/i18n/catalog/index.ts";

const root = join(import.meta.dirname, "..", "..");
const glossary = readFileSync(join(root, "docs", "glossary-bn.md"), "utf8");

/** The rows of the first table under the heading `## <title>`, as cells (header and rule left out). */
function table(title: string): string[][] {
  const start = glossary.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/glossary-bn.md has no section "## ${title}"`);
  const rest = glossary.slice(start + title.length + 5);
  const section = rest.slice(0, rest.search(/\n## |$/));
  return section
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .slice(2)
    .map((l) => l.slice(1, -1).split("|").map((c) => c.trim()));
}

/** Every Bangla catalog text as "ns:path" → text. */
function banglaTexts(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (ns: string, obj: object, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (typeof v === "string") out.set(`${ns}:${path}`, v);
      else if (v && typeof v === "object") walk(ns, v, path);
    }
  };
  for (const ns of NAMESPACES) walk(ns, CATALOGS.bn[ns], "");
  return out;
}

/** Every scenario's Bangla overlay, by file. */
function overlays(): Map<string, string> {
  const out = new Map<string, string>();
  const dir = join(root, "scenarios");
  for (const id of readdirSync(dir)) {
    const file = join(dir, id, "scenario.bn.yaml");
    try {
      out.set(`scenarios/${id}/scenario.bn.yaml`, readFileSync(file, "utf8"));
    } catch {
      // A scenario without a Bangla overlay falls back to English (accord scenario validate says so).
    }
  }
  return out;
}

describe("the Bangla glossary", () => {
  const texts = banglaTexts();
  const overlayTexts = overlays();

  it("reads its tables", () => {
    expect(table("Words not used").length).toBeGreaterThanOrEqual(10);
    expect(table("Core terms").length).toBeGreaterThanOrEqual(20);
    expect(table("Practice, the coach and long games").length).toBeGreaterThanOrEqual(10);
    expect(overlayTexts.size).toBeGreaterThanOrEqual(5);
  });

  it("has no word it lists as not used in a catalog, nor in an overlay where it says so", () => {
    const found: string[] = [];
    for (const [word, instead, where] of table("Words not used")) {
      expect(word, "a row of 'Words not used' without its word").toBeTruthy();
      for (const [key, text] of texts) if (text.includes(word!)) found.push(`${key} uses “${word}” (the glossary says ${instead})`);
      if (/overlays/.test(where ?? "")) {
        for (const [file, text] of overlayTexts) {
          text.split("\n").forEach((line, i) => {
            if (line.includes(word!)) found.push(`${file}:${i + 1} uses “${word}” (the glossary says ${instead})`);
          });
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("gives, for each core and newer term, the word the screens and scenarios use", () => {
    const all = [...texts.values(), ...overlayTexts.values()].join("\n");
    const missing: string[] = [];
    for (const title of ["Core terms", "Practice, the coach and long games"]) {
      for (const [english, bangla] of table(title)) {
        // "বিরতি দিন / বিরতি / আবার শুরু করুন", "সরে দাঁড়ানোর সীমা": each word given, its gloss in brackets
        // left out; a verb in its dictionary form ("প্রত্যাখ্যান করা") by its noun, as its forms on screen vary.
        const words = bangla!.split(" / ").map((w) => w.replace(/\(.*?\)/g, "").replace(/["“”]/g, "").replace(/ করা$/, "").trim()).filter(Boolean);
        for (const w of words) if (!all.includes(w)) missing.push(`${title}: ${english} → “${w}” is on no screen`);
      }
    }
    expect(missing).toEqual([]);
  });
});
