// Issue 14, the historian's corrections: the historical outcomes of us-china-2015 and
// sco-code-of-conduct-2015 as corrected, and the claims their texts must no longer make.
// One `describe` per scenario; the other scenarios' corrections live in their own sections or files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile, scenariosDir } from "../../server/scenarios.ts";
import { utility } from "../../shared/analysis/utility.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

function load(id: string): Scenario {
  const result = loadScenarioFile(join(scenariosDir, id));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.scenario;
}

function notes(id: string): string {
  return readFileSync(join(scenariosDir, id, "facilitator.md"), "utf8");
}

/** facilitator.md without its Balance section, which another process regenerates. */
function notesWithoutBalance(id: string): string {
  return notes(id).split(/^## Balance$/m)[0]!;
}

function option(scenario: Scenario, issue: string, id: string) {
  const found = scenario.issues.find((i) => i.id === issue)?.options.find((o) => o.id === id);
  if (!found) throw new Error(`${issue}.${id} not found`);
  return found;
}

/** Every player-facing and teacher-facing text of the scenario file, joined. */
function allText(scenario: Scenario): string {
  return JSON.stringify(scenario);
}

function gge(scenario: Scenario) {
  const found = scenario.injects.find((i) => i.id === "gge-report");
  if (!found) throw new Error("gge-report inject not found");
  return found;
}

describe("history: us-china-2015", () => {
  const id = "us-china-2015";

  it("records the historical outcome with both tracks (cybercrime dialogue + senior experts group on norms)", () => {
    const scenario = load(id);
    expect(scenario.historicalOutcome?.package).toEqual({
      "ip-theft": "mutual-pledge",
      assistance: "timely",
      dialogue: "both-tracks",
      norms: "welcome-gge",
      sanctions: "silent",
      verification: "none",
    });
    const note = scenario.historicalOutcome!.note;
    expect(note).toMatch(/senior experts group/i);
    expect(note).toMatch(/11 May 2016/);
    expect(note).toMatch(/timeliness and\s+quality/);
    expect(note).toMatch(/1 December 2015/);
    expect(note).toMatch(/critical infrastructure/);
  });

  it("keeps the historical outcome inside the zone of agreement at the start", () => {
    const scenario = load(id);
    for (const d of scenario.delegations) {
      expect(utility(d.profile, scenario.historicalOutcome!.package), d.id).toBeGreaterThanOrEqual(d.profile.reservationValue);
    }
  });

  it("defines both tracks as the real second track, not a revived Cyber Working Group", () => {
    const scenario = load(id);
    const both = option(scenario, "dialogue", "both-tracks");
    expect(both.description).toMatch(/senior experts on international norms/);
    expect(both.description).not.toMatch(/Cyber Working Group revived/);
  });

  it("no longer says verification was simply none: no independent check, but a review of answers", () => {
    const scenario = load(id);
    const none = option(scenario, "verification", "none");
    expect(none.label).not.toBe("No mechanism");
    expect(none.label).toMatch(/independent/i);
    expect(none.description).toMatch(/requests for assistance/);
    expect(allText(scenario)).not.toMatch(/the text has no verification mechanism/);
    expect(allText(scenario)).not.toMatch(/set up no verification mechanism/);
  });

  it("names State Security and Justice in China's delegation", () => {
    const china = load(id).delegations.find((d) => d.id === "china")!;
    expect(china.publicBrief).toMatch(/Ministry of State Security/);
    expect(china.publicBrief).toMatch(/Ministry of Justice/);
  });

  it("dates the new facts in its sources", () => {
    const sources = load(id).sources;
    const nyt = sources.find((s) => /New York Times/.test(s.source) && s.date === "2015-09-19");
    expect(nyt?.fact).toMatch(/critical infrastructure/);
    expect(sources.find((s) => s.date === "2016-05-11")?.fact).toMatch(/Senior Experts Group/);
    expect(sources.find((s) => s.date === "2015-12-01")?.fact).toMatch(/guidelines/);
  });

  it("teacher's notes: five elements, the experts group, the dropped infrastructure pledge; both tracks no longer called invented", () => {
    const text = notesWithoutBalance(id);
    expect(text).toMatch(/\*\*both tracks\*\*/);
    expect(text).toMatch(/`dialogue = both-tracks`/);
    expect(text).toMatch(/11 May 2016/);
    expect(text).toMatch(/19 September 2015 the New York Times/);
    expect(text).not.toMatch(/There was no verification mechanism/);
    // The old list of invented options named both tracks and the infrastructure pledge.
    expect(text).not.toMatch(/fixed deadlines, both tracks, an infrastructure pledge/);
  });
});

describe("history: sco-code-of-conduct-2015", () => {
  const id = "sco-code-of-conduct-2015";

  it("records the code as circulated in 2015 as the historical package", () => {
    const scenario = load(id);
    expect(scenario.historicalOutcome?.package).toEqual({
      sovereignty: "state-authority",
      rights: "restrictions-first",
      governance: "un-centred",
      law: "new-norms",
      content: "stability-content",
      supply: "independent-control",
      capacity: "general-pledge",
    });
    const note = scenario.historicalOutcome!.note;
    expect(note).toMatch(/70\/237/);
    expect(note).toMatch(/counterfactual/);
  });

  it("quotes the 2015 code, not the 2011 draft, for the content option: stability sits in non-interference", () => {
    const scenario = load(id);
    const content = option(scenario, "content", "stability-content");
    expect(content.label).not.toMatch(/Curb destabilising information/);
    expect(content.description).toMatch(/interfere in other states' internal affairs or to undermine their political, economic and social stability/);
    expect(content.description).not.toMatch(/^Signing means pledging to cooperate in curbing information/);
    expect(content.description).toMatch(/2011 draft/);
    // The summary no longer gives the 2011 curbing clause as the 2015 code's.
    expect(scenario.summary).not.toMatch(/work together to curb information that incites/);
    expect(scenario.summary).toMatch(/not to use ICTs to interfere in other states' internal affairs/);
  });

  it("says what the code asks on governance, and marks 'UN at the centre' as the critics' reading", () => {
    const scenario = load(id);
    const governance = option(scenario, "governance", "un-centred");
    expect(governance.label).not.toMatch(/UN at the centre/);
    expect(governance.description).toMatch(/equal role/);
    expect(governance.description).toMatch(/important UN role in developing international norms/);
    expect(governance.description).toMatch(/critics/);
    expect(scenario.summary).not.toMatch(/with the United Nations at the centre/);
    expect(scenario.summary).toMatch(/equal\s+role/);
    const a69 = scenario.sources.find((s) => /A\/69\/723/.test(s.source))!;
    expect(a69.fact).not.toMatch(/central UN role/);
    expect(a69.fact).toMatch(/interfere in other states' internal affairs/);
  });

  it("tells the players, in the summary, that the negotiation is counterfactual", () => {
    const summary = load(id).summary;
    expect(summary).toMatch(/This table never existed/);
    expect(summary).toMatch(/no negotiation on its text ever\s+took place/);
  });

  it("gives Brazil the knowledge that it chairs the 2014–2015 GGE, without knowing the July report or seating India in it", () => {
    const scenario = load(id);
    const brazil = scenario.delegations.find((d) => d.id === "brazil")!;
    expect(brazil.publicBrief).toMatch(/chairs the 2014–2015 UN Group\s+of Governmental Experts/);
    expect(brazil.privateBrief).toMatch(/You chair the Group of Governmental Experts/);
    // The game opens in January 2015; the GGE report (A/70/174, July 2015) arrives as the round-3 inject.
    expect(brazil.publicBrief + brazil.privateBrief).not.toMatch(/July 2015|A\/70\/174/);
    // India was not among the twenty members of the 2014–2015 GGE (A/70/174, annex).
    expect(brazil.publicBrief).not.toMatch(/everyone at this\s+table joined/);
    expect(brazil.publicBrief).toMatch(/India does not/);
    const bn = readFileSync(join(scenariosDir, id, "scenario.bn.yaml"), "utf8");
    expect(bn).not.toMatch(/এই টেবিলের সবাই যোগ দিয়েছে/);
    expect(bn).toMatch(/ভারত নেই/);
    expect(bn).not.toMatch(/আপনি তার সভাপতি ছিলেন/);
    expect(gge(scenario).trigger).toEqual({ round: 3 });
  });

  it("tells no 2015 delegation what came after 2015 (India's SCO membership of 2017 stays in the sources and notes)", () => {
    const scenario = load(id);
    for (const d of scenario.delegations) {
      expect(d.publicBrief, d.id).not.toMatch(/201[6-9]|202\d/);
      expect(d.privateBrief, d.id).not.toMatch(/201[6-9]|202\d/);
    }
    const india = scenario.delegations.find((d) => d.id === "india")!;
    expect(india.publicBrief).toMatch(/SCO observer since 2005/);
    expect(scenario.sources.some((s) => /full members only in June 2017/.test(s.fact))).toBe(true);
    const bn = readFileSync(join(scenariosDir, id, "scenario.bn.yaml"), "utf8");
    expect(bn).not.toMatch(/পর্যবেক্ষক \(পূর্ণ সদস্য হয় কেবল জুন ২০১৭-এ\)/);
    expect(bn).toMatch(/এসসিওর পর্যবেক্ষক, সদস্য নয়/);
    // Options are visible from round 1 (January 2015): they may not cite the July 2015 report.
    for (const issue of scenario.issues) {
      for (const o of issue.options) expect(o.description, `${issue.id}.${o.id}`).not.toMatch(/2015 GGE report/);
    }
    expect(bn).not.toMatch(/২০১৫ সালের জিজিই প্রতিবেদনের ভাষায়|যেমন ২০১৫ সালের জিজিই প্রতিবেদন সুপারিশ করে/);
  });

  it("puts resolution 70/237 in the sources and in what happened", () => {
    const scenario = load(id);
    expect(scenario.sources.some((s) => /70\/237/.test(s.source) && s.date === "2015-12")).toBe(true);
    const text = notesWithoutBalance(id);
    expect(text).toMatch(/resolution 70\/237/);
    expect(text).toMatch(/counterfactual/);
    expect(text).toMatch(/"a UN-centred Internet" is the critics' summary/);
    // In the teacher's own voice the code's model is "multilateral"; "UN-centred" is only the critics' word.
    expect(text).not.toMatch(/a UN-centred model near the bottom/);
  });
});
