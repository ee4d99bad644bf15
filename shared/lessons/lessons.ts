// Lessons after the game: from a finished game's record (its moves and every profile, as the reveal
// gives them after the end) and one delegation, the moves that mattered most for that delegation:
// value given away for nothing, a Pareto improvement missed, a concession too early or too late, an
// offer accepted below what was available, and an offer turned down or walked away from that was
// worth more than what came of it. Each lesson names its move (1-based, the debrief replay's step),
// its numbers in utility (0–1) and the idea behind it. Pure and deterministic: the same record gives
// the same lessons, ranked by the size of their effect.
import { utilitiesOf, packageIndex } from "../analysis/outcomes.ts";
import { paretoFrontier, type ParetoFrontier } from "../analysis/pareto.ts";
import { maxUtilities } from "../analysis/points.ts";
import { indexOf, optionIndices, outcomeSpace, packageAt, type OutcomeSpace } from "../analysis/utility.ts";
import type { Move, Outcome, Reveal } from "../rules/types.ts";
import type { Package, Profile } from "../scenario/schema.ts";
import type { ConceptId } from "./concepts.ts";

export type LessonKind =
  /** My next offer cost me more than it gave everyone else together. */
  | "given-away"
  /** A package I tabled or accepted left a package that was better for me and no worse for anyone. */
  | "missed-pareto"
  /** Most of my range conceded in the first rounds. */
  | "early-concession"
  /** Firm until the last rounds, then most of the range at once, or no deal at the deadline. */
  | "late-concession"
  /** I accepted less than my walk-away, or less than an offer I had been made earlier. */
  | "accepted-below"
  /** I turned down (rejected, countered, voted against) an offer worth more than what I ended with. */
  | "turned-down"
  /** I walked away from an offer on the table worth more than my walk-away. */
  | "walked-away";

export interface Lesson {
  kind: LessonKind;
  /** The move it is about: 1-based index into the game's moves (the replay's step). */
  step: number;
  round: number;
  concept: ConceptId;
  /** The effect in utility (0–1) for the delegation: what the lessons are ranked by. */
  size: number;
  /** The lesson's figures (utility 0–1, shares 0–1); which ones depend on the kind (see `lessonsFor`). */
  numbers: LessonNumbers;
  /** The package the move was about (tabled, accepted or turned down), when there is one. */
  package: Package | null;
  /** For "missed-pareto": the package that was better for me and no worse for anyone. */
  better: Package | null;
}

export interface LessonNumbers {
  /** My utility of the package the move was about (or of my position then). */
  mine?: number;
  /** What I lost (given-away, accepted-below, turned-down, walked-away) or could have gained (missed-pareto). */
  gain?: number;
  /** What the other delegations gained together (given-away), or the least any of them gained (missed-pareto). */
  others?: number;
  /** My walk-away (reservation value). */
  walkAway?: number;
  /** What I ended with (turned-down), or the earlier offer I could have had (accepted-below). */
  reference?: number;
  /** Concessions: the share of my range (best signable utility − walk-away) conceded, and by which round. */
  share?: number;
  rounds?: number;
  deadline?: number;
}

/** What the lessons read of a finished game: the reveal has it all. */
export type LessonGame = Pick<Reveal, "moves" | "outcome"> & {
  scenario: { protocol: Reveal["scenario"]["protocol"]; issues: Reveal["scenario"]["issues"]; deadline: { rounds: number } };
  delegations: readonly { id: string; profile: Profile }[];
};

export interface LessonOptions {
  /** Rounds the game allowed (the scenario's deadline plus extensions); by default the larger of the deadline and the last round played. */
  deadlineRounds?: number;
  /** At most this many lessons (3). */
  limit?: number;
  /** The space and frontier when the caller has them already (the debrief does). */
  space?: OutcomeSpace;
  frontier?: ParetoFrontier;
}

/** Below this (a point out of 100) an effect is noise, not a lesson. */
export const MIN_EFFECT = 0.02;
const EPS = 1e-9;

