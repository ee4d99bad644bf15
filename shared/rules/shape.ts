// The shape check, the first thing `apply` does: anything at all comes in, a clean `GameAction`
// (a fresh object holding only the known fields) comes out, or a `bad_action` refusal naming the
// field. The engine stores only what this returns, so a caller's object is never aliased.
import { refuse } from "./errors.ts";
import type { ActionType, Actor, GameAction } from "./types.ts";

export const ACTION_TYPES: readonly ActionType[] = [
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
  "timeout",
  "start",
  "pause",
  "resume",
  "fire_inject",
  "extend",
  "end",
];

const MAX_ID = 200;
const MAX_RAW_TEXT = 100_000;
export const MAX_EXTEND = 100;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function field(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function str(where: string, obj: Record<string, unknown>, key: string, max: number): string {
  const value = field(obj, key);
  if (typeof value !== "string") refuse("bad_action", `${where}: field '${key}' must be a string`);
  if (value.length > max) refuse("bad_action", `${where}: field '${key}' is longer than ${max} characters`);
  return value;
}

function parseActor(where: string, raw: unknown): Actor {
  if (!isRecord(raw)) refuse("bad_action", `${where}: field 'by' must be an object with a 'kind'`);
  const kind = field(raw, "kind");
  if (kind === "facilitator") return { kind: "facilitator" };
  if (kind === "system") return { kind: "system" };
  if (kind === "delegation") {
    const id = str(where, raw, "id", MAX_ID);
    if (id === "") refuse("bad_action", `${where}: field 'by.id' must not be empty`);
    return { kind: "delegation", id };
  }
  return refuse("bad_action", `${where}: field 'by.kind' must be 'delegation', 'facilitator' or 'system'`);
}

function parsePackage(where: string, raw: unknown): Record<string, string> {
  if (!isRecord(raw)) refuse("bad_action", `${where}: field 'package' must be an object of issue id → option id`);
  const pkg: Record<string, string> = {};
  for (const key of Object.keys(raw)) {
    const option = raw[key];
    if (typeof option !== "string") refuse("bad_action", `${where}: package.${key} must be an option id (a string)`);
    // defineProperty, not assignment: a key such as "__proto__" stays a plain (unknown) issue.
    Object.defineProperty(pkg, key, { value: option, enumerable: true, writable: true, configurable: true });
  }
  return pkg;
}

/** Check an action's shape; returns a fresh, well-formed action or throws a `bad_action` refusal. */
export function parseAction(raw: unknown): GameAction {
  if (!isRecord(raw)) refuse("bad_action", "action: must be an object with 'type', 'actionId', 'version' and 'by'");
  const type = field(raw, "type");
  if (typeof type !== "string" || !(ACTION_TYPES as readonly string[]).includes(type)) {
    return refuse("bad_action", `action: unknown type ${JSON.stringify(type) ?? String(type)}`);
  }
  const where = type;
  const actionId = str(where, raw, "actionId", MAX_ID);
  if (actionId === "") refuse("bad_action", `${where}: field 'actionId' must not be empty`);
  const version = field(raw, "version");
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 0) {
    refuse("bad_action", `${where}: field 'version' must be a whole number ≥ 0`);
  }
  const base = { actionId, version, by: parseActor(where, field(raw, "by")) };
  switch (type as ActionType) {
    case "propose":
    case "counter":
      return { ...base, type: type as "propose" | "counter", package: parsePackage(where, field(raw, "package")) };
    case "vote": {
      const accept = field(raw, "accept");
      if (typeof accept !== "boolean") refuse("bad_action", "vote: field 'accept' must be true or false");
      return { ...base, type: "vote", accept };
    }
    case "statement":
    case "team_note":
      return { ...base, type: type as "statement" | "team_note", text: str(where, raw, "text", MAX_RAW_TEXT) };
    case "private_message":
      return {
        ...base,
        type: "private_message",
        to: str(where, raw, "to", MAX_ID),
        text: str(where, raw, "text", MAX_RAW_TEXT),
      };
    case "fire_inject":
      return { ...base, type: "fire_inject", injectId: str(where, raw, "injectId", MAX_ID) };
    case "extend": {
      const rounds = field(raw, "rounds");
      if (typeof rounds !== "number" || !Number.isInteger(rounds) || rounds < 1 || rounds > MAX_EXTEND) {
        refuse("bad_action", `extend: field 'rounds' must be a whole number from 1 to ${MAX_EXTEND}`);
      }
      return { ...base, type: "extend", rounds };
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
      return { ...base, type } as GameAction;
  }
}
