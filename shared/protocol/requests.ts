// Client → server requests: one zod schema per message type. Every game action and every room
// control goes through `room.request(type, payload)`; the room checks the payload here first, so
// a malformed request gets one `bad_request` naming the message type and the field, and the
// client stays connected.
import { z } from "zod";
import { BOT_NAMES, DIFFICULTY } from "../bots/registry.ts";
import { MAX_EXTEND } from "../rules/shape.ts";
import { MAX_TEXT } from "../rules/talk.ts";
import { Id } from "../scenario/schema.ts";

/** Ids (delegations, issues, options, injects, people) are short: longer input is refused before it reaches the rules. */
export const MAX_ID = 64;
/** A package names each issue once; no scenario comes near this many issues. */
export const MAX_PACKAGE_ISSUES = 64;

export const ShortId = Id.max(MAX_ID, `must be at most ${MAX_ID} characters`);

/**
 * Chosen by the client, unique per action it sends (a UUID or a counter). The server derives the
 * engine's `actionId` from it and the sender's seat, so a retry with the same id is applied once.
 */
export const RequestId = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_ID, `must be at most ${MAX_ID} characters`)
  .regex(/^[A-Za-z0-9_.:@-]+$/, "must be letters, digits, '_', '.', ':', '@' or '-'");

/** The state version the sender saw (`state.version` of the synced table). */
export const Version = z.number().int("must be a whole number").min(0, "must be at least 0").max(Number.MAX_SAFE_INTEGER);

export const Text = z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`);

/** Issue id → option id. */
export const PackageField = z
  .record(ShortId, ShortId)
  .refine((p) => Object.keys(p).length <= MAX_PACKAGE_ISSUES, `must name at most ${MAX_PACKAGE_ISSUES} issues`);

/** A bot strategy by name, or a difficulty preset (easy, medium, hard). */
export const BotChoice = z.enum([...BOT_NAMES, ...(Object.keys(DIFFICULTY) as (keyof typeof DIFFICULTY)[])]);
export type BotChoice = z.infer<typeof BotChoice>;

const action = { requestId: RequestId, version: Version };
const bare = z.strictObject(action);

/** Moves and talk: sent by a delegation member, applied as the delegation's action. */
export const DelegationRequests = {
  propose: z.strictObject({ ...action, package: PackageField }),
  counter: z.strictObject({ ...action, package: PackageField }),
  accept: bare,
  reject: bare,
  walk_away: bare,
  vote: z.strictObject({ ...action, accept: z.boolean() }),
  pass: bare,
  statement: z.strictObject({ ...action, text: Text }),
  private_message: z.strictObject({ ...action, to: ShortId, text: Text }),
  team_note: z.strictObject({ ...action, text: Text }),
} as const;

/** The facilitator's controls that are game actions, applied by the rules engine. */
export const FacilitatorActionRequests = {
  start: bare,
  pause: bare,
  resume: bare,
  end: bare,
  /** Force the current turn (or vote) to time out now. */
  timeout: bare,
  fire_inject: z.strictObject({ ...action, injectId: ShortId }),
  extend: z.strictObject({
    ...action,
    rounds: z.number().int("must be a whole number").min(1, "must be at least 1").max(MAX_EXTEND, `must be at most ${MAX_EXTEND}`),
  }),
} as const;

/** The facilitator's controls over who sits where: room business, not game rules. */
export const SeatRequests = {
  /** Swap a bot in (`bot`, with a strategy) or out (`people`) for one delegation. */
  set_control: z.strictObject({
    delegation: ShortId,
    control: z.enum(["people", "bot"]),
    strategy: BotChoice.optional(),
  }),
  /** Move a person to another delegation, or make them an observer (`delegation: null`). */
  reassign: z.strictObject({ person: ShortId, delegation: ShortId.nullable() }),
} as const;

/** The most public statements one `statements` request returns. */
export const MAX_STATEMENTS_PAGE = 100;

/** Anyone: requests that read, and change nothing at the table. */
export const ReadRequests = {
  /**
   * Resend my welcome and my seat's private snapshot (after a client-side reset). The debrief
   * `reveal` is resent only with `reveal: true` (it was already sent on joining an ended table).
   */
  sync: z.strictObject({ reveal: z.boolean().optional() }),
  /**
   * A page of the public statements, oldest first: those numbered below `before` (a statement's
   * number is its place in the whole public record, 0 for the first; default: all of them), at
   * most `limit` (default 50). The synced state keeps only the latest ones (`statementsTotal`).
   */
  statements: z.strictObject({
    before: z.number().int("must be a whole number").min(0, "must be at least 0").max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.number().int("must be a whole number").min(1, "must be at least 1").max(MAX_STATEMENTS_PAGE, `must be at most ${MAX_STATEMENTS_PAGE}`).optional(),
  }),
} as const;

export const Requests = { ...DelegationRequests, ...FacilitatorActionRequests, ...SeatRequests, ...ReadRequests } as const;

export type RequestType = keyof typeof Requests;
export type RequestPayload<T extends RequestType> = z.infer<(typeof Requests)[T]>;
export type DelegationRequestType = keyof typeof DelegationRequests;
export type FacilitatorActionType = keyof typeof FacilitatorActionRequests;
export type SeatRequestType = keyof typeof SeatRequests;
export type ReadRequestType = keyof typeof ReadRequests;
/** The talk requests counted against the volume caps (`volume_limit`). */
export const TALK_TYPES: ReadonlySet<string> = new Set<DelegationRequestType>(["statement", "private_message", "team_note"]);

export const REQUEST_TYPES = Object.keys(Requests) as RequestType[];

export function isFacilitatorAction(type: RequestType): type is FacilitatorActionType {
  return Object.prototype.hasOwnProperty.call(FacilitatorActionRequests, type);
}

/** `package.scope`, `text`, or `(the payload)` for zod's path array. */
export function fieldName(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** One line naming the message type and the first wrong field. */
export function describeIssue(type: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `${type}: the payload is not valid`;
  if (issue.code === "unrecognized_keys") {
    return `${type}: unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")}`;
  }
  const field = fieldName(issue.path);
  if (field === "") return `${type}: the payload must be an object (${issue.message})`;
  return `${type}: field '${field}' ${issue.message.startsWith("must") ? issue.message : `is not valid: ${issue.message}`}`;
}
