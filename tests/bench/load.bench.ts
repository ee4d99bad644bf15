// Load test of the game server, the project's own (loopback only, bounded in time and count).
//
// The server runs as `npm start` runs it (node bin/server.js, SQLite in a temp folder) in a child
// process; this process is the load generator: real @colyseus/sdk clients. Two phases in the same
// run, with the same number of clients and rooms and the same pace:
//   1. bare: a Colyseus room with no game (each request bumps a counter, the patch goes out at once);
//   2. game: real tables — a five-delegation multilateral negotiation, four delegations played by
//      scripted clients and one by a bot — where each request is a real action (a proposal or a
//      vote when it is the client's move, otherwise a statement, a private message or a team note)
//      through the protocol's checks, the rules engine, the event log and the projection.
// Each client acts once every LOAD_INTERVAL_MS on average (uniformly 0–2× that). Reported: clients
// connected, actions per second, and p50/p99 from the request to its answer and to the state patch
// carrying it, plus errors, the server's CPU use (and milliseconds of it per action: the steadiest
// figure when other work shares the machine; compare it with the bare room's in the same run),
// and the frames each action costs by kind (patches, answers, seat messages).
//
// `runLoad` runs one phase against servers already running (tests/bench/scale.bench.ts uses it);
// `writeBenchScenarios` and `benchServerEnv` prepare such servers. Their names and shapes are
// kept stable.
//
//   LOAD_CLIENTS (4000)   LOAD_ROOMS (clients/4)   LOAD_SECONDS (20, measured)   LOAD_WARMUP (5)
//   LOAD_INTERVAL_MS (2000)   LOAD_PHASES (bare,game; repeat the pair for several ratios)   LOAD_JOIN_CONCURRENCY (24)
//   LOAD_GENERATORS (1)       generator threads the clients are spread over (tests/bench/load-share.ts)
//   LOAD_SERVER_NODE_OPTIONS  NODE_OPTIONS for the server process alone
//   LOAD_SERVER_FLAGS         Node flags for the server instead of `npm start`'s ("none": Node's defaults), to compare
//   LOAD_SERVER_PROFILE=dir   a CPU profile of the server over each measured window (and its
//                             event-loop delay), through tests/bench/profiled-server.ts
//   LOAD_GENERATOR_PROFILE=dir  a CPU profile of each generator thread over each measured window
//
// The server and this load generator share the machine's cores; the generator decodes every
// patch for every client, so on a small machine it saturates first and its own event-loop delay
// (reported beside the server's) becomes part of the latency measured. Each phase's clients run
// in fresh worker threads; more than one (LOAD_GENERATORS) helps only where there are cores to
// spare (on 2 cores, 2 threads cost more CPU and measured no better). Run it on a quiet machine:
// other processes' load shows up as latency in both phases.
//
// Each phase runs on a fresh server (LOAD_FRESH=0: all on one), so every pair starts from the same
// state; the end prints each pair's game/bare ratios (server CPU per action first), their median
// and their spread.
//
// Run with `npm run bench -- load`, or `node bin/run-ts.js tests/bench/load.bench.ts`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import YAML from "yaml";
import { checkScenario } from "../../shared/scenario/load.ts";
import type { ScenarioInput } from "../../shared/scenario/schema.ts";
import { fixtureData } from "../helpers/fixtures.ts";
import { type ServerProcess, startServerProcess } from "../server/harness.ts";
import { FRAME_KINDS, type ShareOptions, type ShareResult, type ShareStep } from "./load-share.ts";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const CLIENTS = env("LOAD_CLIENTS", 4000);
const ROOMS = Math.max(1, Math.min(CLIENTS, env("LOAD_ROOMS", Math.ceil(CLIENTS / 4))));
const SECONDS = env("LOAD_SECONDS", 20);
const WARMUP = env("LOAD_WARMUP", 5);
const INTERVAL = env("LOAD_INTERVAL_MS", 2000);
const JOIN_CONCURRENCY = env("LOAD_JOIN_CONCURRENCY", 24);
const PHASES = (process.env.LOAD_PHASES ?? "bare,game").split(",").map((s) => s.trim());
const GENERATORS = env("LOAD_GENERATORS", 1);

