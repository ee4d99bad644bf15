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
//   LOAD_INTERVAL_MS (2000)   LOAD_PHASES (bare,game)   LOAD_JOIN_CONCURRENCY (24)
//   LOAD_SERVER_PROFILE=dir   a CPU profile of the server over each measured window (and its
//                             event-loop delay), through tests/bench/profiled-server.ts
//
// The server and this load generator share the machine's cores; the generator decodes every
// patch for every client, so on a small machine it saturates first. Run it on a quiet machine:
// other processes' load shows up as latency in both phases.
//
// Run with `npm run bench -- load`, or `node bin/run-ts.js tests/bench/load.bench.ts`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { Client, type Room } from "@colyseus/sdk";
import YAML from "yaml";
import { applySeatUpdate, type SeatSnapshot, type SeatUpdate, type Welcome } from "../../shared/protocol/index.ts";
import { TableState } from "../../shared/state/table.ts";
import { BareState } from "../../server/rooms/bare.ts";
import { checkScenario } from "../../shared/scenario/load.ts";
import type { ScenarioInput } from "../../shared/scenario/schema.ts";
import { fixtureData } from "../helpers/fixtures.ts";
import { type ServerProcess, startServerProcess } from "../server/harness.ts";

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
const REQUEST_TIMEOUT = 15_000;

const PEOPLE = ["alpha", "beta", "gamma", "delta"];

/** The bench table: the multilateral fixture with a fifth delegation (a bot) and a long deadline. */
function benchScenario(): ScenarioInput {
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
  };
}

