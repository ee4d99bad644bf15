// Time as the table master sees it: the time now, and one-off timers. The server runs on the
// process's own timers (`realTimers`); the unit tests on `FakeTimers`, whose time moves only when
// the test says so (no waiting).
import { log } from "../log.ts";

/** A pending one-off timer (a turn running out, a bot's move, an idle table's closing). */
export interface TimerHandle {
  clear(): void;
}

export interface Timers {
  /** Epoch milliseconds now. */
  now(): number;
  /** Run `run` once after `ms`; a throw is logged, not lost. */
  after(ms: number, run: () => void): TimerHandle;
  /** Run `run` on the next turn of the event loop (a bot without a delay). */
  soon(run: () => void): TimerHandle;
}

function guarded(run: () => void, what: string): () => void {
  return () => {
    try {
      run();
    } catch (e) {
      log.error(`a table's ${what} failed`, { error: e });
    }
  };
}

/** The longest delay `setTimeout` takes (2³¹−1 ms, about 24.8 days); Node fires a longer one after 1 ms. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** The primitives `chainedTimeout` runs on (the process's own, or a test's). */
export interface TimeoutPrimitives<H> {
  set(run: () => void, ms: number): H;
  clear(handle: H): void;
}

/**
 * Run `run` once after `ms`, however long: a delay beyond `MAX_TIMEOUT_MS` is a chain of timeouts
 * of at most that length, so a turn of days (stretched further by quiet hours) never fires early.
 */
export function chainedTimeout<H>(ms: number, run: () => void, primitives: TimeoutPrimitives<H>): TimerHandle {
  let left = Math.max(0, ms);
  let handle: H;
  const arm = (): void => {
    const step = Math.min(left, MAX_TIMEOUT_MS);
    left -= step;
    handle = primitives.set(left > 0 ? arm : run, step);
  };
  arm();
  return { clear: () => primitives.clear(handle) };
}

const processTimeouts: TimeoutPrimitives<NodeJS.Timeout> = {
  set(run, ms) {
    const handle = setTimeout(run, ms);
    handle.unref();
    return handle;
  },
  clear: (handle) => clearTimeout(handle),
};

/**
 * The process's timers: one `setTimeout` per pending timer, not a per-table tick (a tick per table
 * several times a second costs more than every timer it would run). They do not keep the process
 * alive on their own (`unref`): a table's timers end with its room.
 */
export const realTimers: Timers = {
  now: () => Date.now(),
  after(ms, run) {
    return chainedTimeout(ms, guarded(run, "timer"), processTimeouts);
  },
  soon(run) {
    const handle = setImmediate(guarded(run, "timer"));
    return { clear: () => clearImmediate(handle) };
  },
};

interface FakeTimer {
  at: number;
  order: number;
  run: () => void;
}

/**
 * Fake time for tests: `now()` starts at `start` and moves only through `advance(ms)`, which runs
 * every timer due by then, in order of due time (then of creation). `soon` timers are due now.
 */
export class FakeTimers implements Timers {
  private time: number;
  private order = 0;
  private readonly pending = new Set<FakeTimer>();

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, run: () => void): TimerHandle {
    const timer: FakeTimer = { at: this.time + Math.max(0, ms), order: this.order++, run: guarded(run, "fake timer") };
    this.pending.add(timer);
    return { clear: () => void this.pending.delete(timer) };
  }

  soon(run: () => void): TimerHandle {
    return this.after(0, run);
  }

  /** Timers not yet run nor cleared. */
  get size(): number {
    return this.pending.size;
  }

  /** Move time on by `ms`, running each timer due on the way at its own time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: FakeTimer | null = null;
      for (const t of this.pending) if (t.at <= end && (!next || t.at < next.at || (t.at === next.at && t.order < next.order))) next = t;
      if (!next) break;
      this.pending.delete(next);
      this.time = Math.max(this.time, next.at);
      next.run();
    }
    this.time = end;
  }
}
