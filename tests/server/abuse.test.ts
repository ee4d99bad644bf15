// Abuse: malformed and oversized requests, floods, facilitator actions from people who are not the
// facilitator, and bad joins. Each is refused, the sender stays connected where the protocol
// allows it, and the other clients carry on unaffected.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Player, requestId, startTestServer, type TestServer } from "./harness.ts";
import { FRESH_SEATS_BURST } from "../../server/rooms/negotiation.ts";

let t: TestServer;

beforeAll(async () => {
  // The default budget: a burst of 20 requests, 5 per second after it; more than 60 frames in a second disconnects.
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

async function table(): Promise<{ north: Player; south: Player; observer: Player; code: string }> {
  const north = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north" }, "north");
  const code = (await north.waitFor(() => north.welcome, "north's welcome")).joinCode!;
  const south = await Player.join(t.url, north.matchId, { role: "delegation", delegation: "south", code }, "south");
  const observer = await Player.join(t.url, north.matchId, { role: "observer", code }, "observer");
  await observer.waitFor(() => observer.state.phase === "running" && observer.welcome !== null, "the start");
  return { north, south, observer, code };
}

/** The table still works for everyone else: a statement from each player is accepted and seen. */
async function stillWorks(players: Player[]): Promise<void> {
  for (const p of players) {
    const text = `still here ${requestId()}`;
    if (p.welcome?.role.delegation) await p.must("statement", { text });
    else continue;
    for (const q of players) await q.waitFor(() => q.state.statements.some((s) => s.text === text), `${q.label} to see ${p.label}'s statement`);
  }
}

/** Send with `go` (a request or a send whose payload is the string "PAYLOAD!"), the payload's bytes replaced by `bytes` as written. */
function withRawPayload<T>(p: Player, bytes: number[], go: () => T): T {
  const connection = p.room.connection as unknown as { send(data: Uint8Array): void };
  const send = connection.send.bind(connection);
  const marker = Buffer.from([0xa8, ...Buffer.from("PAYLOAD!")]);
  connection.send = (data: Uint8Array) => {
    connection.send = send;
    const frame = Buffer.from(data);
    const at = frame.lastIndexOf(marker);
    if (at < 0) throw new Error("the marker payload was not in the frame");
    send(Buffer.concat([frame.subarray(0, at), Buffer.from(bytes)]));
  };
  return go();
}

describe("payloads MessagePack cannot carry", () => {
  it("are refused as bad payloads (too deep, an extension type, cut short), not thrown at; the sender stays", async () => {
    const { north, south, observer } = await table();
    const cases: [number[], string][] = [
      [[...new Array<number>(12_000).fill(0x91), 0xc0], "statement: the payload is nested deeper than 32 levels"],
      [[0xd4, 0x01, 0x00], "statement: the payload uses a MessagePack extension type, which this server does not accept"],
      [[0xdb, 0x00, 0x10, 0x00, 0x00, 0x41], "statement: the payload ends in the middle of a value"],
      [[0xdf, 0xff, 0xff, 0xff, 0xff], "statement: the payload ends in the middle of a value"],
    ];
    for (const [bytes, message] of cases) {
      const outcome = await withRawPayload(north, bytes, () => north.request("statement", "PAYLOAD!" as never));
      expect(outcome).toEqual({ code: "bad_request", message });
    }
    // A fire-and-forget `send` gets the refusal as a notice, not a disconnection.
    withRawPayload(north, cases[0]![0], () => north.room.send("statement" as never, "PAYLOAD!" as never));
    await north.waitFor(() => north.notices.find((n) => n.code === "bad_request" && n.message === cases[0]![1]), "the bad_request notice");
    expect(north.left).toBe(false);
    await stillWorks([north, south, observer]);
    await Promise.all([north.leave(), south.leave(), observer.leave()]);
  });
});

describe("malformed requests", () => {
  it("are refused with bad_request naming the message type and the field; the sender stays connected", async () => {
    const { north, south, observer } = await table();
    // The version every player has seen once the start has reached them all (north's own state may
    // still be a patch behind the observer's when table() returns).
    const started = observer.state.version;
    await Promise.all([north, south].map((p) => p.waitFor(() => p.state.version >= started, `${p.label} to see the start`)));
    const version = north.state.version;
    const cases: [string, unknown, string][] = [
      ["propose", { requestId: 5, version, package: {} }, "propose: field 'requestId'"],
      ["propose", { requestId: "a", version, package: "everything" }, "propose: field 'package'"],
      ["propose", { requestId: "a", version, package: { scope: 7 } }, "propose: field 'package.scope'"],
      ["statement", { requestId: "a", version, text: "hi", html: true }, "statement: unknown field 'html'"],
      ["statement", { requestId: "a", version: -1, text: "hi" }, "statement: field 'version' must be at least 0"],
      ["statement", { requestId: "a", text: "hi" }, "statement: field 'version'"],
      ["vote", "yes", "vote: the payload must be an object"],
      ["private_message", { requestId: "a", version, to: "../../etc", text: "x" }, "private_message: field 'to'"],
      ["extend", { requestId: "a", version, rounds: 1000 }, "extend: field 'rounds' must be at most 100"],
      ["statement", { requestId: "a".repeat(65), version, text: "hi" }, "statement: field 'requestId' must be at most 64 characters"],
      ["set_control", { delegation: "south", control: "robot" }, "set_control: field 'control'"],
    ];
    for (const [type, payload, message] of cases) {
      const outcome = await north.request(type, payload as Record<string, unknown>);
      expect(outcome, type).toMatchObject({ code: "bad_request" });
      expect((outcome as { message: string }).message).toContain(message);
    }
    // A request of a type the room does not know is answered with an error, not a disconnection.
    await expect(north.room.request("launch_missiles" as never, {} as never)).rejects.toThrow(/launch_missiles/);
    // A fire-and-forget `send` of an unknown type gets a notice instead of a disconnection.
    north.room.send("launch_missiles" as never, {} as never);
    await north.waitFor(() => north.notices.find((n) => n.code === "unknown_message"), "the unknown_message notice");
    // A `send` of a known type with a bad payload: the refusal comes as a notice.
    north.room.send("statement" as never, { text: 1 } as never);
    await north.waitFor(() => north.notices.find((n) => n.code === "bad_request" && (n as { requestType?: string }).requestType === "statement"), "the bad_request notice");

    expect(north.left).toBe(false);
    expect(north.state.version).toBe(version);
    // Text that shows nothing is empty, however it is made (zero-width spaces, bidi controls, NUL);
    // control characters inside a real statement are dropped; the joiners Bangla needs stay.
    for (const text of ["\u200b\u200b\u200b", "\u202e\u2066", "\u0000", " \u3164 "]) {
      expect(await north.act("statement", { text }), JSON.stringify(text)).toMatchObject({ code: "empty_text" });
    }
    await north.must("statement", { text: "ক্\u200dষ\u0000 fair" });
    await north.waitFor(() => north.state.statements.some((s) => s.text === "ক্\u200dষ fair"), "the statement without its NUL");
    // A name that shows nothing, or that would reverse what follows it, is not a name.
    await expect(Player.join(t.url, north.matchId, { role: "observer", code: north.welcome!.joinCode!, name: "\u200b\u202e" }, "ghost")).rejects.toMatchObject({ code: 4400, message: "bad_options: join: field 'name' must not be empty" });
    await stillWorks([north, south, observer]);
    await Promise.all([north.leave(), south.leave(), observer.leave()]);
  });
});

describe("oversized requests", () => {
  it("a statement over 2000 characters is refused; a frame over the payload cap closes only that connection", async () => {
    const { north, south, observer } = await table();
    const long = await south.act("statement", { text: "x".repeat(2001) });
    expect(long).toMatchObject({ code: "bad_request", message: "statement: field 'text' must be at most 2000 characters" });
    expect(south.left).toBe(false);
    await south.must("statement", { text: "y".repeat(2000) });

    // 30 kB in one frame is over the 16 kB cap: the transport closes that socket.
    south.room.send("statement" as never, { requestId: requestId(), version: south.state.version, text: "z".repeat(30_000) } as never);
    await south.waitFor(() => south.left, "the oversized sender to be disconnected");
    await stillWorks([north, observer]);
    // The seat is not lost: a reload with the seat token brings it back.
    await south.rejoin({ seatToken: south.welcome!.seatToken! });
    await stillWorks([north, south, observer]);
    await Promise.all([north.leave(), south.leave(), observer.leave()]);
  });
});

describe("floods", () => {
  it("requests beyond the budget get rate_limited and the sender stays; the others are not slowed", async () => {
    const { north, south, observer } = await table();
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => south.act("statement", { text: `flood ${i}` })));
    const limited = outcomes.filter((o) => "code" in o && o.code === "rate_limited");
    const accepted = outcomes.filter((o) => "ok" in o);
    expect(limited.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length).toBeLessThanOrEqual(22);
    expect((limited[0] as { message: string }).message).toContain("statement: too many requests");
    expect(south.left).toBe(false);
    await stillWorks([north, observer]);
    await Promise.all([north.leave(), south.leave(), observer.leave()]);
  });

  it("a client sending more frames per second than the hard cap is disconnected; the others carry on", async () => {
    const { north, south, observer } = await table();
    for (let i = 0; i < 100; i++) observer.room.send("sync" as never, {} as never);
    await observer.waitFor(() => observer.left, "the flooding observer to be disconnected");
    await stillWorks([north, south]);
    await Promise.all([north.leave(), south.leave()]);
  });
});

