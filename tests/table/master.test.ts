// The table master without sockets: the real rules, store and seating, fake time. Each test says
// what a player relies on: a turn that runs out is a `timeout` through the engine; requests are
// applied one at a time in the order they came; a refused request is a value with a reason; an
// answer (and anything anyone sees) follows the action's write; a bot seat moves by itself.
import { afterEach, describe, expect, it } from "vitest";
import type { ActionReply, RequestRefusal, SeatSnapshot } from "../../shared/protocol/index.ts";
import type { MatchStore } from "../../server/db/store.ts";
import { leave } from "../../server/table/joining.ts";
import { tableRequest } from "../../server/table/requests.ts";
import { facilitate } from "../../server/table/server-controls.ts";
import { openTable, type TestTable } from "./table.ts";

let open: TestTable | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

/** A running bilateral table: north and south seated (startWhen full starts it), turn clock `seconds`. */
async function running(seconds = 5, extra: Record<string, unknown> = {}): Promise<TestTable> {
  const t = await openTable({ scenario: "bilateral-test", secondsPerTurn: seconds, ...extra });
  open = t;
  await t.seat("north", { role: "delegation", delegation: "north", code: t.joinCode });
  await t.seat("south", { role: "delegation", delegation: "south", code: t.joinCode });
  await t.seat("chair", { facilitatorToken: undefined, role: "observer", code: t.joinCode });
  await t.table.queue.idle();
  expect(t.table.game().phase).toBe("running");
  return t;
}

function ask(t: TestTable, session: string, type: Parameters<typeof tableRequest>[2], payload: unknown): Promise<ActionReply | RequestRefusal> {
  return tableRequest(t.table, session, type, payload);
}

describe("the turn clock (fake time)", () => {
  it("times the turn out through the engine when it runs out, not a moment before, and starts a full turn after", async () => {
    const t = await running(5);
    const holder = t.table.game().turn!;
    const timer = t.table.state.timer;
    expect(timer.running).toBe(true);
    expect(timer.endsAt).toBe(t.timers.now() + 5000);

    t.timers.advance(4999);
    await t.table.queue.idle();
    expect(t.table.game().moves.some((m) => m.type === "timeout")).toBe(false);

    t.timers.advance(1);
    await t.table.queue.idle();
    const timeout = t.table.game().moves.find((m) => m.type === "timeout");
    expect(timeout?.by).toBe(holder);
    expect(t.table.game().turn).not.toBe(holder);
    expect(timer.running).toBe(true);
    expect(timer.endsAt).toBe(t.timers.now() + 5000);
  });

  it("stops while paused, keeps the time left, and runs on from it when resumed", async () => {
    const t = await running(5);
    t.timers.advance(2000);
    expect(await facilitate(t.table, "pause")).toMatchObject({ ok: true });
    expect(t.table.state.timer).toMatchObject({ running: false, endsAt: 0, secondsLeft: 3 });

    // A paused table does not time out, however long it waits.
    t.timers.advance(60 * 60_000);
    await t.table.queue.idle();
    expect(t.table.game().moves.some((m) => m.type === "timeout")).toBe(false);

    expect(await facilitate(t.table, "resume")).toMatchObject({ ok: true });
    expect(t.table.state.timer.running).toBe(true);
    expect(t.table.state.timer.endsAt).toBe(t.timers.now() + 3000);
    t.timers.advance(2999);
    await t.table.queue.idle();
    expect(t.table.game().moves.some((m) => m.type === "timeout")).toBe(false);
    t.timers.advance(1);
    await t.table.queue.idle();
    expect(t.table.game().moves.filter((m) => m.type === "timeout")).toHaveLength(1);
  });

  it("logs the clock with each action, so a restart can resume the turn", async () => {
    const t = await running(5);
    t.timers.advance(1500);
    await facilitate(t.table, "pause");
    const stored = await t.store.loadMatch(t.table.matchId);
    expect(stored?.actions.at(-1)?.clock).toEqual({ leftMs: 3500 });
  });
});

describe("the serial queue", () => {
  it("applies concurrent requests one at a time, in the order they came, each answered with its own version", async () => {
    const t = await running(60);
    const v = t.table.game().version;
    const texts = ["one", "two", "three", "four"];
    const replies = await Promise.all(
      texts.map((text, i) => ask(t, i % 2 === 0 ? "north" : "south", "statement", { requestId: `r${i}`, version: v, text })),
    );
    expect(replies.map((r) => ("version" in r ? r.version : r.code))).toEqual([v + 1, v + 2, v + 3, v + 4]);
    const logged = (await t.store.loadMatch(t.table.matchId))!.actions.map((a) => a.action).filter((a) => a.type === "statement");
    expect(logged.map((a) => ("text" in a ? a.text : null))).toEqual(texts);
  });

  it("goes on after a task that fails", async () => {
    const t = await running(60);
    const failed = t.table.queue.run(() => Promise.reject(new Error("broken task")));
    const next = t.table.queue.run(async () => "ran");
    await expect(failed).rejects.toThrow("broken task");
    await expect(next).resolves.toBe("ran");
  });
});

