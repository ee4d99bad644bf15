// The Pareto frontier (NegMAS `pareto_frontier`) of the signable packages: those crossing no party's red
// line, since a package a party can never sign is no deal. Any number of parties.
import { signableOptions } from "./outcomes.ts";
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

/**
 * Built issue by issue: the frontier of the prefix sums over issues 0..l, extended by issue l+1's options
 * and filtered again. Utilities are additive, so a package whose prefix is dominated is dominated; and
 * prefixes are summed in issue order, as the table is, so the values are the table's to within the
 * 2^-40 grid that `snap` rounds them to. Each
 * step sorts and sweeps only (frontier so far) × (options), instead of the whole space at once: a
 * random 1,000,000-package space needs a few thousand points swept, not a million.
 *
 * Equal vectors become one point: the lowest package index represents them and `multiplicity` counts
 * them. Prefixes are compared on the same grid as whole packages, so twins whose float sums differ in
 * the last bits merge at every step. (Caveat: two exactly equal sums whose float noise straddles a grid
 * boundary, odds about 1 in 10^4 per pair, stay two points; the flat filter over snapped table values
 * behaves the same.)
 */
export function paretoFrontier(space: OutcomeSpace): ParetoFrontier {
  const k = space.partyIds.length;
  const { choices, twins } = frontierOptions(space);
  if (choices.some((options) => options.length === 0)) {
    return { size: 0, indices: new Uint32Array(0), u: Array.from({ length: k }, () => new Float64Array(0)), multiplicity: new Float64Array(0) };
  }
  // The frontier of the empty prefix: one point, the zero vector, package prefix 0.
  let u: Float64Array[] = Array.from({ length: k }, () => new Float64Array(1));
  let index: Float64Array = new Float64Array(1);
  let weight: Float64Array = new Float64Array([1]);
  let ids: Uint32Array = new Uint32Array([0]);
  let multiplicity: Float64Array = new Float64Array([1]);
  for (let l = 0; l < choices.length; l++) {
    const options = choices[l]!;
    const m = options.length;
    const radix = space.optionIds[l]!.length;
    const f = u[0]!.length;
    // Candidates in ascending package-prefix order, so a lower id is a lower package index.
    const n = f * m;
    const cu = Array.from({ length: k }, () => new Float64Array(n));
    for (let p = 0; p < k; p++) {
      const col = cu[p]!;
      const prev = u[p]!;
      const sc = Float64Array.from(options, (o) => space.score[p]![l]![o]!);
      const last = l === choices.length - 1;
      for (let a = 0, x = 0; a < f; a++) {
        const base = prev[a]!;
        // Only whole packages are snapped, so a point is snap(its table utility) exactly.
        for (let t = 0; t < m; t++, x++) col[x] = last ? snap(base + sc[t]!) : base + sc[t]!;
      }
    }
    // Weights only matter when something was merged: usually nothing is, and the sweep skips them.
    const tw = Float64Array.from(options, (o) => twins[l]![o]!);
    let cWeight: Float64Array | null = null;
    if (weight.some((x) => x !== 1) || tw.some((x) => x !== 1)) {
      cWeight = new Float64Array(n);
      for (let a = 0, x = 0; a < f; a++) for (let t = 0; t < m; t++, x++) cWeight[x] = weight[a]! * tw[t]!;
    }
    // Prefixes are compared on the grid too: two prefixes equal in exact arithmetic but a few ulps
    // apart would otherwise have one pruned as dominated, and the package it leads to lost from the
    // count (or represented by a higher index). On the grid they merge, as the whole packages will.
    const last = l === choices.length - 1;
    const compared = last ? cu : cu.map((col) => col.map(snap));
    ({ ids, multiplicity } = frontierOfPoints(compared, n, cWeight));
    // Keep the frontier's points; between steps, back in ascending package order for the next step.
    const f2 = ids.length;
    let keep: Uint32Array = ids;
    let mult: Float64Array = multiplicity;
    if (l < choices.length - 1) {
      const byId = new Float64Array(n);
      for (let x = 0; x < f2; x++) byId[ids[x]!] = multiplicity[x]!;
      keep = ids.slice().sort();
      mult = new Float64Array(f2);
      for (let x = 0; x < f2; x++) mult[x] = byId[keep[x]!]!;
    }
    u = cu.map((col) => gather(col, keep));
    const nextIndex = new Float64Array(keep.length);
    for (let x = 0; x < keep.length; x++) {
      const a = Math.floor(keep[x]! / m);
      nextIndex[x] = index[a]! * radix + options[keep[x]! - a * m]!;
    }
    index = nextIndex;
    weight = mult;
    ids = keep;
    multiplicity = mult;
  }
  return { size: ids.length, indices: Uint32Array.from(index), u, multiplicity };
}

