// Soak test of the game server (issue 12: safe on the open internet): does it stay flat over time?
//
// The server runs as `npm start` runs it (node bin/server.js, SQLite in a temp DATA_DIR) in a child
// process, with BENCH_GC_ON_METRICS=last: its /metrics reports the heap used after the latest full
// collection V8 made on its own (server/metrics.ts), so the heap figures are heaps after a GC without
// the bench forcing one. (A forced full collection stops the server for up to seconds on a large heap
// and showed up as the minute's answer p99: SOAK_FORCED_GC=1 forces one at each scrape, as this bench
// did before, to compare.) This
// process plays SOAK_CLIENTS clients (real @colyseus/sdk clients, the load bench's: see
// tests/bench/load-share.ts), spread over SOAK_GENERATORS worker threads, at real `negotiation` tables of four people and a bot, at the load
// bench's pace (an action every SOAK_INTERVAL_MS on average: statements, private messages, team
// notes, proposals on their turn, votes). Tables end — a vote accepted now and then (an agreement)
// or the deadline after SOAK_ROUNDS rounds — and then their clients leave (the table is disposed)
// and the same four create and join a new one: the soak goes through creation, play, end and
// disposal all along, and the database grows.
//
// Printed each minute: the server's heap used after its latest full GC, its RSS, the database file and its WAL,
// the tables live on the server, the tables started and ended so far, the actions accepted in that
// minute (the server's counter, bots included), the clients' answer times, the server's event-loop
// delay over the minute, and each generator thread's own event-loop delay, GC and heap (the clients
// live there: a tail they cause is not the server's). At the end: whether
// memory is flat (the last minute's heap after GC within 10% of the second minute's; reported,
// never failed on).
//
//   SOAK_CLIENTS (1000)   SOAK_MINUTES (10)   SOAK_INTERVAL_MS (2000)   SOAK_ROUNDS (8)
//   SOAK_ACCEPT (0.1: the chance a person accepts the proposal put to a vote)
//   SOAK_JOIN_CONCURRENCY (12)   SOAK_SERVER_NODE_OPTIONS (added to the server's NODE_OPTIONS)
//   SOAK_GENERATORS (2: the threads the clients are spread over; each holds its clients' decoded tables,
//                    and one thread's full GC over all 1,000 — ~270 MB live once the windows are full —
//                    stalled its clients for up to 0.9 s, which became the minute's answer p99)
//   SOAK_SERVER_FLAGS (Node's flags for the server instead of `npm start`'s; "none": Node's defaults)
//   SOAK_MINUTE_SECONDS (60: shorter only to check that the bench runs)   SOAK_FORCED_GC (0)
//   SOAK_SERVER_PROFILE (a folder: CPU profiles of the server's first and last minutes, to compare;
//                        the server then runs through tests/bench/profiled-server.ts)
//
// Each minute also prints the server's CPU per action and the heap (and RSS) kept per action in
// that minute, and the end compares the last minute with the first (CPU per action, answer p99)
// and prints the heap kept per action. In a long game the synced state's windows (the latest 200
// statements and 200 moves per table) fill first: their cost is per table, not per action, so
// read the per-minute figure once they are full (a few minutes in) for what an action keeps. The long game of
// issue 16 (tables that never end, so cost must not grow with a game's length) is
// `SOAK_CLIENTS=1000 SOAK_MINUTES=8 SOAK_ROUNDS=1000 SOAK_ACCEPT=0 npm run bench -- soak`.
//
// Run with `npm run bench -- soak` (e.g. SOAK_CLIENTS=200 SOAK_MINUTES=2 for a short run).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { GCProfiler } from "node:v8";
import { isMainThread, workerData } from "node:worker_threads";
import YAML from "yaml";
import { checkScenario } from "../../shared/scenario/load.ts";
import { startServerProcess } from "../server/harness.ts";
import { benchScenario, benchServerEnv, generatorThread, serverFlagsFrom } from "./load.bench.ts";
import { answerSteps, gameStep, joinTable, type LoadClient, type Stats } from "./load-share.ts";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const CLIENTS = env("SOAK_CLIENTS", 1000);
const MINUTES = env("SOAK_MINUTES", 10);
const INTERVAL = env("SOAK_INTERVAL_MS", 2000);
const ROUNDS = env("SOAK_ROUNDS", 8);
const ACCEPT = Math.min(1, process.env.SOAK_ACCEPT === "0" ? 0 : env("SOAK_ACCEPT", 0.1));
const JOIN_CONCURRENCY = env("SOAK_JOIN_CONCURRENCY", 12);
const GENERATORS = Math.max(1, Math.floor(env("SOAK_GENERATORS", 2)));
/** SOAK_MINUTE_SECONDS: the length of a "minute" (shorter only to check that the bench works). */
const MINUTE_MS = 1000 * env("SOAK_MINUTE_SECONDS", 60);

