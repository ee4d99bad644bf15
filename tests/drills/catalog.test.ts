// shared/drills/catalog.ts holds the numbers of every drill, invented by shared/drills/derive.ts
// from each drill's id: it must be exactly what derive.ts makes of scenarios/ today (after a
// scenario's issues, options or delegations change: UPDATE_DRILLS=1 npx vitest run
// tests/drills/catalog.test.ts rewrites it). Those numbers must never be a scenario's own (they
// ship in the client, and a scenario's profiles are its secrets during play), and each drill's must
// have what its idea needs.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile, scenarioIds, scenariosDir } from "../../server/scenarios.ts";
import { DRILLS } from "../../shared/drills/catalog.ts";
import { catalogSource, deriveDrill, deriveDrills } from "../../shared/drills/derive.ts";
import { DRILL_KINDS, drillCompromise, drillScenario, drillSpace, frontierDistance, type DrillDef, type DrillProfile } from "../../shared/drills/drill.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

const file = join(import.meta.dirname, "..", "..", "shared", "drills", "catalog.ts");

function load(id: string): Scenario {
  const r = loadScenarioFile(join(scenariosDir, id));
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.scenario;
}

const scenarios = scenarioIds().map(load);
const scenarioOf = (d: DrillDef) => scenarios.find((s) => s.id === d.scenario)!;
const isMultiple = (x: number, step: number) => Math.abs(x / step - Math.round(x / step)) < 1e-9;

/**
 * What "differs from the scenario" means here: for the drill's three issues, (a) on at least one
 * issue the drill's weight is 0.05 or more away from the scenario's weight for that delegation
 * (restricted to the three issues and renormalised to sum to 1), AND (b) on at least one option
 * the drill's value is 0.05 or more away from the scenario's. A drill that kept either the
 * scenario's weights or its values (even rounded) fails.
 */
function differs(real: DrillProfile | Scenario["delegations"][number]["profile"], drill: DrillProfile, issues: readonly string[]): { weights: boolean; values: boolean } {
  const total = issues.reduce((a, i) => a + (real.weights[i] ?? 0), 0);
  const weights = total === 0 || issues.some((i) => Math.abs((real.weights[i] ?? 0) / total - drill.weights[i]!) >= 0.05);
  const values = issues.some((i) => Object.keys(drill.values[i]!).some((o) => Math.abs((real.values[i]?.[o] ?? 0) - drill.values[i]![o]!) >= 0.05));
  return { weights, values };
}

/** The packages of a drill with both sides' utilities, by brute force. */
function everyPackage(s: Scenario): { u: number[] }[] {
  let out: Record<string, string>[] = [{}];
  for (const issue of s.issues) out = out.flatMap((p) => issue.options.map((o) => ({ ...p, [issue.id]: o.id })));
  const u = (d: number, p: Record<string, string>) => s.issues.reduce((a, i) => a + s.delegations[d]!.profile.weights[i.id]! * s.delegations[d]!.profile.values[i.id]![p[i.id]!]!, 0);
  return out.map((p) => ({ u: [u(0, p), u(1, p)] }));
}

const order = (p: DrillProfile, issues: readonly string[]) => [...issues].sort((x, y) => p.weights[y]! - p.weights[x]!);

