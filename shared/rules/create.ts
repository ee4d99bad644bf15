// A new table, before the facilitator starts it.
import type { Scenario } from "../scenario/schema.ts";
import { rngState } from "./rng.ts";
import type { GameState } from "./types.ts";

/**
 * The state of a new table for a scenario. Throws (a programming error, not a bad action) when
 * the scenario names a delegation that does not exist; the scenario loader's checks catch that
 * first with a message naming the file and field.
 */
export function createGame(scenario: Scenario, seed: number): GameState {
  const order = scenario.delegations.map((d) => d.id);
  const known = (id: string, field: string): void => {
    if (!order.includes(id)) {
      throw new Error(`createGame: scenario '${scenario.id}': ${field} names unknown delegation '${id}'`);
    }
  };
  const required = [...scenario.agreement.required];
  for (const d of scenario.delegations) if (d.required && !required.includes(d.id)) required.push(d.id);
  required.forEach((id, i) => known(id, `agreement.required[${i}]`));
  if (scenario.chair !== undefined) known(scenario.chair, "chair");
  if (scenario.firstMover !== undefined) known(scenario.firstMover, "firstMover");

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
    agreement: { required, quorum: scenario.agreement.quorum ?? order.length },
    turn: null,
    stage: "proposing",
    table: null,
    profiles: Object.fromEntries(scenario.delegations.map((d) => [d.id, structuredClone(d.profile)])),
    firedInjects: [],
    messages: [],
    moves: [],
    actionIds: [],
    outcome: null,
  };
}