/** The load bench's table with a short deadline, so that tables end and new ones start. */
function writeSoakScenario(scenariosDir: string): void {
  const data = benchScenario();
  data.id = "soak-bench";
  data.title = "Regional cyber norms (soak bench)";
  data.deadline = { rounds: ROUNDS, secondsPerTurn: 60 };
  const checked = checkScenario("soak-bench", data);
  if (!checked.ok) throw new Error(`the soak scenario does not load: ${checked.errors.join("; ")}`);
  mkdirSync(join(scenariosDir, "soak-bench"), { recursive: true });
  writeFileSync(join(scenariosDir, "soak-bench", "scenario.yaml"), YAML.stringify(data));
}

type GameStateLike = { phase: string; stage: string; offer?: { responses: Map<string, string> }; version: number };

/** The load bench's person, who now and then accepts the proposal put to a vote (so some tables end in an agreement). */
function soakStep(c: LoadClient): [string, Record<string, unknown>] | null {
  const s = c.room.state as GameStateLike;
  if (s.phase === "running" && s.stage === "voting" && s.offer && !s.offer.responses.has(c.delegation!) && Math.random() < ACCEPT) {
    return ["vote", { requestId: c.nextRequestId(), version: s.version, accept: true }];
  }
  return gameStep(c);
}

