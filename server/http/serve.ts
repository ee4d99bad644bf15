// The HTTP server's own handling, in front of Colyseus's: every request goes through the front
// door, then our routes (routes.ts), then matchmaking answered as Colyseus's endpoint answers it
// (answerMatchmaking) or Colyseus's handler for what they leave (CORS preflight, anything unusual);
// CONNECT and what Node's parser refuses are answered with one JSON line; slow clients are cut
// off; WebSocket upgrades are capped per address.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createAuthContext, matchMaker, type Transport } from "@colyseus/core";
import type { Duplex } from "node:stream";
import { clientWarning, log } from "../log.ts";
import { recordRequest } from "../metrics.ts";
import { clientAddress } from "./address.ts";
import { bodyOf, type FrontDoor } from "./front-door.ts";
import { withRequestFacts } from "./request-context.ts";
import { errorResponse } from "./responses.ts";

/** Our routes: a response, or null to let Colyseus's handler answer. */
export type ApiRoute = (method: string, path: string, req?: IncomingMessage) => Promise<Response | null>;

/** Bodies that are already bytes, sent as they are (a large export is not copied again per request). */
const rawBodies = new WeakMap<Response, Buffer>();

export function rawResponse(body: Buffer, status: number, headers: Record<string, string>): Response {
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

/**
 * A matchmaking request's method and room, both plain names (room ids and names are never more):
 * any other path under /matchmake/ goes to Colyseus's router, which answers it as it always did.
 */
const MATCHMAKE_PATH = /^\/matchmake\/(\w+)\/([\w-]+)$/;
/** The media types Colyseus's router reads as JSON (better-call's getBody). */
const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]*\+)?json/i;

/**
 * A matchmaking request (`POST /matchmake/<method>/<room>`) answered as Colyseus's own endpoint
 * (`postMatchmakeMethod`, @colyseus/core router/default_routes) answers it, with the body the front
 * door read: its matchmaking call (`matchMaker.controller.invokeMethod`, guarded by
 * matchmaking-guard.ts), its JSON answer (the seat reservation, with the transport's protocol and
 * certificate fingerprint when it has them), its refusals (`{ code, error }` with the error's code
 * as the HTTP status) and the CORS headers its handler adds. Through Colyseus's router each request
 * became a Web `Request` (its body a stream read back and parsed again); called directly, its
 * endpoint still built a Web `Response` that had to be read back as a stream to be sent: about half
 * a millisecond of CPU per join, which a restart's thousand rejoins pay at once (issue 16). The
 * answer is written straight from its JSON instead. One refusal differs: an error whose code is not
 * a number (a fault of the server's, never a refusal Colyseus or this server makes) is a 500 here,
 * where the endpoint answered it with status 200. A body that is not a JSON object is refused here
 * with one message naming what is wrong (Colyseus's router answered `malformed request body`, or
 * read it as no options): 415 without a JSON media type, 400 `bad_options` for text that is not
 * JSON or JSON that is not an object. Null, having done nothing, for a path this does not take.
 */
function answerMatchmaking(req: IncomingMessage, res: ServerResponse, path: string, transport: MatchmakingTransport): Promise<void> | null {
  const m = MATCHMAKE_PATH.exec(path);
  if (!m) return null;
  const refuse = (status: number, error: string) => {
    const json = JSON.stringify({ code: status, error });
    res.writeHead(status, { ...matchMaker.controller.DEFAULT_CORS_HEADERS, "content-type": "application/json", "content-length": String(Buffer.byteLength(json)) });
    res.end(json);
    return Promise.resolve();
  };
  const text = bodyOf(req);
  if (text !== "" && !JSON_MEDIA_TYPE.test(req.headers["content-type"] ?? "")) return refuse(415, `unsupported_media_type: ${m[1]}: send the options as JSON (Content-Type: application/json)`);
  let body: unknown;
  try {
    body = JSON.parse(text || "{}");
  } catch {
    return refuse(400, `bad_options: ${m[1]}: the body is not valid JSON`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return refuse(400, `bad_options: ${m[1]}: the options must be a JSON object`);
  return (async () => {
    const headers = new Headers(req.headers as Record<string, string>);
    const { status, json } = await matchmake(m[1]!, m[2]!, body, headers, transport);
    // The CORS headers Colyseus's handler puts on every answer, then the endpoint's own.
    const out: Record<string, string> = { ...matchMaker.controller.DEFAULT_CORS_HEADERS, ...matchMaker.controller.getCorsHeaders(headers), "content-type": "application/json" };
    if (json !== null) out["content-length"] = String(Buffer.byteLength(json));
    res.writeHead(status, out);
    res.end(json ?? undefined);
  })();
}

/** What the matchmaking answer takes from the transport (Colyseus's endpoint reads the same two fields). */
export type MatchmakingTransport = Pick<Transport, "protocol" | "fingerprint">;

/**
 * Colyseus's matchmaking endpoint's status and JSON for one request, step for step as its
 * handler and better-call's error answer make them; null JSON for an empty body.
 */
async function matchmake(method: string, roomName: string, options: unknown, headers: Headers, transport: MatchmakingTransport): Promise<{ status: number; json: string | null }> {
  // Refused without a body while the matchmaker shuts down (the endpoint's `ctx.error(503)`).
  if (matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN) return { status: 503, json: null };
  try {
    // The parsed body is the client's options, whatever its shape, as the endpoint hands it on.
    const response = await matchMaker.controller.invokeMethod(method, roomName, options, createAuthContext({ headers, req: { headers } }));
    if (transport.protocol !== undefined) response.protocol = transport.protocol;
    if (transport.fingerprint !== undefined) response.fingerprint = transport.fingerprint;
    return { status: 200, json: JSON.stringify(response) };
  } catch (e) {
    // Colyseus's controller throws a ServerError whose code is the HTTP status; the endpoint answers
    // `{ code, error }` with it. A code no HTTP answer can carry made the endpoint's Response throw
    // (the request failed as a whole, 500 internal_error): thrown on, it fails the same way.
    const { code, message } = e as { code?: unknown; message?: string };
    const status = typeof code === "number" ? code : 500;
    if (status < 200 || status > 599) throw e;
    return { status, json: JSON.stringify({ code, error: message }) };
  }
}

/**
 * Put the API in front of Colyseus's own request handler on the server's HTTP server: our routes
 * answer first, then matchmaking answered as Colyseus's endpoint answers it (answerMatchmaking); anything else
 * (CORS preflight, an unusual matchmaking request) goes on to Colyseus's handler as before.
 */
export function installApi(server: Server, route: ApiRoute, door: FrontDoor, transport: MatchmakingTransport): void {
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
              const answering = method === "POST" ? answerMatchmaking(req, res, path, transport) : null;
              if (answering) return answering;
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
