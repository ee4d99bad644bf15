// The HTTP API. Public parts only: scenarios through `publicScenario`, running matches through
// `viewFor` an observer, finished ones through `reveal` (a class's tables only to its facilitator:
// exports.ts `fullRecordAllowed`); nothing else decides what leaves. Records and transcripts are
// built once per table version and served with a strong ETag (exports.ts).
// Every error is JSON `{ error: { code, message } }`.
//
// Served by our own dispatcher in front of Colyseus's request handler (see serve.ts `installApi`), not by
// Colyseus's router: @colyseus/better-call 1.3's Node adapter never ends a response whose body is
// larger than the socket's high-water mark (16 kB), so a scenario list or a transcript would hang.
// Colyseus keeps everything else (matchmaking, CORS preflight).
import type { IncomingMessage } from "node:http";
import { publicScenario } from "../../shared/rules/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { health } from "./health.ts";
import type { ServerContext } from "../context.ts";
import type { MatchRow } from "../db/schema.ts";
import { metricsText } from "../metrics.ts";
import { TokenBucket } from "../rooms/limits.ts";
import { bearer, formatJoinCode, normalizeJoinCode, sameSecret } from "../tokens.ts";
import { clientAddress, privateAddress } from "./address.ts";
import { classRoutes } from "../classroom/routes.ts";
import { tournamentRoutes } from "../tournaments/routes.ts";
import { notifyRoutes } from "../notify/routes.ts";
import { peopleRoutes } from "../people/routes.ts";
import { materialsHandler } from "./materials.ts";
import { codeLookup } from "./codes.ts";
import { errorResponse, jsonResponse, methodNotAllowed, preflightResponse, SECURITY_HEADERS } from "./responses.ts";
import { clientBuilt, staticFile } from "./static.ts";
import type { RecordKind } from "./export-build.ts";
import { gzipOf, notModified, strongEtag, wantsGzip } from "./caching.ts";
import { exportLang, fullRecordAllowed, matchExports } from "./exports.ts";
import { readRefused } from "./read-budget.ts";
import { isId } from "../../shared/protocol/ids.ts";
import { storedScenario } from "../db/replay.ts";
import { rawResponse } from "./serve.ts";
import { publicOverlay, type Overlay, type Translations } from "../../shared/scenario/overlay.ts";


/** Tournament reads that cost: the listing, the standings and the results. */
const TOURNAMENT_READS = /^\/api\/tournaments(\/[^/]+\/(standings(\.json|\.csv)?|results\.(json|csv)))?$/;

/** What a scenario list shows of each translation: the title, the summary and the delegations' names. */
function summaryTranslations(translations: Translations): Record<string, Overlay> {
  const out: Record<string, Overlay> = {};
  for (const [lang, o] of Object.entries(translations)) {
    const t: Overlay = {};
    if (o.title !== undefined) t.title = o.title;
    if (o.summary !== undefined) t.summary = o.summary;
    const names = Object.entries(o.delegations ?? {}).filter(([, d]) => d.name !== undefined);
    if (names.length > 0) t.delegations = Object.fromEntries(names.map(([id, d]) => [id, { name: d.name! }]));
    out[lang] = t;
  }
  return out;
}

function scenarioSummary(s: Scenario) {
  const p = publicScenario(s);
  return {
    id: p.id,
    title: p.title,
    year: p.year,
    summary: p.summary,
    protocol: p.protocol,
    deadline: p.deadline,
    delegations: p.delegations.map((d) => ({ id: d.id, name: d.name, seats: d.seats, required: d.required })),
    issues: p.issues.length,
  };
}

