// A view shares the game's data instead of copying it (see shared/rules/types.ts): a bot reading
// its view through a whole game must not be able to change the game through it. The states here
// are deep-frozen, so any write through a view throws; and the state is compared byte for byte
// before and after every decision, frozen or not.
import { describe, expect, it } from "vitest";
import { BOT_NAMES, botsFor, playGame, type Bot } from "../../shared/bots/index.ts";
import { replay, viewFor } from "../../shared/rules/index.ts";
import { deepFreeze } from "../../shared/rules/testing.ts";
import type { GameAction, GameState, SeatView } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { bilateral, multilateral, syntheticMultilateral } from "./scenarios.ts";

/** The state without the scenario (which is shared, and checked separately). */
function bytes(state: GameState): string {
  return JSON.stringify({ ...state, scenario: null });
}

function play(scenario: Scenario, seed: number, strategy: (typeof BOT_NAMES)[number], freeze: boolean): number {
  const scenarioBytes = JSON.stringify(scenario);
  const names = Object.fromEntries(scenario.delegations.map((d) => [d.id, strategy]));
  const inner = botsFor(scenario, seed, names);
  let current: GameState | null = null;
  let decisions = 0;
  const bots: Record<string, Bot> = {};
  for (const [id, bot] of Object.entries(inner)) {
    bots[id] = {
      strategy: bot.strategy,
      delegation: bot.delegation,
      act(view: SeatView) {
        const state = current!;
        const before = bytes(state);
        const viewBefore = JSON.stringify(view);
        const action = bot.act(view);
        decisions++;
        // Nothing the bot was handed, and nothing in the state, has changed.
        expect(JSON.stringify(view)).toBe(viewBefore);
        expect(bytes(state)).toBe(before);
        // And a fresh view of the same state is still the same.
        expect(JSON.stringify(viewFor(state, { kind: "delegation", id }))).toBe(viewBefore);
        return action;
      },
    };
  }
  const log: GameAction[] = [];
  const played = playGame(scenario, seed, bots, {
    onAction: (action, state) => {
      current = freeze ? deepFreeze(state) : state;
      log.push(action);
    },
  });
  expect(bytes(replay(scenario, seed, log))).toBe(bytes(played.state));
  expect(JSON.stringify(scenario)).toBe(scenarioBytes);
  return decisions;
}

describe("a bot cannot change the game through its view", () => {
  const scenarios: Scenario[] = [bilateral, multilateral, syntheticMultilateral(5, 3, 3, 4, 4)];
  for (const freeze of [true, false]) {
    it(freeze ? "with every state deep-frozen: no write is even attempted" : "with plain states: every state stays as it was", () => {
      let decisions = 0;
      for (const scenario of scenarios) {
        for (const strategy of BOT_NAMES) {
          for (const seed of [1, 2]) decisions += play(scenario, seed, strategy, freeze);
        }
      }
      expect(decisions).toBeGreaterThan(100);
    });
  }
});
