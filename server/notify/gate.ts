// At most one message per person, table and channel an hour: the first news goes at once; what
// arrives in the hour after it is kept and goes as one grouped message when the hour is up (and
// that message starts a new hour). Time is the table's `Timers` (tests use FakeTimers: no waiting).
import type { TimerHandle, Timers } from "../table/timers.ts";

/** One hour: the shortest time between two messages about one table to one person on one channel. */
export const NOTIFY_WINDOW_MS = 60 * 60 * 1000;
/** Items kept for one grouped message (beyond: counted, not kept). */
export const MAX_GROUPED = 50;

interface Window<T> {
  pending: T[];
  /** Items beyond MAX_GROUPED, counted only. */
  more: number;
  timer: TimerHandle;
}

export class HourlyGate<T> {
  private readonly windows = new Map<string, Window<T>>();

  constructor(
    private readonly timers: Timers,
    /** Send these items (one, or the hour's group) now; `more`: items beyond MAX_GROUPED left out. */
    private readonly send: (key: string, items: T[], more: number) => void,
    private readonly windowMs = NOTIFY_WINDOW_MS,
  ) {}

  offer(key: string, item: T): void {
    const open = this.windows.get(key);
    if (open) {
      if (open.pending.length < MAX_GROUPED) open.pending.push(item);
      else open.more++;
      return;
    }
    this.windows.set(key, { pending: [], more: 0, timer: this.timers.after(this.windowMs, () => this.close(key)) });
    this.send(key, [item], 0);
  }

  /** The hour since the last message is up: send what it gathered (and open a new hour), or forget the key. */
  private close(key: string): void {
    const window = this.windows.get(key);
    if (!window) return;
    if (window.pending.length === 0) {
      this.windows.delete(key);
      return;
    }
    const items = window.pending;
    const more = window.more;
    window.pending = [];
    window.more = 0;
    window.timer = this.timers.after(this.windowMs, () => this.close(key));
    this.send(key, items, more);
  }

  /** Keys with an hour open now (for tests and metrics). */
  get size(): number {
    return this.windows.size;
  }

  stop(): void {
    for (const w of this.windows.values()) w.timer.clear();
    this.windows.clear();
  }
}
