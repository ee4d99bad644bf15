// The web client's download: the gzipped JavaScript of the first screen (Home: the entry chunk and
// the chunks it imports statically, as index.html loads them), and of each screen loaded later
// (the table's connection layer, Phaser, the debrief). Measured on the production build
// (`vite build`, run first when client/dist is stale).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ensureClientBuilt } from "../../client/scripts/build.ts";

const dist = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..", "..", "client", "dist");

function gz(file: string): { raw: number; gzip: number } {
  const body = readFileSync(join(dist, file));
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

export async function run(): Promise<void> {
  await ensureClientBuilt({ quiet: true });
  const html = readFileSync(join(dist, "index.html"), "utf8");
  // What the browser fetches before the first screen can run: the entry script and its modulepreloads.
  const first = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\.?\/?([^"]+\.css)"/g)].map((m) => m[1]!);
  let js = 0;
  let jsRaw = 0;
  for (const f of new Set(first)) {
    const s = gz(f);
    js += s.gzip;
    jsRaw += s.raw;
  }
  let style = 0;
  for (const f of css) style += gz(f).gzip;
  console.log(`first screen (Home) JavaScript: ${kb(js)} gzipped (${kb(jsRaw)} raw) in ${new Set(first).size} file(s)`);
  console.log(`first screen CSS:               ${kb(style)} gzipped`);
  console.log("loaded later, gzipped:");
  const chunks = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js") && !first.includes(`assets/${f}`));
  const label = (f: string) =>
    f.startsWith("canvas-")
      ? "Phaser and the table canvas"
      : f.startsWith("connection-")
        ? "the SDK and the table connection"
        : f.startsWith("match-")
          ? "briefing and table screens"
          : f.startsWith("debrief-")
            ? "debrief and analytics"
            : f.startsWith("dashboard-")
              ? "facilitator dashboard"
              : "shared";
  for (const f of chunks.sort()) console.log(`  ${kb(gz(`assets/${f}`).gzip).padStart(9)}  ${f} (${label(f)})`);
}

if (process.argv[1]?.endsWith("client.bench.ts")) await run();
