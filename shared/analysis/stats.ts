// Everything about a scenario's outcome space in one object (NegMAS `ScenarioStats`), and its JSON form.
import type { Package } from "../scenario/schema.ts";
import { signableCount } from "./outcomes.ts";
import { frontierPoints, paretoFrontier, type ParetoFrontier } from "./pareto.ts";
import { bargainingPoints, maxUtilities, type OutcomePoint } from "./points.ts";
import { packageAt, type OutcomeSpace } from "./utility.ts";

export interface ScenarioStats {
  /** Packages in the space. */
  outcomes: number;
  /** Packages crossing no party's red line: the ones every statistic below is taken over. */
  signable: number;
  /** Party ids, the order of every utility vector. */
  delegations: string[];
  reservation: number[];
  /** Each party's best signable utility (the ideal point; NegMAS's utility range maximum). */
  ideal: number[];
  pareto: ParetoFrontier;
  nash: OutcomePoint | null;
  kalaiSmorodinsky: OutcomePoint | null;
  maxWelfare: OutcomePoint | null;
  /** NegMAS opposition level; Infinity when no package is individually rational. */
  opposition: number;
}

/** The frontier (built issue by issue) plus one streaming pass for the bargaining points; no utility table. */
export function scenarioStats(space: OutcomeSpace): ScenarioStats {
  const ideal = maxUtilities(space);
  const points = bargainingPoints(space, ideal);
  return {
    outcomes: space.size,
    signable: signableCount(space),
    delegations: [...space.partyIds],
    reservation: [...space.reservation],
    ideal,
    pareto: paretoFrontier(space),
    nash: points.nash,
    kalaiSmorodinsky: points.kalaiSmorodinsky,
    maxWelfare: points.maxWelfare,
    opposition: points.opposition,
  };
}

export interface OutcomePointJson {
  package: Package;
  utilities: number[];
}

export interface ScenarioStatsJson {
  outcomes: number;
  signable: number;
  delegations: string[];
  reservation: number[];
  ideal: number[];
  pareto: number[][];
  nash: OutcomePointJson | null;
  kalaiSmorodinsky: OutcomePointJson | null;
  maxWelfare: OutcomePointJson | null;
  /** null when no package is individually rational (JSON has no Infinity). */
  opposition: number | null;
}

export function pointJson(space: OutcomeSpace, point: OutcomePoint | null): OutcomePointJson | null {
  return point ? { package: packageAt(space, point.index), utilities: point.utilities } : null;
}

export function scenarioStatsJson(space: OutcomeSpace, stats: ScenarioStats): ScenarioStatsJson {
  return {
    outcomes: stats.outcomes,
    signable: stats.signable,
    delegations: stats.delegations,
    reservation: stats.reservation,
    ideal: stats.ideal,
    pareto: frontierPoints(stats.pareto),
    nash: pointJson(space, stats.nash),
    kalaiSmorodinsky: pointJson(space, stats.kalaiSmorodinsky),
    maxWelfare: pointJson(space, stats.maxWelfare),
    opposition: Number.isFinite(stats.opposition) ? stats.opposition : null,
  };
}
