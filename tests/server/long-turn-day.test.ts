// A simulated day of a long-turn table on a real server over loopback, on a clock the test
// controls (the tables' FakeTimers handed to startGameServer: nothing waits for real hours). Two
// people, one joined from New York and one from Dhaka, 8-hour turns, quiet hours 22:00–07:00: each
// turn times out at the instant worked out by hand from the mover's night, and the clients see
// every deadline in their synced timer.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGameServer, type GameServer } from "../../server/app.ts";
import type { ServerConfig } from "../../server/config.ts";
import { FakeTimers } from "../../server/table/timers.ts";
import { Player, testConfig } from "./harness.ts";

const utc = (iso: string): number => Date.parse(iso);
const clock = new FakeTimers(utc("2026-01-01T00:00:00Z"));
let server: GameServer;
let config: ServerConfig;

beforeAll(async () => {
  config = testConfig();
  server = await startGameServer(config, { tableTimers: clock });
});

afterAll(async () => {
  await server?.close();
  if (config) rmSync(config.dataDir, { recursive: true, force: true });
});

describe("a day of 8-hour turns with quiet hours, on the test's clock", () => {
  it("times each turn out when the mover's running clock is spent, and every client sees the deadlines", async () => {
    const north = await Player.create(
      server.url,
      { scenario: "bilateral-test", delegation: "north", secondsPerTurn: 8 * 3600, quietHours: { from: "22:00", to: "07:00" }, seed: 1, botTakeover: false, timeZone: "America/New_York" },
      "north",
    );
    const code = (await north.waitFor(() => north.welcome, "welcome")).joinCode!;
    const south = await Player.join(server.url, north.matchId, { role: "delegation", delegation: "south", code, timeZone: "Asia/Dhaka" }, "south");
    await south.waitFor(() => south.state.phase === "running" && south.state.timer.running, "the start");
    expect(south.state.turn).toBe("south");
    const timeouts = () => south.state.moves.filter((m) => m.type === "timeout").map((m) => m.by);
    /** Move the tables' clock to `iso`, then wait for both clients to see `endsAt` (the next deadline). */
    const until = async (iso: string, endsAt: string, zone: string) => {
      clock.advance(utc(iso) - clock.now());
      for (const p of [north, south]) await p.waitFor(() => p.state.timer.endsAt === utc(endsAt) && p.state.timer.zone === zone, `${p.label}: the deadline ${endsAt} in ${zone}`);
    };

    // South starts at 06:00 in Dhaka, inside its night: its 8 hours run 07:00–15:00 Dhaka (01:00–09:00Z).
    expect(south.state.timer).toMatchObject({ endsAt: utc("2026-01-01T09:00:00Z"), zone: "Asia/Dhaka", quietFrom: "22:00", quietTo: "07:00" });
    clock.advance(utc("2026-01-01T08:59:59Z") - clock.now());
    expect(timeouts()).toEqual([]);
    // At 09:00Z south times out; north's turn starts at 04:00 in New York: 07:00–15:00 there (12:00–20:00Z).
    await until("2026-01-01T09:00:00Z", "2026-01-01T20:00:00Z", "America/New_York");
    expect(timeouts()).toEqual(["south"]);
    // North passes at 10:00Z; south's turn starts at 16:00 in Dhaka: 6 hours to 22:00, then 2 from 07:00 (03:00Z).
    clock.advance(utc("2026-01-01T10:00:00Z") - clock.now());
    await north.must("pass");
    for (const p of [north, south]) await p.waitFor(() => p.state.timer.endsAt === utc("2026-01-02T03:00:00Z"), `${p.label}: south's deadline`);
    expect(south.state.timer.secondsLeft).toBe(8 * 3600);
    // Not a moment early (the timeout would reach the clients with the next deadline).
    clock.advance(utc("2026-01-02T02:59:59Z") - clock.now());
    expect(timeouts()).toEqual(["south"]);
    // 03:00Z: south times out; north's turn starts at 22:00 in New York, its night: due 20:00Z on 2 January.
    await until("2026-01-02T03:00:00Z", "2026-01-02T20:00:00Z", "America/New_York");
    await until("2026-01-02T20:00:00Z", "2026-01-03T09:00:00Z", "Asia/Dhaka");
    expect(timeouts()).toEqual(["south", "south", "north"]);
    expect(north.state.moves.filter((m) => m.type === "timeout")).toHaveLength(3);
    await Promise.all([north.leave(), south.leave()]);
  }, 60_000);
});
