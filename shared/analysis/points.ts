// Bargaining solutions and single-pass statistics over the signable packages (NegMAS `nash_points`,
// `kalai_points`, `max_welfare_points`, `opposition_level`). Everything streams over the space: no
// table is built, so memory stays flat however large the space. Ties go to the lowest package index.
import { blocks, signableOptions, utilitiesOf, walk } from "./outcomes.ts";
import type { OutcomeSpace } from "./utility.ts";

/** A package of the space and its utility vector (party order). */
export interface OutcomePoint {
  index: number;
  utilities: number[];
}

/**
 * Each party's best achievable utility: the max over signable packages (the "ideal point"). Utilities
 * are additive and the signable packages a product, so it is the sum of per-issue maxima — in issue
 * order, hence equal to the best package's utility bit for bit. No signable package: the reservation value.
 */
export function maxUtilities(space: OutcomeSpace): number[] {
  const allowed = signableOptions(space);
  if (allowed.some((options) => options.length === 0)) return [...space.reservation];
  return space.score.map((byIssue) => {
    let total = 0;
    allowed.forEach((options, i) => {
      let best = -Infinity;
      for (const o of options) if (byIssue[i]![o]! > best) best = byIssue[i]![o]!;
      total += best;
    });
    return total;
  });
}

export interface BargainingPoints {
  nash: OutcomePoint | null;
  kalaiSmorodinsky: OutcomePoint | null;
  maxWelfare: OutcomePoint | null;
  opposition: number;
}

/**
 * One pass over the signable packages for all four statistics (the single-answer functions below are
 * views of it). A package is individually rational when u_i ≥ r_i for every party; max_i is party i's
 * best signable utility (`maxUtilities`; NegMAS takes it over all outcomes — the same without red lines).
 * - Nash: max Π(u_i − r_i) over rational packages.
 * - Kalai–Smorodinsky: max min_i (u_i − r_i)/(max_i − r_i) over rational packages (a party with
 *   max_i = r_i counts as fully satisfied, 1), ties to the larger welfare Σu_i.
 * - Max welfare: max Σu_i over all signable packages, rational or not, as NegMAS does.
 * - Opposition (NegMAS `opposition_level`): sqrt(min over rational packages of Σ_i (1 − u_i/max_i)²),
 *   with (1 − u_i)² when max_i = 0 — the distance to the ideal point in max-relative units. Not divided
 *   by sqrt(parties), as in NegMAS; Infinity when no package is rational (NegMAS: `inf`).
 */
export function bargainingPoints(space: OutcomeSpace, ideal: readonly number[] = maxUtilities(space)): BargainingPoints {
  const b = blocks(space, signableOptions(space));
  const k = b.parties;
  const m = b.last.length;
  const r = Float64Array.from(space.reservation);
  const span = Float64Array.from(ideal, (max, p) => max - r[p]!);
  const scale = Float64Array.from(ideal, (max) => (max !== 0 ? max : 1));
  let nash = -1;
  let nashValue = -Infinity;
  let ks = -1;
  let ksValue = -Infinity;
  let ksWelfare = -Infinity;
  let welfareAt = -1;
  let welfareMax = -Infinity;
  let nearest = Infinity;
  walk(b, (base, _red, first) => {
    for (let t = 0; t < m; t++) {
      let welfare = 0;
      let product = 1;
      let ratio = Infinity;
      let distance = 0;
      let rational = true;
      for (let p = 0; p < k; p++) {
        const v = base[p]! + b.lastScore[p]![t]!;
        welfare += v;
        const surplus = v - r[p]!;
        if (surplus < 0) rational = false;
        product *= surplus;
        const share = span[p]! > 0 ? surplus / span[p]! : 1;
        if (share < ratio) ratio = share;
        const gap = 1 - v / scale[p]!;
        distance += gap * gap;
      }
      const index = first + b.last[t]!;
      if (welfare > welfareMax) {
        welfareMax = welfare;
        welfareAt = index;
      }
      if (!rational) continue;
      if (product > nashValue) {
        nashValue = product;
        nash = index;
      }
      if (ratio > ksValue || (ratio === ksValue && welfare > ksWelfare)) {
        ksValue = ratio;
        ksWelfare = welfare;
        ks = index;
      }
      if (distance < nearest) nearest = distance;
    }
  });
  const point = (index: number): OutcomePoint | null => (index < 0 ? null : { index, utilities: utilitiesOf(space, index) });
  return { nash: point(nash), kalaiSmorodinsky: point(ks), maxWelfare: point(welfareAt), opposition: Math.sqrt(nearest) };
}

