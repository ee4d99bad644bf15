// Long-turn tables on the table master, on fake time (nothing waits): 8-hour turns with quiet
// hours 22:00–07:00 in the MOVER's zone time out at the instants a person would expect across a
// simulated day (each instant below is worked out by hand from the zones' offsets); the
// facilitator's pause and resume keep the running time owed; a restart resumes the stored
// deadline; a vote "until everyone has moved" never times out but closes with the last vote; a
// long table's bot still answers after its usual pause.
import { afterEach, describe, expect, it } from "vitest";
import type { ActionReply, RequestRefusal } from "../../shared/protocol/index.ts";
import { ScenarioCatalog } from "../../server/catalog.ts";
import { leave } from "../../server/table/joining.ts";
import { facilitate } from "../../server/table/server-controls.ts";
import { restoreTable } from "../../server/table/open.ts";
import { chainedTimeout, FakeTimers, MAX_TIMEOUT_MS } from "../../server/table/timers.ts";
import { TableState } from "../../shared/state/table.ts";
import { RecordingTransport } from "./table.ts";
import { tableRequest } from "../../server/table/requests.ts";
import { openTable, type TestTable } from "./table.ts";

let open: TestTable | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

const H = 3_600_000;
const utc = (iso: string): number => Date.parse(iso);
const QUIET = { from: "22:00", to: "07:00" };

function ask(t: TestTable, session: string, type: Parameters<typeof tableRequest>[2], payload: unknown): Promise<ActionReply | RequestRefusal> {
  return tableRequest(t.table, session, type, payload);
}

/** Move fake time to `iso`, letting what is due run through the queue. */
async function until(t: TestTable, iso: string): Promise<void> {
  const to = utc(iso);
  expect(to).toBeGreaterThanOrEqual(t.timers.now());
  t.timers.advance(to - t.timers.now());
  await t.table.queue.idle();
}

const timeouts = (t: TestTable): string[] => t.table.game().moves.filter((m) => m.type === "timeout").map((m) => m.by);

/**
 * A bilateral table of 8-hour turns with quiet hours, started at 2026-01-01T00:00Z (the fake
 * clock's start): south (seed 1 makes it the first mover) joined from Dhaka (UTC+6), north from
 * New York (UTC−5 in January).
 */
async function longTable(extra: Record<string, unknown> = {}): Promise<TestTable> {
  const t = await openTable({ scenario: "bilateral-test", secondsPerTurn: 8 * 3600, quietHours: QUIET, seed: 1, ...extra });
  open = t;
  expect(t.timers.now()).toBe(utc("2026-01-01T00:00:00Z"));
  await t.seat("north", { role: "delegation", delegation: "north", code: t.joinCode, timeZone: "America/New_York" });
  await t.seat("south", { role: "delegation", delegation: "south", code: t.joinCode, timeZone: "Asia/Dhaka" });
  await t.table.queue.idle();
  expect(t.table.game().phase).toBe("running");
  expect(t.table.game().turn).toBe("south");
  return t;
}

