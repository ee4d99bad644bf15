// apply(state, action): the one function that changes a game. Pure: it never mutates its input
// (moves shallow-copy what they change and share the rest), never throws for a bad action,
// never reads a clock or Math.random (chance comes from `state.rng`).
//
// Checks run in a fixed order, like boardgame.io's master:
//   shape → duplicate actionId → actor allowed for the action type → phase → version → the move's rules.
//
// Versions. `state.version` grows by one with every accepted action; `state.tableVersion` is the
// version of the last action that changed the table (the offer, the turn, the round, the stage,
// a profile through an inject, or the end). An action names the version its sender saw:
//   - from the future (`action.version > state.version`) → stale_version, for every action;
//   - table moves (propose, counter, accept, reject, vote, pass, walk_away, timeout,
//     fire_inject) made against an older table (`action.version < state.tableVersion`)
//     → stale_version: someone changed the table since the sender looked;
//   - talk (statement, private_message, team_note) and start/pause/resume/extend/end accept any
//     version up to the current one. Talk, pause, resume and extend never change the table, so
//     chatting (or a pause) never invalidates a pending accept. A multilateral vote that does
//     not close the round does not change the table either, so concurrent voters do not
//     invalidate each other's votes.
import { applyAlternating, timeoutAlternating } from "./alternating.ts";
import { copyState, type Draft } from "./common.ts";
import { RefusalError, refuse } from "./errors.ts";
import { applyFacilitator } from "./facilitator.ts";
import { applyMultilateral, timeoutMultilateral } from "./multilateral.ts";
import { scenarioFacts } from "./per-scenario.ts";
import { DELEGATION_ACTION_TYPES, FACILITATOR_ACTION_TYPES, parseAction, type PackageShape, type ParseNote } from "./shape.ts";
import { applyTalk } from "./talk.ts";
import type { ActionType, Actor, ApplyResult, GameAction, GameEvent, GameState } from "./types.ts";

const DELEGATION_ACTIONS: ReadonlySet<ActionType> = new Set<ActionType>(DELEGATION_ACTION_TYPES);
const FACILITATOR_ACTIONS: ReadonlySet<ActionType> = new Set<ActionType>(FACILITATOR_ACTION_TYPES);
const TALK: ReadonlySet<ActionType> = new Set<ActionType>(["statement", "private_message", "team_note"]);
/** Moves that depend on the table as the sender saw it (see the version rules above). */
export const TABLE_MOVES: ReadonlySet<ActionType> = new Set<ActionType>([
  "propose",
  "counter",
  "accept",
  "reject",
  "vote",
  "pass",
  "walk_away",
  "timeout",
  "fire_inject",
]);

function describe(by: Actor): string {
  return by.kind === "delegation" ? `delegation ${by.id}` : `the ${by.kind}`;
}

/** The delegation acting, for delegation actions; null for the facilitator's and the clock's. */
function checkActor(state: GameState, action: GameAction): string | null {
  const { type, by } = action;
  if (DELEGATION_ACTIONS.has(type)) {
    if (by.kind !== "delegation") refuse("not_allowed", `${type}: only a delegation may ${type}, not ${describe(by)}`);
    if (!state.order.includes(by.id)) refuse("unknown_delegation", `${type}: no delegation '${by.id}' at this table`);
    return by.id;
  }
  if (FACILITATOR_ACTIONS.has(type)) {
    if (by.kind !== "facilitator") refuse("not_allowed", `${type}: only the facilitator may ${type}, not ${describe(by)}`);
    return null;
  }
  // timeout: the server's clock, or the facilitator forcing it.
  if (by.kind === "delegation") refuse("not_allowed", `timeout: only the clock or the facilitator may time a turn out, not ${describe(by)}`);
  return null;
}

