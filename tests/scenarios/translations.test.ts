// The shipped scenarios' translations: every overlay checks out against its scenario (no key the
// original lacks), the Bangladesh scenario is wholly in Bangla, and every scenario has at least its
// title, delegation names, issues, options and its bots' lines in Bangla.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile, loadTranslations, registerTranslations, scenarioIds, scenariosDir, translationsOf } from "../../server/scenarios.ts";
import { localize, textPaths } from "../../shared/scenario/overlay.ts";

const BENGALI = /[\u0980-\u09FF]/;

describe.each(scenarioIds())("%s in Bangla", (id) => {
  const loaded = loadScenarioFile(join(scenariosDir, id));
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  const scenario = loaded.scenario;
  const tr = loadTranslations(join(scenariosDir, id), scenario);

  it("has an overlay that names only what the scenario has", () => {
    expect(tr.errors).toEqual([]);
    expect(Object.keys(tr.translations)).toContain("bn");
  });

  it("has at least its title, delegations, issues, options and bot lines in Bangla", () => {
    const { scenario: bn, english } = localize(scenario, tr.translations.bn!, "bn");
    const required = [...textPaths(scenario).keys()].filter((p) => p === "title" || /^issues\.[^.]+\.(title|options\.[^.]+\.label)$/.test(p) || /^delegations\.[^.]+\.name$/.test(p));
    expect(required.filter((p) => english.has(p))).toEqual([]);
    // Every bot line too: bots speak the reader's language in every scenario.
    expect([...english].filter((p) => /^delegations\.[^.]+\.phrases\./.test(p))).toEqual([]);
    expect(bn.title).toMatch(BENGALI);
    for (const issue of bn.issues) {
      expect(issue.title).toMatch(BENGALI);
      for (const o of issue.options) expect(o.label).toMatch(BENGALI);
    }
    // Ids, numbers and profiles never change with the language.
    expect(bn.issues.map((i) => [i.id, i.options.map((o) => o.id)])).toEqual(scenario.issues.map((i) => [i.id, i.options.map((o) => o.id)]));
    const numbers = (s: typeof scenario) => s.delegations.map((d) => [d.id, d.profile.weights, d.profile.values, d.profile.reservationValue, d.profile.redLines.map((l) => [l.issue, l.option])]);
    expect(numbers(bn)).toEqual(numbers(scenario));
  });
});

describe("bangladesh-capacity-building", () => {
  it("is wholly in Bangla: nothing left in English, no warning", () => {
    const loaded = loadScenarioFile(join(scenariosDir, "bangladesh-capacity-building"));
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    const tr = loadTranslations(join(scenariosDir, "bangladesh-capacity-building"), loaded.scenario);
    expect(tr.warnings).toEqual([]);
    const { scenario: bn, english } = localize(loaded.scenario, tr.translations.bn!, "bn");
    expect([...english]).toEqual([]);
    // Every translated text is Bangla, and the bots' lines are one for one with the English.
    for (const d of bn.delegations) {
      expect(d.privateBrief).toMatch(BENGALI);
      for (const [key, lines] of Object.entries(d.phrases)) {
        expect(lines.length).toBe(loaded.scenario.delegations.find((x) => x.id === d.id)!.phrases[key]!.length);
        for (const line of lines) expect(line).toMatch(BENGALI);
      }
    }
    // Official Bangla names of the institutions.
    const gov = bn.delegations.find((d) => d.id === "gov")!.publicBrief.replace(/\s+/g, " ");
    expect(gov).toContain("তথ্য ও যোগাযোগ প্রযুক্তি বিভাগ");
    expect(gov).toContain("বাংলাদেশ কম্পিউটার কাউন্সিল");
  });
});

describe("a scenario's translations on the server", () => {
  it("are found for the catalog's scenario object, and by id for a stored copy of it (a restored table)", () => {
    const loaded = loadScenarioFile(join(scenariosDir, "us-china-2015"));
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    const tr = loadTranslations(join(scenariosDir, "us-china-2015"), loaded.scenario).translations;
    registerTranslations(loaded.scenario, tr);
    expect(translationsOf(loaded.scenario)).toBe(tr);
    const stored = JSON.parse(JSON.stringify(loaded.scenario)) as typeof loaded.scenario;
    expect(translationsOf(stored)).toBe(tr);
    expect(translationsOf({ ...stored, id: "no-such-scenario" })).toEqual({});
  });
});
