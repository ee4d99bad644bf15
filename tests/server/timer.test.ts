// The turn timer as the clients see it through a real room: the synced `timer` runs with the
// turn, pause stops it and resume starts it again; the facilitator can force a timeout and extend
// the deadline. That a turn running out is a `timeout` through the engine is tested with fake time
// on the table master (tests/table/master.test.ts), so nothing here waits out a real turn.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Player, startTestServer, type TestServer } from "./harness.ts";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

describe("the turn timer", () => {
  it("runs with the turn, stops while paused, and obeys the facilitator", async () => {
    const north = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", secondsPerTurn: 5 }, "north");
    const code = (await north.waitFor(() => north.welcome, "welcome")).joinCode!;
    const south = await Player.join(t.url, north.matchId, { role: "delegation", delegation: "south", code }, "south");
    await south.waitFor(() => south.state.phase === "running" && south.state.timer.running, "the start and the clock");
    const started = Date.now();
    expect(south.state.timer.seconds).toBe(5);
    expect(south.state.timer.endsAt).toBeGreaterThan(started);
    expect(south.state.timer.endsAt).toBeLessThanOrEqual(started + 5_500);

    // Pause: the clock stops, moves are refused.
    await north.must("pause");
    await south.waitFor(() => south.state.phase === "paused", "the pause");
    expect(south.state.timer.running).toBe(false);
    expect(south.state.timer.endsAt).toBe(0);
    expect(south.state.timer.secondsLeft).toBeGreaterThan(0);
    expect(south.state.timer.secondsLeft).toBeLessThanOrEqual(5);
    const mover = south.state.turn === "south" ? south : north;
    expect(await mover.act("pass")).toMatchObject({ code: "paused" });

    // Resume: it runs again, from the time that was left.
    const holder = south.state.turn;
    const left = south.state.timer.secondsLeft;
    await north.must("resume");
    await south.waitFor(() => south.state.phase === "running" && south.state.timer.running, "the resumed clock");
    expect(south.state.timer.endsAt).toBeLessThanOrEqual(Date.now() + left * 1000);

    // The facilitator forces a timeout now: the turn holder times out through the engine, the turn
    // passes, and the new turn's clock runs.
    const endsAt = south.state.timer.endsAt;
    await north.must("timeout");
    const timedOut = await south.waitFor(() => south.state.moves.find((m) => m.type === "timeout"), "the forced timeout");
    expect(timedOut.by).toBe(holder);
    expect(south.state.turn).not.toBe(holder);
    await south.waitFor(() => south.state.timer.running && south.state.timer.endsAt !== endsAt, "the next turn's clock");

    // And extends the deadline.
    await north.waitFor(() => north.state.version === south.state.version, "north to see the timeout");
    const deadline = south.state.deadlineRounds;
    await north.must("extend", { rounds: 2 });
    await south.waitFor(() => south.state.deadlineRounds === deadline + 2, "the extension");

    // The end stops the clock.
    await north.must("end");
    await south.waitFor(() => south.state.phase === "ended" && !south.state.timer.running, "the end");
    await Promise.all([north.leave(), south.leave()]);
  }, 20_000);
});
