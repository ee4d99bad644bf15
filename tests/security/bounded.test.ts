// Bounded tables, tried as an attacker would: thousands of statements (the synced state keeps a
// window, the rest is paged), join/leave churn (nothing grows), talk floods (volume caps, also
// after a restart, and bots at a full table keep playing), `sync` floods at an ended table, tables
// created and never joined, and bot-only tables at the table limit. Real server, real sockets.
import { rmSync } from "node:fs";
import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { joinStatements, prependStatements, type StatementRecord, type StatementView } from "../../client/net/view.ts";
import type { PublicStatement, StatementsPage } from "../../shared/protocol/index.ts";
import { framesContain, Player, requestId, startTestServer, tempDir, type TestServer } from "../server/harness.ts";

// Colyseus gives up a seat reservation nobody used after 15 s and then disposes an empty room; a
// longer one here shows that `unjoinedSeconds` closes a never-joined table by itself (this file only).
vi.hoisted(() => {
  process.env.COLYSEUS_SEAT_RESERVATION_TIME = "60";
});

/** What a table keeps in memory per person and per connection (private fields, read for the test only). */
interface RoomInternals {
  people: Map<string, unknown>;
  peopleByToken: Map<string, unknown>;
  sessions: Map<string, unknown>;
}

function internals(t: TestServer, matchId: string): RoomInternals {
  const room = t.server.context.live.get(matchId);
  if (!room) throw new Error(`no live table ${matchId}`);
  // The table's memory is its master's seating (server/table/seating.ts), behind the room.
  return (room as unknown as { table: { seating: RoomInternals } }).table.seating;
}

async function table(url: string, options: Record<string, unknown> = {}): Promise<{ north: Player; south: Player; code: string }> {
  const north = await Player.create(url, { scenario: "bilateral-test", delegation: "north", ...options }, "north");
  const code = (await north.waitFor(() => north.welcome, "north's welcome")).joinCode!;
  const south = await Player.join(url, north.matchId, { role: "delegation", delegation: "south", code }, "south");
  await north.waitFor(() => north.state.phase === "running", "the start");
  await south.waitFor(() => south.welcome !== null && south.seat !== null, "south's welcome");
  return { north, south, code };
}

