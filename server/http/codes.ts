// One code box for students: `GET /api/codes/:code` says whether a code is an open class's or an
// open table's (class and table codes never collide: server/classroom/room.ts draws a class code
// that no table holds, and the reverse), so the join page asks once and the browser logs no
// failed lookup for the kind of code it was not. Public and rate-limited like the two lookups it
// stands for: a wrong code is what a guesser produces, so misses share one budget per server.
import type { IncomingMessage } from "node:http";
import { ClassStore } from "../classroom/store.ts";
import type { ServerContext } from "../context.ts";
import { TokenBucket } from "../rooms/limits.ts";
import { formatJoinCode, normalizeJoinCode } from "../tokens.ts";
import { readRefused } from "./read-budget.ts";
import { errorResponse, jsonResponse } from "./responses.ts";

export function codeLookup(ctx: ServerContext) {
  const misses = new TokenBucket(30, 5);
  return async ({ code: raw }: Record<string, string | undefined>, req?: IncomingMessage): Promise<Response> => {
    const refused = readRefused(ctx, req);
    if (refused) return refused;
    const code = normalizeJoinCode(raw ?? "");
    if (code) {
      const cls = await new ClassStore(ctx.store.db).sessionForCode(code);
      if (cls && !cls.closed) return jsonResponse({ kind: "class", sessionId: cls.id, code: formatJoinCode(code) });
      const table = await ctx.store.matchIdForJoinCode(code);
      if (table && (table.status === "open" || table.status === "running")) return jsonResponse({ kind: "table", matchId: table.id, code: formatJoinCode(code) });
    }
    if (!misses.take()) return errorResponse(429, "rate_limited", "too many wrong codes on this server; wait a few seconds");
    return errorResponse(404, "bad_code", "no open class or table has this code");
  };
}
