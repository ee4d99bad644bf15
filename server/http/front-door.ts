// The front door of every HTTP request, ours and Colyseus's matchmaking alike: what any anonymous
// visitor can send is bounded here, before a route or a room does any work.
//
// - Paths: only in normal form. Colyseus's router reads a path as a URL does (`/matchmake/./create/x`
//   and `/a/../matchmake\\create/x` are `/matchmake/create/x` to it), so a path our checks would read
//   differently (dot segments, plain or percent-encoded, backslashes, empty segments, characters a
//   URL escapes) is refused (400) before any check reads it.
// - Methods: GET, HEAD, POST and OPTIONS (CORS preflight) are answered by routes; every other
//   method (TRACE, TRACK, PUT, CONNECT, PROPFIND, …) gets 405 with `Allow`, never a hang.
// - Bodies: a declared length over `maxBodyBytes` is refused (413) before a byte is read; a body
//   that streams past it is cut off (413, connection closed); a body that trickles for longer than
//   BODY_SECONDS is cut off too (408). The body read here is handed on as `req.body` (a string),
//   which Colyseus's matchmaking and our routes use instead of reading the socket again.
// - Creation (`POST /matchmake/create/<room>`, `POST /api/tournaments`): the host key when one is
//   set (HOST_KEY), then the creation quotas (server/http/quotas.ts): 403 or 429 with Retry-After
//   (a tournament is charged by its route once its body is valid).
//   The class room's own later bot work is charged by the room (it remembers its creator's address
//   through request-context.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerConfig } from "../config.ts";
import { clientAddress } from "./address.ts";
import type { Quotas } from "./quotas.ts";
import type { RequestFacts } from "./request-context.ts";
import { clientWarning } from "../log.ts";
import { bearer, sameSecret } from "../tokens.ts";

/** Methods a route answers; anything else is 405. */
const METHODS = new Set(["GET", "HEAD", "POST", "OPTIONS"]);
const ALLOW = "GET, HEAD, POST, OPTIONS";
/** A request body must arrive within this long. */
const BODY_SECONDS = 10;

/** What a refusal at the front door looks like: our routes' shape, or Colyseus's for matchmaking (its SDK reads `{ code, error }`). */
function refuse(res: ServerResponse, status: number, name: string, message: string, matchmaking: boolean, headers: Record<string, string> = {}, close = false): void {
  const body = JSON.stringify(matchmaking ? { code: status, error: `${name}: ${message}` } : { error: { code: name, message } });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    "x-content-type-options": "nosniff",
    "access-control-allow-origin": "*",
    ...(close ? { connection: "close" } : {}),
    ...headers,
  });
  res.end(body);
}

/**
 * Whether a request's path reads the same to our checks and routes as to Colyseus's router (a WHATWG
 * URL): no dot segment (`.`, `..`, `%2e`), no backslash, no empty segment, nothing the URL would escape.
 */
export function inNormalForm(path: string): boolean {
  if (path.includes("\\") || /\/\//.test(path) || /%2e/i.test(path)) return false;
  try {
    return new URL(path, "http://normal.invalid").pathname === path;
  } catch {
    return false;
  }
}

/** The request body the front door read (empty when there was none). */
export function bodyOf(req: IncomingMessage | undefined): string {
  const body = (req as { body?: unknown } | undefined)?.body;
  return typeof body === "string" ? body : "";
}


type Creation = { kind: "tables" | "classes" | "tournaments"; matchmaking: boolean; room?: string };

function creationOf(method: string, path: string): Creation | null {
  if (method !== "POST") return null;
  const m = /^\/matchmake\/create\/([^/]+)$/.exec(path);
  if (m) return { kind: m[1] === "class" ? "classes" : "tables", matchmaking: true, room: m[1] };
  if (path === "/api/tournaments") return { kind: "tournaments", matchmaking: false };
  return null;
}

function readBody(req: IncomingMessage, limit: number): Promise<{ ok: true; text: string } | { ok: false; status: 408 | 413 | 400 }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: { ok: true; text: string } | { ok: false; status: 408 | 413 | 400 }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off("data", onData);
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, status: 408 }), BODY_SECONDS * 1000);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish({ ok: false, status: 413 });
      else chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => finish({ ok: true, text: Buffer.concat(chunks).toString("utf8") }));
    req.on("error", () => finish({ ok: false, status: 400 }));
    req.on("aborted", () => finish({ ok: false, status: 400 }));
  });
}

