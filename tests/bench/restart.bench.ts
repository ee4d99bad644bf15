// Restart at scale (issue 16): RESTART_TABLES live tables, each with one person (a real
// @colyseus/sdk client at alpha) and bots in the other four seats, play for RESTART_PLAY_SECONDS
// (the person makes a statement every RESTART_INTERVAL_MS on average, the bots play at the
// server's pace); then the server is killed with SIGKILL, started again on the same database, and
// every person rejoins with their seat token and makes one more statement (once the room's state
// has arrived; a statement not accepted is tried again after 100 ms, and the retries are counted). Printed: the time from
// the new process's start until it answers, and until every table is back and playable (each
// person's statement after the restart accepted), and the acknowledged actions lost: statements
// the server had answered `ok` before the kill whose action is not in the event log after it.
// Also printed, before the kill: what the live tables cost at rest in memory (heap after a GC, RSS);
// and after it, the CPU seconds the new process used until it answered and until every table was
// playable (from /proc: the wall-clock times stretch with the load of a shared machine) and the load average.
//
//   RESTART_TABLES (1000)   RESTART_PLAY_SECONDS (10)   RESTART_INTERVAL_MS (2000)   RESTART_JOIN_CONCURRENCY (24)
//   RESTART_PROFILE_DIR (a folder: the restarted process's CPU profile, written when it stops)
//   RESTART_KEEP_DATA (a folder: a copy of the database as the kill left it, to run a restart on its own again)
//   RESTART_SERVER_FLAGS (Node's flags for the servers instead of `npm start`'s; "none": Node's defaults)
//
// Run with `npm run bench -- restart` (e.g. RESTART_TABLES=20 RESTART_PLAY_SECONDS=3 to check it works).
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Client, type Room } from "@colyseus/sdk";
import type { Welcome } from "../../shared/protocol/index.ts";
import { TableState } from "../../shared/state/table.ts";
import { projectRoot } from "../helpers/fixtures.ts";
import { startServerProcess, type ServerProcess } from "../server/harness.ts";
import { storedLog } from "../server/play.ts";
import { benchServerEnv, serverFlagsFrom, writeBenchScenarios } from "./load.bench.ts";
import { pool } from "./load-share.ts";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const TABLES = env("RESTART_TABLES", 1000);
const PLAY_SECONDS = env("RESTART_PLAY_SECONDS", 10);
const INTERVAL = env("RESTART_INTERVAL_MS", 2000);
const JOIN_CONCURRENCY = env("RESTART_JOIN_CONCURRENCY", 24);
const BOTS = ["beta", "gamma", "delta", "epsilon"];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One person at one table: their seat token and the statements the server acknowledged. */
interface Person {
  matchId: string;
  seatToken: string;
  room: Room | null;
  n: number;
  /** Request ids answered `ok` (before the kill). */
  acknowledged: string[];
  timer: NodeJS.Timeout | null;
}

/** The welcome (registered before quietRoom, which registers the rest). */
function waitForWelcome(room: Room): Promise<Welcome> {
  return new Promise((resolve) => room.onMessage("welcome", (m: Welcome) => resolve(m)));
}

function quietRoom(room: Room): void {
  room.reconnection.enabled = false;
  for (const type of ["welcome", "seat", "seat_update", "reveal", "notice"]) room.onMessage(type, () => undefined);
}

/**
 * The room's first state: the SDK's join resolves when the server accepts the connection, and the
 * state follows one round trip later (the client acknowledges, then the server sends it). Awaited,
 * so that the first statement after a rejoin is not refused for a state not yet there and retried
 * only after a pause (100 ms a table, which 24 joins at a time turned into seconds of the bench's
 * own waiting). Resolves false if it never comes.
 */
function firstState(room: Room, timeoutMs = 15_000): Promise<boolean> {
  // Before the server's state, the SDK's holds the schema's defaults (an empty phase).
  const here = () => Boolean((room.state as { phase?: string } | undefined)?.phase);
  if (here()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      room.onStateChange.remove(changed);
      resolve(here());
    };
    const changed = () => {
      if (here()) done();
    };
    const timer = setTimeout(done, timeoutMs);
    room.onStateChange(changed);
  });
}

