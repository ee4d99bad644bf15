// What one commit of the event log costs (issue 16): every accepted action is written before it is
// answered, in batches (server/db/event-log.ts). Here the real store (MatchStore, SQLite in a temp
// folder, its writer thread included) receives EVENT_LOG_ROWS appends in bursts of 1, 2, 4 and 8 (each
// burst one batch, awaited before the next), and the CPU per row is printed for each: the process's
// (every thread) and the event loop's alone. A commit's cost hardly depends on its rows, so the figure
// per row falls with the batch. Under load a batch is taken as soon as the previous one is written,
// and at the load bench's 2,500 table actions a second holds one or two rows: this fixed cost is then
// paid about once per table action. (Gathering for 1 ms between batches cut the game's server CPU per
// table action by ~8% in the load bench and put +1.6 ms on every answer's median: not done.)
//
//   EVENT_LOG_ROWS (20000)   EVENT_LOG_RUNS (2)
//
// Run with `npm run bench -- event-log`.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { GameAction } from "../../shared/rules/types.ts";
import { MatchStore } from "../../server/db/store.ts";
import { testConfig } from "../server/harness.ts";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const ROWS = env("EVENT_LOG_ROWS", 20_000);
const RUNS = env("EVENT_LOG_RUNS", 2);

/** CPU milliseconds: the whole process's (every thread), and the main thread's alone (Linux /proc; NaN elsewhere). */
function cpu(): { all: number; main: number } {
  const u = process.cpuUsage();
  let main = NaN;
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    main = (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    // Not Linux: the main thread's share is not printed.
  }
  return { all: (u.user + u.system) / 1000, main };
}

// A statement as a person's request makes it (the size of a typical logged action).
const action = {
  type: "statement",
  delegation: "alpha",
  text: "alpha restates its position on the incident-response channel and asks for a reply by the next round.",
  id: "p1:r123",
} as unknown as GameAction;

export async function run(): Promise<void> {
  console.log(
    `event-log: ${ROWS} appends in bursts of 1, 2, 4 and 8 rows (one batch each), SQLite with its writer thread ` +
      `(EVENT_LOG_ROWS, EVENT_LOG_RUNS)`,
  );
  const work = mkdtempSync(join(tmpdir(), "accord-event-log-"));
  try {
    for (let r = 0; r < RUNS; r++) {
      const store = await MatchStore.open(testConfig({ scenariosDir: join(work, "scenarios"), dataDir: join(work, `data-${r}`), logLevel: "error" }));
      const figures: string[] = [];
      let seq = 0;
      for (const burst of [1, 2, 4, 8]) {
        const matchId = `bench-${burst}`;
        const write = async (rows: number) => {
          for (let i = 0; i < rows; i += burst) {
            const appends: Promise<void>[] = [];
            for (let k = 0; k < burst; k++) appends.push(store.appendEvent(matchId, seq++, action));
            await Promise.all(appends);
          }
        };
        await write(Math.min(1000, ROWS)); // warm-up: statements prepared, the thread's code compiled
        const c0 = cpu();
        await write(ROWS);
        const c1 = cpu();
        const all = ((c1.all - c0.all) / ROWS) * 1000;
        const main = ((c1.main - c0.main) / ROWS) * 1000;
        figures.push(`${burst} a batch ${all.toFixed(1)} µs (event loop ${main.toFixed(1)})`);
      }
      console.log(`event-log run ${r + 1}: CPU per row: ${figures.join(", ")}`);
      await store.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
  process.exit(0);
}
