// Server → client messages (besides the synced table state and request replies). Everything a
// seat may not show to the whole table travels here, built only from the engine's `viewFor`,
// `eventsFor` and `reveal`.
import type { GameEvent, Message, PhraseRef, Refusal, Reveal, SeatView } from "../rules/types.ts";
import type { Translations } from "../scenario/overlay.ts";

export const MESSAGE = {
  /** On every join, rejoin and reconnection: who you are at this table. */
  welcome: "welcome",
  /** Your seat's private side in full: profile, private brief, private messages, team notes, inject notes. */
  seat: "seat",
  /** What an action changed of your seat's private side (new private messages, a changed profile): apply it to the last `seat`. */
  seatUpdate: "seat_update",
  /** The debrief: every profile, brief and message, once the negotiation has ended. */
  reveal: "reveal",
  /** Something happened to you (a bot took your seat, you were moved) or a `send` failed. */
  notice: "notice",
} as const;

export interface Role {
  /** The delegation you sit at, or null. */
  delegation: string | null;
  facilitator: boolean;
  /** Neither a delegation member nor the facilitator: the public view only. */
  observer: boolean;
}

export interface Welcome {
  matchId: string;
  role: Role;
  /** Your person id at this table (null for observers and a facilitator with no seat). */
  personId: string | null;
  /** Keep it (e.g. in localStorage): `joinById(matchId, { seatToken })` gets your seat back after a reload or a restart. */
  seatToken?: string;
  /** Creator only, once: `joinById(matchId, { facilitatorToken })` gets the facilitator back. */
  facilitatorToken?: string;
  /** Facilitator only: the code to hand out (private tables). */
  joinCode?: string;
  listed: boolean;
  /** How long the server keeps your place after a drop. */
  reconnectSeconds: number;
  /** The coach beside the table is on for the people seated (create option `coach`; never at a tournament's table). */
  coach: boolean;
  /** The server's clock (ms since the epoch) when this was sent: the offset for `timer.endsAt`. */
  serverTime: number;
}

/** The private side of the seat, a subset of `viewFor(state, viewer)`. */
export interface SeatSnapshot {
  version: number;
  /** Your delegation's private brief, current profile and inject notes; null for observers and a facilitator with no seat. */
  me: NonNullable<SeatView["me"]> | null;
  /** Your private messages and team notes (public statements are in the synced state). */
  messages: readonly Message[];
  /** Your utility once the negotiation has ended. */
  myUtility?: number;
  /** Facilitator: the injects you may fire. */
  injects?: NonNullable<SeatView["injects"]>;
  /** The private events of the action that caused this snapshot (a private message, a changed profile). */
  events: readonly GameEvent[];
  /**
   * Language tag → the part of the scenario's translation this seat may read (its private brief and
   * red lines, the fired injects and its notes on them; everything once ended): docs/PROTOCOL.md §8.2.
   * Absent when the scenario has no translation.
   */
  translations?: Translations;
}

/**
 * What one action changed of a seat's private side, sent instead of a whole `SeatSnapshot` (which
 * comes on join, reconnection, `sync`, a move to another delegation and the end). Apply it to the
 * last snapshot with `applySeatUpdate`.
 */
export interface SeatUpdate {
  version: number;
  /** New private messages and team notes of your seat, in order: append them to the snapshot's `messages`. */
  messages: readonly Message[];
  /** Your delegation's private side, when the action changed it (an inject changed your profile); replaces `me`. */
  me?: NonNullable<SeatView["me"]> | null;
  /** Facilitator: the injects you may fire, when an inject was fired; replaces `injects`. */
  injects?: NonNullable<SeatView["injects"]>;
  /** The private events of the action (a private message, a changed profile). */
  events: readonly GameEvent[];
  /** When `me` or `injects` is sent: the seat's translations again; replaces `translations`. */
  translations?: Translations;
}

/** The seat snapshot after an update: messages appended (each once), `me` and `injects` replaced when sent. */
export function applySeatUpdate(seat: SeatSnapshot, update: SeatUpdate): SeatSnapshot {
  const known = new Set(seat.messages.map((m) => m.id));
  const next: SeatSnapshot = {
    ...seat,
    version: Math.max(seat.version, update.version),
    messages: [...seat.messages, ...update.messages.filter((m) => !known.has(m.id))],
    events: update.events,
  };
  if (update.me !== undefined) next.me = update.me;
  if (update.injects !== undefined) next.injects = update.injects;
  if (update.translations !== undefined) next.translations = update.translations;
  return next;
}

export type Notice =
  | { code: "bot_took_seat"; message: string; delegation: string }
  | { code: "seat_returned"; message: string; delegation: string }
  | { code: "reassigned"; message: string; delegation: string | null }
  | { code: "control_changed"; message: string; delegation: string; control: "people" | "bot" }
  | { code: string; message: string; requestType?: string };

export type { Reveal };

/** A successful request's reply. */
export interface ActionReply {
  ok: true;
  /** The table's version after the action (the current version for a request that changed nothing). */
  version: number;
  /** The same request id was already applied: nothing was applied again. */
  duplicate?: boolean;
}

/** One public statement, as the synced state's `statements` holds it. */
export interface PublicStatement {
  id: string;
  from: string;
  text: string;
  round: number;
  version: number;
  /** A bot's statement: the phrases it was made of (render it with `renderStatement`); absent for people's. */
  phrase?: PhraseRef;
}

/** The reply to a `statements` request: a page of the public record, oldest first. */
export interface StatementsPage extends ActionReply {
  /** The number of `statements[0]` in the whole public record (0 for the first statement ever). */
  from: number;
  statements: PublicStatement[];
  /** Earlier statements exist (ask again with `before: from`). */
  more: boolean;
  /** Public statements so far (the synced `statementsTotal`). */
  total: number;
}

/**
 * A refused request's reason (`error.reason` of the rejected `room.request` promise): a
 * `RequestErrorCode` (errors.ts) and a message starting with the message type. Typed with a plain
 * string code because the server's own calls into a table (`issueSeat`) answer `match_over` too.
 */
export type RequestRefusal = Refusal;
