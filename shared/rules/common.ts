// What the moves share: the draft an action works on, package and red-line checks, injects,
// rounds and the end of the game. Internal to the rules engine (not re-exported).
import { redLinesCrossed, utility } from "../analysis/utility.ts";
import type { Inject, Package, Profile } from "../scenario/schema.ts";
import { refuse } from "./errors.ts";
import type { EndReason, GameEvent, GameState, Move, PublicOutcome } from "./types.ts";

/** A game event before `apply` stamps the new version on it. */
export type EventBody = {
  [K in GameEvent["type"]]: Omit<Extract<GameEvent, { type: K }>, "version">;
}[GameEvent["type"]];

/**
 * What one action works on. `s` is a shallow copy of the input state: a move assigns its
 * top-level fields and never mutates what they point to (that is shared with the input), which
 * keeps `apply` pure without copying the whole state.
 */
export interface Draft {
  s: GameState;
  events: EventBody[];
  /** The action changes the table (offer, turn, round, stage, profiles or phase to ended). */
  tableChanged: boolean;
  /** The version the state will have once this action is accepted. */
  version: number;
}

export function isDelegation(state: GameState, id: string): boolean {
  return state.order.includes(id);
}

/**
 * A package as the engine stores it: every issue named exactly once with a known option, keys in
 * the scenario's issue order (so equal packages serialise identically).
 */
export function checkPackage(state: GameState, where: string, pkg: Record<string, string>): Package {
  const issues = state.scenario.issues;
  for (const key of Object.keys(pkg)) {
    if (!issues.some((issue) => issue.id === key)) {
      refuse("unknown_issue", `${where}: the package names unknown issue '${key}'`);
    }
  }
  const clean: Package = {};
  const missing: string[] = [];
  for (const issue of issues) {
    if (!Object.prototype.hasOwnProperty.call(pkg, issue.id)) {
      missing.push(issue.id);
      continue;
    }
    const option = pkg[issue.id]!;
    if (!issue.options.some((o) => o.id === option)) {
      refuse("unknown_option", `${where}: issue '${issue.id}' has no option '${option}'`);
    }
    clean[issue.id] = option;
  }
  if (missing.length > 0) {
    refuse("incomplete_package", `${where}: the package has no option for ${missing.map((m) => `'${m}'`).join(", ")}`);
  }
  return clean;
}

/** A delegation may never table, accept or vote for a package crossing one of its own red lines. */
export function checkRedLines(state: GameState, where: string, delegation: string, pkg: Package): void {
  const profile = state.profiles[delegation];
  if (!profile) return;
  const crossed = redLinesCrossed(profile, pkg)[0];
  if (crossed) {
    refuse(
      "red_line",
      `${where}: ${delegation} cannot sign ${crossed.issue} = ${crossed.option}, one of its red lines` +
        (crossed.reason ? ` (${crossed.reason})` : ""),
    );
  }
}

export function recordMove(d: Draft, move: Omit<Move, "version" | "round">): void {
  const { by, type, ...rest } = move;
  d.s.moves = [...d.s.moves, { version: d.version, round: d.s.round, by, type, ...rest }];
}

/** Apply an inject's changes to the profiles and announce it: publicly, and privately to each delegation it changed. */
export function fireInject(d: Draft, inject: Inject): void {
  const s = d.s;
  s.firedInjects = [...s.firedInjects, inject.id];
  d.events.push({ type: "inject_fired", injectId: inject.id, title: inject.title, text: inject.text, audience: "all" });
  let profiles = s.profiles;
  for (const change of inject.changes) {
    const old = profiles[change.delegation];
    if (!old) continue;
    const values: Profile["values"] = { ...old.values };
    for (const [issueId, options] of Object.entries(change.values ?? {})) {
      values[issueId] = { ...old.values[issueId], ...options };
    }
    const profile: Profile = {
      weights: change.weights ? { ...change.weights } : old.weights,
      values,
      reservationValue: change.reservationValue ?? old.reservationValue,
      redLines: old.redLines,
    };
    profiles = { ...profiles, [change.delegation]: profile };
    d.events.push({
      type: "profile_changed",
      delegation: change.delegation,
      injectId: inject.id,
      ...(change.note !== undefined ? { note: change.note } : {}),
      audience: { delegations: [change.delegation] },
    });
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
  d.events.push({ type: "round_started", round, turn: s.turn, audience: "all" });
  for (const inject of s.scenario.injects) {
    if (typeof inject.trigger === "object" && inject.trigger.round === round && !s.firedInjects.includes(inject.id)) {
      fireInject(d, inject);
    }
  }
  if (s.turn !== null) d.events.push({ type: "turn", delegation: s.turn, audience: "all" });
  d.tableChanged = true;
}

/** The next round, or the end at the deadline when there is none left. */
export function nextRound(d: Draft): void {
  if (d.s.round + 1 > d.s.deadlineRounds) endGame(d, { agreement: false, reason: "deadline", package: null });
  else startRound(d, d.s.round + 1);
}

/** Floating-point noise aside, a utility is in [0, 1]. */
function unit(x: number): number {
  return Math.min(1, Math.max(0, x));
}

export function endGame(
  d: Draft,
  end: { agreement: boolean; reason: EndReason; package: Package | null; by?: string },
): void {
  const s = d.s;
  const utilities: Record<string, number> = {};
  for (const id of s.order) {
    const profile = s.profiles[id]!;
    utilities[id] = unit(end.agreement && end.package ? utility(profile, end.package) : profile.reservationValue);
  }
  const pkg = end.package ? { ...end.package } : null;
  const by = end.by !== undefined ? { by: end.by } : {};
  s.outcome = { agreement: end.agreement, reason: end.reason, package: pkg, utilities, round: s.round, ...by };
  s.phase = "ended";
  s.turn = null;
  const outcome: PublicOutcome = {
    agreement: end.agreement,
    reason: end.reason,
    package: pkg ? { ...pkg } : null,
    round: s.round,
    ...by,
  };
  d.events.push({ type: "ended", outcome, audience: "all" });
  d.tableChanged = true;
}
