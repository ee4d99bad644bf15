// WAL checkpoints off the event loop. SQLite copies the write-ahead log back into the database
// file every ~1000 pages; done by the connection that commits, that copy (and its fsync) blocks
// the server's only thread for tens of milliseconds, and every table's answers wait. So the main
// connection never checkpoints (wal_autocheckpoint = 0) and a worker thread with its own
// connection runs a PASSIVE checkpoint (it never blocks the writer) once a second.
import type Database from "better-sqlite3";
import { log } from "../log.ts";
import { startSqliteThread } from "./sqlite-thread.ts";

/** Plain CommonJS so the worker needs no TypeScript loader. */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 5000");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (e) { parentPort.postMessage({ error: String(e) }); }
}, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (!m || !m.stop) return;
  clearInterval(timer);
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(main: Database.Database, file: string, intervalMs = 1000): Checkpointer {
  main.pragma("wal_autocheckpoint = 0");
  const thread = startSqliteThread(WORKER, { file, intervalMs }, (why) => {
    // Without the worker the log would grow without end: let the main connection checkpoint again.
    log.warn(`WAL checkpointer stopped (${why}); checkpointing on the main thread`);
    if (main.open) main.pragma("wal_autocheckpoint = 1000");
  });
  thread.worker.on("message", (m: { error?: string }) => {
    if (m.error) log.warn("WAL checkpoint failed", { error: m.error });
  });
  return { stop: () => thread.stop() };
}
