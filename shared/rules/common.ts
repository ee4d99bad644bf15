// What the moves share: the draft an action works on, package and red-line checks, injects,
// rounds and the end of the game. Internal to the rules engine (not re-exported).
//
// Hot path: this runs for every move of every game, so it builds objects as literals (a spread
// that adds fields costs about ten times more) and looks scenario facts up in tables made once
// per scenario (per-scenario.ts).
import { utility } from "../analysis/utility.ts";
import type { Inject, Package } from "../scenario/schema.ts";
import { refuse } from "./errors.ts";
import { crossesRedLine, redLinesCrossed } from "./legal.ts";
import { changedProfile, scenarioFacts } from "./per-scenario.ts";
import type { EndReason, GameEvent, GameState, Move, Outcome, ReadonlyPackage, ReadonlyProfile } from "./types.ts";

/** A state under construction: its top-level fields may be assigned, what they point to never. */
export type DraftState = { -readonly [K in keyof GameState]: GameState[K] };

/**
 * What one action works on. `s` is a shallow copy of the input state: a move assigns its
 * top-level fields and never mutates what they point to (that is shared with the input), which
 * keeps `apply` pure without copying the whole state.
 */
export interface Draft {
  s: DraftState;
  /** Events as the action makes them, already stamped with the new version. */
  events: GameEvent[];
  /** The action changes the table (offer, turn, round, stage, profiles or phase to ended). */
  tableChanged: boolean;
  /** The version the state will have once this action is accepted. */
  version: number;
  /** The action's package when parsing found it complete and in order already (shape.ts `ParseNote`). */
  checkedPackage: object | null;
}

/**
 * A shallow copy of a state, field by field in `createGame`'s order (the JSON of a state, and
 * so a replay's bytes, depend on it). Every field of `GameState` must be listed here.
 */
export function copyState(s: GameState): DraftState {
  return {
    scenario: s.scenario,
    seed: s.seed,
    rng: s.rng,
    version: s.version,
    tableVersion: s.tableVersion,
    phase: s.phase,
    round: s.round,
    deadlineRounds: s.deadlineRounds,
    order: s.order,
    firstMover: s.firstMover,
    agreement: s.agreement,
    turn: s.turn,
    stage: s.stage,
    table: s.table,
    profiles: s.profiles,
    firedInjects: s.firedInjects,
    messages: s.messages,
    moves: s.moves,
    actionIds: s.actionIds,
    outcome: s.outcome,
  };
}

/** A new list: `list` with `item` at the end (the input list is shared, never extended). */
export function append<T>(list: readonly T[], item: T): T[] {
  // Allocated at its final size: `slice()` then `push` allocates twice (push grows the copy)
  // and costs about 2.5 times more on the lists of a whole game.
  const n = list.length;
  const out = new Array<T>(n + 1);
  for (let i = 0; i < n; i++) out[i] = list[i]!;
  out[n] = item;
  return out;
}

