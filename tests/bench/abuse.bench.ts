// The figures a security review of the server on the open internet asks for (issue 12), measured
// against fresh server child processes (node bin/server.js, SQLite in a temp DATA_DIR, TRUST_PROXY=1
// so that `X-Forwarded-For` stands for distinct client addresses on loopback):
//
//   a. A creation flood: ABUSE_FLOOD (3000) anonymous `POST /matchmake/create/negotiation` of a
//      bundled scenario from one address, ABUSE_FLOOD_CONCURRENCY (32) in flight, never joined,
//      against a server with the default settings: accepted vs refused (HTTP status counts), the
//      server's RSS before and after, the database and WAL sizes, the `matches` rows, and how long
//      a legitimate create + join from another address takes right after.
//   b. An unrelated live table's answer time (a client sending a statement every ~100 ms), p50/p95,
//      before and during 32 concurrent `GET /api/matches/<id>/transcript.md` of ended tables of
//      ~ABUSE_EVENTS (5000) events: the same table 32 times over, then 32 different tables.
//   c. The WAL's size right after a burst of writes and after ABUSE_IDLE_SECONDS (45) idle.
//   d. An observer's join time at ABUSE_STATEMENTS (4000) public statements on one table (from
//      `joinById` until the first state), and the bytes it received.
// b–d run on a second fresh server with generous limits (rate, messages, reads, quotas: set through
// the environment, see below) so that the tables can be built quickly; the statement window and
// everything else keep their defaults. The 32 "different" ended tables are one table played to
// ABUSE_EVENTS events and copies of its rows in the database under new ids (building 32 real ones
// would take minutes); the server reads each from the database like any other.
//
//   ABUSE_FLOOD (3000)  ABUSE_FLOOD_CONCURRENCY (32)  ABUSE_STATEMENTS (4000)  ABUSE_EVENTS (5000)
//   ABUSE_READERS (32)  ABUSE_READ_SECONDS (10)  ABUSE_PROBE_SECONDS (10)  ABUSE_IDLE_SECONDS (45)
//
// Run with `npm run bench -- abuse` (about four minutes). It reports; it never fails on a figure.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { Client, Room } from "@colyseus/sdk";
import YAML from "yaml";
import { checkScenario } from "../../shared/scenario/load.ts";
import { TableState } from "../../shared/state/table.ts";
import { newJoinCode, newMatchId } from "../../server/tokens.ts";
import { type ServerProcess, startServerProcess } from "../server/harness.ts";
import { benchScenario } from "./load.bench.ts";
import { joinTable, type LoadClient, type Stats } from "./load-share.ts";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const FLOOD = env("ABUSE_FLOOD", 3000);
const FLOOD_CONCURRENCY = env("ABUSE_FLOOD_CONCURRENCY", 32);
const STATEMENTS = env("ABUSE_STATEMENTS", 4000);
const EVENTS = Math.max(STATEMENTS + 10, env("ABUSE_EVENTS", 5000));
const READERS = env("ABUSE_READERS", 32);
const READ_SECONDS = env("ABUSE_READ_SECONDS", 10);
const PROBE_SECONDS = env("ABUSE_PROBE_SECONDS", 10);
const IDLE_SECONDS = env("ABUSE_IDLE_SECONDS", 45);

/** Stand-in client addresses (documentation ranges), sent as X-Forwarded-For to a server with TRUST_PROXY=1. */
const FLOODER = "203.0.113.7";
const LEGIT = "198.51.100.23";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : "—");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const msf = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "—");

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The database file and its WAL. */
function dbSizes(dataDir: string): { db: number; wal: number } {
  return { db: fileSize(join(dataDir, "accord.sqlite")), wal: fileSize(join(dataDir, "accord.sqlite-wal")) };
}

