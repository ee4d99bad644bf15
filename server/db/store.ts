// The match store: matches, seats and the append-only event log, through Kysely. SQLite (better-
// sqlite3) by default; PostgreSQL when DATABASE_URL is set. Appends from every table are written
// together (group commit): one batch at a time, gathering every append made while the previous
// one was being written, each caller answered when its row is on disk — so "written before
// acknowledged" costs one commit per batch, not per action (event-log.ts). With SQLite the batches
// are written by a thread of their own (event-writer.ts), off the event loop.
import { statSync } from "node:fs";
import SQLite from "better-sqlite3";
import { Kysely, sql } from "kysely";
import type { GameAction } from "../../shared/rules/types.ts";
import type { ServerConfig } from "../config.ts";
import { log } from "../log.ts";
import type { CheckpointResult, Checkpointer } from "./checkpoint.ts";
import { type DatabaseKind, dialectFor } from "./dialect.ts";
import { EventLog, type TurnClock } from "./event-log.ts";
import type { EventWriter } from "./event-writer.ts";
import { type DatabaseSizes, databaseSizeSource, recordPruned, setDatabaseSizeSource } from "./db-metrics.ts";
import { migrateToLatest } from "./migrations.ts";
import { prune, type PruneOptions, type PruneResult, type RetentionPolicy } from "./retention.ts";
import type { MatchPatch, MatchRow, MatchStatus, NewMatchRow, NewSeatRow, SeatPatch, SeatRow, Database } from "./schema.ts";

export interface LoggedAction {
  seq: number;
  action: GameAction;
  createdAt: string;
  /** The turn clock right after this action (null: no turn running, or a log written before 0004_turn_deadline). */
  clock: TurnClock | null;
}

export type { TurnClock } from "./event-log.ts";

export interface StoredMatch {
  match: MatchRow;
  seats: SeatRow[];
  actions: LoggedAction[];
}

function clockOf(r: { turn_ends_at: number | string | null; turn_left_ms: number | string | null }): TurnClock | null {
  if (r.turn_ends_at !== null && r.turn_ends_at !== undefined) return { endsAt: Number(r.turn_ends_at) };
  if (r.turn_left_ms !== null && r.turn_left_ms !== undefined) return { leftMs: Number(r.turn_left_ms) };
  return null;
}

export type { DatabaseKind } from "./dialect.ts";

export class MatchStore {
  /** The event log's appends, written in batches (event-log.ts). */
  private readonly events: EventLog;
  private closed = false;
  /**
   * The process that runs the matches this store creates (Colyseus's process id), written as each
   * match's `owner`: another process restores a match only once its owner is gone (see claimMatch).
   */
  owner: string | null = null;

  private constructor(
    readonly db: Kysely<Database>,
    private readonly checkpointer: Checkpointer | null,
    readonly kind: DatabaseKind,
    /** SQLite's connection (the one Kysely uses), for the event log should its writer thread fail. */
    sqlite: SQLite.Database | null = null,
    /** SQLite: the thread that writes the event log's batches. */
    private readonly writer: EventWriter | null = null,
    /** SQLite: the database file (its write-ahead log is this plus `-wal`). */
    readonly file: string | null = null,
  ) {
    this.events = new EventLog(db, sqlite, writer);
  }

  static async open(config: ServerConfig): Promise<MatchStore> {
    const { dialect, checkpointer, kind, sqlite, writer, file } = await dialectFor(config);
    const db = new Kysely<Database>({ dialect });
    try {
      if (kind === "postgres") {
        await sql`select 1`.execute(db).catch((e: unknown) => {
          const where = new URL(config.databaseUrl);
          throw new Error(`DATABASE_URL: cannot reach PostgreSQL at ${where.hostname}:${where.port || 5432}${where.pathname} (${e instanceof Error ? e.message : String(e)})`);
        });
      }
      await migrateToLatest(db);
    } catch (e) {
      await writer?.stop();
      await checkpointer?.stop();
      await db.destroy();
      throw e;
    }
    const store = new MatchStore(db, checkpointer, kind, sqlite ?? null, writer ?? null, file ?? null);
    // /metrics reports the size of the database this process opened last (a server opens one).
    setDatabaseSizeSource(store.sizeSource);
    return store;
  }

