// Who is asking, and under which public address. A reverse proxy's forwarded headers are believed
// only when the configuration says one stands in front (`TRUST_PROXY`); otherwise any client could
// claim any address (and escape its quotas) or rewrite the links the server hands out.
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

function header(req: IncomingMessage | undefined, name: string): string | undefined {
  const v = req?.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The client's address from what reached us: behind a trusted proxy the last `X-Forwarded-For` entry (the one it saw; earlier entries are whatever the client wrote), else the socket's peer (without the IPv4-mapped prefix). */
function addressOf(forwarded: string | undefined, peerAddress: string | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
    if (last && /^[0-9a-fA-F:.]{2,45}$/.test(last)) return last.startsWith("::ffff:") ? last.slice(7) : last;
  }
  const a = peerAddress ?? "unknown";
  return a.startsWith("::ffff:") ? a.slice(7) : a;
}

/** An HTTP request's client address: the socket's peer, or behind a trusted proxy the address the proxy saw. */
export function clientAddress(req: IncomingMessage | undefined, trustProxy: boolean): string {
  return addressOf(header(req, "x-forwarded-for"), req?.socket?.remoteAddress, trustProxy);
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
 * peer (ws keeps it as `_socket`), or behind a trusted proxy the last address of the upgrade's
 * `X-Forwarded-For`. (Colyseus's own `AuthContext.ip` believes forwarded headers from anyone.)
 */
export function connectionAddress(client: unknown, headers: Headers | undefined, trustProxy: boolean): string {
  const socket = (client as { ref?: { _socket?: { remoteAddress?: string } } }).ref?._socket;
  return addressOf(headers?.get("x-forwarded-for") ?? undefined, socket?.remoteAddress, trustProxy);
}

/** Addresses that are not the public internet (the push guard's and /metrics's line, server/notify/endpoint.ts). */
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // shared (carrier-grade NAT)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["::", 96], // IPv4-compatible (deprecated)
  ["64:ff9b::", 96], // NAT64: an IPv4 address inside
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard-only
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4: an IPv4 address inside
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** Whether an IP address (v4 or v6, without brackets) is anywhere but the public internet. Not an address: true. */
export function privateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "").toLowerCase();
  const family = isIP(a);
  if (family === 0) return true;
  if (family === 4) return blocked.check(a, "ipv4");
  // An IPv4-mapped address (::ffff:127.0.0.1, ::ffff:7f00:1, any spelling) is judged by the IPv4 ranges: BlockList does so.
  return blocked.check(a, "ipv6");
}