interface Offer {
  step: number;
  round: number;
  by: string;
  pkg: Package;
  u: number[];
  /** False when it crosses one of my red lines: I could never have accepted it. */
  signable: boolean;
  /**
   * Whether my yes would have made it the deal. Alternating offers: always (every other delegation
   * must accept in turn). Multilateral: only when every other delegation voted for it, so that my
   * vote alone decided it; a text the others sank was never mine to take.
   */
  mine: boolean;
}

/**
 * The moves that mattered most for delegation `me`, largest effect first: at most one lesson per kind
 * and per move while there are enough of them, then the next largest. Ties go to the earlier move.
 */
export function lessonsFor(game: LessonGame, me: string, options: LessonOptions = {}): Lesson[] {
  const m = game.delegations.findIndex((d) => d.id === me);
  if (m < 0) return [];
  const space = options.space ?? outcomeSpace(game.scenario.issues, game.delegations.map((d) => ({ id: d.id, profile: d.profile })));
  const frontier = options.frontier ?? paretoFrontier(space);
  const lastRound = game.moves.reduce((r, mv) => Math.max(r, mv.round), 0);
  const deadline = options.deadlineRounds ?? Math.max(game.scenario.deadline.rounds, lastRound);
  const utilitiesFor = (pkg: Package): number[] | null => {
    try {
      return utilitiesOf(space, packageIndex(space, pkg));
    } catch {
      // packageIndex throws for a package outside the space: null is the answer "not a package here".
      return null;
    }
  };
  const signableForMe = (pkg: Package): boolean => {
    const index = indexOf(space, pkg);
    return index >= 0 && optionIndices(space, index).every((o, i) => space.redLine[m]![i]![o] === 0);
  };
  const walkAway = space.reservation[m]!;
  const ideal = maxUtilities(space)[m]!;
  const range = ideal - walkAway;
  const final = finalUtility(game.outcome, me, walkAway);
  const found: Lesson[] = [];
  const add = (lesson: Omit<Lesson, "package" | "better"> & { package?: Package | null; better?: Package | null }) =>
    found.push({ package: null, better: null, ...lesson });

  const multilateral = game.scenario.protocol === "multilateral";
  /** Multilateral: every other delegation voted for the package tabled at move index k (proposer included). */
  const othersAllFor = (k: number): boolean => {
    const round = game.moves[k]!.round;
    for (let j = k + 1; j < game.moves.length && game.moves[j]!.round === round; j++) {
      const v = game.moves[j]!;
      if (v.by !== me && (v.type === "vote" || v.type === "timeout") && v.accept !== true) return false;
    }
    return true;
  };
  const deal = game.outcome?.agreement && game.outcome.package ? (game.outcome.package as Package) : null;
  const isDeal = (pkg: Package): boolean => deal !== null && Object.keys(pkg).length === Object.keys(deal).length && Object.entries(pkg).every(([i, o]) => deal[i] === o);
  let table: Offer | null = null;
  let myLastOffer: Offer | null = null;
  let bestFromOthers: Offer | null = null;
  /** My position over the game: the utility of each package I tabled or accepted, by round. */
  const positions: { step: number; round: number; u: number; pkg: Package }[] = [];

  game.moves.forEach((move: Move, k) => {
    const step = k + 1;
    if (multilateral && table && move.round !== table.round) table = null;
    const offered = move.package ? utilitiesFor(move.package as Package) : null;
    if ((move.type === "propose" || move.type === "counter") && move.package && offered) {
      const pkg = { ...(move.package as Package) };
      const offer: Offer = { step, round: move.round, by: move.by, pkg, u: offered, signable: signableForMe(pkg), mine: !multilateral || othersAllFor(k) };
      if (move.by === me) {
        if (move.type === "counter" && table && table.by !== me) turnedDown(table, step, move.round);
        if (myLastOffer) givenAway(myLastOffer, offer);
        missedPareto(offer, step, move.round);
        positions.push({ step, round: move.round, u: offered[m]!, pkg: offer.pkg });
        myLastOffer = offer;
      } else if (offer.signable && offer.mine && (!bestFromOthers || offered[m]! > bestFromOthers.u[m]! + EPS)) {
        bestFromOthers = offer;
      }
      table = offer;
      return;
    }
    if (move.by !== me) {
      if (move.type === "reject" && !multilateral) table = null;
      return;
    }
    const accepting = move.type === "accept" || (move.type === "vote" && move.accept === true);
    const refusing = move.type === "reject" || (move.type === "vote" && move.accept === false);
    if (accepting && table) {
      acceptedBelow(table, step, move.round);
      missedPareto(table, step, move.round);
      positions.push({ step, round: move.round, u: table.u[m]!, pkg: table.pkg });
    } else if (refusing && table && table.by !== me) {
      turnedDown(table, step, move.round);
    } else if (move.type === "walk_away") {
      const offer = table && table.by !== me ? table : null;
      if (offer && offer.signable && offer.u[m]! - walkAway >= MIN_EFFECT) {
        add({ kind: "walked-away", step, round: move.round, concept: "batna", size: offer.u[m]! - walkAway, numbers: { mine: offer.u[m]!, walkAway, gain: offer.u[m]! - walkAway }, package: offer.pkg });
      }
    }
    if (move.type === "reject" && !multilateral) table = null;
  });

  concessionTiming();
  return rank(found, options.limit ?? 3);

  function givenAway(prev: Offer, cur: Offer): void {
    const loss = prev.u[m]! - cur.u[m]!;
    if (loss < MIN_EFFECT) return;
    let others = 0;
    cur.u.forEach((u, p) => p !== m && (others += u - prev.u[p]!));
    if (others > loss / 3) return;
    add({ kind: "given-away", step: cur.step, round: cur.round, concept: "logrolling", size: loss - Math.max(0, others), numbers: { mine: cur.u[m]!, gain: loss, others }, package: cur.pkg });
  }

  function missedPareto(offer: Offer, step: number, round: number): void {
    let best = -1;
    let bestGain = MIN_EFFECT - EPS;
    for (let j = 0; j < frontier.size; j++) {
      let ok = true;
      for (let p = 0; p < offer.u.length && ok; p++) if (frontier.u[p]![j]! < offer.u[p]! - EPS) ok = false;
      if (!ok) continue;
      const gain = frontier.u[m]![j]! - offer.u[m]!;
      if (gain > bestGain + EPS) {
        best = j;
        bestGain = gain;
      }
    }
    if (best < 0) return;
    let least = Infinity;
    offer.u.forEach((u, p) => p !== m && (least = Math.min(least, frontier.u[p]![best]! - u)));
    add({
      kind: "missed-pareto",
      step,
      round,
      concept: "pareto-efficiency",
      size: bestGain,
      numbers: { mine: offer.u[m]!, gain: bestGain, others: Number.isFinite(least) ? least : 0 },
      package: offer.pkg,
      better: packageAt(space, frontier.indices[best]!),
    });
  }

  /** Only the accept that made the deal cost anything: a yes to a text that then failed changed nothing. */
  function acceptedBelow(offer: Offer, step: number, round: number): void {
    if (!isDeal(offer.pkg)) return;
    const mine = offer.u[m]!;
    if (walkAway - mine >= MIN_EFFECT) {
      add({ kind: "accepted-below", step, round, concept: "reservation-value", size: walkAway - mine, numbers: { mine, walkAway, gain: walkAway - mine }, package: offer.pkg });
      return;
    }
    const earlier = bestFromOthers && bestFromOthers.step < offer.step ? bestFromOthers : null;
    if (earlier && earlier.u[m]! - mine >= MIN_EFFECT) {
      add({ kind: "accepted-below", step, round, concept: "reservation-value", size: earlier.u[m]! - mine, numbers: { mine, walkAway, reference: earlier.u[m]!, rounds: earlier.round, gain: earlier.u[m]! - mine }, package: offer.pkg });
    }
  }

  function turnedDown(offer: Offer, step: number, round: number): void {
    const mine = offer.u[m]!;
    if (!offer.signable || !offer.mine || mine < walkAway - EPS || mine - final < MIN_EFFECT) return;
    add({ kind: "turned-down", step, round, concept: "batna", size: mine - final, numbers: { mine, reference: final, walkAway, gain: mine - final }, package: offer.pkg });
  }

  /** Anchoring (most of the range gone in the first rounds) and deadline effects (nothing until the last ones). */
  function concessionTiming(): void {
    if (range < 0.05 || positions.length === 0 || deadline < 2) return;
    const early = Math.max(1, Math.ceil(deadline * 0.3));
    let low = positions[0]!;
    for (const p of positions) if (p.round <= early && p.u < low.u - EPS) low = p;
    if (low.round <= early) {
      // Within the range: what went below the walk-away is the accepted-below lesson's.
      const conceded = ideal - Math.max(low.u, walkAway);
      const pace = range * (low.round / deadline);
      if (conceded >= 0.6 * range && conceded - pace >= MIN_EFFECT) {
        add({ kind: "early-concession", step: low.step, round: low.round, concept: "anchoring", size: conceded - pace, numbers: { mine: low.u, share: Math.min(1, conceded / range), rounds: low.round, deadline, walkAway }, package: low.pkg });
        return;
      }
    }
    const lateFrom = deadline - Math.max(1, Math.ceil(deadline * 0.2)) + 1;
    const before = positions.filter((p) => p.round < lateFrom);
    const late = positions.filter((p) => p.round >= lateFrom);
    const firmBefore = before.length > 0 ? ideal - Math.min(...before.map((p) => p.u)) : 0;
    if (firmBefore > 0.2 * range) return;
    const lastMove = game.moves.length;
    if (late.length > 0) {
      let lowLate = late[0]!;
      for (const p of late) if (p.u < lowLate.u - EPS) lowLate = p;
      const conceded = ideal - lowLate.u - firmBefore;
      if (conceded >= 0.5 * range && conceded >= MIN_EFFECT) {
        add({ kind: "late-concession", step: lowLate.step, round: lowLate.round, concept: "deadline-effects", size: conceded, numbers: { mine: lowLate.u, share: (ideal - lowLate.u) / range, rounds: lowLate.round, deadline, walkAway }, package: lowLate.pkg });
        return;
      }
    }
    // No deal at the deadline, having hardly moved, while a deal existed that was worth more to me than walking away.
    if (game.outcome && !game.outcome.agreement && game.outcome.reason === "deadline" && lastMove > 0) {
      const share = fairShare();
      if (share >= MIN_EFFECT) {
        const last = positions[positions.length - 1]!;
        add({ kind: "late-concession", step: last.step, round: last.round, concept: "deadline-effects", size: share, numbers: { mine: last.u, share: (ideal - Math.min(...positions.map((p) => p.u))) / range, rounds: last.round, deadline, walkAway, gain: share }, package: last.pkg });
      }
    }
  }

  /** What a deal could have given me over my walk-away: my surplus at the frontier point with the largest product of surpluses (the Nash point). */
  function fairShare(): number {
    let best = -1;
    let product = 0;
    for (let j = 0; j < frontier.size; j++) {
      let prod = 1;
      for (let p = 0; p < space.partyIds.length; p++) {
        const s = frontier.u[p]![j]! - space.reservation[p]!;
        if (s <= EPS) {
          prod = 0;
          break;
        }
        prod *= s;
      }
      if (prod > product + EPS) {
        product = prod;
        best = j;
      }
    }
    return best < 0 ? 0 : frontier.u[m]![best]! - walkAway;
  }
}

/** What the delegation ended with: the deal's utility, or its walk-away without one. */
function finalUtility(outcome: Outcome | null, me: string, walkAway: number): number {
  return outcome?.utilities[me] ?? walkAway;
}

/**
 * Largest first: one lesson per kind and per move while there are enough of them, then one per kind on
 * a move already named, then the rest; ties go to the earlier move.
 */
function rank(found: readonly Lesson[], limit: number): Lesson[] {
  const sorted = [...found].sort((a, b) => b.size - a.size || a.step - b.step || a.kind.localeCompare(b.kind));
  const chosen: Lesson[] = [];
  const take = (ok: (l: Lesson) => boolean) => {
    for (const l of sorted) if (chosen.length < limit && !chosen.includes(l) && ok(l)) chosen.push(l);
  };
  take((l) => !chosen.some((c) => c.kind === l.kind || c.step === l.step));
  take((l) => !chosen.some((c) => c.kind === l.kind));
  take(() => true);
  return chosen.sort((a, b) => b.size - a.size || a.step - b.step);
}
