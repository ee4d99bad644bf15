// Refusals and errors as people read them, in their language: the server's code (docs/PROTOCOL.md
// §2, §3, §7.4, §11) picks a sentence from the "errors" catalog through the literal maps below (so the
// catalog test sees every key); a code the client does not know shows the server's own sentence,
// without its `name:` prefix.
import { MAX_TEXT } from "../../shared/rules/talk.ts";
import { t } from "../i18n.ts";

/** A refused request at a table (`reason.code` of a rejected `room.request`); the client's own `offline` carries its sentence. */
const REFUSAL_KEYS = {
  rate_limited: "errors:refusal.rate_limited",
  bad_request: "errors:refusal.bad_request",
  forbidden: "errors:refusal.forbidden",
  bot_seat: "errors:refusal.bot_seat",
  not_found: "errors:refusal.not_found",
  delegation_full: "errors:refusal.delegation_full",
  unknown_message: "errors:refusal.unknown_message",
  internal_error: "errors:refusal.internal_error",
  volume_limit: "errors:refusal.volume_limit",
  bad_action: "errors:refusal.bad_action",
  stale_version: "errors:refusal.stale_version",
  not_started: "errors:refusal.not_started",
  already_started: "errors:refusal.already_started",
  paused: "errors:refusal.paused",
  not_paused: "errors:refusal.not_paused",
  negotiation_over: "errors:refusal.negotiation_over",
  not_your_turn: "errors:refusal.not_your_turn",
  not_allowed: "errors:refusal.not_allowed",
  wrong_protocol: "errors:refusal.wrong_protocol",
  wrong_stage: "errors:refusal.wrong_stage",
  nothing_on_table: "errors:refusal.nothing_on_table",
  own_offer: "errors:refusal.own_offer",
  offer_on_table: "errors:refusal.offer_on_table",
  already_voted: "errors:refusal.already_voted",
  unknown_delegation: "errors:refusal.unknown_delegation",
  unknown_issue: "errors:refusal.unknown_issue",
  unknown_option: "errors:refusal.unknown_option",
  incomplete_package: "errors:refusal.incomplete_package",
  red_line: "errors:refusal.red_line",
  unknown_inject: "errors:refusal.unknown_inject",
  inject_already_fired: "errors:refusal.inject_already_fired",
  empty_text: "errors:refusal.empty_text",
  text_too_long: "errors:refusal.text_too_long",
} as const;

/** A refused join or creation (`joinById`, `create`): the name the server's message starts with. */
const CONNECT_KEYS = {
  bad_code: "errors:connect.bad_code",
  bad_token: "errors:connect.bad_token",
  link_revoked: "inbox:refusals.linkRevoked",
  unknown_delegation: "errors:connect.unknown_delegation",
  delegation_full: "errors:connect.delegation_full",
  bot_seat: "errors:connect.bot_seat",
  match_over: "errors:connect.match_over",
  table_full: "errors:connect.table_full",
  unknown_scenario: "errors:connect.unknown_scenario",
  too_many_matches: "errors:connect.too_many_matches",
  reserved_for_people: "errors:connect.reserved_for_people",
  shutting_down: "errors:connect.shutting_down",
  unavailable: "errors:connect.unavailable",
  bad_options: "errors:connect.bad_options",
  host_key_required: "errors:connect.host_key_required",
  rate_limited: "errors:connect.rate_limited",
  body_too_large: "errors:connect.body_too_large",
  offline: "errors:offline",
} as const;

/** The class room's refusals (§11) and its join errors. */
const CLASS_KEYS = {
  host_key_required: "errors:class.host_key_required",
  bad_code: "errors:class.bad_code",
  bad_token: "errors:class.bad_token",
  class_closed: "errors:class.class_closed",
  link_revoked: "inbox:refusals.classLinkRevoked",
  class_full: "errors:class.class_full",
  bad_phase: "errors:class.bad_phase",
  no_deadline: "errors:class.no_deadline",
  table_refused: "errors:class.table_refused",
  forbidden: "errors:class.forbidden",
  not_found: "errors:class.not_found",
  bad_request: "errors:class.bad_request",
  rate_limited: "errors:class.rate_limited",
  internal_error: "errors:class.internal_error",
  offline: "errors:offline",
} as const;

function pick(keys: Record<string, string>, code: string | undefined, fallback: string): string {
  const key = code && Object.hasOwn(keys, code) ? keys[code] : undefined;
  return key ? t(key, { max: MAX_TEXT }) : fallback.replace(/^[a-z_]+: /, "");
}

/** A refused request at a table, for people. */
export function refusalText(code: string, message: string): string {
  return pick(REFUSAL_KEYS, code, message);
}

/** A refused join or table creation, for people. */
export function connectText(code: string, message: string): string {
  return pick(CONNECT_KEYS, code, message);
}

/** A class refusal (a request, a join), for people. */
export function classText(code: string | undefined, message: string): string {
  return pick(CLASS_KEYS, code, message);
}

const HTTP_KEYS: Readonly<Record<string, string>> = {
  not_found: "errors:http.not_found",
  forbidden: "errors:http.forbidden",
  unauthorized: "errors:http.unauthorized",
  rate_limited: "errors:http.rate_limited",
  internal_error: "errors:http.internal_error",
};

/**
 * A refused HTTP request, for people: the reader's sentence for the API's generic codes (its own
 * message is English), else the server's sentence (a `bad_request` names the field, which the
 * forms word themselves), else its status.
 */
export function apiRefusalText(status: number, code: string | undefined, message: string | undefined): string {
  const key = code === undefined ? undefined : HTTP_KEYS[code];
  if (key) return t(key);
  return message ?? httpStatusText(status);
}

/** The server's HTTP status when it answered with no sentence of its own. */
export function httpStatusText(status: number): string {
  return t("errors:httpStatus", { status });
}

/** The game server cannot be reached. */
export function offlineText(): string {
  return t("errors:offline");
}

/** A request sent while the table's connection is down. */
export function notConnectedText(): string {
  return t("errors:notConnected");
}

/** A request whose answer never came (the connection dropped on the way). */
export function notDeliveredText(): string {
  return t("errors:notDelivered");
}

/** A join refused with no sentence at all. */
export function refusedConnectionText(): string {
  return t("errors:refusedConnection");
}

/** The class room could not be reached, or its connection is not open. */
export function classUnreachableText(connected: boolean): string {
  return connected ? t("errors:class.unreachable") : t("errors:class.notConnected");
}

/** An object of code → sentence whose sentences are read when asked for (in the language of that moment). */
function sentences(keys: Record<string, string>): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  // `offline` is not a refusal: client/net/refusal.ts words a network failure itself (offlineText).
  for (const [code, key] of Object.entries(keys)) if (code !== "offline") Object.defineProperty(out, code, { enumerable: true, get: () => t(key, { max: MAX_TEXT }) });
  return out;
}

/** A table's join and creation refusals for a RefusalTable (client/net/refusal.ts), in the reader's language when shown. */
export const CONNECT_SENTENCES = sentences(CONNECT_KEYS);

/** A class's join refusals for a RefusalTable, in the reader's language when shown. */
export const CLASS_SENTENCES = sentences(CLASS_KEYS);

/** The teacher's materials asked for from a browser without the facilitator's pass. */
export function noPassText(kind: "class" | "table"): string {
  return kind === "class" ? t("errors:noPassClass") : t("errors:noPassTable");
}

/** A class opened again from a browser that never joined it. */
export function notJoinedText(): string {
  return t("errors:class.notJoined");
}
