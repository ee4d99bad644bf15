// The game's own work per table action, without Colyseus and without sockets (issue 16): what a
// game action costs the server beyond what the load bench's bare room does (receive a frame, bump
// a counter, encode a one-field patch, write it to four sockets). The same tables as the load
// bench's game phase — the `load-bench` scenario, four people and a bot at each, the same mix of
// requests (a proposal or a vote when it is the person's move, otherwise a statement, a team note
// or a private message) — run in this process through the real request checks, table master,
// rules, event log (SQLite in a temp folder, its writer thread included) and projection, with a
// transport that encodes each patch once and packs each message as Colyseus would, and sends
// nothing. The process's own timers, as the server's: the bots move at once (no thinking delay).
//
// Printed: CPU (this process, every thread) per table action for the whole path, and the part of
// it each stage takes when run alone over the same actions: the rules (apply only), the projection
// and patch encoding, the event-log append. The load bench's bare room costs about 0.15–0.23 ms of
// server CPU per action on this machine; a game action within 1.3× of it leaves 0.05–0.07 ms for
// everything the game adds.
//
//   FLOOR_TABLES (200)   FLOOR_ROUNDS (40: requests per person)   FLOOR_RUNS (3)
//   FLOOR_STAGES (1; 0: the whole path only, e.g. to profile it alone)
//
// Run with `npm run bench -- floor`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Encoder } from "@colyseus/schema";
import { pack } from "msgpackr";
import { apply } from "../../shared/rules/index.ts";
import type { GameAction, GameState } from "../../shared/rules/types.ts";
import { TableState } from "../../shared/state/table.ts";
import { ScenarioCatalog } from "../../server/catalog.ts";
import { MatchStore } from "../../server/db/store.ts";
import { TableProjection } from "../../server/rooms/projection.ts";
import { authorize, join as joinTable } from "../../server/table/joining.ts";
import type { TableMaster } from "../../server/table/master.ts";
import { createTable } from "../../server/table/open.ts";
import type { TableEnv, TableTransport } from "../../server/table/ports.ts";
import { tableRequest } from "../../server/table/requests.ts";
import { realTimers } from "../../server/table/timers.ts";
import { setLogLevel } from "../../server/log.ts";
import { testConfig } from "../server/harness.ts";
import { benchScenario, writeBenchScenarios } from "./load.bench.ts";
import { PEOPLE } from "./load-share.ts";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const TABLES = env("FLOOR_TABLES", 200);
const ROUNDS = env("FLOOR_ROUNDS", 40);
const RUNS = env("FLOOR_RUNS", 3);
const STAGES = process.env.FLOOR_STAGES !== "0";

/** CPU milliseconds used by this process so far (every thread). */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Encodes each patch once and packs each message, as Colyseus's room would, and sends nothing. */
class EncodingTransport implements TableTransport {
  private encoder: Encoder | null = null;
  bytes = 0;
  constructor(private readonly state: TableState) {}
  send(_to: string, type: string, message: unknown): void {
    this.bytes += pack([type, message]).length;
  }
  broadcast(type: string, message: unknown): void {
    this.bytes += pack([type, message]).length;
  }
  broadcastPatch(): void {
    this.encoder ??= new Encoder(this.state);
    if (!this.encoder.hasChanges) return;
    this.bytes += this.encoder.encode().length;
    this.encoder.discardChanges();
  }
  holdFrames(): void {}
  connections(): number {
    return PEOPLE.length;
  }
  closeWhenEmpty(): void {}
  close(): void {}
}

interface BenchTable {
  table: TableMaster;
  sessions: string[];
  n: number;
  /** The game as the table opened, and every action its log received since. */
  record: TableRecord;
}

interface TableRecord {
  initial: GameState;
  actions: GameAction[];
}

