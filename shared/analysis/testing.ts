// Test support only (imported by *.test.ts): random outcome spaces for fast-check and brute-force
// references computed package by package from utility.ts, with no code shared with the fast paths.
import { snap } from "./pareto.ts";
import fc from "fast-check";
import type { Issue, Profile } from "../scenario/schema.ts";
import { outcomeSpace, packageAt, redLinesCrossed, utility, type OutcomeSpace, type Party } from "./utility.ts";

export interface Built {
  issues: Issue[];
  parties: Party[];
  space: OutcomeSpace;
}

export function build(optionCounts: readonly number[], profiles: readonly Omit<Profile, "redLines">[], redLines: readonly (readonly [number, number, number])[] = []): Built {
  const issues: Issue[] = optionCounts.map((count, i) => ({
    id: `i${i}`,
    title: `Issue ${i}`,
    description: "",
    options: Array.from({ length: count }, (_, o) => ({ id: `o${o}`, label: `Option ${o}`, description: "" })),
  }));
  const parties: Party[] = profiles.map((profile, p) => ({
    id: `p${p}`,
    profile: {
      ...profile,
      redLines: redLines.filter(([q]) => q === p).map(([, i, o]) => ({ issue: `i${i}`, option: `o${o}` })),
    },
  }));
  return { issues, parties, space: outcomeSpace(issues, parties) };
}

/** Profiles from plain arrays: weights[i], values[i][o], in issue order (so utility() sums in issue order). */
export function profile(weights: readonly number[], values: readonly (readonly number[])[], reservationValue: number): Omit<Profile, "redLines"> {
  return {
    weights: Object.fromEntries(weights.map((w, i) => [`i${i}`, w])),
    values: Object.fromEntries(values.map((vs, i) => [`i${i}`, Object.fromEntries(vs.map((v, o) => [`o${o}`, v]))])),
    reservationValue,
  };
}

export interface SpaceOptions {
  /** Grid values (weights k/4, values k/8): exact binary sums, and many ties. Otherwise thousandths. */
  dyadic?: boolean;
  minParties?: number;
  maxParties?: number;
  /** Chance in 1/n that an option is a party's red line (0: none). */
  redLineOneIn?: number;
}

/** 2–4 parties, 1–5 issues, 1–5 options, optional red lines. */
export function arbitrarySpace(opts: SpaceOptions = {}): fc.Arbitrary<Built> {
  const { dyadic = true, minParties = 2, maxParties = 4, redLineOneIn = 12 } = opts;
  const weight = dyadic ? fc.integer({ min: 0, max: 4 }).map((x) => x / 4) : fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000);
  const value = dyadic ? fc.integer({ min: 0, max: 8 }).map((x) => x / 8) : fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000);
  const reservation = dyadic ? fc.integer({ min: 0, max: 10 }).map((x) => x / 8) : fc.integer({ min: 0, max: 1100 }).map((x) => x / 1000);
  return fc
    .record({
      options: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }),
      parties: fc.integer({ min: minParties, max: maxParties }),
    })
    .chain(({ options, parties }) =>
      fc
        .record({
          profiles: fc.array(
            fc.record({
              weights: fc.array(weight, { minLength: options.length, maxLength: options.length }),
              values: fc.tuple(...options.map((m) => fc.array(value, { minLength: m, maxLength: m }))),
              reservation,
            }),
            { minLength: parties, maxLength: parties },
          ),
          red: fc.array(
            fc.tuple(...options.map((m) => fc.array(fc.integer({ min: 0, max: Math.max(0, redLineOneIn - 1) }), { minLength: m, maxLength: m }))),
            { minLength: parties, maxLength: parties },
          ),
        })
        .map(({ profiles, red }) => {
          const lines: [number, number, number][] = [];
          if (redLineOneIn > 0)
            red.forEach((byIssue, p) => byIssue.forEach((os, i) => os.forEach((x, o) => x === 0 && lines.push([p, i, o]))));
          return build(
            options,
            profiles.map((pr) => profile(pr.weights, pr.values, pr.reservation)),
            lines,
          );
        }),
    );
}

