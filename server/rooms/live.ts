// What the HTTP API may ask of a running table.
import type { GameState } from "../../shared/rules/types.ts";

export interface LiveMatch {
  readonly matchId: string;
  readonly listed: boolean;
  /** The current game state (the API filters it through viewFor / reveal before it leaves). */
  game(): GameState;
  /** The match's status as stored: pending, open, running, ended, abandoned. */
  status(): string;
  createdAt(): string;
  /** Each delegation's control and head counts, as the table shows them. */
  seating(): { id: string; control: string; strategy: string; connected: number; members: number }[];
}