/** Poll `check` (a store read, a map) until it holds; the limit only guards against a hang. */
async function until(check: () => Promise<boolean> | boolean, what: string, limitMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the statement window, churn and sync", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ statementWindow: 5 });
  });
  afterAll(async () => t?.close());

  it("keeps the latest statements in the synced state; a late observer gets only those; paging returns every earlier one once, in order", async () => {
    const { north, south, code } = await table(t.url);
    const watcher = await Player.join(t.url, north.matchId, { role: "observer", code }, "watcher");
    const marker = `early-${requestId()}`;
    const posted: string[] = [];
    for (let i = 0; i < 23; i++) {
      const text = `${marker} #${i}`;
      await (i % 2 === 0 ? north : south).must("statement", { text });
      posted.push(text);
    }
    // A private message and a team note in between are never part of the public record.
    await north.must("team_note", { text: "a secret note" });
    await south.must("private_message", { to: "north", text: "a secret message" });
    await north.must("statement", { text: `${marker} #23` });
    posted.push(`${marker} #23`);

    // The watcher, connected all along, holds the last five (the oldest left the list as new ones came).
    await watcher.waitFor(() => watcher.state.statementsTotal === 24 && watcher.state.statements.at(-1)?.text === posted[23], "the last statement");
    expect([...watcher.state.statements.values()].map((s) => s.text)).toEqual(posted.slice(-5));

    // A late observer receives only the window: the first statements are in none of its frames.
    const late = await Player.join(t.url, north.matchId, { role: "observer", code }, "late");
    await late.waitFor(() => late.state.statementsTotal === 24, "the late observer's state");
    expect([...late.state.statements.values()].map((s) => s.text)).toEqual(posted.slice(-5));
    expect(framesContain(late.frames(), `${marker} #0`)).toBe(false);
    expect(framesContain(late.frames(), `${marker} #18`)).toBe(false);

    // Paging back from the window: every earlier statement, oldest first, none lost, none twice.
    const earlier: PublicStatement[] = [];
    let before = late.state.statementsTotal - late.state.statements.length;
    for (;;) {
      const page = (await late.request("statements", { before, limit: 4 })) as StatementsPage;
      expect(page.ok).toBe(true);
      expect(page.total).toBe(24);
      expect(page.statements.length).toBeLessThanOrEqual(4);
      earlier.unshift(...page.statements);
      before = page.from;
      if (!page.more) break;
    }
    const all = [...earlier.map((s) => s.text), ...[...late.state.statements.values()].map((s) => s.text)];
    expect(all).toEqual(posted);
    expect(new Set(earlier.map((s) => s.id)).size).toBe(earlier.length);
    expect(earlier.every((s) => s.from === "north" || s.from === "south")).toBe(true);
    expect(framesContain(late.frames(), "a secret")).toBe(false);

    // Without `before`: the latest page. Bad pages are refused naming the field.
    const latest = (await late.request("statements", { limit: 3 })) as StatementsPage;
    expect(latest.statements.map((s) => s.text)).toEqual(posted.slice(-3));
    expect(latest).toMatchObject({ from: 21, more: true });
    expect(await late.request("statements", { limit: 101 })).toMatchObject({ code: "bad_request", message: "statements: field 'limit' must be at most 100" });
    expect(await late.request("statements", { before: -1 })).toMatchObject({ code: "bad_request" });
    await Promise.all([north.leave(), south.leave(), watcher.leave(), late.leave()]);
  });

  it("people who left for good leave the synced state and the room's memory; churn grows nothing", async () => {
    const { north, south, code } = await table(t.url, { botTakeover: false });
    const id = north.matchId;
    const room = internals(t, id);
    const baseline = { people: room.people.size, tokens: room.peopleByToken.size, sessions: room.sessions.size, synced: north.state.people.size };
    expect(baseline.synced).toBe(2);

    // South holds a seat and leaves for good; then 15 newcomers take the seat and leave (one address takes at most
    // 20 fresh seats at a table in a short while), and 15 observers come and go.
    const southToken = south.welcome!.seatToken!;
    const southId = south.welcome!.personId!;
    await south.leave();
    await north.waitFor(() => !north.state.people.has(southId), "south out of the synced people");
    for (let i = 0; i < 15; i++) {
      const sitter = await Player.join(t.url, id, { role: "delegation", delegation: "south", code, name: `Sitter ${i}` }, `sitter ${i}`);
      const sitterId = (await sitter.waitFor(() => sitter.welcome, "the sitter's welcome")).personId!;
      await north.waitFor(() => north.state.people.has(sitterId), "the sitter in the people");
      const observer = await Player.join(t.url, id, { role: "observer", code }, `observer ${i}`);
      await north.waitFor(() => north.state.observers === 1, "the observer counted");
      await Promise.all([sitter.leave(), observer.leave()]);
      await north.waitFor(() => !north.state.people.has(sitterId) && north.state.observers === 0, "sitter and observer gone");
    }
    expect(north.state.people.size).toBe(1);
    expect(room.people.size).toBe(baseline.people - 1);
    expect(room.peopleByToken.size).toBe(baseline.tokens - 1);
    expect(room.sessions.size).toBe(baseline.sessions - 1);

    // The record keeps every seat: the one who left first comes back with the same person id.
    const back = await Player.join(t.url, id, { seatToken: southToken }, "south back");
    await back.waitFor(() => back.welcome?.personId === southId && back.seat?.me?.delegation === "south", "south's seat back");
    await north.waitFor(() => north.state.people.get(southId)?.status === "connected", "south connected again");
    await back.must("statement", { text: "Back again." });
    await Promise.all([north.leave(), back.leave()]);
  });

  it("a join-and-leave loop stops at the seats a table may hand out; a seat token still comes back", async () => {
    const u = t.server.config;
    const limit = u.maxSeatsPerTable;
    u.maxSeatsPerTable = 6;
    try {
      // North (the creator) and south hold two seats; four fresh joins take the rest.
      const { north, south, code } = await table(t.url, { botTakeover: false });
      const id = north.matchId;
      await south.leave();
      for (let i = 0; i < 4; i++) {
        const sitter = await Player.join(t.url, id, { role: "delegation", delegation: "south", code }, `sitter ${i}`);
        await sitter.waitFor(() => sitter.welcome, "the sitter's welcome");
        await sitter.leave();
      }
      await expect(Player.join(t.url, id, { role: "delegation", delegation: "south", code }, "one too many")).rejects.toThrow(/table_full: this table has handed out 6 seats/);
      // A seat token takes no new seat, and watching needs none.
      const back = await Player.join(t.url, id, { seatToken: south.welcome!.seatToken! }, "south back");
      await back.waitFor(() => back.welcome?.personId === south.welcome!.personId, "south's seat back");
      const watcher = await Player.join(t.url, id, { role: "observer", code }, "watcher");
      await watcher.waitFor(() => watcher.welcome, "the watcher's welcome");
      await Promise.all([north.leave(), back.leave(), watcher.leave()]);
    } finally {
      u.maxSeatsPerTable = limit;
    }
  });

  it("rate-limits sync with a budget of its own and does not resend the debrief unless asked", async () => {
    const { north, south, code } = await table(t.url);
    await north.must("end");
    await north.waitFor(() => north.state.phase === "ended", "the end");
    const observer = await Player.join(t.url, north.matchId, { role: "observer", code }, "observer");
    let reveals = 0;
    observer.room.onMessage("reveal", () => reveals++);
    await observer.waitFor(() => observer.reveal !== null, "the reveal on joining an ended table");
    const afterJoin = reveals;

    // Three at once, then refused with when to retry; the general budget is untouched.
    for (let i = 0; i < 3; i++) expect(await observer.request("sync", {})).toMatchObject({ ok: true });
    const refused = await observer.request("sync", {});
    expect(refused).toMatchObject({ code: "rate_limited" });
    expect((refused as { message: string }).message).toMatch(/^sync: at most 3 at once, then one every 5 seconds; retry in \d+ s$/);
    expect(await observer.request("statements", {})).toMatchObject({ ok: true });
    // The three syncs resent the welcome and seat, never the reveal the observer already had.
    expect(reveals).toBe(afterJoin);
    expect(observer.left).toBe(false);
    // Another connection's budget is its own; asked for, the reveal comes again.
    const other = await Player.join(t.url, north.matchId, { role: "observer", code }, "other");
    await other.waitFor(() => other.reveal !== null, "the other's reveal");
    let otherReveals = 0;
    other.room.onMessage("reveal", () => otherReveals++);
    expect(await other.request("sync", { reveal: true })).toMatchObject({ ok: true });
    await other.waitFor(() => otherReveals === 1, "the reveal asked for");
    await Promise.all([north.leave(), south.leave(), observer.leave(), other.leave()]);
  });
});

