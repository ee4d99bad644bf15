// The synced table keeps windows of the latest moves and statements, so what a long game keeps in
// every table's state (and sends to every client that joins) does not grow with its length; the
// totals count everything, and a client's view follows the window as the oldest entries leave it.
import { Decoder, Encoder } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import { toView, type TableView } from "../../client/net/view.ts";
import { apply, createGame, viewFor } from "../../shared/rules/index.ts";
import { seededRandom } from "../../shared/rules/rng.ts";
import { randomAction } from "../../shared/rules/testing.ts";
import type { GameState } from "../../shared/rules/types.ts";
import { Scenario } from "../../shared/scenario/schema.ts";
import { TableState } from "../../shared/state/table.ts";
import { projectView } from "../../server/rooms/projection.ts";
import { fixtureData } from "../helpers/fixtures.ts";

/** A long multilateral game: random legal actions until it has `moves` moves. */
function longGame(moves: number): GameState[] {
  const data = fixtureData("multilateral-test");
  data.deadline = { rounds: 1000, secondsPerTurn: 60 };
  const scenario = Scenario.parse(data);
  const random = seededRandom(7);
  let state = createGame(scenario, 7);
  const states: GameState[] = [];
  state = expectOk(apply(state, { type: "start", actionId: "start", version: 0, by: { kind: "facilitator" } }));
  while (state.moves.length < moves) {
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

function expectOk(result: ReturnType<typeof apply>): GameState {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.state;
}

describe("the synced moves window", () => {
  it("keeps the latest moves only, counts them all, and a client's view follows it by number", () => {
    const states = longGame(40);
    expect(states.at(-1)!.moves.length).toBeGreaterThanOrEqual(40);
    const server = new TableState();
    const encoder = new Encoder(server);
    const client = new TableState();
    const decoder = new Decoder(client);
    let view: TableView | null = null;
    for (const game of states) {
      projectView(server, viewFor(game, { kind: "observer" }), 5, {}, 8);
      decoder.decode(encoder.encode());
      encoder.discardChanges();
      view = toView(client, view);
      const latest = game.moves.slice(-8);
      expect(server.moves.length).toBe(latest.length);
      expect(server.movesTotal).toBe(game.moves.length);
      expect(view.movesTotal).toBe(game.moves.length);
      expect(view.moves.map((m) => [m.version, m.by, m.type])).toEqual(latest.map((m) => [m.version, m.by, m.type]));
      expect(view.statements.length).toBeLessThanOrEqual(5);
    }
    // A client that joins late receives the window only, and the total.
    const late = new TableState();
    new Decoder(late).decode(encoder.encodeAll());
    expect(late.moves.length).toBe(8);
    expect(late.movesTotal).toBe(states.at(-1)!.moves.length);
  });

  it("keeps every move of a game shorter than the window", () => {
    const states = longGame(12);
    const server = new TableState();
    for (const game of states) projectView(server, viewFor(game, { kind: "observer" }));
    const game = states.at(-1)!;
    expect(server.moves.map((m) => m.version)).toEqual(game.moves.map((m) => m.version));
    expect(server.movesTotal).toBe(game.moves.length);
  });
});

describe("entries without a phrase or a package", () => {
  it("leave those fields absent in the synced state, and a client reads them as none", () => {
    const base = viewFor(createGame(Scenario.parse(fixtureData("multilateral-test")), 1), { kind: "observer" });
    const server = new TableState();
    const encoder = new Encoder(server);
    const client = new TableState();
    const decoder = new Decoder(client);
    const view = {
      ...base,
      messages: [
        { id: "s1", channel: "public" as const, from: "alpha", text: "We hold.", round: 1, version: 1 },
        { id: "s2", channel: "public" as const, from: "beta", text: "Opening.", round: 1, version: 2, phrase: [{ kind: "phrase" as const, key: "opening", index: 0, issue: "", option: "" }] },
      ],
      moves: [
        { version: 3, round: 1, by: "alpha", type: "propose" as const, package: { scope: "critical" } },
        { version: 4, round: 1, by: "beta", type: "vote" as const, accept: false },
      ],
    };
    projectView(server, view);
    decoder.decode(encoder.encode());
    for (const state of [server, client]) {
      expect(state.statements.at(0)!.phrase).toBeUndefined();
      expect(JSON.parse(state.statements.at(1)!.phrase!)).toEqual([{ kind: "phrase", key: "opening", index: 0, issue: "", option: "" }]);
      expect(JSON.parse(state.moves.at(0)!.package!)).toEqual({ scope: "critical" });
      expect(state.moves.at(1)!.package).toBeUndefined();
    }
    const seen = toView(client, null);
    expect(seen.statements.map((s) => s.phrase ?? null)).toEqual([null, [{ kind: "phrase", key: "opening", index: 0, issue: "", option: "" }]]);
    expect(seen.moves.map((m) => m.package)).toEqual([{ scope: "critical" }, null]);
    expect(seen.moves.map((m) => m.vote)).toEqual([null, "reject"]);
  });
});
