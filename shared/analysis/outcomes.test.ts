import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { blocks, crossedOf, signableCount, utilities, utilitiesOf, walk, zoneOfAgreement } from "./index.ts";
import { arbitrarySpace, build, bruteRows, profile } from "./testing.ts";
import { lexOrderDesc, radixDesc } from "./sort.ts";

describe("utilities", () => {
  it("matches utility() and redLinesCrossed() package by package, bit for bit", () => {
    fc.assert(
      fc.property(fc.oneof(arbitrarySpace(), arbitrarySpace({ dyadic: false })), (built) => {
        const table = utilities(built.space);
        const rows = bruteRows(built);
        expect(table.size).toBe(rows.length);
        for (const row of rows) {
          expect(table.u.map((col) => col[row.index])).toEqual(row.u);
          expect(table.crossed.map((col) => col[row.index] === 1)).toEqual(row.crossed);
          expect(table.signable[row.index] === 1).toBe(row.signable);
          expect(utilitiesOf(built.space, row.index)).toEqual(row.u);
          expect(crossedOf(built.space, row.index)).toEqual(row.crossed);
        }
        expect(signableCount(built.space)).toBe(rows.filter((r) => r.signable).length);
      }),
      { numRuns: 150 },
    );
  });

  it("walks blocks in ascending package order and can stop early", () => {
    const { space } = build([3, 2, 4], [profile([0.5, 0.25, 0.25], [[1, 0, 0.5], [0, 1], [0, 0.25, 0.5, 1]], 0)]);
    const seen: number[] = [];
    const b = blocks(space);
    walk(b, (_base, _red, index, _w, pos) => {
      for (let t = 0; t < b.last.length; t++) seen.push(index + b.last[t]!);
      expect(pos).toBe(seen.length - b.last.length);
    });
    expect(seen).toEqual(Array.from({ length: 24 }, (_, i) => i));
    let calls = 0;
    walk(b, () => ++calls === 2);
    expect(calls).toBe(2);
  });
});

describe("zoneOfAgreement", () => {
  it("counts the packages every required party and a quorum accept, as a brute force does", () => {
    fc.assert(
      fc.property(
        arbitrarySpace().chain((built) =>
          fc.record({
            built: fc.constant(built),
            required: fc.array(fc.boolean(), { minLength: built.parties.length, maxLength: built.parties.length }),
            quorum: fc.integer({ min: 0, max: built.parties.length + 1 }),
          }),
        ),
        ({ built, required, quorum }) => {
          const rows = bruteRows(built);
          const r = built.space.reservation;
          const inZone = rows.filter((row) => {
            const accepts = row.u.map((u, p) => u >= r[p]! && !row.crossed[p]);
            return accepts.every((a, p) => a || !required[p]) && accepts.filter(Boolean).length >= quorum;
          });
          const zone = zoneOfAgreement(built.space, required, quorum);
          expect(zone.count).toBe(inZone.length);
          expect(zone.first).toBe(inZone[0]?.index ?? -1);
          const quick = zoneOfAgreement(built.space, required, quorum, { stopAtFirst: true });
          expect(quick).toEqual({ count: Math.min(1, inZone.length), first: inZone[0]?.index ?? -1 });
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("ordering", () => {
  const awkward = fc.oneof(
    fc.double({ noNaN: true }),
    fc.constantFrom(0, -0, 1, -1, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, 0.5),
  );

  it("radixDesc sorts descending, stably, like a comparator sort", () => {
    fc.assert(
      fc.property(fc.array(awkward, { maxLength: 300 }), (values) => {
        const key = Float64Array.from(values);
        const expected = [...key.keys()].sort((a, b) => (key[b]! > key[a]! ? 1 : key[b]! < key[a]! ? -1 : a - b));
        expect([...radixDesc(key, key.length)]).toEqual(expected);
      }),
    );
  });

  it("lexOrderDesc gives the same order on its radix and comparator paths", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((k) =>
          fc.array(fc.array(fc.integer({ min: -3, max: 3 }).map((x) => x / 2), { minLength: k, maxLength: k }), { maxLength: 200 }),
        ),
        (points) => {
          const k = points[0]?.length ?? 1;
          const cols = Array.from({ length: k }, (_, p) => Float64Array.from(points, (pt) => pt[p]!));
          expect([...lexOrderDesc(cols, points.length, 0)]).toEqual([...lexOrderDesc(cols, points.length, Infinity)]);
        },
      ),
    );
  });
});