/** The bench table: the multilateral fixture with a fifth delegation (a bot) and a long deadline (soak.bench.ts and abuse.bench.ts start from it too). */
export function benchScenario(): ScenarioInput {
  const data = fixtureData("multilateral-test");
  data.id = "load-bench";
  data.title = "Regional cyber norms (load bench)";
  data.deadline = { rounds: 1000, secondsPerTurn: 300 };
  data.delegations.push({
    id: "epsilon",
    name: "Epsilon",
    publicBrief: "Epsilon is a regional organisation's secretariat.",
    privateBrief: "You want any text that funds training.",
    profile: {
      weights: { language: 0.4, assistance: 0.6 },
      values: { language: { binding: 0.6, voluntary: 0.6 }, assistance: { fund: 0.5, training: 0.9, none: 0.2 } },
      reservationValue: 0.3,
    },
  });
  const checked = checkScenario("load-bench", data);
  if (!checked.ok) throw new Error(`the bench scenario does not load: ${checked.errors.join("; ")}`);
  return data;
}

/** Write the bench scenario where a server's SCENARIOS_DIR can find it (as `load-bench`). */
export function writeBenchScenarios(scenariosDir: string): void {
  mkdirSync(join(scenariosDir, "load-bench"), { recursive: true });
  writeFileSync(join(scenariosDir, "load-bench", "scenario.yaml"), YAML.stringify(benchScenario()));
}

/**
 * The environment a server under load needs (besides PORT, DATA_DIR): the bench scenario's folder,
 * the bare room, bots with a human-like delay, room for every table.
 */
export function benchServerEnv(scenariosDir: string, rooms: number): Record<string, string> {
  return {
    SCENARIOS_DIR: scenariosDir,
    BENCH_BARE_ROOM: "1",
    BOT_DELAY_MS: "500-2000",
    LOG_LEVEL: "warn",
    MAX_MATCHES: String(rooms * 2 + 100),
    // Every client of a bench comes from this one address: the limits an anonymous visitor meets
    // (creation quotas, connections per address) would refuse a bench's worth of tables and sockets.
    // They are measured by abuse.bench.ts, not here.
    QUOTA_TABLES: "1000000,1000000",
    QUOTA_GLOBAL: "1000000,1000000",
    MAX_CONNECTIONS_PER_ADDRESS: "0",
  };
}

/**
 * `name` set in the environment: Node's flags for a bench's servers instead of `npm start`'s, to
 * compare (space-separated; "none" for Node's defaults). Unset: nothing, the servers run as npm start's.
 */
export function serverFlagsFrom(name: string): { nodeFlags?: string[] } {
  const value = process.env[name];
  if (!value) return {};
  return { nodeFlags: value === "none" ? [] : value.split(" ").filter(Boolean) };
}

function startServer(dataDir: string, scenariosDir: string): Promise<ServerProcess> {
  // LOAD_SERVER_PROFILE=dir: profile the server during the (last) phase's measured window.
  const profiling = process.env.LOAD_SERVER_PROFILE;
  return startServerProcess({
    entry: profiling ? ["bin/run-ts.js", "tests/bench/profiled-server.ts"] : ["bin/server.js"],
    // LOAD_SERVER_FLAGS: Node's flags for the server instead of `npm start`'s ("none" for none), to compare.
    ...serverFlagsFrom("LOAD_SERVER_FLAGS"),
    env: {
      ...benchServerEnv(scenariosDir, ROOMS),
      // Every game phase's tables at once: a phase's tables outlive it by the reconnection window.
      MAX_MATCHES: String(ROOMS * (PHASES.filter((p) => p === "game").length + 1) + 100),
      DATA_DIR: dataDir,
      PROFILE_DIR: profiling ?? "",
      // LOAD_SERVER_NODE_OPTIONS: Node options for the server alone (e.g. heap settings to compare).
      ...(process.env.LOAD_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.LOAD_SERVER_NODE_OPTIONS } : {}),
    },
    echo: true,
  });
}

