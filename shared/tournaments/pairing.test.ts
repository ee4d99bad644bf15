// Pairing properties: every entrant sits once per round; no rematch while one can be avoided
// (checked against an exhaustive search of all groupings, independent of the pairing code); roles
// rotate in a round-robin; short tables are filled with house bots.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Meetings, pairRound, roundRobinRounds, type Format, type PastTable, type TablePlan } from "./index.ts";

const ROLES2 = ["north", "south"];
const ROLES3 = ["a", "b", "c"];

function ids(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `e${i + 1}`);
}

/** Play `rounds` rounds, each ranked by a shuffled order drawn from `seed` (scores are irrelevant to these properties). */
function tournament(format: Format, n: number, roles: string[], rounds: number, seed: number): TablePlan[][] {
  const entrants = ids(n);
  const history: PastTable[] = [];
  const out: TablePlan[][] = [];
  let s = seed;
  for (let round = 1; round <= rounds; round++) {
    const ranking = entrants.slice().sort(() => ((s = (s * 1103515245 + 12345) >>> 0) & 1 ? 1 : -1));
    const tables = pairRound({ format, entrants, roles, round, history, ranking });
    out.push(tables);
    history.push(...tables.map((seats) => ({ seats })));
  }
  return out;
}

/** Every way to split `people` into groups of k (order of groups and within them ignored). */
function* allGroupings(people: string[], k: number): Generator<string[][]> {
  if (people.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = people;
  const choose = function* (from: string[], need: number, start: number): Generator<string[]> {
    if (need === 0) {
      yield [];
      return;
    }
    for (let i = start; i < from.length; i++) for (const tail of choose(from, need - 1, i + 1)) yield [from[i]!, ...tail];
  };
  for (const companions of choose(rest, k - 1, 0)) {
    const left = rest.filter((p) => !companions.includes(p));
    for (const more of allGroupings(left, k)) yield [[first!, ...companions], ...more];
  }
}

function rematchFreeExists(people: string[], k: number, met: Meetings): boolean {
  for (const grouping of allGroupings(people, k)) {
    if (grouping.every((g) => g.every((a, i) => g.every((b, j) => j <= i || met.count(a, b) === 0)))) return true;
  }
  return false;
}

describe("pairing", () => {
  it("seats every entrant exactly once per round, with house bots only to fill one short table", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Format>("round-robin", "swiss"),
        fc.integer({ min: 1, max: 13 }),
        fc.constantFrom(ROLES2, ROLES3),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 1 << 30 }),
        (format, n, roles, rounds, seed) => {
          for (const tables of tournament(format, n, roles, rounds, seed)) {
            const seated = tables.flatMap((t) => t.map((s) => s.entrant)).filter((e) => e !== null);
            expect(seated.slice().sort()).toEqual(ids(n).sort());
            for (const t of tables) expect(t.map((s) => s.delegation)).toEqual(roles);
            const short = tables.filter((t) => t.some((s) => s.entrant === null));
            expect(short.length).toBe(n % roles.length === 0 ? 0 : 1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("Swiss makes no rematch while a rematch-free grouping exists (exhaustive check)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(4, 6, 8),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 0, max: 1 << 30 }),
        (n, rounds, seed) => {
          const all = tournament("swiss", n, ROLES2, rounds, seed);
          const history: PastTable[] = [];
          for (const tables of all) {
            const met = new Meetings(history);
            const rematches = tables.filter((t) => met.count(t[0]!.entrant!, t[1]!.entrant!) > 0).length;
            if (rematches > 0) expect(rematchFreeExists(ids(n), 2, met)).toBe(false);
            history.push(...tables.map((seats) => ({ seats })));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("Swiss with three delegations avoids rematches when it can (exhaustive check, 6 entrants)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 1 << 30 }), (rounds, seed) => {
        const all = tournament("swiss", 6, ROLES3, rounds, seed);
        const history: PastTable[] = [];
        for (const tables of all) {
          const met = new Meetings(history);
          const rematch = tables.some((t) => t.some((a, i) => t.some((b, j) => j > i && met.count(a.entrant!, b.entrant!) > 0)));
          if (rematch) expect(rematchFreeExists(ids(6), 3, met)).toBe(false);
          history.push(...tables.map((seats) => ({ seats })));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("a two-delegation round-robin meets everyone once per cycle and rotates roles (counts differ by at most one)", () => {
    for (let n = 2; n <= 14; n++) {
      const rounds = roundRobinRounds(n, 2);
      const all = tournament("round-robin", n, ROLES2, rounds, 1);
      const met = new Meetings(all.flat().map((seats) => ({ seats })));
      for (const a of ids(n)) {
        for (const b of ids(n)) if (a < b) expect(met.count(a, b), `${a} and ${b} in a field of ${n}`).toBe(1);
        const north = all.flat().filter((t) => t[0]!.entrant === a).length;
        const south = all.flat().filter((t) => t[1]!.entrant === a).length;
        expect(Math.abs(north - south), `${a}'s roles in a field of ${n}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it("a second round-robin cycle swaps every pairing's roles", () => {
    const n = 6;
    const all = tournament("round-robin", n, ROLES2, 2 * roundRobinRounds(n, 2), 1);
    const first = all.slice(0, n - 1).flat();
    const second = all.slice(n - 1).flat();
    const key = (t: TablePlan) => `${t[0]!.entrant}>${t[1]!.entrant}`;
    expect(new Set(second.map(key))).toEqual(new Set(first.map((t) => `${t[1]!.entrant}>${t[0]!.entrant}`)));
  });

  it("with three delegations, no swap of two entrants' delegations would make role counts more even", () => {
    fc.assert(
      fc.property(fc.constantFrom<Format>("round-robin", "swiss"), fc.integer({ min: 3, max: 12 }), fc.integer({ min: 0, max: 1 << 30 }), (format, n, seed) => {
        const all = tournament(format, n, ROLES3, 4, seed);
        const counts = new Map<string, number>();
        const count = (e: string, role: string) => counts.get(`${e}/${role}`) ?? 0;
        for (const tables of all) {
          for (const t of tables) {
            for (const x of t) {
              for (const y of t) {
                if (x.entrant === null || y.entrant === null || x === y) continue;
                // Squared counts after this table, as placed and with x and y swapped.
                const placed = (count(x.entrant, x.delegation) + 1) ** 2 + (count(y.entrant, y.delegation) + 1) ** 2;
                const swapped = (count(x.entrant, y.delegation) + 1) ** 2 + (count(y.entrant, x.delegation) + 1) ** 2;
                const placedRest = count(x.entrant, y.delegation) ** 2 + count(y.entrant, x.delegation) ** 2;
                const swappedRest = count(x.entrant, x.delegation) ** 2 + count(y.entrant, y.delegation) ** 2;
                expect(placed + placedRest).toBeLessThanOrEqual(swapped + swappedRest);
              }
            }
          }
          for (const t of tables) for (const s of t) if (s.entrant !== null) counts.set(`${s.entrant}/${s.delegation}`, count(s.entrant, s.delegation) + 1);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("the same input gives the same round", () => {
    expect(tournament("swiss", 10, ROLES2, 4, 3)).toEqual(tournament("swiss", 10, ROLES2, 4, 3));
  });
});
