// A random-action generator for property tests, fuzzing and simple bots: given a state and a
// random source, a plausible next action — mostly a legal candidate, sometimes a deliberately
// doubtful one (wrong actor, stale version, bad package, duplicate id, garbage shape).
import type { Package } from "../scenario/schema.ts";
import { MAX_TEXT } from "./talk.ts";
import { apply } from "./apply.ts";
import { crossesRedLine } from "./legal.ts";
import type { Actor, ApplyResult, GameAction, GameEvent, GameState } from "./types.ts";

export type Random = () => number;

export interface RandomActionOptions {
  /** The probability of a deliberately doubtful action (default 0.2). */
  illegal?: number;
  /** The probability that a delegation accepts (or votes for) an offer it may sign (default 0.3). */
  accept?: number;
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function chance(random: Random, p: number): boolean {
  return random() < p;
}

function newActionId(random: Random): string {
  return `a-${Math.floor(random() * 2 ** 32).toString(36)}${Math.floor(random() * 2 ** 32).toString(36)}`;
}

/** A package with a random option for every issue. */
export function randomPackage(state: GameState, random: Random): Package {
  const pkg: Package = {};
  for (const issue of state.scenario.issues) pkg[issue.id] = pick(random, issue.options).id;
  return pkg;
}

/** A random package the delegation may sign (no red line of its own crossed), or null after a few tries. */
export function signablePackage(state: GameState, delegation: string, random: Random): Package | null {
  for (let i = 0; i < 20; i++) {
    const pkg = randomPackage(state, random);
    if (canSign(state, delegation, pkg)) return pkg;
  }
  return null;
}

function canSign(state: GameState, delegation: string, pkg: Package): boolean {
  return !crossesRedLine(state.profiles[delegation], pkg);
}

type Body = { by: Actor } & Record<string, unknown> & { type: GameAction["type"] };

const delegation = (id: string): Actor => ({ kind: "delegation", id });
const FACILITATOR: Actor = { kind: "facilitator" };
const SYSTEM: Actor = { kind: "system" };

function talk(state: GameState, random: Random, from: string): Body {
  const r = random();
  if (r < 0.5) return { type: "statement", by: delegation(from), text: `We note round ${state.round}.` };
  if (r < 0.8) {
    const others = state.order.filter((id) => id !== from);
    return { type: "private_message", by: delegation(from), to: pick(random, others), text: "A word in private." };
  }
  return { type: "team_note", by: delegation(from), text: "Hold firm on the first issue." };
}

/** What a delegation might sensibly do now (alternating). */
function alternatingMove(state: GameState, random: Random, me: string, accept: number): Body {
  const by = delegation(me);
  const table = state.table;
  if (chance(random, 0.01)) return { type: "walk_away", by };
  if (table && table.proposer !== me) {
    const r = random();
    if (r < accept && canSign(state, me, table.package)) return { type: "accept", by };
    if (r < accept + (1 - accept) * 0.5) {
      const pkg = signablePackage(state, me, random);
      if (pkg) return { type: "counter", by, package: pkg };
    }
    if (r < accept + (1 - accept) * 0.75) return { type: "reject", by };
    return { type: "pass", by };
  }
  const pkg = signablePackage(state, me, random);
  if (pkg && chance(random, 0.8)) return { type: "propose", by, package: pkg };
  return { type: "pass", by };
}

/** What a delegation might sensibly do now (multilateral). */
function multilateralMove(state: GameState, random: Random, accept: number): Body {
  if (state.stage === "proposing" || !state.table) {
    const me = state.turn!;
    const pkg = signablePackage(state, me, random);
    if (pkg && chance(random, 0.85)) return { type: "propose", by: delegation(me), package: pkg };
    return { type: "pass", by: delegation(me) };
  }
  const table = state.table;
  const voters = state.order.filter((id) => table.responses[id] === undefined);
  const me = pick(random, voters.length > 0 ? voters : state.order);
  return { type: "vote", by: delegation(me), accept: canSign(state, me, table.package) && chance(random, accept) };
}

function legalBody(state: GameState, random: Random, accept: number): Body {
  const someone = pick(random, state.order);
  const injects = state.scenario.injects.filter((i) => !state.firedInjects.includes(i.id));
  switch (state.phase) {
    case "waiting":
      return chance(random, 0.8) ? { type: "start", by: FACILITATOR } : talk(state, random, someone);
    case "paused": {
      const r = random();
      if (r < 0.5) return { type: "resume", by: FACILITATOR };
      if (r < 0.6 && injects.length > 0) return { type: "fire_inject", by: FACILITATOR, injectId: pick(random, injects).id };
      if (r < 0.65) return { type: "extend", by: FACILITATOR, rounds: 1 + Math.floor(random() * 3) };
      return talk(state, random, someone);
    }
    case "ended":
      return chance(random, 0.5) ? talk(state, random, someone) : { type: "pass", by: delegation(someone) };
    case "running": {
      const r = random();
      if (r < 0.04) return { type: "pause", by: FACILITATOR };
      if (r < 0.06 && injects.length > 0) return { type: "fire_inject", by: FACILITATOR, injectId: pick(random, injects).id };
      if (r < 0.07) return { type: "extend", by: FACILITATOR, rounds: 1 + Math.floor(random() * 2) };
      if (r < 0.075) return { type: "end", by: FACILITATOR };
      if (r < 0.11) return { type: "timeout", by: chance(random, 0.8) ? SYSTEM : FACILITATOR };
      if (r < 0.25) return talk(state, random, someone);
      return state.scenario.protocol === "alternating"
        ? alternatingMove(state, random, state.turn!, accept)
        : multilateralMove(state, random, accept);
    }
  }
}

/** Shapes that are not actions at all. */
function garbage(state: GameState, random: Random): unknown {
  const id = newActionId(random);
  const v = state.version;
  return pick(random, [
    null,
    42,
    "propose",
    [],
    {},
    { type: "propose" },
    { type: "dance", actionId: id, version: v, by: FACILITATOR },
    { type: "propose", actionId: id, version: v, by: delegation(pick(random, state.order)), package: [] },
    { type: "propose", actionId: id, version: v, by: delegation(pick(random, state.order)), package: { x: 1 } },
    { type: "vote", actionId: id, version: v, by: delegation(pick(random, state.order)), accept: "yes" },
    { type: "extend", actionId: id, version: v, by: FACILITATOR, rounds: pick(random, [0, 101, 1.5, -1, "2"]) },
    { type: "pass", actionId: id, version: -1, by: delegation(pick(random, state.order)) },
    { type: "pass", actionId: id, version: 0.5, by: delegation(pick(random, state.order)) },
    { type: "pass", actionId: "", version: v, by: delegation(pick(random, state.order)) },
    { type: "pass", actionId: id, version: v, by: { kind: "observer" } },
    { type: "pass", actionId: id, version: v, by: { kind: "delegation" } },
    { type: "statement", actionId: id, version: v, by: delegation(pick(random, state.order)), text: 7 },
    { type: "private_message", actionId: id, version: v, by: delegation(pick(random, state.order)), text: "hi" },
    { type: "fire_inject", actionId: id, version: v, by: FACILITATOR },
    {
      type: "propose",
      actionId: id,
      version: v,
      by: delegation(pick(random, state.order)),
      package: JSON.parse('{"__proto__":"x","constructor":"y"}'),
    },
  ]);
}

/** A well-formed action that is probably refused. */
function doubtful(state: GameState, random: Random): Body {
  const someone = pick(random, state.order);
  const by = delegation(someone);
  const pkg = randomPackage(state, random);
  const issue = pick(random, state.scenario.issues);
  return pick<() => Body>(random, [
    () => ({ type: "propose", by, package: pkg }),
    () => ({ type: "counter", by, package: pkg }),
    () => ({ type: "accept", by }),
    () => ({ type: "reject", by }),
    () => ({ type: "vote", by, accept: chance(random, 0.5) }),
    () => ({ type: "pass", by }),
    () => ({ type: "walk_away", by }),
    () => ({ type: "propose", by, package: { ...pkg, nonsense: "x" } }),
    () => ({ type: "propose", by, package: { ...pkg, [issue.id]: "nonsense" } }),
    () => {
      const partial = { ...pkg };
      delete partial[issue.id];
      return { type: "counter", by, package: partial };
    },
    () => ({ type: "statement", by, text: "   " }),
    () => ({ type: "team_note", by, text: "x".repeat(MAX_TEXT + 1) }),
    () => ({ type: "private_message", by, to: someone, text: "to myself" }),
    () => ({ type: "private_message", by, to: "nobody", text: "hello?" }),
    () => ({ type: "statement", by: delegation("nobody"), text: "Who am I?" }),
    () => ({ type: "statement", by: FACILITATOR, text: "Order!" }),
    () => ({ type: "start", by }),
    () => ({ type: "start", by: FACILITATOR }),
    () => ({ type: "pause", by: FACILITATOR }),
    () => ({ type: "resume", by: FACILITATOR }),
    () => ({ type: "timeout", by }),
    () => ({ type: "end", by: SYSTEM }),
    () => ({ type: "fire_inject", by: FACILITATOR, injectId: pick(random, ["nonsense", ...state.scenario.injects.map((i) => i.id)]) }),
  ])();
}

/** A plausible next action: mostly legal candidates, with probability `illegal` a doubtful one. */
export function randomAction(state: GameState, random: Random, options: RandomActionOptions = {}): GameAction {
  const illegal = options.illegal ?? 0.2;
  const accept = options.accept ?? 0.3;
  if (chance(random, illegal)) {
    const r = random();
    if (r < 0.25) return garbage(state, random) as GameAction;
    const body = r < 0.7 ? doubtful(state, random) : legalBody(state, random, accept);
    let version = state.version;
    let actionId = newActionId(random);
    const twist = random();
    if (twist < 0.3) version = state.version + 1 + Math.floor(random() * 3);
    else if (twist < 0.6 && state.tableVersion > 0) version = Math.floor(random() * state.tableVersion);
    else if (twist < 0.8 && state.actionIds.length > 0) actionId = pick(random, [...state.actionIds]);
    return { ...body, actionId, version } as GameAction;
  }
  // Legal candidates sometimes name an older version the table has not moved past.
  const version = chance(random, 0.2)
    ? state.tableVersion + Math.floor(random() * (state.version - state.tableVersion + 1))
    : state.version;
  return { ...legalBody(state, random, accept), actionId: newActionId(random), version } as GameAction;
}

/** An action without the fields a driver fills in. */
export type ActionBody = {
  [K in GameAction["type"]]: Omit<Extract<GameAction, { type: K }>, "actionId" | "version" | "by">;
}[GameAction["type"]];

export const AS_FACILITATOR: Actor = FACILITATOR;
export const AS_SYSTEM: Actor = SYSTEM;

/**
 * Drives one game in tests and scripts: fills in the action id and the current version, keeps
 * the log of accepted actions, and (with `do`) throws when the rules refuse.
 */
export class Script {
  log: GameAction[] = [];
  events: GameEvent[] = [];
  private count = 0;

  constructor(public state: GameState) {}

  /** An action as a seat would send it now. `by` is an actor or a delegation id. */
  action(by: Actor | string, body: ActionBody, version = this.state.version): GameAction {
    const actor = typeof by === "string" ? delegation(by) : by;
    return { ...body, by: actor, actionId: `s${++this.count}`, version } as GameAction;
  }

  /** Apply an action; on success the state moves on. Returns the result either way. */
  try(by: Actor | string, body: ActionBody, version?: number): ApplyResult {
    const action = this.action(by, body, version);
    const result = apply(this.state, action);
    if (result.ok) {
      this.state = result.state;
      this.events = result.events;
      this.log.push(action);
    }
    return result;
  }

  /** Apply an action that must be accepted; returns its events. */
  do(by: Actor | string, body: ActionBody, version?: number): GameEvent[] {
    const result = this.try(by, body, version);
    if (!result.ok) throw new Error(`${body.type} refused: ${result.code}: ${result.message}`);
    return result.events;
  }
}

/** Freeze an object and everything it holds (tests use it to prove `apply` never mutates its input). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
