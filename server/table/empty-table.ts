// The timers that close a table nobody is at: after `idleMinutes` with no connection, or after
// `unjoinedSeconds` for a table a client created and nobody joined (the creator's reservation was
// never used). Either way the table is marked abandoned and no longer counts against `maxMatches`.
// Tables the server adopts (a class's, a tournament's) get no unjoined timer: people join them later.
import { log } from "../log.ts";
import type { TableEnv } from "./ports.ts";
import type { TimerHandle } from "./timers.ts";

export interface EmptyTableHooks {
  /** Whether the game is over (an ended table is never closed as abandoned). */
  ended(): boolean;
  /** Close the table as abandoned: nobody connected for `idleMinutes`, or nobody joined in time. */
  abandon(why: "idle" | "unjoined"): void;
}

export class EmptyTableTimers {
  private idle: TimerHandle | null = null;
  private unjoined: TimerHandle | null = null;

  constructor(
    private readonly matchId: string,
    private readonly env: Pick<TableEnv, "config" | "timers" | "transport">,
    private readonly hooks: EmptyTableHooks,
  ) {}

  /** Nobody connected: close the table as abandoned after `idleMinutes` unless someone comes. */
  armIdle(): void {
    const minutes = this.env.config.idleMinutes;
    if (this.idle || this.hooks.ended() || minutes <= 0) return;
    this.idle = this.env.timers.after(minutes * 60_000, () => {
      this.idle = null;
      if (this.env.transport.connections() > 0 || this.hooks.ended()) return;
      log.info("match abandoned: nobody connected", { matchId: this.matchId, minutes });
      this.hooks.abandon("idle");
    });
  }

  clearIdle(): void {
    this.idle?.clear();
    this.idle = null;
  }

  /** A new table from a client: close it after `unjoinedSeconds` unless someone joins. */
  armUnjoined(): void {
    const seconds = this.env.config.unjoinedSeconds;
    if (this.unjoined || seconds <= 0) return;
    this.unjoined = this.env.timers.after(seconds * 1000, () => {
      this.unjoined = null;
      if (this.env.transport.connections() > 0) return;
      log.info("match abandoned: nobody joined", { matchId: this.matchId, seconds });
      this.hooks.abandon("unjoined");
    });
  }

  clearUnjoined(): void {
    this.unjoined?.clear();
    this.unjoined = null;
  }

  /** The table goes: stop both. */
  clear(): void {
    this.clearIdle();
    this.clearUnjoined();
  }
}
