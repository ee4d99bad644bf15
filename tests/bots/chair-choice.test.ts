// A time-dependent chair picks, among texts of equal value to itself, the one the others have
// shown they prefer. It used to table, at its target, the package least good for itself without
// looking at the others, so a chaired table's result depended on which bot held the pen. How far
// it concedes is unchanged; only the choice among near-equal texts uses what its seat has seen.
import { describe, expect, it } from "vitest";
import { utility } from "../../shared/analysis/utility.ts";
import { botsFor, ownSpace, playGame, type BotName } from "../../shared/bots/index.ts";
import { OthersModel } from "../../shared/bots/opponent.ts";
import { indexOfPackage, positionFor } from "../../shared/bots/space.ts";
import { Scenario, type ScenarioInput } from "../../shared/scenario/schema.ts";

/**
 * Alpha chairs and values the two options of "venue" alike; Beta and Gamma, the voters, both want
 * Geneva. Alpha's own ranking cannot tell Geneva from Vienna: only the others' votes can.
 */
function chairedTable(rounds: number): Scenario {
  const voter = (id: string, name: string) => ({
    id,
    name,
    publicBrief: `${name}, a voting delegation.`,
    privateBrief: `${name} wants the talks in Geneva.`,
    required: true,
    profile: {
      weights: { venue: 0.7, scope: 0.3 },
      values: { venue: { geneva: 1, vienna: 0 }, scope: { narrow: 0.6, broad: 1 } },
      reservationValue: 0.5,
    },
  });
  const input: ScenarioInput = {
    id: "chaired-choice",
    title: "A chaired table with a choice among equals",
    year: 2024,
    summary: "Built in code for the chair's choice among texts of equal value to it.",
    protocol: "multilateral",
    chair: "alpha",
    deadline: { rounds },
    delegations: [
      {
        id: "alpha",
        name: "Alpha",
        publicBrief: "Alpha chairs.",
        privateBrief: "Alpha cares about scope only.",
        required: true,
        profile: {
          weights: { venue: 0.5, scope: 0.5 },
          values: { venue: { geneva: 1, vienna: 1 }, scope: { narrow: 1, broad: 0 } },
          reservationValue: 0.3,
        },
      },
      voter("beta", "Beta"),
      voter("gamma", "Gamma"),
    ],
    issues: [
      { id: "venue", title: "Venue", options: [{ id: "geneva", label: "Geneva" }, { id: "vienna", label: "Vienna" }] },
      { id: "scope", title: "Scope", options: [{ id: "narrow", label: "Narrow" }, { id: "broad", label: "Broad" }] },
    ],
    agreement: { quorum: 3 },
  };
  return Scenario.parse(input);
}

const CHAIRS: BotName[] = ["hardliner", "boulware", "linear", "conceder", "tit-for-tat"];

function chairTexts(scenario: Scenario, chair: BotName, voters: BotName) {
  const { state } = playGame(scenario, 1, botsFor(scenario, 1, { alpha: chair, beta: voters, gamma: voters }, { talk: false }));
  return state.moves.filter((m) => m.by === "alpha" && m.type === "propose").map((m) => m.package!);
}

describe("a time-dependent chair choosing among texts of equal value to itself", () => {
  it("tables, once the voters have voted, the text they prefer; its first text, with nothing seen, is the one it always tabled", () => {
    const scenario = chairedTable(4);
    for (const chair of CHAIRS) {
      const texts = chairTexts(scenario, chair, "hardliner");
      expect(texts.length, chair).toBeGreaterThanOrEqual(2);
      // Nothing seen yet: the least good package for itself at its target, the last of its equally
      // best two in the space's order (Vienna), as before the change.
      expect(texts[0], chair).toEqual({ venue: "vienna", scope: "narrow" });
      // The voters voted against Vienna: the next text is Geneva, worth exactly as much to the chair.
      expect(texts[1]!.venue, chair).toBe("geneva");
      const alpha = scenario.delegations.find((d) => d.id === "alpha")!.profile;
      expect(utility(alpha, texts[1]!), chair).toBeGreaterThanOrEqual(utility(alpha, texts[0]!) - 0.02 - 1e-9);
    }
  });

  it("the Hardliner still tables only its best texts", () => {
    const scenario = chairedTable(4);
    const alpha = scenario.delegations.find((d) => d.id === "alpha")!.profile;
    for (const text of chairTexts(scenario, "hardliner", "conceder")) expect(utility(alpha, text)).toBeCloseTo(1, 12);
  });
});

describe("OthersModel.pick", () => {
  const scenario = chairedTable(4);
  const alpha = scenario.delegations.find((d) => d.id === "alpha")!.profile;
  const space = ownSpace(scenario.issues, alpha);
  const geneva = indexOfPackage(space, { venue: "geneva", scope: "narrow" });
  const vienna = indexOfPackage(space, { venue: "vienna", scope: "narrow" });

  it("without observations returns the package at the target, as the old rule did", () => {
    const model = new OthersModel();
    for (const target of [1, 0.9, 0.5, 0.31]) {
      const position = positionFor(space, target);
      expect(model.pick(space, target, position)).toBe(space.order[position]!);
    }
  });

  it("after votes, picks the package the voters preferred among those worth target to target + 0.02", () => {
    const model = new OthersModel();
    model.answered(space, "beta", vienna, false);
    model.answered(space, "gamma", geneva, true);
    model.answered(space, "beta", geneva, true);
    expect(model.pick(space, 1, positionFor(space, 1))).toBe(geneva);
  });

  it("maximises the others' mean predicted utility, with the least pleased as a tie-break", () => {
    // Beta and Delta voted once for Vienna; Gamma voted three times for Geneva. Two mild
    // preferences outweigh one strong one: Vienna. Then Delta refuses Vienna: Geneva.
    const model = new OthersModel();
    model.answered(space, "beta", vienna, true);
    model.answered(space, "delta", vienna, true);
    for (let k = 0; k < 3; k++) model.answered(space, "gamma", geneva, true);
    expect(model.pick(space, 1, positionFor(space, 1))).toBe(vienna);
    model.answered(space, "delta", vienna, false);
    model.answered(space, "delta", vienna, false);
    expect(model.pick(space, 1, positionFor(space, 1))).toBe(geneva);
  });

  it("never leaves the band: a package worth more than 0.02 above the target to the chair is not chosen", () => {
    const model = new OthersModel();
    const broad = indexOfPackage(space, { venue: "vienna", scope: "broad" });
    // At target 0.5 the band is 0.5–0.52: only the two "broad" texts; the voters' favourite, Geneva and
    // narrow (worth 1 to the chair), lies above it.
    model.answered(space, "beta", indexOfPackage(space, { venue: "geneva", scope: "narrow" }), true);
    model.answered(space, "beta", broad, false);
    const chosen = model.pick(space, 0.5, positionFor(space, 0.5));
    expect(chosen).toBe(indexOfPackage(space, { venue: "geneva", scope: "broad" }));
  });
});
