// The turn clock: how long the table's current turn has left, and the timer that applies the
// engine's `timeout` when it runs out. It decides no rule: whose turn it is and what a timeout
// does come from `apply`; this only keeps the time (a new table version gets a full turn, a pause
// keeps what was left, a resume runs on from there) and shows it in the synced `timer`.
import type { GameState } from "../../shared/rules/types.ts";
import type { TurnTimer } from "../../shared/state/table.ts";
import type { TurnClock } from "../db/store.ts";
import type { TimerHandle, Timers } from "./timers.ts";

export class TurnClockKeeper {
  /** The clock now (null: no turn running) and the table version whose turn it times. */
  private clock: TurnClock | null = null;
  private clockVersion = -1;
  /** The pending turn expiry (null while paused or stopped). */
  private expiry: TimerHandle | null = null;
  /** `hold` stopped a running turn (`release` runs it on). */
  private held = false;

  constructor(
    private readonly timers: Timers,
    /** A turn's length. */
    readonly turnMs: number,
    /** The synced timer the clients count down from. */
    private readonly shown: TurnTimer,
    /** The turn of `tableVersion` ran out (called from the timer; the caller queues the `timeout`). */
    private readonly onExpired: (tableVersion: number) => void,
  ) {}

  /** The clock after a restart: the turn of `tableVersion` goes on with what it had left. */
  resume(clock: TurnClock, tableVersion: number): void {
    this.clock = clock;
    this.clockVersion = tableVersion;
  }

  /** The turn clock once `game` is the table's state, at time `at` (logged with the action that leads there). */
  after(game: GameState, at: number): TurnClock | null {
    if (game.phase !== "running" && game.phase !== "paused") return null;
    const current = this.clockVersion === game.tableVersion ? this.clock : null;
    if (game.phase === "paused") {
      if (current === null) return { leftMs: this.turnMs };
      return "leftMs" in current ? current : { leftMs: Math.max(0, current.endsAt - at) };
    }
    if (current === null) return { endsAt: at + this.turnMs };
    return "endsAt" in current ? current : { endsAt: at + current.leftMs };
  }

  /** Run the expiry timer (and the synced `timer`) as `clock` says for `tableVersion` (`fresh`: a new room, set everything). */
  set(clock: TurnClock | null, tableVersion: number, fresh = false): void {
    const t = this.shown;
    const previous = this.clock;
    const unchanged =
      clock !== null &&
      previous !== null &&
      this.clockVersion === tableVersion &&
      ("endsAt" in clock ? "endsAt" in previous && previous.endsAt === clock.endsAt && this.expiry !== null : "leftMs" in previous && previous.leftMs === clock.leftMs);
    this.clock = clock;
    this.clockVersion = clock === null ? -1 : tableVersion;
    if (unchanged && !fresh) return;
    this.stop();
    if (clock === null || "leftMs" in clock) {
      if (t.running) t.running = false;
      if (t.endsAt !== 0) t.endsAt = 0;
      const seconds = clock === null ? 0 : Math.ceil(clock.leftMs / 1000);
      if (t.secondsLeft !== seconds) t.secondsLeft = seconds;
      return;
    }
    const left = Math.max(0, clock.endsAt - this.timers.now());
    // Kept after it fires (as a record that this turn is timed): the `timeout` it queues moves the
    // table on, and a timeout already past is not armed again for the same clock.
    this.expiry = this.timers.after(left, () => this.onExpired(tableVersion));
    // `secondsLeft` goes with `endsAt` (computed at the same moment), so a running clock patches
    // the timer only when the turn changes, not with every action.
    t.running = true;
    t.endsAt = clock.endsAt;
    t.secondsLeft = Math.ceil(left / 1000);
  }

  /** Stop the running turn at `now`, keeping what it had left (a resting table, see TableMaster.restIfUnattended). */
  hold(now: number): void {
    const clock = this.clock;
    if (clock === null || !("endsAt" in clock)) return;
    this.set({ leftMs: Math.max(0, clock.endsAt - now) }, this.clockVersion);
    this.held = true;
  }

  /** Run a held turn on from `now` with the time it had left. */
  release(now: number): void {
    const clock = this.clock;
    if (!this.held) return;
    this.held = false;
    if (clock === null || !("leftMs" in clock)) return;
    this.set({ endsAt: now + clock.leftMs }, this.clockVersion);
  }

  /** Cancel the pending expiry (the room closes). */
  stop(): void {
    this.expiry?.clear();
    this.expiry = null;
  }
}
