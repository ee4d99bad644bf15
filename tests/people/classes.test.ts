// A personal link carries class memberships and tournament entries too (issue 19, PROTOCOL.md §12),
// on a real server: a student who joins a class while holding a link is recorded with the person
// (by student id, never the student token); a second device rejoins the class as that student with
// the link alone and sees the class in GET /api/people/me; once the link is revoked the class room
// refuses it with `link_revoked`. A tournament entry recorded with the link (by entrant id, never
// the code) is listed in the inbox, and the entrant's page answers the second device by the link.
import Database from "better-sqlite3";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLASS_JOIN_ERRORS } from "../../shared/classroom/protocol.ts";
import type { EntrantView } from "../../shared/tournaments/api.ts";
import { ClassMember } from "../classroom/member.ts";
import { startTestServer, type TestServer } from "../server/harness.ts";
import { peopleCall } from "./api.ts";
import { call, createTournament } from "../tournaments/api.ts";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

const api = (method: string, path: string, body?: unknown, secret?: string) => peopleCall(t.url, method, path, body, secret);

/** The class room's refusal of a join: its code and message. */
async function refusal(sessionId: string, options: Record<string, unknown>): Promise<{ code: number; message: string }> {
  try {
    const member = await ClassMember.join(t.url, sessionId, options, "refused");
    await member.room.leave();
  } catch (e) {
    const err = e as { code?: number; message?: string };
    return { code: err.code ?? 0, message: err.message ?? "" };
  }
  throw new Error("the join was not refused");
}

function dump(): string {
  const db = new Database(join(t.dataDir, "accord.sqlite"), { readonly: true });
  try {
    return JSON.stringify([db.prepare("select * from person_classes").all(), db.prepare("select * from person_entries").all()]);
  } finally {
    db.close();
  }
}

