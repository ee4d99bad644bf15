// Crash recovery: the server runs in a child process (`node bin/server.js`, as `npm start` does),
// a game is in progress, the process is killed with SIGKILL, a new one starts on the same data,
// the clients rejoin with their seat tokens (the turn clock where it was), the game continues to
// its end, and the persisted log holds every action that was acknowledged.
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURE_SCENARIOS, freePort, Player, requestId, type ServerProcess, startServerProcess, tempDir } from "./harness.ts";
import { autoplay, storedLog } from "./play.ts";

const children = new Set<ServerProcess>();
const dataDir = tempDir("crash");

afterAll(() => {
  for (const server of children) server.child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

/** `node bin/server.js` on a port and data folder; resolves once it says it is listening. */
async function startServer(port: number): Promise<ServerProcess> {
  const server = await startServerProcess({
    port,
    env: { DATA_DIR: dataDir, SCENARIOS_DIR: FIXTURE_SCENARIOS, BOT_DELAY_MS: "0", LOG_LEVEL: "info" },
  });
  children.add(server);
  await server.waitForOutput("game server listening");
  return server;
}

describe("crash recovery", () => {
  it("survives SIGKILL: players rejoin where they were and the log has every acknowledged action", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await startServer(port);

    const north = await Player.create(url, { scenario: "bilateral-test", delegation: "north", name: "Nora" }, "north");
    const nw = await north.waitFor(() => north.welcome, "north's welcome");
    const south = await Player.join(url, north.matchId, { role: "delegation", delegation: "south", code: nw.joinCode!, name: "Sam" }, "south");
    const sw = await south.waitFor(() => south.welcome, "south's welcome");
    await north.waitFor(() => north.state.phase === "running", "the start");

    const acknowledged: string[] = ["auto-start"];
    const ack = async (p: Player, personId: string, type: string, payload: Record<string, unknown> = {}) => {
      const id = requestId();
      const outcome = await p.request(type, { requestId: id, version: p.state.version, ...payload });
      if (!("ok" in outcome)) throw new Error(`${type} refused: ${outcome.code}: ${outcome.message}`);
      acknowledged.push(`p:${personId}:${id}`);
      await p.waitFor(() => p.state.version >= outcome.version, "the patch");
    };
    const players = { north: { p: north, id: nw.personId! }, south: { p: south, id: sw.personId! } };
    const first_ = players[north.state.turn as "north" | "south"];
    const second = first_ === players.north ? players.south : players.north;

    await ack(first_.p, first_.id, "statement", { text: "Opening remarks." });
    await ack(first_.p, first_.id, "propose", { package: { notification: "h72", funding: "split", scope: "all" } });
    await second.p.waitFor(() => second.p.state.offer !== undefined, "the offer");
    await ack(second.p, second.id, "team_note", { text: "They moved first." });
    await ack(second.p, second.id, "private_message", { to: first_.p === north ? "north" : "south", text: "Can we talk?" });
    await ack(second.p, second.id, "counter", { package: { notification: "h72", funding: "split", scope: "critical" } });
    await first_.p.waitFor(() => first_.p.state.offer?.package.get("scope") === "critical", "the counter");
    const versionAtCrash = first_.p.state.version;
    // The counter started a new turn; its clock runs until this moment (server time).
    await first_.p.waitFor(() => first_.p.state.timer.running, "the turn clock");
    const turnEndsAt = first_.p.state.timer.endsAt;

    // One more request in flight as the process dies: it may or may not have been written.
    void first_.p.request("statement", { requestId: requestId(), version: first_.p.state.version, text: "In flight." }).catch(() => undefined);
    first.child.kill("SIGKILL");
    await first.exited();
    await north.waitFor(() => north.left, "north to lose the server");
    await south.waitFor(() => south.left, "south to lose the server");

    const second_ = await startServer(port);
    expect(second_.output()).toContain('"restored":1');

    // Both reload and rejoin with the tokens their clients kept.
    await north.rejoin({ seatToken: nw.seatToken!, facilitatorToken: nw.facilitatorToken! });
    await south.rejoin({ seatToken: sw.seatToken! });
    expect(north.welcome!.role).toEqual({ delegation: "north", facilitator: true, observer: false });
    expect(south.welcome!.personId).toBe(sw.personId);
    expect(south.seat!.me!.delegation).toBe("south");
    const logged = storedLog(dataDir, north.matchId);
    expect(north.state.version).toBeGreaterThanOrEqual(versionAtCrash);
    expect(north.state.version).toBe(logged.length);
    expect(north.state.offer?.package.get("scope")).toBe("critical");
    // The turn goes on with the time it had left, not a fresh full turn.
    expect(north.state.timer.running).toBe(true);
    expect(north.state.timer.endsAt).toBe(turnEndsAt);
    expect(north.state.statements.some((s) => s.text === "Opening remarks.")).toBe(true);
    const secondSeat = second.p === north ? north.seat! : south.seat!;
    expect(secondSeat.messages.map((m) => m.text).sort()).toEqual(["Can we talk?", "They moved first."]);

    // The game continues to its end.
    const accept = (s: { offer?: { proposer: string } }, me: string): [string, Record<string, unknown>?] =>
      s.offer && s.offer.proposer !== me ? ["accept"] : ["propose", { package: { notification: "h72", funding: "split", scope: "critical" } }];
    await Promise.all([autoplay(north, "north", (s) => accept(s, "north")), autoplay(south, "south", (s) => accept(s, "south"))]);
    expect(north.state.phase).toBe("ended");
    expect(north.state.outcome?.agreement).toBe(true);
    await north.waitFor(() => north.reveal, "the reveal");

    // Every acknowledged action is in the log, which has one row per version, in order.
    const final = storedLog(dataDir, north.matchId);
    expect(final.map((r) => r.seq)).toEqual(Array.from({ length: north.state.version }, (_, i) => i + 1));
    const ids = new Set(final.map((r) => r.action.actionId));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);

    await Promise.all([north.leave(), south.leave()]);
    await second_.stop();
  }, 90_000);
});
