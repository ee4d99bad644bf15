// A tit-for-tat bot in the chair of a multilateral table: it alone tables texts, so it has no
// proposal of the others to mirror. It used to stay at its best text for the whole game (the
// EU scenario's tables with a tit-for-tat chair never agreed); it now concedes with the clock.
import { describe, expect, it } from "vitest";
import { utility } from "../../shared/analysis/utility.ts";
import { botsFor, playGame, type BotName } from "../../shared/bots/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { multilateral } from "./scenarios.ts";

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