/** A process's resident memory (Linux /proc), NaN elsewhere. */
function rss(pid: number): number {
  try {
    const kB = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kB ? Number(kB) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function metric(url: string, name: string): Promise<number> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

/** `matches` rows by status, read from the server's database file (read-only, beside the running server). */
function matchRows(dataDir: string): string {
  try {
    const db = new Database(join(dataDir, "accord.sqlite"), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare("SELECT status, count(*) AS n FROM matches GROUP BY status ORDER BY status").all() as { status: string; n: number }[];
      const total = rows.reduce((s, r) => s + r.n, 0);
      return `${total} (${rows.map((r) => `${r.status} ${r.n}`).join(", ") || "none"})`;
    } finally {
      db.close();
    }
  } catch (e) {
    return `unreadable (${(e as Error).message})`;
  }
}

// Bytes received and the first full state, per room: the SDK's frame handler, wrapped once for
// this process (the join's frames arrive before `joinById` resolves, so a hook set afterwards would
// miss them).
const frames = new WeakMap<object, { bytes: number; firstStateAt: number }>();
const ROOM_STATE = 14;
const CODE_MASK = 31;
{
  const proto = Room.prototype as unknown as { onMessageCallback(event: MessageEvent): void };
  const original = proto.onMessageCallback;
  proto.onMessageCallback = function (this: object, event: MessageEvent) {
    const data = event.data as ArrayBuffer;
    const seen = frames.get(this) ?? { bytes: 0, firstStateAt: NaN };
    frames.set(this, seen);
    seen.bytes += data.byteLength;
    original.call(this, event);
    if (Number.isNaN(seen.firstStateAt) && ((new Uint8Array(data)[0] ?? 0) & CODE_MASK) === ROOM_STATE) seen.firstStateAt = performance.now();
  };
}

/**
 * The first full state of a room just joined: the server sends it once the client has acknowledged
 * the join, so after `joinById` resolves. Catches every message type (welcome, seat…) meanwhile.
 */
async function firstState(room: Room): Promise<number> {
  room.onMessage("*", () => undefined);
  const end = performance.now() + 15_000;
  while (Number.isNaN(frames.get(room)?.firstStateAt ?? NaN) && performance.now() < end) await sleep(1);
  return frames.get(room)?.firstStateAt ?? NaN;
}

function startServer(env: Record<string, string>): Promise<ServerProcess> {
  return startServerProcess({ env: { LOG_LEVEL: "error", TRUST_PROXY: "1", ...env } });
}

/** What the server logged as errors (its output is not echoed: a flood would drown the figures). */
function serverErrors(server: ServerProcess): string {
  const lines = server.output().split("\n").filter((l) => l.includes('"level":"error"') || l.includes('"level":50'));
  if (lines.length === 0) return "the server logged no errors";
  const kinds = new Map<string, number>();
  for (const l of lines) {
    let what = l.slice(0, 200);
    try {
      const j = JSON.parse(l) as { msg?: string; path?: string; error?: { message?: string } };
      what = `${j.msg ?? ""}${j.path ? ` ${j.path.replace(/[a-z0-9]{12}/g, "<id>")}` : ""}: ${(j.error?.message ?? "").slice(0, 200)}`;
    } catch {
      // not JSON: the line itself
    }
    kinds.set(what, (kinds.get(what) ?? 0) + 1);
  }
  return `the server logged ${lines.length} errors: ${[...kinds].slice(0, 3).map(([k, n]) => `${n}× ${k}`).join("; ")}`;
}

// ---- a. creation flood --------------------------------------------------------------------------

async function createFlood(work: string): Promise<void> {
  const dataDir = join(work, "flood");
  // The server's defaults (the bundled scenarios, the default quotas and limits), behind a "proxy".
  const server = await startServer({ DATA_DIR: dataDir });
  try {
    const scenarios = (await (await fetch(`${server.url}/api/scenarios`)).json()) as { scenarios?: { id: string }[] } | { id: string }[];
    const list = Array.isArray(scenarios) ? scenarios : (scenarios.scenarios ?? []);
    const scenario = list.find((s) => s.id === "us-china-2015")?.id ?? list[0]?.id ?? "us-china-2015";
    await sleep(1000);
    const rssBefore = rss(server.child.pid!);
    const sizesBefore = dbSizes(dataDir);
    const statuses = new Map<string, number>();
    const body = JSON.stringify({ scenario });
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: FLOOD_CONCURRENCY }, async () => {
        while (next < FLOOD) {
          next++;
          let key: string;
          try {
            const res = await fetch(`${server.url}/matchmake/create/negotiation`, {
              method: "POST",
              headers: { "content-type": "application/json", "x-forwarded-for": FLOODER },
              body,
            });
            await res.arrayBuffer();
            key = String(res.status);
          } catch (e) {
            key = `network error (${(e as Error).message})`;
          }
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
        }
      }),
    );
    const floodSeconds = (performance.now() - t0) / 1000;
    // Right after: a legitimate create + join from another address (the SDK's create is both).
    let legit: string;
    const l0 = performance.now();
    try {
      const room = await new Client(server.url, { headers: { "x-forwarded-for": LEGIT } }).create("negotiation", { scenario }, TableState);
      const joined = performance.now() - l0;
      const first = await firstState(room);
      legit = `${msf(first - l0)} until the first state (create answered and joined after ${msf(joined)})`;
      await room.leave().catch(() => undefined);
    } catch (e) {
      legit = `failed after ${msf(performance.now() - l0)}: ${(e as Error).message}`;
    }
    // And one more create from the flooding address.
    let again: string;
    try {
      const res = await fetch(`${server.url}/matchmake/create/negotiation`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": FLOODER },
        body,
      });
      again = `HTTP ${res.status} ${(await res.text()).slice(0, 160)}`;
    } catch (e) {
      again = `network error (${(e as Error).message})`;
    }
    const rssAfter = rss(server.child.pid!);
    const rooms = await metric(server.url, "accord_rooms");
    const sizes = dbSizes(dataDir);
    const counts = [...statuses].sort().map(([k, n]) => `${k}: ${n}`).join(", ");
    console.log(
      `a. creation flood: ${FLOOD} POST /matchmake/create/negotiation {"scenario":"${scenario}"} from one address (X-Forwarded-For ${FLOODER}, TRUST_PROXY=1, default quotas), ` +
        `${FLOOD_CONCURRENCY} in flight, in ${floodSeconds.toFixed(1)} s (${(FLOOD / floodSeconds).toFixed(0)} requests/s)`,
    );
    console.log(`   HTTP statuses: ${counts}`);
    console.log(`   server RSS before ${mb(rssBefore)}, after ${mb(rssAfter)} (+${mb(rssAfter - rssBefore)}); tables in memory after: ${rooms}`);
    console.log(`   database ${mb(sizes.db)} + WAL ${mb(sizes.wal)} after (before: ${mb(sizesBefore.db)} + ${mb(sizesBefore.wal)}); matches rows: ${matchRows(dataDir)}`);
    console.log(`   a legitimate create + join right after, from another address (X-Forwarded-For ${LEGIT}): ${legit}`);
    console.log(`   one more create from the flooding address: ${again}`);
    console.log(`   (${serverErrors(server)})`);
  } finally {
    await server.stop();
  }
}

