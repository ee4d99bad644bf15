// A client written from docs/PROTOCOL.md alone, as someone outside the project would write it:
// `@colyseus/sdk` for the table, `fetch` for the HTTP API, and nothing of the server's code. The
// harness only starts the server (loopback, a temp database, the fixture scenarios, bots without
// a pause). Every shape, code, message and order checked here is the one the document states;
// where this test and the server disagree, either the document or the server is wrong.
//
// Waiting is always for what the client sees (a state, a message), with a timeout that only
// guards against a hang; bots answer at their own pace, so decisions are taken from the state as
// it is when the client's turn comes, never from an assumed order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Room } from "@colyseus/sdk";
import { TableState } from "../../shared/state/table.ts";
import { startTestServer, type TestServer } from "../server/harness.ts";

// ---------------------------------------------------------------- the outsider's little client

type Json = Record<string, any>;

/** One connection at a table, recording what PROTOCOL.md §6 says the server sends. */
class Seat {
  welcomes: Json[] = [];
  seats: Json[] = [];
  updates: Json[] = [];
  reveals: Json[] = [];
  notices: Json[] = [];
  /** What arrived, in order: `state:<version>`, or a message type. */
  timeline: string[] = [];
  left: number | null = null;
  reconnected = 0;
  updateBeforeSeat = false;
  private waiters = new Set<() => void>();

  constructor(
    public room: Room<any, TableState>,
    readonly client: Client,
    readonly label: string,
  ) {
    this.attach(room);
  }

  attach(room: Room<any, TableState>): void {
    this.room = room;
    this.left = null;
    room.onStateChange((s) => {
      this.timeline.push(`state:${s.version}`);
      this.poke();
    });
    for (const type of ["welcome", "seat", "seat_update", "reveal", "notice"] as const) {
      room.onMessage(type, (m: Json) => {
        // §6: a seat_update is a delta against the last seat, which always comes first.
        if (type === "seat_update" && this.seats.length === 0) this.updateBeforeSeat = true;
        this.timeline.push(type);
        ({ welcome: this.welcomes, seat: this.seats, seat_update: this.updates, reveal: this.reveals, notice: this.notices })[type].push(m);
        this.poke();
      });
    }
    room.onLeave((code) => {
      this.left = code;
      this.poke();
    });
    room.onReconnect(() => {
      this.reconnected++;
      this.poke();
    });
  }

  get state(): TableState {
    return this.room.state;
  }
  get welcome(): Json {
    return this.welcomes[this.welcomes.length - 1]!;
  }
  get seat(): Json {
    return this.seats[this.seats.length - 1]!;
  }

  private poke(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves once `check()` holds (checked now and after every state change or message). */
  until<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const test = () => {
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch {
          value = undefined;
        }
        if (value) {
          this.waiters.delete(test);
          clearTimeout(timer);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(test);
        reject(new Error(`${this.label}: timed out waiting for ${what}; timeline ${this.timeline.slice(-20).join(" ")}`));
      }, timeoutMs);
      this.waiters.add(test);
      test();
    });
  }

  /** A game action as §7 describes it: a fresh request id and the version as seen now. */
  act(type: string, extra: Json = {}, requestId = newRequestId()): Promise<Json> {
    return this.room.request(type, { requestId, version: this.state.version, ...extra });
  }
}

let requestCounter = 0;
function newRequestId(): string {
  requestCounter++;
  return `outsider-${Date.now().toString(36)}-${requestCounter}`;
}

/** What a refused request rejects with (§7): `name: "rejected"`, `reason: { code, message }`. */
async function refusal(p: Promise<unknown>): Promise<{ name: string; code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; reason?: { code: string; message: string }; message: string };
    return { name: e.name, code: e.reason?.code ?? "", message: e.reason?.message ?? e.message };
  }
  throw new Error("the request was accepted; a refusal was expected");
}

/** What a refused create or join rejects with (§2, §3): the SDK's error `code` and `message`. */
async function joinRefusal(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    const room = (await p) as Room;
    await room.leave();
  } catch (err) {
    const e = err as { code: number; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error("the join was accepted; a refusal was expected");
}

function keys(o: object): string[] {
  return Object.keys(o).sort();
}

/** Every `key` of the documented list present, and nothing else (the optional ones may be absent). */
function expectShape(what: string, o: Json, required: string[], optional: string[] = []): void {
  const have = keys(o);
  const missing = required.filter((k) => !have.includes(k));
  const extra = have.filter((k) => !required.includes(k) && !optional.includes(k));
  expect.soft({ what, missing, extra }).toEqual({ what, missing: [], extra: [] });
}

// ---------------------------------------------------------------- the server

let t: TestServer;
let base: string;

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  const res = await fetch(`${base}${path}`, { headers });
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.status, body, text, headers: res.headers };
}

async function create(options: Json, label = "creator"): Promise<Seat> {
  const client = new Client(base);
  const room = await client.create("negotiation", options, TableState);
  return new Seat(room, client, label);
}

/** `withSchema: false`: as a client with no copy of shared/state/table.ts (the SDK decodes by reflection). */
async function join(matchId: string, options: Json, label: string, withSchema = true): Promise<Seat> {
  const client = new Client(base);
  const room = withSchema ? await client.joinById(matchId, options, TableState) : ((await client.joinById(matchId, options)) as Room<any, TableState>);
  return new Seat(room, client, label);
}

beforeAll(async () => {
  t = await startTestServer();
  base = t.url;
});
afterAll(async () => {
  await t?.close();
});

// The bilateral game of part 1, read again over HTTP in part 4.
let endedMatchId = "";
let endedFacilitatorToken = "";