describe("a personal link carries a class membership", () => {
  it("records the student with the person, lets a second device rejoin by the link, lists the class, and refuses the link once revoked", async () => {
    const facilitator = await ClassMember.create(t.url, { scenario: "bilateral-test", title: "Cyber norms, week 3", layout: { kind: "count", tables: 1 }, preparationMinutes: 0 });
    const fw = await facilitator.waitFor(() => facilitator.welcome, "the facilitator's welcome");
    const sessionId = fw.sessionId;

    const made = await api("POST", "/api/people", {});
    expect(made.status).toBe(201);
    const secret = made.json.secret as string;

    // The laptop: a first join with the class code, a name and the link.
    const laptop = await ClassMember.join(t.url, sessionId, { code: fw.code, name: "Rahim", personToken: secret }, "laptop");
    const lw = await laptop.waitFor(() => laptop.welcome, "the laptop's welcome");
    expect(lw.studentToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await ClassMember.join(t.url, sessionId, { code: fw.code, name: "Nadia" }, "Nadia");
    await other.waitFor(() => other.welcome, "Nadia's welcome");

    // Kept by the student's id, never the student token.
    const stored = dump();
    expect(stored).toContain(lw.studentId!);
    expect(stored).not.toContain(lw.studentToken!);
    expect(stored).not.toContain(secret);

    // The class in the inbox: its title and phase, no table yet.
    let me = await api("GET", "/api/people/me", undefined, secret);
    expect(me.status).toBe(200);
    expect(me.json.classes).toEqual([{ sessionId, title: "Cyber norms, week 3", phase: "gathering", closed: false, studentId: lw.studentId, table: null }]);

    // Seated and negotiating: the class lists the student's table.
    expect(await facilitator.request("auto_assign")).toEqual({ ok: true });
    expect(await facilitator.request("phase", { to: "negotiation" })).toEqual({ ok: true });
    const seat = await laptop.waitFor(() => laptop.seat, "the laptop's table");
    me = await api("GET", "/api/people/me", undefined, secret);
    expect(me.json.classes).toHaveLength(1);
    expect(me.json.classes[0]).toMatchObject({ phase: "negotiation", table: { table: 1, matchId: seat.matchId, delegation: seat.delegation } });

    // The phone: the link alone rejoins as the same student, with the same table.
    const phone = await ClassMember.join(t.url, sessionId, { personToken: secret }, "phone");
    const pw = await phone.waitFor(() => phone.welcome, "the phone's welcome");
    expect(pw).toMatchObject({ role: "student", studentId: lw.studentId });
    expect(pw.studentToken).toBeUndefined();
    const phoneSeat = await phone.waitFor(() => phone.seat, "the phone's table");
    expect(phoneSeat).toMatchObject({ matchId: seat.matchId, delegation: seat.delegation });
    await phone.room.leave();

    // A link that holds no student of this class is told so (bad_token), not seated as anyone.
    const stranger = await api("POST", "/api/people", {});
    const none = await refusal(sessionId, { personToken: stranger.json.secret });
    expect(none.code).toBe(CLASS_JOIN_ERRORS.bad_token);
    expect(none.message).toMatch(/holds no student of this class/);

    // Revoked while a device that came through the link is in the class: it is told and closed
    // (4411); the old link is then refused with link_revoked; the new one still rejoins.
    const tablet = await ClassMember.join(t.url, sessionId, { personToken: secret }, "tablet");
    await tablet.waitFor(() => tablet.welcome, "the tablet's welcome");
    const tabletLeft = new Promise<number>((resolve) => tablet.room.onLeave((code) => resolve(code)));
    const revoked = await api("POST", "/api/people/me/revoke", {}, secret);
    expect(revoked.status).toBe(200);
    expect(revoked.json.connectionsClosed).toBe(1);
    expect(await tabletLeft).toBe(CLASS_JOIN_ERRORS.link_revoked);
    expect(tablet.notices.map((n) => n.code)).toContain("link_revoked");
    // The laptop, in through its own first join (not the link alone), stays.
    expect(laptop.room.connection.isOpen).toBe(true);
    const refused = await refusal(sessionId, { personToken: secret });
    expect(refused.code).toBe(CLASS_JOIN_ERRORS.link_revoked);
    expect(refused.message).toMatch(/^link_revoked: /);
    expect((await api("GET", "/api/people/me", undefined, secret)).status).toBe(401);
    // The laptop's own student token still works beside the revoked link (which records nothing).
    const own = await ClassMember.join(t.url, sessionId, { studentToken: lw.studentToken!, personToken: secret }, "laptop again");
    expect((await own.waitFor(() => own.welcome, "the laptop's rejoin")).studentId).toBe(lw.studentId);
    await own.room.leave();
    const renewed = await ClassMember.join(t.url, sessionId, { personToken: revoked.json.secret }, "phone again");
    expect((await renewed.waitFor(() => renewed.welcome, "the welcome with the new link")).studentId).toBe(lw.studentId);
    await renewed.room.leave();

    // A student token presented with a link records that student too (the link made after joining).
    const later = await api("POST", "/api/people", {});
    const nadiaToken = (await other.waitFor(() => other.welcome, "Nadia's welcome")).studentToken!;
    const again = await ClassMember.join(t.url, sessionId, { studentToken: nadiaToken, personToken: later.json.secret }, "Nadia again");
    await again.waitFor(() => again.welcome, "Nadia's rejoin");
    me = await api("GET", "/api/people/me", undefined, later.json.secret);
    expect(me.json.classes.map((c: { studentId: string }) => c.studentId)).toEqual([other.welcome!.studentId]);
    await again.room.leave();

    for (const m of [laptop, other, facilitator]) await m.room.leave();
  });
});

describe("a personal link carries a tournament entry", () => {
  it("records the entrant by id, lists it in the inbox, answers the entrant's page by the link, and stops when revoked", async () => {
    const created = await createTournament(t.url, {
      name: "Spring cup",
      scenarios: ["bilateral-test"],
      entrants: [{ kind: "person", name: "Ada" }, { kind: "bot", strategy: "linear" }],
    });
    const ada = created.entrants[0]!;
    const made = await api("POST", "/api/people", {});
    const secret = made.json.secret as string;

    // A wrong code is refused naming the field; the right one records the entry.
    const wrong = await api("POST", "/api/people/me/entries", { tournament: created.id, code: "AAAA-AAAA-AAAA-AAAA" }, secret);
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.message).toMatch(/field 'code'/);
    const bad = await api("POST", "/api/people/me/entries", { tournament: created.id }, secret);
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/code/);
    const recorded = await api("POST", "/api/people/me/entries", { tournament: created.id, code: ada.code!.toLowerCase() }, secret);
    expect(recorded.status).toBe(200);
    expect(recorded.json).toEqual({ tournament: created.id, entrant: { id: ada.id, name: "Ada" } });
    const stored = dump();
    expect(stored).toContain(`"entrant_id":"${ada.id}"`);
    expect(stored).not.toContain(ada.code!);
    expect(stored).not.toContain(ada.code!.replace(/-/g, ""));

    const me = await api("GET", "/api/people/me", undefined, secret);
    expect(me.json.tournaments).toEqual([{ tournamentId: created.id, name: "Spring cup", status: "waiting", currentRound: 0, rounds: expect.any(Number), entrantId: ada.id, entrantName: "Ada" }]);
    expect(me.json.tournaments[0].rounds).toBeGreaterThan(0);

    // Started: the second device asks for the entrant's table with the link, and gets a seat it can join.
    expect((await call(t.url, "POST", `/api/tournaments/${created.id}/start`, { token: created.organiserToken })).status).toBe(200);
    let view: EntrantView | null = null;
    for (let i = 0; i < 200 && !view?.table; i++) {
      const got = await call<EntrantView>(t.url, "GET", `/api/tournaments/${created.id}/me`, { token: secret });
      expect(got.status, JSON.stringify(got.body)).toBe(200);
      view = got.body;
      if (!view.table) await new Promise((r) => setTimeout(r, 50));
    }
    expect(view!.entrant).toEqual({ id: ada.id, name: "Ada" });
    expect(view!.table!.seatToken).toMatch(/\S/);
    const byCode = await call<EntrantView>(t.url, "GET", `/api/tournaments/${created.id}/me`, { token: ada.code! });
    expect(byCode.body.table!.seatToken).toBe(view!.table!.seatToken);

    // A link with no entry there, and the link once revoked, are refused.
    const stranger = await api("POST", "/api/people", {});
    expect((await call(t.url, "GET", `/api/tournaments/${created.id}/me`, { token: stranger.json.secret })).status).toBe(403);
    await api("POST", "/api/people/me/revoke", {}, secret);
    expect((await call(t.url, "GET", `/api/tournaments/${created.id}/me`, { token: secret })).status).toBe(403);
  });
});
