// The coach beside the table (issue 18): advice for one seat, computed from that seat's `SeatView`
// alone, as a bot's decisions are: never another delegation's profile. Pure: no DOM, no server.
// `coach(view, draft)` gives everything the panel shows; the parts are in estimate.ts (what the
// others seem to want), worth.ts (what a package is worth to me), trade.ts (a suggested trade)
// and advice.ts (before accepting, before walking away).
import type { Package, ReadonlyPackage, SeatView } from "../rules/types.ts";
import { acceptHint, walkAwayHint, type AcceptHint, type WalkAwayHint } from "./advice.ts";
import { mySpace, othersModel, readEstimate, type Estimate } from "./estimate.ts";
import { estimatedWorths, suggestTrade, type Trade } from "./trade.ts";
import { worthToMe, type Worth } from "./worth.ts";

export { acceptHint, roundsLeft, walkAwayHint, WEAK_MARGIN, type AcceptHint, type WalkAwayHint } from "./advice.ts";
export { estimateOthers, estimatedUtility, type Estimate } from "./estimate.ts";
export { MIN_GAIN, suggestTrade, type IssueChange, type Trade } from "./trade.ts";
export { worthToMe, type Worth } from "./worth.ts";

export interface DraftAdvice {
  /** The draft's worth to me. */
  readonly worth: Worth;
  /** Its estimated worth to each other delegation, with how sure the estimate is. */
  readonly others: readonly { readonly delegation: string; readonly value: number; readonly confidence: number; readonly moves: number }[];
  /** A trade that looks better for me and for them, or null. */
  readonly trade: Trade | null;
}

export interface Coaching {
  /** The estimate of every other delegation, in scenario order. */
  readonly estimates: readonly Estimate[];
  /** Advice on the draft, when one is given. */
  readonly draft: DraftAdvice | null;
  /** Before accepting: when another delegation's offer is on the table. */
  readonly accept: AcceptHint | null;
  /** Before walking away. */
  readonly walkAway: WalkAwayHint | null;
}

/** Everything the coach says to this seat now; null for a viewer without a seat (an observer, the facilitator). */
export function coach(view: SeatView, draft: ReadonlyPackage | Package | null): Coaching | null {
  const space = mySpace(view);
  if (!space || !view.me) return null;
  const model = othersModel(view, space);
  const estimates = view.scenario.delegations.filter((d) => d.id !== view.me!.delegation).map((d) => readEstimate(space, d.id, model.of(d.id)));
  const advice: DraftAdvice | null = draft
    ? { worth: worthToMe(view, draft)!, others: estimatedWorths(draft, estimates), trade: suggestTrade(view, draft, estimates) }
    : null;
  return { estimates, draft: advice, accept: acceptHint(view, space, estimates), walkAway: walkAwayHint(view) };
}