/** A person's favourite package, from the scenario's profile (never a red line), as the load bench's clients pick it. */
function favourites(): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const d of benchScenario().delegations) {
    const pkg: Record<string, string> = {};
    for (const [issue, values] of Object.entries(d.profile.values)) {
      const banned = new Set((d.profile.redLines ?? []).filter((l) => l.issue === issue).map((l) => l.option));
      const best = Object.entries(values).filter(([o]) => !banned.has(o)).sort((a, b) => b[1] - a[1])[0];
      if (best) pkg[issue] = best[0];
    }
    out.set(d.id, pkg);
  }
  return out;
}
const FAVOURITE = favourites();

/** The load bench's scripted person (tests/bench/load-share.ts gameStep), reading the game instead of the synced state. */
function step(game: GameState, me: string, requestId: string, r: number): [string, Record<string, unknown>] | null {
  if (game.phase !== "running") return null;
  const base = { requestId, version: game.version };
  const voting = game.stage === "voting" && game.table !== null;
  if (voting && !(me in game.table!.responses)) return ["vote", { ...base, accept: false }];
  if (!voting && game.turn === me) return ["propose", { ...base, package: FAVOURITE.get(me)! }];
  if (r < 0.7) return ["statement", { ...base, text: `${me} restates its position on assistance and language (${requestId}).` }];
  if (r < 0.85) return ["team_note", { ...base, text: `note to self ${requestId}` }];
  const others = PEOPLE.filter((d) => d !== me);
  return ["private_message", { ...base, to: others[Math.floor(r * 100) % others.length]!, text: `quiet word ${requestId}` }];
}

/** A seeded generator, so that every run makes the same requests. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface RunFigures {
  tableActions: number;
  /** Whole path, ms of CPU per table action. */
  whole: number;
  refused: number;
  /** Each table's opening game and accepted actions, for the stage-by-stage runs. */
  records: TableRecord[];
}

async function wholePath(work: string, scenariosDir: string, run: number): Promise<RunFigures> {
  // No rate limit: the bench's people ask as fast as the tables answer, not at a person's pace.
  const config = testConfig({ scenariosDir, dataDir: join(work, `data-${run}`), logLevel: "error", rateLimit: { burst: 1e9, perSecond: 1e9 } });
  const store = await MatchStore.open(config);
  const catalog = new ScenarioCatalog(scenariosDir);
  catalog.loadAll();
  const timers = realTimers;
  const tables: BenchTable[] = [];
  // Every action each table's log receives, as the event log receives it.
  const logged = new Map<string, GameAction[]>();
  const recording = new Proxy(store, {
    get(target, key, receiver) {
      if (key !== "appendEvent") return Reflect.get(target, key, receiver);
      return (...args: Parameters<MatchStore["appendEvent"]>) => {
        logged.get(args[0])?.push(args[2]);
        return target.appendEvent(...args);
      };
    },
  });
  for (let i = 0; i < TABLES; i++) {
    const state = new TableState();
    const transport = new EncodingTransport(state);
    const tableEnv: TableEnv = { config, store: recording, catalog, timers, transport, matchEnded: () => undefined, tablesRunning: () => tables.length };
    const create = { scenario: "load-bench", delegation: PEOPLE[0], seats: { epsilon: { kind: "bot", strategy: "linear" } }, botTakeover: false };
    const table = await createTable(tableEnv, state, create);
    const record: TableRecord = { initial: table.game(), actions: [] };
    logged.set(table.matchId, record.actions);
    await joinTable(table, `${i}-alpha`, await authorize(table, create, true));
    for (const delegation of PEOPLE.slice(1)) {
      await joinTable(table, `${i}-${delegation}`, await authorize(table, { role: "delegation", delegation, code: table.joinCode }, false));
    }
    tables.push({ table, sessions: PEOPLE.map((d) => `${i}-${d}`), n: 0, record });
  }
  await settled(tables);
  // Measured from here: what came before (opening, seating, the first bot moves) is set-up.
  for (const t of tables) {
    t.record.initial = t.table.game();
    t.record.actions.length = 0;
  }
  const versions = () => tables.reduce((s, t) => s + t.table.game().version, 0);
  const random = seeded(run + 1);
  let refused = 0;
  const v0 = versions();
  const c0 = cpuMs();
  for (let round = 0; round < ROUNDS; round++) {
    // Each person's request at every table at once, as many clients' requests reach a loaded
    // server in the same turn of its event loop (and so share the event log's batches).
    for (const [k, me] of PEOPLE.entries()) {
      await Promise.all(
        tables.map(async (t) => {
          const request = step(t.table.game(), me, `r${++t.n}`, random());
          if (!request) return;
          const reply = await tableRequest(t.table, t.sessions[k]!, request[0] as never, request[1]);
          if ("code" in reply) refused++;
        }),
      );
    }
    await settled(tables);
  }
  const whole = cpuMs() - c0;
  const tableActions = versions() - v0;
  for (const t of tables) t.table.dispose();
  await store.close();
  return { tableActions, whole: whole / tableActions, refused, records: tables.map((t) => t.record) };
}

