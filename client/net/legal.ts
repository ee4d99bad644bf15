// Which moves the seat may make now, read from the public table. It mirrors the rules
// (shared/rules/alternating.ts, multilateral.ts) only to decide which buttons exist: the server
// still judges every move, and a refused one comes back with the engine's reason.
import type { ReadonlyProfile } from "../../shared/rules/types.ts";
import type { TableView } from "./view.ts";

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
  /** Any move on the table at all (the seat is expected to act). */
  toMove: boolean;
}

export const NO_MOVES: LegalMoves = {
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
};

/** Whether the package crosses one of the profile's red lines (the rules refuse to sign it). */
function crossesRedLine(profile: ReadonlyProfile | null | undefined, pkg: Readonly<Record<string, string>>): boolean {
  return Boolean(profile?.redLines.some((l) => pkg[l.issue] === l.option));
}

export function legalMoves(view: TableView | null, me: string | null, profile?: ReadonlyProfile | null): LegalMoves {
  if (!view || !me) return NO_MOVES;
  const seat = view.delegations.find((d) => d.id === me);
  if (!seat || seat.control === "bot") return NO_MOVES;
  // Talk is open until the end, paused or not; moves only while the negotiation runs.
  if (view.phase === "ended") return NO_MOVES;
  const moves: LegalMoves = { ...NO_MOVES, talk: true };
  if (view.phase !== "running") return moves;
  const offer = view.offer;
  if (view.protocol === "alternating") {
    if (view.turn !== me) return moves;
    moves.pass = true;
    moves.walkAway = true;
    if (offer && offer.proposer !== me) {
      moves.counter = true;
      moves.accept = !crossesRedLine(profile, offer.package);
      moves.reject = true;
    } else {
      moves.propose = true;
    }
  } else if (view.stage === "proposing") {
    if (view.turn !== me) return moves;
    moves.propose = true;
    moves.pass = true;
  } else if (offer && offer.responses[me] === undefined) {
    moves.vote = true;
  }
  moves.toMove = moves.propose || moves.counter || moves.accept || moves.vote || moves.pass;
  // A vote to accept a package across a red line is refused; rejecting it stays possible.
  if (moves.vote && offer) moves.voteAccept = !crossesRedLine(profile, offer.package);
  return moves;
}

/** The delegations the table is waiting for (turn holder, or everyone yet to vote). */
export function waitingFor(view: TableView | null): string[] {
  if (!view || view.phase !== "running") return [];
  if (view.protocol === "multilateral" && view.stage === "voting" && view.offer) {
    return view.delegations.map((d) => d.id).filter((id) => view.offer!.responses[id] === undefined);
  }
  return view.turn ? [view.turn] : [];
}

/**
 * A solo table: this connection is the facilitator and holds the only seat people play (every
 * other delegation is a bot). The player starts the clock with "I'm ready" and may pause it; the
 * facilitator's controls for a class (join code, swaps, injects) are not shown.
 */
export function isSolo(view: TableView | null, me: string | null, facilitator: boolean): boolean {
  if (!view || !me || !facilitator) return false;
  return view.delegations.every((d) => d.id === me || d.control === "bot");
}