async function statement(p: Person): Promise<boolean> {
  const room = p.room;
  const state = room?.state as { phase?: string; version?: number } | undefined;
  if (!room || state?.phase !== "running") return false;
  const requestId = `r${++p.n}`;
  try {
    await room.request("statement" as never, { requestId, version: state.version, text: `alpha restates its position (${requestId}).` } as never, { timeout: 15_000 });
    p.acknowledged.push(requestId);
    return true;
  } catch {
    return false;
  }
}

/** RESTART_PROFILE_DIR: a CPU profile of the restarted process (its restore and the rejoins), written there when it stops. */
const PROFILE_DIR = process.env.RESTART_PROFILE_DIR;

function startServer(dataDir: string, scenarios: string, profile = false): Promise<ServerProcess> {
  return startServerProcess({
    env: { ...benchServerEnv(scenarios, TABLES), DATA_DIR: dataDir, BENCH_GC_ON_METRICS: "1", NODE_OPTIONS: [process.env.NODE_OPTIONS, "--expose-gc"].filter(Boolean).join(" ") },
    startTimeoutMs: 120_000,
    ...(profile && PROFILE_DIR ? { entry: ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`, "bin/server.js"] } : {}),
    // RESTART_SERVER_FLAGS: Node's flags for both servers instead of `npm start`'s ("none": Node's defaults), to compare.
    ...serverFlagsFrom("RESTART_SERVER_FLAGS"),
  });
}

async function memory(url: string): Promise<{ heap: number; rss: number; rooms: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
  return { heap: value("accord_nodejs_heap_size_used_bytes"), rss: value("accord_process_resident_memory_bytes"), rooms: value("accord_rooms") };
}

/** A process's CPU seconds so far (user + system, its threads included), from /proc; NaN where there is none. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** When dist/server was last built (bin/build-server.js's stamp), or NaN. */
function bundleBuiltAt(): number {
  try {
    return statSync(join(projectRoot, "dist", "server", ".built")).mtimeMs;
  } catch {
    return NaN;
  }
}

const mb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : "—");

export async function run(): Promise<void> {
  console.log(
    `restart: ${TABLES} live tables (one person and four bots each), ${PLAY_SECONDS} s of play, SIGKILL, restart on the same database ` +
      `(RESTART_TABLES, RESTART_PLAY_SECONDS, RESTART_INTERVAL_MS)`,
  );
  const work = mkdtempSync(join(tmpdir(), "accord-restart-"));
  const scenarios = join(work, "scenarios");
  const dataDir = join(work, "data");
  writeBenchScenarios(scenarios);
  let server: ServerProcess | null = await startServer(dataDir, scenarios);
  const people: Person[] = [];
  try {
    const before = await memory(server.url);
    const t0 = performance.now();
    let failures = 0;
    await pool(
      Array.from({ length: TABLES }, (_, i) => i),
      JOIN_CONCURRENCY,
      async () => {
        try {
          const room = await new Client(server!.url).create(
            "negotiation",
            { scenario: "load-bench", delegation: "alpha", seats: Object.fromEntries(BOTS.map((d) => [d, { kind: "bot", strategy: "linear" }])), botTakeover: false },
            TableState,
          );
          const welcomed = waitForWelcome(room);
          for (const type of ["seat", "seat_update", "reveal", "notice"]) room.onMessage(type, () => undefined);
          room.reconnection.enabled = false;
          const welcome = await welcomed;
          people.push({ matchId: room.roomId, seatToken: welcome.seatToken!, room, n: 0, acknowledged: [], timer: null });
        } catch (e) {
          if (++failures <= 3) console.error(`  create failed: ${(e as Error).message}`);
        }
      },
    );
    console.log(`restart: ${people.length} tables created in ${((performance.now() - t0) / 1000).toFixed(1)} s (${failures} failures)`);
    const live = await memory(server.url);
    console.log(
      `restart: ${live.rooms} rooms live: heap after GC ${mb(live.heap)} (${mb(before.heap)} before them: ${((live.heap - before.heap) / 1024 / Math.max(1, people.length)).toFixed(1)} kB a table), RSS ${mb(live.rss)}`,
    );

    // Play: each person makes a statement now and then; the bots play at the server's pace.
    for (const p of people) {
      const tick = () => {
        p.timer = setTimeout(async () => {
          await statement(p);
          if (p.timer) tick();
        }, Math.random() * 2 * INTERVAL);
      };
      tick();
    }
    await sleep(PLAY_SECONDS * 1000);
    const acknowledged = people.reduce((n, p) => n + p.acknowledged.length, 0);
    // SIGKILL while requests are in flight: only those answered `ok` count as acknowledged.
    server.child.kill("SIGKILL");
    await new Promise((resolve) => (server!.child.exitCode !== null || server!.child.signalCode !== null ? resolve(null) : server!.child.once("exit", resolve)));
    for (const p of people) {
      if (p.timer) clearTimeout(p.timer);
      p.timer = null;
      p.room = null;
    }
    const ackedAtKill = people.map((p) => [...p.acknowledged]);
    console.log(`restart: killed (SIGKILL) after ${acknowledged} acknowledged statements`);
    const keep = process.env.RESTART_KEEP_DATA;
    if (keep) {
      // Nothing writes to it now: the database and its write-ahead log, as the restart will find them.
      cpSync(dataDir, keep, { recursive: true });
      cpSync(scenarios, join(keep, "scenarios"), { recursive: true });
      console.log(`restart: the database as the kill left it copied to ${keep} (its scenarios in ${join(keep, "scenarios")})`);
    }

    // bin/server.js rebuilds the server's bundle first when a source changed since the first start
    // (someone editing server/ or shared/ meanwhile): that run's start-up figures then hold the build.
    const built = bundleBuiltAt();
    const r0 = performance.now();
    server = await startServer(dataDir, scenarios, true);
    if (!Object.is(bundleBuiltAt(), built)) console.log("restart: NOTE the new process rebuilt the server's bundle first (a source changed since the first start): its start-up figures include the build");
    const listening = (performance.now() - r0) / 1000;
    const listeningCpu = cpuSeconds(server.child.pid);
    let back = 0;
    let unplayable = 0;
    let retried = 0;
    await pool(people, JOIN_CONCURRENCY, async (p) => {
      try {
        const room = await new Client(server!.url).joinById(p.matchId, { seatToken: p.seatToken }, TableState);
        quietRoom(room);
        p.room = room;
        await firstState(room);
        // Playable: the person's statement is accepted (a paused or still-restoring table would refuse or not answer).
        for (let attempt = 0; attempt < 20 && !(await statement(p)); attempt++) {
          retried++;
          await sleep(100);
        }
        if (p.acknowledged.length > ackedAtKill[people.indexOf(p)]!.length) back++;
        else unplayable++;
      } catch (e) {
        if (++unplayable <= 3) console.error(`  rejoin failed: ${(e as Error).message}`);
      }
    });
    const playable = (performance.now() - r0) / 1000;
    const playableCpu = cpuSeconds(server.child.pid);
    const ownCpu = process.cpuUsage();
    console.log(
      `restart: the new process answered after ${listening.toFixed(1)} s; ${back} of ${people.length} tables back and playable after ${playable.toFixed(1)} s ` +
        `(${(playable - listening).toFixed(1)} s after it answered) ` +
        `(${unplayable} not; ${retried} statements retried after 100 ms; target: every table in under 5 s)`,
    );
    // On a shared machine the wall-clock times stretch with the load; the CPU the new process used does less.
    console.log(
      `restart: the new process's CPU: ${listeningCpu.toFixed(2)} s until it answered, ${playableCpu.toFixed(2)} s until every table was playable ` +
        `(this bench's own process: ${((ownCpu.user + ownCpu.system) / 1e6).toFixed(1)} s since it began); load average ${loadavg().map((l) => l.toFixed(1)).join(", ")}`,
    );
    await Promise.all(people.map((p) => p.room?.leave().catch(() => undefined)));
    await server.stop();
    server = null;
    // Lost: acknowledged before the kill, not in the log.
    let lost = 0;
    for (const [i, p] of people.entries()) {
      const logged = new Set(storedLog(dataDir, p.matchId).map((e) => e.action.actionId));
      const ids = [...logged].filter((id) => id.startsWith("p:")).map((id) => id.slice(id.lastIndexOf(":") + 1));
      const have = new Set(ids);
      for (const requestId of ackedAtKill[i]!) if (!have.has(requestId)) lost++;
    }
    console.log(`restart: ${lost} of ${acknowledged} acknowledged actions lost (target 0)`);
  } finally {
    for (const p of people) if (p.timer) clearTimeout(p.timer);
    if (server) await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
  process.exit(0);
}
