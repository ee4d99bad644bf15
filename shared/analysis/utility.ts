// Linear additive utility, u = Σ_i w_i · v_i(option_i), and the numeric outcome space that the
// analytics, the scenario checks and the bots all work on.
import type { Package, Profile } from "../scenario/schema.ts";

/** What `utility` reads of a profile: a scenario's `Profile` and the engine's frozen `ReadonlyProfile` both give it. */
export interface Valuation {
  readonly weights: Readonly<Record<string, number>>;
  readonly values: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** The utility of a package for one profile. Issues missing from the package count as 0. */
export function utility(profile: Valuation, pkg: Readonly<Package>): number {
  let u = 0;
  for (const issueId in profile.weights) {
    const option = pkg[issueId];
    if (option === undefined) continue;
    u += (profile.weights[issueId] ?? 0) * (profile.values[issueId]?.[option] ?? 0);
  }
  return u;
}

/** The red lines of a profile that a package crosses (empty when it crosses none): the rules' own check. */
export { redLinesCrossed } from "../rules/legal.ts";

/** A party of the outcome space: a name and the profile it judges packages by. */
export interface Party {
  id: string;
  profile: Profile;
}

/**
 * The outcome space in numbers. A package is a mixed-radix number: option index per issue,
 * issue 0 the most significant digit. `score[p][i][o]` is w_i · v_i(o) for party p, so a
 * package's utility is a sum of one table entry per issue.
 */
export interface OutcomeSpace {
  issueIds: string[];
  optionIds: string[][];
  partyIds: string[];
  size: number;
  score: Float64Array[][];
  reservation: number[];
  /** `redLine[p][i][o]` is 1 when party p can never sign option o of issue i. */
  redLine: Uint8Array[][];
}

/** What an outcome space needs of an issue: its id and its options' ids (a scenario's Issue, or a view's read-only one). */
export interface IssueOptions {
  readonly id: string;
  readonly options: readonly { readonly id: string }[];
}

export function outcomeSpace(issues: readonly IssueOptions[], parties: readonly Party[]): OutcomeSpace {
  const issueIds = issues.map((i) => i.id);
  const optionIds = issues.map((i) => i.options.map((o) => o.id));
  const size = optionIds.reduce((n, opts) => n * opts.length, 1);
  const score = parties.map((p) =>
    issues.map((issue) => {
      const w = p.profile.weights[issue.id] ?? 0;
      const values = p.profile.values[issue.id] ?? {};
      return Float64Array.from(issue.options, (o) => w * (values[o.id] ?? 0));
    }),
  );
  const redLine = parties.map((p) =>
    issues.map((issue) =>
      Uint8Array.from(issue.options, (o) =>
        p.profile.redLines.some((l) => l.issue === issue.id && l.option === o.id) ? 1 : 0,
      ),
    ),
  );
  return {
    issueIds,
    optionIds,
    partyIds: parties.map((p) => p.id),
    size,
    score,
    reservation: parties.map((p) => p.profile.reservationValue),
    redLine,
  };
}

/** The option indices of the package with the given index in the space. */
export function optionIndices(space: OutcomeSpace, index: number): number[] {
  const digits = new Array<number>(space.optionIds.length);
  for (let i = space.optionIds.length - 1; i >= 0; i--) {
    const radix = space.optionIds[i]!.length;
    digits[i] = index % radix;
    index = Math.floor(index / radix);
  }
  return digits;
}

export function packageAt(space: OutcomeSpace, index: number): Package {
  const digits = optionIndices(space, index);
  const pkg: Package = {};
  space.issueIds.forEach((id, i) => {
    pkg[id] = space.optionIds[i]![digits[i]!]!;
  });
  return pkg;
}

/** The index of a package in the space, or -1 when it names an unknown issue or option. */
export function indexOf(space: OutcomeSpace, pkg: Package): number {
  let index = 0;
  for (let i = 0; i < space.issueIds.length; i++) {
    const o = space.optionIds[i]!.indexOf(pkg[space.issueIds[i]!] ?? "");
    if (o < 0) return -1;
    index = index * space.optionIds[i]!.length + o;
  }
  return index;
}
