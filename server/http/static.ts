// The built web client, served from client/dist when it exists (the client issue builds it).
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".mp3": "audio/mpeg",
  ".ogg": "audio/ogg",
  ".wav": "audio/wav",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

export function clientBuilt(dir: string): boolean {
  return existsSync(join(dir, "index.html"));
}

/** A file under `dir` for a URL path, or null (outside the folder, missing, not a file). */
export async function staticFile(dir: string, urlPath: string): Promise<Response | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const root = resolve(dir);
  const relative = normalize(decoded).replace(/^([/\\])+/, "");
  const file = resolve(root, relative === "" ? "index.html" : relative);
  if (file !== root && !file.startsWith(root + sep)) return null;
  let target = file;
  try {
    if (statSync(target).isDirectory()) target = join(target, "index.html");
    if (!statSync(target).isFile()) return null;
  } catch {
    return null;
  }
  const body = await readFile(target);
  return new Response(body, {
    headers: {
      "content-type": TYPES[extname(target).toLowerCase()] ?? "application/octet-stream",
      "x-content-type-options": "nosniff",
      "cache-control": target.endsWith("index.html") ? "no-cache" : "public, max-age=3600",
    },
  });
}
