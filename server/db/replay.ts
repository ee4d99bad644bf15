// A stored match brought back to a game state: its scenario as it was when the match was created
// (the row's copy, not today's file), its seed, and its log replayed through the rules. The one
// place that reads `scenario_json`: a table restored after a restart, an ended table shown to its
// class, a tournament game recorded, and the HTTP reads all go through here.
import { replay } from "../../shared/rules/index.ts";
import type { GameState } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { MatchRow } from "./schema.ts";
import type { StoredMatch } from "./store.ts";

/**
 * Scenarios read back from rows, by their stored JSON (the most recently used few): the tables of
 * one scenario share one object, read-only like the catalog's, so that what the rules work out once
 * per scenario object (shared/rules/per-scenario.ts: facts, the public scenario) is worked out once
 * and not for each table restored after a restart, and the JSON is parsed once.
 */
const parsedScenarios = new Map<string, Scenario>();
export const PARSED_SCENARIOS_KEPT = 32;

/** The scenario a match was created with, from its row; a row that does not parse names the match. */
export function storedScenario(row: Pick<MatchRow, "id" | "scenario_json">): Scenario {
  const json = row.scenario_json;
  const known = parsedScenarios.get(json);
  if (known !== undefined) {
    parsedScenarios.delete(json);
    parsedScenarios.set(json, known);
    return known;
  }
  let scenario: Scenario;
  try {
    // Written by the server from a checked Scenario (JSON.stringify), so its shape is trusted.
    scenario = JSON.parse(json) as Scenario;
  } catch (e) {
    throw new Error(`match ${row.id}: its stored scenario (matches.scenario_json) is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  parsedScenarios.set(json, scenario);
  if (parsedScenarios.size > PARSED_SCENARIOS_KEPT) parsedScenarios.delete(parsedScenarios.keys().next().value!);
  return scenario;
}

/**
 * The game a stored match is at: its log replayed on its own scenario and seed. Throws (naming the
 * match and the refused action) when the log does not replay.
 */
export function replayMatch(stored: Pick<StoredMatch, "match" | "actions">): GameState {
  const scenario = storedScenario(stored.match);
  try {
    return replay(scenario, stored.match.seed, stored.actions.map((a) => a.action));
  } catch (e) {
    throw new Error(`match ${stored.match.id}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
