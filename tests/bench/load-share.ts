// One load generator's share of the load benchmark (tests/bench/load.bench.ts): its clients —
// real @colyseus/sdk clients, each in its own room seat — their pace, and what they measured.
// `runLoad` runs each share in a worker thread of its own, fresh for each phase (so that no phase
// inherits another's leftovers), one by default or several (LOAD_GENERATORS) where one thread would
// saturate and its own event loop become what the figures measure.
//
// A share goes through: join → start (act) → beginWindow → endWindow (stop acting) → finish
// (once the requests in flight have landed: leave, hand back the raw samples), each step a message
// from runLoad (see the end of this file).
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { Client, type Room } from "@colyseus/sdk";
import { type SeatSnapshot, type SeatUpdate, type Welcome } from "../../shared/protocol/index.ts";
import { TableState } from "../../shared/state/table.ts";
import { BareState } from "../../server/rooms/bare.ts";

const REQUEST_TIMEOUT = 15_000;
export const PEOPLE = ["alpha", "beta", "gamma", "delta"];

export interface Stats {
  answers: number[];
  patches: number[];
  actions: number;
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
export const FRAME_KINDS: Record<number, string> = { 13: "message", 15: "patch", 18: "ping", 22: "reply" };

/** One client of the load: its room, its version timeline, its pace. */
export class LoadClient {
  private seen: { version: number; at: number }[] = [];
  private waiting: { version: number; measuring: boolean; resolve: (at: number) => void }[] = [];
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
      if (this.waiting.length > 0) {
        this.waiting = this.waiting.filter((w) => {
          if (v >= w.version) w.resolve(at);
          return v < w.version;
        });
      }
    });
    // The scripted person reads only its profile (`me`, for its proposals): its private messages are
    // not kept. Appending them as the web client does for its one seat (applySeatUpdate copies the
    // seat's whole record) made each of a thousand clients copy its record on every update, and in
    // a long game the generator's own GC became the answer times' tail (soak bench, issue 16).
    room.onMessage("seat", (m: SeatSnapshot) => (this.seat = { ...m, messages: [] }));
    room.onMessage("seat_update", (u: SeatUpdate) => {
      if (this.seat && u.me !== undefined) this.seat = { ...this.seat, version: u.version, me: u.me };
    });
    room.onMessage("welcome", (m: Welcome) => (this.welcome = m));
    room.onMessage("reveal", () => undefined);
    room.onMessage("notice", () => undefined);
  }

  /** When this client first saw the state at `version` or later. */
  private patchAt(version: number, measuring: boolean): Promise<number> {
    for (const s of this.seen) if (s.version >= version) return Promise.resolve(s.at);
    return new Promise((resolve) => this.waiting.push({ version, measuring, resolve }));
  }

  start(intervalMs: number, next: () => [string, Record<string, unknown>] | null): void {
    const tick = () => {
      // In steps of 10 ms: Node keeps one timer list per distinct duration, and a fractional
      // random delay made a new list (and a priority-queue insert) for almost every action —
      // a fifth of the generator's time in the bare phase.
      this.timer = setTimeout(async () => {
        const step = next();
        if (step) await this.send(step[0], step[1]);
        if (this.timer) tick();
      }, 10 * Math.round((Math.random() * 2 * intervalMs) / 10));
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
    let reply: { version: number };
    try {
      reply = (await this.room.request(type as never, payload as never, { timeout: REQUEST_TIMEOUT })) as { version: number };
    } catch (e) {
      if (!measuring) return;
      const reason = (e as { reason?: { code: string } }).reason;
      if (reason) {
        this.stats.refusals.set(reason.code, (this.stats.refusals.get(reason.code) ?? 0) + 1);
      } else this.stats.errors++;
      return;
    }
    const answered = performance.now();
    // No timer of its own: a patch that never comes is counted as an error when the share finishes.
    const patched = await this.patchAt(reply.version, measuring);
    if (!measuring) return;
    this.stats.actions++;
    this.stats.answers.push(answered - t0);
    this.stats.patches.push(patched - t0);
  }

  /** Actions measured whose patch has not arrived (errors, once the share finishes). */
  patchesMissing(): number {
    return this.waiting.filter((w) => w.measuring).length;
  }


  nextRequestId(): string {
    return `${this.room.sessionId}-${++this.n}`;
  }
}