export interface FrontDoor {
  /** Check and read the request; resolves with its facts to go on, or null when it was answered here. */
  admit(req: IncomingMessage, res: ServerResponse, method: string, path: string): Promise<RequestFacts | null>;
}

export function frontDoor(config: ServerConfig, quotas: Quotas): FrontDoor {
  return {
    async admit(req, res, method, path) {
      const matchmaking = path.startsWith("/matchmake/");
      const address = clientAddress(req, config.trustProxy);
      if (!inNormalForm(path)) {
        clientWarning("path not in normal form", { method, path: path.slice(0, 200), address });
        refuse(res, 400, "bad_request", "the path must be in normal form (no '.' or '..' segments, no '\\', no '//', nothing a URL escapes)", matchmaking, {}, true);
        return null;
      }
      if (!METHODS.has(method) || (matchmaking && method !== "POST" && method !== "OPTIONS")) {
        clientWarning("method not allowed", { method, path, address });
        refuse(res, 405, "method_not_allowed", `${method} ${path}: this server answers ${matchmaking ? "POST (and OPTIONS)" : ALLOW} only`, matchmaking, { allow: matchmaking ? "POST, OPTIONS" : ALLOW }, true);
        return null;
      }

      const declared = req.headers["content-length"];
      const chunked = req.headers["transfer-encoding"] !== undefined;
      if (declared !== undefined || chunked) {
        const length = Number(declared);
        if (declared !== undefined && (!Number.isFinite(length) || length > config.maxBodyBytes)) {
          clientWarning("request body too large (declared)", { method, path, address, declared });
          refuse(res, 413, "body_too_large", `the body is larger than this server accepts (${config.maxBodyBytes} bytes)`, matchmaking, {}, true);
          return null;
        }
        const body = await readBody(req, config.maxBodyBytes);
        if (!body.ok) {
          clientWarning(body.status === 413 ? "request body too large (streamed)" : body.status === 408 ? "request body too slow" : "request body broken off", { method, path, address });
          const [name, message] =
            body.status === 413
              ? ["body_too_large", `the body is larger than this server accepts (${config.maxBodyBytes} bytes)`]
              : body.status === 408
                ? ["request_timeout", `the body did not arrive within ${BODY_SECONDS} s`]
                : ["bad_request", "the body was broken off"];
          refuse(res, body.status, name, message, matchmaking, {}, true);
          // Stop reading what is still coming: the connection closes once the answer is out.
          res.once("finish", () => req.destroy());
          return null;
        }
        (req as { body?: string }).body = body.text;
      } else if (method === "POST") {
        (req as { body?: string }).body = "";
      }

      const creation = creationOf(method, path);
      let hostKeyShown = false;
      if (creation) {
        let options: Record<string, unknown> | null = null;
        try {
          const parsed: unknown = JSON.parse(bodyOf(req) || "{}");
          if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) options = parsed as Record<string, unknown>;
        } catch {
          options = null;
        }
        // The key may come as `Authorization: Bearer <key>` or as a `hostKey` option (taken out before the room sees the options).
        let offered = bearer(req);
        if (options && typeof options.hostKey === "string") {
          offered ??= options.hostKey;
          delete options.hostKey;
          (req as { body?: string }).body = JSON.stringify(options);
        }
        hostKeyShown = config.hostKey !== "" && offered !== null && sameSecret(offered, config.hostKey);
        if (config.hostKey !== "" && !hostKeyShown) {
          clientWarning("creation without the host key", { path, address, offered: offered !== null });
          refuse(
            res,
            403,
            "host_key_required",
            offered === null
              ? "this server creates tables, classes and tournaments only for its host's teachers and organisers: give the host key (ask whoever runs this server); joining with a code needs no key"
              : "this is not the host key of this server",
            creation.matchmaking,
          );
          return null;
        }
        // A tournament is charged by its route once its body is valid (with its bot work); a class's
        // bot work when it creates its tables. Tables and classes are charged here, before Colyseus.
        const refused = creation.kind === "tournaments" ? null : quotas.take(creation.kind, address, hostKeyShown);
        if (refused) {
          clientWarning("creation quota", { path, address, kind: creation.kind });
          refuse(res, 429, "rate_limited", refused.message, creation.matchmaking, { "retry-after": String(refused.retryAfter) });
          return null;
        }
      }
      return { address, hostKeyShown };
    },
  };
}