/** At most `n` at once (table joins, so that a wave of new tables does not queue up on the server). */
function limiter(n: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Counters {
  started: number;
  ended: number;
  joinFailures: number;
  /** Tables left because their host's connection closed before the end. */
  lost: number;
}

/** Four clients (fewer for the last group) playing one table after another until `stop()`. */
async function playTables(url: string, people: number, stats: Stats, counters: Counters, join: ReturnType<typeof limiter>, stopping: () => boolean, firstJoined: () => void): Promise<void> {
  let first = true;
  while (!stopping()) {
    const clients: LoadClient[] = [];
    try {
      await join(() => joinTable(url, people, stats, clients, "soak-bench"));
    } catch (e) {
      counters.joinFailures++;
      if (counters.joinFailures <= 3) console.error(`  join failed: ${(e as Error).message}`);
      await Promise.all(clients.map((c) => c.room.leave().catch(() => undefined)));
      if (first) {
        first = false;
        firstJoined();
      }
      await sleep(2000);
      continue;
    }
    counters.started++;
    if (first) {
      first = false;
      firstJoined();
    }
    for (const c of clients) c.start(INTERVAL, () => soakStep(c));
    const host = clients[0]!;
    // Until the table ends (or its host is gone, or the soak stops).
    while (!stopping()) {
      await sleep(1000);
      if ((host.room.state as GameStateLike).phase === "ended") {
        counters.ended++;
        break;
      }
      if (!host.room.connection.isOpen) {
        counters.lost++;
        break;
      }
    }
    for (const c of clients) c.stop();
    // A moment for the debrief, then everyone leaves: the table is disposed.
    if (!stopping()) await sleep(500 + Math.random() * 1500);
    await Promise.all(clients.map((c) => c.room.leave().catch(() => undefined)));
  }
}

/** One generator thread's minute: its clients' answers and its own event-loop delay, GC and heap. */
interface ShareMinute {
  answers: number[];
  answered: number;
  errors: number;
  refusals: [string, number][];
  counters: Counters;
  loopP99: number;
  loopMax: number;
  gcTotal: number;
  gcLongest: number;
  heap: number;
  /** Its heap after its latest full GC (NaN before the first). */
  heapAfterGC: number;
}

type ShareStep = "join" | "minute" | "stop";

/**
 * The clients of one generator thread: groups of four (fewer for the last) playing one table after
 * another, and the thread's own event-loop delay, GC pauses and heap, minute by minute — a slow
 * answer this thread was too busy to read is not the server's.
 */
class SoakShare {
  private readonly stats: Stats = { answers: [], patches: [], actions: 0, errors: 0, refusals: new Map(), measuring: true, frames: 0, bytes: 0, kinds: new Map() };
  private readonly counters: Counters = { started: 0, ended: 0, joinFailures: 0, lost: 0 };
  private stopping = false;
  private readonly players: Promise<void>[] = [];
  private readonly loop = monitorEventLoopDelay({ resolution: 5 });
  private readonly pauses = { total: 0, longest: 0 };
  private readonly gcWatch = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      this.pauses.total += e.duration;
      this.pauses.longest = Math.max(this.pauses.longest, e.duration);
    }
  });
  private ownGC = new GCProfiler();
  private heapAfterGC = NaN;
  private answered0 = 0;
  private errors0 = 0;

  constructor(private readonly options: { url: string; groups: number[]; joinConcurrency: number }) {}

  /** Every group joins its first table (or fails to); then the minutes start. */
  async join(): Promise<{ joinFailures: number }> {
    const joins = limiter(this.options.joinConcurrency);
    let joined = 0;
    await new Promise<void>((resolve) => {
      if (this.options.groups.length === 0) resolve();
      for (const people of this.options.groups) {
        this.players.push(
          playTables(this.options.url, people, this.stats, this.counters, joins, () => this.stopping, () => {
            if (++joined === this.options.groups.length) resolve();
          }),
        );
      }
    });
    this.loop.enable();
    this.gcWatch.observe({ entryTypes: ["gc"] });
    this.ownGC.start();
    return { joinFailures: this.counters.joinFailures };
  }

  /** The minute's figures since the previous call; the counters start again. */
  minute(): ShareMinute {
    for (const gc of this.ownGC.stop().statistics) if (gc.gcType === "MarkSweepCompact") this.heapAfterGC = gc.afterGC.heapStatistics.usedHeapSize;
    this.ownGC = new GCProfiler();
    this.ownGC.start();
    const figures: ShareMinute = {
      answers: this.stats.answers.splice(0),
      answered: this.stats.actions - this.answered0,
      errors: this.stats.errors - this.errors0,
      refusals: [...this.stats.refusals],
      counters: { ...this.counters },
      loopP99: this.loop.percentile(99) / 1e6,
      loopMax: this.loop.max / 1e6,
      gcTotal: this.pauses.total,
      gcLongest: this.pauses.longest,
      heap: process.memoryUsage().heapUsed,
      heapAfterGC: this.heapAfterGC,
    };
    this.stats.patches.length = 0;
    this.stats.refusals.clear();
    this.loop.reset();
    this.pauses.total = this.pauses.longest = 0;
    this.answered0 = this.stats.actions;
    this.errors0 = this.stats.errors;
    return figures;
  }

  async stop(): Promise<null> {
    this.stopping = true;
    this.loop.disable();
    this.gcWatch.disconnect();
    this.ownGC.stop();
    await Promise.race([Promise.all(this.players), sleep(15_000)]);
    return null;
  }
}

// In a worker thread started by run(): one share, driven by its steps (generatorThread).
if (!isMainThread && (workerData as { soakShare?: unknown } | null)?.soakShare) {
  answerSteps<ShareStep>(new SoakShare((workerData as { soakShare: ConstructorParameters<typeof SoakShare>[0] }).soakShare));
}