// ---- b–d. long tables, reads, the WAL, observers ---------------------------------------------------

/** The load bench's table with a deadline that never comes and turns that never time out. */
function writeAbuseScenario(scenariosDir: string): void {
  const data = benchScenario();
  data.id = "abuse-bench";
  data.title = "Regional cyber norms (abuse bench)";
  data.deadline = { rounds: 1000, secondsPerTurn: 3600 };
  const checked = checkScenario("abuse-bench", data);
  if (!checked.ok) throw new Error(`the abuse scenario does not load: ${checked.errors.join("; ")}`);
  mkdirSync(join(scenariosDir, "abuse-bench"), { recursive: true });
  writeFileSync(join(scenariosDir, "abuse-bench", "scenario.yaml"), YAML.stringify(data));
}

type StateLike = { phase: string; version: number; statements?: { length: number }; statementsTotal?: number };
const stateOf = (room: Room) => room.state as unknown as StateLike;

function newStats(): Stats {
  return { answers: [], patches: [], actions: 0, errors: 0, refusals: new Map(), measuring: false, frames: 0, bytes: 0, kinds: new Map() };
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

let requestSerial = 0;

/** Statements from every client, `inFlight` each, until `done()`; returns refusals by code. */
async function postStatements(clients: LoadClient[], inFlight: number, done: () => boolean): Promise<Map<string, number>> {
  const refused = new Map<string, number>();
  await Promise.all(
    clients.flatMap((c) =>
      Array.from({ length: inFlight }, async () => {
        while (!done() && c.room.connection.isOpen) {
          const requestId = `b${++requestSerial}`;
          try {
            await c.room.request("statement" as never, { requestId, version: stateOf(c.room).version, text: `${c.delegation} restates its position on assistance and language, at some length, for the record (${requestId}).` } as never, { timeout: 15_000 });
          } catch (e) {
            const code = (e as { reason?: { code: string } }).reason?.code ?? (e as Error).message;
            refused.set(code, (refused.get(code) ?? 0) + 1);
            if ((refused.get(code) ?? 0) > 50) return;
          }
        }
      }),
    ),
  );
  return refused;
}

/** A client sending a statement every ~100 ms for `seconds` (or until `stop()`), timing each answer. */
async function probe(room: Room, seconds: number, stop?: () => boolean): Promise<{ times: number[]; failed: number }> {
  const times: number[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const end = performance.now() + seconds * 1000;
  while (stop ? !stop() : performance.now() < end) {
    const t0 = performance.now();
    const requestId = `p${++requestSerial}`;
    pending.push(
      room
        .request("statement" as never, { requestId, version: stateOf(room).version, text: `probe ${requestId}` } as never, { timeout: 30_000 })
        .then(
          () => void times.push(performance.now() - t0),
          () => void failed++,
        ),
    );
    await sleep(100);
  }
  await Promise.all(pending);
  return { times, failed };
}

/** `readers` concurrent GETs of transcript.md, again and again for `seconds`, reader i starting at ids[i % ids.length]. */
async function readTranscripts(url: string, ids: string[], readers: number, seconds: number): Promise<{ times: number[]; statuses: Map<number | string, number>; bytes: number; firstWave: number }> {
  const times: number[] = [];
  const statuses = new Map<number | string, number>();
  let bytes = 0;
  let firstWaveDone = 0;
  let firstWave = NaN;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: readers }, async (_, i) => {
      for (let k = 0; k === 0 || performance.now() < end; k++) {
        const id = ids[(i + k) % ids.length]!;
        const s0 = performance.now();
        let key: number | string;
        try {
          // Each reader is an address of its own, as 32 people behind a proxy would be.
          const res = await fetch(`${url}/api/matches/${id}/transcript.md`, { headers: { "x-forwarded-for": `192.0.2.${i + 1}` } });
          const body = await res.arrayBuffer();
          key = res.status;
          if (res.ok) bytes = body.byteLength;
        } catch (e) {
          key = `network error (${(e as Error).message})`;
        }
        times.push(performance.now() - s0);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (k === 0 && ++firstWaveDone === readers) firstWave = performance.now() - t0;
      }
    }),
  );
  return { times, statuses, bytes, firstWave };
}

