// The class setting: a class created with `coach: true` gives every student's table the coach (the
// welcome's `coach`); a class without it (the default) does not. Real server, real SDK clients.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClassOptions } from "../../shared/classroom/session.ts";
import { ClassMember } from "../classroom/member.ts";
import { Player, startTestServer, type TestServer } from "../server/harness.ts";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

/** One student's table welcome in a one-table class of the bilateral fixture (the other seat a bot). */
async function studentWelcomeCoach(coach: boolean | undefined): Promise<boolean> {
  const facilitator = await ClassMember.create(t.url, { scenario: "bilateral-test", preparationMinutes: 0, bots: { south: "easy" }, ...(coach === undefined ? {} : { coach }) });
  const welcome = await facilitator.waitFor(() => facilitator.welcome, "the facilitator's welcome");
  const student = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "Ann" }, "Ann");
  await facilitator.waitFor(() => facilitator.snapshot?.students.length === 1, "the student in the class");
  expect(await facilitator.request("auto_assign")).toEqual({ ok: true });
  expect(await facilitator.request("phase", { to: "negotiation" })).toEqual({ ok: true });
  const seat = await student.waitFor(() => student.seat, "the student's table");
  const player = await Player.join(t.url, seat.matchId, { role: "delegation", delegation: seat.delegation, code: seat.code, name: "Ann" }, "Ann");
  const w = await player.waitFor(() => player.welcome, "the table's welcome");
  await player.leave();
  await student.room.leave();
  await facilitator.room.leave();
  return w.coach;
}

describe("the class's coach setting", () => {
  it("is off by default, and reaches every table when on", async () => {
    expect(ClassOptions.parse({ scenario: "bilateral-test" }).coach).toBe(false);
    expect(await studentWelcomeCoach(true)).toBe(true);
    expect(await studentWelcomeCoach(undefined)).toBe(false);
  });
});