function startServer(dataDir: string, scenariosDir: string): Promise<ServerProcess> {
  // LOAD_SERVER_PROFILE=dir: profile the server during the (last) phase's measured window.
  const profiling = process.env.LOAD_SERVER_PROFILE;
  return startServerProcess({
    entry: profiling ? ["bin/run-ts.js", "tests/bench/profiled-server.ts"] : ["bin/server.js"],
    env: { ...benchServerEnv(scenariosDir, ROOMS), DATA_DIR: dataDir, PROFILE_DIR: profiling ?? "" },
    echo: true,
  });
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

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Stats {
  answers: number[];
  patches: number[];
  actions: number;
  refused: number;
  errors: number;
  refusals: Map<string, number>;
  measuring: boolean;
  /** Frames and bytes received by all clients while measuring. */
  frames: number;
  bytes: number;
  /** Frames by Colyseus protocol code (the first byte) while measuring. */
  kinds: Map<number, number>;
}

/** Colyseus's protocol codes (@colyseus/shared-types Protocol), for the frame counts. */
const FRAME_KINDS: Record<number, string> = { 13: "message", 15: "patch", 18: "ping", 22: "reply" };

/** One client of the load: its room, its version timeline, its pace. */
class LoadClient {
  private seen: { version: number; at: number }[] = [];
  private waiting: { version: number; resolve: (at: number) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  seat: SeatSnapshot | null = null;
  welcome: Welcome | null = null;
  private n = 0;

  constructor(
    readonly room: Room,
    readonly delegation: string | null,
    private readonly stats: Stats,
  ) {
    room.reconnection.enabled = false;
    const events = room.connection.events;
    const onmessage = events.onmessage!;
    events.onmessage = (event: MessageEvent) => {
      if (this.stats.measuring) {
        this.stats.frames++;
        this.stats.bytes += (event.data as ArrayBuffer).byteLength;
        const kind = new Uint8Array(event.data as ArrayBuffer)[0] ?? 0;
        this.stats.kinds.set(kind, (this.stats.kinds.get(kind) ?? 0) + 1);
      }
      onmessage(event);
    };
    room.onStateChange((state: { version?: number }) => {
      const v = state.version ?? 0;
      const last = this.seen.at(-1);
      if (last && v <= last.version) return;
      const at = performance.now();
      this.seen.push({ version: v, at });
      if (this.seen.length > 64) this.seen.splice(0, 32);
      this.waiting = this.waiting.filter((w) => {
        if (v >= w.version) w.resolve(at);
        return v < w.version;
      });
    });
    room.onMessage("seat", (m: SeatSnapshot) => (this.seat = m));
    room.onMessage("seat_update", (u: SeatUpdate) => {
      if (this.seat) this.seat = applySeatUpdate(this.seat, u);
    });
    room.onMessage("welcome", (m: Welcome) => (this.welcome = m));
    room.onMessage("reveal", () => undefined);
    room.onMessage("notice", () => undefined);
  }

  /** When this client first saw the state at `version` or later. */
  private patchAt(version: number): Promise<number> {
    for (const s of this.seen) if (s.version >= version) return Promise.resolve(s.at);
    return new Promise((resolve) => this.waiting.push({ version, resolve }));
  }

  start(intervalMs: number, next: () => [string, Record<string, unknown>] | null): void {
    const tick = () => {
      this.timer = setTimeout(async () => {
        const step = next();
        if (step) await this.send(step[0], step[1]);
        if (this.timer) tick();
      }, Math.random() * 2 * intervalMs);
    };
    tick();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async send(type: string, payload: Record<string, unknown>): Promise<void> {
    const measuring = this.stats.measuring;
    const t0 = performance.now();
    try {
      const reply = (await this.room.request(type as never, payload as never, { timeout: REQUEST_TIMEOUT })) as { version: number };
      const answered = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const patched = await Promise.race([
        this.patchAt(reply.version),
        new Promise<number>((r) => (timer = setTimeout(() => r(NaN), REQUEST_TIMEOUT))),
      ]);
      clearTimeout(timer);
      if (!measuring) return;
      this.stats.actions++;
      this.stats.answers.push(answered - t0);
      if (Number.isFinite(patched)) this.stats.patches.push(patched - t0);
      else this.stats.errors++;
    } catch (e) {
      if (!measuring) return;
      const reason = (e as { reason?: { code: string } }).reason;
      if (reason) {
        this.stats.refused++;
        this.stats.refusals.set(reason.code, (this.stats.refusals.get(reason.code) ?? 0) + 1);
      } else this.stats.errors++;
    }
  }

  nextRequestId(): string {
    return `${this.room.sessionId}-${++this.n}`;
  }
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** The client's favourite package from its own profile (never one of its red lines). */
function favourite(seat: SeatSnapshot | null): Record<string, string> | null {
  const profile = seat?.me?.profile;
  if (!profile) return null;
  const pkg: Record<string, string> = {};
  for (const [issue, values] of Object.entries(profile.values)) {
    const banned = new Set(profile.redLines.filter((l) => l.issue === issue).map((l) => l.option));
    const best = Object.entries(values).filter(([o]) => !banned.has(o)).sort((a, b) => b[1] - a[1])[0];
    if (best) pkg[issue] = best[0];
  }
  return pkg;
}

type GameStateLike = { phase: string; stage: string; turn: string; version: number; offer?: { responses: Map<string, string> } };

/** The scripted person: a move when it is theirs (propose, or vote against to keep the table going), else talk. */
function gameStep(c: LoadClient): [string, Record<string, unknown>] | null {
  const s = c.room.state as GameStateLike;
  const me = c.delegation!;
  if (s.phase !== "running") return null;
  const base = { requestId: c.nextRequestId(), version: s.version };
  const voting = s.stage === "voting" && s.offer !== undefined;
  if (voting && !s.offer!.responses.has(me)) return ["vote", { ...base, accept: false }];
  if (!voting && s.turn === me) {
    const pkg = favourite(c.seat);
    return pkg ? ["propose", { ...base, package: pkg }] : ["pass", base];
  }
  const r = Math.random();
  if (r < 0.7) return ["statement", { ...base, text: `${me} restates its position on assistance and language (${base.requestId}).` }];
  if (r < 0.85) return ["team_note", { ...base, text: `note to self ${base.requestId}` }];
  const others = PEOPLE.filter((d) => d !== me);
  return ["private_message", { ...base, to: others[Math.floor(Math.random() * others.length)]!, text: `quiet word ${base.requestId}` }];
}

function bareStep(c: LoadClient): [string, Record<string, unknown>] {
  return ["act", { text: `a line of table talk of about the same length as a statement (${c.nextRequestId()})` }];
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
  generatorCpu: number;
  /** The load generator's own event-loop delay over the window (ms): when high, latency is the generator's, not the server's. */
  generatorLoopP99?: number;
  generatorLoopMax?: number;
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
  /** Server process ids whose CPU use to report (Linux /proc). */
  serverPids?: number[];
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
  const interval = options.intervalMs ?? 2000;
  const pids = options.serverPids ?? [];
  const stats: Stats = { answers: [], patches: [], actions: 0, refused: 0, errors: 0, refusals: new Map(), measuring: false, frames: 0, bytes: 0, kinds: new Map() };
  const clients: LoadClient[] = [];
  const perRoom = Array.from({ length: ROOMS }, (_, i) => Math.floor(CLIENTS / ROOMS) + (i < CLIENTS % ROOMS ? 1 : 0));
  const joinStart = performance.now();
  let joinFailures = 0;
  await pool(
    perRoom.map((n, i) => ({ n, i })),
    Math.max(1, options.joinConcurrency ?? 12),
    async ({ n, i }) => {
      const url = options.urls[i % options.urls.length]!;
      try {
        if (phase === "bare") {
          const first = await new Client(url).create("bare", {}, BareState);
          clients.push(new LoadClient(first, null, stats));
          await Promise.all(
            Array.from({ length: n - 1 }, async () => clients.push(new LoadClient(await new Client(url).joinById(first.roomId, {}, BareState), null, stats))),
          );
        } else {
          // Four people per table; a table with fewer clients has bots in the empty seats.
          const bots = [...PEOPLE.slice(Math.min(n, PEOPLE.length)), "epsilon"];
          const first = await new Client(url).create("negotiation", {
            scenario: "load-bench",
            delegation: PEOPLE[0],
            seats: Object.fromEntries(bots.map((d) => [d, { kind: "bot", strategy: "linear" }])),
            botTakeover: false,
          }, TableState);
          const host = new LoadClient(first, PEOPLE[0]!, stats);
          clients.push(host);
          const code = await new Promise<string>((resolve) => {
            const check = () => (host.welcome?.joinCode ? resolve(host.welcome.joinCode) : setTimeout(check, 5));
            check();
          });
          await Promise.all(
            PEOPLE.slice(1, n).map(async (delegation) => {
              const room = await new Client(url).joinById(first.roomId, { role: "delegation", delegation, code }, TableState);
              clients.push(new LoadClient(room, delegation, stats));
            }),
          );
          // Any clients beyond the four people watch.
          for (let k = PEOPLE.length; k < n; k++) clients.push(new LoadClient(await new Client(url).joinById(first.roomId, { role: "observer", code }, TableState), null, stats));
        }
      } catch (e) {
        joinFailures++;
        if (joinFailures <= 3) console.error(`  join failed: ${(e as Error).message}`);
      }
    },
  );
  const joinSeconds = (performance.now() - joinStart) / 1000;

  for (const c of clients) {
    if (phase === "bare") c.start(interval, () => bareStep(c));
    else if (c.delegation) c.start(interval, () => gameStep(c));
  }
  await new Promise((r) => setTimeout(r, (options.warmupSeconds ?? 5) * 1000));
  // The tables' versions, to count every action (the bots' too) over the window.
  const versions = () => {
    const byRoom = new Map<string, number>();
    for (const c of clients) byRoom.set(c.room.roomId, Math.max(byRoom.get(c.room.roomId) ?? 0, (c.room.state as { version?: number }).version ?? 0));
    return byRoom;
  };
  const versions0 = versions();
  stats.measuring = true;
  options.onWindow?.("start");
  const serverCpu = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const cpu0 = serverCpu();
  const own0 = process.cpuUsage();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, options.seconds * 1000));
  const elapsed = (performance.now() - t0) / 1000;
  let tableActions = 0;
  for (const [room, v] of versions()) tableActions += v - (versions0.get(room) ?? v);
  const cpuUsed = serverCpu() - cpu0;
  const cpu = pids.length > 0 ? cpuUsed / elapsed : NaN;
  options.onWindow?.("end");
  const own = process.cpuUsage(own0);
  loop.disable();
  const generatorCpu = (own.user + own.system) / 1e6 / elapsed;
  for (const c of clients) c.stop();
  // Let requests in flight land (they still count if they were sent while measuring).
  await new Promise((r) => setTimeout(r, 2000));
  stats.measuring = false;
  const connected = clients.filter((c) => c.room.connection.isOpen).length;
  await Promise.all(clients.map((c) => c.room.leave().catch(() => undefined)));

  const answers = stats.answers.sort((a, b) => a - b);
  const patches = stats.patches.sort((a, b) => a - b);
  return {
    phase,
    clients: connected,
    rooms: ROOMS,
    actionsPerSecond: stats.actions / elapsed,
    tableActionsPerSecond: tableActions / elapsed,
    answerP50: percentile(answers, 50),
    answerP99: percentile(answers, 99),
    patchP50: percentile(patches, 50),
    patchP99: percentile(patches, 99),
    refused: [...stats.refusals].map(([k, v]) => `${k}×${v}`).join(" ") || "0",
    errors: stats.errors + joinFailures,
    serverCpu: cpu,
    serverCpuMsPerAction: pids.length > 0 ? (1000 * cpuUsed) / Math.max(1, stats.actions) : NaN,
    generatorCpu,
    generatorLoopP99: loop.percentile(99) / 1e6,
    generatorLoopMax: loop.max / 1e6,
    framesPerAction: stats.frames / Math.max(1, stats.actions),
    framesByKind: Object.fromEntries([...stats.kinds].map(([k, n]) => [FRAME_KINDS[k] ?? String(k), n / Math.max(1, stats.actions)])),
    bytesPerFrame: stats.bytes / Math.max(1, stats.frames),
    joinSeconds,
  };
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "—");

/** One line of figures for a phase. Used by tests/bench/scale.bench.ts too. */
export function formatFigures(r: LoadFigures): string {
  return (
    `${r.phase.padEnd(5)} ${String(r.clients).padStart(5)} clients  ${r.actionsPerSecond.toFixed(0).padStart(5)} actions/s ` +
    `(${(r.tableActionsPerSecond ?? NaN).toFixed(0)} at the tables, bots included)  ` +
    `answer p50 ${ms(r.answerP50)} p99 ${ms(r.answerP99)}  patch p50 ${ms(r.patchP50)} p99 ${ms(r.patchP99)}  ` +
    `refused ${r.refused}  errors ${r.errors}  CPU: server ${(100 * r.serverCpu).toFixed(0)}% (${r.serverCpuMsPerAction.toFixed(2)} ms/action, ${((r.serverCpuMsPerAction * r.actionsPerSecond) / (r.tableActionsPerSecond || r.actionsPerSecond)).toFixed(2)} per table action), ` +
    `load generator ${(100 * r.generatorCpu).toFixed(0)}% (event-loop delay p99 ${ms(r.generatorLoopP99 ?? NaN)}, max ${ms(r.generatorLoopMax ?? NaN)})  ` +
    `${r.framesPerAction.toFixed(1)} frames/action (${Object.entries(r.framesByKind ?? {}).map(([k, n]) => `${k} ${n.toFixed(2)}`).join(", ")}), ${r.bytesPerFrame.toFixed(0)} B/frame  (joined in ${r.joinSeconds.toFixed(1)} s)`
  );
}

export async function run(): Promise<void> {
  console.log(
    `load: ${CLIENTS} clients in ${ROOMS} rooms, each acting every ${INTERVAL} ms on average; ` +
      `${WARMUP} s warm-up, ${SECONDS} s measured per phase (LOAD_CLIENTS, LOAD_ROOMS, LOAD_SECONDS, LOAD_INTERVAL_MS)`,
  );
  const work = mkdtempSync(join(tmpdir(), "accord-load-"));
  const scenarios = join(work, "scenarios");
  writeBenchScenarios(scenarios);
  const server = await startServer(join(work, "data"), scenarios);
  let serverExit: string | null = null;
  const onExit = (code: number | null, signal: string | null) => {
    serverExit = `${code ?? signal}`;
    console.error(`the server exited (${serverExit}) during the benchmark`);
  };
  server.child.once("exit", onExit);
  const results: LoadFigures[] = [];
  const profiling = Boolean(process.env.LOAD_SERVER_PROFILE);
  try {
    for (const phase of PHASES) {
      if (phase !== "bare" && phase !== "game") throw new Error(`LOAD_PHASES: unknown phase '${phase}' (bare, game)`);
      if (serverExit !== null) throw new Error(`the server is gone (${serverExit})`);
      const r = await runLoad({
        urls: [server.url],
        clients: CLIENTS,
        rooms: ROOMS,
        seconds: SECONDS,
        warmupSeconds: WARMUP,
        intervalMs: INTERVAL,
        joinConcurrency: Math.max(1, Math.floor(JOIN_CONCURRENCY / 2)),
        room: phase === "bare" ? "bare" : "negotiation",
        serverPids: [server.child.pid!],
        onWindow: profiling ? () => server.child.kill("SIGUSR2") : undefined,
      });
      results.push(r);
      console.log(formatFigures(r));
    }
    const bare = results.find((r) => r.phase === "bare");
    const game = results.find((r) => r.phase === "game");
    if (bare && game) {
      console.log(
        `game/bare p99: answer ${(game.answerP99 / bare.answerP99).toFixed(2)}×, patch ${(game.patchP99 / bare.patchP99).toFixed(2)}× ` +
          `(target ≤ 1.2×, no errors)`,
      );
    }
  } finally {
    // SIGTERM: a clean exit (and a CPU profile when NODE_OPTIONS asks for one); SIGKILL if it lingers.
    server.child.off("exit", onExit);
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
  process.exit(0);
}
