// A drill: a short, three-issue exercise cut from a scenario's words — three of its issues with
// their options, two of its delegations — with weights, values and walk-aways invented for the
// drill (never the scenario's own: those are its secrets during play), played bilaterally through
// the rules engine against a partner, and scored against the exact Pareto frontier of that small
// space. Each kind teaches one idea:
//   trade  find the trade (logrolling): the partner offers the issue-by-issue compromise and
//          accepts anything on or near the frontier; you score by your deal's distance to it.
//   hold   hold your walk-away against a Boulware: scored by whether you held and your gain.
//   read   read priorities from offers: after the bot's offers, rank its priorities.
// The numbers of every drill are invented from its id by derive.ts and kept in catalog.ts; the
// words (titles, options, names) are the scenario's own, in the reader's language.
import { outcomeSpace, type OutcomeSpace } from "../analysis/utility.ts";
import { distanceToFrontier, paretoFrontier, type ParetoFrontier } from "../analysis/pareto.ts";
import { indexOf } from "../analysis/utility.ts";
import { maxUtilities } from "../analysis/points.ts";
import { utilitiesOf } from "../analysis/outcomes.ts";
import type { Issue, Package, Scenario } from "../scenario/schema.ts";

export const DRILL_KINDS = ["trade", "hold", "read"] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

/** One delegation's side of a drill: weights over the three issues (sum 1), values, walk-away. */
export interface DrillProfile {
  readonly weights: Readonly<Record<string, number>>;
  readonly values: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly reservationValue: number;
}

/** A drill's numbers: which scenario, issues and delegations, and the two invented profiles over those issues. */
export interface DrillDef {
  /** `<scenario>.<kind>` */
  readonly id: string;
  readonly kind: DrillKind;
  readonly scenario: string;
  readonly issues: readonly string[];
  /** The learner's delegation and the partner's (the bot's). */
  readonly player: string;
  readonly partner: string;
  readonly rounds: number;
  readonly profiles: Readonly<Record<string, DrillProfile>>;
}

/** The partner's strategy in each kind (`trade`'s partner is the drill's own, see play.ts). */
export const PARTNER_STRATEGY = { trade: "frontier", hold: "boulware", read: "linear" } as const satisfies Record<DrillKind, string>;

/** The partner in a "find the trade" drill accepts a package this close to the frontier, or closer. */
export const NEAR_FRONTIER = 0.03;

/** What a drill needs of its scenario's words: a `Scenario` or the public scenario both give it. */
export interface DrillWords {
  readonly id: string;
  readonly title: string;
  readonly year: number;
  readonly summary: string;
  readonly delegations: readonly { readonly id: string; readonly name: string; readonly publicBrief: string }[];
  readonly issues: readonly { readonly id: string; readonly title: string; readonly description?: string; readonly options: readonly { readonly id: string; readonly label: string; readonly description?: string }[] }[];
}

/**
 * The drill as a scenario the rules engine plays: alternating offers between the two delegations
 * (the learner first), the three issues, no red lines, no injects. The partner moves first in
 * `hold` and `read` (its offers are the lesson), the learner in `trade`.
 */
export function drillScenario(words: DrillWords, def: DrillDef): Scenario {
  const issues: Issue[] = def.issues.map((id) => {
    const issue = words.issues.find((i) => i.id === id);
    if (!issue) throw new Error(`drill ${def.id}: scenario ${words.id} has no issue '${id}'`);
    return { id, title: issue.title, description: issue.description ?? "", options: issue.options.map((o) => ({ id: o.id, label: o.label, description: o.description ?? "" })) };
  });
  const delegations = [def.player, def.partner].map((id) => {
    const d = words.delegations.find((x) => x.id === id);
    const profile = def.profiles[id];
    if (!d || !profile) throw new Error(`drill ${def.id}: scenario ${words.id} has no delegation '${id}'`);
    return {
      id,
      name: d.name,
      publicBrief: d.publicBrief,
      privateBrief: d.publicBrief,
      seats: { min: 1, max: 1 },
      required: true,
      profile: { weights: { ...profile.weights }, values: Object.fromEntries(Object.entries(profile.values).map(([k, v]) => [k, { ...v }])), reservationValue: profile.reservationValue, redLines: [] },
      phrases: {},
    };
  });
  return {
    id: `drill.${def.id}`,
    title: words.title,
    year: words.year,
    summary: words.summary,
    sources: [],
    protocol: "alternating",
    firstMover: def.kind === "trade" ? def.player : def.partner,
    deadline: { rounds: def.rounds, secondsPerTurn: 120 },
    delegations,
    issues,
    agreement: { required: [] },
    injects: [],
  };
}

/** The drill's outcome space (learner first, partner second) and its exact frontier: the space is small, so it is enumerated. */
export interface DrillSpace {
  space: OutcomeSpace;
  frontier: ParetoFrontier;
  /** Best utility each side can reach (learner, partner). */
  ideal: number[];
}

export function drillSpace(scenario: Scenario): DrillSpace {
  const space = outcomeSpace(scenario.issues, scenario.delegations.map((d) => ({ id: d.id, profile: d.profile })));
  return { space, frontier: paretoFrontier(space), ideal: maxUtilities(space) };
}

/** Each side's utility for a package (learner, partner). */
export function utilitiesIn(ds: DrillSpace, pkg: Readonly<Package>): number[] {
  const index = indexOf(ds.space, { ...pkg });
  if (index < 0) throw new Error(`not a package of this drill: ${JSON.stringify(pkg)}`);
  return utilitiesOf(ds.space, index);
}

/** Euclidean distance from a package's utilities to the exact frontier (0 on it). */
export function frontierDistance(ds: DrillSpace, pkg: Readonly<Package>): number {
  return distanceToFrontier(ds.frontier, utilitiesIn(ds, pkg)) ?? 0;
}

/**
 * The issue-by-issue compromise: on each issue the option the two sides value most nearly alike
 * (ties: the larger sum, then the first). It ignores priorities, so where the two sides care about
 * different issues it leaves value on the table: the "split the difference" deal logrolling beats.
 */
export function compromise(issues: readonly string[], a: DrillProfile, b: DrillProfile, options: (issue: string) => readonly string[]): Package {
  const pkg: Package = {};
  for (const issue of issues) {
    let best: string | null = null;
    let bestGap = Infinity;
    let bestSum = -Infinity;
    for (const o of options(issue)) {
      const va = a.values[issue]?.[o] ?? 0;
      const vb = b.values[issue]?.[o] ?? 0;
      const gap = Math.abs(va - vb);
      const sum = va + vb;
      if (gap < bestGap - 1e-12 || (Math.abs(gap - bestGap) <= 1e-12 && sum > bestSum + 1e-12)) {
        best = o;
        bestGap = gap;
        bestSum = sum;
      }
    }
    if (best !== null) pkg[issue] = best;
  }
  return pkg;
}

/** The compromise of a drill's scenario (learner = delegation 0, partner = 1). */
export function drillCompromise(scenario: Scenario): Package {
  const [a, b] = scenario.delegations;
  return compromise(
    scenario.issues.map((i) => i.id),
    a!.profile,
    b!.profile,
    (id) => scenario.issues.find((i) => i.id === id)!.options.map((o) => o.id),
  );
}

/** The partner's true priorities: the three issues from most to least important to it. */
export function truePriorities(scenario: Scenario): string[] {
  const w = scenario.delegations[1]!.profile.weights;
  return scenario.issues.map((i) => i.id).sort((x, y) => (w[y] ?? 0) - (w[x] ?? 0));
}
