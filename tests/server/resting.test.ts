// A table nobody is at costs nothing: once every person has gone (past the reconnection window)
// it rests instead of playing bot against bot, and it plays on from where it was when a person
// comes back with their seat token. (Class and tournament tables play on to their end: their
// tests, tests/classroom and tests/tournaments, wait for every table to finish with nobody at it.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Player, startTestServer, type TestServer } from "./harness.ts";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

/** A table of two bots at full speed, watched by its creator until it ends: the bots have had many turns meanwhile. */
async function botsPlayATableToItsEnd(): Promise<void> {
  const host = await Player.create(
    t.url,
    { scenario: "bilateral-test", seats: { north: { kind: "bot", strategy: "linear" }, south: { kind: "bot", strategy: "linear" } }, fastBots: true, startWhen: "facilitator" },
    "host",
  );
  await host.waitFor(() => host.welcome, "the host's welcome");
  await host.must("start", {});
  await host.waitFor(() => host.state.phase === "ended", "the bots' table to end");
  await host.leave();
}

/** Wait for a condition on the server's side of a table (it changes as the server handles the leave). */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("a table nobody is at", () => {
  it("rests once its last person leaves, and plays on from where it was when they rejoin", async () => {
    const north = await Player.create(
      t.url,
      { scenario: "bilateral-test", delegation: "north", name: "Nora", seats: { south: { kind: "bot", strategy: "linear" } }, fastBots: true, takeoverStrategy: "linear" },
      "north",
    );
    const seatToken = (await north.waitFor(() => north.welcome, "north's welcome")).seatToken!;
    expect(seatToken).toBeTruthy();
    await north.waitFor(() => north.state.phase === "running", "the start");
    const live = t.server.context.live.get(north.matchId)!;

    // North leaves for good: a bot takes its seat (botTakeover), and nobody is left to watch two bots play.
    await north.leave();
    await until(() => live.seating().find((d) => d.id === "north")?.control === "bot", "a bot to take north's seat");
    await botsPlayATableToItsEnd();
    const resting = live.game().version;
    // Another whole bot game later, the table has not moved.
    await botsPlayATableToItsEnd();
    expect(live.game().version).toBe(resting);
    expect(live.game().phase).toBe("running");

    // North comes back: the seat is theirs again, and the game goes on from the same version.
    const back = await Player.join(t.url, north.matchId, { seatToken }, "north again");
    await back.waitFor(() => back.state.delegations.find((d) => d.id === "north")?.control === "people", "north played by people again");
    // It may be north's turn with south's offer on the table (then north counters) or an empty table (north proposes).
    if (back.state.turn === "north" && back.state.version === resting) {
      await back.must(back.state.offer ? "counter" : "propose", { package: { notification: "h24", funding: "split", scope: "all" } });
    }
    // The bot at south plays again.
    await back.waitFor(() => back.state.moves.some((m) => m.by === "south" && m.version > resting) || back.state.phase === "ended", "south's bot to move again");
    await back.leave();
  });
});