/** Copies of an ended table's rows under new ids (and new join codes), `count` of them. */
function copyTable(dataDir: string, matchId: string, count: number): string[] {
  const db = new Database(join(dataDir, "accord.sqlite"));
  db.pragma("busy_timeout = 10000");
  try {
    const match = db.prepare("SELECT * FROM matches WHERE id = ?").get(matchId) as Record<string, unknown>;
    const seats = db.prepare("SELECT * FROM seats WHERE match_id = ?").all(matchId) as Record<string, unknown>[];
    const events = db.prepare("SELECT * FROM events WHERE match_id = ?").all(matchId) as Record<string, unknown>[];
    const insert = (table: string, row: Record<string, unknown>) => {
      const keys = Object.keys(row);
      db.prepare(`INSERT INTO ${table} (${keys.join(", ")}) VALUES (${keys.map(() => "?").join(", ")})`).run(...keys.map((k) => row[k]));
    };
    const ids: string[] = [];
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const id = newMatchId();
        ids.push(id);
        insert("matches", { ...match, id, join_code: newJoinCode(), owner: null });
        for (const s of seats) insert("seats", { ...s, id: `${String(s.id)}c${i}`, match_id: id, token_hash: s.token_hash ? `${String(s.token_hash)}c${i}` : null });
        for (const e of events) insert("events", { ...e, match_id: id });
      }
    })();
    return ids;
  } finally {
    db.close();
  }
}

