// Which database a server opens: PostgreSQL when DATABASE_URL is set (a pool whose idle
// connections may fail without taking the process down), else SQLite under DATA_DIR in WAL mode,
// with its checkpointer and event-log writer threads.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { PostgresDialect, SqliteDialect, type Dialect, type SqliteDatabase, type SqliteStatement } from "kysely";
import type { ServerConfig } from "../config.ts";
import { log } from "../log.ts";
import { type Checkpointer, JOURNAL_SIZE_LIMIT, startCheckpointer } from "./checkpoint.ts";
import { type EventWriter, startEventWriter } from "./event-writer.ts";

export type DatabaseKind = "sqlite" | "postgres";

export async function dialectFor(
  config: ServerConfig,
): Promise<{ dialect: Dialect; checkpointer: Checkpointer | null; kind: DatabaseKind; sqlite?: SQLite.Database; writer?: EventWriter; file?: string }> {
  if (config.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
      throw new Error(`DATABASE_URL: only postgres:// URLs are supported, got '${config.databaseUrl.split(":")[0]}:'`);
    }
    // Loaded only when configured: a server on SQLite starts without it.
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client losing its connection (the database restarted) must not crash the process.
    pool.on("error", (e) => log.warn("PostgreSQL: an idle connection failed", { error: e.message }));
    return { dialect: new PostgresDialect({ pool }), checkpointer: null, kind: "postgres" };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, "accord.sqlite");
  const sqlite = new SQLite(file);
  // WAL: readers never block the writer, and a committed transaction survives a killed process.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${config.sqliteSynchronous}`);
  sqlite.pragma("busy_timeout = 5000");
  // A log that restarts from its beginning is cut back to this size (checkpoint.ts).
  sqlite.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
  return {
    dialect: new SqliteDialect({ database: preparedOnce(sqlite) }),
    checkpointer: startCheckpointer(sqlite, file),
    kind: "sqlite",
    sqlite,
    writer: startEventWriter(file, config.sqliteSynchronous),
    file,
  };
}


/** Statements kept prepared on the main connection (the SQL texts a server runs are a few dozen; IN lists vary in length). */
export const PREPARED_STATEMENTS_KEPT = 256;

/**
 * The connection as Kysely sees it, with each statement prepared once: Kysely's SQLite driver calls
 * better-sqlite3's `prepare` for every query, which parses and plans the SQL each time (a restart
 * runs the same few queries for every table and every rejoin; issue 16). Reusing a statement is
 * safe here: Kysely runs one query at a time on its one connection (its connection mutex, held
 * until a query's rows are read, a stream's to its end), and `all`/`run` finish before they return.
 * The most recently used PREPARED_STATEMENTS_KEPT are kept; SQLite re-plans a statement itself
 * when the schema changes under it (a migration).
 */
export function preparedOnce(sqlite: SQLite.Database, kept = PREPARED_STATEMENTS_KEPT): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (statement !== undefined) {
        // Most recently used last: the first is the one to drop.
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= kept) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close: () => sqlite.close(),
  };
}
