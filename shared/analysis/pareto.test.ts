import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { distanceToFrontier, frontierOfPoints, frontierPoints, paretoFrontier, utilities } from "./index.ts";
import { snap } from "./pareto.ts";
import { arbitrarySpace, brutePareto, bruteRows, build, dominates, profile } from "./testing.ts";

function rowsOf(f: ReturnType<typeof paretoFrontier>) {
  return Array.from({ length: f.size }, (_, j) => ({
    index: f.indices[j]!,
    u: f.u.map((col) => col[j]!),
    multiplicity: f.multiplicity[j]!,
  }));
}

describe("paretoFrontier", () => {
  it("equals an O(N²) filter over utility(): same points, lowest-index representatives, multiplicities", () => {
    fc.assert(
      fc.property(fc.oneof(arbitrarySpace(), arbitrarySpace({ dyadic: false }), arbitrarySpace({ redLineOneIn: 4 })), (built) => {
        const f = paretoFrontier(built.space);
        const got = rowsOf(f);
        expect([...got].sort((a, b) => a.index - b.index)).toEqual(brutePareto(bruteRows(built)));
        // Ordered by u0 descending, then u1 descending, …
        for (let j = 1; j < got.length; j++) {
          const a = got[j - 1]!.u;
          const b = got[j]!.u;
          const p = a.findIndex((x, i) => x !== b[i]);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(a[p]!).toBeGreaterThan(b[p]!);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("handles a 2-party example worked by hand", () => {
    // Package index = 2·A + B. Utilities (X, Y):
    // 0 (a1,b1) 1, 0 · 1 (a1,b2) .75, .75 · 2 (a2,b1) .625, .125 · 3 (a2,b2) .375, .875 · 4 (a3,b1) .25, .25 · 5 (a3,b2) 0, 1
    const x = profile([0.75, 0.25], [[1, 0.5, 0], [1, 0]], 0.25);
    const y = profile([0.25, 0.75], [[0, 0.5, 1], [0, 1]], 0.25);
    const f = paretoFrontier(build([3, 2], [x, y]).space);
    expect(rowsOf(f)).toEqual([
      { index: 0, u: [1, 0], multiplicity: 1 },
      { index: 1, u: [0.75, 0.75], multiplicity: 1 },
      { index: 3, u: [0.375, 0.875], multiplicity: 1 },
      { index: 5, u: [0, 1], multiplicity: 1 },
    ]);
    expect(frontierPoints(f)).toEqual([[1, 0], [0.75, 0.75], [0.375, 0.875], [0, 1]]);
    expect(distanceToFrontier(f, [0.375, 0.875])).toBe(0);
    expect(distanceToFrontier(f, [0.25, 0.25])).toBeCloseTo(Math.sqrt(0.125 ** 2 + 0.625 ** 2), 12);
    // Y can never sign a1: packages 0 and 1 leave, and 2 comes onto the frontier.
    const red = paretoFrontier(build([3, 2], [x, y], [[1, 0, 0]]).space);
    expect(rowsOf(red).map((r) => r.index)).toEqual([2, 3, 5]);
  });

  it("merges equal vectors into one point: identical parties have a single best vector", () => {
    const p = profile([0.5, 0.5], [[1, 1, 0], [0.5, 1]], 0);
    const f = paretoFrontier(build([3, 2], [p, p, p]).space);
    expect(rowsOf(f)).toEqual([{ index: 1, u: [1, 1, 1], multiplicity: 2 }]);
  });

  it("keeps the lowest package index when equal vectors come from different prefixes", () => {
    // Issue 0's frontier order (o1 before o0) is not its index order; (o0,q0) and (o1,q1) tie at (.5,.5).
    const x = profile([0.5, 0.5], [[0, 1], [1, 0]], 0);
    const y = profile([0.5, 0.5], [[1, 0], [0, 1]], 0);
    expect(rowsOf(paretoFrontier(build([2, 2], [x, y]).space))).toEqual([
      { index: 2, u: [1, 0], multiplicity: 1 },
      { index: 0, u: [0.5, 0.5], multiplicity: 2 },
      { index: 1, u: [0, 1], multiplicity: 1 },
    ]);
  });

  it("is empty when every option of some issue is a red line", () => {
    const p = profile([1], [[1, 0.5]], 0);
    const f = paretoFrontier(build([2], [p, p], [[0, 0, 0], [1, 0, 1]]).space);
    expect(f.size).toBe(0);
    expect(distanceToFrontier(f, [0, 0])).toBeNull();
  });

  it("handles single-option issues", () => {
    const x = profile([0.5, 0.5], [[1], [0.5, 1]], 0);
    const y = profile([0.5, 0.5], [[0.5], [1, 0]], 0);
    expect(rowsOf(paretoFrontier(build([1, 2], [x, y]).space))).toEqual([
      { index: 1, u: [1, 0.25], multiplicity: 1 },
      { index: 0, u: [0.75, 0.75], multiplicity: 1 },
    ]);
  });
});

describe("paretoFrontier at scale", () => {
  it("equals a flat block-nested-loop filter over the whole utility table (radix path, red lines)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 4 }), fc.boolean(), fc.integer(), (parties, tradeOff, seed) => {
        let a = seed >>> 0;
        const random = () => ((a = (Math.imul(a, 1664525) + 1013904223) >>> 0) / 2 ** 32);
        const counts = [8, 8, 6, 8, 8]; // 24,576 packages: above the radix threshold
        const profiles = Array.from({ length: parties }, (_, p) =>
          profile(
            counts.map(() => Math.round(random() * 8) / 8),
            counts.map((m) => Array.from({ length: m }, (_, o) => (tradeOff && p < 2 ? (p === 0 ? o : m - 1 - o) / (m - 1) : Math.round(random() * 16) / 16))),
            0,
          ),
        );
        const built = build(counts, profiles, [[0, 1, 2], [1, 3, 0]]);
        const table = utilities(built.space);
        const keep: number[] = [];
        for (let x = 0; x < table.size; x++) if (table.signable[x]) keep.push(x);
        const cols = table.u.map((col) => Float64Array.from(keep, (x) => snap(col[x]!)));
        const flat = frontierOfPoints(cols, keep.length, null, { method: "bnl" });
        const want = [...flat.ids].map((id, j) => ({ index: keep[id]!, multiplicity: flat.multiplicity[j]! })).sort((p, q) => p.index - q.index);
        const f = paretoFrontier(built.space);
        const got = rowsOf(f).map(({ index, multiplicity }) => ({ index, multiplicity })).sort((p, q) => p.index - q.index);
        expect(got).toEqual(want);
      }),
      { numRuns: 6 },
    );
  });
});

describe("frontierOfPoints", () => {
  // Point clouds with many ties, negative values and −0: every sweep and both orderings against a brute force.
  const cloud = fc.integer({ min: 1, max: 5 }).chain((k) =>
    fc.array(
      fc.array(fc.oneof(fc.integer({ min: -2, max: 3 }).map((x) => x / 2), fc.constant(-0)), { minLength: k, maxLength: k }),
      { minLength: 0, maxLength: 120 },
    ).map((points) => ({ k, points })),
  );

  it("agrees with brute force for 1–5 parties, on every path", () => {
    fc.assert(
      fc.property(cloud, ({ k, points }) => {
        const n = points.length;
        const cols = Array.from({ length: k }, (_, p) => Float64Array.from(points, (pt) => pt[p]!));
        const weight = Float64Array.from(points, (_, j) => (j % 3) + 1);
        const expected = new Map<string, { id: number; w: number }>();
        points.forEach((pt, j) => {
          if (points.some((q) => dominates(q, pt))) return;
          const key = pt.map((x) => x + 0).join(",");
          const seen = expected.get(key);
          if (seen) seen.w += weight[j]!;
          else expected.set(key, { id: j, w: weight[j]! });
        });
        const want = [...expected.values()].sort((a, b) => a.id - b.id);
        for (const tuning of [{}, { radixFrom: 0 }, { method: "bnl" as const }, { radixFrom: 0, method: "bnl" as const }]) {
          const { ids, multiplicity } = frontierOfPoints(cols, n, weight, tuning);
          const got = [...ids].map((id, x) => ({ id, w: multiplicity[x]! })).sort((a, b) => a.id - b.id);
          expect(got).toEqual(want);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("finds a large 3-party frontier through the radix path (every point on a plane)", () => {
    // u0 + u1 + u2 = 1 for distinct points: nothing dominates anything.
    const n = 40_000;
    const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    for (let j = 0; j < n; j++) {
      const a = (j % 200) / 400;
      const b = Math.floor(j / 200) / 400;
      cols[0]![j] = a;
      cols[1]![j] = b;
      cols[2]![j] = 1 - a - b;
    }
    const { ids } = frontierOfPoints(cols, n);
    expect(ids.length).toBe(n);
    expect(cols[0]![ids[0]!]).toBe(199 / 400);
  });
});
