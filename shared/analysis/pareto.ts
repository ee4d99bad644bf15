// The Pareto frontier (NegMAS `pareto_frontier`) of the signable packages: those crossing no party's red
// line, since a package a party can never sign is no deal. Any number of parties.
import { blocks, signableOptions, walk } from "./outcomes.ts";
import { lexOrderDesc, RADIX_FROM } from "./sort.ts";
import type { OutcomeSpace } from "./utility.ts";

/**
 * The non-dominated utility vectors, one point per distinct vector. Points are ordered by u0
 * descending, then u1 descending, … (for two parties: along the curve from party 0's end).
 */
export interface ParetoFrontier {
  size: number;
  /** Package index of each point: the lowest index among the signable packages with that utility vector. */
  indices: Uint32Array;
  /** u[p][j]: party p's utility at point j (columns, like the utility table). */
  u: Float64Array[];
  /** How many signable packages share point j's utility vector (merged into the one point). */
  multiplicity: Float64Array;
}

export function paretoFrontier(space: OutcomeSpace): ParetoFrontier {
  const k = space.partyIds.length;
  const { choices, twins } = frontierOptions(space);
  const b = blocks(space, choices, twins);
  const n = b.count;
  const cu = Array.from({ length: k }, () => new Float64Array(n));
  const index = new Uint32Array(n);
  const weight = new Float64Array(n);
  const m = b.last.length;
  walk(b, (base, _red, first, w, pos) => {
    for (let p = 0; p < k; p++) {
      const col = cu[p]!;
      const sc = b.lastScore[p]!;
      const bp = base[p]!;
      for (let t = 0; t < m; t++) col[pos + t] = bp + sc[t]!;
    }
    for (let t = 0; t < m; t++) {
      index[pos + t] = first + b.last[t]!;
      weight[pos + t] = w * b.lastWeight[t]!;
    }
  });
  const { ids, multiplicity } = frontierOfPoints(cu, n, weight);
  return {
    size: ids.length,
    indices: Uint32Array.from(ids, (j) => index[j]!),
    u: cu.map((col) => Float64Array.from(ids, (j) => col[j]!)),
    multiplicity,
  };
}

/**
 * The options a frontier package can use, issue by issue. Utilities are additive, so swapping an option
 * for one that is at least as good for everyone (better for someone) yields a package that dominates; and
 * an option with the same scores as a lower-numbered one only yields duplicates of lower-index packages.
 * Both are dropped, which on random data leaves a few percent of the space; `twins` counts the options
 * each kept one stands for, so multiplicities stay exact.
 * (Exact up to floating point: were an option better only by less than the rounding of a sum, the
 * vectors found are still right but a duplicate package might represent one.)
 */
export function frontierOptions(space: OutcomeSpace): { choices: number[][]; twins: Float64Array[] } {
  const k = space.partyIds.length;
  const allowed = signableOptions(space);
  const choices: number[][] = [];
  const twins: Float64Array[] = [];
  allowed.forEach((options, i) => {
    const s = (p: number, o: number) => space.score[p]![i]![o]!;
    const kept: number[] = [];
    const twin = new Float64Array(space.optionIds[i]!.length);
    for (const o of options) {
      let drop = false;
      let same = 0;
      for (const o2 of options) {
        let ge = true;
        let eq = true;
        for (let p = 0; p < k; p++) {
          if (s(p, o2) < s(p, o)) ge = false;
          if (s(p, o2) !== s(p, o)) eq = false;
        }
        if (eq) {
          same++;
          if (o2 < o) drop = true;
        } else if (ge) drop = true;
      }
      if (!drop) {
        kept.push(o);
        twin[o] = same;
      }
    }
    choices.push(kept);
    twins.push(twin);
  });
  return { choices, twins };
}

export interface FrontierTuning {
  /** Inputs from this size on are pre-ordered by radix sort (default RADIX_FROM). */
  radixFrom?: number;
  /** Force the block-nested-loop test whatever the number of parties (for cross-checks). */
  method?: "auto" | "bnl";
}

/**
 * The Pareto frontier of n points given as columns `u[p][j]`: the ids of one point per distinct
 * non-dominated vector (the lowest id of its run), in lexicographic descending order, with the summed
 * `weight` of the points merged into it (1 each by default).
 *
 * Points are swept in lexicographic descending order, so anything that dominates a point comes before it,
 * and equal vectors are adjacent. A point is dominated iff an earlier frontier point is ≥ on every
 * remaining coordinate: for 2 parties a running max of u1; for 3 a Fenwick tree over the ranks of u1
 * holding the max u2 (O(N log N)); beyond that a block-nested loop against the frontier so far.
 */