/** CPU seconds used so far by a process, or by its main thread alone with `mainThread` (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number, mainThread = false): number {
  try {
    const fields = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * What one phase of the load measured. Used by tests/bench/scale.bench.ts too: keep the names and
 * their meaning stable.
 */
export interface LoadFigures {
  phase: "bare" | "game";
  /** Clients still connected at the end of the measured window. */
  clients: number;
  rooms: number;
  actionsPerSecond: number;
  /** Every accepted action at the tables, the bots' included (from the tables' versions); the bare room's equal actionsPerSecond. */
  tableActionsPerSecond?: number;
  answerP50: number;
  answerP99: number;
  patchP50: number;
  patchP99: number;
  /** Refusals by code, e.g. "stale_version×3" ("0" when none). */
  refused: string;
  errors: number;
  /** CPU used by the servers (sum over `serverPids`, in cores: 1 = one core busy), NaN without pids. */
  serverCpu: number;
  /** Server CPU milliseconds per answered action. */
  serverCpuMsPerAction: number;
  /** Of which on the servers' main threads (the event loop); the rest is their other threads (GC helpers, SQLite's writer and checkpointer). */
  serverMainCpuMsPerAction?: number;
  /** CPU used by the load generator (this process, every generator thread), in cores. */
  generatorCpu: number;
  /** Generator threads the clients were spread over. */
  generators?: number;
  /** The servers' event-loop delay over the window (ms, the worst server; from their /metrics). */
  serverLoopP99?: number;
  serverLoopMax?: number;
  /** The load generator's own event-loop delay over the window (ms, its worst thread): when high, latency is the generator's, not the server's. */
  generatorLoopP99?: number;
  generatorLoopMax?: number;
  /** The generator's longest garbage-collection pause over the window (ms, its worst thread), and its share of the window. */
  generatorGcMax?: number;
  generatorGcShare?: number;
  framesPerAction: number;
  /** Frames per action by kind ("patch", "reply", "message", "ping", or the protocol code). */
  framesByKind?: Record<string, number>;
  bytesPerFrame: number;
  joinSeconds: number;
}

/**
 * Options of one phase of load. Used by tests/bench/scale.bench.ts too: keep the names and their
 * meaning stable (add optional ones only).
 */
export interface LoadOptions {
  /** Server base URLs (http://host:port); rooms are spread over them in turn. */
  urls: string[];
  clients: number;
  /** Measured seconds (after the warm-up). */
  seconds: number;
  room: "negotiation" | "bare";
  /** Default: clients / 4. */
  rooms?: number;
  /** Seconds of load before measuring (default 5). */
  warmupSeconds?: number;
  /** Each client acts every this many ms on average (default 2000). */
  intervalMs?: number;
  /** Rooms created at once while joining (default 12). */
  joinConcurrency?: number;
  /** Generator threads (worker threads, fresh for each phase) to spread the clients over (default 1). */
  generators?: number;
  /** Server process ids whose CPU use to report (Linux /proc). */
  serverPids?: number[];
  /** Write each generator thread's CPU profile of the measured window to this folder. */
  generatorProfileDir?: string;
  /** Called as the measured window starts and ends (e.g. to profile the server). */
  onWindow?: (edge: "start" | "end") => void;
}

