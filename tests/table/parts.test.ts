// The table master's parts on their own: the turn clock on fake time, the outbox's order, and
// the seating's reservations (a seat handed out and never used frees its place).
import { afterEach, describe, expect, it } from "vitest";
import { TurnTimer } from "../../shared/state/table.ts";
import { Outbox } from "../../server/table/outbox.ts";
import { SEAT_RESERVATION_MS } from "../../server/table/seating.ts";
import { FakeTimers } from "../../server/table/timers.ts";
import { TurnClockKeeper } from "../../server/table/turn-clock.ts";
import { issueSeat } from "../../server/table/server-controls.ts";
import { openTable, RecordingTransport, type TestTable } from "./table.ts";

describe("TurnClockKeeper", () => {
  function keeper() {
    const timers = new FakeTimers(1_000_000);
    const shown = new TurnTimer();
    const expired: number[] = [];
    const clock = new TurnClockKeeper(timers, 5000, shown, (version) => expired.push(version));
    return { timers, shown, expired, clock };
  }

  it("shows a running turn and calls its expiry once, at its deadline", () => {
    const { timers, shown, expired, clock } = keeper();
    clock.set({ endsAt: timers.now() + 5000 }, 7);
    expect(shown).toMatchObject({ running: true, endsAt: 1_005_000, secondsLeft: 5 });
    timers.advance(4999);
    expect(expired).toEqual([]);
    timers.advance(1);
    expect(expired).toEqual([7]);
    // The same clock again (another action in the same turn) arms nothing new.
    clock.set({ endsAt: 1_005_000 }, 7);
    timers.advance(10_000);
    expect(expired).toEqual([7]);
  });

  it("a paused clock shows the time left and never expires; stop cancels a running one", () => {
    const { timers, shown, expired, clock } = keeper();
    clock.set({ endsAt: timers.now() + 5000 }, 1);
    clock.set({ leftMs: 2500 }, 1);
    expect(shown).toMatchObject({ running: false, endsAt: 0, secondsLeft: 3 });
    timers.advance(60_000);
    expect(expired).toEqual([]);
    clock.set({ endsAt: timers.now() + 2500 }, 1);
    clock.stop();
    timers.advance(60_000);
    expect(expired).toEqual([]);
    clock.set(null, 1);
    expect(shown).toMatchObject({ running: false, endsAt: 0, secondsLeft: 0 });
  });
});

describe("Outbox", () => {
  it("sends nothing until flushed, then everything in the order it was put in, once", () => {
    const transport = new RecordingTransport();
    const ended: string[] = [];
    const outbox = new Outbox().hold("a").patch().send("a", "seat_update", { version: 2 }).broadcast("reveal", {}).ended({ matchId: "m", scenarioId: "s", outcome: null, version: 2 });
    expect(transport.sent).toEqual([]);
    outbox.flush(transport, (e) => ended.push(e.matchId));
    expect(transport.sent.map((s) => s.kind)).toEqual(["hold", "patch", "send", "broadcast"]);
    expect(ended).toEqual(["m"]);
    outbox.flush(transport, (e) => ended.push(e.matchId));
    expect(transport.sent).toHaveLength(4);
    expect(outbox.size).toBe(0);
  });

  it("holds every connection it sends a message to before anything leaves, each once", () => {
    const transport = new RecordingTransport();
    new Outbox().hold("a").patch().send("b", "seat_update", { version: 2 }).send("a", "seat_update", { version: 2 }).send("b", "notice", {}).flush(transport, () => undefined);
    const seen = transport.sent.map((s) => (s.kind === "hold" || s.kind === "send" ? `${s.kind} ${s.to}` : s.kind));
    // b's patch and its two messages leave in one write, as a's do.
    expect(seen).toEqual(["hold a", "hold b", "patch", "send b", "send a", "send b"]);
  });
});

describe("Seating", () => {
  let open: TestTable | null = null;
  afterEach(async () => {
    await open?.close();
    open = null;
  });

  it("holds a seat handed out for its person until the reservation runs out, then frees the place", async () => {
    const t = await openTable({ scenario: "bilateral-test" });
    open = t;
    const seat = await issueSeat(t.table, "north", "Ada");
    expect(seat).toMatchObject({ seatToken: expect.any(String) });
    const { seating } = t.table;
    expect(seating.membersOf("north")).toBe(1);
    expect(t.table.state.people.size).toBe(1);
    t.timers.advance(SEAT_RESERVATION_MS - 1);
    seating.refresh();
    expect(seating.membersOf("north")).toBe(1);
    t.timers.advance(1);
    seating.refresh();
    expect(seating.membersOf("north")).toBe(0);
    expect(t.table.state.people.size).toBe(0);
    // The seat is kept in the store: its token still brings the person back.
    if (!("seatToken" in seat)) throw new Error("no seat");
    await t.seat("ada", { seatToken: seat.seatToken });
    expect(t.table.state.people.get(seat.personId)).toMatchObject({ name: "Ada", delegation: "north", status: "connected" });
  });
});
