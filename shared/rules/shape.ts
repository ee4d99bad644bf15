// The shape check, the first thing `apply` does: anything at all comes in, a clean `GameAction`
// (a fresh object holding only the known fields) comes out, or a `bad_action` refusal naming the
// field. The engine stores only what this returns, so a caller's object is never aliased (but a
// frozen package, which nobody can change, may be kept as it is: see `parsePackage`).
import { refuse } from "./errors.ts";
import type { ActionType, Actor, GameAction, PhraseRef } from "./types.ts";

/** What a delegation may do. */
export const DELEGATION_ACTION_TYPES = [
  "propose",
  "counter",
  "accept",
  "reject",
  "walk_away",
  "vote",
  "pass",
  "statement",
  "private_message",
  "team_note",
] as const satisfies readonly ActionType[];

/** What only the facilitator may do. */
export const FACILITATOR_ACTION_TYPES = ["start", "pause", "resume", "fire_inject", "extend", "end"] as const satisfies readonly ActionType[];

/** Every action: the delegations', the facilitator's, and `timeout` (the clock's, or the facilitator forcing it). */
export const ACTION_TYPES: readonly ActionType[] = [...DELEGATION_ACTION_TYPES, "timeout", ...FACILITATOR_ACTION_TYPES];

const KNOWN_TYPES: ReadonlySet<string> = new Set(ACTION_TYPES);

const MAX_ID = 200;
const MAX_RAW_TEXT = 100_000;
export const MAX_EXTEND = 100;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

// Fields are read only when they are the object's own (an inherited `type` or `version` is no
// field of the action). Each is read by name at its own site: cheaper than a lookup by a key
// variable, which every field and every shape of action would share.
const hasOwn = Object.prototype.hasOwnProperty;

function str(where: string, key: string, value: unknown, max: number): string {
  if (typeof value !== "string") refuse("bad_action", `${where}: field '${key}' must be a string`);
  if (value.length > max) refuse("bad_action", `${where}: field '${key}' is longer than ${max} characters`);
  return value;
}

function parseActor(where: string, raw: unknown): Actor {
  if (!isRecord(raw)) refuse("bad_action", `${where}: field 'by' must be an object with a 'kind'`);
  const kind = hasOwn.call(raw, "kind") ? raw.kind : undefined;
  if (kind === "facilitator") return { kind: "facilitator" };
  if (kind === "system") return { kind: "system" };
  if (kind === "delegation") {
    const id = str(where, "id", hasOwn.call(raw, "id") ? raw.id : undefined, MAX_ID);
    if (id === "") refuse("bad_action", `${where}: field 'by.id' must not be empty`);
    return { kind: "delegation", id };
  }
  return refuse("bad_action", `${where}: field 'by.kind' must be 'delegation', 'facilitator' or 'system'`);
}

/**
 * What parsing found out beyond the action itself: the package (of a propose or counter) when it
 * already is what the engine stores (every issue of the expected list, in order, with a known
 * option), so `checkPackage` keeps it as it is; null otherwise.
 */
export interface ParseNote {
  checkedPackage: object | null;
}

/** What a package is expected to hold: the issue ids in order, and the option ids of each. */
export interface PackageShape {
  readonly issueIds: readonly string[];
  readonly optionSets: readonly ReadonlySet<string>[];
}

/**
 * A frozen package made only of data properties cannot change, so it is parsed once, and when it
 * is already what the engine stores (complete, in issue order) the engine keeps it as it is instead
 * of a copy: nobody can change it under the engine's feet. Bots table the same frozen packages
 * game after game.
 */
const frozenPackages = new WeakMap<object, { pkg: Record<string, string>; expected: PackageShape | undefined; clean: boolean }>();

function dataOnly(obj: object): boolean {
  for (const key of Reflect.ownKeys(obj)) {
    const d = Reflect.getOwnPropertyDescriptor(obj, key);
    if (d === undefined || d.get !== undefined || d.set !== undefined) return false;
  }
  return true;
}

function parsePackage(where: string, raw: unknown, expected: PackageShape | undefined, note: ParseNote | undefined): Record<string, string> {
  if (!isRecord(raw)) refuse("bad_action", `${where}: field 'package' must be an object of issue id → option id`);
  const frozen = Object.isFrozen(raw);
  if (frozen) {
    const hit = frozenPackages.get(raw);
    if (hit !== undefined && hit.expected === expected) {
      if (note) note.checkedPackage = hit.clean ? hit.pkg : null;
      return hit.pkg;
    }
  }
  const pkg: Record<string, string> = {};
  const keys = Object.keys(raw);
  let clean = expected !== undefined && keys.length === expected.issueIds.length;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const option = raw[key];
    if (typeof option !== "string") refuse("bad_action", `${where}: package.${key} must be an option id (a string)`);
    // defineProperty, not assignment, for "__proto__": it stays a plain (unknown) issue. Every
    // other key is an own data property either way, and assignment is ten times cheaper.
    if (key === "__proto__") {
      Object.defineProperty(pkg, key, { value: option, enumerable: true, writable: true, configurable: true });
      clean = false;
    } else {
      pkg[key] = option;
      if (clean && (key !== expected!.issueIds[i] || !expected!.optionSets[i]!.has(option))) clean = false;
    }
  }
  if (frozen && Object.getPrototypeOf(raw) === Object.prototype && dataOnly(raw)) {
    // Same keys, same order, same values as the copy; symbol keys aside, which nothing reads.
    const kept = clean && Reflect.ownKeys(raw).length === keys.length ? (raw as Record<string, string>) : Object.freeze(pkg);
    frozenPackages.set(raw, { pkg: kept, expected, clean });
    if (note) note.checkedPackage = clean ? kept : null;
    return kept;
  }
  if (note) note.checkedPackage = clean ? pkg : null;
  return pkg;
}