function checkPhase(state: GameState, type: ActionType): void {
  const phase = state.phase;
  if (phase === "ended") refuse("negotiation_over", `${type}: the negotiation is over (${state.outcome?.reason ?? "ended"})`);
  if (TALK.has(type) || type === "extend" || type === "end") return;
  switch (type) {
    case "start":
      if (phase !== "waiting") refuse("already_started", "start: the negotiation has already started");
      return;
    case "pause":
      if (phase === "waiting") refuse("not_started", "pause: the negotiation has not started");
      if (phase === "paused") refuse("paused", "pause: the negotiation is already paused");
      return;
    case "resume":
      if (phase === "waiting") refuse("not_started", "resume: the negotiation has not started");
      if (phase === "running") refuse("not_paused", "resume: the negotiation is not paused");
      return;
    case "fire_inject":
      if (phase === "waiting") refuse("not_started", "fire_inject: the negotiation has not started");
      return;
    default:
      if (phase === "waiting") refuse("not_started", `${type}: the negotiation has not started`);
      if (phase === "paused") refuse("paused", `${type}: the negotiation is paused`);
  }
}

function checkVersion(state: GameState, action: GameAction): void {
  if (action.version > state.version) {
    refuse("stale_version", `${action.type}: version ${action.version} is ahead of the game (at version ${state.version})`);
  }
  if (TABLE_MOVES.has(action.type) && action.version < state.tableVersion) {
    refuse(
      "stale_version",
      `${action.type}: made at version ${action.version}, but the table changed at version ${state.tableVersion}`,
    );
  }
}

function dispatch(d: Draft, action: GameAction, me: string | null): void {
  const protocol = d.s.scenario.protocol;
  switch (action.type) {
    case "statement":
    case "private_message":
    case "team_note":
      return applyTalk(d, action, me!);
    case "start":
    case "pause":
    case "resume":
    case "fire_inject":
    case "extend":
    case "end":
      return applyFacilitator(d, action);
    case "timeout":
      return protocol === "alternating" ? timeoutAlternating(d) : timeoutMultilateral(d);
    default:
      return protocol === "alternating" ? applyAlternating(d, action, me!) : applyMultilateral(d, action, me!);
  }
}

/** The shape check; an object that throws while being read (a hostile getter, a proxy) is a bad action too. */
function checkShape(raw: unknown, expected: PackageShape, note: ParseNote): GameAction {
  try {
    return parseAction(raw, expected, note);
  } catch (e) {
    if (e instanceof RefusalError) throw e;
    return refuse("bad_action", `action: could not be read (${String(e)})`);
  }
}

function applyChecked(state: GameState, raw: unknown): ApplyResult {
  const note: ParseNote = { checkedPackage: null };
  const action = checkShape(raw, scenarioFacts(state.scenario), note);
  // An action id is applied at most once per game (shared/rules/applied-ids.ts).
  if (state.actionIds.has(action.actionId)) {
    refuse("duplicate_action", `${action.type}: action '${action.actionId}' has already been applied`);
  }
  const me = checkActor(state, action);
  checkPhase(state, action.type);
  checkVersion(state, action);

  const d: Draft = {
    s: copyState(state),
    events: [],
    tableChanged: false,
    version: state.version + 1,
    checkedPackage: note.checkedPackage,
  };
  dispatch(d, action, me);
  const next = d.s;
  next.version = d.version;
  next.actionIds = state.actionIds.with(action.actionId);
  if (d.tableChanged) next.tableVersion = d.version;
  return { ok: true, state: next, events: d.events };
}

/**
 * Apply one action. Accepted: the next state and the events it produced (each with the new
 * version and its audience). Refused: an error code and a message naming what was wrong; the
 * input state is untouched either way. The action is typed for callers but checked as unknown
 * input, so garbage gets `bad_action`, never an exception.
 */
export function apply(state: GameState, action: GameAction): ApplyResult {
  try {
    return applyChecked(state, action);
  } catch (e) {
    if (e instanceof RefusalError) return { ok: false, code: e.code, message: e.message };
    return { ok: false, code: "internal_error", message: `internal error in the rules engine: ${String(e)}` };
  }
}
