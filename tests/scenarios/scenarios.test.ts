// The historical scenarios in scenarios/: each loads with no warnings, and bots play it both to an
// agreement and to the deadline on several seeds, through the rules engine, with every inject.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile, scenarioIds, scenariosDir } from "../../server/scenarios.ts";
import { analyzeScenario } from "../../shared/analysis/report.ts";
import { botsFor, playGame } from "../../shared/bots/index.ts";
import type { BotName } from "../../shared/bots/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

const EXPECTED = ["bangladesh-capacity-building", "eu-cyber-toolbox-2017", "sco-code-of-conduct-2015", "un-cybercrime-convention-2024", "us-china-2015"];
const SEEDS = [1, 2, 3, 4, 5];

function load(id: string): Scenario {
  const result = loadScenarioFile(join(scenariosDir, id));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  expect(result.warnings).toEqual([]);
  return result.scenario;
}

function everyone(scenario: Scenario, name: BotName): Record<string, BotName> {
  return Object.fromEntries(scenario.delegations.map((d) => [d.id, name]));
}

/** The facilitator fires every facilitator-triggered inject in round 2, as a class would see them. */
function fireInjects(scenario: Scenario) {
  return (state: { round: number; version: number; firedInjects: readonly string[] }) => {
    if (state.round < 2) return null;
    const next = scenario.injects.find((i) => i.trigger === "facilitator" && !state.firedInjects.includes(i.id));
    return next ? { type: "fire_inject" as const, injectId: next.id, actionId: `fire-${next.id}`, version: state.version, by: { kind: "facilitator" as const } } : null;
  };
}

describe("the historical scenarios", () => {
  it("are all present", () => {
    expect(scenarioIds()).toEqual(expect.arrayContaining(EXPECTED));
  });

  describe.each(EXPECTED)("%s", (id) => {
    it("has teaching notes and a balance command beside it", () => {
      for (const file of ["facilitator.md", "balance.sh"]) expect(existsSync(join(scenariosDir, id, file)), file).toBe(true);
      const notes = readFileSync(join(scenariosDir, id, "facilitator.md"), "utf8");
      expect(notes).toMatch(/balance/i);
      expect(notes).toMatch(/debrief/i);
    });

    it("has a zone of agreement, a historical outcome, and a Nash point that is not that outcome", () => {
      const scenario = load(id);
      const analysis = analyzeScenario(scenario);
      expect(analysis.nash).not.toBeNull();
      expect(scenario.historicalOutcome).toBeDefined();
      expect(analysis.nash!.package).not.toEqual(scenario.historicalOutcome!.package);
      expect(scenario.issues.length).toBeGreaterThanOrEqual(4);
      expect(scenario.issues.length).toBeLessThanOrEqual(7);
      for (const issue of scenario.issues) expect(issue.options.length).toBeGreaterThanOrEqual(2);
    });

    it("is played to an agreement by bots on several seeds", () => {
      const scenario = load(id);
      // Which strategy settles depends on the hand (a conceding chair can give away what others need).
      const settled = SEEDS.filter((seed) =>
        (["conceder", "linear", "boulware", "diplomat"] as const).some((name) => {
          const played = playGame(scenario, seed, botsFor(scenario, seed, everyone(scenario, name)), { facilitator: fireInjects(scenario) });
          if (!played.outcome.agreement) return false;
          // Bots accept nothing below their walk-away point: every required delegation is at or above it.
          for (const required of played.state.agreement.required) {
            expect(played.outcome.utilities[required]).toBeGreaterThanOrEqual(played.state.profiles[required]!.reservationValue - 1e-9);
          }
          return true;
        }),
      );
      expect(settled.length, `seeds with an agreement among ${SEEDS.join(",")}`).toBeGreaterThanOrEqual(3);
    });

    it("is played to the deadline by hardliners on several seeds", () => {
      const scenario = load(id);
      for (const seed of SEEDS) {
        const played = playGame(scenario, seed, botsFor(scenario, seed, everyone(scenario, "hardliner")), { facilitator: fireInjects(scenario) });
        expect(played.outcome.agreement).toBe(false);
        expect(played.outcome.reason).toBe("deadline");
        for (const d of scenario.delegations) expect(played.outcome.utilities[d.id]).toBe(played.state.profiles[d.id]!.reservationValue);
      }
    });
  });
});
