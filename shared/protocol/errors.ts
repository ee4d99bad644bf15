// The error codes a client can receive: the rules engine's (refused actions) and the room's own.
import type { ErrorCode } from "../rules/types.ts";

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
  | "internal_error";

export type RequestErrorCode = RoomErrorCode | ErrorCode;

/**
 * Join refusals: the numeric code of the SDK's MatchMakeError / ServerError, with a message
 * starting with one of these names (`bad_code: …`).
 */
export const JOIN_ERRORS = {
  bad_options: 4400,
  bad_code: 4401,
  bad_token: 4403,
  unknown_delegation: 4404,
  delegation_full: 4409,
  bot_seat: 4410,
  unknown_scenario: 4422,
  too_many_matches: 4429,
  match_over: 4430,
} as const;
export type JoinErrorName = keyof typeof JOIN_ERRORS;
