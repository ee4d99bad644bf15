// Which push endpoints a server on a public address will post to (issue 19, SSRF): only https, and
// only hosts whose every address is on the internet — not this machine, a private network, a
// link-local, unique-local, multicast, reserved or unspecified address (IPv4 and IPv6, IPv4-mapped,
// NAT64 and 6to4 forms included). A name is resolved (node:dns, every address) before each send, and
// the connection is made to the addresses that were checked (the agent's `lookup`), so a name that
// changes its answer between the check and the connection cannot reach inside either. A server
// listening on loopback only (development, the tests' push endpoint) is not guarded.
import { lookup as dnsLookup } from "node:dns";
import type { LookupAddress, LookupOptions } from "node:dns";
import https from "node:https";
import { isIP } from "node:net";
import { privateAddress } from "../http/address.ts";

export { privateAddress };

/** Every address of a host name (as `dns.lookup(name, { all: true })`); tests inject their own. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/**
 * Whether a push endpoint's host, as written, is this machine or a private network (an IP literal
 * in a blocked range, or `localhost`). Names are not resolved here: see `checkEndpoint`.
 */
export function privateHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  return isIP(h) !== 0 && privateAddress(h);
}

/** A server listening on loopback only: the guard does not apply (development, tests). */
export function loopbackOnly(host: string): boolean {
  return host === "127.0.0.1" || host === "::1" || host === "localhost";
}

/**
 * Why this endpoint may not be posted to from a public server, or null when it may: not https,
 * a private host as written, a name that does not resolve, or a name any of whose addresses is
 * private. `addresses`: the checked addresses, to connect to.
 */
export async function checkEndpoint(endpoint: string, resolve: Resolver): Promise<{ refused: string } | { addresses: LookupAddress[] }> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { refused: "the push endpoint is not a URL" };
  }
  if (url.protocol !== "https:") return { refused: "the push endpoint is not https" };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (privateHost(host)) return { refused: `the push endpoint's host ${host} is this machine or a private network` };
  const family = isIP(host);
  if (family !== 0) return { addresses: [{ address: host, family }] };
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch (e) {
    return { refused: `the push endpoint's host ${host} did not resolve (${e instanceof Error ? e.message : String(e)})` };
  }
  if (addresses.length === 0) return { refused: `the push endpoint's host ${host} has no address` };
  const inside = addresses.find((a) => privateAddress(a.address));
  if (inside) return { refused: `the push endpoint's host ${host} resolves to ${inside.address}, this machine or a private network` };
  return { addresses };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * An https agent whose connections go only to public addresses: every name is resolved and checked
 * again at connection time (so a name that answers differently the second time is still refused).
 */
export function guardedAgent(resolve: Resolver): https.Agent {
  const lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        const usable = addresses.filter((a) => !options.family || a.family === options.family);
        const inside = usable.find((a) => privateAddress(a.address));
        if (inside || usable.length === 0) {
          const error: NodeJS.ErrnoException = new Error(inside ? `${hostname} resolves to ${inside.address}, this machine or a private network: refused` : `${hostname} has no usable address`);
          error.code = inside ? "EACCES" : "ENOTFOUND";
          callback(error, "", 0);
          return;
        }
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
  return new https.Agent({ keepAlive: false, lookup });
}
