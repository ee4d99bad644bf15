// A stored match brought back to a game state: its scenario as it was when the match was created
// (the row's copy, not today's file), its seed, and its log replayed through the rules. The one
// place that reads `scenario_json`: a table restored after a restart, an ended table shown to its
// class, a tournament game recorded, and the HTTP reads all go through here.
import { replay } from "../../shared/rules/index.ts";
import type { GameState } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { MatchRow } from "./schema.ts";
import type { StoredMatch } from "./store.ts";

/** The scenario a match was created with, from its row; a row that does not parse names the match. */
export function storedScenario(row: Pick<MatchRow, "id" | "scenario_json">): Scenario {
  try {
    // Written by the server from a checked Scenario (JSON.stringify), so its shape is trusted.
    return JSON.parse(row.scenario_json) as Scenario;
  } catch (e) {
    throw new Error(`match ${row.id}: its stored scenario (matches.scenario_json) is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
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
