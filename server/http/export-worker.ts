// The export thread: builds the exports exports.ts asks for (export-build.ts), one at a time, off
// the thread that answers every table. Started through tsx's loader (see exports.ts).
import { parentPort } from "node:worker_threads";
import { buildExport, type ExportJob } from "./export-build.ts";

parentPort!.on("message", (m: { id: number; job: ExportJob }) => {
  try {
    const body = buildExport(m.job);
    if (body === null) parentPort!.postMessage({ id: m.id, missing: true });
    else {
      // A view of Buffer's shared pool cannot be transferred: copy into a buffer of its own.
      const own = new Uint8Array(body.byteLength);
      own.set(body);
      parentPort!.postMessage({ id: m.id, body: own }, [own.buffer]);
    }
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort!.postMessage({ ready: true });
