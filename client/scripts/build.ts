// Builds the web client into client/dist when it is missing or older than anything it is built
// from (client/, shared/, vite.config.ts, package.json). `npm start` runs this first, so a fresh
// clone serves the game after `npm install && npm start`; `--force` rebuilds regardless.
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const clientDir = join(root, "client");
const distDir = join(clientDir, "dist");
const stampFile = join(distDir, ".built");

function newest(path: string, skip: ReadonlySet<string>): number {
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
    if (skip.has(join(path, entry)) || entry === "node_modules" || entry.startsWith(".")) continue;
    max = Math.max(max, newest(join(path, entry), skip));
  }
  return max;
}

/** Whether client/dist is missing or older than its sources. */
export function clientStale(): boolean {
  if (!existsSync(join(distDir, "index.html")) || !existsSync(stampFile)) return true;
  const built = statSync(stampFile).mtimeMs;
  const skip = new Set([distDir]);
  const sources = Math.max(
    newest(clientDir, skip),
    newest(join(root, "shared"), skip),
    newest(join(root, "vite.config.ts"), skip),
    newest(join(root, "package.json"), skip),
  );
  return sources > built;
}

/** Build the client if it is stale (or `force`); resolves true when a build ran. */
export async function ensureClientBuilt(options: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!options.force && !clientStale()) return false;
  let vite: typeof import("vite");
  try {
    vite = await import("vite");
  } catch {
    process.stderr.write("accord: vite is not installed (npm install without --omit=dev builds the web client); serving the API only\n");
    return false;
  }
  // A production build even from a test runner (which sets NODE_ENV=test).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await vite.build({ root: clientDir, configFile: join(root, "vite.config.ts"), mode: "production", logLevel: options.quiet ? "warn" : "info" });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(stampFile, `${new Date().toISOString()}\n`);
  return true;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const force = process.argv.includes("--force");
  ensureClientBuilt({ force, quiet: !process.argv.includes("--verbose") && !force }).then(
    (built) => {
      if (built) process.stdout.write("accord: web client built into client/dist\n");
    },
    (e: unknown) => {
      process.stderr.write(`accord: the web client could not be built: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