describe("8-hour turns with quiet hours 22:00–07:00 in the mover's zone, across a simulated day", () => {
  it("times each turn out at the right instant, skipping the night of whoever is to move", async () => {
    const t = await longTable();
    const timer = t.table.state.timer;
    expect(timer).toMatchObject({ quietFrom: "22:00", quietTo: "07:00", zone: "Asia/Dhaka", running: true, seconds: 8 * 3600 });
    // South's turn starts at 06:00 Dhaka, inside its quiet hours: it runs from 07:00 (01:00Z) to 15:00 Dhaka.
    expect(timer.endsAt).toBe(utc("2026-01-01T09:00:00Z"));

    await until(t, "2026-01-01T08:59:59.999Z");
    expect(timeouts(t)).toEqual([]);
    await until(t, "2026-01-01T09:00:00Z");
    expect(timeouts(t)).toEqual(["south"]);

    // North's turn starts at 04:00 New York: it runs from 07:00 New York (12:00Z) to 15:00 (20:00Z).
    expect(t.table.game().turn).toBe("north");
    expect(timer).toMatchObject({ zone: "America/New_York", endsAt: utc("2026-01-01T20:00:00Z") });

    // North passes at 10:00Z (05:00 in New York: anyone may move in their quiet hours). South's
    // turn starts at 16:00 Dhaka: 6 hours run until 22:00, the clock stands still until 07:00, and
    // the last 2 hours run to 09:00 Dhaka on 2 January (03:00Z).
    await until(t, "2026-01-01T10:00:00Z");
    expect(await ask(t, "north", "pass", { requestId: "n-pass", version: t.table.game().version })).toMatchObject({ ok: true });
    expect(timer).toMatchObject({ zone: "Asia/Dhaka", endsAt: utc("2026-01-02T03:00:00Z"), secondsLeft: 8 * 3600 });
    await until(t, "2026-01-02T02:59:59.999Z");
    expect(timeouts(t)).toEqual(["south"]);
    await until(t, "2026-01-02T03:00:00Z");
    expect(timeouts(t)).toEqual(["south", "south"]);

    // North's next turn starts at 22:00 New York (03:00Z): quiet until 07:00 (12:00Z), due 20:00Z.
    expect(timer).toMatchObject({ zone: "America/New_York", endsAt: utc("2026-01-02T20:00:00Z") });
    await until(t, "2026-01-02T20:00:00Z");
    expect(timeouts(t)).toEqual(["south", "south", "north"]);
    // The log holds each deadline, so a restart resumes it (see the restart test below).
    const stored = await t.store.loadMatch(t.table.matchId);
    expect(stored?.actions.at(-1)?.clock).toEqual({ endsAt: utc("2026-01-03T09:00:00Z") });
  });

  it("a seat whose people never sent a zone, and a table without quiet hours, run straight through", async () => {
    const t = await openTable({ scenario: "bilateral-test", secondsPerTurn: 8 * 3600, quietHours: QUIET, seed: 1 });
    open = t;
    await t.seat("north", { role: "delegation", delegation: "north", code: t.joinCode, timeZone: "America/New_York" });
    await t.seat("south", { role: "delegation", delegation: "south", code: t.joinCode });
    await t.table.queue.idle();
    expect(t.table.game().turn).toBe("south");
    expect(t.table.state.timer).toMatchObject({ zone: "", endsAt: utc("2026-01-01T08:00:00Z") });
  });

  it("pause keeps the running time owed (quiet hours not counted) and resume spends it around the next night", async () => {
    const t = await longTable();
    // South's turn times out at 09:00Z; north's runs from 07:00 New York (12:00Z), due 20:00Z.
    await until(t, "2026-01-01T09:00:00Z");
    expect(t.table.game().turn).toBe("north");
    expect(t.table.state.timer.endsAt).toBe(utc("2026-01-01T20:00:00Z"));
    await until(t, "2026-01-01T14:00:00Z");
    expect(await facilitate(t.table, "pause")).toMatchObject({ ok: true });
    // 07:00 → 09:00 New York ran: 6 of the 8 hours are owed.
    expect(t.table.state.timer).toMatchObject({ running: false, endsAt: 0, secondsLeft: 6 * 3600 });
    await until(t, "2026-01-05T00:00:00Z");
    expect(timeouts(t)).toEqual(["south"]);
    // Resumed at 19:00 New York (00:00Z): 3 hours to 22:00, the night, then 3 hours from 07:00: 10:00 New York (15:00Z).
    expect(await facilitate(t.table, "resume")).toMatchObject({ ok: true });
    expect(t.table.state.timer).toMatchObject({ running: true, endsAt: utc("2026-01-05T15:00:00Z") });
    await until(t, "2026-01-05T14:59:59.999Z");
    expect(timeouts(t)).toEqual(["south"]);
    await until(t, "2026-01-05T15:00:00Z");
    expect(timeouts(t)).toEqual(["south", "north"]);
  });

  it("goes on while nobody is connected: the clock is not held and the table is not closed as idle", async () => {
    const t = await longTable({ botTakeover: false });
    for (const session of ["north", "south"]) {
      t.transport.open--;
      await leave(t.table, session);
    }
    expect(t.table.resting).toBe(false);
    // Three days with nobody at the table (the idle limit is a day): each turn times out when due,
    // 09:00Z for south (07:00 Dhaka + 8 h, its night skipped) and 20:00Z for north (07:00 New York + 8 h).
    for (const day of ["01", "02", "03"]) {
      await until(t, `2026-01-${day}T09:00:00Z`);
      await until(t, `2026-01-${day}T20:00:00Z`);
    }
    await until(t, "2026-01-04T00:00:00Z");
    expect(t.transport.sent.some((s) => s.kind === "close")).toBe(false);
    expect(timeouts(t)).toEqual(["south", "north", "south", "north", "south", "north"]);
    expect(t.table.state.timer).toMatchObject({ zone: "Asia/Dhaka", endsAt: utc("2026-01-04T09:00:00Z") });
  });
});

