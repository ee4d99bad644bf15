// The event log's appends (store.ts hands them here): every accepted action of every table, written
// together (group commit) — one batch at a time, gathering every append made while the previous one
// was being written, each caller answered when its row is on disk, so "written before acknowledged"
// costs one commit per batch, not per action. With SQLite the batches go to a thread of their own
// (event-writer.ts), off the event loop, or through prepared statements on the store's connection
// should that thread fail; with PostgreSQL, one multi-row INSERT compiled once per batch size.
import type SQLite from "better-sqlite3";
import { CompiledQuery, type Kysely } from "kysely";
import type { GameAction } from "../../shared/rules/types.ts";
import { recordPersistence } from "../metrics.ts";
import type { EventWriter, WriteChunk } from "./event-writer.ts";
import type { Database } from "./schema.ts";

/** The turn clock after an action: running until `endsAt` (epoch ms), or paused with `leftMs` left. */
export type TurnClock = { endsAt: number } | { leftMs: number };

/** SQLite's bound-parameter budget is large, but a batch stays well inside it (4 per row). */
const ROWS_PER_INSERT = 500;

interface PendingAppend {
  row: { match_id: string; seq: number; action_json: string; created_at: string; turn_ends_at: number | null; turn_left_ms: number | null };
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** An event row's values in the order its INSERT lists the columns (the order of `PendingAppend.row`). */
function eventParameters(r: PendingAppend["row"]): unknown[] {
  return [r.match_id, r.seq, r.action_json, r.created_at, r.turn_ends_at, r.turn_left_ms];
}

export class EventLog {
  private pending: PendingAppend[] = [];
  /** The compiled INSERT for a batch of n rows (compiled by Kysely, so in the dialect's own SQL). */
  private readonly insertSql = new Map<number, string>();
  /** SQLite: the prepared multi-row INSERT for each batch size, reused (Kysely would prepare it anew each time). */
  private readonly insertStatements = new Map<number, SQLite.Statement>();
  private flushScheduled = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    /** SQLite's connection (the one Kysely uses), for the event log should its writer thread fail. */
    private readonly sqlite: SQLite.Database | null,
    /** SQLite: the thread that writes the event log's batches. */
    private readonly writer: EventWriter | null,
  ) {}

  /**
   * Append one accepted action to a match's log. Resolves once the row is committed; rejects
   * (and nothing of its batch is written) if the write fails.
   */
  append(matchId: string, seq: number, action: GameAction, clock: TurnClock | null, createdAt: string): Promise<void> {
    const row = {
      match_id: matchId,
      seq,
      action_json: JSON.stringify(action),
      created_at: createdAt,
      turn_ends_at: clock && "endsAt" in clock ? Math.round(clock.endsAt) : null,
      turn_left_ms: clock && "leftMs" in clock ? Math.round(clock.leftMs) : null,
    };
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // setImmediate: every append made during this turn of the event loop joins the batch; and
        // the batch is taken only once the previous one is written, so appends made meanwhile join
        // it too (group commit: batches grow with the load, commits do not).
        setImmediate(() => {
          this.flushing = this.flushing.then(() => {
            this.flushScheduled = false;
            const batch = this.pending;
            this.pending = [];
            return batch.length > 0 ? this.writeBatch(batch) : undefined;
          });
        });
      }
    });
  }

  private async writeBatch(batch: PendingAppend[]): Promise<void> {
    const started = performance.now();
    try {
      if (this.writer?.alive) {
        await this.writer.write(this.insertChunks(batch.map((p) => p.row)));
      } else if (this.sqlite) {
        this.writeSqlite(batch.map((p) => p.row));
      } else if (batch.length <= ROWS_PER_INSERT) {
        // One statement is atomic on its own: no BEGIN/COMMIT round trips for the usual batch.
        await this.db.executeQuery(this.insertEvents(batch.map((p) => p.row)));
      } else {
        await this.db.transaction().execute(async (trx) => {
          for (let i = 0; i < batch.length; i += ROWS_PER_INSERT) {
            await trx
              .insertInto("events")
              .values(batch.slice(i, i + ROWS_PER_INSERT).map((p) => p.row))
              .execute();
          }
        });
      }
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    recordPersistence(batch.length, (performance.now() - started) / 1000);
    for (const p of batch) p.resolve();
  }

  /**
   * SQLite: the batch through prepared statements kept for each batch size (one statement is
   * atomic on its own; a batch of several chunks is one transaction). Synchronous, as SQLite is.
   */
  private writeSqlite(rows: PendingAppend["row"][]): void {
    const sqlite = this.sqlite!;
    const chunk = (part: PendingAppend["row"][]) => {
      let statement = this.insertStatements.get(part.length);
      if (statement === undefined) {
        statement = sqlite.prepare(this.db.insertInto("events").values(part).compile().sql);
        this.insertStatements.set(part.length, statement);
      }
      const parameters: unknown[] = [];
      for (const r of part) parameters.push(...eventParameters(r));
      statement.run(parameters);
    };
    if (rows.length <= ROWS_PER_INSERT) chunk(rows);
    else
      sqlite.transaction(() => {
        for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) chunk(rows.slice(i, i + ROWS_PER_INSERT));
      })();
  }

  /** The batch as INSERTs of at most ROWS_PER_INSERT rows each, for the writer thread. */
  private insertChunks(rows: PendingAppend["row"][]): WriteChunk[] {
    const chunks: WriteChunk[] = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const query = this.insertEvents(rows.slice(i, i + ROWS_PER_INSERT));
      chunks.push({ sql: query.sql, params: [...query.parameters] });
    }
    return chunks;
  }

  /**
   * The multi-row INSERT for these rows. Building a query through Kysely's builder costs more than
   * writing the row, so the SQL for each batch size is compiled once and reused with new values.
   */
  private insertEvents(rows: PendingAppend["row"][]): CompiledQuery {
    let sql = this.insertSql.get(rows.length);
    if (sql === undefined) {
      sql = this.db.insertInto("events").values(rows).compile().sql;
      this.insertSql.set(rows.length, sql);
    }
    const parameters: unknown[] = [];
    for (const r of rows) parameters.push(...eventParameters(r));
    return CompiledQuery.raw(sql, parameters);
  }

  /** Every append made so far, written (or failed): a scheduled batch is let start, then every batch awaited. */
  async settle(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    await this.flushing;
  }
}
