// Long-turn options on a real server over loopback: quietHours, voteClock and the join's timeZone
// are accepted; bad ones are refused with one message naming the field; and the quiet-hours state
// reaches the client in the synced timer, so a browser can show "paused for quiet hours until …".
// The quiet span is set around the present moment (in UTC), so the clock is standing still now.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadlineAfter, quietUntil } from "../../shared/clock/quiet-hours.ts";
import { Player, startTestServer, type TestServer } from "./harness.ts";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

describe("long-turn options", () => {
  it("accepts quiet hours and a zone, and the client gets what it needs to show the clock standing still", async () => {
    const before = Date.now();
    // Quiet from an hour ago to two hours from now, in UTC: the table starts inside it.
    const quietHours = { from: hhmm(before - 3_600_000), to: hhmm(before + 2 * 3_600_000) };
    const north = await Player.create(
      t.url,
      { scenario: "bilateral-test", delegation: "north", secondsPerTurn: 8 * 3600, quietHours, voteClock: "until-all", timeZone: "Etc/UTC", seed: 1 },
      "north",
    );
    const code = (await north.waitFor(() => north.welcome, "welcome")).joinCode!;
    const south = await Player.join(t.url, north.matchId, { role: "delegation", delegation: "south", code, timeZone: "utc" }, "south");
    await south.waitFor(() => south.state.phase === "running" && south.state.timer.running, "the start and the clock");
    const after = Date.now();
    const timer = south.state.timer;
    expect(timer).toMatchObject({ quietFrom: quietHours.from, quietTo: quietHours.to, seconds: 8 * 3600, untilAll: false });
    // Both joined from UTC (Intl's spelling kept: Etc/UTC and "utc" are canonical names of UTC).
    expect(timer.zone).toMatch(/UTC$/);
    const rule = { quiet: quietHours, zone: timer.zone };
    // The clock stands still now, until `to`; the turn's 8 hours run from then.
    const until = quietUntil(after, rule);
    expect(until).not.toBeNull();
    expect(hhmm(until!)).toBe(quietHours.to);
    expect(timer.endsAt).toBeGreaterThanOrEqual(deadlineAfter(before, 8 * 3_600_000, rule) - 60_000);
    expect(timer.endsAt).toBeLessThanOrEqual(deadlineAfter(after, 8 * 3_600_000, rule));
    expect(timer.endsAt).toBe(until! + 8 * 3_600_000);
    expect(timer.secondsLeft).toBe(8 * 3600);
    await Promise.all([north.leave(), south.leave()]);
  });

  it("refuses bad quiet hours, vote clocks and time zones with a message naming the field", async () => {
    const create = (options: Record<string, unknown>) => Player.create(t.url, { scenario: "bilateral-test", ...options });
    await expect(create({ quietHours: { from: "25:00", to: "07:00" } })).rejects.toMatchObject({
      code: 400,
      message: expect.stringMatching(/^bad_options: create: field 'quietHours\.from' must be a time of day HH:MM/),
    });
    await expect(create({ quietHours: { from: "22:00", to: "22:00" } })).rejects.toMatchObject({
      code: 400,
      message: expect.stringMatching(/^bad_options: create: field 'quietHours\.to' must differ/),
    });
    await expect(create({ quietHours: { from: "22:00" } })).rejects.toMatchObject({ code: 400, message: expect.stringContaining("field 'quietHours.to'") });
    await expect(create({ quietHours: { from: "22:00", to: "07:00", zone: "UTC" } })).rejects.toMatchObject({ code: 400, message: expect.stringContaining("'zone'") });
    await expect(create({ voteClock: "sometimes" })).rejects.toMatchObject({
      code: 400,
      message: expect.stringMatching(/^bad_options: create: field 'voteClock' must be 'turn' or 'until-all'/),
    });

    const host = await Player.create(t.url, { scenario: "bilateral-test" }, "host");
    const code = (await host.waitFor(() => host.welcome, "welcome")).joinCode!;
    for (const timeZone of ["Mars/Olympus_Mons", "+05:00", 7]) {
      await expect(Player.join(t.url, host.matchId, { role: "delegation", delegation: "south", code, timeZone } as never)).rejects.toMatchObject({
        code: 4400,
        message: expect.stringMatching(/^bad_options: join: field 'timeZone'/),
      });
    }
    // The table is unharmed: a good zone sits.
    const south = await Player.join(t.url, host.matchId, { role: "delegation", delegation: "south", code, timeZone: "Asia/Dhaka" }, "south");
    await south.waitFor(() => south.welcome?.role.delegation === "south", "the seat");
    await Promise.all([host.leave(), south.leave()]);
  });
});
