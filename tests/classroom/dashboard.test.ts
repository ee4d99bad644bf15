// The facilitator's dashboard row for a class table: each delegation's value of the package on
// the table (from the scenario file's profiles, computed here by hand) and when the table last
// moved; students' class frames carry no dashboard at all.
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

describe("the class dashboard's rows", () => {
  it("show each delegation's value of the offer and the last move's time, to the facilitator only; a table ended from its row", async () => {
    const facilitator = await ClassMember.create(t.url, { scenario: "bilateral-test", preparationMinutes: 0 });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the welcome");
    const ann = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Ann" }, "Ann");
    const bo = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Bo" }, "Bo");
    await bo.waitFor(() => bo.welcome, "Bo's welcome");
    expect(await facilitator.request("auto_assign")).toEqual({ ok: true });
    expect(await facilitator.request("phase", { to: "negotiation" })).toEqual({ ok: true });
    const seats = await Promise.all([ann, bo].map((m) => m.waitFor(() => m.seat, "a table")));
    const players = await Promise.all(seats.map((s, i) => Player.join(t.url, s.matchId, { role: "delegation", delegation: s.delegation, code: s.code, name: ["Ann", "Bo"][i] })));
    await players[0]!.waitFor(() => players[0]!.state.phase === "running" && players[0]!.state.turn !== "", "the start");
    const before = await facilitator.waitFor(() => facilitator.dashboard?.rows[0]?.phase === "running" && facilitator.dashboard.rows[0], "a running row");
    expect(before.delegations.every((d) => d.value === null)).toBe(true);

    // Whoever moves first tables 72 hours, split funding, critical infrastructure only.
    const turn = players[0]!.state.turn;
    const mover = players[seats.findIndex((s) => s.delegation === turn)]!;
    await mover.waitFor(() => mover.state.phase === "running" && mover.state.turn === turn, "the mover's view of the start");
    const pkg = { notification: "h72", funding: "split", scope: "critical" };
    expect(await mover.request("propose", { requestId: "p1", version: mover.state.version, package: pkg })).toMatchObject({ ok: true });
    const row = await facilitator.waitFor(() => facilitator.dashboard?.rows[0]?.offer && facilitator.dashboard.rows[0], "the offer on the dashboard");
    // tests/fixtures/scenarios/bilateral-test: north 0.5·0.5 + 0.2·0.6 + 0.3·0.5; south 0.2·0.7 + 0.5·0.5 + 0.3·0.8.
    expect(row.delegations.find((d) => d.id === "north")!.value).toBeCloseTo(0.52, 4);
    expect(row.delegations.find((d) => d.id === "south")!.value).toBeCloseTo(0.63, 4);
    expect(row.lastMoveAt).toEqual(expect.any(Number));
    expect(row.lastMoveAt!).toBeGreaterThanOrEqual(before.lastMoveAt!);

    // The dashboard is the facilitator's: no student's frame holds one.
    expect(contains(facilitator.frames(), "lastMoveAt")).toBe(true);
    for (const m of [ann, bo]) expect(contains(m.frames(), "lastMoveAt")).toBe(false);
    // The facilitator ends the table (a student may not); once ended it cannot be ended again.
    expect(await ann.request("end", { table: 1 })).toMatchObject({ code: "forbidden" });
    expect(await facilitator.request("end", { table: 1 })).toEqual({ ok: true });
    await facilitator.waitFor(() => facilitator.dashboard?.rows[0]?.phase === "ended", "table 1 ended");
    expect(await facilitator.request("end", { table: 1 })).toMatchObject({ code: "bad_phase" });
    for (const p of players) await p.leave();
    for (const m of [facilitator, ann, bo]) await m.leave();
  });
});
