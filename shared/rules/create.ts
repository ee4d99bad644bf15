// A new table, before the facilitator starts it.
import type { Scenario } from "../scenario/schema.ts";
import { scenarioFacts } from "./per-scenario.ts";
import { AppliedIds } from "./applied-ids.ts";
import { rngState } from "./rng.ts";
import type { GameState } from "./types.ts";

function checkKnown(scenario: Scenario, order: readonly string[], id: string, field: string): void {
  if (!order.includes(id)) throw new Error(`createGame: scenario '${scenario.id}': ${field} names unknown delegation '${id}'`);
}

/**
 * The state of a new table for a scenario. Throws (a programming error, not a bad action) when
 * the scenario names a delegation that does not exist; the scenario loader's checks catch that
 * first with a message naming the file and field.
 */
export function createGame(scenario: Scenario, seed: number): GameState {
  // Worked out once per scenario and shared by its games (never changed: see types.ts).
  const facts = scenarioFacts(scenario);
  const order = facts.order;
  const required = facts.agreement.required;
  for (let i = 0; i < required.length; i++) checkKnown(scenario, order, required[i]!, `agreement.required[${i}]`);
  if (scenario.chair !== undefined) checkKnown(scenario, order, scenario.chair, "chair");
  if (scenario.firstMover !== undefined) checkKnown(scenario, order, scenario.firstMover, "firstMover");

  return {
    scenario,
    seed,
    rng: rngState(seed),
    version: 0,
    tableVersion: 0,
    phase: "waiting",
    round: 0,
    deadlineRounds: scenario.deadline.rounds,
    order,
    firstMover: null,
    agreement: facts.agreement,
    turn: null,
    stage: "proposing",
    table: null,
    profiles: facts.profiles,
    firedInjects: [],
    messages: [],
    moves: [],
    actionIds: AppliedIds.none(),
    outcome: null,
  };
}
