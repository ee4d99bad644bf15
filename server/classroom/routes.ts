// HTTP routes of class sessions. Looking a class up by its code is public (and rate-limited like
// table codes); the exports — the per-student CSV and every table's transcript — need the
// facilitator token (`Authorization: Bearer <token>`), checked against the stored hash. Every
// request here comes out of the client's read budget; each table's part of an export is built
// once per table version and kept (server/http/exports.ts), never replayed per request.
import type { IncomingMessage } from "node:http";
import { studentCsv, studentResults, type TableResult } from "../../shared/classroom/report.ts";
import { ClassOptions, criteriaOf } from "../../shared/classroom/session.ts";
import type { ServerContext } from "../context.ts";
import type { MatchRow } from "../db/schema.ts";
import { exportLang, matchExports } from "../http/exports.ts";
import { readRefused } from "../http/read-budget.ts";
import { createTranslator, type Locale } from "../../shared/i18n/index.ts";
import { errorResponse, jsonResponse, methodNotAllowed } from "../http/responses.ts";
import { markdownText } from "../http/transcript-markdown.ts";
import { TokenBucket } from "../rooms/limits.ts";
import { bearer, formatJoinCode, hashToken, normalizeJoinCode, sameSecret } from "../tokens.ts";
import { ClassStore, type StoredSession } from "./store.ts";
import { isId } from "../../shared/protocol/ids.ts";
import { storedScenario } from "../db/replay.ts";
import { localize } from "../../shared/scenario/overlay.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";


/** Every table of a session, in table order, with its stored row (tables never stored are left out). */
async function sessionTables(ctx: ServerContext, session: StoredSession): Promise<{ table: number; matchId: string; row: MatchRow }[]> {
  const ids = [...session.matches].sort((a, b) => a[0] - b[0]);
  if (ids.length === 0) return [];
  const rows = await ctx.store.db.selectFrom("matches").selectAll().where("id", "in", ids.map(([, id]) => id)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.filter(([, id]) => byId.has(id)).map(([table, matchId]) => ({ table, matchId, row: byId.get(matchId)! }));
}

export function classRoutes(ctx: ServerContext) {
  const store = () => new ClassStore(ctx.store.db);
  const exports = matchExports(ctx);
  // Wrong class codes are what a guesser produces: one budget for the whole server.
  const codeMisses = new TokenBucket(30, 5);

  async function authorised(id: string, req: IncomingMessage | undefined): Promise<StoredSession | Response> {
    if (!isId(id)) return errorResponse(404, "not_found", `no class session '${id}'`);
    const session = await store().load(id);
    if (!session) return errorResponse(404, "not_found", `no class session '${id}'`);
    const token = bearer(req);
    if (token === null) return errorResponse(403, "forbidden", "this export needs the class's facilitator token (Authorization: Bearer <token>)");
    if (!sameSecret(hashToken(token), session.facilitatorTokenHash)) return errorResponse(403, "forbidden", "this facilitator token does not belong to this class session");
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

  /** A scenario's words (delegation names, issues, options) in the reader's language: the catalog's translation put in place. */
  function inLang(scenario: Scenario, lang: Locale): Scenario {
    return lang === "en" ? scenario : localize(scenario, ctx.catalog.translations(scenario.id)[lang], lang).scenario;
  }

  async function students(session: StoredSession, lang: Locale): Promise<Response> {
    const options = ClassOptions.parse(JSON.parse(session.optionsJson));
    const criteria = criteriaOf(options);
    // Each table's summary is built once per version (a live table's from memory, an ended one's
    // from its log in the export thread) and kept (server/http/exports.ts).
    const tables: TableResult[] = [];
    for (const t of await sessionTables(ctx, session)) {
      const { version, game } = await exports.versionOf(t.row);
      const built = await exports.get(t.matchId, version, "summary", "full", game);
      if (!built) continue;
      const summary = JSON.parse(built.body.toString("utf8")) as { profiles: TableResult["profiles"]; outcome: TableResult["outcome"]; messages: TableResult["messages"] };
      const scenario = inLang(game?.scenario ?? storedScenario(t.row), lang);
      const delegationNames = Object.fromEntries(scenario.delegations.map((d) => [d.id, d.name]));
      tables.push({ table: t.table, issues: scenario.issues, profiles: summary.profiles, outcome: summary.outcome, messages: summary.messages, delegationNames });
    }
    // Students at a table with nothing to export yet (or none yet) still see their delegation named.
    const english = ctx.catalog.get(options.scenario);
    const classScenario = english ? inLang(english, lang) : null;
    const names = Object.fromEntries((classScenario?.delegations ?? []).map((d) => [d.id, d.name]));
    const rows = studentResults(session.students, tables, session.scores, criteria, names);
    return new Response(studentCsv(rows, criteria, createTranslator(lang, { digits: "latin" })), {
      headers: {
        "content-type": "text/csv; charset=utf-8; header=present",
        "x-content-type-options": "nosniff",
        "content-disposition": `attachment; filename="cyber-accord-class-${session.id}-students.csv"`,
      },
    });
  }

  async function transcripts(session: StoredSession, lang: Locale): Promise<Response> {
    const tr = createTranslator(lang);
    const parts = [tr.t("exports:classTranscripts.title", { id: session.id }), ""];
    for (const t of await sessionTables(ctx, session)) {
      const { version, game } = await exports.versionOf(t.row);
      const ended = game ? game.phase === "ended" : t.row.status === "ended";
      // The facilitator's own export: the full record of every table that has ended.
      const built = await exports.get(t.matchId, version, "md", ended ? "full" : "public", undefined, lang);
      if (!built) continue;
      const scenario = inLang(game?.scenario ?? storedScenario(t.row), lang);
      const delegationName = (id: string) => scenario.delegations.find((d) => d.id === id)?.name ?? id;
      const names = session.students.filter((s) => s.place?.table === t.table).map((s) => tr.t("exports:classTranscripts.student", { name: markdownText(s.name), delegation: markdownText(delegationName(s.place!.delegation)) }));
      parts.push(tr.t("exports:classTranscripts.table", { table: tr.number(t.table, { useGrouping: false }) }), "", names.length > 0 ? tr.t("exports:classTranscripts.students", { names: names.join(", ") }) : tr.t("exports:classTranscripts.noStudents"), "");
      // Each table's transcript one heading level down.
      parts.push(built.body.toString("utf8").replace(/^## /gm, "#### ").replace(/^# /m, "### "));
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
    if (method !== "GET" && method !== "HEAD") return methodNotAllowed(method, path, "GET");
    // Code lookups and exports come out of the client's read budget (per address).
    const refused = readRefused(ctx, req);
    if (refused) return refused;
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
      // The reader's language (`?lang=bn`; English without it).
      const lang = exportLang(req);
      if (lang instanceof Response) return lang;
      return m[2] === "students.csv" ? students(session, lang) : transcripts(session, lang);
    }
    return errorResponse(404, "not_found", `no such resource: ${path}`);
  };
}