describe("the drills' catalog", () => {
  const derived = scenarios.flatMap(deriveDrills);

  it("is what derive.ts makes of the scenarios", () => {
    const text = catalogSource(derived);
    if (process.env.UPDATE_DRILLS === "1") writeFileSync(file, text);
    expect(readFileSync(file, "utf8"), "shared/drills/catalog.ts is stale: UPDATE_DRILLS=1 npx vitest run tests/drills/catalog.test.ts").toBe(text);
    expect(DRILLS).toEqual(derived);
  });

  it("has the three kinds for every scenario, each on the scenario's own issues, options and delegations", () => {
    for (const s of scenarios) {
      expect(DRILLS.filter((d) => d.scenario === s.id).map((d) => d.kind)).toEqual([...DRILL_KINDS]);
    }
    for (const d of DRILLS) {
      const s = scenarioOf(d);
      expect(d.issues).toHaveLength(3);
      expect(new Set(d.issues).size).toBe(3);
      expect(d.player).not.toBe(d.partner);
      expect(Object.keys(d.profiles).sort()).toEqual([d.player, d.partner].sort());
      for (const who of [d.player, d.partner]) {
        expect(s.delegations.map((x) => x.id)).toContain(who);
        const p = d.profiles[who]!;
        expect(Object.keys(p.weights).sort()).toEqual([...d.issues].sort());
        for (const i of d.issues) {
          const options = s.issues.find((x) => x.id === i)!.options.map((o) => o.id);
          expect(Object.keys(p.values[i]!).sort()).toEqual([...options].sort());
        }
      }
    }
  });

  it("invents every number: multiples of 0.05 (weights, walk-aways) and 0.1 (values, 0 to 1 on every issue)", () => {
    for (const d of DRILLS) {
      for (const who of [d.player, d.partner]) {
        const p = d.profiles[who]!;
        expect(Object.values(p.weights).reduce((a, w) => a + w, 0)).toBeCloseTo(1, 12);
        for (const i of d.issues) {
          expect(isMultiple(p.weights[i]!, 0.05), `${d.id} ${who} weight ${i}`).toBe(true);
          expect(p.weights[i]!).toBeGreaterThan(0);
          const v = Object.values(p.values[i]!);
          expect(v.every((x) => isMultiple(x, 0.1) && x >= 0 && x <= 1), `${d.id} ${who} values ${i}`).toBe(true);
          expect([Math.min(...v), Math.max(...v)]).toEqual([0, 1]);
          expect(new Set(v).size).toBe(v.length);
        }
        expect(isMultiple(p.reservationValue, 0.05)).toBe(true);
      }
    }
  });

  it("never repeats a scenario's profile: for every drill and both delegations, the weights and the values differ from the scenario's", () => {
    for (const d of DRILLS) {
      const s = scenarioOf(d);
      for (const who of [d.player, d.partner]) {
        const real = s.delegations.find((x) => x.id === who)!.profile;
        expect(differs(real, d.profiles[who]!, d.issues), `${d.id}: ${who}`).toEqual({ weights: true, values: true });
      }
    }
  });

  it("takes nothing from the scenario's profiles: the same drills come out of the scenario with every profile replaced, except where the first draw copied it", () => {
    const redrawn: string[] = [];
    for (const s of scenarios) {
      const blank: Scenario = {
        ...s,
        delegations: s.delegations.map((d) => ({
          ...d,
          profile: {
            ...d.profile,
            weights: Object.fromEntries(s.issues.map((i) => [i.id, 1 / s.issues.length])),
            values: Object.fromEntries(s.issues.map((i) => [i.id, Object.fromEntries(i.options.map((o) => [o.id, 0.55]))])),
            reservationValue: 0.3,
          },
        })),
      };
      for (const d of deriveDrills(blank)) {
        const kept = DRILLS.find((x) => x.id === d.id)!;
        if (JSON.stringify(d) === JSON.stringify(kept)) continue;
        // Drawn again for the real scenario: only because this first draw came too close to it.
        redrawn.push(d.id);
        const close = [d.player, d.partner].some((who) => {
          const diff = differs(s.delegations.find((x) => x.id === who)!.profile, d.profiles[who]!, d.issues);
          return !diff.weights || !diff.values;
        });
        expect(close, `${d.id} differs from the blank scenario's without a reason`).toBe(true);
      }
    }
    // A draw as close as that is rare: most drills are their id's first draw.
    expect(redrawn.length).toBeLessThanOrEqual(2);
  });

  it("draws again when a draw would copy the scenario: a scenario given a drill's own profile gets other numbers, which differ from it", () => {
    for (const d of DRILLS.filter((x) => x.scenario === "us-china-2015")) {
      const s = scenarioOf(d);
      const copied = d.profiles[d.partner]!;
      const rigged: Scenario = {
        ...s,
        delegations: s.delegations.map((x) =>
          x.id === d.partner
            ? { ...x, profile: { ...x.profile, weights: { ...x.profile.weights, ...copied.weights }, values: { ...x.profile.values, ...copied.values } } }
            : x,
        ),
      };
      const again = deriveDrill(rigged, d.kind)!;
      expect(again.profiles[d.partner]).not.toEqual(copied);
      const real = rigged.delegations.find((x) => x.id === d.partner)!.profile;
      expect(differs(real, again.profiles[d.partner]!, again.issues)).toEqual({ weights: true, values: true });
    }
  });
});

