// The game server as one bundle: esbuild packs server/ + shared/ and the packages they use into
// dist/server/ (git-ignored): main.js (server/main.ts, what `npm start` runs) and export-worker.js
// (the export thread, server/http/export-worker.ts), the code they share and what is imported only
// on demand (Redis's packages) in chunk files beside them, each with a source map so stack traces name
// the .ts files. Node then loads one file instead of transpiling some 300 modules through tsx's
// loader at every start (issue 16: a restart at scale). Plain JavaScript, so it needs no loader.
// The packages go in too: resolving, reading and linking their several hundred modules one by one
// (kysely, zod, yaml, Colyseus…) took a third of a second of CPU at every start. A few stay
// outside, loaded from node_modules (OUTSIDE below), and one the server never calls is left out
// (ABSENT).
//
// ensureServerBuilt() rebuilds only when the bundle is missing or a source is newer than it
// (server/, shared/, package.json, this file), as client/scripts/build.ts does for the client.
// Several processes may start at once on a stale bundle (the tests do): each builds in memory and
// renames its files into place, so a reader never sees a half-written file; the bundles they write
// are the same.
//
//   node bin/build-server.js [--force]
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const bundleDir = join(root, "dist", "server");
/** The server's entry in the bundle. */
export const bundleEntry = join(bundleDir, "main.js");
const stampFile = join(bundleDir, ".built");
/** The entries: written last, so that a process starting meanwhile finds every chunk its entry names. */
const entries = new Set([bundleEntry, join(bundleDir, "export-worker.js")]);
/**
 * How long a file of an earlier build is kept: a process started from it may still import one of its
 * chunks on demand (chunk names change with their contents).
 */
const KEEP_EARLIER_MS = 60 * 60 * 1000;

function newest(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    // No such file (a folder the build does not have): nothing newer there.
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

/** Whether dist/server is missing or older than anything it is built from. */
export function serverStale() {
  if (!existsSync(bundleEntry) || !existsSync(stampFile)) return true;
  const built = statSync(stampFile).mtimeMs;
  const sources = Math.max(
    newest(join(root, "server")),
    newest(join(root, "shared")),
    newest(join(root, "package.json")),
    // The packages are in the bundle: a changed dependency rebuilds it.
    newest(join(root, "package-lock.json")),
    newest(fileURLToPath(import.meta.url)),
  );
  return sources > built;
}

/**
 * Packages loaded from node_modules rather than bundled: native addons found beside their own files
 * (better-sqlite3; msgpackr-extract, msgpackr's native decoder, which it silently does without when
 * it cannot load), packages that read files next to their own code or start threads from them (pino;
 * ioredis, which reads its package.json), and pg, loaded only with DATABASE_URL. None of them imports
 * a package the bundle holds (a second copy of @colyseus/core would be a second matchmaker).
 */
export const OUTSIDE = ["better-sqlite3", "msgpackr-extract", "pino", "ioredis", "pg"];

/**
 * Packages left out of the bundle altogether, each for a reason nothing the server runs ever calls
 * it, and what stands in for it: a module whose default export throws saying so.
 *
 * `express`: @colyseus/ws-transport imports it for one method, WebSocketTransport#getExpressApp.
 * Colyseus calls that only for a server defined with an `express` option (Server#_bootForListen,
 * and bindRouterToTransport with `useExpress`: router/index), which server/app.ts never passes;
 * nothing else in server/ or the packages it bundles imports express (the bundle test checks that
 * none of it is in the bundle, and plays a table through the bundled server). Bundled, express
 * brought about 1.1 MB (body-parser, iconv-lite, mime-db, qs, send…) to parse and run at every
 * start (issue 16: a restart's start-up).
 */
export const ABSENT = {
  express: "express is not in the server's bundle: server/app.ts defines the Colyseus server without an `express` option (bin/build-server.js ABSENT)",
};

/** The esbuild plugin that puts each ABSENT package's stand-in where it is imported. */
const absentPackages = {
  name: "absent-packages",
  setup(build) {
    const names = Object.keys(ABSENT);
    build.onResolve({ filter: new RegExp(`^(${names.join("|")})$`) }, (args) => ({ path: args.path, namespace: "absent" }));
    build.onLoad({ filter: /.*/, namespace: "absent" }, (args) => ({
      contents: `export default function absent() { throw new Error(${JSON.stringify(ABSENT[args.path])}); }\n`,
      loader: "js",
    }));
  },
};

/**
 * Build the bundle if it is stale (or `force`). Resolves the entry's path; rejects when esbuild is
 * missing or the bundle cannot be built or written (the caller may run the sources instead).
 */
export async function ensureServerBuilt(options = {}) {
  if (!options.force && !serverStale()) return bundleEntry;
  const started = Date.now();
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: "server/main.ts", "export-worker": "server/http/export-worker.ts" },
    outdir: bundleDir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: OUTSIDE,
    plugins: [absentPackages],
    // What is imported on demand stays in chunks of its own, loaded only then: bundled into one file,
    // Redis's packages would bring their `import "ioredis"` to the top of the bundle, loaded at every start.
    splitting: true,
    // The packages written as CommonJS call require() (of Node's modules, and of those outside): an ES module has none of its own.
    banner: { js: 'import { createRequire as __accordRequire } from "node:module"; const require = __accordRequire(import.meta.url);' },
    // Stack traces point at the .ts files (bin/server.js turns source maps on); names kept, as
    // bundling may rename a module's top-level function or class that shares its name with another's.
    sourcemap: "linked",
    sourcesContent: false,
    keepNames: true,
    write: false,
    logLevel: "silent",
  });
  mkdirSync(bundleDir, { recursive: true });
  // Maps and chunks first, the entries last (main.js the very last): a process starting meanwhile
  // finds either the old bundle or the new one, whole.
  const rank = (path) => (path === bundleEntry ? 3 : entries.has(path) ? 2 : path.endsWith(".js") ? 1 : 0);
  const files = [...result.outputFiles].sort((a, b) => rank(a.path) - rank(b.path));
  for (const file of files) {
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  // Chunks of earlier builds (their names change with their contents) once no process is likely to load them.
  const written = new Set(files.map((f) => f.path));
  for (const name of readdirSync(bundleDir)) {
    const path = join(bundleDir, name);
    if (name.startsWith(".") || written.has(path)) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_EARLIER_MS) rmSync(path, { force: true });
    } catch {
      // Removed meanwhile by another build: nothing to do.
    }
  }
  // Stamped with the time the build started: a source saved during the build makes it stale again.
  const temp = `${stampFile}.${process.pid}.tmp`;
  writeFileSync(temp, `${new Date(started).toISOString()}\n`);
  utimesSync(temp, started / 1000, started / 1000);
  renameSync(temp, stampFile);
  return bundleEntry;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const t0 = performance.now();
  ensureServerBuilt({ force: process.argv.includes("--force") }).then(
    () => process.stdout.write(`accord: server bundle in dist/server (${Math.round(performance.now() - t0)} ms)\n`),
    (e) => {
      process.stderr.write(`accord: the server bundle could not be built: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
