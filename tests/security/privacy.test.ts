// One privacy rule for class tables (issue 12): a class table's full record (private messages, team
// notes, profiles) goes only to the class's facilitator token (or the table's own facilitator
// token); anyone else reading /api/matches/<id> or its transcripts gets the public record, even
// after the debrief. Students learn only their own table's id; the class debrief shows them every
// table's outcome and their own table's reveal. Real server, real SDK clients, a real class.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Player, startTestServer, type TestServer } from "../server/harness.ts";
import type { ClassDebrief } from "../../shared/classroom/protocol.ts";
import { ClassMember } from "../classroom/member.ts";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

const SECRET = "marker KESTREL QUARRY";
const NOTE = "marker TEAM HALYARD";
const contains = (frames: Uint8Array[], text: string) => frames.some((f) => Buffer.from(f).includes(Buffer.from(text, "utf8")));

describe("a class table's record", () => {
  it("is the public one for students and strangers, and the full one with the class's facilitator token", async () => {
    const facilitator = await ClassMember.create(t.url, { scenario: "bilateral-test", layout: { kind: "count", tables: 2 }, preparationMinutes: 0 });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the welcome");
    const token = welcome.facilitatorToken!;
    const ann = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Ann" }, "Ann");
    const bo = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Bo" }, "Bo");
    const annWelcome = await ann.waitFor(() => ann.welcome, "Ann's welcome");
    const boWelcome = await bo.waitFor(() => bo.welcome, "Bo's welcome");
    expect(await facilitator.request("assign", { student: annWelcome.studentId, table: 1, delegation: "north" })).toEqual({ ok: true });
    expect(await facilitator.request("assign", { student: boWelcome.studentId, table: 2, delegation: "north" })).toEqual({ ok: true });
    expect(await facilitator.request("phase", { to: "negotiation" })).toEqual({ ok: true });
    const [annSeat, boSeat] = await Promise.all([ann.waitFor(() => ann.seat, "Ann's table"), bo.waitFor(() => bo.seat, "Bo's table")]);
    expect(annSeat.table).toBe(1);
    expect(boSeat.table).toBe(2);

    // The facilitator sees both tables' ids; each student only their own.
    const both = await facilitator.waitFor(() => (Object.keys(facilitator.snapshot?.matches ?? {}).length === 2 ? facilitator.snapshot!.matches : null), "both tables");
    expect(both[1]).toBe(annSeat.matchId);
    expect(both[2]).toBe(boSeat.matchId);
    const annMatches = await ann.waitFor(() => (ann.snapshot?.matches[1] ? ann.snapshot.matches : null), "Ann's table in her snapshot");
    expect(annMatches).toEqual({ 1: annSeat.matchId });
    expect(await bo.waitFor(() => (bo.snapshot?.matches[2] ? bo.snapshot.matches : null), "Bo's table in his snapshot")).toEqual({ 2: boSeat.matchId });

    // Bo's table: a private message and a team note.
    const boPlayer = await Player.join(t.url, boSeat.matchId, { role: "delegation", delegation: boSeat.delegation, code: boSeat.code, name: "Bo" }, "Bo at table 2");
    await boPlayer.waitFor(() => boPlayer.state.phase === "running", "table 2 running");
    await boPlayer.must("private_message", { to: "south", text: SECRET });
    await boPlayer.must("team_note", { text: NOTE });
    await boPlayer.must("statement", { text: "a public word at table 2" });

    // The debrief ends every table; the records are still not for students or strangers.
    // Ann's class debrief once every table has ended (the timeout only guards against a hang).
    const annDebrief = new Promise<ClassDebrief>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("Ann: no class debrief with every table ended")), 30_000);
      ann.room.onMessage("class_debrief", (d: ClassDebrief) => {
        if (!d.tables.every((x) => x.phase === "ended")) return;
        clearTimeout(timer);
        resolve(d);
      });
    });
    expect(await facilitator.request("phase", { to: "debrief" })).toEqual({ ok: true });
    await boPlayer.waitFor(() => boPlayer.reveal, "table 2's reveal");
    const debrief = await annDebrief;

    const base = `${t.url}/api/matches/${boSeat.matchId}`;
    for (const auth of [undefined, `Bearer ${annWelcome.studentToken}`, "Bearer not-a-token"]) {
      const headers: Record<string, string> = auth ? { authorization: auth } : {};
      const record = await fetch(base, { headers });
      expect(record.status).toBe(200);
      const text = await record.text();
      const body = JSON.parse(text) as { record: string; reveal?: unknown; view?: unknown; outcome?: { reason: string } };
      expect(body.record).toBe("public");
      expect(body.reveal).toBeUndefined();
      expect(body.view).toBeDefined();
      expect(body.outcome?.reason).toBe("ended_by_facilitator");
      for (const secret of ["KESTREL", "HALYARD", "fast notification", "who pays", "privateBrief"]) expect(text, `${auth}: ${secret}`).not.toContain(secret);
      expect(text).toContain("a public word at table 2");
      for (const format of ["json", "csv", "md"]) {
        const transcript = await fetch(`${base}/transcript.${format}`, { headers });
        expect(transcript.status).toBe(200);
        const body = await transcript.text();
        expect(body, format).not.toContain("KESTREL");
        expect(body, format).not.toContain("HALYARD");
        expect(body, format).toContain("a public word at table 2");
      }
    }

    // With the class's facilitator token: the full record.
    const full = await fetch(base, { headers: { authorization: `Bearer ${token}` } });
    const fullText = await full.text();
    expect(JSON.parse(fullText)).toMatchObject({ record: "full", reveal: { outcome: { reason: "ended_by_facilitator" } } });
    expect(fullText).toContain("KESTREL");
    expect(fullText).toContain("HALYARD");
    for (const format of ["json", "csv", "md"]) {
      const body = await (await fetch(`${base}/transcript.${format}`, { headers: { authorization: `Bearer ${token}` } })).text();
      expect(body, format).toContain("KESTREL");
      expect(body, format).toContain("HALYARD");
    }
    // The class's own export says the same.
    const all = await (await fetch(`${t.url}/api/classes/${welcome.sessionId}/transcripts.md`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(all).toContain("KESTREL");

    // Ann's class debrief: every table's outcome, her own table's reveal, nothing of table 2's private side.
    expect(debrief.tables.map((x) => x.table)).toEqual([1, 2]);
    expect(debrief.tables[1]!.outcome).toMatchObject({ reason: "ended_by_facilitator", agreement: false });
    expect(debrief.mine?.table).toBe(1);
    expect(debrief.mine?.reveal.outcome).toMatchObject({ reason: "ended_by_facilitator" });
    for (const text of ["KESTREL", "HALYARD", boSeat.matchId]) expect(contains(ann.frames(), text), text).toBe(false);

    // A table that is no class's keeps its full record for anyone once it has ended.
    const solo = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", seats: { south: { kind: "bot", strategy: "hardliner" } } }, "solo");
    await solo.waitFor(() => solo.state.phase === "running", "the solo start");
    await solo.must("team_note", { text: "solo note OSPREY" });
    await solo.must("end");
    await solo.waitFor(() => solo.reveal, "the solo reveal");
    const soloText = await (await fetch(`${t.url}/api/matches/${solo.matchId}/transcript.md`)).text();
    expect(soloText).toContain("OSPREY");

    await boPlayer.leave();
    await solo.leave();
    for (const m of [facilitator, ann, bo]) await m.leave();
  }, 60_000);
});
