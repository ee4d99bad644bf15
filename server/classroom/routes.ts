// HTTP routes of class sessions. Looking a class up by its code is public (and rate-limited like
// table codes); the exports — the per-student CSV and every table's transcript — need the
// facilitator token (`Authorization: Bearer <token>`), checked against the stored hash.
import type { IncomingMessage } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { studentCsv, studentResults, messageCounts, type TableResult } from "../../shared/classroom/report.ts";
import { ClassOptions, criteriaOf } from "../../shared/classroom/session.ts";
import { replay } from "../../shared/rules/index.ts";
import type { GameState } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { ServerContext } from "../context.ts";
import { errorResponse, jsonResponse } from "../http/routes.ts";
import { buildTranscript, markdownText, transcriptMarkdown } from "../http/transcript.ts";
import { TokenBucket } from "../rooms/limits.ts";
import { formatJoinCode, hashToken, normalizeJoinCode } from "../tokens.ts";
import { ClassStore, type StoredSession } from "./store.ts";

const SESSION_ID = /^[a-z0-9]{1,32}$/;

function bearer(req: IncomingMessage | undefined): string | null {
  const header = req?.headers.authorization;
  const m = typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m ? m[1]! : null;
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Every table of a session with its game: live from the room, or replayed from the log. */
async function sessionTables(ctx: ServerContext, session: StoredSession): Promise<{ table: number; matchId: string; scenario: Scenario; seed: number; game: GameState; actions: Awaited<ReturnType<ServerContext["store"]["loadMatch"]>> }[]> {
  const out = [];
  for (const [table, matchId] of [...session.matches].sort((a, b) => a[0] - b[0])) {
    const stored = await ctx.store.loadMatch(matchId);
    if (!stored) continue;
    const scenario = JSON.parse(stored.match.scenario_json) as Scenario;
    const live = ctx.live.get(matchId);
    const game = live ? live.game() : replay(scenario, stored.match.seed, stored.actions.map((a) => a.action));
    out.push({ table, matchId, scenario, seed: stored.match.seed, game, actions: stored });
  }
  return out;
}

export function classRoutes(ctx: ServerContext) {
  const store = () => ClassStore.of(ctx.store.db as never);
  // Wrong class codes are what a guesser produces: one budget for the whole server.
  const codeMisses = new TokenBucket(30, 5);

  async function authorised(id: string, req: IncomingMessage | undefined): Promise<StoredSession | Response> {
    if (!SESSION_ID.test(id)) return errorResponse(404, "not_found", `no class session '${id}'`);
    const session = await store().load(id);
    if (!session) return errorResponse(404, "not_found", `no class session '${id}'`);
    const token = bearer(req);
    if (token === null) return errorResponse(403, "forbidden", "this export needs the class's facilitator token (Authorization: Bearer <token>)");
    if (!sameHash(hashToken(token), session.facilitatorTokenHash)) return errorResponse(403, "forbidden", "this facilitator token does not belong to this class session");
    return session;
  }

  async function join(raw: string): Promise<Response> {
    const code = normalizeJoinCode(raw);
    const found = code ? await store().sessionForCode(code) : null;
    if (!found || found.closed) {
      if (!codeMisses.take()) return errorResponse(429, "rate_limited", "too many wrong class codes on this server; wait a few seconds");
      return errorResponse(404, "bad_code", "no open class has this code");
    }
    return jsonResponse({ sessionId: found.id, code: formatJoinCode(code!) });
  }

  async function students(session: StoredSession): Promise<Response> {
    const options = ClassOptions.parse(JSON.parse(session.optionsJson));
    const criteria = criteriaOf(options);
    const tables: TableResult[] = (await sessionTables(ctx, session)).map((t) => ({
      table: t.table,
      issues: t.scenario.issues,
      profiles: Object.fromEntries(t.game.order.map((d) => [d, t.game.profiles[d]! as never])),
      outcome: t.game.outcome,
      messages: messageCounts(t.game),
    }));
    const rows = studentResults(session.students, tables, session.scores, criteria);
    return new Response(studentCsv(rows, criteria), {
      headers: {
        "content-type": "text/csv; charset=utf-8; header=present",
        "x-content-type-options": "nosniff",
        "content-disposition": `attachment; filename="cyber-accord-class-${session.id}-students.csv"`,
      },
    });
  }

  async function transcripts(session: StoredSession): Promise<Response> {
    const parts = [`# Class session ${session.id}: every table's transcript`, ""];
    for (const t of await sessionTables(ctx, session)) {
      const record = t.game.phase === "ended" ? "full" : "public";
      const transcript = buildTranscript(t.matchId, t.scenario, t.seed, t.actions!.actions, record);
      const names = session.students.filter((s) => s.place?.table === t.table).map((s) => `${markdownText(s.name)} (${markdownText(s.place!.delegation)})`);
      parts.push(`## Table ${t.table}`, "", names.length > 0 ? `Students: ${names.join(", ")}` : "Students: none", "");
      // Each table's transcript one heading level down.
      parts.push(transcriptMarkdown(transcript, t.scenario).replace(/^# /m, "### "));
    }
    return new Response(parts.join("\n"), {
      headers: {
        "content-type": "text/markdown; charset=utf-8",
        "x-content-type-options": "nosniff",
        "content-disposition": `attachment; filename="cyber-accord-class-${session.id}-transcripts.md"`,
      },
    });
  }

  return async function classRoute(method: string, path: string, req?: IncomingMessage): Promise<Response> {
    if (method !== "GET" && method !== "HEAD") return errorResponse(405, "method_not_allowed", `${method} ${path}: this resource only answers GET`);
    let m = /^\/api\/classes\/join\/([^/]+)$/.exec(path);
    if (m) {
      let code: string;
      try {
        code = decodeURIComponent(m[1]!);
      } catch {
        return errorResponse(400, "bad_request", `${path}: not a valid URL`);
      }
      return join(code);
    }
    m = /^\/api\/classes\/([^/]+)\/(students\.csv|transcripts\.md)$/.exec(path);
    if (m) {
      const session = await authorised(m[1]!, req);
      if (session instanceof Response) return session;
      return m[2] === "students.csv" ? students(session) : transcripts(session);
    }
    return errorResponse(404, "not_found", `no such resource: ${path}`);
  };
}
