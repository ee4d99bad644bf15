// The event log's writes off the event loop (SQLite). Each commit of an append batch costs tens of
// microseconds of b-tree work and WAL writes; on the server's only thread that time delays every
// table's answers. So a worker thread with its own connection to the same file runs the batches,
// one at a time in order, and answers each once it is committed: the room still answers an action
// only after its row is on disk. While a batch is being written the next one gathers (MatchStore),
// so batches grow with the load instead of commits.
//
// The main connection keeps every other write (matches, seats, classes, tournaments): they are
// rare, start with a write (no read-then-write upgrade that WAL could refuse), and wait on the
// busy timeout for the writer's short transactions.
import { log } from "../log.ts";
import { JOURNAL_SIZE_LIMIT } from "./checkpoint.ts";
import { startSqliteThread } from "./sqlite-thread.ts";

/** Plain CommonJS so the worker needs no TypeScript loader. */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma("synchronous = " + workerData.synchronous);
db.pragma("busy_timeout = 5000");
// Checkpoints are the checkpointer thread's (checkpoint.ts): none here, where answers wait on commits.
db.pragma("wal_autocheckpoint = 0");
// When the log restarts from its beginning (this thread is the usual writer), cut the file back.
db.pragma("journal_size_limit = " + workerData.journalSizeLimit);
const statements = new Map();
function runChunks(chunks) {
  for (const chunk of chunks) {
    let statement = statements.get(chunk.sql);
    if (statement === undefined) statements.set(chunk.sql, (statement = db.prepare(chunk.sql)));
    statement.run(chunk.params);
  }
}
const inTransaction = db.transaction(runChunks);
parentPort.on("message", (m) => {
  if (m.stop) {
    db.close();
    parentPort.postMessage({ stopped: true });
    return;
  }
  try {
    // One statement is atomic on its own; several are one transaction.
    if (m.chunks.length === 1) runChunks(m.chunks);
    else inTransaction(m.chunks);
    parentPort.postMessage({ id: m.id });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});
`;

/** One INSERT of the batch: its SQL (compiled by Kysely) and its values. */
export interface WriteChunk {
  sql: string;
  params: unknown[];
}

export interface EventWriter {
  /** Resolves once the chunks are committed (one transaction); rejects if they are not. */
  write(chunks: WriteChunk[]): Promise<void>;
  /** False once the thread has failed: the store then writes on its own connection again. */
  readonly alive: boolean;
  stop(): Promise<void>;
}

export function startEventWriter(file: string, synchronous: string): EventWriter {
  let next = 0;
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const thread = startSqliteThread(WORKER, { file, synchronous, journalSizeLimit: JOURNAL_SIZE_LIMIT }, (why) => {
    log.warn(`event-log writer thread stopped (${why}); writing on the main thread`);
    for (const w of waiting.values()) w.reject(new Error(`the event-log writer stopped (${why})`));
    waiting.clear();
  });
  thread.worker.on("message", (m: { id?: number; error?: string }) => {
    if (m.id === undefined) return;
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(m.error));
    else w?.resolve();
  });
  return {
    get alive() {
      return thread.alive;
    },
    write(chunks) {
      if (!thread.alive) return Promise.reject(new Error("the event-log writer has stopped"));
      return new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve, reject });
        thread.worker.postMessage({ id, chunks });
      });
    },
    stop: () => thread.stop(),
  };
}
