// The one way server code reaches a table (server/tables.ts), on the local path: a real server,
// a real table created through it, adopted, controlled and looked at without a socket; a table
// that runs nowhere is refused with a TableUnreachable naming it, and a look at it is empty.
// (The remote path, a table in another process through Redis: tests/scale/table-access.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TableUnreachable } from "../../server/tables.ts";
import type { ServerContext } from "../../server/context.ts";
import { startTestServer, type TestServer } from "./harness.ts";

let server: TestServer;
let ctx: ServerContext;

beforeAll(async () => {
  server = await startTestServer();
  ctx = server.server.context;
});

afterAll(() => server?.close());

describe("table access in one process", () => {
  it("creates, adopts, starts, pauses and looks at a table in this process", async () => {
    // North is a bot, south waits for a person: the table stays running while nobody moves for south.
    const matchId = await ctx.tables.create({ scenario: "bilateral-test", seats: { north: { kind: "bot", strategy: "conceder" } }, startWhen: "facilitator" });
    expect(ctx.tables.local(matchId)?.matchId).toBe(matchId);
    const adopted = await ctx.tables.adopt(matchId);
    expect(adopted?.joinCode).toMatch(/^[A-Z2-9]{8}$/);
    // Only once: the server's own claim on the table.
    expect(await ctx.tables.adopt(matchId)).toBeNull();

    expect((await ctx.tables.look(matchId))?.game.phase).toBe("waiting");
    expect(await ctx.tables.facilitate(matchId, "start")).toMatchObject({ ok: true });
    expect(await ctx.tables.facilitate(matchId, "pause")).toMatchObject({ ok: true });
    const look = await ctx.tables.look(matchId);
    expect(look?.game.phase).toBe("paused");
    expect(look?.seating.map((d) => [d.id, d.control])).toEqual([
      ["north", "bot"],
      ["south", "people"],
    ]);
    expect(await ctx.tables.seating(matchId)).toEqual(look?.seating);
    // A refusal of the table comes back as its value, not as an error.
    expect(await ctx.tables.facilitate(matchId, "pause")).toMatchObject({ code: "paused", message: expect.stringMatching(/already paused/) });
    // A seat for a person the server names: a seat token for south.
    const seat = await ctx.tables.issueSeat(matchId, "south", "Ada");
    expect(seat).toMatchObject({ seatToken: expect.any(String), personId: expect.any(String) });
  });

  it("refuses a table that runs nowhere, naming it, and looks at it as nothing", async () => {
    const call = ctx.tables.facilitate("nosuchtable1", "start");
    await expect(call).rejects.toBeInstanceOf(TableUnreachable);
    await expect(ctx.tables.standIn("nosuchtable1", "north")).rejects.toThrow(/^table nosuchtable1 is not running \(no process runs it\)$/);
    expect(await ctx.tables.look("nosuchtable1")).toBeNull();
    expect(await ctx.tables.seating("nosuchtable1")).toBeUndefined();
  });
});
