// Ordering utility vectors for the Pareto sweep. Comparator sorts cost ~0.7 µs an element in V8, so
// large inputs are first ordered by u0 with a stable LSD radix sort on the IEEE-754 bits.

/** Below this size a comparator sort is cheaper than four radix passes over 65,536 buckets. */
export const RADIX_FROM = 1 << 14;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;

/**
 * Ids 0..n−1 in descending lexicographic order of (keys[0][id], keys[1][id], …); equal vectors keep
 * ascending id, so the first of a run of equal vectors is the lowest id. Keys must not be NaN.
 */
export function lexOrderDesc(keys: readonly Float64Array[], n: number, radixFrom = RADIX_FROM): Uint32Array {
  const k = keys.length;
  const cmp = (a: number, b: number): number => {
    for (let p = 0; p < k; p++) {
      const col = keys[p]!;
      // Finite x − y is 0 only when x == y (gradual underflow), so the difference is a safe comparison.
      const d = col[b]! - col[a]!;
      if (d !== 0) return d;
    }
    return a - b;
  };
  const ids = new Uint32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  if (k === 0) return ids;
  if (n < radixFrom) return ids.sort(cmp);
  const order = radixDesc(keys[0]!, n);
  if (k === 1) return order;
  // Runs of equal u0 are usually short; order each by the remaining keys.
  const k0 = keys[0]!;
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || k0[order[i]!] !== k0[order[start]!]) {
      if (i - start > 1) order.subarray(start, i).sort(cmp);
      start = i;
    }
  }
  return order;
}

/** Ids 0..n−1 by key descending, ties in ascending id: a stable LSD radix sort, 16 bits a pass. */
export function radixDesc(key: Float64Array, n: number): Uint32Array {
  const copy = new Float64Array(n);
  for (let i = 0; i < n; i++) copy[i] = key[i]! + 0; // −0 + 0 is +0: one bit pattern per value
  const words = new Uint32Array(copy.buffer);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let ids = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let ids2 = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const l = words[2 * i + LO]!;
    const h = words[2 * i + HI]!;
    // Descending as unsigned integers: negative doubles already are; non-negative ones flip all but the sign.
    if (h >>> 31) {
      lo[i] = l;
      hi[i] = h;
    } else {
      lo[i] = ~l;
      hi[i] = h ^ 0x7fffffff;
    }
    ids[i] = i;
  }
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const src = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i]! >>> shift) & 0xffff]!++;
    let sum = 0;
    let constant = false;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      if (c === n) constant = true;
      count[d] = sum;
      sum += c;
    }
    if (constant) continue; // every key has this digit: the pass would not move anything
    for (let i = 0; i < n; i++) {
      const at = count[(src[i]! >>> shift) & 0xffff]!++;
      lo2[at] = lo[i]!;
      hi2[at] = hi[i]!;
      ids2[at] = ids[i]!;
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [ids, ids2] = [ids2, ids];
  }
  return ids;
}
