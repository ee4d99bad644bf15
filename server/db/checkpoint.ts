// WAL checkpoints off the event loop. SQLite copies the write-ahead log back into the database
// file every ~1000 pages; done by the connection that commits, that copy (and its fsync) blocks
// the server's only thread for tens of milliseconds, and every table's answers wait. So the main
// connection never checkpoints (wal_autocheckpoint = 0) and a worker thread with its own
// connection runs a PASSIVE checkpoint (it never blocks the writer) once a second.
//
// A PASSIVE checkpoint copies pages back but never makes the -wal file smaller: after a burst
// (3,000 table creations wrote ~450 MB of log) the file stayed at its peak while idle, until a
// restart. So each tick also
//   - truncates the log to zero bytes once it is idle: every frame copied back and nothing
//     written since the previous tick (TRUNCATE, with a short busy timeout so a writer that turns
//     up meanwhile waits at most that long; when it cannot, the next tick tries again);
//   - under a long burst, once the log holds more than JOURNAL_SIZE_LIMIT and all of it is copied
//     back, asks the next writer to start the log from the beginning (RESTART), and every
//     connection's `journal_size_limit` then cuts the file back to that size: the peak stays near
//     the limit instead of growing with the burst.
import type Database from "better-sqlite3";
import { log } from "../log.ts";
import { startSqliteThread } from "./sqlite-thread.ts";

/** Bytes the -wal file is cut back to when the log restarts (every connection's journal_size_limit). */
export const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** Plain CommonJS so the worker needs no TypeScript loader. */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { statSync } = require("node:fs");
const Database = require(workerData.module);
const db = new Database(workerData.file);
const BUSY_MS = 5000;
db.pragma("busy_timeout = " + BUSY_MS);
db.pragma("journal_size_limit = " + workerData.journalSizeLimit);
const frameBytes = db.pragma("page_size", { simple: true }) + 24;
let lastLog = -1;
function walBytes() {
  // No -wal file (just truncated away, or never written): an empty log.
  try { return statSync(workerData.file + "-wal").size; } catch { return 0; }
}
function checkpoint(mode, busyMs) {
  if (busyMs !== BUSY_MS) db.pragma("busy_timeout = " + busyMs);
  try { return db.pragma("wal_checkpoint(" + mode + ")")[0]; }
  finally { if (busyMs !== BUSY_MS) db.pragma("busy_timeout = " + BUSY_MS); }
}
function tick(truncate) {
  let r = checkpoint("PASSIVE", BUSY_MS);
  let mode = "PASSIVE";
  const copied = r.busy === 0 && r.checkpointed === r.log;
  if (copied && (truncate || (r.log === lastLog && walBytes() > 0))) {
    // Idle (or asked, after a prune): the file back to zero bytes.
    mode = "TRUNCATE";
    r = checkpoint("TRUNCATE", 100);
  } else if (copied && r.log * frameBytes > workerData.journalSizeLimit) {
    // A long burst: the next writer starts the log again, cut to journal_size_limit.
    mode = "RESTART";
    r = checkpoint("RESTART", 50);
  }
  lastLog = r.log;
  return { mode, busy: r.busy, log: r.log, checkpointed: r.checkpointed, walBytes: walBytes() };
}
const timer = setInterval(() => {
  try { tick(false); } catch (e) { parentPort.postMessage({ error: String(e) }); }
}, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (!m) return;
  if (m.tick !== undefined) {
    try { parentPort.postMessage({ tick: m.tick, result: tick(Boolean(m.truncate)) }); }
    catch (e) { parentPort.postMessage({ tick: m.tick, error: String(e) }); }
    return;
  }
  if (!m.stop) return;
  clearInterval(timer);
  // The last checkpoint is a courtesy (the log is replayed on the next open): its failure is reported, not fatal.
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (e) { parentPort.postMessage({ error: "final checkpoint: " + String(e) }); }
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

/** What one checkpoint did: its mode, SQLite's answer (frames in the log, frames copied back) and the -wal file's size after it. */
export interface CheckpointResult {
  mode: "PASSIVE" | "TRUNCATE" | "RESTART";
  /** 1 when the checkpoint could not finish (a reader or writer in the way). */
  busy: number;
  log: number;
  checkpointed: number;
  walBytes: number;
}

export interface Checkpointer {
  /**
   * Run one checkpoint now, as the timer does (a second one in a row with nothing written
   * truncates the log); `truncate`: truncate at once if every frame is copied back (after a prune).
   */
  checkpoint(truncate?: boolean): Promise<CheckpointResult>;
  stop(): Promise<void>;
}

export function startCheckpointer(main: Database.Database, file: string, intervalMs = 1000): Checkpointer {
  main.pragma("wal_autocheckpoint = 0");
  const thread = startSqliteThread(WORKER, { file, intervalMs, journalSizeLimit: JOURNAL_SIZE_LIMIT }, (why) => {
    // Without the worker the log would grow without end: let the main connection checkpoint again.
    log.warn(`WAL checkpointer stopped (${why}); checkpointing on the main thread`);
    if (main.open) main.pragma("wal_autocheckpoint = 1000");
    for (const w of waiting.values()) w.reject(new Error(`the WAL checkpointer stopped (${why})`));
    waiting.clear();
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();
  thread.worker.on("message", (m: { error?: string; tick?: number; result?: CheckpointResult }) => {
    if (m.tick !== undefined) {
      const w = waiting.get(m.tick);
      waiting.delete(m.tick);
      if (m.error !== undefined) w?.reject(new Error(m.error));
      else w?.resolve(m.result!);
      return;
    }
    if (m.error) log.warn("WAL checkpoint failed", { error: m.error });
  });
  return {
    checkpoint(truncate = false) {
      if (!thread.alive) return Promise.reject(new Error("the WAL checkpointer has stopped"));
      return new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve, reject });
        thread.worker.postMessage({ tick: id, truncate });
      });
    },
    stop: () => thread.stop(),
  };
}
