// The coach's estimate of the other delegations: what each one seems to care about, learned only
// from the moves the seat has seen (what they tabled, accepted and refused), through the very
// frequency model the bots use (shared/bots/opponent.ts: `MoveReader` feeds `OthersModel`). It
// reads a `SeatView` and nothing else: no other delegation's profile is ever an input.
import { MoveReader, OthersModel, type OpponentModel } from "../bots/opponent.ts";
import { ownSpace, SpaceTooLarge, type OwnSpace } from "../bots/space.ts";
import type { Package, ReadonlyPackage, SeatView } from "../rules/types.ts";

/** What the coach believes of one other delegation. */
export interface Estimate {
  readonly delegation: string;
  /** Moves of theirs the estimate learned from (proposals, acceptances, refusals). */
  readonly moves: number;
  /** Estimated issue weights, summing to 1 (issue id → weight). */
  readonly weights: Readonly<Record<string, number>>;
  /**
   * Estimated value of each option in (0, 1] (issue id → option id → value), read as the bots'
   * model reads it (`OpponentModel.prediction`: the evidence Laplace-smoothed and scaled, the best
   * option 1): every option 1 while nothing is known, so Σ weight × value is the Diplomat's own
   * predicted utility, and a package's estimate is an upper-leaning guess.
   */
  readonly values: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * How sure the estimate is, in [0, 1]: grows with the moves seen (n / (n + issues)) and with how
   * clearly their moves single out options (the share of each issue's positive evidence on its
   * favourite option, above what an even spread would give).
   */
  readonly confidence: number;
}

/**
 * The seat's own sorted space (the bots' `OwnSpace`), or null for a viewer without a seat and for
 * a scenario too large for it (more than MAX_BOT_OUTCOMES packages: no bot plays it either).
 */
export function mySpace(view: SeatView): OwnSpace | null {
  if (!view.me) return null;
  try {
    return ownSpace(view.scenario.issues, view.me.profile);
  } catch (e) {
    if (e instanceof SpaceTooLarge) return null;
    throw e;
  }
}

/** The frequency models of the others, fed every move the seat has seen, in order. */
export function othersModel(view: SeatView, space: OwnSpace): OthersModel {
  const me = view.me!.delegation;
  const others = new OthersModel();
  new MoveReader(me).read(view.moves, space, {
    proposal: (by, index) => {
      if (by !== me) others.proposed(space, by, index);
    },
    answer: (by, index, accept) => others.answered(space, by, index, accept),
  });
  return others;
}

/** One delegation's estimate read out of its model (or the know-nothing estimate without one). */
export function readEstimate(space: OwnSpace, delegation: string, model: OpponentModel | undefined): Estimate {
  const n = space.issueIds.length;
  const w = model ? model.weights() : new Float64Array(n).fill(1 / n);
  const weights: Record<string, number> = {};
  const values: Record<string, Record<string, number>> = {};
  let sharpness = 0;
  for (let i = 0; i < n; i++) {
    const issue = space.issueIds[i]!;
    weights[issue] = w[i]!;
    const options = space.optionIds[i]!;
    const c = model ? model.evidenceOf(i) : new Float64Array(options.length);
    let min = Infinity;
    let max = -Infinity;
    let positive = 0;
    // Options with the most evidence are worth 1 to them; the least, 1 / (spread + 1).
    for (const x of c) {
      if (x < min) min = x;
      if (x > max) max = x;
      if (x > 0) positive += x;
    }
    const v: Record<string, number> = {};
    options.forEach((o, k) => {
      v[o] = (c[k]! - min + 1) / (max - min + 1);
    });
    values[issue] = v;
    if (positive > 0 && options.length > 1) {
      const even = 1 / options.length;
      sharpness += (Math.max(0, max) / positive - even) / (1 - even);
    }
  }
  const moves = model?.evidence ?? 0;
  const confidence = n === 0 ? 0 : (moves / (moves + n)) * (0.5 + (0.5 * sharpness) / n);
  return { delegation, moves, weights, values, confidence };
}

/** The estimate of every other delegation, in scenario order; empty for a viewer without a seat. */
export function estimateOthers(view: SeatView): Estimate[] {
  const space = mySpace(view);
  if (!space || !view.me) return [];
  const model = othersModel(view, space);
  return view.scenario.delegations
    .filter((d) => d.id !== view.me!.delegation)
    .map((d) => readEstimate(space, d.id, model.of(d.id)));
}

/** A package's estimated worth to a delegation, Σ ŵ·v̂, in [0, 1]. Issues missing from the package count 0. */
export function estimatedUtility(estimate: Estimate, pkg: ReadonlyPackage | Package): number {
  let u = 0;
  for (const issue in estimate.weights) {
    const option = pkg[issue];
    if (option === undefined) continue;
    u += estimate.weights[issue]! * (estimate.values[issue]?.[option] ?? 0);
  }
  return u;
}
