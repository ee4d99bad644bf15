// The class room never carries what a table keeps private: the dashboard counts each delegation's
// messages but holds no text, and students' class frames hold neither messages nor profiles. The
// check is on the raw bytes each connection received, before any table's reveal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Player, startTestServer, type TestServer } from "../server/harness.ts";
import { ClassMember } from "./member.ts";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

const contains = (frames: Uint8Array[], text: string) => frames.some((f) => Buffer.from(f).includes(Buffer.from(text, "utf8")));

describe("what the class room sends", () => {
  it("counts messages on the dashboard without their content, and leaks no private brief", async () => {
    const facilitator = await ClassMember.create(t.url, { scenario: "bilateral-test", preparationMinutes: 0 });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the welcome");
    const ann = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Ann" }, "Ann");
    const bo = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Bo" }, "Bo");
    await bo.waitFor(() => bo.welcome, "Bo's welcome");
    expect(await facilitator.request("auto_assign")).toEqual({ ok: true });
    expect(await facilitator.request("phase", { to: "negotiation" })).toEqual({ ok: true });
    const seats = await Promise.all([ann, bo].map((m) => m.waitFor(() => m.seat, "a table")));
    const players = await Promise.all(seats.map((s, i) => Player.join(t.url, s.matchId, { role: "delegation", delegation: s.delegation, code: s.code, name: ["Ann", "Bo"][i] })));
    const north = players[seats.findIndex((s) => s.delegation === "north")]!;
    await north.waitFor(() => north.state.phase === "running", "the start");

    const secret = "codeword OSPREY LANTERN";
    const act = (type: string, payload: Record<string, unknown>) => north.request(type, { requestId: `m-${type}`, version: north.state.version, ...payload });
    expect(await act("private_message", { to: "south", text: secret })).toMatchObject({ ok: true });
    expect(await act("team_note", { text: `${secret} (note)` })).toMatchObject({ ok: true });
    expect(await act("statement", { text: "A public word." })).toMatchObject({ ok: true });
    const row = await facilitator.waitFor(() => facilitator.dashboard?.rows[0]?.delegations.find((d) => d.id === "north" && d.messages === 3), "north's three messages counted");
    expect(row.messages).toBe(3);

    for (const m of [facilitator, ann, bo]) {
      expect(contains(m.frames(), "OSPREY")).toBe(false);
      // Neither delegation's private brief ("fast notification", "who pays") travels in the class room.
      expect(contains(m.frames(), "fast notification")).toBe(false);
      expect(contains(m.frames(), "who pays")).toBe(false);
    }
    for (const p of players) await p.leave();
    for (const m of [facilitator, ann, bo]) await m.leave();
  });
});