describe("a restart", () => {
  it("resumes the stored deadline, and a paused turn resumes around the night of the zone kept in `seats`", async () => {
    const t = await longTable();
    await until(t, "2026-01-01T09:00:00Z");
    await until(t, "2026-01-01T14:00:00Z");
    expect(await facilitate(t.table, "pause")).toMatchObject({ ok: true });
    expect(t.table.state.timer.secondsLeft).toBe(6 * 3600);
    // The process stops; another brings the table back from the store at 2026-01-05T00:00Z.
    t.table.shuttingDown = true;
    t.table.dispose();
    const timers = new FakeTimers(utc("2026-01-05T00:00:00Z"));
    const catalog = new ScenarioCatalog(t.table.env.config.scenariosDir);
    catalog.loadAll();
    const env = { ...t.table.env, timers, catalog, transport: new RecordingTransport() };
    const restored = await restoreTable(env, new TableState(), t.table.matchId);
    try {
      expect(restored.state.timer).toMatchObject({ running: false, secondsLeft: 6 * 3600, quietFrom: "22:00", quietTo: "07:00" });
      // Nobody has rejoined: north's zone (New York) comes from its seat. Resumed at 19:00 New
      // York: 3 hours to 22:00, then 3 from 07:00: 10:00 New York (15:00Z).
      expect(await facilitate(restored, "resume")).toMatchObject({ ok: true });
      expect(restored.state.timer).toMatchObject({ running: true, zone: "America/New_York", endsAt: utc("2026-01-05T15:00:00Z") });
    } finally {
      restored.shuttingDown = true;
      restored.dispose();
    }
  });
});

describe("a bot at a long table", () => {
  it("answers after its usual pause, not on the turn's scale", async () => {
    const t = await openTable(
      { scenario: "bilateral-test", secondsPerTurn: 24 * 3600, quietHours: QUIET, seats: { north: { kind: "bot", strategy: "medium" } }, seed: 1 },
      { config: { botDelayMs: { min: 1000, max: 1000 } } },
    );
    open = t;
    await t.seat("south", { role: "delegation", delegation: "south", code: t.joinCode, timeZone: "Asia/Dhaka" });
    await t.table.queue.idle();
    expect(t.table.game().turn).toBe("south");
    expect(await ask(t, "south", "pass", { requestId: "s-pass", version: t.table.game().version })).toMatchObject({ ok: true });
    expect(t.table.game().turn).toBe("north");
    // The bot's turn has no quiet hours (a bot has no zone) ...
    expect(t.table.state.timer).toMatchObject({ zone: "", endsAt: t.timers.now() + 24 * H });
    // ... and it moves within a few of its pauses.
    for (let i = 0; i < 10 && t.table.game().turn === "north"; i++) {
      t.timers.advance(1000);
      await t.table.queue.idle();
    }
    expect(t.table.game().turn).toBe("south");
    expect(t.timers.now()).toBeLessThan(utc("2026-01-01T00:00:11Z"));
  });
});

