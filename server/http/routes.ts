// The HTTP API. Public parts only: scenarios through `publicScenario`, running matches through
// `viewFor` an observer, finished ones through `reveal` (a class's tables only to its facilitator:
// exports.ts `fullRecordAllowed`); nothing else decides what leaves. Records and transcripts are
// built once per table version and served with a strong ETag (exports.ts).
// Every error is JSON `{ error: { code, message } }`.
//
// Served by our own dispatcher in front of Colyseus's request handler (see `installApi`), not by
// Colyseus's router: @colyseus/better-call 1.3's Node adapter never ends a response whose body is
// larger than the socket's high-water mark (16 kB), so a scenario list or a transcript would hang.
// Colyseus keeps everything else (matchmaking, CORS preflight).
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { publicScenario } from "../../shared/rules/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { health } from "./health.ts";
import type { ServerContext } from "../context.ts";
import type { MatchRow } from "../db/schema.ts";
import { clientWarning, log } from "../log.ts";
import { metricsText, recordRequest } from "../metrics.ts";
import { TokenBucket } from "../rooms/limits.ts";
import { formatJoinCode, normalizeJoinCode } from "../tokens.ts";
import { classRoutes } from "../classroom/routes.ts";
import { tournamentRoutes } from "../tournaments/routes.ts";
import { materialsHandler } from "./materials.ts";
import { codeLookup } from "./codes.ts";
import { clientAddress } from "./address.ts";
import { errorResponse, jsonResponse, SECURITY_HEADERS } from "./responses.ts";
import { clientBuilt, staticFile } from "./static.ts";
import type { FrontDoor } from "./front-door.ts";
import { withRequestFacts } from "./request-context.ts";
import type { RecordKind } from "./export-build.ts";
import { exportLang, fullRecordAllowed, gzipOf, matchExports, notModified, readRefused, strongEtag, wantsGzip } from "./exports.ts";
import { isId } from "../../shared/protocol/ids.ts";
import { storedScenario } from "../db/replay.ts";
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

  const metrics: Handler = async () => {
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

  /** The answer to a request, or null when it is Colyseus's (matchmaking, preflight, its health check). */
  return async function route(method: string, path: string, req?: IncomingMessage): Promise<Response | null> {
    if (path.startsWith("/matchmake/") || path.startsWith("/__")) return null;
    if (path.startsWith("/api/classes")) return classRoute(method, path, req);
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
      return path.startsWith("/api/") || path === "/healthz" || path === "/metrics" ? errorResponse(405, "method_not_allowed", `${method} ${path}: this resource only answers GET`) : null;
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

type Handler = (params: Record<string, string | undefined>, req?: IncomingMessage) => Promise<Response>;
export type ApiRoute = ReturnType<typeof createRoutes>;

/** Bodies that are already bytes, sent as they are (a large export is not copied again per request). */
const rawBodies = new WeakMap<Response, Buffer>();

function rawResponse(body: Buffer, status: number, headers: Record<string, string>): Response {
  const response = new Response(null, { status, headers });
  rawBodies.set(response, body);
  return response;
}

async function send(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  const body = rawBodies.get(response) ?? Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = { "access-control-allow-origin": "*", "content-length": String(body.length) };
  response.headers.forEach((value, key) => (headers[key] = value));
  res.writeHead(response.status, headers);
  res.end(head ? undefined : body);
}

let requestCounter = 0;

/** The proxy's request id when it sends one (X-Request-Id), else one of ours, for the log line. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  if (typeof given === "string" && /^[A-Za-z0-9._-]{1,64}$/.test(given)) return given;
  return `${process.pid.toString(36)}-${(++requestCounter).toString(36)}`;
}

/**
 * Put the API in front of Colyseus's own request handler on the server's HTTP server: our routes
 * answer first, anything else (matchmaking, CORS preflight) goes on to Colyseus as before.
 */
/**
 * At most `limit` WebSocket connections per client address at once: an upgrade beyond it is
 * refused with 429 before the WebSocket server (and Colyseus) sees it.
 */
export function limitConnections(server: Server, limit: number, trustProxy: boolean): void {
  if (limit <= 0) return;
  const upgrades = server.listeners("upgrade") as ((req: IncomingMessage, socket: Duplex, head: Buffer) => void)[];
  server.removeAllListeners("upgrade");
  const open = new Map<string, number>();
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const address = clientAddress(req, trustProxy);
    const count = open.get(address) ?? 0;
    if (count >= limit) {
      clientWarning("too many connections from one address", { address, limit });
      const body = JSON.stringify({ error: { code: "rate_limited", message: `your address already holds ${limit} connections to this server; close some and try again` } });
      socket.on("error", () => undefined);
      socket.end(`HTTP/1.1 429 Too Many Requests\r\nRetry-After: 10\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    open.set(address, count + 1);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
    for (const listener of upgrades) listener.call(server, req, socket, head);
  });
}

export function installApi(server: Server, route: ApiRoute, door: FrontDoor): void {
  const colyseus = server.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners("request");
  // What never reaches "request" is answered too: CONNECT (Node drops the socket silently without a
  // listener) and requests Node's parser refuses (a method it does not know, such as TRACK: 405;
  // headers too large: 431; anything else malformed: 400), each with one JSON line of why.
  const answerRaw = (socket: Duplex, status: string, code: string, message: string, allow = false) => {
    const body = JSON.stringify({ error: { code, message } });
    const head = [`HTTP/1.1 ${status}`, ...(allow ? ["Allow: GET, HEAD, POST, OPTIONS"] : []), "Content-Type: application/json; charset=utf-8", "Connection: close", `Content-Length: ${Buffer.byteLength(body)}`];
    socket.on("error", () => undefined);
    if ((socket as { writable?: boolean }).writable) socket.end(`${head.join("\r\n")}\r\n\r\n${body}`);
    else socket.destroy();
  };
  // A client that trickles its headers (slowloris) is cut off after 10 s, a whole request after 30 s.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.removeAllListeners("connect");
  server.on("connect", (req: IncomingMessage, socket: Duplex) => {
    clientWarning("method not allowed", { method: "CONNECT", path: req.url });
    answerRaw(socket, "405 Method Not Allowed", "method_not_allowed", "CONNECT: this server answers GET, HEAD, POST, OPTIONS only", true);
  });
  server.removeAllListeners("clientError");
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    const code = error.code ?? "";
    if (code === "ECONNRESET" || code === "EPIPE") return void socket.destroy();
    clientWarning("malformed HTTP request", { parser: code });
    if (code === "HPE_INVALID_METHOD") answerRaw(socket, "405 Method Not Allowed", "method_not_allowed", "this server answers GET, HEAD, POST, OPTIONS only", true);
    else if (code === "HPE_HEADER_OVERFLOW") answerRaw(socket, "431 Request Header Fields Too Large", "headers_too_large", "the request's headers are too large");
    else if (code === "ERR_HTTP_REQUEST_TIMEOUT") answerRaw(socket, "408 Request Timeout", "request_timeout", "the request did not arrive in time");
    else answerRaw(socket, "400 Bad Request", "bad_request", "this is not a well-formed HTTP request");
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0]!;
    const started = performance.now();
    const requestId = requestIdOf(req);
    res.once("finish", () => {
      const seconds = (performance.now() - started) / 1000;
      recordRequest(method, path, res.statusCode, seconds);
      log.debug("request", { requestId, method, path, status: res.statusCode, ms: Math.round(seconds * 1000) });
    });
    const fail = (error: unknown) => {
      log.error("HTTP handler failed", { requestId, method, path, error });
      if (!res.headersSent) void send(res, errorResponse(500, "internal_error", "the server failed to answer this request"), false).catch(() => res.destroy());
      else res.destroy();
    };
    door
      .admit(req, res, method, path)
      .then((facts) => {
        if (facts === null) return;
        return withRequestFacts(facts, () =>
          route(method, path, req).then((response) => {
            if (response === null) {
              for (const handler of colyseus) handler.call(server, req, res);
              return;
            }
            return send(res, response, method === "HEAD");
          }),
        );
      })
      .catch(fail);
  });
}