describe("refusals are values with reasons", () => {
  it("names the field of a malformed request, the role a request needs, and the engine's rule", async () => {
    const t = await running(60);
    const v = t.table.game().version;
    expect(await ask(t, "north", "statement", { requestId: "x", version: v, text: 7 })).toMatchObject({ code: "bad_request", message: expect.stringContaining("statement: field 'text'") });
    expect(await ask(t, "chair", "pass", { requestId: "x", version: v })).toMatchObject({ code: "forbidden", message: expect.stringContaining("you are observing") });
    expect(await ask(t, "north", "pause", { requestId: "x", version: v })).toMatchObject({ code: "forbidden", message: "pause: only the facilitator may pause" });
    expect(await ask(t, "north", "statement", { requestId: "old", version: v + 5, text: "hello" })).toMatchObject({ code: "stale_version" });
    const waiting = t.table.game().turn === "north" ? "south" : "north";
    expect(await ask(t, waiting, "pass", { requestId: "early", version: v })).toMatchObject({ code: "not_your_turn" });
    expect(await ask(t, "nobody", "pass", { requestId: "x", version: v })).toMatchObject({ code: "forbidden", message: "pass: this connection has not joined the table" });
    // Nothing refused reached the table.
    expect(t.table.game().version).toBe(v);
  });

  it("answers a retry of an applied request as the first time, without applying it again", async () => {
    const t = await running(60);
    const v = t.table.game().version;
    expect(await ask(t, "north", "statement", { requestId: "same", version: v, text: "once" })).toEqual({ ok: true, version: v + 1 });
    expect(await ask(t, "north", "statement", { requestId: "same", version: v + 1, text: "once" })).toEqual({ ok: true, version: v + 1, duplicate: true });
    expect(t.table.game().messages.filter((m) => m.text === "once")).toHaveLength(1);
  });
});

describe("commit before answer", () => {
  it("publishes nothing and answers internal_error when the write fails; the table is unchanged", async () => {
    let fail = false;
    const t = await openTable(
      { scenario: "bilateral-test" },
      {
        store: (real: MatchStore) => ({
          insertMatch: (row) => real.insertMatch(row),
          updateMatch: (id, patch) => real.updateMatch(id, patch),
          joinCodeTaken: (code) => real.joinCodeTaken(code),
          loadMatch: (id) => real.loadMatch(id),
          personSeat: (match, hash) => real.personSeat(match, hash),
          insertSeat: (row) => real.insertSeat(row),
          updateSeat: (id, patch) => real.updateSeat(id, patch),
          appendEvent: (...args) => (fail ? Promise.reject(new Error("disk full")) : real.appendEvent(...args)),
        }),
      },
    );
    open = t;
    await t.seat("north", { role: "delegation", delegation: "north", code: t.joinCode });
    await t.seat("south", { role: "delegation", delegation: "south", code: t.joinCode });
    await t.table.queue.idle();
    const before = t.table.game();
    const sentBefore = t.transport.sent.length;
    fail = true;
    const reply = await ask(t, "north", "statement", { requestId: "lost", version: before.version, text: "unsaved" });
    expect(reply).toMatchObject({ code: "internal_error", message: expect.stringContaining("could not be saved") });
    expect(t.table.game()).toBe(before);
    expect(t.transport.sent.slice(sentBefore)).toEqual([]);
  });

  it("writes the action before anyone sees it, and answers after the patch and the private sends", async () => {
    const order: string[] = [];
    const t = await openTable(
      { scenario: "bilateral-test" },
      {
        store: (real: MatchStore) => ({
          insertMatch: (row) => real.insertMatch(row),
          updateMatch: (id, patch) => real.updateMatch(id, patch),
          joinCodeTaken: (code) => real.joinCodeTaken(code),
          loadMatch: (id) => real.loadMatch(id),
          personSeat: (match, hash) => real.personSeat(match, hash),
          insertSeat: (row) => real.insertSeat(row),
          updateSeat: (id, patch) => real.updateSeat(id, patch),
          appendEvent: async (...args) => {
            await real.appendEvent(...args);
            order.push(`written ${args[2].type}`);
          },
        }),
      },
    );
    open = t;
    await t.seat("north", { role: "delegation", delegation: "north", code: t.joinCode });
    await t.seat("south", { role: "delegation", delegation: "south", code: t.joinCode });
    await t.table.queue.idle();
    const sender = t.table.game().turn!;
    const other = sender === "north" ? "south" : "north";
    const origin = t.transport.sent.length;
    order.length = 0;
    const reply = ask(t, sender, "private_message", { requestId: "pm", version: t.table.game().version, to: other, text: "between us" }).then((r) => {
      order.push("answered");
      return r;
    });
    // Nothing leaves before the write.
    expect(t.transport.sent.length).toBe(origin);
    expect(await reply).toMatchObject({ ok: true });
    const after = t.transport.sent.slice(origin).map((s) => (s.kind === "send" ? `${s.kind} ${s.type} to ${s.to}` : s.kind === "hold" ? `hold ${s.to}` : s.kind));
    expect(order).toEqual(["written private_message", "answered"]);
    // The requester's frames are held, and the other seat's (it gets a seat update too: its patch
    // and its update leave in one write), the patch goes out, then each seat the message touched (in joining order).
    expect(after).toEqual([`hold ${sender}`, `hold ${other}`, "patch", "send seat_update to north", "send seat_update to south"]);
  });
});

