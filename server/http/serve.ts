// The HTTP server's own handling, in front of Colyseus's: every request goes through the front
// door, then our routes (routes.ts), then Colyseus's matchmaking endpoint (called directly, see
// answerMatchmaking) or its handler for what they leave (CORS preflight, anything unusual);
// CONNECT and what Node's parser refuses are answered with one JSON line; slow clients are cut
// off; WebSocket upgrades are capped per address.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { matchMaker } from "@colyseus/core";
import { postMatchmakeMethod } from "@colyseus/core/router/default_routes";
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
 * A matchmaking request (`POST /matchmake/<method>/<room>`) answered by Colyseus's own endpoint,
 * called directly with the body the front door read, as Colyseus's `createNodeMatchmakingMiddleware`
 * does: the same endpoint, the same answers and refusals, the same CORS headers. Through Colyseus's
 * router each request was also turned into a Web `Request` (its body a stream read back and parsed
 * again) and the answer streamed out of a Web `Response`: about 1 ms of CPU per join, which a
 * restart's thousand rejoins pay at once (issue 16). Null, having done nothing, for a request
 * this does not take (a body that is not JSON: Colyseus's router answers it as before).
 */
function answerMatchmaking(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> | null {
  const m = MATCHMAKE_PATH.exec(path);
  if (!m || !JSON_MEDIA_TYPE.test(req.headers["content-type"] ?? "")) return null;
  let body: unknown;
  try {
    body = JSON.parse(bodyOf(req));
  } catch {
    return null;
  }
  return (async () => {
    const headers = new Headers(req.headers as Record<string, string>);
    const response: Response = await postMatchmakeMethod({ params: { method: m[1]!, roomName: m[2]! }, body, headers, request: { headers } as Request, asResponse: true });
    const answer = response.body ? Buffer.from(await response.arrayBuffer()) : null;
    // The CORS headers Colyseus's handler puts on every answer, then the endpoint's own.
    const out: Record<string, string> = { ...matchMaker.controller.DEFAULT_CORS_HEADERS, ...matchMaker.controller.getCorsHeaders(headers) };
    response.headers.forEach((value, key) => (out[key] = value));
    if (answer) out["content-length"] = String(answer.length);
    res.writeHead(response.status, out);
    res.end(answer ?? undefined);
  })();
}

/**
 * Put the API in front of Colyseus's own request handler on the server's HTTP server: our routes
 * answer first, then matchmaking through Colyseus's endpoint (answerMatchmaking); anything else
 * (CORS preflight, an unusual matchmaking request) goes on to Colyseus's handler as before.
 */
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
              const answering = method === "POST" ? answerMatchmaking(req, res, path) : null;
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
