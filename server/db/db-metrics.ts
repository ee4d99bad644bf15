// The database's own figures on /metrics, read when Prometheus scrapes: its size on disk (SQLite:
// the file and its write-ahead log; PostgreSQL: pg_database_size), and the rows retention deleted.
import { Counter, Gauge } from "prom-client";
import { registry } from "../metrics.ts";
import { PRUNED_TABLES, type PrunedTable } from "./retention.ts";

export interface DatabaseSizes {
  /** The database (SQLite: the main file; PostgreSQL: pg_database_size of the current database). */
  bytes: number;
  /** SQLite: the -wal file; null on PostgreSQL. */
  walBytes: number | null;
}

let source: (() => Promise<DatabaseSizes>) | null = null;

/** The store whose sizes /metrics reports (the server's); null: none. */
export function setDatabaseSizeSource(read: (() => Promise<DatabaseSizes>) | null): void {
  source = read;
}

export function databaseSizeSource(): (() => Promise<DatabaseSizes>) | null {
  return source;
}

let last: Promise<DatabaseSizes | null> | null = null;

/** A scrape never waits longer than this for the database (one that stopped answering shows no size). */
const READ_TIMEOUT_MS = 1000;

/** One read per scrape, shared by both gauges. */
function sizes(): Promise<DatabaseSizes | null> {
  if (last) return last;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), READ_TIMEOUT_MS);
    timer.unref();
  });
  last = Promise.race([source ? source() : Promise.resolve(null), timeout])
    // A failed read shows no size, as a slow one does: a failing database is said by /healthz and the store's own errors.
    .catch(() => null)
    .finally(() => {
      clearTimeout(timer);
      setImmediate(() => (last = null));
    });
  return last;
}

new Gauge({
  name: "accord_database_bytes",
  help: "Size of the database on disk (SQLite: the database file; PostgreSQL: pg_database_size)",
  registers: [registry],
  async collect() {
    const s = await sizes();
    if (s) this.set(s.bytes);
  },
});

new Gauge({
  name: "accord_database_wal_bytes",
  help: "SQLite: size of the write-ahead log file (-wal), which checkpoints truncate once idle",
  registers: [registry],
  async collect() {
    const s = await sizes();
    if (s && s.walBytes !== null) this.set(s.walBytes);
  },
});

const pruned = new Counter({
  name: "accord_pruned_rows_total",
  help: "Rows deleted by retention (server/db/retention.ts), per database table",
  labelNames: ["table"] as const,
  registers: [registry],
});
for (const table of PRUNED_TABLES) pruned.inc({ table }, 0);

export function recordPruned(rows: Record<PrunedTable, number>): void {
  for (const table of PRUNED_TABLES) if (rows[table] > 0) pruned.inc({ table }, rows[table]);
}