describe("a client written from PROTOCOL.md alone", () => {
  it("§8 lists scenarios, §2 creates a solo table with a bot, §6–7 plays a whole bilateral game to its reveal", async () => {
    // §8: GET /api/scenarios
    const list = await get("/api/scenarios");
    expect(list.status).toBe(200);
    expectShape("GET /api/scenarios", list.body, ["scenarios"]);
    const summary = (list.body.scenarios as Json[]).find((s) => s.id === "bilateral-test")!;
    expect(summary).toBeDefined();
    expectShape("a scenario in the list", summary, ["id", "title", "year", "summary", "protocol", "deadline", "delegations", "issues", "translations"]);
    expect(typeof summary.issues).toBe("number");
    expect(summary.protocol).toBe("alternating");
    for (const d of summary.delegations) expectShape("a delegation in the list", d, ["id", "name", "seats", "required"]);

    const one = await get("/api/scenarios/bilateral-test");
    expect(one.status).toBe(200);
    expectShape("GET /api/scenarios/:id", one.body, [
      "id", "title", "year", "summary", "sources", "protocol", "deadline", "delegations", "issues", "agreement", "translations",
    ], ["chair"]);
    expect(one.body.chair).toBeUndefined(); // a bilateral scenario has no chair
    for (const d of one.body.delegations) expectShape("a public delegation", d, ["id", "name", "publicBrief", "seats", "required"]);
    const issues = one.body.issues as { id: string; options: { id: string }[] }[];
    const [me, them] = (one.body.delegations as Json[]).map((d) => d.id as string) as [string, string];

    // §2: create, sitting at a delegation, the other a bot; a solo table starts by itself.
    const north = await create({ scenario: "bilateral-test", delegation: me, name: "Outsider", seats: { [them]: { kind: "bot", strategy: "conceder" } }, seed: 11 });
    await north.until(() => north.welcome && north.seat, "welcome and seat");
    const w = north.welcome;
    expectShape("welcome (creator, seated)", w, ["matchId", "role", "personId", "listed", "reconnectSeconds", "coach", "serverTime"], ["seatToken", "facilitatorToken", "joinCode"]);
    expect(w.role).toEqual({ delegation: me, facilitator: true, observer: false });
    expect(typeof w.seatToken).toBe("string");
    expect(typeof w.facilitatorToken).toBe("string");
    expect(w.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/); // the 8 symbols; shown as XXXX-XXXX
    expect(w.listed).toBe(false);
    expect(w.reconnectSeconds).toBe(120);
    expect(w.coach).toBe(true); // a solo table: the creator seated, every other delegation a bot
    expect(typeof w.serverTime).toBe("number");
    expect(north.state.matchId).toBe(w.matchId);

    const s = north.seat;
    expectShape("seat", s, ["version", "me", "messages", "events"], ["myUtility", "injects", "translations"]);
    expectShape("seat.me", s.me, ["delegation", "privateBrief", "profile", "injectNotes"]);
    expect(s.me.delegation).toBe(me);
    expect(s.messages).toEqual([]);
    expect(Array.isArray(s.injects)).toBe(true); // the creator is the facilitator
    for (const i of s.injects) expectShape("seat.injects[]", i, ["id", "title", "trigger", "fired"]);

    // §5: the synced state.
    await north.until(() => north.state.phase === "running", "the table to start");
    const st = north.state;
    expect(st.scenarioId).toBe("bilateral-test");
    expect(st.protocol).toBe("alternating");
    expect(st.stage).toBe("proposing");
    expect(st.round).toBe(1);
    expect(st.deadlineRounds).toBe(6);
    if (st.moves.length === 0) expect(st.offer).toBeUndefined(); // the bot may have moved already
    expect(st.outcome).toBeUndefined();
    expect(st.delegations.map((d) => d.id)).toEqual([me, them]);
    expect(st.delegations.find((d) => d.id === them)!.control).toBe("bot");
    expect(st.people.get(w.personId)?.delegation).toBe(me);
    const mySeat = st.delegations.find((d) => d.id === me)!;
    expect({ required: mySeat.required, control: mySeat.control, strategy: mySeat.strategy, connected: mySeat.connected, members: mySeat.members, maxMembers: mySeat.maxMembers }).toEqual({
      required: true, control: "people", strategy: "", connected: 1, members: 1, maxMembers: 1,
    });
    expect(st.delegations.find((d) => d.id === them)!.strategy).toBe("conceder");
    expect(st.timer.seconds).toBe(60);
    expect(st.timer.quietFrom).toBe("");
    expect(st.timer.zone).toBe("");
    expect(st.timer.untilAll).toBe(false);

    // A statement: accepted with { ok, version }; the patch and any seat_update come before the reply.
    const said = await north.act("statement", { text: "Good morning." });
    expectShape("reply", said, ["ok", "version"], ["duplicate"]);
    expect(said.ok).toBe(true);
    expect(north.state.version).toBeGreaterThanOrEqual(said.version);
    expect([...north.state.statements].some((x) => x.text === "Good morning." && x.phrase === undefined)).toBe(true);
    // Retrying with the same requestId never applies twice.
    const rid = newRequestId();
    const first = await north.act("team_note", { text: "Hold firm on scope." }, rid);
    const again = await north.room.request("team_note", { requestId: rid, version: north.state.version, text: "Hold firm on scope." });
    expect(again).toEqual({ ok: true, duplicate: true, version: expect.any(Number) });
    expect(again.version).toBeGreaterThanOrEqual(first.version); // the table's current version
    expect(first.duplicate).toBeUndefined();
    // The team note came as a seat_update before the reply, and is in the seat once.
    const notes = north.updates.flatMap((u) => u.messages as Json[]).filter((m) => m.text === "Hold firm on scope.");
    expect(notes).toHaveLength(1);
    for (const u of north.updates) expectShape("seat_update", u, ["version", "messages", "events"], ["me", "injects", "translations"]);

    // Play: my turn → counter a bot's offer once, accept the next one; propose when nothing is on
    // the table. The bot moves at its own pace; each decision is from the state seen at my turn.
    const compromise = { notification: "h72", funding: "split", scope: "critical" };
    expect(Object.keys(compromise).sort()).toEqual(issues.map((i) => i.id).sort());
    let countered = false;
    let accepted: Json | null = null;
    const moveTypes: string[] = [];
    while (north.state.phase !== "ended") {
      await north.until(() => north.state.phase === "ended" || (north.state.phase === "running" && north.state.turn === me), "my turn or the end", 60_000);
      if (north.state.phase === "ended") break;
      const offer = north.state.offer;
      let type: string;
      let extra: Json = {};
      if (offer && offer.proposer !== me) {
        type = countered ? "accept" : "counter";
        if (countered) accepted = Object.fromEntries(offer.package.entries());
        if (!countered) extra = { package: compromise };
        countered = true;
      } else {
        type = "propose";
        extra = { package: compromise };
      }
      const before = north.state.version;
      const reply = await north.act(type, extra);
      moveTypes.push(type);
      expect(reply.ok).toBe(true);
      expect(reply.version).toBeGreaterThan(before);
      // §6 order: when the request resolves, the state already shows its effect.
      expect(north.state.version).toBeGreaterThanOrEqual(reply.version);
      const mine = [...north.state.moves].filter((m) => m.by === me && m.version === reply.version);
      expect(mine.map((m) => m.type)).toEqual([type]);
      if (type !== "accept") expect(JSON.parse(mine[0]!.package!)).toEqual(compromise);
      else expect(mine[0]!.package).toBeUndefined();
    }
    expect(moveTypes.length).toBeGreaterThan(0);
    // §5: moves carry `package` as JSON text on propose and counter only; `vote` is "" outside votes.
    for (const m of north.state.moves) {
      expect(m.vote).toBe("");
      if (m.type === "propose" || m.type === "counter") expect(Object.keys(JSON.parse(m.package!)).sort()).toEqual(issues.map((i) => i.id).sort());
      else expect(m.package).toBeUndefined();
    }
    // §5/§8.2: a bot's statement carries `phrase`, JSON text of a non-empty list of PhraseParts.
    const botSaid = [...north.state.statements].filter((x) => x.from === them);
    for (const x of botSaid) {
      const parts = JSON.parse(x.phrase!) as Json[];
      expect(parts.length).toBeGreaterThan(0);
      for (const part of parts) expectShape("a PhrasePart", part, ["kind", "key", "index", "issue", "option"]);
    }

    // The end: outcome, reveal (to everyone), a seat with myUtility.
    await north.until(() => north.reveals.length > 0 && north.state.revealed, "the reveal");
    const outcome = north.state.outcome!;
    expect(outcome).toBeDefined();
    expect(["agreement", "walked_away", "deadline", "ended_by_facilitator"]).toContain(outcome.reason);
    // An agreement is the package accepted: the bot's that I accepted, or mine that the bot accepted.
    if (outcome.agreement) expect(Object.fromEntries(outcome.package.entries())).toEqual(accepted ?? compromise);
    else expect(outcome.reason).toBe("deadline");
    expect(north.state.movesTotal).toBe(north.state.moves.length);
    await north.until(() => north.seats.some((x) => x.myUtility !== undefined), "a seat with myUtility");
    expect(north.reveals).toHaveLength(1);
    const reveal = north.reveals[0]!;
    expect(typeof reveal).toBe("object");
    expectShape("reveal", reveal, ["scenario", "historicalOutcome", "delegations", "injects", "messages", "moves", "outcome", "version", "round", "phase"]);
    for (const d of reveal.delegations) expectShape("reveal.delegations[]", d, ["id", "name", "privateBrief", "initialProfile", "profile"]);
    for (const i of reveal.injects) expectShape("reveal.injects[]", i, ["id", "title", "text", "trigger", "fired", "changes"]);
    expectShape("reveal.outcome", reveal.outcome, ["agreement", "reason", "package", "utilities", "round"], ["by"]);
    expect(keys(reveal.outcome.utilities)).toEqual([me, them].sort());
    expect(reveal.moves).toHaveLength(north.state.movesTotal);
    for (const m of reveal.moves) if (m.package !== undefined) expect(typeof m.package).toBe("object"); // a map here, JSON text in the synced state
    expect(reveal.messages.some((m: Json) => m.channel === "team" && m.text === "Hold firm on scope.")).toBe(true);
    revealKeys = keys(reveal);

    // §7.3 sync at an ended table: welcome and seat again; the reveal only when asked for now.
    const welcomesBefore = north.welcomes.length;
    const synced = await north.room.request("sync", {});
    expect(synced).toEqual({ ok: true, version: north.state.version });
    expect(north.welcomes.length).toBe(welcomesBefore + 1);
    expect(north.welcome.seatToken).toBeUndefined();
    expect(north.reveals).toHaveLength(1);
    await north.room.request("sync", { reveal: true });
    expect(north.reveals).toHaveLength(2);

    expect(north.updateBeforeSeat).toBe(false);
    endedMatchId = w.matchId;
    endedFacilitatorToken = w.facilitatorToken;
    await north.room.leave();
  });

  it("§3 joins with a code as a second person and as an observer; §4 reconnects and rejoins with the seat token; §7.4 refuses bad input as documented", async () => {
    const fac = await create({ scenario: "bilateral-test", startWhen: "facilitator", name: "Chair", seed: 5 }, "facilitator");
    await fac.until(() => fac.welcome && fac.seat, "the facilitator's welcome");
    expect(fac.welcome.role).toEqual({ delegation: null, facilitator: true, observer: false });
    expect(fac.welcome.seatToken).toBeUndefined();
    const matchId = fac.welcome.matchId as string;
    const code = fac.welcome.joinCode as string;

    // §3: case, spaces and dashes do not matter.
    const looked = await get(`/api/join/${code.replace("-", " ").toLowerCase().replace(" ", "%20")}`);
    expect(looked.status).toBe(200);
    expect(looked.body).toEqual({ matchId, code: `${code.slice(0, 4)}-${code.slice(4)}` });
    const wrong = await get("/api/join/AAAA-AAAA");
    expect(wrong.status).toBe(404);
    expectShape("an HTTP error", wrong.body, ["error"]);
    expect(wrong.body.error.code).toBe("bad_code");
    expect(typeof wrong.body.error.message).toBe("string");

    const north = await join(matchId, { role: "delegation", delegation: "north", code, name: "Nora" }, "north");
    const south = await join(matchId, { role: "delegation", delegation: "south", code: code.toLowerCase().replace("-", ""), name: "Sami" }, "south");
    const watcher = await join(matchId, { role: "observer", code }, "observer", false);
    for (const p of [north, south, watcher]) await p.until(() => p.welcome && p.seat, `${p.label}'s welcome and seat`);
    expect(north.welcome.role).toEqual({ delegation: "north", facilitator: false, observer: false });
    expect(typeof north.welcome.seatToken).toBe("string");
    expect(north.welcome.facilitatorToken).toBeUndefined();
    expect(north.welcome.joinCode).toBeUndefined();
    expect(watcher.welcome.role).toEqual({ delegation: null, facilitator: false, observer: true });
    expect(watcher.welcome.seatToken).toBeUndefined();
    expect(watcher.seat.me).toBeNull();
    await fac.until(() => fac.state.observers === 1 && fac.state.people.size === 2, "two people and an observer");
    // The observer decodes the state without the schema class: the same fields.
    await watcher.until(() => watcher.state.people?.size === 2, "the observer's people");
    expect(JSON.parse(JSON.stringify(watcher.state.toJSON())).delegations).toEqual(JSON.parse(JSON.stringify(fac.state.toJSON())).delegations);
    expect([...fac.state.people.values()].map((p) => [p.name, p.delegation, p.status]).sort()).toEqual([
      ["Nora", "north", "connected"],
      ["Sami", "south", "connected"],
    ]);

    // Join refusals (§3): code and a message starting with the name.
    const other = new Client(base);
    const badCode = await joinRefusal(other.joinById(matchId, { role: "delegation", delegation: "north", code: "AAAAAAAA" }, TableState));
    expect(badCode.code).toBe(4401);
    expect(badCode.message).toMatch(/^bad_code/);
    const badToken = await joinRefusal(other.joinById(matchId, { seatToken: "not-a-token" }, TableState));
    expect(badToken.code).toBe(4403);
    expect(badToken.message).toMatch(/^bad_token/);
    const badDelegation = await joinRefusal(other.joinById(matchId, { role: "delegation", delegation: "east", code }, TableState));
    expect(badDelegation.code).toBe(4404);
    expect(badDelegation.message).toMatch(/^unknown_delegation/);
    const badZone = await joinRefusal(other.joinById(matchId, { role: "observer", code, timeZone: "+06:00" }, TableState));
    expect(badZone).toEqual({ code: 4400, message: "bad_options: join: field 'timeZone' must be an IANA time zone such as Asia/Dhaka or Europe/Paris" });
    // A misspelt option is named, not taken for an observer's join.
    const misspelt = await joinRefusal(other.joinById(matchId, { code, seatTokn: "abc" } as never, TableState));
    expect(misspelt).toEqual({ code: 4400, message: "bad_options: join: unknown field 'seatTokn'" });

    // Creation refusals (§2): an HTTP status as `code`, a message starting with the name.
    const unknownScenario = await joinRefusal(other.create("negotiation", { scenario: "no-such-scenario" }, TableState));
    expect(unknownScenario.code).toBe(404);
    expect(unknownScenario.message).toMatch(/^unknown_scenario: /);
    const badSeats = await joinRefusal(other.create("negotiation", { scenario: "bilateral-test", seats: { east: { kind: "bot", strategy: "medium" } } }, TableState));
    expect(badSeats).toEqual({ code: 400, message: "bad_options: create: field 'seats.east' names no delegation of bilateral-test (north, south)" });
    const badFrom = await joinRefusal(other.create("negotiation", { scenario: "bilateral-test", quietHours: { from: "25:00", to: "07:00" } }, TableState));
    expect(badFrom).toEqual({ code: 400, message: "bad_options: create: field 'quietHours.from' must be a time of day HH:MM (24-hour), such as 22:00" });
    const sameTo = await joinRefusal(other.create("negotiation", { scenario: "bilateral-test", quietHours: { from: "22:00", to: "22:00" } }, TableState));
    expect(sameTo.code).toBe(400);
    expect(sameTo.message).toMatch(/^bad_options: create: field 'quietHours\.to' must differ from 'from'/);

    // Before the start: moves are refused with not_started.
    const early = await refusal(north.act("propose", { package: { notification: "h24", funding: "split", scope: "all" } }));
    expect(early.name).toBe("rejected");
    expect(early.code).toBe("not_started");
    expect(early.message).toMatch(/^propose: /);

    // Only the facilitator starts.
    const notFac = await refusal(north.act("start"));
    expect(notFac.code).toBe("forbidden");
    expect(notFac.message).toMatch(/^start: /);
    await fac.act("start");
    await north.until(() => north.state.phase === "running" && north.state.turn !== "", "the start");
    const mover = north.state.turn === "north" ? north : south;
    const waiter = mover === north ? south : north;
    const moverId = mover === north ? "north" : "south";
    const waiterId = mover === north ? "south" : "north";
    const pkg = { notification: "h72", funding: "split", scope: "critical" };

    // §7.4, in the documented order of checks.
    const outOfTurn = await refusal(waiter.act("propose", { package: pkg }));
    expect(outOfTurn).toEqual({ name: "rejected", code: "not_your_turn", message: `propose: it is ${moverId}'s turn, not ${waiterId}'s` });
    const ahead = await refusal(mover.room.request("propose", { requestId: newRequestId(), version: mover.state.version + 5, package: pkg }));
    expect(ahead.code).toBe("stale_version");
    expect(ahead.message).toMatch(/^propose: /);
    const malformed = await refusal(mover.act("propose", { package: { ...pkg, scope: 42 } }));
    expect(malformed.code).toBe("bad_request");
    expect(malformed.message).toMatch(/^propose: field 'package\.scope' is not valid: /);
    const html = await refusal(mover.act("statement", { text: "hi", html: "<b>hi</b>" }));
    expect(html).toEqual({ name: "rejected", code: "bad_request", message: "statement: unknown field 'html'" });
    const long = await refusal(mover.act("statement", { text: "x".repeat(2001) }));
    expect(long).toEqual({ name: "rejected", code: "bad_request", message: "statement: field 'text' must be at most 2000 characters" });
    const noRequestId = await refusal(mover.room.request("propose", { version: mover.state.version, package: pkg }));
    expect(noRequestId.code).toBe("bad_request");
    expect(noRequestId.message).toMatch(/^propose: field 'requestId'/);
    const observing = await refusal(watcher.act("propose", { package: pkg }));
    expect(observing).toEqual({ name: "rejected", code: "forbidden", message: "propose: only a delegation member may propose; you are observing" });
    const pause = await refusal(mover.act("pause"));
    expect(pause).toEqual({ name: "rejected", code: "forbidden", message: "pause: only the facilitator may pause" });
    const unknownIssue = await refusal(mover.act("propose", { package: { ...pkg, colour: "blue" } }));
    expect(["bad_request", "unknown_issue"]).toContain(unknownIssue.code);
    expect(unknownIssue.message).toMatch(/^propose: /);
    // North's red line (scope: none), checked when north has the turn (now, or after south's proposal).
    const crossRedLine = async () => {
      const type = north.state.offer && north.state.offer.proposer !== "north" ? "counter" : "propose";
      const redLine = await refusal(north.act(type, { package: { ...pkg, scope: "none" } }));
      expect(redLine.code).toBe("red_line");
      expect(redLine.message).toMatch(new RegExp(`^${type}: `));
    };
    if (moverId === "north") await crossRedLine();
    // §7.4: an unknown request type rejects with a plain error named no_handler.
    const unknownType = await refusal(mover.room.request("teleport", { requestId: newRequestId(), version: mover.state.version }));
    expect(unknownType.name).toBe("no_handler");
    // §6/§7.4: a send of an unknown type gives a notice, and the client stays connected.
    mover.room.send("teleport", {});
    const notice = await mover.until(() => mover.notices.find((n) => n.code === "unknown_message"), "the unknown_message notice");
    expectShape("notice", notice, ["code", "message"], ["requestType", "delegation", "control"]);
    // A refused send: a notice with the request error's code and requestType.
    mover.room.send("statement", { requestId: newRequestId(), version: mover.state.version, text: "" });
    const refusedSend = await mover.until(() => mover.notices.find((n) => n.requestType === "statement"), "the refused send's notice");
    expect(refusedSend.code).toBe("empty_text");
    expect(refusedSend.message).toMatch(/^statement: /);
    expect(mover.left).toBeNull();

    // A real move, then a move against the older version: stale (a table move older than tableVersion).
    const seenVersion = mover.state.version;
    await mover.act("propose", { package: pkg });
    await waiter.until(() => waiter.state.version > seenVersion && waiter.state.turn === waiterId, "the proposal to reach the other side");
    if (waiterId === "north") await crossRedLine();
    const stale = await refusal(waiter.room.request("accept", { requestId: newRequestId(), version: seenVersion }));
    expect(stale.code).toBe("stale_version");
    expect(stale.message).toMatch(/^accept: /);
    // Talk accepts any version up to the current one.
    await waiter.room.request("statement", { requestId: newRequestId(), version: seenVersion, text: "Noted." });

    // §4 a dropped connection. The SDK reconnects by itself (a room up for `reconnection.minUptime`,
    // 5 s by default); on return a new welcome without tokens and a fresh seat.
    const southId = south.welcome.personId as string;
    const southToken = south.welcome.seatToken as string;
    const dropSocket = (seat: Seat) => {
      const ws = (seat.room.connection.transport as unknown as { ws: { terminate?: () => void; close: () => void } }).ws;
      if (ws.terminate) ws.terminate();
      else ws.close();
    };
    let welcomes = south.welcomes.length;
    let seats = south.seats.length;
    south.room.reconnection.minUptime = 0;
    dropSocket(south);
    await south.until(() => south.reconnected > 0 && south.welcomes.length > welcomes && south.seats.length > seats, "south's automatic reconnection");
    expect(south.left).toBeNull();
    expect(south.welcome.personId).toBe(southId);
    expect(south.welcome.seatToken).toBeUndefined();
    expect(south.seat.me.delegation).toBe("south");
    await fac.until(() => fac.state.people.get(southId)?.status === "connected", "south connected again");
    // By hand: `client.reconnect(room.reconnectionToken)`; meanwhile the person shows "reconnecting".
    south.room.reconnection.enabled = false;
    const reconnectionToken = south.room.reconnectionToken;
    dropSocket(south);
    await fac.until(() => fac.state.people.get(southId)?.status === "reconnecting", "south shown reconnecting");
    await south.until(() => south.left !== null, "south's room to close");
    welcomes = south.welcomes.length;
    seats = south.seats.length;
    south.attach(await south.client.reconnect(reconnectionToken, TableState));
    await south.until(() => south.welcomes.length > welcomes && south.seats.length > seats, "south's welcome and seat after reconnecting");
    expect(south.welcome.personId).toBe(southId);
    expect(south.welcome.seatToken).toBeUndefined();
    expect(south.state.matchId).toBe(matchId);
    await fac.until(() => fac.state.people.get(southId)?.status === "connected", "south connected again");

    // §4 leaving for good: the person leaves `people`; a bot takes the delegation (notice to the
    // facilitator). Paused first, so that the bot cannot move (and perhaps end the game) meanwhile.
    await fac.act("pause");
    await fac.until(() => fac.state.phase === "paused", "the pause");
    await south.room.leave();
    await fac.until(() => !fac.state.people.has(southId) && fac.state.delegations.find((d) => d.id === "south")?.control === "bot", "a bot at south");
    const took = await fac.until(() => fac.notices.find((n) => n.code === "bot_took_seat"), "bot_took_seat");
    expect(took.message).toEqual(expect.any(String));
    // Rejoin with the seat token: the same person, the bot leaves (seat_returned).
    const back = await join(matchId, { seatToken: southToken }, "south again");
    await back.until(() => back.welcome && back.seat, "south's rejoin");
    expect(back.welcome.personId).toBe(southId);
    expect(back.welcome.role).toEqual({ delegation: "south", facilitator: false, observer: false });
    expect(back.welcome.seatToken).toBeUndefined();
    await fac.until(() => fac.state.delegations.find((d) => d.id === "south")?.control === "people", "south played by people again");
    await fac.until(() => fac.notices.find((n) => n.code === "seat_returned"), "seat_returned");

    // The facilitator's rejoin with the facilitator token.
    const facToken = fac.welcome.facilitatorToken as string;
    await fac.room.leave();
    const facBack = await join(matchId, { facilitatorToken: facToken }, "facilitator again");
    await facBack.until(() => facBack.welcome, "the facilitator's rejoin");
    expect(facBack.welcome.role).toEqual({ delegation: null, facilitator: true, observer: false });
    expect(facBack.welcome.joinCode).toBe(code);
    expect(facBack.welcome.facilitatorToken).toBeUndefined();

    // §8 the record of a running table: public, with the observer's view.
    const rec = await get(`/api/matches/${matchId}`);
    expect(rec.status).toBe(200);
    expectShape("GET /api/matches/:id (public)", rec.body, ["id", "scenario", "status", "listed", "createdAt", "startedAt", "endedAt", "record", "view", "outcome"], ["delegations"]);
    expect(rec.body.record).toBe("public");
    expect(rec.body.outcome).toBeNull();
    expect(rec.body.reveal).toBeUndefined();
    expect(rec.headers.get("cache-control")).toBe("no-cache");
    expect(rec.headers.get("vary")).toMatch(/Authorization/i);

    await facBack.act("end");
    await north.until(() => north.state.phase === "ended" && north.reveals.length > 0, "the end and the reveal");
    expect(north.state.outcome?.reason).toBe("ended_by_facilitator");
    await watcher.until(() => watcher.reveals.length > 0, "the observer's reveal");
    // §3/§6: at an ended table a new seat is refused (match_over); an observer still joins and gets the reveal.
    const late = await joinRefusal(new Client(base).joinById(matchId, { role: "delegation", delegation: "north", code }, TableState));
    expect(late.code).toBe(4430);
    expect(late.message).toMatch(/^match_over/);
    const lateWatcher = await join(matchId, { role: "observer", code }, "late observer");
    await lateWatcher.until(() => lateWatcher.reveals.length > 0 && lateWatcher.welcome, "the late observer's reveal");
    await lateWatcher.room.leave();
    for (const p of [north, south, back, watcher, fac, facBack]) expect(p.updateBeforeSeat, p.label).toBe(false);
    for (const p of [north, back, watcher, facBack]) await p.room.leave();
  });

  it("§7 talk, paging and the facilitator's controls at a listed table; §8 lists it", async () => {
    // botTakeover off: a delegation its people leave stays unplayed, so no bot moves unless swapped in.
    const fac = await create({ scenario: "bilateral-test", startWhen: "facilitator", listed: true, seed: 3, botTakeover: false }, "facilitator");
    await fac.until(() => fac.welcome && fac.seat, "the facilitator's welcome");
    const matchId = fac.welcome.matchId as string;
    expect(fac.welcome.personId).toBeNull(); // a facilitator with no seat
    expect(fac.welcome.listed).toBe(true);

    // §8: a listed table is in GET /api/matches, and needs no code to watch.
    const listed = await get("/api/matches");
    expect(listed.status).toBe(200);
    expectShape("GET /api/matches", listed.body, ["matches"]);
    const entry = (listed.body.matches as Json[]).find((m) => m.id === matchId)!;
    expect(entry).toBeDefined();
    expectShape("a listed match", entry, ["id", "scenario", "status", "phase", "round", "createdAt", "delegations"]);
    expect(entry.scenario).toEqual({ id: "bilateral-test", title: "Data-sharing pact (test)", protocol: "alternating" });
    expect(entry).toMatchObject({ status: "open", phase: "waiting", round: 0 });
    const health = await get("/healthz");
    expect(health.status).toBe(200);
    expectShape("GET /healthz", health.body, ["ok", "matches", "uptimeSeconds", "presence", "database", "processId", "checks"], ["publicAddress", "shuttingDown"]);
    expect(health.body).toMatchObject({ ok: true, presence: "local", database: "sqlite", checks: { database: { ok: true } } });

    const code = fac.welcome.joinCode as string;
    const north = await join(matchId, { role: "delegation", delegation: "north", code, name: "Nora" }, "north");
    const south = await join(matchId, { role: "delegation", delegation: "south", code, name: "Sami" }, "south");
    const watcher = await join(matchId, { role: "observer" }, "observer");
    for (const p of [north, south, watcher]) await p.until(() => p.welcome && p.seat, `${p.label}'s welcome`);
    expect(watcher.welcome.personId).toBeNull();
    await fac.act("start");
    await north.until(() => north.state.phase === "running", "the start");

    // §7.4 moves out of place, and the version and requestId rules.
    {
      const mover = north.state.turn === "north" ? north : south;
      const other = mover === north ? south : north;
      const otherId = mover === north ? "south" : "north";
      const pkg = { notification: "h72", funding: "split", scope: "critical" };
      const codeOf = async (p: Promise<unknown>, type: string) => {
        const r = await refusal(p);
        expect.soft(r.message.startsWith(`${type}: `), `${r.code}: ${r.message}`).toBe(true);
        return r.code;
      };
      const probe: Record<string, string> = {};
      probe.startTwice = await codeOf(fac.act("start"), "start");
      probe.resumeRunning = await codeOf(fac.act("resume"), "resume");
      probe.voteAlternating = await codeOf(mover.act("vote", { accept: true }), "vote");
      probe.acceptNothing = await codeOf(mover.act("accept"), "accept");
      probe.counterNothing = await codeOf(mover.act("counter", { package: pkg }), "counter");
      probe.statementAhead = await codeOf(mover.room.request("statement", { requestId: newRequestId(), version: mover.state.version + 1, text: "ahead" }), "statement");
      probe.requestIdSpace = await codeOf(mover.room.request("statement", { requestId: "a b", version: mover.state.version, text: "x" }), "statement");
      probe.requestIdLong = await codeOf(mover.room.request("statement", { requestId: "a".repeat(65), version: mover.state.version, text: "x" }), "statement");
      probe.incomplete = await codeOf(mover.act("propose", { package: { notification: "h72" } }), "propose");
      probe.unknownOption = await codeOf(mover.act("propose", { package: { ...pkg, scope: "galaxy" } }), "propose");
      probe.extendTooMany = await codeOf(fac.act("extend", { rounds: 101 }), "extend");
      probe.syncExtra = await codeOf(watcher.room.request("sync", { bogus: true }), "sync");
      await mover.act("propose", { package: pkg });
      await other.until(() => other.state.turn === otherId, "the other's turn");
      probe.proposeOnOffer = await codeOf(other.act("propose", { package: pkg }), "propose");
      const rejected = await other.act("reject");
      await other.until(() => other.state.version >= rejected.version, "the reject");
      expect(other.state.offer).toBeUndefined();
      expect(other.state.turn).toBe(otherId); // reject clears the table; you keep the turn
      expect(probe).toEqual({
        startTwice: "already_started",
        resumeRunning: "not_paused",
        voteAlternating: "wrong_protocol",
        acceptNothing: "nothing_on_table",
        counterNothing: "nothing_on_table",
        statementAhead: "stale_version",
        requestIdSpace: "bad_request",
        requestIdLong: "bad_request",
        incomplete: "incomplete_package",
        unknownOption: "unknown_option",
        extendTooMany: "bad_request",
        syncExtra: "bad_request",
        proposeOnOffer: "offer_on_table",
      });
    }

    // A private message: both delegations get it in a seat_update, nobody else; the sender's before its reply.
    const updatesBefore = south.updates.length;
    const seen = north.timeline.length;
    const sent = await north.act("private_message", { to: "south", text: "Between us: 72 hours." });
    // §6 order: the patch, then the seat_update, then the reply.
    const after = north.timeline.slice(seen);
    expect(after.indexOf(`state:${sent.version}`)).toBeGreaterThanOrEqual(0);
    expect(after.indexOf("seat_update")).toBeGreaterThan(after.indexOf(`state:${sent.version}`));
    const mine = north.updates.flatMap((u) => u.messages as Json[]).find((m) => m.text === "Between us: 72 hours.");
    expect(mine).toBeDefined();
    expectShape("a private message", mine!, ["id", "channel", "from", "to", "text", "round", "version"]);
    expect(mine).toMatchObject({ channel: "private", from: "north", to: "south", version: sent.version });
    const event = north.updates.flatMap((u) => u.events as Json[]).find((e) => e.type === "message" && e.message.id === mine!.id);
    expect(event).toMatchObject({ type: "message", version: sent.version, message: mine });
    expectShape("seat.me.profile", north.seat.me.profile, ["weights", "values", "reservationValue", "redLines"]);
    await south.until(() => south.updates.length > updatesBefore, "south's seat_update");
    expect(south.updates.flatMap((u) => u.messages as Json[]).some((m) => m.id === mine!.id)).toBe(true);
    expect(fac.updates.flatMap((u) => u.messages as Json[]).some((m) => m.id === mine!.id)).toBe(false);
    const toSelf = await refusal(north.act("private_message", { to: "north", text: "hello me" }));
    expect(toSelf.code).toBe("not_allowed");
    expect(toSelf.message).toMatch(/^private_message: /);
    const observerTalk = await refusal(watcher.act("statement", { text: "from the gallery" }));
    expect(observerTalk.code).toBe("forbidden");
    expect(observerTalk.message).toMatch(/^statement: /);
    const blank = await refusal(north.act("statement", { text: "   " }));
    expect(blank).toEqual({ name: "rejected", code: "empty_text", message: "statement: the text is empty" });

    // §7.3 statements: a page of the public record.
    for (let i = 0; i < 3; i++) await south.act("statement", { text: `Point ${i}.` });
    const page = await watcher.room.request("statements", { limit: 2 });
    expectShape("statements reply", page, ["ok", "version", "from", "statements", "more", "total"]);
    expect(page.total).toBe(watcher.state.statementsTotal);
    expect(page.statements.map((x: Json) => x.text)).toEqual(["Point 1.", "Point 2."]);
    expect(page.from).toBe(page.total - 2);
    expect(page.more).toBe(page.from > 0);
    for (const x of page.statements) expectShape("a paged statement", x, ["id", "from", "text", "round", "version"], ["phrase"]);
    const badPage = await refusal(watcher.room.request("statements", { limit: 101 }));
    expect(badPage.code).toBe("bad_request");
    expect(badPage.message).toMatch(/^statements: field 'limit'/);

    // §7.3/§7.5: sync's own budget, 3 at once; the request budget, a burst of 20.
    const syncs = await Promise.allSettled([1, 2, 3, 4].map(() => watcher.room.request("sync", {})));
    const syncRefused = syncs.filter((r) => r.status === "rejected").map((r) => (r.reason as { reason: Json }).reason);
    expect(syncRefused).toHaveLength(1);
    expect(syncRefused[0]!.code).toBe("rate_limited");
    expect(syncRefused[0]!.message).toMatch(/^sync: at most 3 at once, then one every 5 seconds; retry in \d+ s$/);
    const burster = await join(matchId, { role: "observer" }, "burster");
    const burst = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => burster.room.request("statements", { limit: 1, before: i })));
    await burster.room.leave();
    const burstRefused = burst.filter((r) => r.status === "rejected").map((r) => (r.reason as { reason: Json }).reason);
    expect(burstRefused.length).toBeGreaterThan(0); // 30 at once against a burst of 20 (refilled at 5 a second)
    for (const r of burstRefused) expect(r).toEqual({ code: "rate_limited", message: "statements: too many requests (at most 20 at once, then 5 per second); retry shortly" });

    // §2: an unknown create option is refused by name (a misspelling is never silently dropped),
    // a wrong one is named, a missing one too.
    const extraOption = await joinRefusal(new Client(base).create("negotiation", { scenario: "bilateral-test", secondPerTurn: 60 }, TableState));
    expect(extraOption).toEqual({ code: 400, message: "bad_options: create: unknown field 'secondPerTurn'" });
    const noScenario = await joinRefusal(new Client(base).create("negotiation", { secondsPerTurn: 60 }, TableState));
    expect(noScenario).toEqual({ code: 400, message: "bad_options: create: field 'scenario' is missing" });
    const shortTurn = await joinRefusal(new Client(base).create("negotiation", { scenario: "bilateral-test", secondsPerTurn: 2 }, TableState));
    expect(shortTurn).toEqual({ code: 400, message: "bad_options: create: field 'secondsPerTurn' must be at least 5" });
    // §3: at a listed table no code is needed, for a seat either; without `role` a join observes;
    // a table id nobody runs answers 522.
    const noRole = await join(matchId, {}, "no role");
    await noRole.until(() => noRole.welcome, "the no-role welcome");
    expect(noRole.welcome.role).toEqual({ delegation: null, facilitator: false, observer: true });
    await noRole.room.leave();
    const full = await joinRefusal(new Client(base).joinById(matchId, { role: "delegation", delegation: "north" }, TableState));
    expect(full).toEqual({ code: 4409, message: "delegation_full: north already has 1 person" });
    const nowhere = await joinRefusal(new Client(base).joinById("nosuchroom", { role: "observer" }, TableState));
    expect(nowhere).toEqual({ code: 522, message: 'room "nosuchroom" not found' });

    // §8: the record of a running table.
    const rec = await get(`/api/matches/${matchId}`);
    expect(rec.body.scenario).toEqual({ id: "bilateral-test", title: "Data-sharing pact (test)", protocol: "alternating" });
    for (const d of rec.body.delegations) expectShape("a record's delegation", d, ["id", "control", "strategy", "connected", "members"]);
    const tj = await get(`/api/matches/${matchId}/transcript.json`);
    expect(tj.body.scenario).toEqual(rec.body.scenario);
    expect(tj.body.record).toBe("public");

    // §7.2 the facilitator's controls.
    const paused = await fac.act("pause");
    expect(paused.ok).toBe(true);
    await north.until(() => north.state.phase === "paused", "the pause");
    const mover = north.state.turn === "north" ? north : south;
    const whilePaused = await refusal(mover.act("pass"));
    expect(whilePaused.code).toBe("paused");
    expect(whilePaused.message).toMatch(/^pass: /);
    await mover.act("statement", { text: "Talk goes on while paused." });
    await fac.act("resume");
    await north.until(() => north.state.phase === "running", "the resume");
    const rounds = north.state.deadlineRounds;
    await fac.act("extend", { rounds: 2 });
    await north.until(() => north.state.deadlineRounds === rounds + 2, "the extension");
    const badExtend = await refusal(fac.act("extend", { rounds: 0 }));
    expect(badExtend.code).toBe("bad_request");
    expect(badExtend.message).toMatch(/^extend: field 'rounds'/);
    const turn = north.state.turn;
    const timedOut = await fac.act("timeout");
    await north.until(() => north.state.version >= timedOut.version, "the timeout");
    expect(north.state.turn).not.toBe(turn);
    expect([...north.state.moves].some((m) => m.type === "timeout" && m.by === turn)).toBe(true);
    const fired = await fac.act("fire_inject", { injectId: "budget-cut" });
    expect(fired.ok).toBe(true);
    await north.until(() => north.state.news.some((n) => n.id === "budget-cut"), "the news");
    await fac.until(() => fac.updates.some((u) => Array.isArray(u.injects)), "the facilitator's injects");
    await north.until(() => north.updates.some((u) => u.me !== undefined), "north's changed profile");
    const unknownInject = await refusal(fac.act("fire_inject", { injectId: "nope" }));
    expect(unknownInject.code).toBe("unknown_inject");

    // set_control and reassign: no requestId/version. Paused meanwhile, so the bot swapped in cannot move.
    await fac.act("pause");
    await north.until(() => north.state.phase === "paused", "the pause");
    const toBot = await fac.room.request("set_control", { delegation: "south", control: "bot", strategy: "linear" });
    expectShape("set_control's reply", toBot, ["ok", "version"]);
    expect(toBot.ok).toBe(true);
    await north.until(() => north.state.delegations.find((d) => d.id === "south")?.control === "bot", "a bot at south");
    expect(north.state.delegations.find((d) => d.id === "south")?.strategy).toBe("linear");
    const changed = await south.until(() => south.notices.find((n) => n.code === "control_changed"), "control_changed");
    expect(changed).toEqual({ code: "control_changed", message: expect.any(String), delegation: "south", control: "bot" });
    const botSeat = await refusal(south.act("statement", { text: "still here" }));
    expect(botSeat.code).toBe("bot_seat");
    expect(botSeat.message).toMatch(/^statement: /);
    const back = await fac.room.request("set_control", { delegation: "south", control: "people" });
    expect(back.ok).toBe(true);
    await north.until(() => north.state.delegations.find((d) => d.id === "south")?.control === "people", "people at south again");
    const withVersion = await refusal(fac.room.request("set_control", { delegation: "south", control: "bot", requestId: newRequestId(), version: fac.state.version }));
    expect(withVersion).toEqual({ name: "rejected", code: "bad_request", message: "set_control: unknown fields 'requestId', 'version'" });
    const noSuch = await refusal(fac.room.request("set_control", { delegation: "east", control: "bot" }));
    expect(noSuch.code).toBe("not_found");
    const moved = await fac.room.request("reassign", { person: north.welcome.personId, delegation: null });
    expectShape("reassign's reply", moved, ["ok", "version"]);
    expect(moved.ok).toBe(true);
    const reassigned = await north.until(() => north.notices.find((n) => n.code === "reassigned"), "reassigned");
    expect(reassigned.delegation).toBeNull();
    await north.until(() => north.welcome.role.delegation === null && north.seat.me === null, "north's new welcome and seat");
    // A person who observes stays in `people`, with delegation "".
    await fac.until(() => fac.state.people.get(north.welcome.personId)?.delegation === "", "north observing in people");
    const notAPerson = await refusal(fac.room.request("reassign", { person: "nobody", delegation: "north" }));
    expect(notAPerson.code).toBe("not_found");
    await fac.act("resume");
    await fac.until(() => fac.state.phase === "running", "the resume");

    // Walking away ends it (alternating). Nobody plays north now: the facilitator times its turn out.
    if (fac.state.turn === "north") {
      const timed = await fac.act("timeout");
      await south.until(() => south.state.version >= timed.version, "north's turn timed out");
    }
    expect(south.state.turn).toBe("south");
    await south.act("walk_away");
    await fac.until(() => fac.state.phase === "ended", "the end");
    expect(fac.state.outcome?.reason).toBe("walked_away");
    expect(fac.state.outcome?.by).toBe("south");
    expect(fac.state.outcome?.agreement).toBe(false);
    const over = await refusal(south.act("pass"));
    expect(over.code).toBe("negotiation_over");
    for (const p of [north, south, watcher, fac]) await p.room.leave();
  });

  it("§4 past the reconnection window (reconnectSeconds: 0): left for good, a bot plays the seat, the seat token brings it back", async () => {
    const fac = await create({ scenario: "bilateral-test", startWhen: "facilitator", reconnectSeconds: 0 }, "facilitator");
    await fac.until(() => fac.welcome, "the facilitator's welcome");
    expect(fac.welcome.reconnectSeconds).toBe(0);
    const matchId = fac.welcome.matchId as string;
    const south = await join(matchId, { role: "delegation", delegation: "south", code: fac.welcome.joinCode }, "south");
    await south.until(() => south.welcome && south.seat, "south's welcome");
    expect(south.welcome.reconnectSeconds).toBe(0);
    const southId = south.welcome.personId as string;
    south.room.reconnection.minUptime = 0;
    const ws = (south.room.connection.transport as unknown as { ws: { terminate?: () => void; close: () => void } }).ws;
    if (ws.terminate) ws.terminate();
    else ws.close();
    // The SDK tries, the server has let the place go: onLeave with 4003 (the SDK's FAILED_TO_RECONNECT).
    await south.until(() => south.left !== null, "south's room to give up");
    expect(south.left).toBe(4003);
    await fac.until(() => !fac.state.people.has(southId) && fac.state.delegations.find((d) => d.id === "south")?.control === "bot", "a bot at south");
    const took = await fac.until(() => fac.notices.find((n) => n.code === "bot_took_seat"), "bot_took_seat");
    expect(took).toEqual({ code: "bot_took_seat", message: expect.any(String), delegation: "south" });
    const back = await join(matchId, { seatToken: south.welcome.seatToken }, "south again");
    await back.until(() => back.welcome && back.seat, "south's rejoin");
    expect(back.welcome.personId).toBe(southId);
    await fac.until(() => fac.state.delegations.find((d) => d.id === "south")?.control === "people", "people at south again");
    const returned = await fac.until(() => fac.notices.find((n) => n.code === "seat_returned"), "seat_returned");
    expect(returned).toEqual({ code: "seat_returned", message: expect.any(String), delegation: "south" });
    for (const p of [back, fac]) await p.room.leave();
  });

  it("§7.1 a multilateral table played by four people: propose, vote, the stage and whose move", async () => {
    const summary = (await get("/api/scenarios/multilateral-test")).body as Json;
    expect(summary.protocol).toBe("multilateral");
    const ids = (summary.delegations as Json[]).map((d) => d.id as string);
    const fac = await create({ scenario: "multilateral-test", startWhen: "facilitator", seed: 9 }, "facilitator");
    await fac.until(() => fac.welcome, "the facilitator's welcome");
    const matchId = fac.welcome.matchId as string;
    const seats = new Map<string, Seat>();
    for (const id of ids) seats.set(id, await join(matchId, { role: "delegation", delegation: id, code: fac.welcome.joinCode, name: id }, id));
    for (const seat of seats.values()) await seat.until(() => seat.welcome && seat.seat, `${seat.label}'s welcome`);
    await fac.act("start");
    await fac.until(() => fac.state.phase === "running" && fac.state.turn !== "", "the start");
    expect(fac.state.protocol).toBe("multilateral");
    expect(fac.state.stage).toBe("proposing");
    const proposerId = fac.state.turn;
    const proposer = seats.get(proposerId)!;
    const [otherId] = ids.filter((id) => id !== proposerId) as [string];
    const other = seats.get(otherId)!;
    const pkg = { language: "binding", assistance: "training" };

    expect((await refusal(other.act("propose", { package: pkg }))).code).toBe("not_your_turn");
    expect((await refusal(proposer.act("vote", { accept: true }))).code).toBe("wrong_stage");
    expect((await refusal(proposer.act("counter", { package: pkg }))).code).toBe("wrong_protocol");
    const badVote = await refusal(other.act("vote", { accept: "yes" }));
    expect(badVote.code).toBe("bad_request");
    expect(badVote.message).toMatch(/^vote: field 'accept'/);

    const tabled = await proposer.act("propose", { package: pkg });
    await fac.until(() => fac.state.version >= tabled.version, "the proposal");
    expect(fac.state.stage).toBe("voting");
    expect(fac.state.offer?.proposer).toBe(proposerId);
    expect(Object.fromEntries(fac.state.offer!.package.entries())).toEqual(pkg);
    expect((await refusal(other.act("accept"))).code).toBe("wrong_protocol");

    // Whose move in a vote: every delegation not yet in offer.responses.
    let voters = ids.filter((id) => !fac.state.offer!.responses.has(id));
    expect(voters.length).toBeGreaterThan(0);
    const [firstVoter] = voters as [string];
    const voted = await seats.get(firstVoter)!.act("vote", { accept: true });
    await fac.until(() => fac.state.version >= voted.version, "the first vote");
    expect(fac.state.offer?.responses.get(firstVoter)).toBe("accept");
    if (fac.state.stage === "voting") expect((await refusal(seats.get(firstVoter)!.act("vote", { accept: true }))).code).toBe("already_voted");
    while (fac.state.phase === "running" && fac.state.stage === "voting") {
      voters = ids.filter((id) => !fac.state.offer!.responses.has(id));
      const reply = await seats.get(voters[0]!)!.act("vote", { accept: true });
      await fac.until(() => fac.state.version >= reply.version, "a vote");
    }
    await fac.until(() => fac.state.phase === "ended", "the end");
    expect(fac.state.outcome?.agreement).toBe(true);
    expect(Object.fromEntries(fac.state.outcome!.package.entries())).toEqual(pkg);
    const votes = [...fac.state.moves].filter((m) => m.type === "vote");
    expect(votes.length).toBeGreaterThan(0);
    for (const m of votes) {
      expect(m.vote).toBe("accept");
      expect(m.package).toBeUndefined();
    }
    const transcript = (await get(`/api/matches/${matchId}/transcript.json`)).body as Json;
    const closed = (transcript.entries as Json[]).find((e) => e.event === "vote_closed");
    expect(closed?.accept).toBe(true);
    for (const e of (transcript.entries as Json[]).filter((x) => x.event === "voted")) expect(e.accept).toBe(true);
    for (const seat of [...seats.values(), fac]) await seat.room.leave();
  });

  it("§8 reads the match record and transcripts over HTTP", async () => {
    expect(endedMatchId).not.toBe("");
    const rec = await get(`/api/matches/${endedMatchId}`);
    expect(rec.status).toBe(200);
    expectShape("GET /api/matches/:id (full)", rec.body, ["id", "scenario", "status", "listed", "createdAt", "startedAt", "endedAt", "record", "reveal"], ["delegations"]);
    expect(rec.body.id).toBe(endedMatchId);
    expect(rec.body.record).toBe("full");
    expect(keys(rec.body.reveal)).toEqual(revealKeys);
    const scenario = await get(`/api/scenarios/${rec.body.scenario.id}`);
    expect(keys(rec.body.reveal.scenario)).toEqual(keys(scenario.body).filter((k) => k !== "translations"));
    expect(rec.body.reveal.historicalOutcome).toEqual({ package: { notification: "h72", funding: "split", scope: "critical" }, note: "Invented for tests." });
    expect(rec.headers.get("etag")).toMatch(/^"/);
    expect(rec.headers.get("cache-control")).toBe("private, no-cache");
    const again = await get(`/api/matches/${endedMatchId}`, { "If-None-Match": rec.headers.get("etag")! });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");

    const json = await get(`/api/matches/${endedMatchId}/transcript.json`);
    expect(json.status).toBe(200);
    expectShape("transcript.json", json.body, ["matchId", "scenario", "record", "entries"]);
    expect(json.body.record).toBe("full");
    expect(json.body.entries.length).toBeGreaterThan(0);
    for (const e of json.body.entries) expectShape("a transcript entry", e, ["version", "time", "round", "event", "by", "byName", "to", "toName", "channel", "text", "package", "accept"]);
    const events = new Set((json.body.entries as Json[]).map((e) => e.event));
    const documented = ["started", "round_started", "proposed", "accepted", "rejected", "voted", "vote_closed", "passed", "message", "inject_fired", "profile_changed", "paused", "resumed", "deadline_extended", "ended"];
    expect([...events].filter((e) => !documented.includes(e))).toEqual([]);
    expect(events.has("started") && events.has("ended") && events.has("proposed")).toBe(true);
    const ended = (json.body.entries as Json[]).find((e) => e.event === "ended")!;
    expect(ended.text).toBe(rec.body.reveal.outcome.reason);
    expect(ended.accept).toBe(rec.body.reveal.outcome.agreement);
    const started = (json.body.entries as Json[]).find((e) => e.event === "started")!;
    expect(started).toMatchObject({ round: 0, by: "facilitator", to: "", toName: "", channel: "", package: null, accept: null });
    const proposed = (json.body.entries as Json[]).find((e) => e.event === "proposed")!;
    expect(Object.keys(proposed.package).sort()).toEqual(["funding", "notification", "scope"]);
    expect(proposed.accept).toBeNull();

    const csv = await get(`/api/matches/${endedMatchId}/transcript.csv`);
    expect(csv.status).toBe(200);
    expect(csv.text.split("\r\n")[0]).toBe("version,time,round,event,by,to,channel,text,package,accept,by_id,to_id");
    const md = await get(`/api/matches/${endedMatchId}/transcript.md`);
    expect(md.status).toBe(200);
    expect(md.text).toContain("## Debrief");
    const mdBn = await get(`/api/matches/${endedMatchId}/transcript.md?lang=bn`);
    expect(mdBn.text).toContain("## পর্যালোচনা");
    const fr = await get(`/api/matches/${endedMatchId}/transcript.csv?lang=fr`);
    expect(fr.status).toBe(400);
    expect(fr.body).toEqual({ error: { code: "bad_request", message: "query parameter 'lang': 'fr' is not a language of this server (en, bn)" } });
    // §3: once everyone has left an ended table its room is gone: a join answers 522; its record stays here.
    const gone = await joinRefusal(new Client(base).joinById(endedMatchId, { role: "observer" }, TableState));
    expect(gone).toEqual({ code: 522, message: `room "${endedMatchId}" not found` });
    // …and without `delegations`, which only an open room has (read now: the record above may have been read while the room was still closing).
    expect((await get(`/api/matches/${endedMatchId}`)).body.delegations).toBeUndefined();
    const noScenario = await get("/api/scenarios/nope");
    expect(noScenario.status).toBe(404);
    expect(noScenario.body).toEqual({ error: { code: "not_found", message: "no scenario 'nope'" } });
    const missing = await get("/api/matches/nosuchmatch");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: "not_found", message: "no match 'nosuchmatch'" } });
    expect(endedFacilitatorToken).not.toBe("");
  });

  it("§8.1 answers the documented refusals over HTTP: 405, a matchmaking refusal in Colyseus's shape, the read budget", async () => {
    const put = await fetch(`${base}/api/scenarios`, { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    expect(((await put.json()) as Json).error.code).toBe("method_not_allowed");
    const made = await fetch(`${base}/matchmake/create/negotiation`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: "nope" }) });
    expect(made.status).toBe(404);
    const body = (await made.json()) as Json;
    expect(keys(body)).toEqual(["code", "error"]);
    expect(body.code).toBe(404);
    expect(body.error).toMatch(/^unknown_scenario: /);
    // The read budget (60 at once, then 10 a second): reads in batches of 100 until one is refused
    // (the first batch, unless the machine takes over 4 s to answer it).
    let first: Response | undefined;
    for (let batch = 0; batch < 20 && !first; batch++) {
      const reads = await Promise.all(Array.from({ length: 100 }, () => fetch(`${base}/api/matches`)));
      first = reads.find((r) => r.status === 429);
      await Promise.all(reads.filter((r) => r !== first).map((r) => r.body?.cancel()));
    }
    expect(first).toBeDefined();
    expect(Number(first!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await first!.json()) as Json).error.code).toBe("rate_limited");
    // Not counted: /healthz and /api/scenarios.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/api/scenarios`)).status).toBe(200);
  });
});

let revealKeys: string[] = [];
