// The teaching notes' learning objectives in Bangla (each scenario's overlay, `objectives`): every
// shipped scenario has them, one point for each of the English notes' numbered points, with the
// English's facts kept (every number, year and document symbol there is here too, in Bengali digits
// or as written), no English word left but acronyms, and they go out with the public part of the
// overlay (GET /api/scenarios/:id), which is where the Teach page reads them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { objectivesOf } from "../../server/http/materials.ts";
import { loadScenarioFile, loadTranslations, scenarioIds, scenariosDir } from "../../server/scenarios.ts";
import { publicOverlay } from "../../shared/scenario/overlay.ts";

const BENGALI_DIGITS = "০১২৩৪৫৬৭৮৯";
const bengali = (latin: string) => latin.replace(/[0-9]/g, (d) => BENGALI_DIGITS[Number(d)]!);

/** The numbered points of a Markdown list ("1. …" at the start of a line), by number. */
const points = (md: string) => [...md.matchAll(/^\s*(\d+)\.\s/gm)].map((m) => Number(m[1]));

describe("the learning objectives in Bangla", () => {
  const ids = scenarioIds();

  it("the five shipped scenarios are all here", () => {
    expect(ids).toHaveLength(5);
  });

  for (const id of ids) {
    it(`${id}: one point per English point, the same facts, no English left, public`, () => {
      const loaded = loadScenarioFile(join(scenariosDir, id));
      if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
      const { translations, errors } = loadTranslations(join(scenariosDir, id), loaded.scenario);
      expect(errors).toEqual([]);
      const english = objectivesOf(readFileSync(join(scenariosDir, id, "facilitator.md"), "utf8"));
      const bangla = translations.bn?.objectives ?? "";
      expect(english, "the English notes have objectives").not.toBe("");
      expect(bangla, "scenario.bn.yaml has objectives").not.toBe("");

      expect(points(bangla)).toEqual(points(english));
      // Facts unchanged: each number of the English (a year, a date, a count, "74/247", "A/66/359") is in the Bangla.
      const numbers = new Set(english.replace(/^\s*\d+\.\s/gm, "").match(/(?:[A-Z]\/)?\d+(?:\/\d+)*/g) ?? []);
      for (const n of numbers) expect(bangla.includes(n) || bangla.includes(bengali(n)), `${id}: "${n}" from the English objectives`).toBe(true);
      // Bangla throughout: Latin letters only in acronyms and document symbols (BATNA, A/69/723).
      const latin = (bangla.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !/^[A-Z]+$/.test(w));
      expect(latin, `${id}: English words in the Bangla objectives`).toEqual([]);
      // The public part of the overlay (what GET /api/scenarios/:id sends) carries them.
      expect(publicOverlay(translations.bn!).objectives).toBe(bangla);
    });
  }
});
