import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Scenario } from "../scenario/schema.ts";
import { analyzeScenario, dealAnalysis, packageAt, scenarioStats, scenarioStatsJson } from "./index.ts";
import { arbitrarySpace, brutePareto, bruteIdeal, bruteRows, build, profile } from "./testing.ts";

const x = profile([0.75, 0.25], [[1, 0.5, 0], [1, 0]], 0.25);
const y = profile([0.25, 0.75], [[0, 0.5, 1], [0, 1]], 0.25);

describe("dealAnalysis", () => {
  it("matches a brute force: utilities, advantage, surplus share, distance to the frontier", () => {
    fc.assert(
      fc.property(
        arbitrarySpace().chain((built) => fc.record({ built: fc.constant(built), deal: fc.option(fc.nat({ max: built.space.size - 1 })) })),
        ({ built, deal }) => {
          const rows = bruteRows(built);
          const r = built.space.reservation;
          const ideal = bruteIdeal(rows, r);
          const front = brutePareto(rows);
          const u = deal === null ? r : rows[deal]!.u;
          const total = u.reduce((a, v, p) => a + (v - r[p]!), 0);
          const got = dealAnalysis(built.space, deal === null ? null : packageAt(built.space, deal));
          expect(got.outcomes).toBe(built.space.size);
          expect(got.index).toBe(deal);
          expect(got.utilities).toEqual(u);
          got.parties.forEach((party, p) => {
            const span = ideal[p]! - r[p]!;
            expect(party.utility).toBe(u[p]);
            expect(party.advantage).toBe(deal === null || span === 0 ? 0 : (u[p]! - r[p]!) / span);
            expect(party.surplusShare).toBe(total === 0 ? 0 : (u[p]! - r[p]!) / total);
            expect(party.redLineCrossed).toBe(deal === null ? false : rows[deal]!.crossed[p]);
          });
          const distance = front.length === 0 ? null : Math.min(...front.map((f) => Math.hypot(...f.u.map((v, p) => v - u[p]!))));
          if (distance === null) expect(got.paretoDistance).toBeNull();
          else expect(got.paretoDistance).toBeCloseTo(distance, 12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("hand-worked 2-party example", () => {
    const { space } = build([3, 2], [x, y]);
    const onFrontier = dealAnalysis(space, { i0: "o1", i1: "o1" }); // package 3: (.375, .875)
    expect(onFrontier.paretoDistance).toBe(0);
    expect(onFrontier.parties.map((p) => p.advantage)).toEqual([0.125 / 0.75, 0.625 / 0.75]);
    expect(onFrontier.parties.map((p) => p.surplusShare)).toEqual([0.125 / 0.75, 0.625 / 0.75]);
    const noDeal = dealAnalysis(space, null);
    expect(noDeal.utilities).toEqual([0.25, 0.25]);
    expect(noDeal.parties.map((p) => [p.advantage, p.surplusShare])).toEqual([[0, 0], [0, 0]]);
    expect(noDeal.paretoDistance).toBeCloseTo(Math.sqrt(0.40625), 12);
    expect(() => dealAnalysis(space, { i0: "o9", i1: "o0" })).toThrow(/issue i0/);
  });
});

describe("scenarioStats", () => {
  it("bundles the frontier and the bargaining points, and converts to the CLI's JSON", () => {
    const { space } = build([3, 2], [x, y]);
    const stats = scenarioStats(space);
    expect(stats.outcomes).toBe(6);
    expect(stats.ideal).toEqual([1, 1]);
    expect(stats.pareto.size).toBe(4);
    const json = scenarioStatsJson(space, stats);
    expect(json).toMatchObject({
      outcomes: 6,
      delegations: ["p0", "p1"],
      reservation: [0.25, 0.25],
      pareto: [[1, 0], [0.75, 0.75], [0.375, 0.875], [0, 1]],
      nash: { package: { i0: "o0", i1: "o1" }, utilities: [0.75, 0.75] },
      kalaiSmorodinsky: { package: { i0: "o0", i1: "o1" }, utilities: [0.75, 0.75] },
      maxWelfare: { package: { i0: "o0", i1: "o1" }, utilities: [0.75, 0.75] },
    });
    expect(json.opposition).toBeCloseTo(Math.sqrt(0.125), 12);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("analyzeScenario reports a scenario and its historical outcome", () => {
    const built = build([3, 2], [x, y]);
    const scenario = {
      id: "s",
      title: "S",
      year: 2020,
      summary: "s",
      sources: [],
      protocol: "alternating",
      deadline: { rounds: 5, secondsPerTurn: 60 },
      delegations: built.parties.map((p) => ({
        id: p.id,
        name: p.id,
        publicBrief: "b",
        privateBrief: "b",
        seats: { min: 1, max: 1 },
        required: false,
        profile: p.profile,
        phrases: {},
      })),
      issues: built.issues,
      agreement: { required: [] },
      injects: [],
      historicalOutcome: { package: { i0: "o2", i1: "o0" }, note: "walked away, more or less" },
    } satisfies Scenario;
    const a = analyzeScenario(scenario);
    expect(a.outcomes).toBe(6);
    expect(a.best).toEqual([1, 1]);
    expect(a.pareto).toHaveLength(4);
    expect(a.nash?.package).toEqual({ i0: "o0", i1: "o1" });
    expect(a.historical?.utilities).toEqual([0.25, 0.25]);
    expect(a.historical?.paretoDistance).toBeCloseTo(Math.sqrt(0.40625), 12);
  });
});
