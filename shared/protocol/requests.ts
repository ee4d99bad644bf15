// Client → server requests: one zod schema per message type. Every game action and every room
// control goes through `room.request(type, payload)`; the room checks the payload here first, so
// a malformed request gets one `bad_request` naming the message type and the field, and the
// client stays connected.
import { z } from "zod";
import { BOT_NAMES, DIFFICULTY } from "../bots/registry.ts";
import { MAX_EXTEND } from "../rules/shape.ts";
import { MAX_TEXT } from "../rules/talk.ts";
import { Id, PLAIN_ID } from "../scenario/schema.ts";

/** Ids (delegations, issues, options, injects, people) are short: longer input is refused before it reaches the rules. */
export const MAX_ID = 64;
/** A package names each issue once; no scenario comes near this many issues. */
export const MAX_PACKAGE_ISSUES = 64;

export const ShortId = Id.max(MAX_ID, `must be at most ${MAX_ID} characters`);

/**
 * Chosen by the client, unique per action it sends (a UUID or a counter). The server derives the
 * engine's `actionId` from it and the sender's seat, so a retry with the same id is applied once.
 */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9_.:@-]+$/;
export const RequestId = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_ID, `must be at most ${MAX_ID} characters`)
  .regex(REQUEST_ID_PATTERN, "must be letters, digits, '_', '.', ':', '@' or '-'");

/** The state version the sender saw (`state.version` of the synced table). */
export const Version = z.number().int("must be a whole number").min(0, "must be at least 0").max(Number.MAX_SAFE_INTEGER);

/** Control characters a text never needs (all but tab and line breaks): NUL and the like, dropped. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const HAS_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** A character that shows something: not a space, a format character (zero-width, bidi controls) or a blank look-alike. */
const VISIBLE = /[^\p{White_Space}\p{Cf}\p{Cc}\u034f\u115f\u1160\u3164\uffa0\u2800]/u;

/** Whether a text shows anything at all (a name or a statement of zero-width spaces does not). */
export function hasVisibleCharacter(text: string): boolean {
  return VISIBLE.test(text);
}

/**
 * Talk's text: control characters dropped; a text with nothing visible in it reads as empty (the
 * engine then refuses it, `empty_text`). Zero-width joiners and bidi marks inside a visible text
 * stay: Bangla and right-to-left scripts need them.
 */
export const Text = z
  .string()
  .max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`)
  .transform((s) => (hasVisibleCharacter(s) ? s.replace(CONTROLS, "") : ""));

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

// ---- the fast path -----------------------------------------------------------------------
//
// zod checks every request, and allocates as it does (a parse context, an output object): on this
// machine 0.4 µs of CPU for a statement, 1.4 µs for a proposal. The game's own requests (moves and
// talk, the bare facilitator controls) are first checked here by hand against the same rules as
// their schemas above (0.06 and 0.15 µs). `acceptedAsIs` says true only where the schema accepts
// the payload and its output equals the payload (the same fields with the same values); false
// means "ask zod", which decides and words any refusal exactly as before. So no payload is refused
// here, and none is accepted that the schema would refuse (tests/table/fast-requests.test.ts).


/** An object literal's kind of object (what a decoded message is): zod's object and record schemas output one alike. */
function plainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype;
}

const shortId = (x: unknown): boolean => typeof x === "string" && x.length <= MAX_ID && PLAIN_ID.test(x);
const requestId = (x: unknown): boolean => typeof x === "string" && x.length >= 1 && x.length <= MAX_ID && REQUEST_ID_PATTERN.test(x);
const version = (x: unknown): boolean => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;
// As `Text` leaves it: something visible, no control character to drop.
const text = (x: unknown): boolean => typeof x === "string" && x.length <= MAX_TEXT && hasVisibleCharacter(x) && !HAS_CONTROL.test(x);
const boolean = (x: unknown): boolean => typeof x === "boolean";
function packageField(x: unknown): boolean {
  if (!plainObject(x)) return false;
  let n = 0;
  for (const key in x) {
    if (!Object.prototype.hasOwnProperty.call(x, key) || !shortId(key) || !shortId(x[key])) return false;
    if (++n > MAX_PACKAGE_ISSUES) return false;
  }
  return true;
}

/** The fields of each request the fast path knows besides `requestId` and `version`, with their checks. */
const QUICK_FIELDS: Partial<Record<RequestType, Record<string, (x: unknown) => boolean>>> = {
  propose: { package: packageField },
  counter: { package: packageField },
  accept: {},
  reject: {},
  walk_away: {},
  vote: { accept: boolean },
  pass: {},
  statement: { text },
  private_message: { to: shortId, text },
  team_note: { text },
  start: {},
  pause: {},
  resume: {},
  end: {},
  timeout: {},
  fire_inject: { injectId: shortId },
};
const QUICK = new Map(
  Object.entries(QUICK_FIELDS).map(([type, fields]) => [type, { fields: Object.entries(fields), count: Object.keys(fields).length + 2 }]),
);
const hasOwn = (x: object, key: string) => Object.prototype.hasOwnProperty.call(x, key);

/**
 * True when `payload` is, as it is, what `Requests[type]` would parse it to (the same fields with
 * the same values): the request may be used without zod. False says nothing (zod decides, and
 * words the refusal).
 */
export function acceptedAsIs(type: RequestType, payload: unknown): boolean {
  const quick = QUICK.get(type);
  if (!quick || !plainObject(payload)) return false;
  if (!hasOwn(payload, "requestId") || !requestId(payload.requestId) || !hasOwn(payload, "version") || !version(payload.version)) return false;
  for (const [key, check] of quick.fields) if (!hasOwn(payload, key) || !check(payload[key])) return false;
  // No other field (zod's strict objects refuse unknown ones).
  let n = 0;
  for (const key in payload) if (hasOwn(payload, key)) n++;
  return n === quick.count;
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
  // A rule over the whole payload (a refine: "give 'minutes', 'rounds' or both") says itself.
  if (field === "" && issue.code === "custom") return `${type}: ${issue.message}`;
  if (field === "") return `${type}: the payload must be an object (${issue.message})`;
  // A required field left out: zod words it as a wrong type ("expected string, received undefined").
  if (issue.code === "invalid_type" && / received undefined$/.test(issue.message)) return `${type}: field '${field}' is missing`;
  return `${type}: field '${field}' ${issue.message.startsWith("must") ? issue.message : `is not valid: ${issue.message}`}`;
}
