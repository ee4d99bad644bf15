// `npm run bench -- scale`: the load of load.bench.ts (real tables, the same clients and pace)
// against one process with SQLite and in-memory presence, one process on Redis and PostgreSQL,
// then two processes sharing Redis and PostgreSQL, with the clients' matchmaking spread over both. Same run, same machine, figures
// side by side. Needs redis-server and PostgreSQL (see tests/scale/services.ts); says so and stops
// without them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { freePort, type ServerProcess, startServerProcess } from "../server/harness.ts";
import { missingServices, startPostgres, startRedis } from "../scale/services.ts";
import { benchServerEnv, formatFigures, type LoadFigures, runLoad, writeBenchScenarios } from "./load.bench.ts";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const CLIENTS = env("SCALE_CLIENTS", 400);
const SECONDS = env("SCALE_SECONDS", 15);
const WARMUP = env("SCALE_WARMUP", 5);
const INTERVAL = env("SCALE_INTERVAL_MS", 2000);
const ROOMS = Math.ceil(CLIENTS / 4);

async function phase(name: string, servers: ServerProcess[]): Promise<LoadFigures> {
  const r = await runLoad({
    urls: servers.map((s) => s.url),
    clients: CLIENTS,
    rooms: ROOMS,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    intervalMs: INTERVAL,
    joinConcurrency: 6,
    room: "negotiation",
    serverPids: servers.map((s) => s.child.pid!),
  });
  console.log(`${name.padEnd(36)} ${formatFigures(r)}`);
  return r;
}

export async function run(): Promise<void> {
  const missing = missingServices();
  if (missing) {
    console.log(`scale: skipped (${missing})`);
    return;
  }
  console.log(
    `scale: ${CLIENTS} clients at ${ROOMS} tables, each acting every ${INTERVAL} ms on average; ${WARMUP} s warm-up, ${SECONDS} s measured ` +
      `(SCALE_CLIENTS, SCALE_SECONDS, SCALE_WARMUP, SCALE_INTERVAL_MS). Server CPU is summed over the processes.`,
  );
  const work = mkdtempSync(join(tmpdir(), "accord-scale-"));
  const scenarios = join(work, "scenarios");
  writeBenchScenarios(scenarios);
  const base = benchServerEnv(scenarios, ROOMS);
  const started: ServerProcess[] = [];
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  try {
    const single = await startServerProcess({ env: { ...base, DATA_DIR: join(work, "single") } });
    started.push(single);
    const one = await phase("1 process, SQLite, local presence", [single]);
    await single.stop();

    // The same process count on the shared services: what Redis and PostgreSQL cost by themselves.
    const aloneOnShared = await startServerProcess({
      env: { ...base, REDIS_URL: redis.url, DATABASE_URL: await postgres.createDatabase("scale_bench_one") },
    });
    started.push(aloneOnShared);
    const oneShared = await phase("1 process, Redis + PostgreSQL", [aloneOnShared]);
    await aloneOnShared.stop();

    const databaseUrl = await postgres.createDatabase("scale_bench");
    const shared = await Promise.all(
      [0, 1].map(async () => {
        const port = await freePort();
        return startServerProcess({ port, env: { ...base, REDIS_URL: redis.url, DATABASE_URL: databaseUrl, PUBLIC_ADDRESS: `127.0.0.1:${port}` } });
      }),
    );
    started.push(...shared);
    const two = await phase("2 processes, Redis + PostgreSQL", shared);
    console.log(
      `Redis + PostgreSQL / SQLite (1 process): answer p50 ${(oneShared.answerP50 / one.answerP50).toFixed(2)}×, ` +
        `server CPU per action ${(oneShared.serverCpuMsPerAction / one.serverCpuMsPerAction).toFixed(2)}×`,
    );
    console.log(
      `2 processes / 1: actions/s ${(two.actionsPerSecond / one.actionsPerSecond).toFixed(2)}×, answer p99 ${(two.answerP99 / one.answerP99).toFixed(2)}×, ` +
        `server CPU per action ${(two.serverCpuMsPerAction / one.serverCpuMsPerAction).toFixed(2)}×, join time ${(two.joinSeconds / one.joinSeconds).toFixed(2)}×`,
    );
  } finally {
    await Promise.all(started.map((s) => s.stop()));
    await redis.stop();
    await postgres.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
  process.exit(0);
}