  /** The database's size on disk (SQLite: the file and its write-ahead log; PostgreSQL: pg_database_size). */
  async sizes(): Promise<DatabaseSizes> {
    if (this.file !== null) {
      const size = (path: string) => {
        try {
          return statSync(path).size;
        } catch {
          return 0; // no such file (the -wal truncated away, or never written): nothing on disk
        }
      };
      return { bytes: size(this.file), walBytes: size(`${this.file}-wal`) };
    }
    const row = await sql<{ n: string | number }>`select pg_database_size(current_database()) as n`.execute(this.db);
    return { bytes: Number(row.rows[0]?.n ?? 0), walBytes: null };
  }

  private readonly sizeSource = () => this.sizes();

  /**
   * Delete what the retention policy no longer keeps (server/db/retention.ts), as of `now`; counted
   * on /metrics. With SQLite, a prune that deleted rows is followed by a truncating checkpoint.
   */
  async prune(policy: RetentionPolicy, now: number | Date = Date.now(), options: PruneOptions = {}): Promise<PruneResult> {
    const result = await prune(this.db, policy, now, options);
    if (!result.dryRun) {
      recordPruned(result.rows);
      // The prune is done either way; the log is cut back by the checkpointer's next idle tick instead.
      if (Object.values(result.rows).some((n) => n > 0)) await this.checkpointer?.checkpoint(true).catch((e: unknown) => log.warn("checkpoint after a prune failed", { error: e }));
    }
    return result;
  }

  /**
   * SQLite: run one WAL checkpoint now, as the checkpointer's timer does (two in a row with nothing
   * written between them truncate the log); null on PostgreSQL.
   */
  async checkpoint(truncate = false): Promise<CheckpointResult | null> {
    return this.checkpointer ? this.checkpointer.checkpoint(truncate) : null;
  }

