// Walking the outcome space: every package's utility for every party and the red lines it crosses,
// built issue by issue over the mixed-radix odometer of utility.ts. Nothing here allocates per package.
import type { Package } from "../scenario/schema.ts";
import { indexOf, optionIndices, type OutcomeSpace } from "./utility.ts";

/** Option indices per issue (ascending): the whole space, or a sub-space that is a product of option subsets. */
export type Choices = readonly (readonly number[])[];

/**
 * A walk over a product sub-space, one block at a time. A block is the run of packages that share
 * every option but the last issue's, so the inner loop of a consumer is a plain typed-array loop.
 */
export interface Blocks {
  space: OutcomeSpace;
  choices: Choices;
  /** Per issue, per option: a multiplicity carried into `weight` (1 when absent). */
  weights: readonly Float64Array[] | null;
  parties: number;
  /** Packages in the sub-space. */
  count: number;
  /** The last issue's options that every block visits, in order; a package's index is `index + last[t]`. */
  last: Int32Array;
  /** lastScore[p][t]: party p's score w·v for option last[t] (gathered once, so the inner loop reads contiguously). */
  lastScore: Float64Array[];
  /** lastRed[p][t]: 1 when option last[t] is a red line of party p. */
  lastRed: Uint8Array[];
  /** lastWeight[t]: the weight of option last[t]. */
  lastWeight: Float64Array;
}

/**
 * Called once per block. `base[p]` is party p's utility summed over every issue but the last, `red[p]`
 * the red lines of p crossed there, `index` the package index of the block's option 0 of the last issue,
 * `weight` the product of the weights of those options, `pos` how many packages earlier blocks held.
 * Returning true stops the walk.
 */
export type BlockVisitor = (base: Float64Array, red: Int32Array, index: number, weight: number, pos: number) => boolean | void;

export function allOptions(space: OutcomeSpace): number[][] {
  return space.optionIds.map((options) => options.map((_, o) => o));
}

/** Per issue, the options that cross no party's red line: the packages any deal can be made of. */
export function signableOptions(space: OutcomeSpace): number[][] {
  return space.optionIds.map((options, i) =>
    options.map((_, o) => o).filter((o) => space.redLine.every((lines) => lines[i]![o] === 0)),
  );
}

/** How many packages cross no party's red line (a product, so no walk is needed). */
export function signableCount(space: OutcomeSpace): number {
  return signableOptions(space).reduce((n, options) => n * options.length, 1);
}

export function blocks(space: OutcomeSpace, choices: Choices = allOptions(space), weights: readonly Float64Array[] | null = null): Blocks {
  const k = space.partyIds.length;
  const n = choices.length;
  const count = choices.reduce((c, options) => c * options.length, 1);
  if (count > 0xffffffff) throw new RangeError(`outcome space too large to enumerate: ${count} packages`);
  // No issue at all: one empty package, modelled as a last issue with a single option worth 0.
  const lastChoices = n > 0 ? choices[n - 1]! : [0];
  const last = Int32Array.from(lastChoices);
  const lastScore = Array.from({ length: k }, (_, p) =>
    n > 0 ? Float64Array.from(lastChoices, (o) => space.score[p]![n - 1]![o]!) : new Float64Array(1),
  );
  const lastRed = Array.from({ length: k }, (_, p) =>
    n > 0 ? Uint8Array.from(lastChoices, (o) => space.redLine[p]![n - 1]![o]!) : new Uint8Array(1),
  );
  const lastWeight = Float64Array.from(lastChoices, (o) => (n > 0 && weights ? weights[n - 1]![o]! : 1));
  return { space, choices, weights, parties: k, count, last, lastScore, lastRed, lastWeight };
}

/**
 * Visits the blocks in ascending package index. Prefix sums per level are refreshed only from the level
 * whose digit changed, so each package costs one addition per party — and, unlike adding and subtracting
 * deltas, every package's utility is summed in issue order from 0, bit-identical to `utilitiesOf`.
 */