export function frontierOfPoints(
  u: readonly Float64Array[],
  n: number,
  weight: Float64Array | null = null,
  tuning: FrontierTuning = {},
): { ids: Uint32Array; multiplicity: Float64Array } {
  const k = u.length;
  const order = lexOrderDesc(u, n, tuning.radixFrom ?? RADIX_FROM);
  const test = tuning.method === "bnl" || k > 3 ? bnl(u, n) : k === 3 ? fenwick(u, n) : k === 2 ? runningMax(u) : first();
  const ids = new Uint32Array(n);
  const multiplicity = new Float64Array(n);
  let f = 0;
  let head = -1;
  let headOnFrontier = false;
  for (let t = 0; t < n; t++) {
    const j = order[t]!;
    if (head >= 0 && sameVector(u, j, head)) {
      if (headOnFrontier) multiplicity[f - 1]! += weight ? weight[j]! : 1;
      continue;
    }
    head = j;
    headOnFrontier = !test.dominated(j);
    if (headOnFrontier) {
      test.insert(j);
      ids[f] = j;
      multiplicity[f] = weight ? weight[j]! : 1;
      f++;
    }
  }
  return { ids: ids.slice(0, f), multiplicity: multiplicity.slice(0, f) };
}

interface DominanceTest {
  /** Is the point weakly worse on every coordinate than a frontier point already inserted? */
  dominated(j: number): boolean;
  insert(j: number): void;
}

function sameVector(u: readonly Float64Array[], a: number, b: number): boolean {
  for (let p = 0; p < u.length; p++) if (u[p]![a] !== u[p]![b]) return false;
  return true;
}

// One party: every later distinct vector has a lower u0.
function first(): DominanceTest {
  let any = false;
  return {
    dominated: () => any,
    insert: () => {
      any = true;
    },
  };
}

function runningMax(u: readonly Float64Array[]): DominanceTest {
  const u1 = u[1]!;
  let max = -Infinity;
  return {
    dominated: (j) => u1[j]! <= max,
    insert: (j) => {
      if (u1[j]! > max) max = u1[j]!;
    },
  };
}

function fenwick(u: readonly Float64Array[], n: number): DominanceTest {
  const u1 = u[1]!;
  const u2 = u[2]!;
  // Distinct u1 values ascending; a point's rank counts from the largest, so a prefix is "u1 ≥ this".
  const values = u1.slice(0, n).sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (m === 0 || values[i] !== values[m - 1]) values[m++] = values[i]!;
  const rank = (x: number): number => {
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return m - 1 - lo;
  };
  const tree = new Float64Array(m + 1).fill(-Infinity);
  return {
    dominated(j) {
      let best = -Infinity;
      for (let i = rank(u1[j]!) + 1; i > 0; i -= i & -i) if (tree[i]! > best) best = tree[i]!;
      return best >= u2[j]!;
    },
    insert(j) {
      const v = u2[j]!;
      for (let i = rank(u1[j]!) + 1; i <= m; i += i & -i) if (tree[i]! < v) tree[i] = v;
    },
  };
}

function bnl(u: readonly Float64Array[], n: number): DominanceTest {
  const k = u.length;
  let frontier = new Float64Array(Math.max(16, Math.min(n, 1024)) * k);
  let size = 0;
  // The last dominator is tried first: neighbours in the sweep tend to share it.
  let lastHit = 0;
  const covers = (f: number, j: number): boolean => {
    for (let p = 0; p < k; p++) if (frontier[f * k + p]! < u[p]![j]!) return false;
    return true;
  };
  return {
    dominated(j) {
      if (lastHit < size && covers(lastHit, j)) return true;
      for (let f = 0; f < size; f++) {
        if (covers(f, j)) {
          lastHit = f;
          return true;
        }
      }
      return false;
    },
    insert(j) {
      if ((size + 1) * k > frontier.length) {
        const grown = new Float64Array(frontier.length * 2);
        grown.set(frontier);
        frontier = grown;
      }
      for (let p = 0; p < k; p++) frontier[size * k + p] = u[p]![j]!;
      size++;
    },
  };
}

/** The frontier's points as rows of utilities (for JSON and plots). */
export function frontierPoints(frontier: ParetoFrontier): number[][] {
  return Array.from({ length: frontier.size }, (_, j) => frontier.u.map((col) => col[j]!));
}

/** Euclidean distance from a utility vector to the nearest frontier point (NegMAS `distance_to`); null when the frontier is empty. */
export function distanceToFrontier(frontier: ParetoFrontier, utilities: readonly number[]): number | null {
  if (frontier.size === 0) return null;
  let best = Infinity;
  for (let j = 0; j < frontier.size; j++) {
    let d = 0;
    for (let p = 0; p < utilities.length; p++) {
      const x = frontier.u[p]![j]! - utilities[p]!;
      d += x * x;
    }
    if (d < best) best = d;
  }
  return Math.sqrt(best);
}
