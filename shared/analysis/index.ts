// The analysis API: utilities, Pareto frontier, bargaining points, deal analysis, scenario stats.
export { utility, redLinesCrossed, outcomeSpace, optionIndices, packageAt, indexOf } from "./utility.ts";
export type { Party, OutcomeSpace } from "./utility.ts";
export {
  utilities,
  utilitiesOf,
  crossedOf,
  packageIndex,
  signableOptions,
  signableCount,
  allOptions,
  blocks,
  walk,
} from "./outcomes.ts";
export type { UtilityTable, Blocks, BlockVisitor, Choices } from "./outcomes.ts";
export { paretoFrontier, frontierOfPoints, frontierOptions, frontierPoints, distanceToFrontier } from "./pareto.ts";
export type { ParetoFrontier, FrontierTuning } from "./pareto.ts";
export {
  maxUtilities,
  bargainingPoints,
  nashPoint,
  kalaiSmorodinsky,
  maxWelfare,
  oppositionLevel,
  bestFor,
  zoneOfAgreement,
} from "./points.ts";
export type { OutcomePoint, BargainingPoints, ZoneOfAgreement } from "./points.ts";
export { dealAnalysis } from "./deal.ts";
export type { DealAnalysis, DealParty, DealContext } from "./deal.ts";
export { scenarioStats, scenarioStatsJson, pointJson } from "./stats.ts";
export type { ScenarioStats, ScenarioStatsJson, OutcomePointJson } from "./stats.ts";
export { analyzeScenario } from "./report.ts";
export type { ScenarioAnalysis, HistoricalJson } from "./report.ts";
