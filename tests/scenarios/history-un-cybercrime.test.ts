// Issue 14's fifth scenario: the UN Convention against Cybercrime. The historical outcome is the
// text agreed by the Ad Hoc Committee on 8 August 2024 and adopted by the General Assembly on
// 24 December 2024, option by option; it stands inside the zone of agreement (adopted by the five
// governments) but below the walk-away value of the rights groups and industry, who opposed it.
import { readFileSync } from "node:fs";
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

  it("says no more than the record: sessions counted, the vote from the record, no invented 'no further extension'", () => {
    const scenario = load();
    const bn = readFileSync(join(scenariosDir, id, "scenario.bn.yaml"), "utf8");
    const notes = readFileSync(join(scenariosDir, id, "facilitator.md"), "utf8");
    // After the first session (Feb-Mar 2022): the second to sixth sessions, then the concluding one.
    expect(scenario.summary).toMatch(/Five more sessions followed in 2022 and 2023/);
    expect(scenario.summary).not.toMatch(/Six sessions followed/);
    expect(bn).toMatch(/আরও পাঁচটি অধিবেশন/);
    expect(notes).not.toMatch(/Six sessions follow/);
    // The concluding session had a draft; it ended without agreeing one.
    expect(scenario.summary).not.toMatch(/ended without a text/);
    // The 79-60-33 vote is the General Assembly's record, not a news agency's figure.
    const vote = scenario.sources.find((s) => s.date === "2019-12-27")!;
    expect(vote.fact).toMatch(/79 in favour, 60 against and 33 abstentions/);
    expect(vote.fact + notes + bn).not.toMatch(/Xinhua|সিনহুয়া/);
    // Nothing in the record says the July 2024 session was the last possible extension.
    const concluding = scenario.injects.find((i) => i.id === "concluding-session-fails")!;
    expect(concluding.text).not.toMatch(/no further extension/);
    expect(bn).not.toMatch(/আর কোনো মেয়াদ বাড়ানো হবে না/);
    // The Budapest drafting partners: only those the record is sure of, and with "among them".
    const budapest = scenario.sources.find((s) => s.date === "2001-11-23")!;
    expect(budapest.fact).toMatch(/among them Canada, Japan, South Africa and the United States/);
  });
});