export function isDelegation(state: GameState, id: string): boolean {
  return state.order.includes(id);
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A package as the engine stores it: every issue named exactly once with a known option, keys in
 * the scenario's issue order (so equal packages serialise identically). `pkg` must be the
 * engine's own (the fresh copy `parseAction` makes): when it already is that, it is kept as is.
 */
export function checkPackage(d: Draft, where: string, pkg: Readonly<Record<string, string>>): Package {
  // Parsed already complete and in order (shape.ts).
  if (pkg === d.checkedPackage) return pkg as Package;
  const facts = scenarioFacts(d.s.scenario);
  const issueIds = facts.issueIds;
  const optionSets = facts.optionSets;
  const keys = Object.keys(pkg);
  // The usual case: every issue, in order, with a known option.
  if (keys.length === issueIds.length) {
    let i = 0;
    while (i < keys.length && keys[i] === issueIds[i] && optionSets[i]!.has(pkg[keys[i]!]!)) i++;
    if (i === keys.length) return pkg as Package;
  }
  // Otherwise the errors, in the order the rules check them: an unknown issue (in the package's
  // order), an unknown option, the missing issues (in the scenario's order); or a package with
  // the right contents in another order, rebuilt in issue order.
  for (const key of keys) {
    if (!facts.options.has(key)) refuse("unknown_issue", `${where}: the package names unknown issue '${key}'`);
  }
  const clean: Package = {};
  let missing: string[] | null = null;
  for (let i = 0; i < issueIds.length; i++) {
    const id = issueIds[i]!;
    if (!hasOwn.call(pkg, id)) {
      (missing ??= []).push(id);
      continue;
    }
    const option = pkg[id]!;
    if (!optionSets[i]!.has(option)) refuse("unknown_option", `${where}: issue '${id}' has no option '${option}'`);
    clean[id] = option;
  }
  if (missing !== null) {
    refuse("incomplete_package", `${where}: the package has no option for ${missing.map((m) => `'${m}'`).join(", ")}`);
  }
  return clean;
}

/** A delegation may never table, accept or vote for a package crossing one of its own red lines. */
export function checkRedLines(state: GameState, where: string, delegation: string, pkg: ReadonlyPackage): void {
  const profile = state.profiles[delegation];
  // The usual case, a package crossing none, without building a list.
  if (!crossesRedLine(profile, pkg)) return;
  const crossed = redLinesCrossed(profile!, pkg)[0]!;
  refuse(
    "red_line",
    `${where}: ${delegation} cannot sign ${crossed.issue} = ${crossed.option}, one of its red lines` +
      (crossed.reason ? ` (${crossed.reason})` : ""),
  );
}

/** Put a move on the record (a package for proposals, `accept` for votes, neither otherwise). */
export function recordMove(d: Draft, by: string, type: Move["type"], pkg?: ReadonlyPackage, accept?: boolean): void {
  const version = d.version;
  const round = d.s.round;
  const move: Move =
    pkg !== undefined
      ? { version, round, by, type, package: pkg }
      : accept !== undefined
        ? { version, round, by, type, accept }
        : { version, round, by, type };
  d.s.moves = append(d.s.moves, move);
}

/** Apply an inject's changes to the profiles and announce it: publicly, and privately to each delegation it changed. */
export function fireInject(d: Draft, inject: Inject): void {
  const s = d.s;
  s.firedInjects = append(s.firedInjects, inject.id);
  d.events.push({
    type: "inject_fired",
    injectId: inject.id,
    title: inject.title,
    text: inject.text,
    audience: "all",
    version: d.version,
  });
  let profiles = s.profiles;
  for (const change of inject.changes) {
    const old = profiles[change.delegation];
    if (!old) continue;
    // Profiles are shared by states and views: frozen, and made once per scenario (per-scenario.ts).
    const next: Record<string, ReadonlyProfile> = {};
    for (const id of Object.keys(profiles)) next[id] = id === change.delegation ? changedProfile(old, change) : profiles[id]!;
    profiles = Object.freeze(next);
    const note = change.note;
    d.events.push(
      note !== undefined
        ? {
            type: "profile_changed",
            delegation: change.delegation,
            injectId: inject.id,
            note,
            audience: { delegations: [change.delegation] },
            version: d.version,
          }
        : {
            type: "profile_changed",
            delegation: change.delegation,
            injectId: inject.id,
            audience: { delegations: [change.delegation] },
            version: d.version,
          },
    );
  }
  s.profiles = profiles;
  d.tableChanged = true;
}

/** Multilateral: the proposer of a round — the chair, or rotating in order from the first mover. */
export function proposerFor(state: GameState, round: number): string {
  if (state.scenario.chair !== undefined && isDelegation(state, state.scenario.chair)) return state.scenario.chair;
  const first = Math.max(0, state.order.indexOf(state.firstMover ?? ""));
  return state.order[(first + round - 1) % state.order.length]!;
}

/** Begin a round: its turn holder, a fresh stage, and the injects scheduled for it. */
export function startRound(d: Draft, round: number): void {
  const s = d.s;
  s.round = round;
  s.stage = "proposing";
  if (s.scenario.protocol === "multilateral") {
    s.turn = proposerFor(s, round);
    s.table = null;
  } else {
    s.turn = s.firstMover;
  }
  d.events.push({ type: "round_started", round, turn: s.turn, audience: "all", version: d.version });
  if (scenarioFacts(s.scenario).roundInjects) {
    for (const inject of s.scenario.injects) {
      if (typeof inject.trigger === "object" && inject.trigger.round === round && !s.firedInjects.includes(inject.id)) {
        fireInject(d, inject);
      }
    }
  }
  if (s.turn !== null) d.events.push({ type: "turn", delegation: s.turn, audience: "all", version: d.version });
  d.tableChanged = true;
}

/** The next round, or the end at the deadline when there is none left. */
export function nextRound(d: Draft): void {
  if (d.s.round + 1 > d.s.deadlineRounds) endGame(d, false, "deadline", null);
  else startRound(d, d.s.round + 1);
}

/** Floating-point noise aside, a utility is in [0, 1]. */
function unit(x: number): number {
  return Math.min(1, Math.max(0, x));
}

export function endGame(d: Draft, agreement: boolean, reason: EndReason, pkg: ReadonlyPackage | null, by?: string): void {
  const s = d.s;
  const utilities: Record<string, number> = {};
  for (const id of s.order) {
    const profile = s.profiles[id]!;
    utilities[id] = unit(agreement && pkg ? utility(profile, pkg) : profile.reservationValue);
  }
  const round = s.round;
  const outcome: Outcome =
    by !== undefined
      ? { agreement, reason, package: pkg, utilities, round, by }
      : { agreement, reason, package: pkg, utilities, round };
  s.outcome = outcome;
  s.phase = "ended";
  s.turn = null;
  d.events.push({
    type: "ended",
    outcome:
      by !== undefined ? { agreement, reason, package: pkg, round, by } : { agreement, reason, package: pkg, round },
    audience: "all",
    version: d.version,
  });
  d.tableChanged = true;
}

/** A new record of answers: `responses` (or none) plus `id`'s, in the order a spread would give. */
export function withResponse(
  responses: Readonly<Record<string, "accept" | "reject">> | null,
  id: string,
  answer: "accept" | "reject",
): Record<string, "accept" | "reject"> {
  const out: Record<string, "accept" | "reject"> = {};
  if (responses !== null) for (const key of Object.keys(responses)) out[key] = responses[key]!;
  out[id] = answer;
  return out;
}
