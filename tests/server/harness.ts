// Test harness for the game server: a real server on a loopback port of its own (port 0, so test
// files can run in parallel), and real @colyseus/sdk clients that record every raw frame they
// receive. Nothing is mocked. Waiting is always for an event (a state change, a message) with a
// timeout that only guards against a hang.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client as SDKClient, Room as SDKRoom } from "@colyseus/sdk";
import {
  applySeatUpdate,
  type ActionReply,
  type CreateOptionsInput,
  type JoinOptionsInput,
  type Notice,
  type RequestRefusal,
  type SeatSnapshot,
  type SeatUpdate,
  type Welcome,
} from "../../shared/protocol/index.ts";
import type { Reveal } from "../../shared/rules/types.ts";
import { TableState } from "../../shared/state/table.ts";
import { startGameServer, type GameServer } from "../../server/app.ts";
import { DEFAULTS, type ServerConfig } from "../../server/config.ts";
import { fixturesDir, projectRoot, serverNodeFlags } from "../helpers/fixtures.ts";

export const FIXTURE_SCENARIOS = join(fixturesDir, "scenarios");

export interface TestServer {
  url: string;
  server: GameServer;
  dataDir: string;
  close(): Promise<void>;
}

/** A fresh data folder under the system's temp folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `accord-${prefix}-`));
}

const UNLIMITED = { burst: 1e9, perHour: 1e9 };

/** The test configuration: loopback, a free port, a temp database, the fixture scenarios, bots without delay. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...DEFAULTS,
    port: 0,
    host: "127.0.0.1",
    dataDir: tempDir("data"),
    scenariosDir: FIXTURE_SCENARIOS,
    clientDir: join(tmpdir(), "accord-no-client"),
    botDelayMs: { min: 0, max: 0 },
    logLevel: "error",
    // A test plays every person from this one loopback address: the limits an anonymous visitor
    // meets per address are off unless a test sets them (tests/security/ does).
    quotas: { tables: UNLIMITED, classes: UNLIMITED, tournaments: UNLIMITED, botRounds: UNLIMITED, global: UNLIMITED },
    maxConnectionsPerAddress: 0,
    ...overrides,
  };
}

export async function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const config = testConfig(overrides);
  const server = await startGameServer(config);
  return {
    url: server.url,
    server,
    dataDir: config.dataDir,
    async close() {
      await server.close();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** A loopback port nobody listens on now (for a server in another process, which cannot take port 0 and say). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

/** The game server in a child process, as `npm start` runs it. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once its output holds `text` (at once if it already does). */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves once the process has exited (at once if it already has). */
  exited(): Promise<void>;
  /** SIGTERM (a clean shutdown), then SIGKILL if it is still there after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface ServerProcessOptions {
  /** Port to listen on (default: a free one). */
  port?: number;
  /** Environment on top of this process's: DATA_DIR, SCENARIOS_DIR, BOT_DELAY_MS, LOG_LEVEL… */
  env: Record<string, string>;
  /** The script to run with node, relative to the project (default `bin/server.js`), after `npm start`'s Node flags. */
  entry?: string[];
  /** Node's flags for the server (default: `npm start`'s, `serverNodeFlags`); a bench compares others with them. */
  nodeFlags?: readonly string[];
  /** Copy the child's output to this process's stderr as it comes (default: only keep it). */
  echo?: boolean;
  /** Give up waiting for it to listen after this long. */
  startTimeoutMs?: number;
}

/**
 * Start `node bin/server.js` (or another entry) on loopback; resolves once it answers `/healthz`,
 * rejects with its output if it exits first or does not come up in time.
 */
