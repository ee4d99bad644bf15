// How a scenario becomes its three drills (the numbers kept in catalog.ts). A drill takes the
// scenario's words — three of its issues with their options, two of its delegations — but never its
// numbers: the delegations' weights and values there are the scenario's secrets during play, and
// catalog.ts ships in the client. Every number of a drill is invented, deterministically, by the
// seeded generator (shared/rules/rng.ts) from the drill's id: the cut (which issues, which two
// delegations, who is the learner), then the two profiles, drawn again until they have what the
// drill's idea needs:
//   trade  the two sides rank the three issues in opposite orders and want opposite options on
//          each, so the issue-by-issue compromise lies at least 0.1 from the frontier (a trade
//          across priorities clearly beats it); walk-aways at 3/4 of the compromise's worth.
//   hold   the Boulware's opening (its own best package, unique) is worth at least 0.1 to the
//          learner but 0.1 to 0.25 below its walk-away (tempting, yet below it), and the learner's
//          best deal the Boulware can take is worth at least 0.1 more than that walk-away (holding
//          pays); the learner's walk-away at 0.6 of its Nash-point utility, the bot's at 0.5.
//   read   the partner's three weights are at least 0.15 apart, each issue's options worth 0 to 1
//          to it, so its ranking can be read from what it concedes; walk-aways at half the Nash point.
// Weights are multiples of 0.05 summing to 1, values multiples of 0.1 from 0 to 1 (0 and 1 on every
// issue), walk-aways multiples of 0.05. A draw that comes within 0.05 of the scenario's own
// weights, or of its own values, for either delegation (`copiesScenario`) is drawn again, so no
// drill repeats a profile; tests/drills/catalog.test.ts checks both the properties and that. (That
// check is the one place the scenario's numbers are read. It runs only here, beside the scenario
// files: derive.ts is imported by no client or server code, so that a drill was drawn again tells
// nothing to anyone who cannot already read the scenarios.)
import { bargainingPoints } from "../analysis/points.ts";
import { indexOf, outcomeSpace, type OutcomeSpace } from "../analysis/utility.ts";
import { utilitiesOf } from "../analysis/outcomes.ts";
import { paretoFrontier, distanceToFrontier } from "../analysis/pareto.ts";
import { seededRandom } from "../rules/rng.ts";
import type { Issue, Scenario } from "../scenario/schema.ts";
import { compromise, DRILL_KINDS, type DrillDef, type DrillKind, type DrillProfile } from "./drill.ts";

export const DRILL_ROUNDS: Record<DrillKind, number> = { trade: 5, hold: 6, read: 5 };

/** How close to a scenario's own numbers a drill's may not come (weights and values alike). */
export const COPY_MARGIN = 0.05;

/** Draws tried before a drill is given up (none of today's scenarios needs more than a few dozen). */
const MAX_DRAWS = 5000;

const floor05 = (x: number) => Math.floor(x * 20 + 1e-9) / 20;

/** The generator's seed for a drill: FNV-1a of its id. */
export function drillSeed(id: string): number {
  let h = 0x811c9dc5;
  for (const ch of id) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
}

