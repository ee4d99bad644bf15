// Issue 14's fifth scenario: the UN Convention against Cybercrime. The historical outcome is the
// text agreed by the Ad Hoc Committee on 8 August 2024 and adopted by the General Assembly on
// 24 December 2024, option by option; it stands inside the zone of agreement (adopted by the five
// governments) but below the walk-away value of the rights groups and industry, who opposed it.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile, scenariosDir } from "../../server/scenarios.ts";
import { utility } from "../../shared/analysis/utility.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

const id = "un-cybercrime-convention-2024";

function load(): Scenario {
  const result = loadScenarioFile(join(scenariosDir, id));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  expect(result.warnings).toEqual([]);
  return result.scenario;
}

describe("history: un-cybercrime-convention-2024", () => {
  it("records the text as agreed in August 2024", () => {
    const scenario = load();
    expect(scenario.historicalOutcome?.package).toEqual({
      scope: "closed-list",
      safeguards: "general-clause",
      evidence: "serious-crime",
      assistance: "un-account",
      budapest: "silent",
      growth: "protocol-later",
    });
    const note = scenario.historicalOutcome!.note;
    expect(note).toMatch(/8 August 2024/);
    expect(note).toMatch(/24 December 2024/);
    expect(note).toMatch(/without a vote/);
    expect(note).toMatch(/forty ratifications/);
  });

  it("is a multilateral table of six delegations, Russia and the United States required", () => {
    const scenario = load();
    expect(scenario.protocol).toBe("multilateral");
    expect(scenario.delegations.map((d) => d.id)).toEqual(["russia", "united-states", "eu", "developing", "bangladesh", "stakeholders"]);
    expect(scenario.agreement.required).toEqual(["russia", "united-states"]);
    expect(scenario.issues.map((i) => i.id)).toEqual(["scope", "safeguards", "evidence", "assistance", "budapest", "growth"]);
  });

  it("has the agreed text accepted by every government and rejected by rights groups and industry", () => {
    const scenario = load();
    const pkg = scenario.historicalOutcome!.package;
    for (const d of scenario.delegations) {
      const u = utility(d.profile, pkg);
      if (d.id === "stakeholders") expect(u).toBeLessThan(d.profile.reservationValue);
      else expect(u).toBeGreaterThanOrEqual(d.profile.reservationValue);
      for (const line of d.profile.redLines) expect(pkg[line.issue]).not.toBe(line.option);
    }
  });

  it("dates every source and keeps the key dates of the process", () => {
    const scenario = load();
    for (const s of scenario.sources) expect(s.date).toMatch(/^\d{4}/);
    const dates = scenario.sources.map((s) => s.date);
    for (const d of ["2001-11-23", "2019-12-27", "2022-02-28/2022-03-11", "2024-02-09", "2024-08-08", "2024-12-24"]) expect(dates).toContain(d);
    expect(JSON.stringify(scenario.sources)).toMatch(/74\/247/);
  });

  it("fires only real, dated events as injects", () => {
    const scenario = load();
    expect(scenario.injects.map((i) => i.id)).toEqual(["microsoft-warning", "rights-statement", "concluding-session-fails", "iran-objects"]);
    for (const inject of scenario.injects) expect(inject.text).toMatch(/20(23|24)/);
  });
});
