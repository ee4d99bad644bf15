// A class session survives a restart of the server: its code, students, places, phase (with its
// deadline), tables and scores come back, and the facilitator and students rejoin with their tokens.
// Run on SQLite and on PostgreSQL (a throwaway cluster), the same Kysely code on both.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGameServer, type GameServer } from "../../server/app.ts";
import type { ServerConfig } from "../../server/config.ts";
import { type PostgresServer, skipUnlessServices, startPostgres } from "../scale/services.ts";
import { testConfig } from "../server/harness.ts";
import { ClassMember } from "./member.ts";

const noPostgres = skipUnlessServices();
let postgres: PostgresServer | null = null;
let server: GameServer | null = null;
const dirs: string[] = [];

beforeAll(async () => {
  if (!noPostgres) postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await server?.close();
  await postgres?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const kinds = noPostgres ? (["sqlite"] as const) : (["sqlite", "postgres"] as const);

describe.each(kinds)("a class session across a restart (%s)", (kind) => {
  it("comes back with its code, places, phase, tables and scores", async () => {
    const config: ServerConfig = testConfig(kind === "postgres" ? { databaseUrl: await postgres!.createDatabase("class_restart") } : {});
    dirs.push(config.dataDir);
    server = await startGameServer(config);
    const facilitator = await ClassMember.create(server.url, { scenario: "bilateral-test", layout: { kind: "per_table", people: 2 }, preparationMinutes: 30 });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the welcome");
    const ann = await ClassMember.join(server.url, welcome.sessionId, { code: welcome.code, name: "Ann" }, "Ann");
    const bo = await ClassMember.join(server.url, welcome.sessionId, { code: welcome.code, name: "Bo" }, "Bo");
    const annToken = (await ann.waitFor(() => ann.welcome, "Ann's welcome")).studentToken!;
    await bo.waitFor(() => bo.welcome, "Bo's welcome");
    expect(await facilitator.request("auto_assign")).toEqual({ ok: true });
    expect(await facilitator.request("phase", { to: "preparation" })).toEqual({ ok: true });
    const seat = await ann.waitFor(() => ann.seat, "Ann's table");
    expect(await facilitator.request("score", { table: 1, delegation: seat.delegation, criterion: "strategy", score: 3 })).toEqual({ ok: true });
    // The preparation's clock stops (the tables have not started) and stays stopped across the restart.
    expect(await facilitator.request("pause")).toEqual({ ok: true });
    const before = await facilitator.waitFor(() => (facilitator.snapshot?.tables === 1 && facilitator.snapshot.pausedLeftMs !== null ? facilitator.snapshot : null), "one table (tables of two), clock stopped");
    expect(before.phase).toBe("preparation");
    expect(before.endsAt).not.toBeNull();

    for (const m of [facilitator, ann, bo]) await m.leave();
    await server.close();
    server = await startGameServer(config);

    const found = (await (await fetch(`${server.url}/api/classes/join/${welcome.code}`)).json()) as { sessionId: string };
    expect(found.sessionId).toBe(welcome.sessionId);
    const back = await ClassMember.join(server.url, welcome.sessionId, { facilitatorToken: welcome.facilitatorToken! }, "facilitator again");
    const after = await back.waitFor(() => back.snapshot, "the class after the restart");
    expect(after.phase).toBe("preparation");
    expect(after.endsAt).toBe(before.endsAt);
    expect(after.pausedLeftMs).toBe(before.pausedLeftMs);
    expect(after.tables).toBe(1);
    expect(after.matches).toEqual(before.matches);
    expect(after.students.map((s) => [s.name, s.place])).toEqual(before.students.map((s) => [s.name, s.place]));
    const dashboard = await back.waitFor(() => back.dashboard, "the dashboard");
    expect(dashboard.scores).toEqual({ [`1/${seat.delegation}/strategy`]: 3 });
    expect(dashboard.rows[0]!.phase).toBe("waiting");

    // Ann comes back with her student token and gets her table again; a wrong token is refused.
    const annAgain = await ClassMember.join(server.url, welcome.sessionId, { studentToken: annToken }, "Ann again");
    expect(await annAgain.waitFor(() => annAgain.seat, "Ann's table again")).toEqual(seat);
    await expect(ClassMember.join(server.url, welcome.sessionId, { studentToken: "x".repeat(43) })).rejects.toThrow(/bad_token/);
    // The class moves on after the restart: the restored table starts.
    expect(await back.request("phase", { to: "negotiation" })).toEqual({ ok: true });
    await back.waitFor(() => back.dashboard?.rows[0]?.phase === "running", "the table running");
    for (const m of [back, annAgain]) await m.leave();
    await server.close();
    server = null;
  });

  it("shows a table that ended before the restart as it ended", async () => {
    const config: ServerConfig = testConfig(kind === "postgres" ? { databaseUrl: await postgres!.createDatabase("class_ended") } : {});
    dirs.push(config.dataDir);
    server = await startGameServer(config);
    // Nobody is seated: bots keep both seats, play to the end, and the class moves to its debrief.
    const facilitator = await ClassMember.create(server.url, { scenario: "bilateral-test", preparationMinutes: 0, fillStrategy: "conceder" });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the welcome");
    expect(await facilitator.request("phase", { to: "negotiation" })).toEqual({ ok: true });
    await facilitator.waitFor(() => facilitator.snapshot?.phase === "debrief", "the debrief once the table ends", 20_000);
    const ended = await facilitator.waitFor(() => facilitator.dashboard?.rows[0]?.phase === "ended" && facilitator.dashboard.rows[0], "the ended row");
    await facilitator.leave();
    await server.close();

    server = await startGameServer(config);
    const back = await ClassMember.join(server.url, welcome.sessionId, { facilitatorToken: welcome.facilitatorToken! }, "facilitator again");
    const row = await back.waitFor(() => back.dashboard?.rows[0]?.phase === "ended" && back.dashboard.rows[0], "the ended row, from the store");
    expect({ agreement: row.agreement, endReason: row.endReason, round: row.round, offer: row.offer }).toEqual({ agreement: ended.agreement, endReason: ended.endReason, round: ended.round, offer: ended.offer });
    expect(row.delegations.map((d) => d.control)).toEqual(["bot", "bot"]);
    await back.leave();
    await server.close();
    server = null;
  });
});