/**
 * One phase of load against running servers (which must have the bench scenario, see
 * `writeBenchScenarios` and `benchServerEnv`): join every client, act for the warm-up and the
 * measured window, leave. Stable API, used by tests/bench/scale.bench.ts.
 */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const phase = options.room === "bare" ? "bare" : "game";
  const CLIENTS = options.clients;
  const ROOMS = Math.max(1, Math.min(CLIENTS, options.rooms ?? Math.ceil(CLIENTS / 4)));
  const pids = options.serverPids ?? [];
  const perRoom = Array.from({ length: ROOMS }, (_, i) => Math.floor(CLIENTS / ROOMS) + (i < CLIENTS % ROOMS ? 1 : 0));
  // The tables in contiguous slices, one per generator thread. Each phase gets fresh threads: a
  // generator that has already run a phase carries its clients' leftovers (heap, sockets) into the
  // next, and the phase run second measured several times slower for it (seen here: a game phase
  // alone p99 ≈ 110 ms, the same after a bare phase in the same thread 240–530 ms).
  const generators = Math.max(1, Math.min(ROOMS, Math.floor(options.generators ?? 1)));
  const shares: Share[] = [];
  for (let g = 0, first = 0; g < generators; g++) {
    const count = Math.floor(ROOMS / generators) + (g < ROOMS % generators ? 1 : 0);
    const share: ShareOptions = {
      urls: options.urls,
      perRoom: perRoom.slice(first, first + count),
      firstTable: first,
      room: options.room,
      intervalMs: options.intervalMs ?? 2000,
      joinConcurrency: Math.max(1, Math.ceil((options.joinConcurrency ?? 12) / generators)),
      profileDir: options.generatorProfileDir,
    };
    shares.push(inWorker(share));
    first += count;
  }
  const all = <T>(step: ShareStep) => Promise.all(shares.map((s) => s.run(step))) as Promise<T[]>;
  try {
    await all("join");
    await all("start");
    await new Promise((r) => setTimeout(r, (options.warmupSeconds ?? 5) * 1000));
    // A scrape resets each server's event-loop histogram (prom-client), so the next one covers the
    // window (and the 2 s in which its last requests land). Outside the window: a scrape is itself
    // a few milliseconds of the server's time with thousands of sockets open.
    await serverLoopDelay(options.urls);
    await all("beginWindow");
    options.onWindow?.("start");
    const serverCpu = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const mainCpu = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid, true), 0);
    const cpu0 = serverCpu();
    const main0 = mainCpu();
    // This process's CPU, every generator thread's included.
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, options.seconds * 1000));
    const elapsed = (performance.now() - t0) / 1000;
    const cpuUsed = serverCpu() - cpu0;
    const mainUsed = mainCpu() - main0;
    const own = process.cpuUsage(own0);
    await all("endWindow");
    options.onWindow?.("end");
    // Let the requests in flight land (they count: they were sent while measuring), then leave.
    await new Promise((r) => setTimeout(r, 2000));
    const serverLoop = await serverLoopDelay(options.urls);
    const results = await all<ShareResult>("finish");
    return figures(phase, ROOMS, results, {
      elapsed,
      serverCpu: pids.length > 0 ? cpuUsed / elapsed : NaN,
      serverCpuSeconds: pids.length > 0 ? cpuUsed : NaN,
      serverMainCpuSeconds: pids.length > 0 ? mainUsed : NaN,
      generatorCpu: (own.user + own.system) / 1e6 / elapsed,
      serverLoop,
    });
  } finally {
    await Promise.all(shares.map((s) => s.close()));
  }
}

/**
 * The servers' event-loop delay (ms, the worst server) since their previous scrape, from their
 * own /metrics (prom-client's lag gauges, whose histogram each scrape resets). NaN when unreadable.
 */
