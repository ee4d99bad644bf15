// What the HTTP API may ask of a running table.
import type { GameEvent, GameState } from "../../shared/rules/types.ts";

export interface LiveMatch {
  readonly matchId: string;
  readonly listed: boolean;
  /** The current game state (the API filters it through viewFor / reveal before it leaves). */
  game(): GameState;
  status(): string;
  createdAt(): string;
  /** Delegation id → "people" | "bot" and counts, as the table shows them. */
  seating(): { id: string; control: string; strategy: string; connected: number; members: number }[];
  /** Every accepted action's events, in order, with their time (for transcripts). */
  eventLog(): readonly { events: GameEvent[]; at: string }[] | null;
}