/** A bot statement's phrase reference (`PhrasePart[]`, at most a few parts). */
function parsePhrase(raw: unknown): PhraseRef {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 4) refuse("bad_action", "statement: field 'phrase' must be a list of 1 to 4 phrase parts");
  return raw.map((part: unknown) => {
    if (!isRecord(part)) return refuse("bad_action", "statement: each part of 'phrase' must be an object");
    const kind = part.kind;
    if (kind !== "phrase" && kind !== "template") return refuse("bad_action", "statement: a phrase part's 'kind' must be phrase or template");
    const index = part.index;
    if (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0) return refuse("bad_action", "statement: a phrase part's 'index' must be a whole number ≥ 0");
    const key = str("statement", "phrase.key", part.key, MAX_ID);
    const issue = str("statement", "phrase.issue", part.issue ?? "", MAX_ID);
    const option = str("statement", "phrase.option", part.option ?? "", MAX_ID);
    return { kind, key, index, issue, option };
  });
}

/**
 * Check an action's shape; returns a fresh, well-formed action or throws a `bad_action` refusal.
 * `expected`, when given, lets a package that is already complete and in order skip its second check:
 * `note.checkedPackage` is then that package.
 */
export function parseAction(raw: unknown, expected?: PackageShape, note?: ParseNote): GameAction {
  if (!isRecord(raw)) refuse("bad_action", "action: must be an object with 'type', 'actionId', 'version' and 'by'");
  const type = hasOwn.call(raw, "type") ? raw.type : undefined;
  if (typeof type !== "string" || !KNOWN_TYPES.has(type)) {
    return refuse("bad_action", `action: unknown type ${JSON.stringify(type) ?? String(type)}`);
  }
  const where = type;
  const actionId = str(where, "actionId", hasOwn.call(raw, "actionId") ? raw.actionId : undefined, MAX_ID);
  if (actionId === "") refuse("bad_action", `${where}: field 'actionId' must not be empty`);
  const version = hasOwn.call(raw, "version") ? raw.version : undefined;
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 0) {
    refuse("bad_action", `${where}: field 'version' must be a whole number ≥ 0`);
  }
  const by = parseActor(where, hasOwn.call(raw, "by") ? raw.by : undefined);
  // Object literals, not spreads: this runs for every action.
  switch (type as ActionType) {
    case "propose":
    case "counter": {
      const pkg = parsePackage(where, hasOwn.call(raw, "package") ? raw.package : undefined, expected, note);
      return { actionId, version, by, type: type as "propose" | "counter", package: pkg };
    }
    case "vote": {
      const accept = hasOwn.call(raw, "accept") ? raw.accept : undefined;
      if (typeof accept !== "boolean") refuse("bad_action", "vote: field 'accept' must be true or false");
      return { actionId, version, by, type: "vote", accept };
    }
    case "statement":
    case "team_note": {
      const text = str(where, "text", hasOwn.call(raw, "text") ? raw.text : undefined, MAX_RAW_TEXT);
      if (type === "statement" && hasOwn.call(raw, "phrase") && raw.phrase !== undefined) {
        return { actionId, version, by, type: "statement", text, phrase: parsePhrase(raw.phrase) };
      }
      return { actionId, version, by, type: type as "statement" | "team_note", text };
    }
    case "private_message": {
      const to = str(where, "to", hasOwn.call(raw, "to") ? raw.to : undefined, MAX_ID);
      const text = str(where, "text", hasOwn.call(raw, "text") ? raw.text : undefined, MAX_RAW_TEXT);
      return { actionId, version, by, type: "private_message", to, text };
    }
    case "fire_inject": {
      const injectId = str(where, "injectId", hasOwn.call(raw, "injectId") ? raw.injectId : undefined, MAX_ID);
      return { actionId, version, by, type: "fire_inject", injectId };
    }
    case "extend": {
      const rounds = hasOwn.call(raw, "rounds") ? raw.rounds : undefined;
      if (typeof rounds !== "number" || !Number.isInteger(rounds) || rounds < 1 || rounds > MAX_EXTEND) {
        refuse("bad_action", `extend: field 'rounds' must be a whole number from 1 to ${MAX_EXTEND}`);
      }
      return { actionId, version, by, type: "extend", rounds };
    }
    case "accept":
    case "reject":
    case "walk_away":
    case "pass":
    case "timeout":
    case "start":
    case "pause":
    case "resume":
    case "end":
      return { actionId, version, by, type } as GameAction;
  }
}