async function liveTables(work: string): Promise<void> {
  const dataDir = join(work, "tables");
  const scenarios = join(work, "scenarios");
  writeAbuseScenario(scenarios);
  const generous = "1000000";
  const server = await startServer({
    DATA_DIR: dataDir,
    SCENARIOS_DIR: scenarios,
    BOT_DELAY_MS: "500-2000",
    RATE_LIMIT_BURST: generous,
    RATE_LIMIT_PER_SECOND: generous,
    MAX_MESSAGES_PER_SECOND: generous,
    MAX_MESSAGES_PER_PERSON: generous,
    MAX_MESSAGES_PER_TABLE: generous,
    READ_LIMIT_BURST: generous,
    READ_LIMIT_PER_SECOND: generous,
    QUOTA_TABLES: `${generous},${generous}`,
    QUOTA_GLOBAL: `${generous},${generous}`,
  });
  const builders: LoadClient[] = [];
  const live: LoadClient[] = [];
  const observers: Room[] = [];
  try {
    console.log(
      `b–d: a second fresh server with generous limits for building tables (RATE_LIMIT_*, MAX_MESSAGES_*, READ_LIMIT_*, QUOTA_TABLES, QUOTA_GLOBAL = ${generous}); ` +
        `statement window and the rest at their defaults`,
    );
    // The long table: four people posting statements as fast as the server answers them.
    await joinTable(server.url, 4, newStats(), builders, "abuse-bench");
    if (builders.length < 4) throw new Error(`only ${builders.length} of the 4 builders joined`);
    const host = builders[0]!;
    await until(() => stateOf(host.room).phase === "running", 10_000, "the long table to start");
    const statements = () => stateOf(host.room).statementsTotal ?? stateOf(host.room).version;
    const b0 = performance.now();
    const v0 = stateOf(host.room).version;
    const refusedBuild = await postStatements(builders, 4, () => statements() >= STATEMENTS);
    const buildSeconds = (performance.now() - b0) / 1000;
    console.log(
      `   built a table of ${statements()} public statements in ${buildSeconds.toFixed(1)} s (${((stateOf(host.room).version - v0) / buildSeconds).toFixed(0)} actions/s, 4 clients × 4 in flight)` +
        (refusedBuild.size ? `; refused: ${[...refusedBuild].map(([k, n]) => `${k}×${n}`).join(" ")}` : ""),
    );

    // d. Observers joining that table now.
    const code = host.welcome?.joinCode;
    const joins: string[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      try {
        const room = await new Client(server.url, { headers: { "x-forwarded-for": `198.51.100.${50 + i}` } }).joinById(host.room.roomId, { role: "observer", code }, TableState);
        const resolved = performance.now() - t0;
        const first = (await firstState(room)) - t0;
        const bytesAtState = frames.get(room)?.bytes ?? NaN;
        await sleep(2000);
        const s = stateOf(room);
        joins.push(
          `${msf(first)} to the first state (joinById resolved after ${msf(resolved)}), ${kb(bytesAtState)} received by then, ${kb(frames.get(room)?.bytes ?? NaN)} within 2 s; ` +
            `the state holds ${s.statements?.length ?? "?"} of ${s.statementsTotal ?? "?"} statements`,
        );
        observers.push(room);
      } catch (e) {
        joins.push(`failed: ${(e as Error).message}`);
      }
    }
    console.log(`d. observer join at ${statements()} public statements (from joinById to the first state received, and the bytes received):`);
    for (const [i, j] of joins.entries()) console.log(`   observer ${i + 1}: ${j}`);
    for (const o of observers.splice(0)) await o.leave().catch(() => undefined);

    // On to ~EVENTS events, then the facilitator (the host) ends the table.
    await postStatements(builders, 4, () => stateOf(host.room).version >= EVENTS - 1);
    await host.room.request("end" as never, { requestId: "end-1", version: stateOf(host.room).version } as never, { timeout: 15_000 });
    await until(() => stateOf(host.room).phase === "ended", 10_000, "the long table to end");
    const events = stateOf(host.room).version;
    const burstEnd = performance.now();
    const totalBuild = (burstEnd - b0) / 1000;

    // c. The WAL right after that burst of writes, and after a while idle.
    await sleep(200);
    const afterBurst = dbSizes(dataDir);
    await sleep(IDLE_SECONDS * 1000);
    const afterIdle = dbSizes(dataDir);
    console.log(
      `c. WAL after a burst of writes (${events} actions in ${totalBuild.toFixed(0)} s on one table): right after ${mb(afterBurst.wal)} (database ${mb(afterBurst.db)}); ` +
        `after ${IDLE_SECONDS} s idle ${mb(afterIdle.wal)} (database ${mb(afterIdle.db)})`,
    );

    // b. The ended table's transcript read by many at once, while another table is played.
    const copies = copyTable(dataDir, host.room.roomId, READERS - 1);
    for (const c of builders.splice(0)) await c.room.leave().catch(() => undefined);
    await joinTable(server.url, 1, newStats(), live, "abuse-bench");
    const player = live[0]!;
    await until(() => stateOf(player.room).phase === "running", 10_000, "the live table to start");
    const before = await probe(player.room, PROBE_SECONDS);
    const rssBefore = rss(server.child.pid!);
    const same = await during(server.url, [host.room.roomId], player.room);
    const different = await during(server.url, [host.room.roomId, ...copies], player.room);
    const line = (p: { times: number[]; failed: number }) =>
      `p50 ${msf(percentile(p.times, 50))}, p95 ${msf(percentile(p.times, 95))}, max ${msf(Math.max(...p.times))} (${p.times.length} answers${p.failed ? `, ${p.failed} failed` : ""})`;
    console.log(`b. a live table's statement answer time (a statement every ~100 ms), while ${READERS} clients read transcript.md of ended ${events}-event tables, each again as soon as it has it, for ${READ_SECONDS} s (the probe runs until the last read is answered):`);
    console.log(`   before (${PROBE_SECONDS} s):                ${line(before)}`);
    for (const [name, d] of [["the same table ×" + READERS, same], [`${READERS} different tables`, different]] as const) {
      const statuses = [...d.reads.statuses].map(([k, n]) => `${k}: ${n}`).join(", ");
      console.log(`   during, ${name.padEnd(20)} ${line(d.probe)}`);
      console.log(
        `      reads: ${d.reads.times.length} (HTTP ${statuses}), each ${kb(d.reads.bytes)}, answered in p50 ${msf(percentile(d.reads.times, 50))}, p95 ${msf(percentile(d.reads.times, 95))}; ` +
          `the first ${READERS} at once all answered after ${msf(d.reads.firstWave)}`,
      );
    }
    console.log(`   (the ${READERS - 1} other tables are copies of the first one's rows under new ids, made in the database by this bench; server RSS ${mb(rssBefore)} before the reads, ${mb(rss(server.child.pid!))} after)`);
    console.log(`   (${serverErrors(server)})`);
  } finally {
    for (const c of [...builders, ...live]) await c.room.leave().catch(() => undefined);
    for (const o of observers) await o.leave().catch(() => undefined);
    await server.stop();
  }
}

/** The reads, and the probe for as long as they last (the last reads land after the window). */
async function during(url: string, ids: string[], room: Room) {
  let reading = true;
  const reads = readTranscripts(url, ids, READERS, READ_SECONDS).finally(() => (reading = false));
  const probed = await probe(room, 0, () => !reading);
  return { reads: await reads, probe: probed };
}

export async function run(): Promise<void> {
  console.log(
    `abuse: figures for the open internet (ABUSE_FLOOD, ABUSE_FLOOD_CONCURRENCY, ABUSE_STATEMENTS, ABUSE_EVENTS, ABUSE_READERS, ABUSE_READ_SECONDS, ABUSE_PROBE_SECONDS, ABUSE_IDLE_SECONDS); ` +
      `servers in child processes on loopback, TRUST_PROXY=1 with X-Forwarded-For standing for distinct client addresses`,
  );
  const work = mkdtempSync(join(tmpdir(), "accord-abuse-"));
  const t0 = performance.now();
  try {
    await createFlood(work);
    await liveTables(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`abuse: done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
  process.exit(0);
}
