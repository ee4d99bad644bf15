// How close the coach's estimate of the other delegation comes to its true profile, round by round,
// for the unit test (tests/coach/estimate.test.ts) and the bench (tests/bench/coach.bench.ts). The
// seat holds firm (a Hardliner: it never concedes, so the other side keeps revealing itself through
// its concessions) against each standard strategy; after each game the estimate is read again from
// the seat's own view with only the moves of rounds 1..r, so every round is measured on every game.
// The truth (the other's profile) is used only here, to score the estimate, never by the coach.
import { outcomeSpace, packageAt, utility } from "../../shared/analysis/utility.ts";
import { botsFor, playGame, type BotName } from "../../shared/bots/index.ts";
import { mySpace, othersModel, readEstimate, estimatedUtility } from "../../shared/coach/estimate.ts";
import { viewFor } from "../../shared/rules/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

/** The strategies the other side plays in the measurement. */
export const OTHERS: readonly BotName[] = ["boulware", "linear", "conceder", "tit-for-tat", "diplomat"];

export interface Convergence {
  scenario: string;
  me: string;
  other: string;
  games: number;
  /** Per round r = 0..deadline: mean over games of ½ Σ |ŵᵢ − wᵢ| (0: the weights exactly; 1: disjoint). */
  weightError: number[];
  /** Per round: mean over games of the mean |û(p) − u(p)| over the packages (all, or an even sample of 1,000). */
  utilityError: number[];
  /** Per round: the mean confidence the coach states. */
  confidence: number[];
}

/** The estimate's error per round, the seat `meIndex` of a bilateral scenario against every strategy in OTHERS. */
export function convergence(scenario: Scenario, meIndex: 0 | 1, seeds: number): Convergence {
  const me = scenario.delegations[meIndex]!;
  const other = scenario.delegations[1 - meIndex]!;
  const space = outcomeSpace(scenario.issues, []);
  const n = Math.min(space.size, 1000);
  const sample = Array.from({ length: n }, (_, k) => packageAt(space, Math.floor((k * space.size) / n)));
  const rounds = scenario.deadline.rounds;
  const sums = { w: new Float64Array(rounds + 1), u: new Float64Array(rounds + 1), c: new Float64Array(rounds + 1) };
  let games = 0;
  for (const strategy of OTHERS) {
    for (let seed = 1; seed <= seeds; seed++) {
      const bots = botsFor(scenario, seed, { [me.id]: "hardliner", [other.id]: strategy }, { talk: false });
      const played = playGame(scenario, seed, bots);
      const full = viewFor(played.state, { kind: "delegation", id: me.id });
      const own = mySpace(full)!;
      games++;
      for (let r = 0; r <= rounds; r++) {
        const view = { ...full, moves: full.moves.filter((m) => m.round <= r) };
        const estimate = readEstimate(own, other.id, othersModel(view, own).of(other.id));
        let w = 0;
        for (const issue of scenario.issues) w += Math.abs(estimate.weights[issue.id]! - (other.profile.weights[issue.id] ?? 0));
        let u = 0;
        for (const p of sample) u += Math.abs(estimatedUtility(estimate, p) - utility(other.profile, p));
        sums.w[r]! += w / 2;
        sums.u[r]! += u / n;
        sums.c[r]! += estimate.confidence;
      }
    }
  }
  const mean = (a: Float64Array) => Array.from(a, (x) => x / games);
  return { scenario: scenario.id, me: me.id, other: other.id, games, weightError: mean(sums.w), utilityError: mean(sums.u), confidence: mean(sums.c) };
}

/** The bilateral fixture without its injects (the truth must not move under the estimate), 20 rounds. */
export function steady(scenario: Scenario, rounds = 20): Scenario {
  return { ...scenario, injects: [], deadline: { ...scenario.deadline, rounds } };
}
