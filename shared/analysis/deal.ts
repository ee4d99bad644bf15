// How good a deal was, party by party (the debrief): utility, advantage, surplus share, and how far
// the deal sits from the Pareto frontier.
import type { Package } from "../scenario/schema.ts";
import { crossedOf, packageIndex, utilitiesOf } from "./outcomes.ts";
import { distanceToFrontier, paretoFrontier, type ParetoFrontier } from "./pareto.ts";
import { maxUtilities } from "./points.ts";
import type { OutcomeSpace } from "./utility.ts";

export interface DealParty {
  id: string;
  /** The deal's utility, or the reservation value when there is no deal. */
  utility: number;
  /** (u − r)/(max − r): 0 at walking away, 1 at the party's best signable package; 0 when max = r or no deal; negative below r. */
  advantage: number;
  /** (u_i − r_i)/Σ_j(u_j − r_j): the party's part of the surplus created; 0 for everyone when that sum is 0. */
  surplusShare: number;
  /** The deal crosses one of the party's red lines (possible when a quorum adopts it without this party). */
  redLineCrossed: boolean;
}

export interface DealAnalysis {
  /** Packages in the outcome space. */
  outcomes: number;
  /** The deal's package index, or null for no deal. */
  index: number | null;
  utilities: number[];
  parties: DealParty[];
  /** Euclidean distance in utility space to the nearest frontier point (0 on the frontier; null when no package is signable). */
  paretoDistance: number | null;
}

/** What the analysis needs of the space; pass the `scenarioStats` result to avoid recomputing it. */
export interface DealContext {
  ideal: readonly number[];
  pareto: ParetoFrontier;
}

export function dealAnalysis(space: OutcomeSpace, deal: Package | null, context?: DealContext): DealAnalysis {
  const ideal = context?.ideal ?? maxUtilities(space);
  const pareto = context?.pareto ?? paretoFrontier(space);
  const r = space.reservation;
  const index = deal === null ? null : packageIndex(space, deal);
  const utilities = index === null ? [...r] : utilitiesOf(space, index);
  const crossed = index === null ? r.map(() => false) : crossedOf(space, index);
  const surplus = utilities.map((u, p) => u - r[p]!);
  const total = surplus.reduce((a, s) => a + s, 0);
  const parties = space.partyIds.map((id, p) => {
    const span = ideal[p]! - r[p]!;
    return {
      id,
      utility: utilities[p]!,
      advantage: index === null || span === 0 ? 0 : surplus[p]! / span,
      surplusShare: total === 0 ? 0 : surplus[p]! / total,
      redLineCrossed: crossed[p]!,
    };
  });
  return { outcomes: space.size, index, utilities, parties, paretoDistance: distanceToFrontier(pareto, utilities) };
}
