import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  bargainingPoints,
  bestFor,
  kalaiSmorodinsky,
  maxUtilities,
  maxWelfare,
  nashPoint,
  oppositionLevel,
} from "./index.ts";
import { arbitrarySpace, brutePoints, bruteRows, build, profile } from "./testing.ts";

describe("bargaining points", () => {
  it("match a naive argmax over utility() (ties to the lowest index)", () => {
    fc.assert(
      fc.property(fc.oneof(arbitrarySpace(), arbitrarySpace({ dyadic: false }), arbitrarySpace({ redLineOneIn: 4 })), (built) => {
        const rows = bruteRows(built);
        const want = brutePoints(rows, built.space.reservation);
        const got = bargainingPoints(built.space);
        expect(maxUtilities(built.space)).toEqual(want.ideal);
        expect(got.nash?.index ?? null).toBe(want.nash);
        expect(got.kalaiSmorodinsky?.index ?? null).toBe(want.ks);
        expect(got.maxWelfare?.index ?? null).toBe(want.welfare);
        if (Number.isFinite(want.opposition)) expect(got.opposition).toBeCloseTo(want.opposition, 12);
        else expect(got.opposition).toBe(Infinity);
        for (const point of [got.nash, got.kalaiSmorodinsky, got.maxWelfare]) {
          if (point) expect(point.utilities).toEqual(rows[point.index]!.u);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("bestFor maximises one party's utility, then welfare, then takes the lowest index", () => {
    fc.assert(
      fc.property(arbitrarySpace(), (built) => {
        const rows = bruteRows(built).filter((r) => r.signable);
        built.parties.forEach((_, p) => {
          let want: (typeof rows)[number] | null = null;
          const welfare = (r: (typeof rows)[number]) => r.u.reduce((a, u) => a + u, 0);
          for (const r of rows) {
            if (!want || r.u[p]! > want.u[p]! || (r.u[p] === want.u[p] && welfare(r) > welfare(want))) want = r;
          }
          expect(bestFor(built.space, p)?.index ?? null).toBe(want?.index ?? null);
        });
      }),
    );
  });

  it("hand-worked 2-party example", () => {
    // See pareto.test.ts: rational packages are 1 (.75,.75), 3 (.375,.875) and 4 (.25,.25).
    const x = profile([0.75, 0.25], [[1, 0.5, 0], [1, 0]], 0.25);
    const y = profile([0.25, 0.75], [[0, 0.5, 1], [0, 1]], 0.25);
    const { space } = build([3, 2], [x, y]);
    expect(nashPoint(space)).toEqual({ index: 1, utilities: [0.75, 0.75] }); // .5 · .5 beats .125 · .625
    expect(kalaiSmorodinsky(space)).toEqual({ index: 1, utilities: [0.75, 0.75] });
    expect(maxWelfare(space)).toEqual({ index: 1, utilities: [0.75, 0.75] });
    expect(oppositionLevel(space)).toBeCloseTo(Math.sqrt(0.125), 12);
    expect(bestFor(space, 0)).toEqual({ index: 0, utilities: [1, 0] });
    // Y can never sign a1: the Nash point moves to package 3.
    expect(nashPoint(build([3, 2], [x, y], [[1, 0, 0]]).space)?.index).toBe(3);
  });

  it("NegMAS's zero-sum opposition example: 10 outcomes, u1 = x/9, u2 = 1 − x/9", () => {
    const values = Array.from({ length: 10 }, (_, x) => x / 9);
    const { space } = build([10], [profile([1], [values], 0), profile([1], [values.map((v) => 1 - v)], 0)]);
    expect(oppositionLevel(space)).toBeCloseTo(0.7114582486036499, 12);
  });

  it("gives no Nash or KS point when no package reaches every reservation value", () => {
    const x = profile([1], [[1, 0]], 0.9);
    const y = profile([1], [[0, 1]], 0.9);
    const { space } = build([2], [x, y]);
    const points = bargainingPoints(space);
    expect(points.nash).toBeNull();
    expect(points.kalaiSmorodinsky).toBeNull();
    expect(points.opposition).toBe(Infinity);
    expect(points.maxWelfare).toEqual({ index: 0, utilities: [1, 0] }); // welfare ignores reservation values
  });

  it("identical parties: no opposition, everything at their common best", () => {
    const p = profile([0.5, 0.5], [[0.25, 1, 0], [0.5, 1]], 0.25);
    const { space } = build([3, 2], [p, p]);
    const points = bargainingPoints(space);
    expect(points.opposition).toBe(0);
    for (const point of [points.nash, points.kalaiSmorodinsky, points.maxWelfare]) expect(point).toEqual({ index: 3, utilities: [1, 1] });
  });

  it("a party whose best equals its reservation value counts as satisfied in KS", () => {
    const x = profile([1], [[0.5, 0.5, 0.5]], 0.5);
    const y = profile([1], [[0, 1, 0.5]], 0);
    const { space } = build([3], [x, y]);
    expect(maxUtilities(space)).toEqual([0.5, 1]);
    expect(kalaiSmorodinsky(space)).toEqual({ index: 1, utilities: [0.5, 1] });
  });

  it("nothing signable: ideal is the reservation point and every point is null", () => {
    const p = profile([1], [[1]], 0.25);
    const { space } = build([1], [p, p], [[0, 0, 0]]);
    expect(maxUtilities(space)).toEqual([0.25, 0.25]);
    expect(bargainingPoints(space)).toEqual({ nash: null, kalaiSmorodinsky: null, maxWelfare: null, opposition: Infinity });
    expect(bestFor(space, 0)).toBeNull();
  });
});
