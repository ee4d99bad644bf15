// A scenario's analysis as `accord scenario analyze` prints it (table or --json).
import type { Scenario } from "../scenario/schema.ts";
import { dealAnalysis, type DealParty } from "./deal.ts";
import { frontierPoints } from "./pareto.ts";
import { pointJson, scenarioStats, type OutcomePointJson } from "./stats.ts";
import { outcomeSpace } from "./utility.ts";

export interface HistoricalJson extends OutcomePointJson {
  note: string;
  parties: DealParty[];
  paretoDistance: number | null;
}

export interface ScenarioAnalysis {
  outcomes: number;
  /** Packages crossing no delegation's red line. */
  signable: number;
  /** Delegation ids, the order of every utility vector. */
  delegations: string[];
  reservation: number[];
  /** Each delegation's best signable utility. */
  best: number[];
  pareto: number[][];
  nash: OutcomePointJson | null;
  kalaiSmorodinsky: OutcomePointJson | null;
  maxWelfare: OutcomePointJson | null;
  /** NegMAS opposition level; Infinity (null in JSON) when no package is individually rational. */
  opposition: number;
  /** The scenario's historical outcome analysed as a deal, when it has one. */
  historical: HistoricalJson | null;
}

export function analyzeScenario(scenario: Scenario): ScenarioAnalysis {
  const space = outcomeSpace(scenario.issues, scenario.delegations);
  const stats = scenarioStats(space);
  let historical: HistoricalJson | null = null;
  if (scenario.historicalOutcome) {
    const deal = dealAnalysis(space, scenario.historicalOutcome.package, stats);
    historical = {
      package: scenario.historicalOutcome.package,
      utilities: deal.utilities,
      note: scenario.historicalOutcome.note,
      parties: deal.parties,
      paretoDistance: deal.paretoDistance,
    };
  }
  return {
    outcomes: stats.outcomes,
    signable: stats.signable,
    delegations: stats.delegations,
    reservation: stats.reservation,
    best: stats.ideal,
    pareto: frontierPoints(stats.pareto),
    nash: pointJson(space, stats.nash),
    kalaiSmorodinsky: pointJson(space, stats.kalaiSmorodinsky),
    maxWelfare: pointJson(space, stats.maxWelfare),
    opposition: stats.opposition,
    historical,
  };
}
