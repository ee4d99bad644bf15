// The export thread's entry (exports.ts): tsx's loader first, so the thread can load the
// project's TypeScript (export-worker.ts), as bin/run-ts.js does for the process.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