  /** A real round trip to the database (for /healthz); rejects after `timeoutMs`. */
  async ping(timeoutMs = 1000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([sql`select 1`.execute(this.db), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async insertMatch(row: NewMatchRow): Promise<void> {
    await this.db.insertInto("matches").values({ owner: this.owner, ...row }).execute();
  }

  /** The process recorded as running this match (null: nobody, or a store without owners). */
  async ownerOf(matchId: string): Promise<{ owner: string | null; status: MatchStatus } | null> {
    const row = await this.db.selectFrom("matches").select(["owner", "status"]).where("id", "=", matchId).executeTakeFirst();
    return row ?? null;
  }

  /**
   * Take over a match from `previous` (its owner when we looked, found gone): a compare-and-set, so
   * of two processes restoring the same match at once only one succeeds.
   */
  async claimMatch(matchId: string, previous: string | null): Promise<boolean> {
    const query = this.db.updateTable("matches").set({ owner: this.owner }).where("id", "=", matchId);
    const result = await (previous === null ? query.where("owner", "is", null) : query.where("owner", "=", previous)).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Give up this process's matches (a clean shutdown): any process may restore them at once. */
  async releaseOwned(): Promise<void> {
    if (this.owner === null) return;
    await this.db.updateTable("matches").set({ owner: null }).where("owner", "=", this.owner).execute();
  }

  async updateMatch(id: string, patch: MatchPatch): Promise<void> {
    await this.db.updateTable("matches").set(patch).where("id", "=", id).execute();
  }

  async insertSeat(row: NewSeatRow): Promise<void> {
    await this.db.insertInto("seats").values(row).execute();
  }

  async updateSeat(id: string, patch: SeatPatch): Promise<void> {
    await this.db.updateTable("seats").set(patch).where("id", "=", id).execute();
  }

  /** A valid person's seat at a match, by its token's hash (a rejoin): tables keep in memory only the people present. */
  async personSeat(matchId: string, tokenHash: string): Promise<SeatRow | null> {
    const row = await this.db
      .selectFrom("seats")
      .selectAll()
      .where("match_id", "=", matchId)
      .where("kind", "=", "person")
      .where("token_hash", "=", tokenHash)
      .where("active", "=", 1)
      .executeTakeFirst();
    return row ?? null;
  }

  /**
   * Append one accepted action to a match's log. Resolves once the row is committed; rejects
   * (and nothing of its batch is written) if the write fails.
   */
  appendEvent(matchId: string, seq: number, action: GameAction, clock: TurnClock | null = null, createdAt = new Date().toISOString()): Promise<void> {
    if (this.closed) return Promise.reject(new Error("the match store is closed"));
    return this.events.append(matchId, seq, action, clock, createdAt);
  }

  async loadMatch(id: string): Promise<StoredMatch | null> {
    const match = await this.db.selectFrom("matches").selectAll().where("id", "=", id).executeTakeFirst();
    if (!match) return null;
    const seats = await this.db.selectFrom("seats").selectAll().where("match_id", "=", id).orderBy("created_at").orderBy("id").execute();
    const rows = await this.db.selectFrom("events").selectAll().where("match_id", "=", id).orderBy("seq").execute();
    const actions = rows.map((r) => ({ seq: Number(r.seq), action: JSON.parse(r.action_json) as GameAction, createdAt: r.created_at, clock: clockOf(r) }));
    return { match: { ...match, seed: Number(match.seed), listed: Number(match.listed) }, seats, actions };
  }

  /**
   * A match whose creator never arrived before a restart cannot be joined: give it up. With
   * several processes, only those of processes that are gone (`aliveOwners` lists the others).
   */
  async abandonPending(aliveOwners?: string[]): Promise<void> {
    let query = this.db.updateTable("matches").set({ status: "abandoned" }).where("status", "=", "pending");
    if (aliveOwners && aliveOwners.length > 0) query = query.where((eb) => eb.or([eb("owner", "is", null), eb("owner", "not in", aliveOwners)]));
    await query.execute();
  }

  /** Matches to bring back on start: everything begun and not finished. */
  async unfinishedMatchIds(): Promise<string[]> {
    const rows = await this.db.selectFrom("matches").select("id").where("status", "in", ["open", "running"]).orderBy("created_at").execute();
    return rows.map((r) => r.id);
  }

  /** The same matches with their owners (a restart's sweep decides which it may take in one read). */
  async unfinishedMatchOwners(): Promise<{ id: string; owner: string | null }[]> {
    return this.db.selectFrom("matches").select(["id", "owner"]).where("status", "in", ["open", "running"]).orderBy("created_at").execute();
  }

  /**
   * claimMatch for many matches of one previous owner in one statement (a compare-and-set each):
   * the ids this process took, still unfinished.
   */
  async claimMatches(ids: readonly string[], previous: string | null): Promise<string[]> {
    if (ids.length === 0) return [];
    const query = this.db.updateTable("matches").set({ owner: this.owner }).where("id", "in", [...ids]).where("status", "in", ["open", "running"]);
    const rows = await (previous === null ? query.where("owner", "is", null) : query.where("owner", "=", previous)).returning("id").execute();
    return rows.map((r) => r.id);
  }

  /** loadMatch for many matches in three reads (a restart's sweep); matches not found are absent. */
  async loadMatches(ids: readonly string[]): Promise<Map<string, StoredMatch>> {
    const found = new Map<string, StoredMatch>();
    if (ids.length === 0) return found;
    const list = [...ids];
    const matches = await this.db.selectFrom("matches").selectAll().where("id", "in", list).execute();
    const seats = await this.db.selectFrom("seats").selectAll().where("match_id", "in", list).orderBy("match_id").orderBy("created_at").orderBy("id").execute();
    const events = await this.db.selectFrom("events").selectAll().where("match_id", "in", list).orderBy("match_id").orderBy("seq").execute();
    for (const match of matches) found.set(match.id, { match: { ...match, seed: Number(match.seed), listed: Number(match.listed) }, seats: [], actions: [] });
    for (const seat of seats) found.get(seat.match_id)?.seats.push(seat);
    for (const r of events) {
      found.get(r.match_id)?.actions.push({ seq: Number(r.seq), action: JSON.parse(r.action_json) as GameAction, createdAt: r.created_at, clock: clockOf(r) });
    }
    return found;
  }

  async matchIdForJoinCode(code: string): Promise<{ id: string; status: MatchStatus } | null> {
    const row = await this.db.selectFrom("matches").select(["id", "status"]).where("join_code", "=", code).executeTakeFirst();
    return row ?? null;
  }

  async joinCodeTaken(code: string): Promise<boolean> {
    return (await this.matchIdForJoinCode(code)) !== null;
  }

  async listedMatches(limit = 200): Promise<MatchRow[]> {
    return this.db
      .selectFrom("matches")
      .selectAll()
      .where("listed", "=", 1)
      .where("status", "in", ["open", "running"])
      .orderBy("created_at", "desc")
      .limit(limit)
      .execute();
  }

  /** Wait for the appends already made, then close the database. */
  async close(): Promise<void> {
    this.closed = true;
    await this.events.settle();
    await this.writer?.stop();
    await this.checkpointer?.stop();
    if (databaseSizeSource() === this.sizeSource) setDatabaseSizeSource(null);
    await this.db.destroy();
  }
}
