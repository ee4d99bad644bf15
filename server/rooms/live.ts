// What the HTTP API may ask of a running table.
import type { ActionReply, FacilitatorActionType, RequestRefusal } from "../../shared/protocol/index.ts";
import type { GameState } from "../../shared/rules/types.ts";
import type { TableOwnerKind } from "../db/schema.ts";

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
  /** The server takes a table it just created as its own; its join code and facilitator token, once (null if already taken). */
  adopt(owner?: TableOwnerKind): Promise<{ joinCode: string; facilitatorToken: string } | null>;
  /** A bot keeps this empty delegation until someone joins it (a class session's unfilled seat). */
  standIn(delegation: string): Promise<ActionReply | RequestRefusal>;
  /** A facilitator control from the server (class session, tournament): pause, resume, extend, fire_inject, end… */
  facilitate(type: FacilitatorActionType, payload?: Record<string, unknown>): Promise<ActionReply | RequestRefusal>;
  /** A seat for a person the server names (tournament entrant, class student): their seat token. */
  issueSeat(delegation: string, name: string): Promise<{ seatToken: string; personId: string } | RequestRefusal>;
  /** Close the connections that came through this person's personal link (just revoked), each told why; how many. */
  signOutPerson(personId: string): Promise<number>;
}
