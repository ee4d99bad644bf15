// shared/drills/catalog.ts holds the numbers of every drill, worked out from the scenarios by
// shared/drills/derive.ts: it must be exactly what derive.ts makes of scenarios/ today. After a
// scenario changes: UPDATE_DRILLS=1 npx vitest run tests/drills/catalog.test.ts rewrites it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile, scenarioIds, scenariosDir } from "../../server/scenarios.ts";
import { DRILLS } from "../../shared/drills/catalog.ts";
import { catalogSource, deriveDrills } from "../../shared/drills/derive.ts";
import { DRILL_KINDS } from "../../shared/drills/drill.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

const file = join(import.meta.dirname, "..", "..", "shared", "drills", "catalog.ts");

function load(id: string): Scenario {
  const r = loadScenarioFile(join(scenariosDir, id));
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.scenario;
}

describe("the drills' catalog", () => {
  const scenarios = scenarioIds().map(load);
  const derived = scenarios.flatMap(deriveDrills);

  it("is what derive.ts makes of the scenarios", () => {
    const text = catalogSource(derived);
    if (process.env.UPDATE_DRILLS === "1") writeFileSync(file, text);
    expect(readFileSync(file, "utf8"), "shared/drills/catalog.ts is stale: UPDATE_DRILLS=1 npx vitest run tests/drills/catalog.test.ts").toBe(text);
    expect(DRILLS).toEqual(derived);
  });

  it("has the three kinds for every scenario, each cut from the scenario's own issues and delegations", () => {
    for (const s of scenarios) {
      expect(DRILLS.filter((d) => d.scenario === s.id).map((d) => d.kind)).toEqual([...DRILL_KINDS]);
    }
    for (const d of DRILLS) {
      const s = scenarios.find((x) => x.id === d.scenario)!;
      expect(d.issues).toHaveLength(3);
      expect(d.player).not.toBe(d.partner);
      for (const who of [d.player, d.partner]) {
        const original = s.delegations.find((x) => x.id === who)!.profile;
        const profile = d.profiles[who]!;
        const sum = d.issues.reduce((a, i) => a + original.weights[i]!, 0);
        for (const i of d.issues) {
          // Weights restricted to the three issues and renormalised; values exactly the scenario's.
          expect(profile.weights[i]).toBeCloseTo(original.weights[i]! / sum, 12);
          expect(profile.values[i]).toEqual(original.values[i]);
        }
        expect(Object.values(profile.weights).reduce((a, w) => a + w, 0)).toBeCloseTo(1, 12);
        expect(profile.reservationValue * 20).toBeCloseTo(Math.round(profile.reservationValue * 20), 9);
      }
    }
  });
});
