// Tit-for-tat at a multilateral table. In the chair it alone tables texts, so it has no proposal of
// the others to mirror: it used to stay at its best text for the whole game (the EU scenario's
// tables with a tit-for-tat chair never agreed); it now concedes with the clock. Without a chair
// each delegation tables once or twice in a game, so the others' own proposals rarely show a
// concession: it used to make its opening step and nothing more; it now reads their votes too.
import { describe, expect, it } from "vitest";
import { utility } from "../../shared/analysis/utility.ts";
import { botsFor, ownSpace, playGame, TitForTatBot, type BotName } from "../../shared/bots/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { multilateral, syntheticMultilateral } from "./scenarios.ts";

/** The multilateral fixture with Alpha in the chair (it tables every text) and six rounds. */
const chaired: Scenario = { ...multilateral, chair: "alpha", deadline: { ...multilateral.deadline, rounds: 6 } };
const alpha = chaired.delegations.find((d) => d.id === "alpha")!.profile;

function play(names: Record<string, BotName>) {
  const { state, outcome } = playGame(chaired, 5, botsFor(chaired, 5, names, { talk: false }));
  const texts = state.moves.filter((m) => m.by === "alpha" && m.type === "propose").map((m) => utility(alpha, m.package!));
  return { outcome, texts };
}

describe("tit-for-tat in the chair of a multilateral table", () => {
  it("opens with its best text, then gives ground round by round, never below its reservation value", () => {
    const { texts } = play({ alpha: "tit-for-tat", beta: "tit-for-tat", gamma: "tit-for-tat", delta: "tit-for-tat" });
    expect(texts.length).toBeGreaterThan(2);
    expect(texts[0]).toBeCloseTo(1, 12);
    for (let k = 1; k < texts.length; k++) expect(texts[k]!).toBeLessThanOrEqual(texts[k - 1]! + 1e-12);
    expect(Math.min(...texts)).toBeLessThan(texts[0]! - 0.1);
    expect(Math.min(...texts)).toBeGreaterThanOrEqual(alpha.reservationValue);
  });

  it("a table of tit-for-tat bots it chairs reaches a text before the deadline", () => {
    const { outcome } = play({ alpha: "tit-for-tat", beta: "tit-for-tat", gamma: "tit-for-tat", delta: "tit-for-tat" });
    expect(outcome.agreement).toBe(true);
    expect(outcome.round).toBeLessThanOrEqual(chaired.deadline.rounds);
  });
});

describe("tit-for-tat at a multilateral table without a chair", () => {
  it("reciprocates the votes: once the others vote for texts better for it than what they tabled, it accepts below its opening level before the deadline", () => {
    // Six delegations, six rounds: everyone tables exactly once; the others are Conceders.
    const scenario = syntheticMultilateral(6, 4, 4, 1, 6);
    const ids = scenario.delegations.map((d) => d.id);
    let early = 0;
    for (const seat of ids) {
      for (let seed = 1; seed <= 5; seed++) {
        const names = Object.fromEntries(ids.map((id) => [id, id === seat ? "tit-for-tat" : "conceder"])) as Record<string, BotName>;
        const { state } = playGame(scenario, seed, botsFor(scenario, seed, names, { talk: false }));
        const profile = scenario.delegations.find((d) => d.id === seat)!.profile;
        const space = ownSpace(scenario.issues, profile);
        const opening = space.best - TitForTatBot.OPENING * (space.best - profile.reservationValue);
        let table = state.moves[0]?.package;
        for (const m of state.moves) {
          if (m.package) table = m.package;
          const yes = m.by === seat && m.type === "vote" && m.accept === true && m.round < scenario.deadline.rounds;
          if (yes && utility(profile, table!) < opening - 1e-9) {
            early++;
            break;
          }
        }
      }
    }
    expect(early).toBeGreaterThan(0);
  });
});
