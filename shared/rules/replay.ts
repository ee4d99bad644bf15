// The record is the truth: a scenario, a seed and the accepted actions give back the state.
import type { Scenario } from "../scenario/schema.ts";
import { apply } from "./apply.ts";
import { createGame } from "./create.ts";
import type { GameAction, GameState } from "./types.ts";

/**
 * Replay a log of accepted actions from the start. Throws when the log holds an action the rules
 * refuse: the log is then corrupt (or from other rules), and no state can be trusted.
 */
export function replay(scenario: Scenario, seed: number, actions: readonly GameAction[]): GameState {
  let state = createGame(scenario, seed);
  actions.forEach((action, i) => {
    const result = apply(state, action);
    if (!result.ok) {
      throw new Error(`replay: action ${i} (${String(action?.type)} '${String(action?.actionId)}') was refused: ${result.code}: ${result.message}`);
    }
    state = result.state;
  });
  return state;
}
