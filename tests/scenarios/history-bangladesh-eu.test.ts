// Issue 14, the historian's corrections: the historical outcomes of bangladesh-capacity-building and
// eu-cyber-toolbox-2017 as corrected, the claims their texts must no longer make, and the EU
// scenario's balance (bots are deterministic: no timing involved).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile, scenariosDir } from "../../server/scenarios.ts";
import { utility } from "../../shared/analysis/utility.ts";
import { runTournament } from "../../shared/bots/tournament.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

function load(id: string): Scenario {
  const result = loadScenarioFile(join(scenariosDir, id));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.scenario;
}

/** facilitator.md without its Balance section, which another process regenerates. */
function notesWithoutBalance(id: string): string {
  return readFileSync(join(scenariosDir, id, "facilitator.md"), "utf8").split(/^## Balance$/m)[0]!;
}

function option(scenario: Scenario, issue: string, id: string) {
  const found = scenario.issues.find((i) => i.id === issue)?.options.find((o) => o.id === id);
  if (!found) throw new Error(`${issue}.${id} not found`);
  return found;
}

describe("history: bangladesh-capacity-building", () => {
  const id = "bangladesh-capacity-building";

  it("records the historical outcome: phased CIRT, concerns voiced but no conditions on the law", () => {
    const scenario = load(id);
    expect(scenario.historicalOutcome?.package).toEqual({
      cirt: "national-phased",
      legal: "no-conditions",
      training: "responder-cadre",
      sharing: "advisories",
      data: "government-data",
      cooperation: "existing-channels",
      timeline: "five-year-credit",
    });
    const note = scenario.historicalOutcome!.note;
    expect(note).toMatch(/25 March 2018/);
    expect(note).toMatch(/27 September\s+2018/);
    expect(note).toMatch(/30 September/);
    expect(note).toMatch(/three-stage plan/);
  });

  it("no longer says partners supported the law with no safeguards", () => {
    const scenario = load(id);
    const none = option(scenario, "legal", "no-conditions");
    expect(none.description).not.toMatch(/support the implementation of the digital security law/i);
    expect(none.description).toMatch(/concerns/);
    expect(none.description).toMatch(/no conditions/);
    expect(JSON.stringify(scenario)).not.toMatch(/with no safeguards attached/);
  });

  it("fires the partners' statements of September 2018 as an inject", () => {
    const inject = load(id).injects.find((i) => i.id === "partners-speak-out");
    expect(inject).toBeDefined();
    expect(inject!.trigger).toEqual({ round: 4 });
    expect(inject!.text).toMatch(/27 September/);
    expect(inject!.text).toMatch(/30 September/);
    expect(inject!.text).toMatch(/Norway and Switzerland/);
  });

  it("gives the United States a real stake in the law", () => {
    const usa = load(id).delegations.find((d) => d.id === "usa")!;
    expect(usa.profile.weights.legal).toBeGreaterThanOrEqual(0.12);
  });

  it("keeps 2023 out of what a 2018 delegation is told", () => {
    for (const d of load(id).delegations) {
      for (const r of d.profile.redLines ?? []) expect(r.reason, d.id).not.toMatch(/2023/);
      expect(d.privateBrief, d.id).not.toMatch(/2023/);
      expect(d.publicBrief, d.id).not.toMatch(/2023/);
    }
    expect(load(id).summary).not.toMatch(/2023/);
  });

  it("dates the new context in its sources and summary", () => {
    const scenario = load(id);
    const dates = scenario.sources.map((s) => s.date);
    expect(dates).toEqual(expect.arrayContaining(["2014", "2018-03-25", "2018-08", "2018-09-27", "2018-09-30"]));
    expect(scenario.sources.some((s) => /three stages/.test(s.fact))).toBe(true);
    expect(scenario.summary).toMatch(/National Cybersecurity Strategy/);
    expect(scenario.summary).toMatch(/Capacity Review/);
  });

  it("keeps the historical outcome inside the zone of agreement (government and three others)", () => {
    const scenario = load(id);
    const yes = scenario.delegations.filter((d) => utility(d.profile, scenario.historicalOutcome!.package) >= d.profile.reservationValue);
    expect(yes.map((d) => d.id)).toContain("gov");
    expect(yes.length).toBeGreaterThanOrEqual(4);
  });

  it("dates every source; the NRD plan and the seed article say how their dates are known", () => {
    const scenario = load(id);
    for (const s of scenario.sources) expect(s.date, s.source).toMatch(/^\d{4}/);
    const nrd = scenario.sources.find((s) => /three stages/.test(s.fact))!;
    expect(nrd.source).not.toMatch(/date of the report not confirmed/);
    expect(nrd.date).toBe("2019-04-30");
    expect(nrd.source).toMatch(/30 April 2019/);
    expect(nrd.fact).toMatch(/11 January 2015/);
    const seed = scenario.sources.find((s) => /Tawhidur Rahman/.test(s.source))!;
    expect(seed.source).toMatch(/carries no date/);
    expect(seed.date).toMatch(/^2018-06/);
    expect(notesWithoutBalance(id)).not.toMatch(/its date is not confirmed/);
  });

  it("lists every dated inject among the compressed dates of the teacher's notes", () => {
    const simplifications = notesWithoutBalance(id).split(/^## Simplifications$/m)[1]!;
    expect(simplifications).toMatch(/partners' statements \(27 and 30 September\)/);
    expect(load(id).injects.find((i) => i.id === "partners-speak-out")!.trigger).toEqual({ round: 4 });
  });
});

describe("history: eu-cyber-toolbox-2017", () => {
  const id = "eu-cyber-toolbox-2017";

  it("records the historical outcome: the April 2018 conclusions, naming no state", () => {
    const scenario = load(id);
    expect(scenario.historicalOutcome?.package).toEqual({
      attribution: "none",
      measures: "conclusions",
      characterisation: "norms",
      partners: "eu-track",
      timing: "later",
      resilience: "csirt",
    });
    expect(scenario.historicalOutcome!.note).toMatch(/16 April 2018/);
  });

  it("keeps the historical outcome acceptable to every delegation (it was adopted unanimously)", () => {
    const scenario = load(id);
    for (const d of scenario.delegations) {
      expect(utility(d.profile, scenario.historicalOutcome!.package), d.id).toBeGreaterThanOrEqual(d.profile.reservationValue);
    }
  });

  it("tells players that the rotating presidency chairs the working party", () => {
    const scenario = load(id);
    expect(scenario.summary).toMatch(/Horizontal Working Party on Cyber\s+Issues/);
    expect(scenario.summary).toMatch(/Estonia/);
    expect(scenario.summary).toMatch(/Bulgaria/);
    const chair = scenario.delegations.find((d) => d.id === scenario.chair)!;
    expect(chair.publicBrief).toMatch(/presidency/);
    expect(notesWithoutBalance(id)).toMatch(/Horizontal Working Party/);
  });

  it("fires the UK's naming of North Korea (27 October 2017) early", () => {
    const inject = load(id).injects.find((i) => i.id === "uk-names-north-korea");
    expect(inject).toBeDefined();
    expect(inject!.trigger).toEqual({ round: 2 });
    expect(inject!.text).toMatch(/27 October 2017/);
    expect(load(id).sources.some((s) => s.date === "2017-10-27")).toBe(true);
  });

  it("says the June 2017 conclusions already allow for wrongful acts; the fight is over NotPetya", () => {
    const scenario = load(id);
    expect(scenario.summary).toMatch(/might constitute wrongful acts/);
    expect(option(scenario, "characterisation", "wrongful").description).toMatch(/June 2017/);
  });

  it("is not too easy: diplomat, linear and boulware agree in 20-80% of games (seed 3, roles rotated)", () => {
    const result = runTournament({ scenario: load(id), bots: ["diplomat", "linear", "boulware"], repetitions: 1, rotateRoles: true, seed: 3 });
    const rate = result.records.filter((r) => r.agreement).length / result.records.length;
    expect(rate).toBeGreaterThanOrEqual(0.2);
    expect(rate).toBeLessThanOrEqual(0.8);
  });
});
