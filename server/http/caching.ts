// What lets a client and the network skip bytes on the public reads: strong ETags (a hash of the
// body's bytes) with `If-None-Match` answered 304, and gzipped bodies made once per tag and kept.
// Used by the match exports (exports.ts), the match routes (routes.ts) and the tournaments' reads.
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

export function strongEtag(...parts: (Buffer | string)[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return `"${h.digest("base64url").slice(0, 27)}"`;
}

/** Whether `If-None-Match` names this tag (or `*`). */
export function notModified(req: IncomingMessage | undefined, etag: string): boolean {
  const given = req?.headers["if-none-match"];
  if (typeof given !== "string") return false;
  return given.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}

// ---- compression -------------------------------------------------------------------------------

/** Bodies smaller than this go out as they are. */
const GZIP_MIN_BYTES = 1024;
/** Bytes of gzipped exports kept (by their identity tag), least recently used dropped first. */
const GZIP_CACHE_BYTES = 16 * 1024 * 1024;
const gzipped = new Map<string, Promise<Buffer>>();
let gzippedBytes = 0;
const gzipAsync = promisify(gzip);

/** Whether the request accepts gzip (and the body is worth it). */
export function wantsGzip(req: IncomingMessage | undefined, bytes: number): boolean {
  const accept = req?.headers["accept-encoding"];
  return bytes >= GZIP_MIN_BYTES && typeof accept === "string" && /\bgzip\b(?!\s*;\s*q=0(\.0*)?\b)/i.test(accept);
}

/**
 * The body gzipped, once per tag: compressed on libuv's thread pool (zlib's async API), never on
 * the event loop, and kept, so a burst of downloads of the same export costs one compression and
 * sends an eighth of the bytes (a 5,000-event transcript: about 830 kB, 100 kB gzipped).
 */
export function gzipOf(etag: string, body: Buffer): Promise<Buffer> {
  const kept = gzipped.get(etag);
  if (kept) {
    gzipped.delete(etag);
    gzipped.set(etag, kept);
    return kept;
  }
  const made = gzipAsync(body, { level: 6 }).then((out) => {
    gzippedBytes += out.length;
    while (gzippedBytes > GZIP_CACHE_BYTES && gzipped.size > 1) {
      const [oldest, value] = gzipped.entries().next().value!;
      gzipped.delete(oldest);
      void value.then((b) => (gzippedBytes -= b.length));
    }
    return out;
  });
  // A failed compression is not kept (the next request tries again); the caller gets its error through `made`.
  made.catch(() => gzipped.delete(etag));
  gzipped.set(etag, made);
  return made;
}
