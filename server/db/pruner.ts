// Retention on a timer inside the server (config.retention.intervalMinutes; 0: only `accord data
// prune`). The timer is unref'd (it never keeps the process alive) and stopped on close, after the
// prune in progress, if any, has finished. With several processes on one PostgreSQL each runs its
// own: a prune re-checks its rule in every DELETE, so two at once delete each row once.
import type { ServerConfig } from "../config.ts";
import { log } from "../log.ts";
import { describePrune, prunedRows } from "./retention.ts";
import type { MatchStore } from "./store.ts";

export interface Pruner {
  /** Run one prune now (as the timer does); resolves when it is done (errors are logged, not thrown). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The shortest unplayed window that is safe: a table nobody joined is closed after
 * `unjoinedSeconds`, so one younger than that plus a minute may still be waiting for its creator
 * in some process.
 */
export function shortestUnplayedMinutes(config: Pick<ServerConfig, "unjoinedSeconds">): number {
  return Math.ceil(config.unjoinedSeconds / 60) + 1;
}

/** The first prune comes this soon after start (or one interval, when shorter): a server restarted often still prunes. */
const FIRST_RUN_MS = 5 * 60_000;

/**
 * Prune `store` every `config.retention.intervalMinutes`, never touching the tables in `live()`.
 * A table not yet joined is closed after `unjoinedSeconds`, so the unplayed window is never
 * shorter than that (plus a minute): another process's table waiting for its creator is safe too.
 */
export function startPruner(store: MatchStore, config: ServerConfig, live: () => Iterable<string>, clock: () => number = Date.now): Pruner {
  const { intervalMinutes, days } = config.retention;
  const unplayedMinutes = config.retention.unplayedMinutes > 0 ? Math.max(config.retention.unplayedMinutes, shortestUnplayedMinutes(config)) : 0;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const runNow = () => {
    running = running.then(async () => {
      if (stopped) return;
      const started = performance.now();
      try {
        const result = await store.prune({ unplayedMinutes, days }, clock(), { keep: live() });
        if (prunedRows(result) > 0) log.info(`retention: ${describePrune(result)}`, { ms: Math.round(performance.now() - started) });
      } catch (e) {
        log.warn("retention: prune failed (the next one tries again)", { error: e instanceof Error ? e.message : String(e) });
      }
    });
    return running;
  };

  if (intervalMinutes > 0) {
    const every = intervalMinutes * 60_000;
    const schedule = (ms: number) => {
      timer = setTimeout(() => {
        void runNow().then(() => {
          if (!stopped) schedule(every);
        });
      }, ms);
      timer.unref();
    };
    schedule(Math.min(every, FIRST_RUN_MS));
  }
  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
