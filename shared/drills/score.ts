// A drill's score (0–100), against the exact frontier of its three-issue space:
//   trade  a deal worth at least your walk-away scores 100 on the frontier and 0 at the distance of
//          the compromise the partner offers (linear between); no deal, or one below your
//          walk-away, scores 0.
//   hold   accepting less than your walk-away scores 0; holding it scores 40, plus 60 × your
//          advantage ((u − r)/(best − r)) when you also reached a deal.
//   read   your ranking of the partner's three priorities against its true weights: 100 less a
//          third for every pair of issues in the wrong order (Kendall distance).
import type { Outcome } from "../rules/types.ts";
import type { DrillKind } from "./drill.ts";
import { drillCompromise, frontierDistance, truePriorities, type DrillSpace } from "./drill.ts";
import type { DrillGame } from "./play.ts";

export interface DrillScore {
  kind: DrillKind;
  /** 0–100, whole. */
  score: number;
  agreement: boolean;
  /** The learner's utility (its walk-away without a deal), its walk-away and best possible. */
  utility: number;
  walkAway: number;
  best: number;
  /** (u − r)/(best − r); 0 without a deal. */
  advantage: number;
  /** The deal's distance to the exact frontier (null without a deal). */
  paretoDistance: number | null;
  /** hold: no deal below the walk-away. */
  held?: boolean;
  /** read: the learner's ranking, the truth, and how many issues sit in their true place. */
  ranking?: { guess: string[]; truth: string[]; inPlace: number };
}

function base(game: DrillGame, outcome: Outcome | null): Omit<DrillScore, "score" | "kind"> {
  const ds: DrillSpace = game.ds;
  const walkAway = ds.space.reservation[0]!;
  const best = ds.ideal[0]!;
  const pkg = outcome?.agreement && outcome.package ? { ...outcome.package } : null;
  const utility = pkg ? game.utilities(pkg)[0]! : walkAway;
  const span = best - walkAway;
  return {
    agreement: pkg !== null,
    utility,
    walkAway,
    best,
    advantage: pkg && span > 0 ? (utility - walkAway) / span : 0,
    paretoDistance: pkg ? frontierDistance(ds, pkg) : null,
  };
}

const clamp100 = (x: number) => Math.max(0, Math.min(100, Math.round(x)));

/** The score of a finished `trade` or `hold` drill (its outcome), or of a `read` drill's ranking. */
export function scoreDrill(game: DrillGame, ranking: readonly string[] | null = null): DrillScore {
  const kind = game.def.kind;
  const b = base(game, game.state.outcome);
  if (kind === "trade") {
    const d0 = frontierDistance(game.ds, drillCompromise(game.scenario));
    const ok = b.agreement && b.utility >= b.walkAway - 1e-9 && b.paretoDistance !== null;
    return { kind, ...b, score: ok ? clamp100(100 * (1 - b.paretoDistance! / d0)) : 0 };
  }
  if (kind === "hold") {
    const held = !(b.agreement && b.utility < b.walkAway - 1e-9);
    return { kind, ...b, held, score: held ? clamp100(40 + 60 * Math.max(0, b.advantage)) : 0 };
  }
  const truth = truePriorities(game.scenario);
  const guess = [...(ranking ?? [])];
  if (guess.length !== truth.length || new Set(guess).size !== truth.length || guess.some((g) => !truth.includes(g))) {
    throw new Error(`a ranking of the drill's ${truth.length} issues, each once, was expected: ${JSON.stringify(guess)}`);
  }
  let wrong = 0;
  for (let i = 0; i < guess.length; i++) for (let j = i + 1; j < guess.length; j++) if (truth.indexOf(guess[i]!) > truth.indexOf(guess[j]!)) wrong++;
  const pairs = (truth.length * (truth.length - 1)) / 2;
  return { kind, ...b, ranking: { guess, truth, inPlace: guess.filter((g, i) => truth[i] === g).length }, score: clamp100(100 * (1 - wrong / pairs)) };
}
