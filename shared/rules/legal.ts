// Who may move now and which moves are legal: one reading of the protocols' turn rules
// (alternating.ts, multilateral.ts) and of the red lines, for the bots, the server's bot driver
// and the client's buttons. It only answers questions: `apply` still judges every action and
// gives the reason for a refusal. tests: shared/rules/legal.test.ts checks every answer here
// against `apply`.
import type { GameState, Phase, ReadonlyPackage, SeatView } from "./types.ts";

/** What the turn rules read of a table; a `GameState`, a `SeatView` and the client's table all give it. */
export interface Position {
  readonly protocol: "alternating" | "multilateral";
  readonly phase: Phase;
  readonly stage: "proposing" | "voting";
  /** The turn holder (alternating), or the round's proposer (multilateral); null when ended. */
  readonly turn: string | null;
  /** The offer on the table, with the answers so far (alternating: acceptances; multilateral: votes). */
  readonly offer: {
    readonly proposer: string;
    readonly package: ReadonlyPackage;
    readonly responses: Readonly<Record<string, "accept" | "reject">>;
  } | null;
}

/** The position of an engine state or a seat's view. */
export function positionOf(s: GameState | SeatView): Position {
  return { protocol: s.scenario.protocol, phase: s.phase, stage: s.stage, turn: s.turn, offer: s.table };
}

/** A red line as a profile holds it: the option of an issue the delegation may never sign. */
export interface RedLineOf {
  readonly issue: string;
  readonly option: string;
  readonly reason?: string;
}

/**
 * The red lines of `profile` that `pkg` crosses (empty when none). A delegation may never table,
 * accept or vote for such a package; this is the one place that says whether a package crosses one.
 */
export function redLinesCrossed<L extends RedLineOf>(
  profile: { readonly redLines: readonly L[] },
  pkg: Readonly<Record<string, string>>,
): L[] {
  const crossed: L[] = [];
  for (const line of profile.redLines) if (pkg[line.issue] === line.option) crossed.push(line);
  return crossed;
}

/** Whether `pkg` crosses one of the profile's red lines; no profile (not known to the caller) crosses none. */
export function crossesRedLine(
  profile: { readonly redLines: readonly RedLineOf[] } | null | undefined,
  pkg: Readonly<Record<string, string>>,
): boolean {
  if (!profile) return false;
  for (const line of profile.redLines) if (pkg[line.issue] === line.option) return true;
  return false;
}

/**
 * Whether the delegation is expected to move now: the turn holder (alternating, or the proposer of
 * a multilateral round), or in a multilateral vote a delegation yet to vote.
 */
export function mayMove(p: Position, delegation: string): boolean {
  if (p.phase !== "running") return false;
  if (p.protocol === "multilateral" && p.stage === "voting" && p.offer) return p.offer.responses[delegation] === undefined;
  return p.turn === delegation;
}

/** The delegations that may move now, in `order`: the turn holder, or in a multilateral vote everyone yet to vote. */
export function waitingFor(p: Position, order: readonly string[]): string[] {
  if (p.phase !== "running") return [];
  if (p.protocol === "multilateral" && p.stage === "voting" && p.offer) {
    // The answers so far, as a list: cheaper than looking each delegation up in the record
    // (answer records take many shapes, so property lookups on them stay slow).
    const answered = Object.keys(p.offer.responses);
    const waiting: string[] = [];
    for (const id of order) if (!answered.includes(id)) waiting.push(id);
    return waiting;
  }
  return p.turn === null ? [] : [p.turn];
}

/** The moves a delegation may make now, as the rules would judge them. */
export interface LegalMoves {
  propose: boolean;
  counter: boolean;
  accept: boolean;
  reject: boolean;
  walkAway: boolean;
  pass: boolean;
  vote: boolean;
  /** With `vote`: whether voting to accept is allowed (not across a red line). */
  voteAccept: boolean;
  /** Statements, private messages and team notes. */
  talk: boolean;
  /** The delegation is expected to move (`mayMove`). */
  toMove: boolean;
}

export const NO_MOVES: Readonly<LegalMoves> = Object.freeze({
  propose: false,
  counter: false,
  accept: false,
  reject: false,
  walkAway: false,
  pass: false,
  vote: false,
  voteAccept: false,
  talk: false,
  toMove: false,
});

/**
 * The moves `me` may make in this position. `profile` is the delegation's own (for its red lines);
 * without it, accepting is offered and left to the rules to judge.
 */
export function legalMoves(
  p: Position,
  me: string,
  profile?: { readonly redLines: readonly RedLineOf[] } | null,
): LegalMoves {
  // Talk is open until the end, before the start and during a pause too; moves only while running.
  if (p.phase === "ended") return { ...NO_MOVES };
  const moves: LegalMoves = { ...NO_MOVES, talk: true };
  if (p.phase !== "running") return moves;
  const offer = p.offer;
  if (p.protocol === "alternating") {
    if (p.turn !== me) return moves;
    moves.pass = true;
    moves.walkAway = true;
    if (offer && offer.proposer !== me) {
      moves.counter = true;
      moves.accept = !crossesRedLine(profile, offer.package);
      moves.reject = true;
    } else {
      moves.propose = true;
    }
  } else if (p.stage === "proposing") {
    if (p.turn !== me) return moves;
    moves.propose = true;
    moves.pass = true;
  } else if (offer && offer.responses[me] === undefined) {
    moves.vote = true;
    // A vote to accept a package across a red line is refused; voting against it stays possible.
    moves.voteAccept = !crossesRedLine(profile, offer.package);
  }
  moves.toMove = mayMove(p, me);
  return moves;
}

/** `waitingFor` on an engine state: the delegations the table waits for, in seating order. */
export function delegationsToMove(state: GameState): string[] {
  return waitingFor(positionOf(state), state.order);
}