/**
 * Sums are snapped to a grid of 2^-40 (about 1e-12): two packages whose utilities are equal in exact
 * arithmetic but differ in the last bits of a floating-point sum (0.1 + 0.2 against 0.3) would
 * otherwise both appear on the frontier, one of them dominated. Scaling by a power of two is exact.
 */
const GRID = 2 ** 40;
export function snap(x: number): number {
  return Math.round(x * GRID) / GRID;
}

function gather(col: Float64Array, ids: Uint32Array): Float64Array {
  const out = new Float64Array(ids.length);
  for (let x = 0; x < ids.length; x++) out[x] = col[ids[x]!]!;
  return out;
}

/**
 * The options a frontier package can use, issue by issue. Utilities are additive, so swapping an option
 * for one that is at least as good for everyone (better for someone) yields a package that dominates; and
 * an option with the same scores as a lower-numbered one only yields duplicates of lower-index packages.
 * Both are dropped before the issue-by-issue build, a cheap first cut; `twins` counts the options each
 * kept one stands for, so multiplicities stay exact.
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
  /** Force the plain block-nested-loop test whatever the number of parties (for cross-checks). */
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
 * holding the max u2 (O(N log N)); beyond that a k-d tree of the frontier so far (or, on request, a plain
 * block-nested loop against it, O(N·F)).
 */
export function frontierOfPoints(
  u: readonly Float64Array[],
  n: number,
  weight: Float64Array | null = null,
  tuning: FrontierTuning = {},
): { ids: Uint32Array; multiplicity: Float64Array } {
  const k = u.length;
  const order = lexOrderDesc(u, n, tuning.radixFrom ?? RADIX_FROM);
  // Columns gathered into sweep order, so the sweep reads memory sequentially.
  const s = u.map((col) => {
    const out = new Float64Array(n);
    for (let t = 0; t < n; t++) out[t] = col[order[t]!]!;
    return out;
  });
  let w: Float64Array | null = null;
  if (weight) {
    w = new Float64Array(n);
    for (let t = 0; t < n; t++) w[t] = weight[order[t]!]!;
  }
  // head[t]: position t starts a run of equal vectors (its first, lowest id).
  const head = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    let same = t > 0;
    for (let p = 0; same && p < k; p++) if (s[p]![t] !== s[p]![t - 1]) same = false;
    head[t] = same ? 0 : 1;
  }
  const on =
    tuning.method === "bnl"
      ? sweepBnl(s, n, head)
      : k > 3
        ? sweepKd(s, n, head)
        : k === 3
        ? sweep3(s, n, head, tuning.radixFrom ?? RADIX_FROM)
        : k === 2
          ? sweep2(s[1]!, n, head)
          : sweepFirst(n, head);
  let f = 0;
  for (let t = 0; t < n; t++) if (on[t]) f++;
  const ids = new Uint32Array(f);
  const multiplicity = new Float64Array(f);
  let j = -1;
  let keep = false;
  for (let t = 0; t < n; t++) {
    if (head[t]) {
      keep = on[t] === 1;
      if (keep) ids[++j] = order[t]!;
    }
    if (keep) multiplicity[j]! += w ? w[t]! : 1;
  }
  return { ids, multiplicity };
}

// on[t] = 1 for run heads that no earlier frontier point dominates. One party: only the first run.
function sweepFirst(n: number, head: Uint8Array): Uint8Array {
  const on = new Uint8Array(n);
  if (n > 0 && head[0]) on[0] = 1;
  return on;
}

function sweep2(s1: Float64Array, n: number, head: Uint8Array): Uint8Array {
  const on = new Uint8Array(n);
  let max = -Infinity;
  for (let t = 0; t < n; t++) {
    if (!head[t] || s1[t]! <= max) continue;
    on[t] = 1;
    max = s1[t]!;
  }
  return on;
}

function sweep3(s: readonly Float64Array[], n: number, head: Uint8Array, radixFrom: number): Uint8Array {
  const s1 = s[1]!;
  const s2 = s[2]!;
  // Dense ranks of u1, 0 for the largest: a Fenwick prefix is then "u1 ≥ this".
  const byU1 = lexOrderDesc([s1], n, radixFrom);
  const rank = new Int32Array(n);
  let m = 0;
  for (let x = 0; x < n; x++) {
    if (x > 0 && s1[byU1[x]!] !== s1[byU1[x - 1]!]) m++;
    rank[byU1[x]!] = m;
  }
  m++;
  const tree = new Float64Array(m + 1).fill(-Infinity);
  const on = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    if (!head[t]) continue;
    const v = s2[t]!;
    const r = rank[t]! + 1;
    let best = -Infinity;
    for (let i = r; i > 0; i -= i & -i) if (tree[i]! > best) best = tree[i]!;
    if (best >= v) continue;
    on[t] = 1;
    for (let i = r; i <= m; i += i & -i) if (tree[i]! < v) tree[i] = v;
  }
  return on;
}