async function serverLoopDelay(urls: string[]): Promise<{ p99: number; max: number }> {
  const read = async (url: string) => {
    try {
      const text = await (await fetch(`${url}/metrics`)).text();
      const gauge = (name: string) => Number(new RegExp(`^accord_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
      return { p99: 1000 * gauge("p99"), max: 1000 * gauge("max") };
    } catch {
      return { p99: NaN, max: NaN };
    }
  };
  const all = await Promise.all(urls.map(read));
  return { p99: Math.max(...all.map((l) => l.p99)), max: Math.max(...all.map((l) => l.max)) };
}

/** A share of the load: the clients of one generator thread. */
type Share = GeneratorThread<ShareStep>;

/** A share in a worker thread: load-share.ts through tsx's loader, driven by messages. */
function inWorker(options: ShareOptions): Share {
  return generatorThread<ShareStep>(new URL("./load-share.ts", import.meta.url).href, { loadShare: options });
}

/** A generator thread's handle: run a step in it (its answer), or stop it. */
export interface GeneratorThread<Step extends string> {
  run(step: Step): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * A generator thread: `moduleUrl` (TypeScript, through tsx's loader) in a worker thread with
 * `workerData`, driven by messages `{ id, step }` that it answers with `{ id, result }` or
 * `{ id, error }` once the step is done (load-share.ts and soak.bench.ts answer them).
 */
export function generatorThread<Step extends string>(moduleUrl: string, workerData: Record<string, unknown>): GeneratorThread<Step> {
  const tsx = import.meta.resolve("tsx/esm/api");
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl)}); });`,
    { eval: true, workerData },
  );
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  worker.on("message", (m: { id: number; result?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(m.error));
    else w?.resolve(m.result);
  });
  worker.on("error", (e) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  });
  return {
    run: (step) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, step });
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}

/** One phase's figures from its shares' raw samples. */
function figures(
  phase: "bare" | "game",
  rooms: number,
  results: ShareResult[],
  measured: { elapsed: number; serverCpu: number; serverCpuSeconds: number; serverMainCpuSeconds: number; generatorCpu: number; serverLoop: { p99: number; max: number } },
): LoadFigures {
  const sum = (f: (r: ShareResult) => number) => results.reduce((s, r) => s + f(r), 0);
  const merge = (pairs: [string | number, number][][]) => {
    const out = new Map<string | number, number>();
    for (const list of pairs) for (const [k, n] of list) out.set(k, (out.get(k) ?? 0) + n);
    return out;
  };
  const answers = results.flatMap((r) => r.answers).sort((a, b) => a - b);
  const patches = results.flatMap((r) => r.patches).sort((a, b) => a - b);
  const actions = sum((r) => r.actions);
  const frames = sum((r) => r.frames);
  const { elapsed } = measured;
  return {
    phase,
    clients: sum((r) => r.connected),
    rooms,
    actionsPerSecond: actions / elapsed,
    tableActionsPerSecond: sum((r) => r.tableActions) / elapsed,
    answerP50: percentile(answers, 50),
    answerP99: percentile(answers, 99),
    patchP50: percentile(patches, 50),
    patchP99: percentile(patches, 99),
    refused: [...merge(results.map((r) => r.refusals))].map(([k, v]) => `${k}×${v}`).join(" ") || "0",
    errors: sum((r) => r.errors + r.joinFailures),
    serverCpu: measured.serverCpu,
    serverCpuMsPerAction: (1000 * measured.serverCpuSeconds) / Math.max(1, actions),
    serverMainCpuMsPerAction: (1000 * measured.serverMainCpuSeconds) / Math.max(1, actions),
    generatorCpu: measured.generatorCpu,
    generators: results.length,
    serverLoopP99: measured.serverLoop.p99,
    serverLoopMax: measured.serverLoop.max,
    generatorLoopP99: Math.max(...results.map((r) => r.loopP99)),
    generatorLoopMax: Math.max(...results.map((r) => r.loopMax)),
    generatorGcMax: Math.max(...results.map((r) => r.gcMax)),
    generatorGcShare: sum((r) => r.gcTotal) / 1000 / elapsed / results.length,
    framesPerAction: frames / Math.max(1, actions),
    framesByKind: Object.fromEntries([...merge(results.map((r) => r.kinds))].map(([k, n]) => [FRAME_KINDS[k as number] ?? String(k), n / Math.max(1, actions)])),
    bytesPerFrame: sum((r) => r.bytes) / Math.max(1, frames),
    joinSeconds: Math.max(...results.map((r) => r.joinSeconds)),
  };
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "—");

/** One line of figures for a phase. Used by tests/bench/scale.bench.ts too. */
export function formatFigures(r: LoadFigures): string {
  return (
    `${r.phase.padEnd(5)} ${String(r.clients).padStart(5)} clients  ${r.actionsPerSecond.toFixed(0).padStart(5)} actions/s ` +
    `(${(r.tableActionsPerSecond ?? NaN).toFixed(0)} at the tables, bots included)  ` +
    `answer p50 ${ms(r.answerP50)} p99 ${ms(r.answerP99)}  patch p50 ${ms(r.patchP50)} p99 ${ms(r.patchP99)}  ` +
    `refused ${r.refused}  errors ${r.errors}  server event-loop delay p99 ${ms(r.serverLoopP99 ?? NaN)}, max ${ms(r.serverLoopMax ?? NaN)}  CPU: server ${(100 * r.serverCpu).toFixed(0)}% (${r.serverCpuMsPerAction.toFixed(2)} ms/action, ${((r.serverCpuMsPerAction * r.actionsPerSecond) / (r.tableActionsPerSecond || r.actionsPerSecond)).toFixed(2)} per table action; main thread ${(r.serverMainCpuMsPerAction ?? NaN).toFixed(2)} ms/action), ` +
    `load generator ${(100 * r.generatorCpu).toFixed(0)}% in ${r.generators ?? 1} thread${(r.generators ?? 1) === 1 ? "" : "s"} (event-loop delay p99 ${ms(r.generatorLoopP99 ?? NaN)}, max ${ms(r.generatorLoopMax ?? NaN)}; GC ${(100 * (r.generatorGcShare ?? NaN)).toFixed(0)}% of the time, longest pause ${ms(r.generatorGcMax ?? NaN)})  ` +
    `${r.framesPerAction.toFixed(1)} frames/action (${Object.entries(r.framesByKind ?? {}).map(([k, n]) => `${k} ${n.toFixed(2)}`).join(", ")}), ${r.bytesPerFrame.toFixed(0)} B/frame  (joined in ${r.joinSeconds.toFixed(1)} s)`
  );
}

/** LOAD_FRESH=0: every phase on the one server (the earlier phases' tables still open); default: a fresh server per phase. */
const FRESH = process.env.LOAD_FRESH !== "0";

/** The median and the spread (lowest–highest) of some ratios. */
export function spreadOf(xs: number[]): string {
  const sorted = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return "—";
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return `median ${median.toFixed(2)}×, spread ${sorted[0]!.toFixed(2)}–${sorted.at(-1)!.toFixed(2)}×`;
}

/** Each game phase against the bare phase of its pair: server CPU per action first (the steady figure), then p50 and p99. */
export function printPairs(results: LoadFigures[]): void {
  const bares = results.filter((r) => r.phase === "bare");
  const games = results.filter((r) => r.phase === "game");
  const pairs = games.slice(0, bares.length).map((g, i) => {
    const b = bares[i]!;
    const tableCpu = (g.serverCpuMsPerAction * g.actionsPerSecond) / (g.tableActionsPerSecond || g.actionsPerSecond);
    return {
      cpu: g.serverCpuMsPerAction / b.serverCpuMsPerAction,
      tableCpu: tableCpu / b.serverCpuMsPerAction,
      p50: g.answerP50 / b.answerP50,
      p50Gap: g.answerP50 - b.answerP50,
      answer: g.answerP99 / b.answerP99,
      patch: g.patchP99 / b.patchP99,
      gc: (g.generatorGcShare ?? NaN) / (b.generatorGcShare ?? NaN),
      errors: g.errors + b.errors,
      line:
        `bare ${b.serverCpuMsPerAction.toFixed(3)} / game ${g.serverCpuMsPerAction.toFixed(3)} ms (${tableCpu.toFixed(3)} per table action; ` +
        `main thread ${(b.serverMainCpuMsPerAction ?? NaN).toFixed(3)} / ${(g.serverMainCpuMsPerAction ?? NaN).toFixed(3)})`,
    };
  });
  for (const [i, r] of pairs.entries()) {
    console.log(
      `pair ${i + 1}: server CPU per action ${r.line}: ${r.cpu.toFixed(2)}× (per table action ${r.tableCpu.toFixed(2)}×, target ≤ 1.3×)  ` +
        `answer p50 +${r.p50Gap.toFixed(1)} ms (${r.p50.toFixed(2)}×, target within 2 ms)  p99 answer ${r.answer.toFixed(2)}×, patch ${r.patch.toFixed(2)}× (target ≤ 1.2×)  ` +
        `generator GC ${r.gc.toFixed(2)}× (target ≤ 2×)  errors ${r.errors}`,
    );
  }
  if (pairs.length > 0) {
    console.log(`over ${pairs.length} pair${pairs.length === 1 ? "" : "s"}:`);
    console.log(`  server CPU per action game/bare: ${spreadOf(pairs.map((r) => r.cpu))}; per table action: ${spreadOf(pairs.map((r) => r.tableCpu))}`);
    console.log(`  answer p50 game/bare: ${spreadOf(pairs.map((r) => r.p50))}`);
    console.log(`  answer p99 game/bare: ${spreadOf(pairs.map((r) => r.answer))}; patch p99: ${spreadOf(pairs.map((r) => r.patch))}`);
    console.log(`  generator GC game/bare: ${spreadOf(pairs.map((r) => r.gc))}`);
  }
}

export async function run(): Promise<void> {
  console.log(
    `load: ${CLIENTS} clients in ${ROOMS} rooms, each acting every ${INTERVAL} ms on average; ` +
      `${WARMUP} s warm-up, ${SECONDS} s measured per phase; clients spread over ${GENERATORS} generator thread${GENERATORS === 1 ? "" : "s"}; ` +
      `${FRESH ? "each phase on a fresh server" : "every phase on one server (LOAD_FRESH=0: earlier phases' tables stay open)"} ` +
      `(LOAD_CLIENTS, LOAD_ROOMS, LOAD_SECONDS, LOAD_INTERVAL_MS, LOAD_GENERATORS, LOAD_FRESH)`,
  );
  const work = mkdtempSync(join(tmpdir(), "accord-load-"));
  const scenarios = join(work, "scenarios");
  writeBenchScenarios(scenarios);
  let server: ServerProcess | null = null;
  let serverExit: string | null = null;
  const onExit = (code: number | null, signal: string | null) => {
    serverExit = `${code ?? signal}`;
    console.error(`the server exited (${serverExit}) during the benchmark`);
  };
  const stop = async () => {
    if (!server) return;
    // SIGTERM: a clean exit (and a CPU profile when NODE_OPTIONS asks for one); SIGKILL if it lingers.
    server.child.off("exit", onExit);
    await server.stop();
    server = null;
  };
  const results: LoadFigures[] = [];
  const profiling = Boolean(process.env.LOAD_SERVER_PROFILE);
  try {
    for (const [k, phase] of PHASES.entries()) {
      if (phase !== "bare" && phase !== "game") throw new Error(`LOAD_PHASES: unknown phase '${phase}' (bare, game)`);
      // A fresh server (and database) per phase: each phase starts from the same state, so the
      // pairs compare (on one server, the earlier game phases' tables would still be open).
      if (FRESH) await stop();
      if (!server) {
        serverExit = null;
        server = await startServer(join(work, `data-${k}`), scenarios);
        server.child.once("exit", onExit);
      }
      if (serverExit !== null) throw new Error(`the server is gone (${serverExit})`);
      const current: ServerProcess = server;
      const r = await runLoad({
        urls: [current.url],
        clients: CLIENTS,
        rooms: ROOMS,
        seconds: SECONDS,
        warmupSeconds: WARMUP,
        intervalMs: INTERVAL,
        joinConcurrency: Math.max(1, Math.floor(JOIN_CONCURRENCY / 2)),
        generators: GENERATORS,
        generatorProfileDir: process.env.LOAD_GENERATOR_PROFILE || undefined,
        room: phase === "bare" ? "bare" : "negotiation",
        serverPids: [current.child.pid!],
        onWindow: profiling ? () => current.child.kill("SIGUSR2") : undefined,
      });
      results.push(r);
      console.log(`server CPU ${r.serverCpuMsPerAction.toFixed(3)} ms/action  ${formatFigures(r)}`);
    }
    printPairs(results);
  } finally {
    await stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
  process.exit(0);
}
