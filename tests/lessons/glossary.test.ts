// The glossary's pages (#/learn/<concept>): one per concept the lessons use and the brief names, each
// 80–150 words in English and in Bangla, with a name and a one-line summary.
import { describe, expect, it } from "vitest";
import bn from "../../shared/i18n/catalog/bn/lessons.ts";
import en from "../../shared/i18n/catalog/en/lessons.ts";
import { CONCEPTS } from "../../shared/lessons/concepts.ts";

const key = (id: string) => id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof typeof en.concept;
const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

describe("the glossary", () => {
  it("has a page for every concept, 80–150 words in each language", () => {
    for (const [lang, catalog] of [["en", en], ["bn", bn]] as const) {
      expect(Object.keys(catalog.concept).sort(), lang).toEqual(CONCEPTS.map(key).sort());
      for (const id of CONCEPTS) {
        const page = catalog.concept[key(id)];
        const count = words(`${page.body1} ${page.body2}`);
        expect(count, `${lang} ${id}: ${count} words`).toBeGreaterThanOrEqual(80);
        expect(count, `${lang} ${id}: ${count} words`).toBeLessThanOrEqual(150);
        expect(page.name.length).toBeGreaterThan(0);
        expect(page.summary.length).toBeGreaterThan(0);
      }
    }
  });
});