export function createRoutes(ctx: ServerContext) {
  // Wrong join codes are what a guesser produces: they share one budget for the whole server.
  const codeMisses = new TokenBucket(30, 5);

  const exports = matchExports(ctx);

  /**
   * A match's stored row only (never its log): a table this process runs answers from memory, an
   * export of any other is built once per version (server/http/exports.ts).
   */
  async function loadMatch(id: string): Promise<MatchRow | null> {
    const row = await ctx.store.db.selectFrom("matches").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? { ...row, seed: Number(row.seed), listed: Number(row.listed) } : null;
  }

  /** Which record this request may read: `full` only once the table has ended, and for a class table only with its facilitator's token. */
  async function recordFor(row: MatchRow, ended: boolean, req: IncomingMessage | undefined): Promise<RecordKind> {
    return ended && (await fullRecordAllowed(ctx, row, req)) ? "full" : "public";
  }

  /**
   * Answer a built export: 304 when the client already holds these bytes; gzipped (once per tag,
   * off the event loop) when the client accepts it. The gzipped form has a tag of its own.
   */
  async function exportResponse(req: IncomingMessage | undefined, body: Buffer | string, etag: string, headers: Record<string, string>, authorised: boolean): Promise<Response> {
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    const gz = wantsGzip(req, bytes.length);
    const tag = gz ? `${etag.slice(0, -1)}-gz"` : etag;
    const common = { etag: tag, "cache-control": authorised ? "private, no-cache" : "no-cache", vary: "Authorization, Accept-Encoding", ...SECURITY_HEADERS };
    if (notModified(req, tag)) return new Response(null, { status: 304, headers: common });
    const out = gz ? await gzipOf(tag, bytes) : bytes;
    return rawResponse(out, 200, { ...headers, ...common, ...(gz ? { "content-encoding": "gzip" } : {}) });
  }

  // Real round trips to the database and Redis (when configured): 503 when one does not answer.
  const healthz: Handler = async () => {
    const { status, body } = await health(ctx);
    return jsonResponse(body, status, { "cache-control": "no-store" });
  };

  const metrics: Handler = async (_params, req) => {
    // The server's figures are its operator's: this machine and private networks (Prometheus beside
    // it, the compose network), or whoever holds METRICS_TOKEN; not the public internet.
    const token = ctx.config.metricsToken;
    const held = bearer(req);
    if (!privateAddress(clientAddress(req, ctx.config.trustProxy)) && !(token !== "" && held !== null && sameSecret(held, token))) {
      return errorResponse(403, "forbidden", "metrics: answered to this machine and private networks only, or with METRICS_TOKEN as a bearer token");
    }
    const { body, contentType } = await metricsText();
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store", ...SECURITY_HEADERS } });
  };

  // Each with the title, summary and delegation names of its translations (docs/PROTOCOL.md §8.2).
  const scenarios: Handler = async () => jsonResponse({ scenarios: ctx.catalog.list().map((s) => ({ ...scenarioSummary(s), translations: summaryTranslations(ctx.catalog.translations(s.id)) })) });

  const scenario: Handler = async ({ id }) => {
    const s = ctx.catalog.get(id!);
    if (!s) return errorResponse(404, "not_found", `no scenario '${id}'`);
    // The public parts of its translations (scenarios/<id>/scenario.<lang>.yaml): docs/PROTOCOL.md.
    const translations = Object.fromEntries(Object.entries(ctx.catalog.translations(s.id)).map(([lang, o]) => [lang, publicOverlay(o)]));
    return jsonResponse({ ...publicScenario(s), translations });
  };

  /** This process's listed tables; with Redis, GET /api/matches gathers every process's. */
  const localListing = () =>
    [...ctx.live.values()]
      .filter((m) => m.listed && (m.status() === "open" || m.status() === "running"))
      .map((m) => {
        const g = m.game();
        return {
          id: m.matchId,
          scenario: { id: g.scenario.id, title: g.scenario.title, protocol: g.scenario.protocol },
          status: m.status(),
          phase: g.phase,
          round: g.round,
          createdAt: m.createdAt(),
          delegations: m.seating(),
        };
      });
  void ctx.cluster.serveListing(localListing);

  const matches: Handler = async (_params, req) => {
    const refused = readRefused(ctx, req);
    if (refused) return refused;
    const list = await ctx.cluster.gatherListings(localListing);
    return jsonResponse({ matches: list });
  };

  const match: Handler = async ({ id = "" }, req) => {
    const refused = readRefused(ctx, req);
    if (refused) return refused;
    if (!isId(id)) return errorResponse(404, "not_found", `no match '${id}'`);
    const m = await loadMatch(id);
    if (!m) return errorResponse(404, "not_found", `no match '${id}'`);
    const live = ctx.live.get(id);
    const { version, game } = await exports.versionOf(m);
    const ended = game ? game.phase === "ended" : m.status === "ended";
    const record = await recordFor(m, ended, req);
    const part = await exports.get(id, version, "record", record, game);
    if (!part) return errorResponse(404, "not_found", `no match '${id}'`);
    const scenario = game?.scenario ?? storedScenario(m);
    const head = JSON.stringify({
      id: m.id,
      scenario: { id: m.scenario_id, title: scenario.title, protocol: scenario.protocol },
      status: live ? live.status() : m.status,
      listed: Number(m.listed) === 1,
      createdAt: m.created_at,
      startedAt: m.started_at,
      endedAt: m.ended_at,
      // A table on another process answers through Colyseus's presence (server/tables.ts).
      delegations: await ctx.tables.seating(id),
      // `full` (the debrief: `reveal`) once ended, for a class table only to its facilitator;
      // otherwise what an observer sees (`view`), with the `outcome` once ended.
      record,
    });
    // The game part was built once for this version (exports.ts); only the head is new.
    const body = `${head.slice(0, -1)},${part.body.toString("utf8", 1)}`;
    return exportResponse(req, body, strongEtag(part.etag, head), { "content-type": "application/json; charset=utf-8" }, record === "full");
  };

  const transcript: Handler = async ({ id, file }, req) => {
    const refused = readRefused(ctx, req);
    if (refused) return refused;
    const format = /^transcript\.(json|csv|md)$/.exec(file!)?.[1] as "json" | "csv" | "md" | undefined;
    if (!isId(id!) || !format) return errorResponse(404, "not_found", `no such resource: /api/matches/${id}/${file}`);
    const m = await loadMatch(id!);
    if (!m) return errorResponse(404, "not_found", `no match '${id}'`);
    const { version, game } = await exports.versionOf(m);
    const ended = game ? game.phase === "ended" : m.status === "ended";
    const record = await recordFor(m, ended, req);
    const lang = exportLang(req);
    if (lang instanceof Response) return lang;
    const built = await exports.get(id!, version, format, record, undefined, lang);
    if (!built) return errorResponse(404, "not_found", `no match '${id}'`);
    const type = format === "json" ? "application/json; charset=utf-8" : format === "csv" ? "text/csv; charset=utf-8; header=present" : "text/markdown; charset=utf-8";
    return exportResponse(req, built.body, built.etag, { "content-type": type, "content-disposition": `attachment; filename="cyber-accord-${id}.${format}"` }, record === "full");
  };

  const join: Handler = async ({ code: raw }, req) => {
    const refused = readRefused(ctx, req);
    if (refused) return refused;
    const code = normalizeJoinCode(raw!);
    const found = code ? await ctx.store.matchIdForJoinCode(code) : null;
    // From the database, not this process's tables: the table may run on another process, or on
    // none (its process died), and joining it restores it (server/cluster.ts).
    if (!found || (found.status !== "open" && found.status !== "running")) {
      if (!codeMisses.take()) return errorResponse(429, "rate_limited", "too many wrong join codes on this server; wait a few seconds");
      return errorResponse(404, "bad_code", "no open table has this join code");
    }
    return jsonResponse({ matchId: found.id, code: formatJoinCode(code!) });
  };

  const root: Handler = async () => {
    if (clientBuilt(ctx.config.clientDir)) return (await staticFile(ctx.config.clientDir, "/index.html"))!;
    return jsonResponse({
      name: "Cyber Accord game server",
      client: "not built: this server serves the web client from client/dist once it is built",
      api: ["/healthz", "/api/scenarios", "/api/scenarios/:id", "/api/matches", "/api/matches/:id", "/api/matches/:id/transcript.{json,csv,md}", "/api/join/:code"],
      protocol: "docs/PROTOCOL.md",
    });
  };

  const assets: Handler = async ({ path }) => {
    if (!path!.startsWith("/api/") && clientBuilt(ctx.config.clientDir)) {
      const file = await staticFile(ctx.config.clientDir, path!);
      if (file) return file;
    }
    return errorResponse(404, "not_found", `no such resource: ${path}`);
  };

  const routes: [RegExp, (m: RegExpExecArray) => Record<string, string>, Handler][] = [
    [/^\/healthz$/, () => ({}), healthz],
    [/^\/metrics$/, () => ({}), metrics],
    [/^\/api\/scenarios$/, () => ({}), scenarios],
    [/^\/api\/scenarios\/([^/]+)$/, (m) => ({ id: m[1]! }), scenario],
    [/^\/api\/matches$/, () => ({}), matches],
    [/^\/api\/matches\/([^/]+)$/, (m) => ({ id: m[1]! }), match],
    [/^\/api\/matches\/([^/]+)\/([^/]+)$/, (m) => ({ id: m[1]!, file: m[2]! }), transcript],
    [/^\/api\/join\/([^/]+)$/, (m) => ({ code: m[1]! }), join],
    [/^\/api\/materials\/(scenario|class|table)\/([^/]+)$/, (m) => ({ kind: m[1]!, id: m[2]! }), materialsHandler(ctx)],
    [/^\/api\/codes\/([^/]+)$/, (m) => ({ code: m[1]! }), codeLookup(ctx)],
    [/^\/$/, () => ({}), root],
  ];

  const classRoute = classRoutes(ctx);
  const tournamentRoute = tournamentRoutes(ctx);
  const notifyRoute = ctx.notifications ? notifyRoutes(ctx, ctx.notifications) : null;
  const peopleRoute = peopleRoutes(ctx);

  /** The answer to a request, or null when it is Colyseus's (matchmaking, preflight, its health check). */
  return async function route(method: string, path: string, req?: IncomingMessage): Promise<Response | null> {
    if (path.startsWith("/matchmake/") || path.startsWith("/__")) return null;
    // A page on another origin asks before it sends `Authorization` or a JSON body: yes, on every path.
    if (method === "OPTIONS") return preflightResponse(headerText(req?.headers["access-control-request-headers"]));
    if (path.startsWith("/api/classes")) return classRoute(method, path, req);
    if (notifyRoute && (path.startsWith("/api/notify") || path.startsWith("/api/push/") || path === "/sw.js")) {
      const answer = await notifyRoute(method, path, req);
      if (answer) return answer;
    }
    if (path === "/api/people" || path.startsWith("/api/people/")) return peopleRoute(method, path, req);
    if (path === "/api/tournaments" || path.startsWith("/api/tournaments/")) {
      // The listing and the exports (standings, results) come out of the read budget; a
      // tournament's page (ETag-polled by spectators) and an entrant's /me do not.
      if ((method === "GET" || method === "HEAD") && TOURNAMENT_READS.test(path)) {
        const refused = readRefused(ctx, req);
        if (refused) return refused;
      }
      return tournamentRoute(method, path, req);
    }
    if (method !== "GET" && method !== "HEAD") {
      return path.startsWith("/api/") || path === "/healthz" || path === "/metrics" ? methodNotAllowed(method, path, "GET") : null;
    }
    for (const [pattern, params, handler] of routes) {
      const m = pattern.exec(path);
      if (!m) continue;
      let decoded: Record<string, string>;
      try {
        decoded = Object.fromEntries(Object.entries(params(m)).map(([k, v]) => [k, decodeURIComponent(v)]));
      } catch {
        return errorResponse(400, "bad_request", `${path}: not a valid URL`);
      }
      return handler({ ...decoded, path }, req);
    }
    return assets({ path });
  };
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

type Handler = (params: Record<string, string | undefined>, req?: IncomingMessage) => Promise<Response>;
