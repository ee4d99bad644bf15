// A bot never makes an illegal move on the shipped scenarios and on imported GENIUS domains.
import { describe, expect, it } from "vitest";
import { loadScenarioFile, scenarioIds, scenariosDir } from "../../server/scenarios.ts";
import { fuzz, games } from "./fuzz.ts";
import { geniusScenarios } from "./scenarios.ts";

describe("bots never make an illegal move", () => {
  it("on every scenario in scenarios/", () => {
    for (const id of scenarioIds()) {
      const loaded = loadScenarioFile(`${scenariosDir}/${id}`);
      // A broken scenario is the validation tests' business; here it only cannot be played.
      if (!loaded.ok) {
        console.log(`skipping scenario ${id}: it does not load (${loaded.errors[0]})`);
        continue;
      }
      const { moves } = fuzz(loaded.scenario, games(25), id.length);
      expect(moves, id).toBeGreaterThan(0);
    }
  });

  it("on imported GENIUS domains", (ctx) => {
    const { scenarios, missing } = geniusScenarios(8);
    if (missing !== null) {
      console.log(`skipping the GENIUS part: ${missing}`);
      ctx.skip();
      return;
    }
    for (const scenario of scenarios) {
      const { moves } = fuzz(scenario, games(scenario.delegations.length > 2 ? 40 : 80), scenario.issues.length);
      expect(moves, scenario.id).toBeGreaterThan(0);
    }
  });
});