export interface Row {
  index: number;
  u: number[];
  crossed: boolean[];
  signable: boolean;
}

/** Every package, the slow way: packageAt, utility(), redLinesCrossed(). */
export function bruteRows({ parties, space }: Built): Row[] {
  return Array.from({ length: space.size }, (_, index) => {
    const pkg = packageAt(space, index);
    const u = parties.map((p) => utility(p.profile, pkg));
    const crossed = parties.map((p) => redLinesCrossed(p.profile, pkg).length > 0);
    return { index, u, crossed, signable: !crossed.some(Boolean) };
  });
}

export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let strict = false;
  for (let p = 0; p < a.length; p++) {
    if (a[p]! < b[p]!) return false;
    if (a[p]! > b[p]!) strict = true;
  }
  return strict;
}

/** O(N²) Pareto filter over signable rows: lowest index per distinct vector, with how many share it; by index. */
export function brutePareto(rows: readonly Row[]): { index: number; u: number[]; multiplicity: number }[] {
  // Utilities equal up to floating-point noise are equal: compare them on paretoFrontier's grid.
  const ok = rows.filter((r) => r.signable).map((r) => ({ ...r, u: r.u.map(snap) }));
  const front = ok.filter((r) => !ok.some((s) => dominates(s.u, r.u)));
  const byVector = new Map<string, { index: number; u: number[]; multiplicity: number }>();
  for (const r of front) {
    const key = r.u.join(",");
    const seen = byVector.get(key);
    if (seen) seen.multiplicity++;
    else byVector.set(key, { index: r.index, u: r.u, multiplicity: 1 });
  }
  return [...byVector.values()].sort((a, b) => a.index - b.index);
}

export function bruteIdeal(rows: readonly Row[], reservation: readonly number[]): number[] {
  const ok = rows.filter((r) => r.signable);
  return reservation.map((r, p) => (ok.length === 0 ? r : Math.max(...ok.map((row) => row.u[p]!))));
}

function argmax(rows: readonly Row[], score: (r: Row) => number[]): number | null {
  let best: number[] | null = null;
  let at: number | null = null;
  for (const r of rows) {
    const s = score(r);
    let better = best === null;
    for (let i = 0; !better && best !== null && i < s.length; i++) {
      if (s[i]! > best[i]!) better = true;
      else if (s[i]! < best[i]!) break;
    }
    if (better) {
      best = s;
      at = r.index;
    }
  }
  return at;
}

export interface BrutePoints {
  nash: number | null;
  ks: number | null;
  welfare: number | null;
  opposition: number;
  ideal: number[];
}

export function brutePoints(rows: readonly Row[], reservation: readonly number[]): BrutePoints {
  const ideal = bruteIdeal(rows, reservation);
  const signable = rows.filter((r) => r.signable);
  const rational = signable.filter((r) => r.u.every((u, p) => u >= reservation[p]!));
  const welfare = (r: Row) => r.u.reduce((a, u) => a + u, 0);
  const nash = argmax(rational, (r) => [r.u.reduce((a, u, p) => a * (u - reservation[p]!), 1)]);
  const ks = argmax(rational, (r) => [
    Math.min(...r.u.map((u, p) => (ideal[p]! - reservation[p]! > 0 ? (u - reservation[p]!) / (ideal[p]! - reservation[p]!) : 1))),
    welfare(r),
  ]);
  const maxW = argmax(signable, (r) => [welfare(r)]);
  const opposition = Math.sqrt(
    Math.min(...rational.map((r) => r.u.reduce((a, u, p) => a + (1 - u / (ideal[p]! !== 0 ? ideal[p]! : 1)) ** 2, 0))),
  );
  return { nash, ks, welfare: maxW, opposition, ideal };
}