describe("volume caps", () => {
  const caps = { maxMessagesPerPerson: 3, maxMessagesPerTable: 6 };

  it("refuses talk past a person's and the table's limit with volume_limit, moves still work, and the counts survive a restart", async () => {
    const dataDir = tempDir("bounded-restart");
    const first = await startTestServer({ ...caps, dataDir });
    let second: TestServer | null = null;
    try {
      const { north, south } = await table(first.url);
      const nw = north.welcome!;
      const sw = south.welcome!;
      await north.must("statement", { text: "one" });
      await north.must("team_note", { text: "two" });
      const retried = requestId();
      await north.request("private_message", { requestId: retried, version: north.state.version, to: "south", text: "three" });
      const fourth = await north.act("statement", { text: "four" });
      expect(fourth).toMatchObject({ code: "volume_limit" });
      expect((fourth as { message: string }).message).toBe(
        "statement: you have sent 3 messages (statements, private messages and team notes) at this table, the limit per person (maxMessagesPerPerson)",
      );
      // A retry of an action already applied is still answered as a duplicate.
      expect(await north.request("private_message", { requestId: retried, version: north.state.version, to: "south", text: "three" })).toMatchObject({ ok: true, duplicate: true });
      // Others still talk, and everyone still moves.
      await south.must("statement", { text: "five" });
      await south.must("statement", { text: "six" });
      const mover = north.state.turn === "north" ? north : south;
      await mover.must("pass");
      expect(north.left || south.left).toBe(false);
      await first.server.close();

      second = await startTestServer({ ...caps, dataDir });
      const northBack = await Player.join(second.url, nw.matchId, { seatToken: nw.seatToken! }, "north again");
      const southBack = await Player.join(second.url, sw.matchId, { seatToken: sw.seatToken! }, "south again");
      await northBack.waitFor(() => northBack.state.phase === "running" && northBack.welcome !== null, "the restored table");
      await southBack.waitFor(() => southBack.welcome !== null, "south's welcome");
      // North's three are counted from the log; south may still say one, then the table is full.
      expect(await northBack.act("statement", { text: "again" })).toMatchObject({ code: "volume_limit", message: expect.stringContaining("limit per person") });
      await southBack.must("statement", { text: "the sixth" });
      const full = await southBack.act("team_note", { text: "seven" });
      expect(full).toMatchObject({ code: "volume_limit" });
      expect((full as { message: string }).message).toBe(
        "team_note: this table holds 6 messages (statements, private messages and team notes), its limit (maxMessagesPerTable)",
      );
      const moverBack = northBack.state.turn === "north" ? northBack : southBack;
      await moverBack.must("pass");
      await Promise.all([northBack.leave(), southBack.leave()]);
    } finally {
      await second?.server.close();
      if (!second) await first.server.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it("a bot at a full table keeps quiet and plays on", async () => {
    const t = await startTestServer({ maxMessagesPerTable: 2 });
    try {
      const north = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", seats: { south: { kind: "bot", strategy: "conceder" } } }, "north");
      await north.waitFor(() => north.state.phase === "running", "the start");
      // Let the bot open if it moves first, then fill the table's talk.
      if (north.state.turn === "south") await north.waitFor(() => north.state.turn === "north", "the bot's first move");
      while (north.state.statementsTotal < 2) await north.must("statement", { text: `filler ${north.state.statementsTotal}` });
      const said = north.state.statementsTotal;
      const movesBefore = north.state.moves.length;
      await north.mustDespiteBots(north.state.offer?.proposer === "south" ? "counter" : "propose", { package: { notification: "h24", funding: "south-pays", scope: "all" } });
      // The bot answers with a move (its statement is refused at the cap), several times over.
      await north.waitFor(() => north.state.moves.length >= movesBefore + 2 && north.state.moves.at(-1)?.by === "south", "the bot's answer");
      expect(north.state.statementsTotal).toBe(said);
      expect(north.state.phase === "running" || north.state.phase === "ended").toBe(true);
      await north.leave();
    } finally {
      await t.close();
    }
  });
});

describe("tables nobody joins", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ unjoinedSeconds: 1, maxMatches: 3 });
  });
  afterAll(async () => t?.close());

  async function createOverHttp(): Promise<Response> {
    return fetch(`${t.url}/matchmake/create/negotiation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: "bilateral-test" }),
    });
  }

  it("a table created and never joined is closed, marked abandoned, and frees its place", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await createOverHttp();
      expect(answer.status).toBe(200);
      ids.push(((await answer.json()) as { roomId: string }).roomId);
    }
    expect(ids.every((id) => t.server.context.live.has(id))).toBe(true);
    // The server is full of tables nobody uses: a person's create is refused for now.
    await expect(Player.create(t.url, { scenario: "bilateral-test" })).rejects.toMatchObject({ code: 503, message: expect.stringMatching(/^too_many_matches: /) });
    const { store, live } = t.server.context;
    await until(async () => {
      for (const id of ids) if (live.has(id) || (await store.loadMatch(id))?.match.status !== "abandoned") return false;
      return true;
    }, "the unjoined tables closed and abandoned");
    // A table someone joined stays.
    const creator = await Player.create(t.url, { scenario: "bilateral-test" }, "creator");
    await creator.waitFor(() => creator.welcome !== null, "the creator's welcome");
    expect((t.server.context.live.get(creator.matchId) as unknown as { table: { emptyTable: { unjoined: unknown } } }).table.emptyTable.unjoined).toBeNull();
    await creator.leave();
  });
});

describe("the places kept for people", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ maxMatches: 3, matchesReservedForPeople: 2 });
  });
  afterAll(async () => t?.close());

  it("refuses a table only bots play once the server is within the reserve of its limit; people can still create", async () => {
    const bots = { seats: { north: { kind: "bot" as const, strategy: "hardliner" as const }, south: { kind: "bot" as const, strategy: "hardliner" as const } }, startWhen: "facilitator" as const };
    expect(t.server.context.live.size).toBe(0);
    const first = await Player.create(t.url, { scenario: "bilateral-test", ...bots }, "bots 1");
    await first.waitFor(() => first.welcome !== null, "the first bot table");
    // 3 places, 2 kept for people: the second table of bots only is refused.
    await expect(Player.create(t.url, { scenario: "bilateral-test", ...bots })).rejects.toMatchObject({
      code: 503,
      message: expect.stringMatching(/^reserved_for_people: .*last 2 of 3 places are kept for tables people play/),
    });
    // The server's own callers (a tournament's director, a class) get the same refusal, by name.
    await expect(matchMaker.createRoom("negotiation", { scenario: "bilateral-test", ...bots })).rejects.toThrow(/^reserved_for_people: /);
    const people = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north" }, "people");
    await people.waitFor(() => people.welcome !== null, "a people's table");
    const mixed = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", seats: { south: { kind: "bot" as const, strategy: "hardliner" as const } } }, "mixed");
    await mixed.waitFor(() => mixed.welcome !== null, "a table with a person and a bot");
    await Promise.all([first.leave(), people.leave(), mixed.leave()]);
  });
});

describe("the web client's record of statements", () => {
  const st = (n: number): StatementView => ({ id: `m${n}`, from: "north", text: `#${n}`, round: 1, version: n });
  const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => st(a + i));
  const numbers = (r: StatementRecord) => r.statements.map((s) => s.version);

  it("keeps what slides out of the window while it watches, pages earlier ones in front, and starts again after a gap", () => {
    let r: StatementRecord = { from: 0, statements: [] };
    r = joinStatements(r, { statements: range(3, 8), statementsTotal: 8 });
    expect(r.from).toBe(3);
    // Two more: the window is 5..9; 3 and 4 stay with the client.
    r = joinStatements(r, { statements: range(5, 10), statementsTotal: 10 });
    expect([r.from, numbers(r)]).toEqual([3, range(3, 10).map((s) => s.version)]);
    // An unchanged window changes nothing.
    expect(joinStatements(r, { statements: range(5, 10), statementsTotal: 10 })).toBe(r);
    // A page that joins on goes in front; one that does not is ignored.
    expect(prependStatements(r, { from: 0, statements: range(0, 2) })).toBe(r);
    r = prependStatements(r, { from: 0, statements: range(0, 3) });
    expect([r.from, numbers(r)]).toEqual([0, range(0, 10).map((s) => s.version)]);
    // Away for a while (a gap between what it holds and the window): the window alone.
    r = joinStatements(r, { statements: range(20, 25), statementsTotal: 25 });
    expect([r.from, numbers(r)]).toEqual([20, range(20, 25).map((s) => s.version)]);
  });
});
