// Real Redis and PostgreSQL for the scale-out tests, started by the tests themselves: a Redis on a
// free loopback port (no persistence), and a throwaway PostgreSQL cluster (`initdb` in a temp
// folder, run as the unprivileged `postgres` user when the tests run as root, as CI does). When a
// program is missing the tests skip and say why; under CI=true a missing program is a failure.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { FIXTURE_SCENARIOS, freePort, type ServerProcess, startServerProcess } from "../server/harness.ts";

export const CI = process.env.CI === "true";

function onPath(program: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(join(dir, program))) return join(dir, program);
  }
  return null;
}

/** Debian keeps initdb and postgres in /usr/lib/postgresql/<version>/bin, off the PATH. */
function postgresBin(): string | null {
  if (onPath("initdb") && onPath("postgres")) return join(onPath("initdb")!, "..");
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : null;
}

function hasUser(name: string): boolean {
  try {
    execFileSync("id", ["-u", name], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

/** Why these tests cannot run here, or null when they can. */
export function missingServices(): string | null {
  const missing: string[] = [];
  if (!onPath("redis-server")) missing.push("redis-server (Debian package redis-server)");
  if (!postgresBin()) missing.push("PostgreSQL's initdb/postgres (Debian package postgresql)");
  else if (userInfo().uid === 0 && !hasUser("postgres")) missing.push("a 'postgres' user to run PostgreSQL as (initdb refuses root; Debian's package creates it)");
  return missing.length ? `not installed: ${missing.join(", ")}` : null;
}

/** `describe.skipIf(...)` with the reason printed, or a failure under CI. */
export function skipUnlessServices(): boolean {
  const why = missingServices();
  if (why === null) return false;
  if (CI) throw new Error(`scale-out tests need Redis and PostgreSQL under CI: ${why}`);
  process.stderr.write(`skipping the scale-out tests: ${why}\n`);
  return true;
}

function waitExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface RedisServer {
  port: number;
  url: string;
  /** Stop it (SIGTERM) and wait until it has exited; it keeps nothing. */
  stop(): Promise<void>;
  /** Start it again on the same port (empty). */
  start(): Promise<void>;
}

/** A Redis on a free loopback port, without persistence. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let output = "";
  const start = async () => {
    output = "";
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    const started = child;
    await until(async () => {
      if (started.exitCode !== null) throw new Error(`redis-server exited:\n${output}`);
      return output.includes("Ready to accept connections");
    }, `redis-server on port ${port}`, 10_000);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const c = child;
      if (!c) return;
      child = null;
      c.kill("SIGTERM");
      await waitExit(c);
    },
    start,
  };
}

export interface PostgresServer {
  port: number;
  /** A URL for a new, empty database of its own (each test file or case its own). */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster: initdb in a temp folder, the server on a free loopback port,
 * without fsync (the tests need its behaviour, not its durability). As root, it runs as `postgres`.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed");
  const dir = mkdtempSync(join(tmpdir(), "accord-pg-"));
  const asRoot = userInfo().uid === 0;
  const user = asRoot ? "postgres" : userInfo().username;
  // initdb refuses to run as root: run it and the server as the unprivileged user. setpriv execs
  // the program itself (no process in between), so our signals reach PostgreSQL.
  const run = (program: string, args: string[]) =>
    (asRoot ? ["setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", join(bin, program), ...args]] : [join(bin, program), args]) as [string, string[]];
  if (asRoot) {
    const ids = execFileSync("id", ["-u", "postgres"]).toString().trim();
    const gid = execFileSync("id", ["-g", "postgres"]).toString().trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  const data = join(dir, "data");
  const [initCmd, initArgs] = run("initdb", ["-D", data, "-A", "trust", "-U", user, "--no-sync", "-E", "UTF8", "--locale=C"]);
  execFileSync(initCmd, initArgs, { stdio: "pipe", cwd: dir });
  const port = await freePort();
  const [cmd, args] = run("postgres", ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], cwd: dir });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const admin = `postgres://${user}@127.0.0.1:${port}/postgres`;
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`postgres exited:\n${output}`);
    const c = new pg.Client({ connectionString: admin });
    try {
      await c.connect();
      await c.query("select 1");
      return true;
    } finally {
      await c.end().catch(() => undefined);
    }
  }, `PostgreSQL on port ${port}`, 20_000);
  return {
    port,
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`create database ${name}`);
      } finally {
        await c.end();
      }
      return `postgres://${user}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      // SIGINT: PostgreSQL's fast shutdown.
      child.kill("SIGINT");
      await waitExit(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Redis, a PostgreSQL database and the game processes sharing them, as docker-compose runs them. */
export interface Cluster {
  redis: RedisServer;
  postgres: PostgresServer;
  databaseUrl: string;
  /** Every process started, killed ones included. */
  processes: Set<ServerProcess>;
  /** One more game process (`node bin/server.js`) advertising its own address; `env` adds to or overrides the defaults. */
  start(env?: Record<string, string>): Promise<ServerProcess>;
  /** Kill every process, then stop PostgreSQL and Redis. */
  stop(): Promise<void>;
}

export async function startCluster(database: string): Promise<Cluster> {
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const databaseUrl = await postgres.createDatabase(database);
  const processes = new Set<ServerProcess>();
  return {
    redis,
    postgres,
    databaseUrl,
    processes,
    async start(env = {}) {
      const port = await freePort();
      const server = await startServerProcess({
        port,
        // Only guards against a hang: two processes compiling the server at once on a loaded
        // two-core machine took over 30 s (the harness's default).
        startTimeoutMs: 90_000,
        env: {
          REDIS_URL: redis.url,
          DATABASE_URL: databaseUrl,
          PUBLIC_ADDRESS: `127.0.0.1:${port}`,
          SCENARIOS_DIR: FIXTURE_SCENARIOS,
          BOT_DELAY_MS: "0",
          LOG_LEVEL: "info",
          ...env,
        },
      });
      processes.add(server);
      return server;
    },
    async stop() {
      for (const p of processes) p.child.kill("SIGKILL");
      await Promise.all([...processes].map((p) => p.exited()));
      await redis.stop();
      await postgres.stop();
    },
  };
}
