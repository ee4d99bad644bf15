// Before accepting and before walking away: what the offer on the table is worth to me, what the
// estimate says I could still get, how many rounds are left, and what walking away is worth.
import { digitsOf, type OwnSpace } from "../bots/space.ts";
import type { ReadonlyPackage, SeatView } from "../rules/types.ts";
import { estimatedUtility, type Estimate } from "./estimate.ts";
import { worthToMe } from "./worth.ts";

/** An accept is weak when the estimate says at least this much more (five points in a hundred) is within reach. */
export const WEAK_MARGIN = 0.05;
/** At most this many of my packages, best first, are tried when looking for a better one. */
export const SCAN_LIMIT = 200_000;

export interface AcceptHint {
  /** The offer's worth to me. */
  readonly offer: number;
  readonly walkAway: number;
  /** The offer is worth less to me than walking away. */
  readonly belowWalkAway: boolean;
  /**
   * The best package for me that the estimate says every other delegation likes at least as much
   * as the offer (a better deal for me at no cost to them, as far as their moves tell): its worth
   * to me, and the package; null when none is better than the offer.
   */
  readonly better: { readonly utility: number; readonly package: ReadonlyPackage } | null;
  /**
   * How much their proposals' worth to me has grown per round, on average, from their first to their
   * latest (0 when they have made fewer than two or have not moved towards me).
   */
  readonly trend: number;
  /** Where that trend leads by the deadline: latest proposal's worth + trend × rounds left, at most my best package. */
  readonly projected: number;
  /** Rounds after this one before the deadline. */
  readonly roundsLeft: number;
  /**
   * The offer is their opening (their first proposal), at least WEAK_MARGIN below my best package,
   * with OPENING_ROUNDS or more rounds left: a first offer is an anchor, rarely their last word.
   */
  readonly opening: boolean;
  /**
   * Accepting looks weak: below my walk-away, or with rounds left and either a better package as
   * good for them by the estimate, a trend that leads WEAK_MARGIN above the offer, or an opening offer.
   */
  readonly weak: boolean;
}

/** An opening offer counts as weak to accept with at least this many rounds left. */
export const OPENING_ROUNDS = 2;

export interface WalkAwayHint {
  /** What walking away is worth to me (my reservation value). */
  readonly walkAway: number;
  /** The offer on the table's worth to me, or null when nothing is on it. */
  readonly offer: number | null;
  /** The best worth to me of anything the others have tabled, or null when they have tabled nothing. */
  readonly bestSeen: number | null;
  readonly roundsLeft: number;
  /** Walking away gives me more than the offer on the table (or nothing is on it and nothing tabled beat it). */
  readonly walkingIsBetter: boolean;
}

/** Rounds after the current one before the deadline. */
export function roundsLeft(view: SeatView): number {
  return Math.max(0, view.deadlineRounds - view.round);
}

/** My utility of each proposal by another delegation, in order, with its round. */
function theirProposals(view: SeatView): { round: number; utility: number }[] {
  const me = view.me!;
  const out: { round: number; utility: number }[] = [];
  for (const m of view.moves) {
    if ((m.type === "propose" || m.type === "counter") && m.by !== me.delegation && m.package) {
      out.push({ round: m.round, utility: worthToMe(view, m.package)!.utility });
    }
  }
  return out;
}

/** The best package for me at least as good for every other (by the estimate) as `offer`, better for me than `floor`. */
function betterUnderEstimate(
  space: OwnSpace,
  estimates: readonly Estimate[],
  offer: ReadonlyPackage,
  floor: number,
): { utility: number; index: number } | null {
  const known = estimates.filter((e) => e.moves > 0);
  // Per other: its estimated table (weight × value, per issue and option index) and the offer's estimate.
  const tables = known.map((e) => space.issueIds.map((issue, i) => Float64Array.from(space.optionIds[i]!, (o) => (e.weights[issue] ?? 0) * (e.values[issue]?.[o] ?? 0))));
  const bars = known.map((e) => estimatedUtility(e, offer) - 1e-9);
  const digits = new Int32Array(space.radix.length);
  const limit = Math.min(space.order.length, SCAN_LIMIT);
  for (let k = 0; k < limit; k++) {
    const u = space.utils[k]!;
    if (u <= floor + 1e-9) return null;
    const index = space.order[k]!;
    digitsOf(space, index, digits);
    let ok = true;
    for (let d = 0; d < tables.length && ok; d++) {
      let est = 0;
      for (let i = 0; i < digits.length; i++) est += tables[d]![i]![digits[i]!]!;
      if (est < bars[d]!) ok = false;
    }
    if (ok) return { utility: u, index };
  }
  return null;
}

/** The hint before accepting the offer on the table; null when no other delegation's offer is there. */
export function acceptHint(view: SeatView, space: OwnSpace, estimates: readonly Estimate[]): AcceptHint | null {
  const me = view.me;
  const table = view.table;
  if (!me || !table || table.proposer === me.delegation) return null;
  const worth = worthToMe(view, table.package)!;
  const left = roundsLeft(view);
  const found = betterUnderEstimate(space, estimates, table.package, worth.utility);
  const better = found ? { utility: found.utility, package: packageFrom(space, found.index) } : null;
  const proposals = theirProposals(view);
  let trend = 0;
  if (proposals.length >= 2) {
    const first = proposals[0]!;
    const last = proposals[proposals.length - 1]!;
    const rounds = Math.max(1, last.round - first.round);
    trend = Math.max(0, (last.utility - first.utility) / rounds);
  }
  const latest = proposals.length ? proposals[proposals.length - 1]!.utility : worth.utility;
  const best = space.best === -Infinity ? worth.utility : space.best;
  const projected = Math.min(best, latest + trend * left);
  const within = Math.max(better?.utility ?? -Infinity, projected);
  const belowWalkAway = worth.margin < -1e-9;
  const opening = proposals.length === 1 && left >= OPENING_ROUNDS && best - worth.utility >= WEAK_MARGIN - 1e-9;
  const weak = belowWalkAway || opening || (left > 0 && within - worth.utility >= WEAK_MARGIN - 1e-9);
  return { offer: worth.utility, walkAway: worth.walkAway, belowWalkAway, better, trend, projected, roundsLeft: left, opening, weak };
}

/** The hint before walking away; null for a viewer without a seat. */
export function walkAwayHint(view: SeatView): WalkAwayHint | null {
  const me = view.me;
  if (!me) return null;
  const walkAway = me.profile.reservationValue;
  const offer = view.table && view.table.proposer !== me.delegation ? worthToMe(view, view.table.package)!.utility : null;
  const seen = theirProposals(view);
  const bestSeen = seen.length ? Math.max(...seen.map((p) => p.utility)) : null;
  return { walkAway, offer, bestSeen, roundsLeft: roundsLeft(view), walkingIsBetter: offer === null ? (bestSeen ?? -Infinity) < walkAway : offer < walkAway };
}

function packageFrom(space: OwnSpace, index: number): ReadonlyPackage {
  const digits = digitsOf(space, index, new Int32Array(space.radix.length));
  const pkg: Record<string, string> = {};
  space.issueIds.forEach((issue, i) => (pkg[issue] = space.optionIds[i]![digits[i]!]!));
  return pkg;
}