/** SOAK_FORCED_GC=1: each scrape forces a full GC first (and stops the server meanwhile), as this bench did before. */
const FORCED_GC = process.env.SOAK_FORCED_GC === "1";
/** SOAK_SERVER_PROFILE=dir: a CPU profile of the server's first minute and one of its last (SIGUSR2 starts and stops one). */
const PROFILE_DIR = process.env.SOAK_SERVER_PROFILE || null;

/** The figures of one scrape of the server's /metrics (heap: after its latest full GC, see server/metrics.ts). */
async function scrape(url: string): Promise<{ heap: number; heapTotal: number; external: number; rss: number; rooms: number; actions: number; clients: number; loopP99: number; loopMax: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
  return {
    heap: value(FORCED_GC ? "accord_nodejs_heap_size_used_bytes" : "accord_bench_heap_after_major_gc_bytes"),
    heapTotal: value("accord_nodejs_heap_size_total_bytes"),
    external: value("accord_nodejs_external_memory_bytes"),
    rss: value("accord_process_resident_memory_bytes"),
    rooms: value("accord_rooms"),
    actions: value("accord_actions_total"),
    clients: value("accord_connected_clients"),
    // The server's event-loop delay since the previous scrape (prom-client resets it at each one).
    loopP99: 1000 * value("accord_nodejs_eventloop_lag_p99_seconds"),
    loopMax: 1000 * value("accord_nodejs_eventloop_lag_max_seconds"),
  };
}

/** CPU seconds used so far by a process (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const mb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : "—");
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : "—");
/** Bytes per action, or — where a heap figure is not known yet (no full GC before it). */
const perAction = (bytes: number, actions: number) => (Number.isFinite(bytes) ? `${(bytes / Math.max(1, actions)).toFixed(0)} B` : "— B");

