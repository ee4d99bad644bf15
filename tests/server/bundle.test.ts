// `npm start`'s server is a bundle (bin/server.js builds dist/server/ from server/ + shared/ with
// esbuild when a source is newer, bin/build-server.js): a child process started as `npm start`
// starts it builds or finds a bundle no older than its sources, serves from it (not from the
// sources through tsx), finds what it reads beside the project (the scenarios folder, by default,
// through import.meta.url), its source map names the .ts files, what the server never calls is not
// in it (build-server.js ABSENT), and a table is created and answered through it.
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Client } from "@colyseus/sdk";
import { TableState } from "../../shared/state/table.ts";
import { projectRoot } from "../helpers/fixtures.ts";
import { type ServerProcess, startServerProcess, tempDir } from "./harness.ts";

const dataDir = tempDir("bundle");
let server: ServerProcess | null = null;

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) if (!entry.startsWith(".")) max = Math.max(max, newest(join(path, entry)));
  return max;
}

describe("the server bundle", () => {
  it("is built from the sources and serves the project's scenarios", async () => {
    // The sources as they are now: a bundle started from must be at least this new.
    const sources = Math.max(newest(join(projectRoot, "server")), newest(join(projectRoot, "shared")));
    // No SCENARIOS_DIR: the default folder is found from the bundle's own location.
    server = await startServerProcess({ env: { DATA_DIR: dataDir, LOG_LEVEL: "info" }, startTimeoutMs: 120_000 });
    await server.waitForOutput("game server listening");
    expect(server.output()).not.toContain("running the sources through tsx");

    const bundleDir = join(projectRoot, "dist", "server");
    // The stamp is the time its build started (a source saved since then makes the next start rebuild).
    expect(statSync(join(bundleDir, ".built")).mtimeMs).toBeGreaterThanOrEqual(sources);
    const map = JSON.parse(readFileSync(join(bundleDir, "main.js.map"), "utf8")) as { sources: string[] };
    expect(map.sources).toContain("../../server/main.ts");
    // The packages are bundled, but for those loaded from node_modules (build-server.js OUTSIDE: native addons, files read beside their code).
    // Every file's map: the entries and the chunks they share or load on demand.
    const mapped = readdirSync(bundleDir)
      .filter((f) => f.endsWith(".js.map"))
      .flatMap((f) => (JSON.parse(readFileSync(join(bundleDir, f), "utf8")) as { sources: string[] }).sources);
    expect(mapped.some((s) => s.startsWith("../../node_modules/kysely/"))).toBe(true);
    for (const outside of ["better-sqlite3", "msgpackr-extract", "pino", "ioredis"]) {
      expect(mapped.filter((s) => s.startsWith(`../../node_modules/${outside}/`))).toEqual([]);
    }
    // What the server never calls is left out (build-server.js ABSENT): none of it is in the bundle,
    // and the table played below goes through Colyseus's transport, its importer, without it.
    // (Imported by path: bin/ is plain JavaScript, without types.)
    const builder: string = join(projectRoot, "bin", "build-server.js");
    const { ABSENT } = (await import(builder)) as { ABSENT: Record<string, string> };
    expect(Object.keys(ABSENT)).toContain("express");
    for (const absent of Object.keys(ABSENT)) {
      expect(mapped.filter((s) => s.startsWith(`../../node_modules/${absent}/`))).toEqual([]);
    }
    expect(statSync(join(bundleDir, "export-worker.js")).size).toBeGreaterThan(0);
    // Redis's packages are loaded only with REDIS_URL: nothing at the bundle's top imports them.
    expect(readFileSync(join(bundleDir, "main.js"), "utf8")).not.toMatch(/^import [^;]*from "(ioredis|pg)";/m);

    const ids = readdirSync(join(projectRoot, "scenarios"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    const listed = (await (await fetch(`${server.url}/api/scenarios`)).json()) as unknown;
    const text = JSON.stringify(listed);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(text).toContain(`"${id}"`);

    // A table created, joined and played through the bundled server: matchmaking over HTTP, the
    // WebSocket transport, a request answered.
    const room = await new Client(server.url).create("negotiation", { scenario: ids[0]! }, TableState);
    try {
      room.onMessage("seat", () => undefined);
      const welcome = await new Promise<{ facilitatorToken?: string }>((resolve) => room.onMessage("welcome", resolve));
      expect(welcome.facilitatorToken).toBeTypeOf("string");
      const answer = await room.request("sync" as never, {} as never, { timeout: 15_000 });
      expect(answer).toBeTypeOf("object");
    } finally {
      await room.leave();
    }
  });
});
