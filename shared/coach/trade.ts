// A suggested trade on a draft (logrolling): give ground on one issue I care less about, toward
// what the others seem to want, and ask for ground on one they seem to care less about, toward me.
// "Seem" is the estimate (estimate.ts): the suggestion is a guess about them and a certainty
// about me. A value with ids and numbers; the client words it.
import { crossesRedLine } from "../rules/legal.ts";
import type { Package, ReadonlyPackage, SeatView } from "../rules/types.ts";
import { estimatedUtility, type Estimate } from "./estimate.ts";

/** One issue moved from one option to another. */
export interface IssueChange {
  readonly issue: string;
  readonly from: string;
  readonly to: string;
}

export interface Trade {
  /** The issue I give ground on (worth no more to me after the change). */
  readonly give: IssueChange;
  /** The issue I ask for (worth more to me after the change). */
  readonly ask: IssueChange;
  /** The draft with both changes made. */
  readonly package: Package;
  /** The change of my utility (> 0). */
  readonly mine: number;
  /** The estimated change for each other delegation whose moves the estimate has seen (none below 0). */
  readonly theirs: readonly { readonly delegation: string; readonly change: number }[];
}

/** A trade must gain me at least this much (one point in a hundred). */
export const MIN_GAIN = 0.01;
const TINY = 1e-9;

/**
 * The best two-issue trade on `draft` under the estimates, or null when none gains me at least
 * MIN_GAIN without, by the estimate, costing any other delegation anything and while gaining them
 * something on average. "Best" is the largest gain for me plus the others' mean estimated gain.
 * Only the delegations whose moves the estimate has seen count; with none, there is no trade.
 * Never crosses one of my red lines; needs a complete draft.
 */
export function suggestTrade(view: SeatView, draft: ReadonlyPackage | Package, estimates: readonly Estimate[]): Trade | null {
  const me = view.me;
  if (!me) return null;
  const issues = view.scenario.issues;
  if (issues.some((i) => draft[i.id] === undefined)) return null;
  const known = estimates.filter((e) => e.moves > 0);
  if (known.length === 0) return null;
  const profile = me.profile;
  const mineOf = (issue: string, option: string) => (profile.weights[issue] ?? 0) * (profile.values[issue]?.[option] ?? 0);
  const theirsOf = (e: Estimate, issue: string, option: string) => (e.weights[issue] ?? 0) * (e.values[issue]?.[option] ?? 0);
  let best: Trade | null = null;
  let bestScore = -Infinity;
  for (const x of issues) {
    const fromX = draft[x.id]!;
    for (const a of x.options) {
      if (a.id === fromX) continue;
      const myX = mineOf(x.id, a.id) - mineOf(x.id, fromX);
      if (myX > TINY) continue; // not giving anything on X
      const theirX = known.map((e) => theirsOf(e, x.id, a.id) - theirsOf(e, x.id, fromX));
      if (theirX.every((d) => d <= TINY)) continue; // not toward them
      for (const y of issues) {
        if (y.id === x.id) continue;
        const fromY = draft[y.id]!;
        for (const b of y.options) {
          if (b.id === fromY) continue;
          const myY = mineOf(y.id, b.id) - mineOf(y.id, fromY);
          const mine = myX + myY;
          if (myY <= TINY || mine < MIN_GAIN) continue;
          let sum = 0;
          let ok = true;
          const theirs = known.map((e, k) => {
            const change = theirX[k]! + theirsOf(e, y.id, b.id) - theirsOf(e, y.id, fromY);
            if (change < -TINY) ok = false;
            sum += change;
            return { delegation: e.delegation, change };
          });
          if (!ok || sum <= TINY) continue;
          const score = mine + sum / known.length;
          if (score <= bestScore + TINY) continue;
          const pkg: Package = { ...draft, [x.id]: a.id, [y.id]: b.id };
          if (crossesRedLine(profile, pkg)) continue;
          best = { give: { issue: x.id, from: fromX, to: a.id }, ask: { issue: y.id, from: fromY, to: b.id }, package: pkg, mine, theirs };
          bestScore = score;
        }
      }
    }
  }
  return best;
}

/** The draft's estimated worth to each other delegation (in scenario order, as the estimates). */
export function estimatedWorths(draft: ReadonlyPackage | Package, estimates: readonly Estimate[]): { delegation: string; value: number; confidence: number; moves: number }[] {
  return estimates.map((e) => ({ delegation: e.delegation, value: estimatedUtility(e, draft), confidence: e.confidence, moves: e.moves }));
}
