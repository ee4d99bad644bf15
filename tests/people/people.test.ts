// People and personal links on a real server (PROTOCOL.md §12): a link made from the seat tokens a
// browser holds is stored only hashed; a second device joins the seat with the link alone and sees
// the inbox (your move, unread statements and private messages, seen); revoking the link closes
// that device's connection with a notice and refuses its rejoin, while the first device's own seat
// token still works; bad bodies and bad links get one clear message.
import Database from "better-sqlite3";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Player, startTestServer, type TestServer } from "../server/harness.ts";
import { peopleCall } from "./api.ts";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

const api = (method: string, path: string, body?: unknown, secret?: string) => peopleCall(t.url, method, path, body, secret);

async function table(): Promise<{ north: Player; south: Player; code: string }> {
  const north = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", secondsPerTurn: 86400 }, "north");
  const code = (await north.waitFor(() => north.welcome, "welcome")).joinCode!;
  const south = await Player.join(t.url, north.matchId, { role: "delegation", delegation: "south", code }, "south");
  await south.waitFor(() => south.state.phase === "running", "the start");
  await north.waitFor(() => north.state.phase === "running", "the start (north)");
  return { north, south, code };
}

describe("personal links", () => {
  it("keeps the link only hashed, seats a second device by the link, lists the inbox, and locks that device out when revoked", async () => {
    const { north, south } = await table();
    const northToken = north.welcome!.seatToken!;

    const made = await api("POST", "/api/people", { seatTokens: [northToken, "not-a-seat-token"] });
    expect(made.status).toBe(201);
    const { personId, secret } = made.json as { personId: string; secret: string };
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made.json.seats).toEqual([{ matchId: north.matchId, delegation: "north" }, null]);

    // The database holds neither the link's secret nor the seat token, only hashes and ids.
    const db = new Database(join(t.dataDir, "accord.sqlite"), { readonly: true });
    try {
      const people = db.prepare("select * from people").all() as Record<string, unknown>[];
      expect(people.map((p) => p.id)).toContain(personId);
      const dump = JSON.stringify([people, db.prepare("select * from person_seats").all()]);
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(northToken);
      expect(people.find((p) => p.id === personId)!.link_hash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      db.close();
    }

    // South speaks and writes privately to north; the inbox counts them, and says whose move it is.
    await south.must("statement", { text: "Good morning from the south." });
    await south.must("private_message", { to: "north", text: "Between us." });
    let inbox = await api("GET", "/api/people/me", undefined, secret);
    expect(inbox.status).toBe(200);
    expect(inbox.json.personId).toBe(personId);
    expect(inbox.json.tables).toHaveLength(1);
    const entry = inbox.json.tables[0];
    expect(entry).toMatchObject({ matchId: north.matchId, delegation: "north", delegationName: "Northern Agency", phase: "running", unreadStatements: 1, unreadMessages: 1 });
    expect(entry.yourMove).toBe(north.state.turn === "north");
    expect(entry.turnEndsAt).toBeGreaterThan(Date.now() + 86_000_000);

    // Seen: the counts fall to zero.
    const seen = await api("POST", "/api/people/me/seen", { matchId: north.matchId }, secret);
    expect(seen.status).toBe(200);
    inbox = await api("GET", "/api/people/me", undefined, secret);
    expect(inbox.json.tables[0]).toMatchObject({ unreadStatements: 0, unreadMessages: 0, newInjects: 0 });
    // An inject fired after that is new; north's own statement is not unread.
    await north.must("fire_inject", { injectId: "breach" });
    await north.must("statement", { text: "Our own words." });
    inbox = await api("GET", "/api/people/me", undefined, secret);
    expect(inbox.json.tables[0]).toMatchObject({ unreadStatements: 0, unreadMessages: 0, newInjects: 1 });

    // A second device ("phone") joins with the link alone and is north: it can move.
    const phone = await Player.join(t.url, north.matchId, { personToken: secret }, "phone");
    const welcome = await phone.waitFor(() => phone.welcome, "the phone's welcome");
    expect(welcome.role.delegation).toBe("north");
    expect(welcome.seatToken).toBeUndefined();
    const mover = north.state.turn === "north" ? phone : south;
    await mover.must("pass");
    await north.waitFor(() => north.state.moves.length === 1, "the laptop to see the phone's move");

    // Revoke: the phone's connection is closed with a notice; its rejoin is refused; the old link no longer reads the inbox.
    const revoked = await api("POST", "/api/people/me/revoke", {}, secret);
    expect(revoked.status).toBe(200);
    expect(revoked.json.connectionsClosed).toBe(1);
    expect(revoked.json.secret).not.toBe(secret);
    await phone.waitFor(() => phone.left, "the phone to be closed");
    expect(phone.notices.map((n) => n.code)).toContain("link_revoked");
    await expect(Player.join(t.url, north.matchId, { personToken: secret }, "phone again")).rejects.toThrow(/link_revoked/);
    const old = await api("GET", "/api/people/me", undefined, secret);
    expect(old.status).toBe(401);
    expect(old.json.error.code).toBe("bad_link");

    // The laptop, with its own seat token, still plays; the new link still reads the inbox.
    expect(north.left).toBe(false);
    const laptopMover = north.state.turn === "north" ? north : south;
    await laptopMover.must("pass");
    const fresh = await api("GET", "/api/people/me", undefined, revoked.json.secret);
    expect(fresh.json.tables.map((x: { matchId: string }) => x.matchId)).toEqual([north.matchId]);
    await Promise.all([north.leave(), south.leave()]);
  }, 30_000);

  it("adds seats to a person, lists the tables where it is their move first, and a link holds no seat at a table it was never given", async () => {
    const a = await table();
    const b = await table();
    const made = await api("POST", "/api/people", {});
    expect(made.status).toBe(201);
    const secret = made.json.secret as string;
    expect((await api("GET", "/api/people/me", undefined, secret)).json.tables).toEqual([]);
    // At table a, the seat whose move it is.
    const aMover = a.north.state.turn === "north" ? a.north : a.south;
    const aMoverId = aMover === a.north ? "north" : "south";
    const added = await api("POST", "/api/people/me/seats", { seatTokens: [aMover.welcome!.seatToken!] }, secret);
    expect(added.json.seats).toEqual([{ matchId: a.north.matchId, delegation: aMoverId }]);
    const inbox = await api("GET", "/api/people/me", undefined, secret);
    expect(inbox.json.tables.map((x: { matchId: string; delegation: string }) => [x.matchId, x.delegation])).toEqual([[a.north.matchId, aMoverId]]);
    // Your move first: the person now also holds, at table b, the seat whose move it is not. The
    // newest seat would come first otherwise; table a leads because it is their move there.
    const bIdle = b.north.state.turn === "north" ? b.south : b.north;
    await api("POST", "/api/people/me/seats", { seatTokens: [bIdle.welcome!.seatToken!] }, secret);
    const both = (await api("GET", "/api/people/me", undefined, secret)).json.tables as { matchId: string; yourMove: boolean }[];
    expect(both).toHaveLength(2);
    expect(both[0]).toMatchObject({ matchId: a.north.matchId, yourMove: true });
    expect(both[1]).toMatchObject({ matchId: b.north.matchId, yourMove: false });
    // Table c: the link holds nothing there.
    const c = await table();
    await expect(Player.join(t.url, c.north.matchId, { personToken: secret }, "stranger")).rejects.toThrow(/link_revoked: .*holds no seat/);
    // Seen on a table the person does not hold.
    const seen = await api("POST", "/api/people/me/seen", { matchId: c.north.matchId }, secret);
    expect(seen.status).toBe(404);
    expect(seen.json.error.message).toMatch(/you hold no seat at table/);
    await Promise.all([a.north.leave(), a.south.leave(), b.north.leave(), b.south.leave(), c.north.leave(), c.south.leave()]);
  }, 30_000);

  it("answers bad bodies, missing and wrong links with one clear message", async () => {
    const notJson = await api("POST", "/api/people", "{nope");
    expect(notJson.status).toBe(400);
    expect(notJson.json.error).toEqual({ code: "bad_request", message: "POST /api/people: the body is not JSON" });

    const wrongType = await api("POST", "/api/people", { seatTokens: "abc" });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.message).toMatch(/^POST \/api\/people: field 'seatTokens'/);

    const unknown = await api("POST", "/api/people", { seatTokens: [], extra: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toBe("POST /api/people: unknown field 'extra'");

    const tooMany = await api("POST", "/api/people", { seatTokens: Array.from({ length: 51 }, (_, i) => `t${i}`) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.message).toMatch(/field 'seatTokens' must hold at most 50 seat tokens/);

    const none = await api("GET", "/api/people/me");
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe("unauthorized");

    const wrong = await api("GET", "/api/people/me", undefined, "x".repeat(43));
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.message).toMatch(/revoked .* or never made/);

    const secret = (await api("POST", "/api/people", {})).json.secret as string;
    const emptySeats = await api("POST", "/api/people/me/seats", { seatTokens: [] }, secret);
    expect(emptySeats.status).toBe(400);
    expect(emptySeats.json.error.message).toMatch(/field 'seatTokens' must hold at least one seat token/);

    const badMatch = await api("POST", "/api/people/me/seen", { matchId: "../x" }, secret);
    expect(badMatch.status).toBe(400);
    expect(badMatch.json.error.message).toMatch(/field 'matchId' must be a match id/);

    const wrongMethod = await api("GET", "/api/people/me/revoke", undefined, secret);
    expect(wrongMethod.status).toBe(405);

    const badJoin = await Player.join(t.url, "nosuchmatch", { personToken: secret }, "nobody").catch((e: Error) => e);
    expect(badJoin).toBeInstanceOf(Error);
  });
});