describe("a multilateral vote 'until everyone has moved'", () => {
  async function voteTable(): Promise<TestTable> {
    const t = await openTable({ scenario: "multilateral-test", secondsPerTurn: 3600, voteClock: "until-all", quietHours: QUIET, seed: 1 });
    open = t;
    for (const d of ["alpha", "beta", "gamma", "delta"]) await t.seat(d, { role: "delegation", delegation: d, code: t.joinCode, timeZone: "Europe/Paris" });
    await t.table.queue.idle();
    expect(t.table.game().turn).toBe("gamma");
    // The proposing stage is timed as usual (01:00 Paris is quiet: from 07:00 Paris, 06:00Z, one hour).
    expect(t.table.state.timer).toMatchObject({ running: true, untilAll: false, endsAt: utc("2026-01-01T07:00:00Z") });
    const pkg = { language: "voluntary", assistance: "training" };
    expect(await ask(t, "gamma", "propose", { requestId: "g-prop", version: t.table.game().version, package: pkg })).toMatchObject({ ok: true });
    expect(t.table.game().stage).toBe("voting");
    return t;
  }

  it("never times out, however long, and closes when the last delegation votes", async () => {
    const t = await voteTable();
    expect(t.table.state.timer).toMatchObject({ running: false, untilAll: true, endsAt: 0, secondsLeft: 0 });
    await until(t, "2026-01-31T00:00:00Z");
    expect(timeouts(t)).toEqual([]);
    expect(t.table.game().stage).toBe("voting");
    for (const d of ["alpha", "beta"]) {
      expect(await ask(t, d, "vote", { requestId: `${d}-v`, version: t.table.game().version, accept: false })).toMatchObject({ ok: true });
      expect(t.table.game().stage).toBe("voting");
    }
    const round = t.table.game().round;
    expect(await ask(t, "delta", "vote", { requestId: "delta-v", version: t.table.game().version, accept: false })).toMatchObject({ ok: true });
    // The last vote closed it: the next round's proposing stage, timed again.
    expect(t.table.game().round).toBe(round + 1);
    expect(t.table.game().stage).toBe("proposing");
    expect(t.table.state.timer).toMatchObject({ running: true, untilAll: false });
    expect(timeouts(t)).toEqual([]);
  });

  it("the facilitator can still close it (a timeout counts the missing votes as rejections)", async () => {
    const t = await voteTable();
    expect(await facilitate(t.table, "timeout")).toMatchObject({ ok: true });
    expect(timeouts(t).sort()).toEqual(["alpha", "beta", "delta"]);
    expect(t.table.game().stage).toBe("proposing");
  });

  it("pausing keeps it open without a clock; the end closes it for good", async () => {
    const t = await voteTable();
    expect(await facilitate(t.table, "pause")).toMatchObject({ ok: true });
    expect(t.table.state.timer).toMatchObject({ running: false, untilAll: true });
    expect(await facilitate(t.table, "resume")).toMatchObject({ ok: true });
    expect(t.table.state.timer).toMatchObject({ running: false, untilAll: true });
    expect(await facilitate(t.table, "end")).toMatchObject({ ok: true });
    expect(t.table.game().phase).toBe("ended");
    expect(t.table.state.timer).toMatchObject({ running: false, untilAll: false });
  });
});

describe("a turn longer than setTimeout allows", () => {
  it("is a chain of timeouts of at most 2^31-1 ms, fired once at the end, and cleared wherever it is", () => {
    const set: number[] = [];
    const cleared: number[] = [];
    let next: (() => void) | null = null;
    const primitives = {
      set(run: () => void, ms: number): number {
        set.push(ms);
        next = run;
        return set.length;
      },
      clear: (handle: number) => void cleared.push(handle),
    };
    let fired = 0;
    const thirtyDays = 30 * 24 * H;
    chainedTimeout(thirtyDays, () => fired++, primitives);
    expect(set).toEqual([MAX_TIMEOUT_MS]);
    next!();
    expect(fired).toBe(0);
    expect(set).toEqual([MAX_TIMEOUT_MS, thirtyDays - MAX_TIMEOUT_MS]);
    next!();
    expect(fired).toBe(1);

    const handle = chainedTimeout(2 * MAX_TIMEOUT_MS + 5, () => fired++, primitives);
    next!();
    handle.clear();
    // The second link of the chain (the fourth timeout set here) is the one cleared.
    expect(cleared).toEqual([4]);
    expect(chainedTimeout(1000, () => fired++, primitives)).toBeDefined();
    expect(set.at(-1)).toBe(1000);
  });
});
