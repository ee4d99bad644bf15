// What a strategy decides and what it decides from: shared by the bot base (bot.ts), the
// strategies and the sentences a bot says before its move (statements.ts).
import type { SeatView } from "../rules/types.ts";
import type { OwnSpace } from "./space.ts";

/** A move a strategy chose; the base turns it into a `GameAction`. */
export type Decision =
  | { type: "propose" | "counter"; index: number }
  | { type: "accept" | "reject" | "pass" | "walk_away" }
  | { type: "vote"; accept: boolean };

/** What a strategy decides from: the view, and what the base worked out from it. */
export interface Situation {
  readonly view: SeatView;
  readonly me: string;
  readonly space: OwnSpace;
  /** Elapsed share of the deadline in [0, 1]: rounds gone plus the position within this round. */
  readonly t: number;
  /** The last round before the deadline: the final chance to agree. */
  readonly lastRound: boolean;
  readonly multilateral: boolean;
  /** The package on the table as an index of the space, or -1. */
  readonly table: number;
  readonly tableProposer: string | null;
}