function sweepBnl(s: readonly Float64Array[], n: number, head: Uint8Array): Uint8Array {
  const k = s.length;
  const on = new Uint8Array(n);
  // Frontier points row by row, without u0: every earlier point already has u0 ≥ the current one's.
  const d = k - 1;
  let frontier = new Float64Array(Math.max(16, Math.min(n, 1024)) * d);
  let size = 0;
  const q = new Float64Array(d);
  // The last dominator is tried first: neighbours in the sweep tend to share it.
  let lastHit = 0;
  for (let t = 0; t < n; t++) {
    if (!head[t]) continue;
    for (let p = 0; p < d; p++) q[p] = s[p + 1]![t]!;
    let dominated = false;
    for (let x = 0; x < size && !dominated; x++) {
      const f = x === 0 ? lastHit : x === lastHit ? 0 : x;
      const at = f * d;
      let p = 0;
      while (p < d && frontier[at + p]! >= q[p]!) p++;
      if (p === d) {
        dominated = true;
        lastHit = f;
      }
    }
    if (dominated) continue;
    on[t] = 1;
    if ((size + 1) * d > frontier.length) {
      const grown = new Float64Array(frontier.length * 2);
      grown.set(frontier);
      frontier = grown;
    }
    frontier.set(q, size * d);
    size++;
  }
  return on;
}

/**
 * Four or more parties: an insert-only k-d tree over the frontier so far (coordinates 1…k−1, u0 being
 * settled by the sweep order). Each node keeps the max corner of its subtree, so a query skips every
 * subtree that cannot hold a point ≥ the current one on all coordinates.
 */
function sweepKd(s: readonly Float64Array[], n: number, head: Uint8Array): Uint8Array {
  const d = s.length - 1;
  const on = new Uint8Array(n);
  let cap = 1024;
  let pts: Float64Array = new Float64Array(cap * d);
  let corner: Float64Array = new Float64Array(cap * d);
  let left: Int32Array = new Int32Array(cap).fill(-1);
  let right: Int32Array = new Int32Array(cap).fill(-1);
  let dim: Uint8Array = new Uint8Array(cap);
  let size = 0;
  let stack = new Int32Array(256);
  const q = new Float64Array(d);
  const covered = (): boolean => {
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top]!;
      const at = node * d;
      let p = 0;
      while (p < d && corner[at + p]! >= q[p]!) p++;
      if (p < d) continue; // nothing below here reaches q on coordinate p
      p = 0;
      while (p < d && pts[at + p]! >= q[p]!) p++;
      if (p === d) return true;
      if (top + 2 > stack.length) {
        const grown = new Int32Array(stack.length * 2);
        grown.set(stack);
        stack = grown;
      }
      // The left subtree is below this node on its split coordinate: worth a look only if this node is above q there.
      const sd = dim[node]!;
      if (left[node]! >= 0 && pts[at + sd]! > q[sd]!) stack[top++] = left[node]!;
      if (right[node]! >= 0) stack[top++] = right[node]!;
    }
    return false;
  };
  const insert = (): void => {
    if (size === cap) {
      cap *= 2;
      pts = grown(pts, cap * d);
      corner = grown(corner, cap * d);
      left = grown(left, cap, -1);
      right = grown(right, cap, -1);
      dim = grown(dim, cap);
    }
    const id = size++;
    pts.set(q, id * d);
    corner.set(q, id * d);
    if (id === 0) return;
    let node = 0;
    for (;;) {
      const at = node * d;
      for (let p = 0; p < d; p++) if (corner[at + p]! < q[p]!) corner[at + p] = q[p]!;
      const sd = dim[node]!;
      const next = q[sd]! < pts[at + sd]! ? left : right;
      if (next[node]! < 0) {
        next[node] = id;
        dim[id] = (sd + 1) % d;
        return;
      }
      node = next[node]!;
    }
  };
  for (let t = 0; t < n; t++) {
    if (!head[t]) continue;
    for (let p = 0; p < d; p++) q[p] = s[p + 1]![t]!;
    if (size > 0 && covered()) continue;
    on[t] = 1;
    insert();
  }
  return on;
}

function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, length: number, fill = 0): T {
  const b = (a instanceof Float64Array ? new Float64Array(length) : a instanceof Int32Array ? new Int32Array(length) : new Uint8Array(length)) as T;
  b.fill(fill);
  b.set(a);
  return b;
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