describe("the bot driver", () => {
  it("moves a bot's delegation after its pause, through the engine, until its turn is done", async () => {
    const t = await openTable({ scenario: "bilateral-test", seats: { south: { kind: "bot", strategy: "medium" } }, secondsPerTurn: 600 }, { config: { botDelayMs: { min: 1000, max: 1000 } } });
    open = t;
    await t.seat("north", { role: "delegation", delegation: "north", code: t.joinCode });
    await t.table.queue.idle();
    expect(t.table.game().phase).toBe("running");
    if (t.table.game().turn === "north") {
      expect(await ask(t, "north", "pass", { requestId: "p1", version: t.table.game().version })).toMatchObject({ ok: true });
    }
    expect(t.table.game().turn).toBe("south");
    const version = t.table.game().version;
    // Not before its pause.
    t.timers.advance(999);
    await t.table.queue.idle();
    expect(t.table.game().version).toBe(version);
    // Then one action per pause (a statement, then its move), until the turn is north's.
    for (let i = 0; i < 10 && t.table.game().turn === "south"; i++) {
      t.timers.advance(i === 0 ? 1 : 1000);
      await t.table.queue.idle();
      expect(t.table.game().version).toBeGreaterThan(version + i);
    }
    expect(t.table.game().turn).toBe("north");
    const game = t.table.game();
    const movesBySouth = game.moves.filter((m) => m.by === "south");
    expect(movesBySouth.length).toBeGreaterThan(0);
    // Every action since is south's (the bot's), logged with the bot's action id.
    const logged = (await t.store.loadMatch(t.table.matchId))!.actions.map((a) => a.action).filter((a) => a.version >= version);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((a) => a.by.kind === "delegation" && a.by.id === "south" && a.actionId.startsWith("bot:"))).toBe(true);
  });

  it("hands a delegation everyone left to a bot, which plays it; a person rejoining with the seat token takes it back", async () => {
    const t = await running(600, { fastBots: true });
    const seat = t.transport.to("south", "welcome")[0] as { seatToken: string };
    t.transport.open--;
    await leave(t.table, "south");
    expect(t.table.state.delegations.find((d) => d.id === "south")?.control).toBe("bot");
    // The bot plays south's turns (fastBots: on the next turn of the loop).
    if (t.table.game().turn === "north") await ask(t, "north", "pass", { requestId: "p1", version: t.table.game().version });
    const version = t.table.game().version;
    for (let i = 0; i < 10 && t.table.game().turn === "south"; i++) {
      t.timers.advance(0);
      await t.table.queue.idle();
    }
    expect(t.table.game().version).toBeGreaterThan(version);
    expect(t.table.game().turn).toBe("north");
    await t.seat("south-again", { seatToken: seat.seatToken });
    expect(t.table.state.delegations.find((d) => d.id === "south")?.control).toBe("people");
    expect(t.transport.to("south-again", "welcome")[0]).toMatchObject({ role: { delegation: "south", facilitator: false, observer: false } });
    const snapshot = t.transport.to("south-again", "seat")[0] as SeatSnapshot;
    expect(snapshot.me).not.toBeNull();
  });
});
