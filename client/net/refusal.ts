// Why a connection failed, read from the server's refusal codes (docs/PROTOCOL.md §2, §3, §11):
// the numeric code of a join refusal, else the name the matchmaker's message starts with
// (`unknown_scenario: …`), else a network failure. One sentence for people per name, and which
// failures are worth trying again (the rejoin's back-off). Pure: no SDK, no DOM.
import { CLASS_JOIN_ERRORS } from "../../shared/classroom/protocol.ts";
import { CREATE_ERRORS, JOIN_ERRORS, type RequestRefusal } from "../../shared/protocol/index.ts";
import { offlineText } from "./refusals.ts";

/** A join or create refusal, named (`bad_code`, `delegation_full`…) with a sentence for people. */
export class ConnectError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ConnectError";
  }
}

/** How one kind of room reads its refusals. */
export interface RefusalTable {
  /** The room's join refusals: name → the SDK error's numeric code (`JOIN_ERRORS`, `CLASS_JOIN_ERRORS`). */
  joinCodes: Readonly<Record<string, number>>;
  /** A sentence for people per refusal name; a name without one shows the server's own words. */
  sentences: Readonly<Record<string, string>>;
  /** When the server said nothing at all. */
  fallback: string;
}

/**
 * The names a matchmaking refusal may start its message with: the rooms' join and create
 * refusals, and the front door's and the cluster's (`host_key_required`, `rate_limited`,
 * `body_too_large`, `shutting_down`, `unavailable`).
 */
export const REFUSAL_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(JOIN_ERRORS),
  ...Object.keys(CREATE_ERRORS),
  ...Object.keys(CLASS_JOIN_ERRORS),
  "host_key_required",
  "rate_limited",
  "body_too_large",
  "request_timeout",
  "bad_request",
  "shutting_down",
  "unavailable",
]);

/** Not refusals: the server is away, stopping, or busy for a moment. A rejoin tries these again. */
const TRANSIENT: ReadonlySet<string> = new Set(["offline", "shutting_down", "unavailable", "rate_limited", "request_timeout"]);

export function isTransient(code: string): boolean {
  return TRANSIENT.has(code);
}

export const OFFLINE = "The game server cannot be reached. Check your connection and try again.";

function fields(e: unknown): { code: unknown; message: string } {
  if (typeof e === "object" && e !== null) {
    const code = "code" in e ? e.code : undefined;
    const message = "message" in e && typeof e.message === "string" ? e.message : "";
    return { code, message };
  }
  return { code: undefined, message: typeof e === "string" ? e : "" };
}

/** `name: detail` → [name, detail] when `name` is a documented refusal name; else null. */
export function namedMessage(message: string): [string, string] | null {
  const colon = message.indexOf(":");
  if (colon <= 0) return null;
  const name = message.slice(0, colon);
  return REFUSAL_NAMES.has(name) ? [name, message.slice(colon + 1).trim()] : null;
}

/**
 * The refusal's name: a join refusal's numeric code (4400…), else the name its message starts
 * with, else `offline` (no answer from the server: a failed fetch, a socket that closed — or a
 * Colyseus matchmaking error naming none of ours, such as a room not found while it is restored).
 */
export function refusalName(e: unknown, joinCodes: Readonly<Record<string, number>>): string {
  const { code, message } = fields(e);
  if (typeof code === "number") {
    for (const [name, value] of Object.entries(joinCodes)) if (value === code) return name;
  }
  return namedMessage(message)?.[0] ?? "offline";
}

/** The failure as a `ConnectError`: its name and the sentence people read. */
export function connectError(e: unknown, table: RefusalTable): ConnectError {
  if (e instanceof ConnectError) return e;
  const { code, message } = fields(e);
  const name = refusalName(e, table.joinCodes);
  const sentence = table.sentences[name];
  if (sentence) return new ConnectError(name, sentence);
  // No answer at all: no HTTP status (a failed fetch) or a WebSocket close code (1000–1999).
  const network = typeof code !== "number" || (code >= 1000 && code < 2000);
  if (name === "offline" && network) return new ConnectError("offline", offlineText());
  return new ConnectError(name, namedMessage(message)?.[1] || message || table.fallback);
}

/** A refused request's reason (`error.reason` of the rejected `room.request`), or null when the request never got an answer. */
export function requestRefusal(e: unknown): RequestRefusal | null {
  if (typeof e !== "object" || e === null || !("reason" in e)) return null;
  const reason = e.reason;
  if (typeof reason !== "object" || reason === null || !("code" in reason) || !("message" in reason)) return null;
  const { code, message } = reason;
  return typeof code === "string" && typeof message === "string" ? { code, message } : null;
}
