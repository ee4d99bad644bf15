// The turn clock: how long the table's current turn has left, and the timer that applies the
// engine's `timeout` when it runs out. It decides no rule: whose turn it is and what a timeout
// does come from `apply`; this only keeps the time (a new table version gets a full turn, a pause
// keeps what was left, a resume runs on from there) and shows it in the synced `timer`.
//
// Long-turn tables: a turn's running time skips the table's quiet hours in its mover's zone
// (shared/clock/quiet-hours.ts); the stored `endsAt` is the wall-clock deadline that results, and
// `leftMs` (paused) is running time. A multilateral vote open "until everyone has moved" is not
// timed at all (shared/rules/multilateral.ts `turnIsTimed`).
import { deadlineAfter, runningBetween, type QuietRule } from "../../shared/clock/quiet-hours.ts";
import type { CreateOptions } from "../../shared/protocol/index.ts";
import { movers, turnIsTimed } from "../../shared/rules/index.ts";
import type { GameState } from "../../shared/rules/types.ts";
import type { TurnTimer } from "../../shared/state/table.ts";
import type { TurnClock } from "../db/store.ts";
import type { TimerHandle, Timers } from "./timers.ts";

/** What the table says about timing a turn (master.ts builds it from its options and seating). */
export interface ClockPolicy {
  /** Whether the turn of `game` is timed at all. */
  timed(game: GameState): boolean;
  /** The quiet hours the turn of `game` follows (its mover's zone), or null. */
  rule(game: GameState): QuietRule | null;
}

const ALWAYS: ClockPolicy = { timed: () => true, rule: () => null };

export class TurnClockKeeper {
  /** The clock now (null: no turn running) and the table version whose turn it times. */
  private clock: TurnClock | null = null;
  private clockVersion = -1;
  /** The pending turn expiry (null while paused or stopped). */
  private expiry: TimerHandle | null = null;
  /** `hold` stopped a running turn (`release` runs it on). */
  private held = false;
  /** The quiet-hours rule of the turn of table version `ruleVersion`, fixed when that turn is first timed. */
  private rule: QuietRule | null = null;
  private ruleVersion = -1;
  /** The table version whose turn is not timed (a vote open until everyone has moved). */
  private untimedVersion = -1;

  constructor(
    private readonly timers: Timers,
    /** A turn's length. */
    readonly turnMs: number,
    /** The synced timer the clients count down from. */
    private readonly shown: TurnTimer,
    /** The turn of `tableVersion` ran out (called from the timer; the caller queues the `timeout`). */
    private readonly onExpired: (tableVersion: number) => void,
    private readonly policy: ClockPolicy = ALWAYS,
  ) {}

  /** The quiet-hours rule of this turn, looked up once per table version (a later join from another zone does not move a running deadline). */
  private ruleOf(game: GameState): QuietRule | null {
    if (this.ruleVersion !== game.tableVersion) {
      this.rule = this.policy.rule(game);
      this.ruleVersion = game.tableVersion;
    }
    return this.rule;
  }

  /** The rule in force for the clock of `tableVersion` (null when none was looked up for it). */
  private ruleFor(tableVersion: number): QuietRule | null {
    return this.ruleVersion === tableVersion ? this.rule : null;
  }

  /** The clock after a restart: the turn of `tableVersion` goes on with what it had left. */
  resume(clock: TurnClock, tableVersion: number): void {
    this.clock = clock;
    this.clockVersion = tableVersion;
  }

  /** The turn clock once `game` is the table's state, at time `at` (logged with the action that leads there). */
  after(game: GameState, at: number): TurnClock | null {
    if (game.phase !== "running" && game.phase !== "paused") {
      this.untimedVersion = -1;
      return null;
    }
    if (!this.policy.timed(game)) {
      this.untimedVersion = game.tableVersion;
      return null;
    }
    const current = this.clockVersion === game.tableVersion ? this.clock : null;
    const rule = this.ruleOf(game);
    if (game.phase === "paused") {
      if (current === null) return { leftMs: this.turnMs };
      return "leftMs" in current ? current : { leftMs: runningBetween(at, current.endsAt, rule) };
    }
    if (current === null) return { endsAt: deadlineAfter(at, this.turnMs, rule) };
    return "endsAt" in current ? current : { endsAt: deadlineAfter(at, current.leftMs, rule) };
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
    const rule = clock === null ? null : this.ruleFor(tableVersion);
    const zone = rule?.zone ?? "";
    if (t.zone !== zone) t.zone = zone;
    const untilAll = clock === null && this.untimedVersion === tableVersion;
    if (t.untilAll !== untilAll) t.untilAll = untilAll;
    if (clock === null || "leftMs" in clock) {
      if (t.running) t.running = false;
      if (t.endsAt !== 0) t.endsAt = 0;
      const seconds = clock === null ? 0 : Math.ceil(clock.leftMs / 1000);
      if (t.secondsLeft !== seconds) t.secondsLeft = seconds;
      return;
    }
    const now = this.timers.now();
    const left = Math.max(0, clock.endsAt - now);
    // Kept after it fires (as a record that this turn is timed): the `timeout` it queues moves the
    // table on, and a timeout already past is not armed again for the same clock.
    this.expiry = this.timers.after(left, () => this.onExpired(tableVersion));
    // `secondsLeft` goes with `endsAt` (computed at the same moment), so a running clock patches
    // the timer only when the turn changes, not with every action.
    t.running = true;
    t.endsAt = clock.endsAt;
    // Running time (quiet hours left out), as a paused clock's is.
    t.secondsLeft = Math.ceil(runningBetween(now, clock.endsAt, rule) / 1000);
  }

  /** Stop the running turn at `now`, keeping what it had left (a resting table, see TableMaster.restIfUnattended). */
  hold(now: number): void {
    const clock = this.clock;
    if (clock === null || !("endsAt" in clock)) return;
    this.set({ leftMs: runningBetween(now, clock.endsAt, this.ruleFor(this.clockVersion)) }, this.clockVersion);
    this.held = true;
  }

  /** Run a held turn on from `now` with the time it had left. */
  release(now: number): void {
    const clock = this.clock;
    if (!this.held) return;
    this.held = false;
    if (clock === null || !("leftMs" in clock)) return;
    this.set({ endsAt: deadlineAfter(now, clock.leftMs, this.ruleFor(this.clockVersion)) }, this.clockVersion);
  }

  /** Cancel the pending expiry (the room closes). */
  stop(): void {
    this.expiry?.clear();
    this.expiry = null;
  }
}

/** A turn of at least this long makes a long-turn table: it neither rests nor closes as idle while its game goes on (master.ts). */
export const LONG_TURN_MS = 3_600_000;

/**
 * The clock policy of a table with these options: a vote open "until everyone has moved" is not
 * timed; with quiet hours, a turn follows the zone of the first delegation it waits for (in the
 * table's order) that is played by people and whose zone is known. Bots have none: a turn that
 * waits only for bots, or for people who never sent a zone, runs straight through.
 */
export function tablePolicy(options: Pick<CreateOptions, "quietHours" | "voteClock">, zoneOf: (delegation: string) => string | null): ClockPolicy {
  return {
    timed: (game) => turnIsTimed(game, options.voteClock),
    rule(game) {
      const quiet = options.quietHours;
      if (!quiet) return null;
      for (const delegation of movers(game)) {
        const zone = zoneOf(delegation);
        if (zone !== null) return { quiet, zone };
      }
      return null;
    },
  };
}