type Rand = () => number;
const pickInt = (rand: Rand, n: number) => Math.floor(rand() * n);
function shuffle<T>(rand: Rand, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = pickInt(rand, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Three weights in twentieths, from most to least important: the top 9–12, the bottom 2–4, the
 * middle the rest, each at least `gap` twentieths from the next.
 */
function drawWeights(rand: Rand, gap: number): number[] | null {
  const top = 9 + pickInt(rand, 4);
  const bottom = 2 + pickInt(rand, 3);
  const mid = 20 - top - bottom;
  if (top - mid < gap || mid - bottom < gap) return null;
  return [top / 20, mid / 20, bottom / 20];
}

/** `n` values from best to worst: 1, distinct tenths between, 0. */
function drawValues(rand: Rand, n: number): number[] {
  const between = shuffle(rand, [1, 2, 3, 4, 5, 6, 7, 8, 9]).slice(0, n - 2).sort((a, b) => b - a);
  return [1, ...between.map((x) => x / 10), 0];
}

/** A profile: `order` the issues from most to least important, `ranks[issue]` its options from best to worst. */
function profile(weights: readonly number[], order: readonly string[], ranks: Readonly<Record<string, readonly string[]>>, rand: Rand): DrillProfile {
  return {
    weights: Object.fromEntries(Object.keys(ranks).map((issue) => [issue, weights[order.indexOf(issue)]!])),
    values: Object.fromEntries(
      Object.entries(ranks).map(([issue, options]) => {
        const v = drawValues(rand, options.length);
        return [issue, Object.fromEntries(options.map((o, k) => [o, v[k]!]))];
      }),
    ),
    reservationValue: 0,
  };
}

/**
 * Whether a drill's profile comes within `COPY_MARGIN` of the scenario's own for that delegation
 * on the drill's issues: its weights (the scenario's restricted to the three issues and
 * renormalised) all that close, or its values all that close. Either counts as a copy.
 */
export function copiesScenario(scenario: Scenario, delegation: string, issues: readonly string[], p: DrillProfile): boolean {
  const real = scenario.delegations.find((d) => d.id === delegation)!.profile;
  const total = issues.reduce((a, i) => a + (real.weights[i] ?? 0), 0);
  const weightsClose = total > 0 && issues.every((i) => Math.abs((real.weights[i] ?? 0) / total - p.weights[i]!) < COPY_MARGIN);
  const valuesClose = issues.every((i) => Object.entries(p.values[i]!).every(([o, v]) => Math.abs((real.values[i]?.[o] ?? 0) - v) < COPY_MARGIN));
  return weightsClose || valuesClose;
}

interface Cut {
  issues: Issue[];
  player: string;
  partner: string;
}

/** The drill's cut from the scenario's words alone: three issues (in the scenario's order) and two delegations. */
function drawCut(rand: Rand, scenario: Scenario): Cut | null {
  const usable = scenario.issues.filter((i) => i.options.length >= 2);
  if (usable.length < 3 || scenario.delegations.length < 2) return null;
  const chosen = new Set(shuffle(rand, usable.map((i) => i.id)).slice(0, 3));
  const [player, partner] = shuffle(rand, scenario.delegations.map((d) => d.id));
  return { issues: usable.filter((i) => chosen.has(i.id)), player: player!, partner: partner! };
}

const reversed = <T>(list: readonly T[]) => [...list].reverse();

/** One draw of a drill's two profiles (walk-aways still 0), or null when the draw is unusable. */
function drawProfiles(rand: Rand, kind: DrillKind, cut: Cut): [DrillProfile, DrillProfile] | null {
  const ids = cut.issues.map((i) => i.id);
  const mine = drawWeights(rand, 1);
  const theirs = drawWeights(rand, kind === "read" ? 3 : 1);
  if (!mine || !theirs) return null;
  const order = shuffle(rand, ids);
  // The learner's options from best to worst on each issue; the partner's opposed (trade, read),
  // or opposed on most issues and shuffled on some (hold: its best package is then worth something to the learner).
  const myRanks: Record<string, string[]> = Object.fromEntries(cut.issues.map((i) => [i.id, shuffle(rand, i.options.map((o) => o.id))]));
  const theirRanks: Record<string, string[]> = Object.fromEntries(ids.map((id) => [id, kind === "hold" && rand() < 0.4 ? shuffle(rand, myRanks[id]!) : reversed(myRanks[id]!)]));
  const theirOrder = kind === "trade" ? reversed(order) : shuffle(rand, ids);
  return [profile(mine, order, myRanks, rand), profile(theirs, theirOrder, theirRanks, rand)];
}

const withWalkAways = (a: DrillProfile, b: DrillProfile, ra: number, rb: number): [DrillProfile, DrillProfile] => [
  { ...a, reservationValue: ra },
  { ...b, reservationValue: rb },
];

function spaceOf(cut: Cut, a: DrillProfile, b: DrillProfile): OutcomeSpace {
  return outcomeSpace(cut.issues, [
    { id: cut.player, profile: { ...a, redLines: [] } },
    { id: cut.partner, profile: { ...b, redLines: [] } },
  ]);
}

/** The learner's best package worth both walk-aways (its utility), or null when there is none. */
function bestInZone(space: OutcomeSpace): number | null {
  let best: number | null = null;
  for (let k = 0; k < space.size; k++) {
    const [u0, u1] = utilitiesOf(space, k) as [number, number];
    if (u0 >= space.reservation[0]! - 1e-9 && u1 >= space.reservation[1]! - 1e-9 && (best === null || u0 > best)) best = u0;
  }
  return best;
}

/** Walk-aways for a draw when it teaches its kind's idea, or null. */
function walkAways(kind: DrillKind, cut: Cut, a: DrillProfile, b: DrillProfile): [number, number] | null {
  const ids = cut.issues.map((i) => i.id);
  const space0 = spaceOf(cut, a, b);
  const nash0 = bargainingPoints(space0).nash;
  if (!nash0) return null;
  let r: [number, number];
  if (kind === "trade") {
    const c = compromise(ids, a, b, (id) => cut.issues.find((i) => i.id === id)!.options.map((o) => o.id));
    const cu = utilitiesOf(space0, indexOf(space0, c));
    if ((distanceToFrontier(paretoFrontier(space0), cu) ?? 0) < 0.1) return null;
    r = [floor05(0.75 * cu[0]!), floor05(0.75 * cu[1]!)];
  } else if (kind === "hold") {
    r = [floor05(0.6 * nash0.utilities[0]!), floor05(0.5 * nash0.utilities[1]!)];
    // The Boulware opens with its own best package: it must be the only one.
    let open = -1;
    let top = -Infinity;
    let ties = 0;
    for (let k = 0; k < space0.size; k++) {
      const u1 = utilitiesOf(space0, k)[1]!;
      if (u1 > top + 1e-12) [open, top, ties] = [k, u1, 1];
      else if (Math.abs(u1 - top) <= 1e-12) ties++;
    }
    const opening = utilitiesOf(space0, open)[0]!;
    const below = r[0] - opening;
    if (ties !== 1 || opening < 0.1 - 1e-9 || below < 0.1 - 1e-9 || below > 0.25 + 1e-9) return null;
  } else {
    r = [floor05(0.5 * nash0.utilities[0]!), floor05(0.5 * nash0.utilities[1]!)];
  }
  // A zone of agreement must remain under the walk-aways (in `hold`, one that pays the learner at least 0.1 more).
  const [pa, pb] = withWalkAways(a, b, r[0], r[1]);
  const best = bestInZone(spaceOf(cut, pa, pb));
  if (best === null || (kind === "hold" && best < r[0] + 0.1 - 1e-9)) return null;
  return r;
}

/** One drill of a scenario: its id's generator draws the cut, then profiles until one teaches the idea and copies nothing. */
export function deriveDrill(scenario: Scenario, kind: DrillKind): DrillDef | null {
  const id = `${scenario.id}.${kind}`;
  const rand = seededRandom(drillSeed(id));
  const cut = drawCut(rand, scenario);
  if (!cut) return null;
  const ids = cut.issues.map((i) => i.id);
  for (let n = 0; n < MAX_DRAWS; n++) {
    const drawn = drawProfiles(rand, kind, cut);
    if (!drawn) continue;
    const [a, b] = drawn;
    const r = walkAways(kind, cut, a, b);
    if (!r) continue;
    // Checked last, so that the draws before it never depend on the scenario's numbers.
    if (copiesScenario(scenario, cut.player, ids, a) || copiesScenario(scenario, cut.partner, ids, b)) continue;
    const [pa, pb] = withWalkAways(a, b, r[0], r[1]);
    return { id, kind, scenario: scenario.id, issues: ids, player: cut.player, partner: cut.partner, rounds: DRILL_ROUNDS[kind], profiles: { [cut.player]: pa, [cut.partner]: pb } };
  }
  return null;
}

/** The scenario's drills, one per kind (a kind no draw could teach is left out; the catalog test then fails). */
export function deriveDrills(scenario: Scenario): DrillDef[] {
  return DRILL_KINDS.flatMap((k) => {
    const d = deriveDrill(scenario, k);
    return d ? [d] : [];
  });
}

/** catalog.ts's text for these drills (what UPDATE_DRILLS=1 writes). */
export function catalogSource(drills: readonly DrillDef[]): string {
  return [
    "// Generated by shared/drills/derive.ts: do not edit by hand. Each drill's issues, options and",
    "// delegations are its scenario's; its weights, values and walk-aways are invented from the",
    "// drill's id, never the scenario's. To rewrite it: UPDATE_DRILLS=1 npx vitest run tests/drills/catalog.test.ts",
    'import type { DrillDef } from "./drill.ts";',
    "",
    `export const DRILLS: readonly DrillDef[] = ${JSON.stringify(drills, null, 2)};`,
    "",
  ].join("\n");
}