export async function run(): Promise<void> {
  const groups = Math.ceil(CLIENTS / 4);
  console.log(
    `soak: ${CLIENTS} clients at ${groups} tables at a time (four people and a bot each), each person acting every ${INTERVAL} ms on average, ` +
      `tables ending after ${ROUNDS} rounds (or an agreement: a vote accepted with probability ${ACCEPT}) and replaced; ${MINUTES} minutes ` +
      `(SOAK_CLIENTS, SOAK_MINUTES, SOAK_INTERVAL_MS, SOAK_ROUNDS, SOAK_ACCEPT). ` +
      (FORCED_GC
        ? "Heap figures are after a full GC the server is made to run at each scrape (SOAK_FORCED_GC=1: it stops the server meanwhile)."
        : "Heap figures are after the server's latest full GC of its own (none forced)."),
  );
  const work = mkdtempSync(join(tmpdir(), "accord-soak-"));
  const scenarios = join(work, "scenarios");
  const dataDir = join(work, "data");
  writeSoakScenario(scenarios);
  const nodeOptions = [process.env.NODE_OPTIONS, FORCED_GC ? "--expose-gc" : "", process.env.SOAK_SERVER_NODE_OPTIONS].filter(Boolean).join(" ");
  const server = await startServerProcess({
    entry: PROFILE_DIR ? ["bin/run-ts.js", "tests/bench/profiled-server.ts"] : ["bin/server.js"],
    // SOAK_SERVER_FLAGS: Node's flags for the server instead of `npm start`'s ("none": Node's defaults), to compare.
    ...serverFlagsFrom("SOAK_SERVER_FLAGS"),
    env: {
      PROFILE_DIR: PROFILE_DIR ?? "",
      ...benchServerEnv(scenarios, groups),
      DATA_DIR: dataDir,
      // Ended tables linger while their clients read the debrief; new ones start meanwhile.
      MAX_MATCHES: String(groups * 3 + 100),
      // Every table is created from this one address: the per-address and global creation quotas
      // would refuse a soak's worth of tables (they are measured by abuse.bench.ts, not here).
      QUOTA_TABLES: "1000000,1000000",
      QUOTA_GLOBAL: "1000000,1000000",
      // Nor may one address hold a soak's worth of sockets by default (0: no cap).
      MAX_CONNECTIONS_PER_ADDRESS: "0",
      BENCH_GC_ON_METRICS: FORCED_GC ? "1" : "last",
      NODE_OPTIONS: nodeOptions,
    },
    echo: true,
    // A shared or busy machine can take longer than the default 30 s to load the server.
    startTimeoutMs: 120_000,
  });
  let serverExit: string | null = null;
  const onExit = (code: number | null, signal: string | null) => {
    serverExit = `${code ?? signal}`;
    console.error(`the server exited (${serverExit}) during the soak`);
  };
  server.child.once("exit", onExit);
  // The groups dealt round-robin to the generator threads.
  const shares = Array.from({ length: GENERATORS }, (_, i) =>
    generatorThread<ShareStep>(import.meta.url, {
      soakShare: {
        url: server.url,
        groups: Array.from({ length: groups }, (_, g) => g).filter((g) => g % GENERATORS === i).map((g) => Math.min(4, CLIENTS - 4 * g)),
        joinConcurrency: Math.max(1, Math.round(JOIN_CONCURRENCY / GENERATORS)),
      },
    }),
  );
  let counters: Counters = { started: 0, ended: 0, joinFailures: 0, lost: 0 };
  try {
    const check = await scrape(server.url);
    if (FORCED_GC && !Number.isFinite(check.heap)) console.log("soak: the server's /metrics has no accord_nodejs_heap_size_used_bytes; heap figures will read —");
    const t0 = performance.now();
    const joined = (await Promise.all(shares.map((s) => s.run("join")))) as { joinFailures: number }[];
    const joinFailures = joined.reduce((n, j) => n + j.joinFailures, 0);
    console.log(
      `soak: ${groups} tables created and joined in ${((performance.now() - t0) / 1000).toFixed(1)} s by ${GENERATORS} generator thread${GENERATORS > 1 ? "s" : ""} (SOAK_GENERATORS)${joinFailures ? ` (${joinFailures} join failures)` : ""}`,
    );
    const heaps: number[] = [];
    const minutes: { cpuPerAction: number; p99: number; heap: number; actions: number }[] = [];
    const pid = server.child.pid!;
    let cpu0 = cpuSeconds(pid);
    let last = await scrape(server.url);
    const first = last;
    const profiled = (minute: number) => PROFILE_DIR !== null && (minute === 1 || minute === MINUTES);
    for (let minute = 1; minute <= MINUTES; minute++) {
      if (profiled(minute)) server.child.kill("SIGUSR2");
      await sleep(MINUTE_MS);
      if (profiled(minute)) server.child.kill("SIGUSR2");
      if (serverExit !== null) throw new Error(`the server is gone (${serverExit})`);
      const [now, threads] = await Promise.all([scrape(server.url), Promise.all(shares.map((s) => s.run("minute"))) as Promise<ShareMinute[]>]);
      heaps.push(now.heap);
      const answers = threads.flatMap((t) => t.answers).sort((a, b) => a - b);
      const refused = new Map<string, number>();
      for (const t of threads) for (const [k, n] of t.refusals) refused.set(k, (refused.get(k) ?? 0) + n);
      const refusals = [...refused].map(([k, n]) => `${k}×${n}`).join(" ") || "0";
      counters = threads.reduce((c, t) => ({ started: c.started + t.counters.started, ended: c.ended + t.counters.ended, joinFailures: c.joinFailures + t.counters.joinFailures, lost: c.lost + t.counters.lost }), { started: 0, ended: 0, joinFailures: 0, lost: 0 });
      const cpu = cpuSeconds(pid);
      const cpuPerAction = (1000 * (cpu - cpu0)) / Math.max(1, now.actions - last.actions);
      cpu0 = cpu;
      minutes.push({ cpuPerAction, p99: percentile(answers, 99), heap: now.heap, actions: now.actions });
      const each = (f: (t: ShareMinute) => string) => threads.map(f).join(" / ");
      console.log(
        `minute ${String(minute).padStart(2)}: server CPU ${cpuPerAction.toFixed(3)} ms/action  heap after GC ${mb(now.heap)} ` +
          `(${perAction(now.heap - last.heap, now.actions - last.actions)} kept per action this minute, RSS ${perAction(now.rss - last.rss, now.actions - last.actions)})  RSS ${mb(now.rss)} (V8 heap committed ${mb(now.heapTotal)}, external ${mb(now.external)})  ` +
          `database ${mb(fileSize(join(dataDir, "accord.sqlite")))} + WAL ${mb(fileSize(join(dataDir, "accord.sqlite-wal")))}  ` +
          `tables live ${now.rooms} (${now.clients} clients connected; ${counters.started} started, ${counters.ended} ended so far)  ` +
          `actions ${now.actions - last.actions} (server, bots included; ${((now.actions - last.actions) / (MINUTE_MS / 1000)).toFixed(0)}/s), ` +
          `${threads.reduce((n, t) => n + t.answered, 0)} answered to clients (p50 ${ms(percentile(answers, 50))}, p99 ${ms(percentile(answers, 99))}), ` +
          `refused ${refusals}, errors ${threads.reduce((n, t) => n + t.errors, 0)}; ` +
          `the server's event-loop delay p99 ${ms(now.loopP99)}, max ${ms(now.loopMax)}; ` +
          `the clients' thread${threads.length > 1 ? "s (each)" : ""}: event-loop delay p99 ${each((t) => ms(t.loopP99))}, max ${each((t) => ms(t.loopMax))}, ` +
          `GC ${each((t) => `${((100 * t.gcTotal) / MINUTE_MS).toFixed(0)}%`)} of the minute, longest pause ${each((t) => ms(t.gcLongest))}, ` +
          `heap ${each((t) => mb(t.heap))} (after its latest full GC ${each((t) => mb(t.heapAfterGC))})`,
      );
      last = now;
    }
    if (minutes.length >= 2) {
      const a = minutes[0]!;
      const z = minutes.at(-1)!;
      console.log(
        `soak: last minute / first minute: server CPU per action ${(z.cpuPerAction / a.cpuPerAction).toFixed(2)}× (${z.cpuPerAction.toFixed(3)} / ${a.cpuPerAction.toFixed(3)} ms), ` +
          `answer p99 ${(z.p99 / a.p99).toFixed(2)}× (${ms(z.p99)} / ${ms(a.p99)}) (target ≤ 1.2× for both); ` +
          `heap kept per action from the first minute to the last: ${perAction(z.heap - a.heap, z.actions - a.actions)} ` +
          `(from the start: ${perAction(z.heap - first.heap, z.actions - first.actions)}; target < 1 kB)`,
      );
    }
    const base = heaps.length >= 2 ? heaps[1]! : heaps[0]!;
    const ratio = heaps.at(-1)! / base;
    const flat = Math.abs(ratio - 1) <= 0.1;
    console.log(
      `soak: heap after GC, last minute / ${heaps.length >= 2 ? "second" : "first"} minute = ${ratio.toFixed(3)} ` +
        `(${mb(heaps.at(-1)!)} / ${mb(base)}): ${!Number.isFinite(ratio) ? "not known (no full GC of its own yet by one of them)" : flat ? "flat (within 10%)" : "NOT flat (more than 10% apart)"}; ` +
        `${counters.started} tables started, ${counters.ended} ended, ${counters.lost} lost their host, ${counters.joinFailures} join failures`,
    );
  } finally {
    await Promise.all(shares.map((s) => s.run("stop").catch(() => undefined)));
    await Promise.all(shares.map((s) => s.close()));
    server.child.off("exit", onExit);
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
  process.exit(0);
}