describe("what ships", () => {
  it("derive.ts, the one reader of the scenarios' numbers, is imported by no client, server or shared module", () => {
    const root = join(import.meta.dirname, "..", "..");
    const importers: string[] = [];
    for (const dir of ["client", "server", "shared", "bin"]) {
      for (const f of readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })) {
        if (!/\.(ts|js|mjs)$/.test(f) || f.includes("node_modules") || f.startsWith("dist")) continue;
        if (/from\s+["'][^"']*drills\/derive(\.ts)?["']/.test(readFileSync(join(root, dir, f), "utf8"))) importers.push(`${dir}/${f}`);
      }
    }
    expect(importers).toEqual([]);
    // The catalog the client imports holds numbers only, no reference to the scenarios' profiles.
    expect(readFileSync(file, "utf8")).not.toMatch(/from\s+["'][^"']*(scenario|scenarios|derive)/);
  });
});

describe("each drill's numbers teach its idea", () => {
  const played = (d: DrillDef) => drillScenario(scenarioOf(d), d);

  it.each(DRILLS.filter((d) => d.kind === "trade").map((d) => [d.id, d] as const))("%s: the two sides rank the issues in opposite orders, and the compromise lies at least 0.1 from the frontier", (_id, d) => {
    expect(order(d.profiles[d.partner]!, d.issues)).toEqual(order(d.profiles[d.player]!, d.issues).reverse());
    const s = played(d);
    expect(frontierDistance(drillSpace(s), drillCompromise(s))).toBeGreaterThanOrEqual(0.1 - 1e-9);
  });

  it.each(DRILLS.filter((d) => d.kind === "hold").map((d) => [d.id, d] as const))("%s: the Boulware's one best package is worth 0.1 or more to the learner, 0.1–0.25 below its walk-away; a deal it can take pays 0.1 more", (_id, d) => {
    const all = everyPackage(played(d));
    const [r0, r1] = [d.profiles[d.player]!.reservationValue, d.profiles[d.partner]!.reservationValue];
    const top = Math.max(...all.map((p) => p.u[1]!));
    const openings = all.filter((p) => Math.abs(p.u[1]! - top) < 1e-12);
    expect(openings).toHaveLength(1);
    expect(r0 - openings[0]!.u[0]!).toBeGreaterThanOrEqual(0.1 - 1e-9);
    expect(r0 - openings[0]!.u[0]!).toBeLessThanOrEqual(0.25 + 1e-9);
    expect(openings[0]!.u[0]!).toBeGreaterThanOrEqual(0.1 - 1e-9);
    const zone = all.filter((p) => p.u[0]! >= r0 - 1e-9 && p.u[1]! >= r1 - 1e-9);
    expect(Math.max(...zone.map((p) => p.u[0]!))).toBeGreaterThanOrEqual(r0 + 0.1 - 1e-9);
  });

  it.each(DRILLS.filter((d) => d.kind === "read").map((d) => [d.id, d] as const))("%s: the partner's three weights are at least 0.15 apart", (_id, d) => {
    const w = Object.values(d.profiles[d.partner]!.weights).sort((a, b) => b - a);
    expect(w[0]! - w[1]!).toBeGreaterThanOrEqual(0.15 - 1e-9);
    expect(w[1]! - w[2]!).toBeGreaterThanOrEqual(0.15 - 1e-9);
  });
});
