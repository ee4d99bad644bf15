// What tables nobody is at cost (issue 16): IDLE_TABLES tables, each created by one person (a real
// @colyseus/sdk client at alpha) with bots in the other four seats, running; then every person
// leaves. Such a table rests (server/table/master.ts `restIfUnattended`): its bots and turn clock
// wait until a person comes back. Printed: the server's heap after a GC and RSS with no tables,
// with the tables and their people, and after everyone left (MB, and kB a table), and the server's
// CPU over IDLE_SECONDS with the tables empty (in cores, and ms per table per second), beside the
// same with every person still connected but silent (the bots playing) for comparison.
//
//   IDLE_TABLES (1000)   IDLE_SECONDS (30)   IDLE_JOIN_CONCURRENCY (24)
//
// Run with `npm run bench -- idle` (e.g. IDLE_TABLES=20 IDLE_SECONDS=3 to check it works).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Client, type Room } from "@colyseus/sdk";
import { TableState } from "../../shared/state/table.ts";
import { startServerProcess } from "../server/harness.ts";
import { benchServerEnv, writeBenchScenarios } from "./load.bench.ts";
import { pool } from "./load-share.ts";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const TABLES = env("IDLE_TABLES", 1000);
const SECONDS = env("IDLE_SECONDS", 30);
const JOIN_CONCURRENCY = env("IDLE_JOIN_CONCURRENCY", 24);
const BOTS = ["beta", "gamma", "delta", "epsilon"];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function scrape(url: string): Promise<{ heap: number; rss: number; rooms: number; actions: number; clients: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
  return {
    heap: value("accord_nodejs_heap_size_used_bytes"),
    rss: value("accord_process_resident_memory_bytes"),
    rooms: value("accord_rooms"),
    actions: value("accord_actions_total"),
    clients: value("accord_connected_clients"),
  };
}

const mb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : "—");

export async function run(): Promise<void> {
  console.log(`idle: ${TABLES} tables (one person and four bots each), ${SECONDS} s measured with their people silent and again with everyone gone (IDLE_TABLES, IDLE_SECONDS)`);
  const work = mkdtempSync(join(tmpdir(), "accord-idle-"));
  const scenarios = join(work, "scenarios");
  writeBenchScenarios(scenarios);
  const server = await startServerProcess({
    env: {
      ...benchServerEnv(scenarios, TABLES),
      DATA_DIR: join(work, "data"),
      BENCH_GC_ON_METRICS: "1",
      NODE_OPTIONS: [process.env.NODE_OPTIONS, "--expose-gc"].filter(Boolean).join(" "),
    },
    startTimeoutMs: 120_000,
  });
  const rooms: Room[] = [];
  try {
    const empty = await scrape(server.url);
    await pool(
      Array.from({ length: TABLES }, (_, i) => i),
      JOIN_CONCURRENCY,
      async () => {
        const room = await new Client(server.url).create(
          "negotiation",
          { scenario: "load-bench", delegation: "alpha", seats: Object.fromEntries(BOTS.map((d) => [d, { kind: "bot", strategy: "linear" }])), botTakeover: false },
          TableState,
        );
        room.reconnection.enabled = false;
        for (const type of ["welcome", "seat", "seat_update", "reveal", "notice"]) room.onMessage(type, () => undefined);
        rooms.push(room);
      },
    );
    const pid = server.child.pid!;
    const measure = async (what: string): Promise<{ heap: number; rss: number; rooms: number }> => {
      const a = await scrape(server.url);
      const c0 = cpuSeconds(pid);
      await sleep(SECONDS * 1000);
      const cpu = (cpuSeconds(pid) - c0) / SECONDS;
      const b = await scrape(server.url);
      console.log(
        `idle: ${what}: ${b.rooms} rooms, ${b.clients} clients; heap after GC ${mb(b.heap)} (${((b.heap - empty.heap) / 1024 / Math.max(1, b.rooms)).toFixed(1)} kB a table), RSS ${mb(b.rss)}; ` +
          `server CPU ${(100 * cpu).toFixed(1)}% of a core (${((1000 * cpu) / Math.max(1, b.rooms)).toFixed(3)} ms a table a second), ${((b.actions - a.actions) / SECONDS).toFixed(1)} actions/s`,
      );
      return b;
    };
    console.log(`idle: no tables: heap after GC ${mb(empty.heap)}, RSS ${mb(empty.rss)}`);
    await measure("every person connected and silent (the bots play)");
    await Promise.all(rooms.map((r) => r.leave().catch(() => undefined)));
    rooms.length = 0;
    // The leaves reach the server (and the tables rest) before the window starts.
    await sleep(2000);
    await measure("everyone gone (the tables rest)");
  } finally {
    await Promise.all(rooms.map((r) => r.leave().catch(() => undefined)));
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
  process.exit(0);
}