/** The Nash bargaining point: max Π(u_i − r_i) over rational signable packages; null when there is none. */
export function nashPoint(space: OutcomeSpace): OutcomePoint | null {
  return bargainingPoints(space).nash;
}

/** The Kalai–Smorodinsky point (see `bargainingPoints`); null when no signable package is rational. */
export function kalaiSmorodinsky(space: OutcomeSpace): OutcomePoint | null {
  return bargainingPoints(space).kalaiSmorodinsky;
}

/** The signable package with the largest Σu_i, rational or not; null when no package is signable. */
export function maxWelfare(space: OutcomeSpace): OutcomePoint | null {
  return bargainingPoints(space).maxWelfare;
}

/** NegMAS's opposition level (see `bargainingPoints`): 0 for identical interests; Infinity when no package is rational. */
export function oppositionLevel(space: OutcomeSpace): number {
  return bargainingPoints(space).opposition;
}

/**
 * Party p's favourite signable package: max u_p, ties to the larger welfare (so the answer is Pareto
 * optimal), then the lowest index. Null when no package is signable. A natural opening offer.
 */
export function bestFor(space: OutcomeSpace, party: number): OutcomePoint | null {
  const b = blocks(space, signableOptions(space));
  const k = b.parties;
  const m = b.last.length;
  let at = -1;
  let bestU = -Infinity;
  let bestW = -Infinity;
  walk(b, (base, _red, first) => {
    for (let t = 0; t < m; t++) {
      const v = base[party]! + b.lastScore[party]![t]!;
      if (v < bestU) continue;
      let welfare = 0;
      for (let p = 0; p < k; p++) welfare += base[p]! + b.lastScore[p]![t]!;
      if (v > bestU || welfare > bestW) {
        bestU = v;
        bestW = welfare;
        at = first + b.last[t]!;
      }
    }
  });
  return at < 0 ? null : { index: at, utilities: utilitiesOf(space, at) };
}

export interface ZoneOfAgreement {
  /** Packages that the agreement rule can adopt (with `stopAtFirst`: 0 or 1). */
  count: number;
  /** The lowest such package index, or −1. */
  first: number;
}

/**
 * The zone of possible agreement under the scenario's rule. A party accepts a package when it gives it at
 * least its reservation value and crosses none of its red lines; a package is in the zone when every
 * required party accepts it and at least `quorum` parties do. Streams over the whole space in one pass.
 */
export function zoneOfAgreement(
  space: OutcomeSpace,
  required: readonly boolean[],
  quorum: number,
  options: { stopAtFirst?: boolean } = {},
): ZoneOfAgreement {
  const b = blocks(space);
  const k = b.parties;
  const m = b.last.length;
  const r = Float64Array.from(space.reservation);
  const must = Uint8Array.from(space.partyIds, (_, p) => (required[p] ? 1 : 0));
  let count = 0;
  let first = -1;
  walk(b, (base, red, start) => {
    for (let t = 0; t < m; t++) {
      let accepting = 0;
      let p = 0;
      for (; p < k; p++) {
        if (red[p]! + b.lastRed[p]![t]! === 0 && base[p]! + b.lastScore[p]![t]! >= r[p]!) accepting++;
        else if (must[p]) break;
      }
      if (p < k || accepting < quorum) continue;
      count++;
      if (first < 0) {
        first = start + b.last[t]!;
        if (options.stopAtFirst) return true;
      }
    }
  });
  return { count, first };
}
