// Long random games from every seat, legal and illegal actions mixed with garbage: the
// invariants of `apply` must hold after every step.
import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { Scenario } from "../scenario/schema.ts";
import { apply, createGame, replay, reveal, viewFor } from "./index.ts";
import { seededRandom } from "./rng.ts";
import { deepFreeze, randomAction } from "./testing.ts";
import type { GameAction, GameState } from "./types.ts";

function load(name: string): Scenario {
  const url = new URL(`../../tests/fixtures/scenarios/${name}/scenario.yaml`, import.meta.url);
  return Scenario.parse(YAML.parse(fs.readFileSync(url, "utf8")));
}

const bilateral = load("bilateral-test");
const multilateral = load("multilateral-test");
const SCENARIOS: Record<string, Scenario> = {
  bilateral,
  multilateral,
  chaired: { ...multilateral, chair: "beta" },
  // Alternating offers also work for more than two delegations.
  "alternating-4": { ...multilateral, protocol: "alternating", deadline: { rounds: 3, secondsPerTurn: 60 } },
};

/** The state without the scenario (which never changes), for cheap before/after comparisons. */
function bytes(state: GameState): string {
  return JSON.stringify({ ...state, scenario: null });
}

function checkViews(state: GameState): void {
  const scenario = state.scenario;
  for (const d of scenario.delegations) {
    const view = JSON.stringify(viewFor(state, { kind: "delegation", id: d.id }));
    for (const other of scenario.delegations) {
      if (other.id !== d.id) expect(view).not.toContain(other.privateBrief);
    }
  }
  for (const viewer of [{ kind: "observer" }, { kind: "facilitator" }] as const) {
    const view = viewFor(state, viewer);
    expect(view.messages.every((m) => m.channel === "public")).toBe(true);
    expect(view.me).toBeUndefined();
  }
  reveal(state);
}

describe("random games", () => {
  it("keep every invariant of apply", () => {
    fc.assert(
      fc.property(
        fc.record({
          scenario: fc.constantFrom(...Object.keys(SCENARIOS)),
          seed: fc.integer(),
          actionSeed: fc.integer(),
          length: fc.integer({ min: 1, max: 200 }),
          illegal: fc.double({ min: 0, max: 0.6, noNaN: true }),
          accept: fc.double({ min: 0, max: 0.5, noNaN: true }),
        }),
        ({ scenario: name, seed, actionSeed, length, illegal, accept }) => {
          const scenario = SCENARIOS[name]!;
          const random = seededRandom(actionSeed);
          let state = deepFreeze(createGame(scenario, seed));
          const log: GameAction[] = [];
          let ends = 0;
          let afterEnd = 0;
          for (let step = 0; step < length && afterEnd < 10; step++) {
            const action = randomAction(state, random, { illegal, accept });
            const before = bytes(state);
            const result = apply(state, action);
            expect(bytes(state)).toBe(before); // the input is never changed (and it is deep-frozen)
            if (!result.ok) {
              expect(result.code, result.message).not.toBe("internal_error");
              expect(result.message.length).toBeGreaterThan(0);
              if (state.phase === "ended") afterEnd++;
              continue;
            }
            // Once ended, everything is refused: at most one outcome, never changed.
            expect(state.phase).not.toBe("ended");
            const next = result.state;
            expect(next.version).toBe(state.version + 1);
            expect(next.tableVersion).toBeGreaterThanOrEqual(state.tableVersion);
            expect(next.tableVersion).toBeLessThanOrEqual(next.version);
            expect([...next.actionIds]).toEqual([...state.actionIds, action.actionId]);
            expect(next.actionIds.toJSON()).toEqual([...next.actionIds]);
            for (const event of result.events) expect(event.version).toBe(next.version);
            ends += result.events.filter((e) => e.type === "ended").length;
            expect(ends).toBeLessThanOrEqual(1);
            expect(next.phase === "ended").toBe(next.outcome !== null);
            if (next.outcome) {
              for (const u of Object.values(next.outcome.utilities)) {
                expect(u).toBeGreaterThanOrEqual(0);
                expect(u).toBeLessThanOrEqual(1);
              }
              expect(Object.keys(next.outcome.utilities)).toEqual(next.order);
              if (next.outcome.agreement) expect(next.outcome.package).not.toBeNull();
            }
            expect(next.round).toBeLessThanOrEqual(next.deadlineRounds);
            state = deepFreeze(next);
            log.push(action);
          }
          checkViews(state);
          expect(JSON.stringify(replay(scenario, seed, log))).toBe(JSON.stringify(state));
        },
      ),
      { numRuns: 300 },
    );
  });
});
