// GET /healthz: 200 when every configured dependency answers (the database, Redis when
// configured) and the process is not shutting down, 503 otherwise, with what was checked.
import { matchMaker } from "@colyseus/core";
import { REDIS_TIMEOUT_MS, timed } from "../cluster.ts";
import type { ServerContext } from "../context.ts";

/** What /healthz answers: 200 when every configured dependency answers, 503 otherwise. */
export async function health(ctx: ServerContext): Promise<{ status: number; body: Record<string, unknown> }> {
  const c = ctx.cluster;
  const [redis, database] = await Promise.all([c.checkPresence(), timed(() => ctx.store.ping(REDIS_TIMEOUT_MS))]);
  const draining = c.isDraining;
  const ok = database.ok && (redis === null || redis.ok) && !draining;
  return {
    status: ok ? 200 : 503,
    body: {
      ok,
      presence: c.kind,
      database: ctx.store.kind,
      processId: matchMaker.processId,
      ...(c.publicAddress ? { publicAddress: c.publicAddress } : {}),
      ...(draining ? { shuttingDown: true } : {}),
      matches: ctx.live.size,
      uptimeSeconds: Math.round(process.uptime()),
      checks: { database, ...(redis ? { redis } : {}) },
    },
  };
}