describe("facilitator actions from people who are not the facilitator", () => {
  it("are refused as forbidden and change nothing", async () => {
    const { north, south, observer } = await table();
    const version = north.state.version;
    const person = north.welcome!.personId!;
    for (const p of [south, observer]) {
      for (const [type, payload] of [
        ["pause", {}],
        ["end", {}],
        ["start", {}],
        ["timeout", {}],
        ["extend", { rounds: 3 }],
        ["fire_inject", { injectId: "budget-cut" }],
      ] as const) {
        const outcome = await p.act(type, payload);
        expect(outcome, `${p.label} ${type}`).toMatchObject({ code: "forbidden", message: `${type}: only the facilitator may ${type}` });
      }
      expect(await p.request("set_control", { delegation: "north", control: "bot" })).toMatchObject({ code: "forbidden" });
      expect(await p.request("reassign", { person, delegation: null })).toMatchObject({ code: "forbidden" });
    }
    expect(await observer.act("propose", { package: { notification: "h24", funding: "split", scope: "all" } })).toMatchObject({
      code: "forbidden",
      message: "propose: only a delegation member may propose; you are observing",
    });
    expect(north.state.version).toBe(version);
    expect(north.state.phase).toBe("running");
    expect(north.state.delegations.find((d) => d.id === "north")!.control).toBe("people");

    // The facilitator may: swap a bot in for south, then back out.
    expect(await north.request("set_control", { delegation: "south", control: "bot", strategy: "hard" })).toMatchObject({ ok: true });
    await south.waitFor(() => south.notices.some((n) => n.code === "control_changed"), "south told of the bot");
    expect(await south.act("statement", { text: "hello?" })).toMatchObject({ code: "bot_seat" });
    expect(await north.request("set_control", { delegation: "south", control: "people" })).toMatchObject({ ok: true });
    await south.waitFor(() => south.state.delegations.find((d) => d.id === "south")!.control === "people", "south back to people");
    await Promise.all([north.leave(), south.leave(), observer.leave()]);
  });
});

