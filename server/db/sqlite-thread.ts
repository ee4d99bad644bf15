// A worker thread with its own better-sqlite3 connection (checkpoint.ts, event-writer.ts): started
// from plain CommonJS source (no TypeScript loader in the worker), given the resolved
// better-sqlite3 module as `workerData.module`, and stopped by a `{ stop: true }` message that the
// worker answers with `{ stopped: true }` once its connection is closed.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export interface SqliteThread {
  worker: Worker;
  /** Whether the thread is still running (false once stopped or failed). */
  readonly alive: boolean;
  /** Ask the worker to close its connection, then end the thread. */
  stop(): Promise<void>;
}

/** Start `code` in a worker thread; `onFail` is called once if the thread errs or exits unasked. */
export function startSqliteThread(code: string, data: Record<string, unknown>, onFail: (why: string) => void): SqliteThread {
  const module = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(code, { eval: true, workerData: { ...data, module } });
  worker.unref();
  let alive = true;
  const fail = (why: string) => {
    if (!alive) return;
    alive = false;
    onFail(why);
  };
  worker.on("error", (e) => fail(e.message));
  worker.on("exit", (code) => fail(`exit ${code}`));
  return {
    worker,
    get alive() {
      return alive;
    },
    stop() {
      if (!alive) return Promise.resolve();
      alive = false;
      return new Promise((resolve) => {
        const done = () => resolve();
        worker.once("exit", done);
        // Other answers may still arrive first (a checkpoint's, a batch's): wait for this one.
        const onMessage = (m: { stopped?: boolean }) => {
          if (!m?.stopped) return;
          worker.off("message", onMessage);
          void worker.terminate().then(done, done);
        };
        worker.on("message", onMessage);
        worker.postMessage({ stop: true });
      });
    },
  };
}