export function walk(b: Blocks, visit: BlockVisitor): void {
  const { space, choices, weights, parties: k } = b;
  if (b.count === 0) return;
  const n = choices.length;
  if (n === 0) {
    visit(new Float64Array(k), new Int32Array(k), 0, 1, 0);
    return;
  }
  const last = n - 1;
  const stride = new Float64Array(n);
  stride[last] = 1;
  for (let l = last - 1; l >= 0; l--) stride[l] = stride[l + 1]! * space.optionIds[l + 1]!.length;
  const sum = new Float64Array(n * k);
  const red = new Int32Array(n * k);
  const index = new Float64Array(n);
  const weight = new Float64Array(n).fill(1);
  const digits = new Int32Array(n);
  const base = sum.subarray(last * k, n * k);
  const redBase = red.subarray(last * k, n * k);
  // Level l's digit changed: recompute the prefix of level l + 1.
  const refresh = (l: number): void => {
    const o = choices[l]![digits[l]!]!;
    for (let p = 0; p < k; p++) {
      sum[(l + 1) * k + p] = sum[l * k + p]! + space.score[p]![l]![o]!;
      red[(l + 1) * k + p] = red[l * k + p]! + space.redLine[p]![l]![o]!;
    }
    index[l + 1] = index[l]! + o * stride[l]!;
    weight[l + 1] = weights ? weight[l]! * weights[l]![o]! : 1;
  };
  for (let l = 0; l < last; l++) refresh(l);
  const m = choices[last]!.length;
  for (let pos = 0; ; pos += m) {
    if (visit(base, redBase, index[last]!, weight[last]!, pos) === true) return;
    let l = last - 1;
    while (l >= 0 && ++digits[l]! === choices[l]!.length) digits[l--] = 0;
    if (l < 0) return;
    for (; l < last; l++) refresh(l);
  }
}

/** Every package's utility for every party, as columns: `u[p][index]`. */
export interface UtilityTable {
  space: OutcomeSpace;
  size: number;
  u: Float64Array[];
  /** crossed[p][index] is 1 when the package crosses a red line of party p (unacceptable to p). */
  crossed: Uint8Array[];
  /** signable[index] is 1 when the package crosses no party's red line. */
  signable: Uint8Array;
}

/** The utilities and red-line flags of the whole space, in package index order (8·parties + parties + 1 bytes a package). */
export function utilities(space: OutcomeSpace): UtilityTable {
  const b = blocks(space);
  const k = b.parties;
  const size = b.count;
  const u = Array.from({ length: k }, () => new Float64Array(size));
  const crossed = Array.from({ length: k }, () => new Uint8Array(size));
  const signable = new Uint8Array(size).fill(1);
  const m = b.last.length;
  walk(b, (base, red, _index, _weight, pos) => {
    for (let p = 0; p < k; p++) {
      const col = u[p]!;
      const cr = crossed[p]!;
      const sc = b.lastScore[p]!;
      const rl = b.lastRed[p]!;
      const bp = base[p]!;
      const rp = red[p]!;
      for (let t = 0; t < m; t++) {
        col[pos + t] = bp + sc[t]!;
        if (rp + rl[t]! > 0) {
          cr[pos + t] = 1;
          signable[pos + t] = 0;
        }
      }
    }
  });
  return { space, size, u, crossed, signable };
}

/** The index of a package, or a RangeError naming what is wrong (unknown issue or option, or one missing). */
export function packageIndex(space: OutcomeSpace, pkg: Package): number {
  const index = indexOf(space, pkg);
  if (index < 0) {
    const bad = space.issueIds.find((id, i) => !space.optionIds[i]!.includes(pkg[id] ?? ""));
    throw new RangeError(`package is not in the outcome space: issue ${bad ?? "?"} has option ${JSON.stringify(pkg[bad ?? ""])}`);
  }
  return index;
}

/** One package's utility vector, summed in the same order as the walk (so equal to the table entry bit for bit). */
export function utilitiesOf(space: OutcomeSpace, index: number): number[] {
  const digits = optionIndices(space, index);
  return space.score.map((byIssue) => {
    let u = 0;
    for (let i = 0; i < digits.length; i++) u += byIssue[i]![digits[i]!]!;
    return u;
  });
}

/** Per party: does the package cross one of its red lines? */
export function crossedOf(space: OutcomeSpace, index: number): boolean[] {
  const digits = optionIndices(space, index);
  return space.redLine.map((byIssue) => digits.some((o, i) => byIssue[i]![o] === 1));
}