/**
 * The bots' moves made (their delay is 0 in the test configuration: they move on the process's next
 * timers), and every table's queue run dry.
 */
async function settled(tables: BenchTable[]): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    await Promise.all(tables.map((t) => t.table.queue.run(async () => undefined)));
  }
}

/** The games after each recorded action (the rules applied again). */
function replayed(record: TableRecord): GameState[] {
  const states: GameState[] = [];
  let game = record.initial;
  for (const a of record.actions) {
    const result = apply(game, a);
    if (!result.ok) throw new Error(`floor: a recorded action was refused on replay: ${result.code}: ${result.message}`);
    states.push((game = result.state));
  }
  return states;
}

/** The rules alone: the same actions applied again from each table's opening game, ms of CPU per action. */
function rulesOnly(records: TableRecord[]): number {
  let n = 0;
  const c0 = cpuMs();
  for (const record of records) n += replayed(record).length;
  return (cpuMs() - c0) / Math.max(1, n);
}

/** The projection and patch encoding alone: the same games, projected and encoded after each action. */
function projectionOnly(records: TableRecord[]): number {
  const games = records.map((record) => ({ initial: record.initial, states: replayed(record) }));
  let n = 0;
  const c0 = cpuMs();
  for (const { initial, states } of games) {
    const state = new TableState();
    const encoder = new Encoder(state);
    const projection = new TableProjection(state);
    projection.project(initial, 200, {});
    encoder.encode();
    encoder.discardChanges();
    for (const game of states) {
      projection.project(game, 200, {});
      encoder.encode();
      encoder.discardChanges();
      n++;
    }
  }
  return (cpuMs() - c0) / Math.max(1, n);
}

export async function run(): Promise<void> {
  console.log(
    `floor: ${TABLES} tables of the load bench (four people and a bot each), ${ROUNDS} requests per person, in this process: ` +
      `no Colyseus, no sockets (FLOOR_TABLES, FLOOR_ROUNDS, FLOOR_RUNS)`,
  );
  setLogLevel("warn");
  const work = mkdtempSync(join(tmpdir(), "accord-floor-"));
  const scenariosDir = join(work, "scenarios");
  writeBenchScenarios(scenariosDir);
  try {
    for (let r = 0; r < RUNS; r++) {
      const figures = await wholePath(work, scenariosDir, r);
      if (!STAGES) {
        console.log(`floor run ${r + 1}: ${figures.tableActions} table actions (${figures.refused} refused): whole path ${figures.whole.toFixed(3)} ms of CPU per table action`);
        continue;
      }
      const rules = rulesOnly(figures.records);
      const projection = projectionOnly(figures.records);
      console.log(
        `floor run ${r + 1}: ${figures.tableActions} table actions (${figures.refused} refused): ` +
          `whole path ${figures.whole.toFixed(3)} ms of CPU per table action; of the same actions alone: ` +
          `rules ${rules.toFixed(3)} ms, projection and patch encoding ${projection.toFixed(3)} ms, ` +
          `the rest (request checks, master, event log, messages, bots) ${(figures.whole - rules - projection).toFixed(3)} ms`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
  process.exit(0);
}
