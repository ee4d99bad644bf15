// The one way server code reaches a table (server/tables.ts), on the remote path: this test's own
// game server and a second game process (`node bin/server.js`) share Redis and PostgreSQL. A table
// created on the other process is adopted, started, paused and looked at from here through
// Colyseus's presence; once the other process is killed, calling the table restores it here from
// its log and the call is answered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerContext } from "../../server/context.ts";
import { startTestServer, type ServerProcess, type TestServer } from "../server/harness.ts";
import { type Cluster, skipUnlessServices, startCluster } from "./services.ts";

const skip = skipUnlessServices();
let cluster: Cluster;
let other: ServerProcess;
let here: TestServer;
let ctx: ServerContext;

beforeAll(async () => {
  if (skip) return;
  cluster = await startCluster("table_access");
  other = await cluster.start({ LOG_LEVEL: "warn" });
  here = await startTestServer({ redisUrl: cluster.redis.url, databaseUrl: cluster.databaseUrl });
  ctx = here.server.context;
}, 60_000);

afterAll(async () => {
  await here?.close();
  await cluster?.stop();
});

describe.skipIf(skip)("table access across two processes", () => {
  it("controls and looks at a table in the other process, and restores it here once that process is gone", async () => {
    // Colyseus puts a new table on the process with the fewest: within a few, one lands over there.
    let remote: string | undefined;
    for (let i = 0; i < 4 && remote === undefined; i++) {
      const matchId = await ctx.tables.create({ scenario: "bilateral-test", seats: { north: { kind: "bot", strategy: "conceder" } }, startWhen: "facilitator" });
      if (!ctx.tables.local(matchId)) remote = matchId;
      else expect(await ctx.tables.adopt(matchId)).not.toBeNull();
    }
    expect(remote, "a table on the other process").toBeDefined();
    const matchId = remote!;

    const adopted = await ctx.tables.adopt(matchId);
    expect(adopted?.joinCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(await ctx.tables.adopt(matchId)).toBeNull();
    expect(await ctx.tables.facilitate(matchId, "start")).toMatchObject({ ok: true });
    expect(await ctx.tables.facilitate(matchId, "pause")).toMatchObject({ ok: true });
    // The table's refusal crosses the processes as a value.
    expect(await ctx.tables.facilitate(matchId, "pause")).toMatchObject({ code: "paused" });
    const look = await ctx.tables.look(matchId);
    expect(look?.game.phase).toBe("paused");
    expect(look?.seating.map((d) => [d.id, d.control])).toEqual([
      ["north", "bot"],
      ["south", "people"],
    ]);
    expect(await ctx.tables.seating(matchId)).toEqual(look?.seating);
    expect(ctx.tables.local(matchId)).toBeUndefined();

    // The other process dies: a look finds nothing to ask, a call brings the table back here.
    other.child.kill("SIGKILL");
    await other.exited();
    const resumed = await ctx.tables.facilitate(matchId, "resume");
    expect(resumed).toMatchObject({ ok: true });
    const restored = ctx.tables.local(matchId);
    expect(restored?.game().phase).toBe("running");
    expect(restored?.seating().map((d) => [d.id, d.control])).toEqual([
      ["north", "bot"],
      ["south", "people"],
    ]);
  }, 90_000);
});
