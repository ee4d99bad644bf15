// Class sessions through the real server with real SDK clients: create, join by code, auto-assign,
// tables created and started, an inject reaching every table, only the facilitator changing
// anything, the exports, and a restart that brings the session back.
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

async function lookUp(code: string): Promise<{ sessionId: string; code: string }> {
  const res = await fetch(`${t.url}/api/classes/join/${encodeURIComponent(code)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { sessionId: string; code: string };
}

describe("a class of two tables", () => {
  it("gathers students by code, auto-assigns them, runs both tables and fires an inject at both", async () => {
    const facilitator = await ClassMember.create(t.url, { scenario: "bilateral-test", layout: { kind: "count", tables: 2 }, preparationMinutes: 0 });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the facilitator's welcome");
    expect(welcome.role).toBe("facilitator");
    expect(welcome.facilitatorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(welcome.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const found = await lookUp(welcome.code.toLowerCase());
    expect(found.sessionId).toBe(welcome.sessionId);

    const names = ["Ann", "Bo", "Cy", "Di"];
    const students: ClassMember[] = [];
    for (const name of names) students.push(await ClassMember.join(t.url, found.sessionId, { code: welcome.code, name }, name));
    for (const s of students) {
      const w = await s.waitFor(() => s.welcome, "a student's welcome");
      expect(w.role).toBe("student");
      expect(w.studentToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(w.facilitatorToken).toBeUndefined();
    }
    await facilitator.waitFor(() => facilitator.snapshot?.students.length === 4, "four students in the class");
    // A student sees how many are in the class, and only themself in the list.
    const seen = await students[0]!.waitFor(() => (students[0]!.snapshot?.studentCount === 4 ? students[0]!.snapshot : null), "the class's size");
    expect(seen.students.map((s) => s.name)).toEqual(["Ann"]);

    // A student cannot run the class.
    const refused = await students[0]!.request("auto_assign");
    expect(refused).toMatchObject({ code: "forbidden" });
    expect((await students[1]!.request("phase", { to: "negotiation" })) as { code: string }).toMatchObject({ code: "forbidden" });

    expect(await facilitator.request("auto_assign")).toEqual({ ok: true });
    const snapshot = await facilitator.waitFor(() => (facilitator.snapshot?.students.every((s) => s.place) ? facilitator.snapshot : null), "everyone placed");
    const places = snapshot.students.map((s) => `${s.place!.table}/${s.place!.delegation}`).sort();
    expect(places).toEqual(["1/north", "1/south", "2/north", "2/south"]);

    expect(await facilitator.request("phase", { to: "negotiation" })).toEqual({ ok: true });
    const seats = await Promise.all(students.map((s) => s.waitFor(() => s.seat, "the student's table")));
    const matchIds = new Set(seats.map((s) => s.matchId));
    expect(matchIds.size).toBe(2);

    // Each student sits down at their table with the code and delegation the class handed them.
    const players: Player[] = [];
    for (const [i, seat] of seats.entries()) {
      players.push(await Player.join(t.url, seat.matchId, { role: "delegation", delegation: seat.delegation, code: seat.code, name: names[i] }, names[i]));
    }
    for (const p of players) await p.waitFor(() => p.state.phase === "running", "the table to run");

    // An inject to every table reaches both: each table's north receives its changed profile.
    expect(await facilitator.request("inject", { injectId: "budget-cut" })).toEqual({ ok: true });
    for (const [i, p] of players.entries()) {
      if (seats[i]!.delegation !== "north") continue;
      await p.waitFor(() => p.seat?.me?.profile.weights.funding === 0.4, "the inject's new weights");
    }
    const dashboard = await facilitator.waitFor(
      () => (facilitator.dashboard?.rows.length === 2 && facilitator.dashboard.rows.every((r) => r.firedInjects.includes("budget-cut")) ? facilitator.dashboard : null),
      "both rows with the inject",
    );
    // One table only: the other is left alone.
    expect(await facilitator.request("inject", { injectId: "breach", table: 2 })).toEqual({ ok: true });
    await facilitator.waitFor(() => facilitator.dashboard?.rows[1]?.firedInjects.includes("breach"), "the inject at table 2");
    expect(facilitator.dashboard!.rows[0]!.firedInjects).toEqual(["budget-cut"]);
    // Pause every table and the class's clock, resume one table, then the rest.
    expect(await facilitator.request("pause")).toEqual({ ok: true });
    await facilitator.waitFor(() => facilitator.dashboard?.rows.every((r) => r.phase === "paused"), "both tables paused");
    await facilitator.waitFor(() => facilitator.snapshot?.tablesPaused, "the class shown as paused");
    expect(await facilitator.request("resume", { table: 1 })).toEqual({ ok: true });
    await facilitator.waitFor(() => facilitator.dashboard?.rows[0]?.phase === "running" && facilitator.dashboard.rows[1]?.phase === "paused", "table 1 running, table 2 paused");
    expect(await facilitator.request("resume")).toEqual({ ok: true });
    await facilitator.waitFor(() => facilitator.dashboard?.rows.every((r) => r.phase === "running"), "both running again");
    for (const row of dashboard.rows) {
      expect(row.delegations.map((d) => d.connected)).toEqual([1, 1]);
      expect(row.delegations.every((d) => d.students.length === 1)).toBe(true);
    }

    // The exports need the facilitator's token.
    const csvUrl = `${t.url}/api/classes/${welcome.sessionId}/students.csv`;
    expect((await fetch(csvUrl)).status).toBe(403);
    expect((await fetch(csvUrl, { headers: { authorization: `Bearer ${students[0]!.welcome!.studentToken}` } })).status).toBe(403);
    const denied = (await (await fetch(csvUrl)).json()) as { error: { code: string; message: string } };
    expect(denied.error.code).toBe("forbidden");

    // The debrief ends both tables; the CSV lists the four students with their utilities.
    expect(await facilitator.request("phase", { to: "debrief" })).toEqual({ ok: true });
    for (const p of players) await p.waitFor(() => p.reveal, "the reveal");
    const csv = await (await fetch(csvUrl, { headers: { authorization: `Bearer ${welcome.facilitatorToken}` } })).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("name,table,delegation,deal_reached,utility,advantage,messages_sent,score_understanding,score_analysis,score_strategy,score_communication,score_teamwork,delegation_id,utility_raw,advantage_raw");
    expect(lines).toHaveLength(5);
    for (const [i, p] of players.entries()) {
      const reveal = p.reveal!;
      const line = lines.find((l) => l.startsWith(`${names[i]},`))!;
      const cells = line.split(",");
      // The delegation by name (its id in the last columns but two), utility in points (raw in the next).
      const d = reveal.delegations.find((x) => x.id === seats[i]!.delegation)!;
      expect(cells[2]).toBe(d.name);
      expect(cells[12]).toBe(seats[i]!.delegation);
      expect(cells[3]).toBe("no");
      // No deal: each delegation gets its reservation value, after the injects fired at its table.
      expect(Number(cells[4])).toBe(Math.round(d.profile.reservationValue * 100));
      expect(Number(cells[13])).toBeCloseTo(d.profile.reservationValue, 4);
    }
    const md = await (await fetch(`${t.url}/api/classes/${welcome.sessionId}/transcripts.md`, { headers: { authorization: `Bearer ${welcome.facilitatorToken}` } })).text();
    expect(md).toContain("## Table 1");
    expect(md).toContain("## Table 2");
    expect(md).toContain("Budget cut");

    for (const p of players) await p.leave();
    for (const s of [facilitator, ...students]) await s.leave();
  });
});

describe("a student who should not be there", () => {
  it("is taken out by the facilitator: told why, disconnected, their way back closed, their place freed; the others stay; a new code shuts the leaked one out", async () => {
    const facilitator = await ClassMember.create(t.url, { scenario: "bilateral-test" });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the welcome");
    const ada = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Ada" }, "ada");
    const troll = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Not a student" }, "troll");
    const trollWelcome = await troll.waitFor(() => troll.welcome, "the troll's welcome");
    await facilitator.waitFor(() => facilitator.snapshot?.students.length === 2 && facilitator.snapshot, "two students");
    expect(await facilitator.request("assign", { student: trollWelcome.studentId!, table: 1, delegation: "south" })).toEqual({ ok: true });
    // Only the facilitator may; an unknown student is named.
    expect(await ada.request("remove_student", { student: trollWelcome.studentId! })).toMatchObject({ code: "forbidden" });
    expect(await facilitator.request("remove_student", { student: "nobody" })).toEqual({ code: "not_found", message: "remove_student: no student 'nobody' in this class" });

    const left = new Promise<number>((resolve) => troll.room.onLeave((code) => resolve(code)));
    expect(await facilitator.request("remove_student", { student: trollWelcome.studentId! })).toEqual({ ok: true });
    expect(await left).toBe(4403);
    expect(troll.notices).toContainEqual({ code: "removed", message: "removed: the facilitator took you out of this class" });
    const after = await facilitator.waitFor(() => facilitator.snapshot?.students.length === 1 && facilitator.snapshot, "one student left");
    expect(after.students.map((s) => s.name)).toEqual(["Ada"]);
    await expect(ClassMember.join(t.url, welcome.sessionId, { studentToken: trollWelcome.studentToken! })).rejects.toThrow(/bad_token/);
    // The place is free again for a real student.
    expect(await facilitator.request("assign", { student: ada.welcome!.studentId!, table: 1, delegation: "south" })).toEqual({ ok: true });

    // A new code: the leaked one stops working at once, the new one works, and whoever is in stays in.
    const oldCode = welcome.code;
    expect(await ada.request("new_code", {})).toMatchObject({ code: "forbidden" });
    expect(await facilitator.request("new_code", {})).toEqual({ ok: true });
    const renewed = await facilitator.waitFor(() => facilitator.welcome?.code !== oldCode && facilitator.welcome, "the welcome with the new code");
    await expect(ClassMember.join(t.url, welcome.sessionId, { code: oldCode, name: "Too late" })).rejects.toThrow(/bad_code/);
    expect((await fetch(`${t.url}/api/classes/join/${oldCode}`)).status).toBe(404);
    expect(await (await fetch(`${t.url}/api/classes/join/${renewed.code}`)).json()).toMatchObject({ sessionId: welcome.sessionId });
    const bea = await ClassMember.join(t.url, welcome.sessionId, { code: renewed.code, name: "Bea" }, "bea");
    await bea.waitFor(() => bea.welcome, "Bea's welcome");
    await ada.leave();
    const adaBack = await ClassMember.join(t.url, welcome.sessionId, { studentToken: ada.welcome!.studentToken! }, "ada again");
    expect((await adaBack.waitFor(() => adaBack.welcome, "Ada's welcome")).studentId).toBe(ada.welcome!.studentId);
    await Promise.all([facilitator.leave(), adaBack.leave(), bea.leave()]);
  });
});

describe("latecomers, bots and bad input", () => {
  it("fills empty seats with bots at the start and hands a latecomer a bot's seat", async () => {
    const facilitator = await ClassMember.create(t.url, { scenario: "bilateral-test", layout: { kind: "count", tables: 1 }, preparationMinutes: 0, fillStrategy: "boulware" });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the welcome");
    const ann = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Ann" }, "Ann");
    await ann.waitFor(() => ann.welcome, "Ann's welcome");
    expect(await facilitator.request("auto_assign")).toEqual({ ok: true });
    expect(await facilitator.request("phase", { to: "negotiation" })).toEqual({ ok: true });
    const annSeat = await ann.waitFor(() => ann.seat, "Ann's table");
    expect(annSeat.delegation).toBe("north");
    const row = await facilitator.waitFor(() => facilitator.dashboard?.rows[0]?.phase === "running" && facilitator.dashboard.rows[0], "the table running");
    expect(row.delegations.map((d) => d.control)).toEqual(["people", "bot"]);

    // Bo arrives late: the class seats him where the bot keeps the empty delegation; the bot steps aside.
    const bo = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Bo" }, "Bo");
    const boSeat = await bo.waitFor(() => bo.seat, "Bo's table");
    expect(boSeat).toMatchObject({ table: 1, delegation: "south", matchId: annSeat.matchId });
    const south = await Player.join(t.url, boSeat.matchId, { role: "delegation", delegation: "south", code: boSeat.code, name: "Bo" }, "Bo at the table");
    await south.waitFor(() => south.state.delegations.find((d) => d.id === "south")?.control === "people", "south back to people");
    await south.leave();
    for (const m of [facilitator, ann, bo]) await m.leave();
  });

  it("moves on by itself when the preparation's clock runs out, and the tables start", async () => {
    // A very short preparation (about a second): the test waits for the class's own move, not for time.
    const facilitator = await ClassMember.create(t.url, { scenario: "bilateral-test", preparationMinutes: 0.02 });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the welcome");
    const ann = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Ann" }, "Ann");
    await ann.waitFor(() => ann.welcome, "Ann's welcome");
    expect(await facilitator.request("auto_assign")).toEqual({ ok: true });
    expect(await facilitator.request("phase", { to: "preparation" })).toEqual({ ok: true });
    await ann.waitFor(() => ann.snapshot?.phase === "negotiation", "the negotiation, by the clock");
    await facilitator.waitFor(() => facilitator.dashboard?.rows[0]?.phase === "running", "the table running");
    for (const m of [facilitator, ann]) await m.leave();
  });

  it("has a bot keep the seat of a student who does not come to their table, until they do", async () => {
    const facilitator = await ClassMember.create(t.url, { scenario: "bilateral-test", preparationMinutes: 0, standInAfterMinutes: 0.02, fillStrategy: "boulware" });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the welcome");
    const ann = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Ann" }, "Ann");
    const bo = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Bo" }, "Bo");
    await bo.waitFor(() => bo.welcome, "Bo's welcome");
    expect(await facilitator.request("auto_assign")).toEqual({ ok: true });
    expect(await facilitator.request("phase", { to: "negotiation" })).toEqual({ ok: true });
    // Ann sits down at once; Bo does not come.
    const annSeat = await ann.waitFor(() => ann.seat, "Ann's table");
    const boSeat = await bo.waitFor(() => bo.seat, "Bo's table");
    const annAtTable = await Player.join(t.url, annSeat.matchId, { role: "delegation", delegation: annSeat.delegation, code: annSeat.code, name: "Ann" }, "Ann at the table");
    const row = await facilitator.waitFor(() => facilitator.dashboard?.rows[0]?.delegations.find((d) => d.id === boSeat.delegation && d.control === "bot") && facilitator.dashboard.rows[0], "a bot keeping Bo's seat");
    expect(row.delegations.find((d) => d.id === annSeat.delegation)!.control).toBe("people");
    // Bo arrives: the bot steps aside.
    const boAtTable = await Player.join(t.url, boSeat.matchId, { role: "delegation", delegation: boSeat.delegation, code: boSeat.code, name: "Bo" }, "Bo at the table");
    await boAtTable.waitFor(() => boAtTable.state.phase === "ended" || boAtTable.state.delegations.find((d) => d.id === boSeat.delegation)?.control === "people", "Bo's seat back");
    for (const p of [annAtTable, boAtTable]) await p.leave();
    for (const m of [facilitator, ann, bo]) await m.leave();
  });

  it("refuses a bad class with the field named, a wrong code, and a bad request", async () => {
    await expect(ClassMember.create(t.url, { scenario: "bilateral-test", layout: { kind: "count", tables: 0 } })).rejects.toThrow(/bad_options: class: field 'layout.tables' must be at least 1/);
    await expect(ClassMember.create(t.url, { scenario: "no-such" })).rejects.toThrow(/unknown_scenario/);
    const facilitator = await ClassMember.create(t.url, { scenario: "bilateral-test" });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the welcome");
    await expect(ClassMember.join(t.url, welcome.sessionId, { code: "AAAA-AAAA", name: "Eve" })).rejects.toThrow(/bad_code/);
    await expect(ClassMember.join(t.url, welcome.sessionId, { code: welcome.code })).rejects.toThrow(/field 'name' is required/);
    expect(await facilitator.request("score", { table: 1, delegation: "north", criterion: "strategy", score: 5 })).toEqual({
      code: "bad_request",
      message: "score: field 'score' must be at most 4",
    });
    // A rule over the whole payload says itself (not "the payload must be an object").
    expect(await facilitator.request("extend", {})).toEqual({ code: "bad_request", message: "extend: give 'minutes', 'rounds' or both" });
    expect(await facilitator.request("inject", { injectId: "nope" })).toMatchObject({ code: "not_found" });
    expect(await facilitator.request("pause", {})).toMatchObject({ code: "bad_phase" });
    expect((await fetch(`${t.url}/api/classes/join/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${t.url}/api/classes/${welcome.sessionId}/students.csv`, { method: "POST" })).status).toBe(405);
    const miss = await fetch(`${t.url}/api/classes/join/ZZZZ-ZZZZ`);
    expect(miss.status).toBe(404);
    expect(((await miss.json()) as { error: { code: string } }).error.code).toBe("bad_code");
    await facilitator.leave();
  });
});