const liveChildren = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
});

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [...(options.nodeFlags ?? serverNodeFlags), ...(options.entry ?? ["bin/server.js"])], {
    cwd: projectRoot,
    env: { ...process.env, HOST: "127.0.0.1", ...options.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // A server a test never got to stop (its hook timed out, say) must not outlive the test run.
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (options.echo) process.stderr.write(chunk);
    for (const l of [...listeners]) l();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exitedPromise = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const url = `http://127.0.0.1:${port}`;
  const handle: ServerProcess = {
    child,
    port,
    url,
    output: () => output,
    waitForOutput(text, timeoutMs = 10_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!output.includes(text)) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`the server's output never said '${text}':\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    exited: () => exitedPromise,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const force = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exitedPromise;
      clearTimeout(force);
    },
  };
  await new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(new Error(`the server did not start within ${options.startTimeoutMs ?? 30_000} ms:\n${output}`));
    }, options.startTimeoutMs ?? 30_000);
    child.once("exit", (code, signal) => finish(new Error(`the server exited (${code ?? signal}) before listening:\n${output}`)));
    // Readiness probe: the HTTP server answers once the game server is listening.
    const probe = async () => {
      while (!done) {
        try {
          if ((await fetch(`${url}/healthz`)).ok) return finish();
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    void probe();
  });
  return handle;
}

/** A copy of a fixture scenario folder, for tests that change a scenario. */
export function copyFixtures(): string {
  const dir = tempDir("scenarios");
  cpSync(FIXTURE_SCENARIOS, dir, { recursive: true });
  return dir;
}

/** An SDK room that keeps every raw frame the server sends it, as received. */
export class RecordingRoom extends SDKRoom<unknown, TableState> {
  frames: Uint8Array[] = [];
  protected override onMessageCallback(event: MessageEvent): void {
    this.frames.push(new Uint8Array(event.data as ArrayBuffer).slice());
    super.onMessageCallback(event);
  }
}

/** The SDK client, building recording rooms. */
export class RecordingClient extends SDKClient {
  protected override createRoom<T>(roomName: string, rootSchema?: unknown): SDKRoom<unknown, T> {
    return new RecordingRoom(roomName, rootSchema as never) as unknown as SDKRoom<unknown, T>;
  }
}

export type Outcome = ActionReply | RequestRefusal;

let requestCounter = 0;
/** A request id no other request of the test run uses. */
export function requestId(): string {
  return `r${++requestCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * One person (or observer, or facilitator) at a table: the SDK room plus what the server told
 * them (welcome, seat snapshot, reveal, notices), and every frame across reconnections.
 */
export class Player {
  welcome: Welcome | null = null;
  seat: SeatSnapshot | null = null;
  /** Every seat snapshot, as sent or as made by applying a `seat_update` to the last one. */
  seats: SeatSnapshot[] = [];
  /** The `seat_update` messages received, as sent. */
  updates: SeatUpdate[] = [];
  reveal: Reveal | null = null;
  notices: Notice[] = [];
  /** Frames of earlier rooms of this player (before a reconnection or a rejoin). */
  private earlierFrames: Uint8Array[] = [];
  /** Index into `frames()` of the first `reveal` message; everything before it must hold no other seat's secret. */
  revealFrame: number | null = null;
  private waiters = new Set<() => void>();
  left = false;

  constructor(
    public room: RecordingRoom,
    readonly sdk: RecordingClient,
    readonly label: string,
  ) {
    this.attach(room);
  }

  static async create(url: string, options: Partial<CreateOptionsInput> & Record<string, unknown>, label = "creator"): Promise<Player> {
    const sdk = new RecordingClient(url);
    const room = (await sdk.create("negotiation", options, TableState)) as unknown as RecordingRoom;
    return new Player(room, sdk, label);
  }

  static async join(url: string, matchId: string, options: JoinOptionsInput, label = "player"): Promise<Player> {
    const sdk = new RecordingClient(url);
    const room = (await sdk.joinById(matchId, options, TableState)) as unknown as RecordingRoom;
    return new Player(room, sdk, label);
  }

  private attach(room: RecordingRoom): void {
    this.room = room;
    this.left = false;
    // Reconnection is driven by each test.
    room.reconnection.enabled = false;
    room.onStateChange(() => this.poke());
    room.onMessage("welcome", (m: Welcome) => {
      this.welcome = m;
      this.poke();
    });
    room.onMessage("seat", (m: SeatSnapshot) => {
      this.seat = m;
      this.seats.push(m);
      this.poke();
    });
    room.onMessage("seat_update", (u: SeatUpdate) => {
      this.updates.push(u);
      if (this.seat === null) throw new Error(`${this.label}: a seat_update before any seat snapshot`);
      this.seat = applySeatUpdate(this.seat, u);
      this.seats.push(this.seat);
      this.poke();
    });
    room.onMessage("reveal", (m: Reveal) => {
      if (this.revealFrame === null) this.revealFrame = this.earlierFrames.length + room.frames.length - 1;
      this.reveal = m;
      this.poke();
    });
    room.onMessage("notice", (m: Notice) => {
      this.notices.push(m);
      this.poke();
    });
    room.onLeave(() => {
      this.left = true;
      this.poke();
    });
  }

  /** Every frame this player received, across reconnections and rejoins, in order. */
  frames(): Uint8Array[] {
    return [...this.earlierFrames, ...this.room.frames];
  }

  /** Frames received before the debrief reveal (all of them if there was none). */
  framesBeforeReveal(): Uint8Array[] {
    const all = this.frames();
    return this.revealFrame === null ? all : all.slice(0, this.revealFrame);
  }

  get state(): TableState {
    return this.room.state;
  }

  get matchId(): string {
    return this.room.roomId;
  }

  private poke(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves with the first truthy value of `check`, evaluated now and after every state change or message. */
  waitFor<T>(check: () => T | null | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = () => {
        let value: T | null | undefined | false;
        try {
          value = check();
        } catch (e) {
          cleanup();
          reject(e);
          return;
        }
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.label}: timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(run);
      };
      this.waiters.add(run);
      run();
    });
  }

  /** Send a request; the reply or the refusal's reason, never a thrown rejection. */
  async request(type: string, payload: Record<string, unknown> = {}): Promise<Outcome> {
    try {
      return (await this.room.request(type as never, payload as never)) as ActionReply;
    } catch (e) {
      const reason = (e as { reason?: RequestRefusal }).reason;
      if (reason) return reason;
      throw e;
    }
  }

  /** A game action with a fresh request id and the version this player sees. */
  act(type: string, payload: Record<string, unknown> = {}): Promise<Outcome> {
    return this.request(type, { requestId: requestId(), version: this.state.version, ...payload });
  }

  /** A game action that must be accepted. */
  async must(type: string, payload: Record<string, unknown> = {}): Promise<ActionReply> {
    const outcome = await this.act(type, payload);
    if (!("ok" in outcome)) throw new Error(`${this.label}: ${type} refused: ${outcome.code}: ${outcome.message}`);
    return outcome;
  }

  /**
   * A table move that must be accepted while bots may move too: on stale_version (a bot changed
   * the table first), wait for the new state and send it again.
   */
  async mustDespiteBots(type: string, payload: Record<string, unknown> = {}): Promise<ActionReply> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const seen = this.state.version;
      const outcome = await this.act(type, payload);
      if ("ok" in outcome) return outcome;
      if (outcome.code !== "stale_version") throw new Error(`${this.label}: ${type} refused: ${outcome.code}: ${outcome.message}`);
      await this.waitFor(() => this.state.version > seen, "the table to change");
    }
    throw new Error(`${this.label}: ${type} stayed stale after 20 attempts`);
  }

  /** Close the socket without a goodbye, like a lost network. */
  dropConnection(): void {
    const ws = (this.room.connection.transport as unknown as { ws: { terminate?: () => void; close: () => void } }).ws;
    if (ws.terminate) ws.terminate();
    else ws.close();
  }

  /** Reconnect with the reconnection token (within the window); frames keep accumulating. */
  async reconnect(): Promise<void> {
    const token = this.room.reconnectionToken;
    await this.replaceRoom(() => this.sdk.reconnect(token, TableState));
  }

  /** A page reload: a new connection with the seat token the client kept. */
  async rejoin(options: JoinOptionsInput): Promise<void> {
    const matchId = this.matchId;
    await this.replaceRoom(() => this.sdk.joinById(matchId, options, TableState));
  }

  /** A new room for this player: forget what the old one was told, wait for the new state and welcome. */
  private async replaceRoom(connect: () => Promise<unknown>): Promise<void> {
    this.earlierFrames.push(...this.room.frames);
    this.room.frames = [];
    const room = (await connect()) as RecordingRoom;
    this.welcome = null;
    this.seat = null;
    this.attach(room);
    await this.waitFor(() => this.welcome !== null && this.seat !== null && room.state.matchId !== undefined, "the state, welcome and seat of the new connection");
  }

  async leave(): Promise<void> {
    if (!this.left) await this.room.leave();
  }
}

/** Whether a byte sequence holds the UTF-8 bytes of `text`. */
export function framesContain(frames: readonly Uint8Array[], text: string): boolean {
  const needle = Buffer.from(text, "utf8");
  return frames.some((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength).includes(needle));
}

/** The delegation that has to move now (the turn holder), from the public state. */
export function turnOf(state: TableState): string {
  return state.turn;
}
