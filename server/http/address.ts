// Who is asking, and under which public address. A reverse proxy's forwarded headers are believed
// only when the configuration says one stands in front (`TRUST_PROXY`); otherwise any client could
// claim any address (and escape its quotas) or rewrite the links the server hands out.
import type { IncomingMessage } from "node:http";

function header(req: IncomingMessage | undefined, name: string): string | undefined {
  const v = req?.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The socket's peer without the IPv4-mapped prefix (`::ffff:127.0.0.1` → `127.0.0.1`). */
function peer(req: IncomingMessage | undefined): string {
  const a = req?.socket?.remoteAddress ?? "unknown";
  return a.startsWith("::ffff:") ? a.slice(7) : a;
}

/**
 * The client's address: the socket's peer, or behind a trusted proxy the last address the proxy
 * added to `X-Forwarded-For` (the one it saw; earlier entries are whatever the client wrote).
 */
export function clientAddress(req: IncomingMessage | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = header(req, "x-forwarded-for");
    const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
    if (last && /^[0-9a-fA-F:.]{2,45}$/.test(last)) return last.startsWith("::ffff:") ? last.slice(7) : last;
  }
  return peer(req);
}

/** `Host` (or behind a trusted proxy `X-Forwarded-Host`) when it is a plain host[:port]; else null. */
export function publicHost(req: IncomingMessage | undefined, trustProxy: boolean): string | null {
  const raw = (trustProxy ? header(req, "x-forwarded-host")?.split(",")[0]?.trim() : undefined) ?? header(req, "host");
  return raw && /^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9a-fA-F:.]+\](:\d{1,5})?$/.test(raw) ? raw : null;
}

/** `https` when the connection is TLS, or a trusted proxy says the client used it. */
export function publicProtocol(req: IncomingMessage | undefined, trustProxy: boolean): "http" | "https" {
  if (trustProxy && header(req, "x-forwarded-proto")?.split(",")[0]?.trim() === "https") return "https";
  return (req?.socket as { encrypted?: boolean } | undefined)?.encrypted ? "https" : "http";
}

/**
 * A WebSocket connection's client address, as `clientAddress` reads an HTTP request's: the socket's
 * peer, or behind a trusted proxy the last address of the upgrade's `X-Forwarded-For`. (Colyseus's
 * own `AuthContext.ip` believes forwarded headers from anyone.)
 */
export function connectionAddress(client: unknown, headers: Headers | undefined, trustProxy: boolean): string {
  const socket = (client as { ref?: { _socket?: { remoteAddress?: string } } }).ref?._socket;
  const forwarded = headers?.get("x-forwarded-for") ?? undefined;
  return clientAddress({ headers: forwarded === undefined ? {} : { "x-forwarded-for": forwarded }, socket } as unknown as IncomingMessage, trustProxy);
}
