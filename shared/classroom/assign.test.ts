import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { autoAssign, checkPlace, placeLatecomer, type Place } from "./assign.ts";
import { ClassOptions, type ScenarioSeats } from "./session.ts";

const scenario: ScenarioSeats = {
  id: "summit",
  title: "Summit",
  deadlineRounds: 6,
  delegations: [
    { id: "a", name: "Alpha", seats: { min: 1, max: 3 } },
    { id: "b", name: "Beta", seats: { min: 1, max: 2 } },
    { id: "c", name: "Gamma", seats: { min: 1, max: 1 } },
  ],
};

const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
const count = (places: Place[], pred: (p: Place) => boolean) => places.filter(pred).length;

describe("autoAssign", () => {
  it("fills one person per delegation at every table before anyone gets a teammate", () => {
    const options = ClassOptions.parse({ scenario: "summit", teams: true, layout: { kind: "count", tables: 2 } });
    const { assignments, unplaced } = autoAssign(ids(7), options, scenario, 2);
    expect(unplaced).toEqual([]);
    const places = Object.values(assignments);
    for (const t of [1, 2]) for (const d of ["a", "b", "c"]) expect(count(places, (p) => p.table === t && p.delegation === d)).toBeGreaterThanOrEqual(1);
    expect(assignments.s6).toEqual({ table: 1, delegation: "a" });
  });

  it("never puts more people at a delegation than it seats, nor anyone at a bot's, and balances tables (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.boolean(), (students, tables, teams, botC) => {
        const options = ClassOptions.parse({ scenario: "summit", teams, bots: botC ? { c: "medium" } : {}, layout: { kind: "count", tables } });
        const { assignments, unplaced } = autoAssign(ids(students), options, scenario, tables);
        const places = Object.values(assignments);
        const perDelegation = (d: { id: string; seats: { max: number } }) => (teams ? d.seats.max : 1);
        const capacity = tables * scenario.delegations.filter((d) => !(botC && d.id === "c")).reduce((n, d) => n + perDelegation(d), 0);
        expect(places.length).toBe(Math.min(students, capacity));
        expect(unplaced.length).toBe(Math.max(0, students - capacity));
        for (const d of scenario.delegations) {
          for (let t = 1; t <= tables; t++) {
            const n = count(places, (p) => p.table === t && p.delegation === d.id);
            expect(n).toBeLessThanOrEqual(botC && d.id === "c" ? 0 : perDelegation(d));
          }
        }
        // Tables differ by at most one person per delegation.
        for (const d of scenario.delegations) {
          const sizes = Array.from({ length: tables }, (_, i) => count(places, (p) => p.table === i + 1 && p.delegation === d.id));
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("keeps the places it is told to keep", () => {
    const options = ClassOptions.parse({ scenario: "summit", layout: { kind: "count", tables: 2 } });
    const keep = { s0: { table: 2, delegation: "c" } };
    const { assignments } = autoAssign(ids(3), options, scenario, 2, keep);
    expect(assignments.s0).toEqual({ table: 2, delegation: "c" });
    expect(Object.values(assignments).filter((p) => p.table === 2 && p.delegation === "c")).toHaveLength(1);
  });
});

describe("placeLatecomer and checkPlace", () => {
  const options = ClassOptions.parse({ scenario: "summit", layout: { kind: "count", tables: 2 }, bots: { c: "hard" } });

  it("gives a latecomer the first empty delegation, then nothing when the class is full", () => {
    const full = autoAssign(ids(3), options, scenario, 2).assignments;
    expect(placeLatecomer(options, scenario, 2, full)).toEqual({ table: 2, delegation: "b" });
    const all = autoAssign(ids(4), options, scenario, 2).assignments;
    expect(placeLatecomer(options, scenario, 2, all)).toBeNull();
  });

  it("names what is wrong with a hand-made place", () => {
    const taken = { s0: { table: 1, delegation: "a" } };
    expect(checkPlace("s1", { table: 1, delegation: "a" }, options, scenario, 2, taken)).toBe("assign: Alpha at table 1 already has 1 person");
    expect(checkPlace("s0", { table: 1, delegation: "a" }, options, scenario, 2, taken)).toBeNull();
    expect(checkPlace("s1", { table: 3, delegation: "a" }, options, scenario, 2, taken)).toMatch(/field 'table' must be between 1 and 2/);
    expect(checkPlace("s1", { table: 1, delegation: "c" }, options, scenario, 2, taken)).toMatch(/c is played by a bot/);
    expect(checkPlace("s1", { table: 1, delegation: "zz" }, options, scenario, 2, taken)).toMatch(/field 'delegation' names no delegation/);
  });
});
