// A table's projection action after action (server/rooms/projection.ts `TableProjection`) reads
// only the messages since the last action, yet syncs exactly what projecting the observer's view of
// the whole record does: the same statements in the window, the same totals, byte for byte. A bot's
// view (server/table/bots.ts `viewOf`) reads its messages the same way, and sees what viewFor shows.
import { Encoder } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import { apply, createGame, viewFor } from "../../shared/rules/index.ts";
import { seededRandom } from "../../shared/rules/rng.ts";
import { randomAction } from "../../shared/rules/testing.ts";
import type { GameState } from "../../shared/rules/types.ts";
import { Scenario } from "../../shared/scenario/schema.ts";
import { TableState } from "../../shared/state/table.ts";
import { projectView, TableProjection } from "../../server/rooms/projection.ts";
import { BotDriver } from "../../server/table/bots.ts";
import { FakeTimers } from "../../server/table/timers.ts";
import { fixtureData } from "../helpers/fixtures.ts";

/** A multilateral game of random legal actions, every state after each. */
function game(seed: number, actions: number): GameState[] {
  const data = fixtureData("multilateral-test");
  data.deadline = { rounds: 1000, secondsPerTurn: 60 };
  let state = createGame(Scenario.parse(data), seed);
  const random = seededRandom(seed);
  const start = apply(state, { type: "start", actionId: "start", version: 0, by: { kind: "facilitator" } });
  if (!start.ok) throw new Error(start.message);
  state = start.state;
  const states: GameState[] = [state];
  while (states.length < actions) {
    const action = randomAction(state, random, { illegal: 0, accept: 0 });
    if (action.type === "end" || action.type === "walk_away" || action.type === "pause") continue;
    const result = apply(state, action);
    if (!result.ok) continue;
    state = result.state;
    if (state.phase !== "running") break;
    states.push(state);
  }
  return states;
}

const bytes = (state: TableState) => Buffer.from(new Encoder(state).encodeAll()).toString("hex");

describe("a table's projection, action after action", () => {
  for (const window of [200, 7]) {
    it(`syncs what the whole record's view does (statement window ${window})`, () => {
      const states = game(11, 300);
      const last = states.at(-1)!;
      // The record mixes public statements with private messages and team notes (the observer's
      // view of it is then a filtered copy, which the projection now makes of the new ones only).
      expect(last.messages.some((m) => m.channel !== "public")).toBe(true);
      // A window of 7 is overrun (the oldest leave it); one of 200 is not.
      expect(last.messages.filter((m) => m.channel === "public").length > window).toBe(window === 7);
      const step = new TableState();
      const projection = new TableProjection(step);
      const whole = new TableState();
      for (const state of states) {
        projection.project(state, window, {});
        projectView(whole, viewFor(state, { kind: "observer" }), window, {});
        expect(step.statementsTotal).toBe(whole.statementsTotal);
        expect(step.statements.map((s) => s.id)).toEqual(whole.statements.map((s) => s.id));
      }
      expect(bytes(step)).toBe(bytes(whole));
    });
  }

  it("starts from a whole record (a restored table) and goes on from there", () => {
    const states = game(5, 200);
    const middle = states[120]!;
    const step = new TableState();
    const projection = new TableProjection(step);
    const whole = new TableState();
    for (const state of [middle, ...states.slice(121)]) {
      projection.project(state, 50, {});
      projectView(whole, viewFor(state, { kind: "observer" }), 50, {});
    }
    expect(step.statementsTotal).toBe(states.at(-1)!.messages.filter((m) => m.channel === "public").length);
    expect(bytes(step)).toBe(bytes(whole));
  });
});

describe("a bot's view, move after move", () => {
  it("reads what viewFor of the whole record gives its delegation", () => {
    const states = game(3, 300);
    let current = states[0]!;
    const bots = new BotDriver("m", current.scenario, null as never, new FakeTimers(), {
      game: () => current,
      enqueue: () => Promise.resolve(),
      perform: () => Promise.resolve({ ok: true }),
      delayMs: () => 0,
      stopped: () => false,
    });
    const delegations = current.order;
    const last = states.at(-1)!;
    // Each delegation reads messages the others may not (private messages, team notes).
    for (const d of delegations) expect(viewFor(last, { kind: "delegation", id: d }).messages.length).toBeLessThan(last.messages.length);
    states.forEach((state, i) => {
      current = state;
      // Not every delegation at every step: a bot reads at its moves only.
      for (const [k, d] of delegations.entries()) {
        if ((i + k) % 3 !== 0) continue;
        const whole = viewFor(state, { kind: "delegation", id: d });
        const view = bots.viewOf(d);
        expect(view.messages).toEqual(whole.messages);
        expect({ ...view, messages: null }).toEqual({ ...whole, messages: null });
      }
    });
  });
});