export async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
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
export function gameStep(c: LoadClient): [string, Record<string, unknown>] | null {
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
 * One table of the load (the `load-bench` scenario unless told otherwise): its creator sits at
 * alpha, the people of the first `n` delegations join with the code, bots play the other seats and
 * epsilon, and any clients beyond four watch. Each client is pushed onto `clients` as it joins.
 * Also used by tests/bench/soak.bench.ts.
 */
export async function joinTable(url: string, n: number, stats: Stats, clients: LoadClient[], scenario = "load-bench"): Promise<void> {
  // Four people per table; a table with fewer clients has bots in the empty seats.
  const bots = [...PEOPLE.slice(Math.min(n, PEOPLE.length)), "epsilon"];
  const first = await new Client(url).create("negotiation", {
    scenario,
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

/** What a share is asked to do: its tables (the number of clients at each) and how to act. */
export interface ShareOptions {
  /** Server base URLs; table i goes to urls[(firstTable + i) % urls.length]. */
  urls: string[];
  /** A folder to write this thread's CPU profile of the measured window to (LOAD_GENERATOR_PROFILE). */
  profileDir?: string;
  /** Clients at each of this share's tables. */
  perRoom: number[];
  /** This share's first table's index in the whole load (to spread tables over the urls). */
  firstTable: number;
  room: "negotiation" | "bare";
  intervalMs: number;
  joinConcurrency: number;
}

/** What a share hands back at the end: raw samples, merged by runLoad. */
export interface ShareResult {
  answers: number[];
  patches: number[];
  actions: number;
  errors: number;
  refusals: [string, number][];
  frames: number;
  bytes: number;
  kinds: [number, number][];
  /** Clients still connected at the end of the window. */
  connected: number;
  /** Accepted actions at this share's tables over the window (bots' included). */
  tableActions: number;
  joinSeconds: number;
  joinFailures: number;
  /** This thread's event-loop delay over the window (ms). */
  loopP99: number;
  loopMax: number;
  /** This thread's garbage-collection pauses over the window: the longest and their sum (ms). */
  gcMax: number;
  gcTotal: number;
}

export class LoadShare {
  private readonly stats: Stats = { answers: [], patches: [], actions: 0, errors: 0, refusals: new Map(), measuring: false, frames: 0, bytes: 0, kinds: new Map() };
  private readonly clients: LoadClient[] = [];
  private joinSeconds = 0;
  private joinFailures = 0;
  private versions0 = new Map<string, number>();
  private tableActions = 0;
  private readonly loop = monitorEventLoopDelay({ resolution: 5 });
  private gcMax = 0;
  private gcTotal = 0;
  private readonly gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      this.gcMax = Math.max(this.gcMax, e.duration);
      this.gcTotal += e.duration;
    }
  });

  constructor(private readonly options: ShareOptions) {}

  async join(): Promise<void> {
    const { urls, perRoom, firstTable } = this.options;
    const bare = this.options.room === "bare";
    const stats = this.stats;
    const clients = this.clients;
    const joinStart = performance.now();
    await pool(
      perRoom.map((n, i) => ({ n, i })),
      Math.max(1, this.options.joinConcurrency),
      async ({ n, i }) => {
        const url = urls[(firstTable + i) % urls.length]!;
        try {
          if (bare) {
            const first = await new Client(url).create("bare", {}, BareState);
            clients.push(new LoadClient(first, null, stats));
            await Promise.all(
              Array.from({ length: n - 1 }, async () => clients.push(new LoadClient(await new Client(url).joinById(first.roomId, {}, BareState), null, stats))),
            );
          } else {
            await joinTable(url, n, stats, clients);
          }
        } catch (e) {
          this.joinFailures++;
          if (this.joinFailures <= 3) console.error(`  join failed: ${(e as Error).message}`);
        }
      },
    );
    this.joinSeconds = (performance.now() - joinStart) / 1000;
  }

  /** Every client starts acting at its pace (observers only watch). */
  start(): void {
    const bare = this.options.room === "bare";
    for (const c of this.clients) {
      if (bare) c.start(this.options.intervalMs, () => bareStep(c));
      else if (c.delegation) c.start(this.options.intervalMs, () => gameStep(c));
    }
  }

  /** The tables' versions, to count every action (the bots' too) over the window. */
  private versions(): Map<string, number> {
    const byRoom = new Map<string, number>();
    for (const c of this.clients) byRoom.set(c.room.roomId, Math.max(byRoom.get(c.room.roomId) ?? 0, (c.room.state as { version?: number }).version ?? 0));
    return byRoom;
  }

  private profiler: Session | null = null;

  async beginWindow(): Promise<void> {
    if (this.options.profileDir) {
      this.profiler = new Session();
      this.profiler.connect();
      await this.profiler.post("Profiler.enable");
      await this.profiler.post("Profiler.start");
    }
    this.versions0 = this.versions();
    this.stats.measuring = true;
    this.loop.reset();
    this.loop.enable();
    this.gc.observe({ entryTypes: ["gc"] });
  }

  async endWindow(): Promise<void> {
    this.loop.disable();
    this.gc.disconnect();
    if (this.profiler) {
      const { profile } = await this.profiler.post("Profiler.stop");
      writeFileSync(join(this.options.profileDir!, `generator-${this.options.firstTable}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
      this.profiler.disconnect();
      this.profiler = null;
    }
    let actions = 0;
    for (const [room, v] of this.versions()) actions += v - (this.versions0.get(room) ?? v);
    this.tableActions = actions;
    for (const c of this.clients) c.stop();
  }

  /** Once the requests in flight have landed (runLoad waits for them): count, leave, hand back the samples. */
  async finish(): Promise<ShareResult> {
    const stats = this.stats;
    stats.measuring = false;
    for (const c of this.clients) stats.errors += c.patchesMissing();
    const connected = this.clients.filter((c) => c.room.connection.isOpen).length;
    await Promise.all(this.clients.map((c) => c.room.leave().catch(() => undefined)));
    return {
      answers: stats.answers,
      patches: stats.patches,
      actions: stats.actions,
      errors: stats.errors,
      refusals: [...stats.refusals],
      frames: stats.frames,
      bytes: stats.bytes,
      kinds: [...stats.kinds],
      connected,
      tableActions: this.tableActions,
      joinSeconds: this.joinSeconds,
      joinFailures: this.joinFailures,
      loopP99: this.loop.percentile(99) / 1e6,
      loopMax: this.loop.max / 1e6,
      gcMax: this.gcMax,
      gcTotal: this.gcTotal,
    };
  }
}

export type ShareStep = "join" | "start" | "beginWindow" | "endWindow" | "finish";

/**
 * The worker side of a generator thread (load.bench.ts `generatorThread`): messages { id, step } run
 * `share[step]()`, each answered with { id, result } (or { id, error }) once the step is done.
 */
export function answerSteps<Step extends string>(share: Record<Step, () => unknown>): void {
  parentPort!.on("message", async ({ id, step }: { id: number; step: Step }) => {
    try {
      const result = await share[step]();
      parentPort!.postMessage({ id, result: result ?? null });
    } catch (e) {
      parentPort!.postMessage({ id, error: (e as Error).message });
    }
  });
}

// In a worker thread started by runLoad: one share, driven by its steps.
if (!isMainThread && (workerData as { loadShare?: ShareOptions } | null)?.loadShare) {
  answerSteps<ShareStep>(new LoadShare((workerData as { loadShare: ShareOptions }).loadShare));
}