describe("a join-and-leave loop", () => {
  it(`takes at most ${FRESH_SEATS_BURST} new seats from one address in a short while; a seat token still rejoins, and another table is not affected`, async () => {
    const host = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", botTakeover: false }, "host");
    const code = (await host.waitFor(() => host.welcome, "the welcome")).joinCode!;
    let token = "";
    for (let i = 0; i < FRESH_SEATS_BURST; i++) {
      const seat = await Player.join(t.url, host.matchId, { role: "delegation", delegation: "south", code }, `loop ${i}`);
      token = (await seat.waitFor(() => seat.welcome, "the welcome")).seatToken!;
      await seat.leave();
      await host.waitFor(() => host.state.delegations.find((d) => d.id === "south")!.members === 0, "south empty again");
    }
    await expect(Player.join(t.url, host.matchId, { role: "delegation", delegation: "south", code }, "one more")).rejects.toMatchObject({
      code: 4428,
      message: expect.stringMatching(new RegExp(`^rate_limited: this address has taken ${FRESH_SEATS_BURST} new seats at this table in a short while; the next in \\d+ s`)),
    });
    // The last seat's token is a rejoin, not a new seat; a new table starts with its own budget.
    const back = await Player.join(t.url, host.matchId, { seatToken: token }, "back");
    await back.waitFor(() => back.welcome?.role.delegation === "south", "south again");
    const other = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north" }, "other");
    const otherCode = (await other.waitFor(() => other.welcome, "the welcome")).joinCode!;
    const fresh = await Player.join(t.url, other.matchId, { role: "delegation", delegation: "south", code: otherCode }, "fresh");
    await fresh.waitFor(() => fresh.welcome, "the welcome");
    await Promise.all([host.leave(), back.leave(), other.leave(), fresh.leave()]);
  });
});

