// The error codes a client can receive: the rules engine's (refused actions) and the room's own.
import type { ErrorCode } from "../rules/types.ts";

/** Every refusal's shape, `{ code, message }` (shared/rules/types.ts). */
export type { Refusal } from "../rules/types.ts";

/** Refusals decided by the room before the rules engine sees an action. */
export type RoomErrorCode =
  /** The payload does not match the message type's schema (the message names the field). */
  | "bad_request"
  /** More requests than the per-client limit allows; wait and retry. */
  | "rate_limited"
  /** Your role may not do this (an observer proposing, a delegate pausing). */
  | "forbidden"
  /** Your delegation is currently played by a bot; the facilitator can swap it out. */
  | "bot_seat"
  /** A seat request names a person or delegation that is not at this table. */
  | "not_found"
  /** The delegation already has as many people as the scenario allows. */
  | "delegation_full"
  /** A message type the room does not know (sent with `send`, which has no reply). */
  | "unknown_message"
  /** The server could not save the action; nothing changed, retry with the same request id. */
  | "internal_error"
  /** Too many messages (statements, private messages, team notes): your own limit at this table, or the table's. */
  | "volume_limit";

export type RequestErrorCode = RoomErrorCode | ErrorCode;

/**
 * Join refusals (`joinById`): the numeric code of the SDK's error (a MatchMakeError / ServerError
 * raised when the room refuses the connection), with a message starting with the name
 * (`bad_code: the join code does not match this table`).
 */
export const JOIN_ERRORS = {
  bad_options: 4400,
  bad_code: 4401,
  bad_token: 4403,
  unknown_delegation: 4404,
  delegation_full: 4409,
  bot_seat: 4410,
  table_full: 4429,
  /** A fresh seat beyond what one address may take at a table in a while (a join-and-leave loop). */
  rate_limited: 4428,
  match_over: 4430,
  /** A personal link that was revoked (or never made), or that holds no seat at this table. */
  link_revoked: 4411,
} as const;
export type JoinErrorName = keyof typeof JOIN_ERRORS;

/**
 * Creation refusals (`create("negotiation", options)`): Colyseus answers matchmaking over HTTP, so
 * the code is an HTTP status; the message starts with the name (`unknown_scenario: …`).
 */
export const CREATE_ERRORS = {
  bad_options: 400,
  unknown_scenario: 404,
  too_many_matches: 503,
  /** A table only bots play, refused when the server is this close to its table limit: the last places are kept for people. */
  reserved_for_people: 503,
} as const;
export type CreateErrorName = keyof typeof CREATE_ERRORS;
