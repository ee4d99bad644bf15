// Retention (server/db/retention.ts, README "Retention"): what goes and what stays, on SQLite (a
// real file) and PostgreSQL (a throwaway cluster, tests/scale/services.ts); the server's pruner
// beside a live table; `accord data prune`; the write-ahead log back to a small size after a burst;
// the database's size on /metrics. Time is injected (`now`), never waited for.
import { execFile } from "node:child_process";
import { existsSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../server/cli/main.ts";
import { DEFAULTS, type ServerConfig } from "../../server/config.ts";
import { startPruner } from "../../server/db/pruner.ts";
import type { PruneResult } from "../../server/db/retention.ts";
import type { NewMatchRow } from "../../server/db/schema.ts";
import { MatchStore } from "../../server/db/store.ts";
import { metricsText } from "../../server/metrics.ts";
import { projectRoot } from "../helpers/fixtures.ts";
import { startTestServer, tempDir } from "../server/harness.ts";
import { type PostgresServer, skipUnlessServices, startPostgres } from "../scale/services.ts";

const skipPostgres = skipUnlessServices();
const execFileAsync = promisify(execFile);
let postgres: PostgresServer | null = null;
const dirs: string[] = [];
let databases = 0;

beforeAll(async () => {
  if (!skipPostgres) postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Kind = "sqlite" | "postgres";

async function freshConfig(kind: Kind): Promise<ServerConfig> {
  const dataDir = tempDir("retention");
  dirs.push(dataDir);
  const databaseUrl = kind === "postgres" ? await postgres!.createDatabase(`retention_${++databases}`) : "";
  return { ...DEFAULTS, dataDir, databaseUrl, logLevel: "error" };
}

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (msBeforeNow: number) => new Date(NOW - msBeforeNow).toISOString();
const POLICY = { unplayedMinutes: 60, days: 90 };

let codes = 0;
function matchRow(id: string, overrides: Partial<NewMatchRow>): NewMatchRow {
  return {
    id,
    scenario_id: "bilateral-test",
    scenario_json: "{}",
    seed: 1,
    options_json: "{}",
    join_code: `C${String(++codes).padStart(7, "0")}`,
    facilitator_token_hash: `hash-${id}`,
    listed: 0,
    status: "ended",
    created_at: at(0),
    started_at: null,
    ended_at: null,
    outcome_json: null,
    owner: null,
    ...overrides,
  };
}

/** A match with a seat and, when `events` are given, its log (each event `ms` before NOW). */
async function match(store: MatchStore, id: string, overrides: Partial<NewMatchRow>, events: number[] = []): Promise<void> {
  await store.insertMatch(matchRow(id, overrides));
  await store.insertSeat({ id: `seat-${id}`, match_id: id, delegation: "north", kind: "person", token_hash: `t-${id}`, strategy: null, name: "N", active: 1, created_at: overrides.created_at ?? at(0) });
  await Promise.all(events.map((ms, i) => store.appendEvent(id, i + 1, { type: "statement", by: "north", version: i, actionId: `a${i}`, text: "x" } as never, null, at(ms))));
}

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

async function ids(store: MatchStore, table: string, column = "id"): Promise<string[]> {
  const db = store.db as unknown as AnyDb;
  const rows = await db.selectFrom(table).select(column).execute();
  return rows.map((r) => String(r[column])).sort();
}

async function classSession(store: MatchStore, id: string, o: { closed: number; created: number; phaseStarted: number }, tables: string[]): Promise<void> {
  const db = store.db as unknown as AnyDb;
  await db
    .insertInto("class_sessions")
    .values({ id, code: `K-${id}`, scenario_id: "bilateral-test", options_json: "{}", facilitator_token_hash: "h", phase: "debrief", phase_started_at: at(o.phaseStarted), phase_ends_at: null, paused_left_ms: null, tables: tables.length, closed: o.closed, created_at: at(o.created) })
    .execute();
  await db.insertInto("class_students").values({ id: `st-${id}`, session_id: id, name: "S", token_hash: `th-${id}`, table_no: 1, delegation: "north", joined_at: at(o.created) }).execute();
  await db.insertInto("class_scores").values({ session_id: id, table_no: 1, delegation: "north", criterion: "c", score: 3 }).execute();
  for (const [i, m] of tables.entries()) await db.insertInto("class_tables").values({ session_id: id, table_no: i + 1, match_id: m }).execute();
}

async function tournament(store: MatchStore, id: string, o: { status: string; created: number; ended: number | null }, tables: string[]): Promise<void> {
  const db = store.db as unknown as AnyDb;
  await db
    .insertInto("tournaments")
    .values({ id, name: id, format: "round-robin", scenarios_json: "[]", rounds: 1, options_json: "{}", organiser_token_hash: "h", status: o.status, current_round: 1, created_at: at(o.created), started_at: at(o.created), ended_at: o.ended === null ? null : at(o.ended) })
    .execute();
  await db.insertInto("tournament_entrants").values({ tournament_id: id, id: `e-${id}`, position: 0, name: "E", kind: "bot", strategy: "linear", code_hash: null }).execute();
  await db.insertInto("tournament_rounds").values({ tournament_id: id, round: 1, scenario_id: "bilateral-test", status: "done", started_at: at(o.created), ended_at: null }).execute();
  for (const [i, m] of tables.entries()) {
    await db
      .insertInto("tournament_games")
      .values({ tournament_id: id, round: 1, table_no: i + 1, scenario_id: "bilateral-test", match_id: m, seats_json: "[]", status: "ended", result_json: null, created_at: at(o.created), ended_at: null })
      .execute();
  }
}

/** Every case of the policy, in one database (GONE: what must go). */
async function seed(store: MatchStore): Promise<void> {
  // Never played.
  await match(store, "u-pending-old", { status: "pending", created_at: at(61 * MINUTE) });
  await match(store, "u-abandoned-old", { status: "abandoned", created_at: at(2 * 60 * MINUTE) });
  await match(store, "u-ended-old", { status: "ended", created_at: at(3 * 60 * MINUTE), ended_at: at(2 * 60 * MINUTE) });
  await match(store, "u-abandoned-new", { status: "abandoned", created_at: at(59 * MINUTE) });
  await match(store, "u-open-old", { status: "open", created_at: at(5 * DAY), owner: "someone" });
  await match(store, "u-live", { status: "pending", created_at: at(2 * 60 * MINUTE) });
  // Played.
  await match(store, "p-ended-old", { status: "ended", created_at: at(100 * DAY), started_at: at(100 * DAY), ended_at: at(95 * DAY) }, [99 * DAY, 96 * DAY]);
  await match(store, "p-ended-recent", { status: "ended", created_at: at(100 * DAY), started_at: at(100 * DAY), ended_at: at(80 * DAY) }, [99 * DAY]);
  await match(store, "p-abandoned-quiet", { status: "abandoned", created_at: at(100 * DAY), started_at: at(100 * DAY) }, [98 * DAY]);
  await match(store, "p-abandoned-lately", { status: "abandoned", created_at: at(100 * DAY), started_at: at(100 * DAY) }, [99 * DAY, 10 * DAY]);
  await match(store, "p-running-old", { status: "running", created_at: at(200 * DAY), started_at: at(200 * DAY), owner: "someone" }, [199 * DAY]);
  // A closed class over 90 days ago: goes with both its tables (one played, one never played).
  await match(store, "c1-played", { status: "ended", created_at: at(100 * DAY), ended_at: at(96 * DAY) }, [97 * DAY]);
  await match(store, "c1-unplayed", { status: "abandoned", created_at: at(100 * DAY) });
  await classSession(store, "c1", { closed: 1, created: 100 * DAY, phaseStarted: 95 * DAY }, ["c1-played", "c1-unplayed"]);
  // An open class: its old tables stay with it, even the unplayed one.
  await match(store, "c2-unplayed", { status: "abandoned", created_at: at(100 * DAY) });
  await match(store, "c2-played", { status: "ended", created_at: at(100 * DAY), ended_at: at(99 * DAY) }, [99 * DAY]);
  await classSession(store, "c2", { closed: 0, created: 100 * DAY, phaseStarted: 99 * DAY }, ["c2-unplayed", "c2-played"]);
  // A closed class with a table that ended 10 days ago: kept, and its old table with it.
  await match(store, "c3-old", { status: "ended", created_at: at(100 * DAY), ended_at: at(99 * DAY) }, [99 * DAY]);
  await match(store, "c3-recent", { status: "ended", created_at: at(100 * DAY), ended_at: at(10 * DAY) }, [10 * DAY]);
  await classSession(store, "c3", { closed: 1, created: 100 * DAY, phaseStarted: 98 * DAY }, ["c3-old", "c3-recent"]);
  // A tournament finished 95 days ago goes with its table; a running one keeps its unplayed table.
  await match(store, "t1-table", { status: "ended", created_at: at(100 * DAY), ended_at: at(96 * DAY) }, [97 * DAY]);
  await tournament(store, "t1", { status: "finished", created: 100 * DAY, ended: 95 * DAY }, ["t1-table"]);
  await match(store, "t2-table", { status: "abandoned", created_at: at(100 * DAY) });
  await tournament(store, "t2", { status: "running", created: 100 * DAY, ended: null }, ["t2-table"]);
}

const GONE = ["c1-played", "c1-unplayed", "p-abandoned-quiet", "p-ended-old", "t1-table", "u-abandoned-old", "u-ended-old", "u-pending-old"];

function expectCounts(r: PruneResult): void {
  expect({ unplayed: r.unplayedTables, played: r.playedTables, classes: r.classSessions, tournaments: r.tournaments }).toEqual({ unplayed: 3, played: 2, classes: 1, tournaments: 1 });
  expect(r.rows).toMatchObject({
    matches: 8,
    seats: 8,
    // p-ended-old 2, p-abandoned-quiet 1, c1-played 1, t1-table 1.
    events: 5,
    class_sessions: 1,
    class_students: 1,
    class_scores: 1,
    class_tables: 2,
    tournaments: 1,
    tournament_entrants: 1,
    tournament_rounds: 1,
    tournament_games: 1,
  });
}

describe.each(["sqlite", "postgres"] as const)("retention on %s", (kind) => {
  it.skipIf(kind === "postgres" && skipPostgres)(
    "deletes unplayed tables after the window and played ones after the days, keeps what a kept class or tournament holds, counts a dry run exactly",
    async () => {
      const store = await MatchStore.open(await freshConfig(kind));
      try {
        await seed(store);
        const before = await ids(store, "matches");

        const dry = await store.prune(POLICY, NOW, { dryRun: true, keep: ["u-live"] });
        expect(dry.dryRun).toBe(true);
        expectCounts(dry);
        expect(await ids(store, "matches")).toEqual(before);

        const result = await store.prune(POLICY, NOW, { keep: ["u-live"] });
        expectCounts(result);
        expect(await ids(store, "matches")).toEqual(before.filter((id) => !GONE.includes(id)));
        expect(await ids(store, "seats")).toEqual(before.filter((id) => !GONE.includes(id)).map((id) => `seat-${id}`).sort());
        const events = await ids(store, "events", "match_id");
        for (const id of GONE) expect(events).not.toContain(id);
        expect(await ids(store, "class_sessions")).toEqual(["c2", "c3"]);
        expect(await ids(store, "class_students", "session_id")).toEqual(["c2", "c3"]);
        expect(await ids(store, "class_tables", "session_id")).toEqual(["c2", "c2", "c3", "c3"]);
        expect(await ids(store, "tournaments")).toEqual(["t2"]);
        expect(await ids(store, "tournament_games", "tournament_id")).toEqual(["t2"]);
        expect(await ids(store, "tournament_entrants", "tournament_id")).toEqual(["t2"]);

        // Again: nothing left to delete. Without `keep`, the in-memory table would go.
        const again = await store.prune(POLICY, NOW, { keep: ["u-live"] });
        expect(again.rows.matches + again.rows.seats + again.rows.events).toBe(0);
        expect((await store.prune(POLICY, NOW, { dryRun: true })).unplayedTables).toBe(1);

        // 0 keeps: nothing goes however old.
        expect((await store.prune({ unplayedMinutes: 0, days: 0 }, NOW + 1000 * DAY, { dryRun: true })).rows.matches).toBe(0);
        // Ten days later, c3 and the rest of the played tables are due too; the open class, the running tournament and open tables stay.
        const later = await store.prune(POLICY, NOW + 85 * DAY, { keep: ["u-live"] });
        expect(later).toMatchObject({ unplayedTables: 1, playedTables: 2, classSessions: 1, tournaments: 0 });
        expect(await ids(store, "matches")).toEqual(["c2-played", "c2-unplayed", "p-running-old", "t2-table", "u-live", "u-open-old"]);
      } finally {
        await store.close();
      }
    },
    60_000,
  );

  it.skipIf(kind === "postgres" && skipPostgres)("two prunes at once (two processes on one database) delete each row once", async () => {
    const config = await freshConfig(kind);
    const a = await MatchStore.open(config);
    const b = kind === "postgres" ? await MatchStore.open(config) : null;
    try {
      await seed(a);
      // On SQLite the other process is `accord data prune` itself (two connections in one thread
      // would wait on each other's lock); on PostgreSQL a second store, as a second server would be.
      const other = b
        ? b.prune(POLICY, NOW, { keep: ["u-live"] })
        : execFileAsync("node", [join(projectRoot, "bin/accord.js"), "data", "prune", "--json", "--now", new Date(NOW).toISOString(), "--data-dir", config.dataDir], { cwd: projectRoot }).then(
            ({ stdout }) => JSON.parse(stdout) as PruneResult,
          );
      const [x, y] = await Promise.all([a.prune(POLICY, NOW, { keep: ["u-live"] }), other]);
      const sum = (t: keyof PruneResult["rows"]) => x.rows[t] + y.rows[t];
      // The command does not know what a server holds in memory: on SQLite it also takes u-live (one more table and seat).
      const live = kind === "sqlite" ? 1 : 0;
      expect((await ids(a, "matches")).includes("u-live")).toBe(live === 0);
      expect({ matches: sum("matches"), seats: sum("seats"), events: sum("events"), classes: sum("class_sessions"), tournaments: sum("tournaments") }).toEqual({
        matches: 8 + live,
        seats: 8 + live,
        events: 5,
        classes: 1,
        tournaments: 1,
      });
      expect((await ids(a, "matches")).filter((id) => GONE.includes(id))).toEqual([]);
    } finally {
      await b?.close();
      await a.close();
    }
  }, 60_000);

  it.skipIf(kind === "postgres" && skipPostgres)("reports the database's size on /metrics", async () => {
    const store = await MatchStore.open(await freshConfig(kind));
    try {
      await match(store, "m", { created_at: at(0) }, [1]);
      const sizes = await store.sizes();
      expect(sizes.bytes).toBeGreaterThan(0);
      if (kind === "sqlite") expect(sizes.walBytes).not.toBeNull();
      else expect(sizes.walBytes).toBeNull();
      const { body } = await metricsText();
      const bytes = Number(/^accord_database_bytes (\d+)$/m.exec(body)?.[1]);
      expect(bytes).toBeGreaterThan(0);
      expect(body).toMatch(/^accord_pruned_rows_total\{table="matches"\} \d+$/m);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe("the server's pruner", () => {
  it("never deletes a table live in memory, deletes an old unplayed one, counts it on /metrics", async () => {
    const t = await startTestServer({ retention: { unplayedMinutes: 60, days: 90, intervalMinutes: 0 } });
    try {
      // The attack: a table created over HTTP and never joined (pending, in memory).
      const created = await fetch(`${t.url}/matchmake/create/negotiation`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: "bilateral-test" }) });
      expect(created.status).toBe(200);
      const liveId = [...t.server.context.live.keys()][0]!;
      expect((await t.server.context.store.ownerOf(liveId))?.status).toBe("pending");
      const store = t.server.context.store;
      await match(store, "old-unplayed", { status: "abandoned", created_at: new Date(Date.now() - 3 * 60 * MINUTE).toISOString() });

      const metric = async () => Number(/^accord_pruned_rows_total\{table="matches"\} (\d+)$/m.exec(await (await fetch(`${t.url}/metrics`)).text())?.[1]);
      const prunedBefore = await metric();
      // Three hours from now, both are past the window; only the one not in memory goes.
      const pruner = startPruner(store, t.server.config, () => t.server.context.live.keys(), () => Date.now() + 3 * 60 * MINUTE);
      await pruner.runNow();
      await pruner.stop();
      expect(await store.ownerOf("old-unplayed")).toBeNull();
      expect((await store.ownerOf(liveId))?.status).toBe("pending");
      // Without the live list it would have gone: the keep is what saved it.
      expect((await store.prune({ unplayedMinutes: 60, days: 90 }, Date.now() + 3 * 60 * MINUTE, { dryRun: true })).unplayedTables).toBe(1);

      const body = await (await fetch(`${t.url}/metrics`)).text();
      expect(await metric()).toBe(prunedBefore + 1);
      expect(Number(/^accord_database_bytes (\d+)$/m.exec(body)?.[1])).toBeGreaterThan(0);
      expect(body).toMatch(/^accord_database_wal_bytes \d+$/m);
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe("the server's own timer", () => {
  it("prunes every PRUNE_INTERVAL_MINUTES by itself, and stops with the server", async () => {
    // 0.002 minutes: 120 ms, so the test waits for the deletion itself, not for a window.
    const t = await startTestServer({ retention: { unplayedMinutes: 60, days: 90, intervalMinutes: 0.002 } });
    let closed = false;
    try {
      const store = t.server.context.store;
      await match(store, "old-unplayed", { status: "abandoned", created_at: new Date(Date.now() - 3 * 60 * MINUTE).toISOString() });
      await match(store, "young-unplayed", { status: "abandoned", created_at: new Date(Date.now() - 10 * MINUTE).toISOString() });
      const deadline = Date.now() + 20_000;
      while ((await store.ownerOf("old-unplayed")) !== null) {
        if (Date.now() > deadline) throw new Error("the server never pruned old-unplayed");
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await store.ownerOf("young-unplayed")).not.toBeNull();
      await t.close();
      closed = true;
    } finally {
      if (!closed) await t.close();
    }
  }, 60_000);
});

describe("the write-ahead log", () => {
  it("is truncated back to nothing once idle after a burst (1,000 rows of 37 kB, as anonymous creations write them)", async () => {
    const config = await freshConfig("sqlite");
    const store = await MatchStore.open(config);
    const wal = join(config.dataDir, "accord.sqlite-wal");
    try {
      // The attack's rows: ~37 kB each, mostly the scenario copied into the match.
      const scenario = JSON.stringify({ padding: "x".repeat(37_000) });
      for (let i = 0; i < 1000; i++) await store.insertMatch(matchRow(`burst-${i}`, { status: "pending", scenario_json: scenario }));
      const afterBurst = statSync(wal).size;
      expect(afterBurst).toBeGreaterThan(30_000_000);
      // The checkpointer's ticks, as its timer runs them (which may also run one meanwhile): a
      // PASSIVE checkpoint copies the log back but leaves the file as large; the next tick that
      // finds nothing written since the previous one truncates it.
      const ticks = [(await store.checkpoint())!];
      if (ticks[0]!.walBytes > 0) ticks.push((await store.checkpoint())!);
      for (const r of ticks.slice(0, -1)) expect(r).toMatchObject({ mode: "PASSIVE", walBytes: afterBurst });
      expect(ticks.at(-1)!.walBytes).toBe(0);
      expect(statSync(wal).size).toBe(0);
      process.stderr.write(`WAL: ${afterBurst} bytes after the burst, ${ticks[0]!.walBytes} after the first checkpoint (${ticks[0]!.mode}), ${statSync(wal).size} after the next\n`);

      // A prune that deletes the burst truncates at once too.
      await store.insertMatch(matchRow("one-more", { status: "pending", scenario_json: scenario }));
      expect(statSync(wal).size).toBeGreaterThan(0);
      const pruned = await store.prune(POLICY, Date.now() + 2 * 60 * MINUTE);
      expect(pruned.unplayedTables).toBe(1001);
      expect(statSync(wal).size).toBe(0);
      // Writes carry on after a truncation.
      await store.insertMatch(matchRow("after", { status: "pending" }));
      expect(await store.ownerOf("after")).not.toBeNull();
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe("accord data prune", () => {
  const run = promisify(execFile);

  async function accord(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["node", "accord", ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  async function database(): Promise<string> {
    const config = await freshConfig("sqlite");
    const store = await MatchStore.open(config);
    try {
      await match(store, "old", { status: "abandoned", created_at: new Date(Date.now() - 2 * 60 * MINUTE).toISOString() });
      await match(store, "new", { status: "abandoned", created_at: new Date(Date.now() - 10 * MINUTE).toISOString() });
    } finally {
      await store.close();
    }
    return config.dataDir;
  }

  async function remaining(dataDir: string): Promise<string[]> {
    const store = await MatchStore.open({ ...DEFAULTS, dataDir, logLevel: "error" });
    try {
      return await ids(store, "matches");
    } finally {
      await store.close();
    }
  }

  it("--dry-run prints the counts and deletes nothing; without it, deletes; options override the policy", async () => {
    const dataDir = await database();
    const dry = await accord("data", "prune", "--dry-run", "--data-dir", dataDir);
    expect(dry.err).toBe("");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("would delete 1 unplayed table(s), 0 played table(s), 0 class session(s), 0 tournament(s); rows: matches 1, seats 1");
    expect(dry.out).toContain("dry run: nothing was deleted");
    expect(await remaining(dataDir)).toEqual(["new", "old"]);

    const json = await accord("data", "prune", "--dry-run", "--json", "--unplayed-minutes", "5", "--data-dir", dataDir);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ dryRun: true, unplayedTables: 2, policy: { unplayedMinutes: 5, days: 90 } });

    const real = await accord("data", "prune", "--data-dir", dataDir);
    expect(real.code).toBe(0);
    expect(real.out).toContain("deleted 1 unplayed table(s)");
    expect(await remaining(dataDir)).toEqual(["new"]);
  }, 60_000);

  it("says what is wrong in one line, exit 2 for a bad option or setting, 1 for a missing database", async () => {
    const dataDir = await database();
    const bad = await accord("data", "prune", "--days", "soon", "--data-dir", dataDir);
    expect(bad).toEqual({ code: 2, out: "", err: "accord data prune: --days must be a number ≥ 0 (0 keeps those rows), not 'soon'" });
    const soon = await accord("data", "prune", "--unplayed-minutes", "2", "--data-dir", dataDir);
    expect(soon).toEqual({
      code: 2,
      out: "",
      err: "accord data prune: --unplayed-minutes must be 0 or at least 4 (UNJOINED_SECONDS plus a minute): a younger table may still be waiting for its creator",
    });
    const missing = tempDir("empty");
    dirs.push(missing);
    const none = await accord("data", "prune", "--data-dir", missing);
    expect(none.code).toBe(1);
    expect(none.err).toBe(`accord data prune: no database at ${join(missing, "accord.sqlite")} (set DATA_DIR or --data-dir to the server's data folder)`);
    expect(existsSync(join(missing, "accord.sqlite"))).toBe(false);

    // The real command in its own process, the database from DATA_DIR, the policy from the environment; it exits by itself.
    const env = { ...process.env, DATA_DIR: dataDir, RETAIN_UNPLAYED_MINUTES: "5" };
    const { stdout } = await run("node", [join(projectRoot, "bin/accord.js"), "data", "prune", "--dry-run"], { cwd: projectRoot, env });
    expect(stdout).toContain("would delete 2 unplayed table(s)");
    const failed = await run("node", [join(projectRoot, "bin/accord.js"), "data", "prune"], { cwd: projectRoot, env: { ...env, RETAIN_DAYS: "-3" } }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2, stderr: "accord data prune: RETAIN_DAYS: must be a number ≥ 0, got '-3'\n" });
    expect(await remaining(dataDir)).toEqual(["new", "old"]);
  }, 60_000);
});