describe("bad joins and bad tables", () => {
  it("are refused with a code and a message", async () => {
    const { north, south, observer, code } = await table();
    const id = north.matchId;
    const join = (options: Record<string, unknown>) => Player.join(t.url, id, options);
    await expect(join({ role: "observer" })).rejects.toMatchObject({ code: 4401, message: expect.stringMatching(/^bad_code: /) });
    await expect(join({ role: "observer", code: "AAAA-AAAA" })).rejects.toMatchObject({ code: 4401 });
    await expect(join({ role: "delegation", delegation: "south", code })).rejects.toMatchObject({ code: 4409, message: expect.stringMatching(/^delegation_full: /) });
    await expect(join({ role: "delegation", delegation: "east", code })).rejects.toMatchObject({ code: 4404 });
    await expect(join({ role: "delegation", code })).rejects.toMatchObject({ code: 4404 });
    await expect(join({ role: "observer", code: 12345 })).rejects.toMatchObject({ code: 4400, message: expect.stringMatching(/^bad_options: join: field 'code'/) });

    const create = (options: Record<string, unknown>) => Player.create(t.url, options);
    await expect(create({ scenario: "nope" })).rejects.toMatchObject({
      code: 404,
      message: expect.stringMatching(/^unknown_scenario: no scenario 'nope' \(known: bilateral-test, multilateral-test\)/),
    });
    await expect(create({ scenario: "../../etc/passwd" })).rejects.toMatchObject({ code: 400, message: expect.stringMatching(/^bad_options: create: field 'scenario'/) });
    await expect(create({ scenario: "bilateral-test", seats: { east: { kind: "bot" } } })).rejects.toMatchObject({
      code: 400,
      message: expect.stringContaining("seats.east"),
    });
    await expect(create({ scenario: "bilateral-test", seats: { south: { kind: "bot", strategy: "genius" } } })).rejects.toMatchObject({ code: 400 });
    await expect(create({ scenario: "bilateral-test", secondsPerTurn: 1 })).rejects.toMatchObject({ code: 400, message: expect.stringContaining("secondsPerTurn") });

    // A bot seat cannot be taken by a person.
    const solo = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", seats: { south: { kind: "bot" } } }, "solo");
    const soloCode = (await solo.waitFor(() => solo.welcome, "welcome")).joinCode!;
    await expect(Player.join(t.url, solo.matchId, { role: "delegation", delegation: "south", code: soloCode })).rejects.toMatchObject({ code: 4410 });

    // Listed tables need no code.
    const listed = await Player.create(t.url, { scenario: "bilateral-test", listed: true }, "listed");
    const guest = await Player.join(t.url, listed.matchId, { role: "observer" }, "guest");
    await guest.waitFor(() => guest.welcome?.role.observer, "the guest's welcome");
    expect(guest.welcome!.joinCode).toBeUndefined();

    await stillWorks([north, south, observer]);
    await Promise.all([north, south, observer, solo, listed, guest].map((p) => p.leave()));
  });
});
