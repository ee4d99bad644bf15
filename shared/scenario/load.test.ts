import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { parseScenario, checkScenario } from "./load.ts";
import { fixtureData } from "../../tests/helpers/fixtures.ts";
import type { ScenarioInput } from "./schema.ts";

const FILE = "scenarios/x/scenario.yaml";

function check(mutate: (s: ScenarioInput) => void, id: "bilateral-test" | "multilateral-test" = "bilateral-test") {
  const data = fixtureData(id);
  mutate(data);
  return checkScenario(FILE, data);
}

function errorsOf(result: ReturnType<typeof checkScenario>): string[] {
  return result.ok ? [] : result.errors;
}

describe("loading a scenario", () => {
  it("accepts both fixtures without errors or warnings", () => {
    for (const id of ["bilateral-test", "multilateral-test"] as const) {
      const result = parseScenario(FILE, YAML.stringify(fixtureData(id)));
      expect(result).toMatchObject({ ok: true, warnings: [] });
    }
  });

  it("fills defaults: seats, redLines, agreement", () => {
    const result = check(() => {}, "multilateral-test");
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.scenario.delegations[1]!.seats).toEqual({ min: 1, max: 1 });
    expect(result.scenario.delegations[1]!.profile.redLines).toEqual([]);
  });

  it("names the file and field when weights do not sum to 1", () => {
    const result = check((s) => {
      s.delegations[1]!.profile.weights = { notification: 0.2, funding: 0.43, scope: 0.3 };
    });
    expect(errorsOf(result)).toEqual([`${FILE}: delegations[1].profile.weights: sum is 0.93, must be 1`]);
  });

  it("tolerates rounding noise in the weights (±1e-6)", () => {
    const result = check((s) => {
      s.delegations[1]!.profile.weights = { notification: 0.2, funding: 0.5000004, scope: 0.3 };
    });
    expect(result.ok).toBe(true);
  });

  it("refuses values outside [0,1] with their path", () => {
    const result = check((s) => {
      s.delegations[0]!.profile.values.funding!.split = 1.5;
    });
    expect(errorsOf(result)).toEqual([`${FILE}: delegations[0].profile.values.funding.split: must be at most 1`]);
  });

  it("refuses unknown ids in profiles, red lines, injects and the historical outcome", () => {
    const result = check((s) => {
      s.delegations[0]!.profile.values.funding = { "north-pays": 0, split: 0.6, "south-pays": 1, "nobody-pays": 1 };
      s.delegations[0]!.profile.redLines = [{ issue: "scope", option: "everything" }];
      s.injects![0]!.changes![0]!.delegation = "west";
      s.historicalOutcome!.package.funding = "lottery";
    });
    expect(errorsOf(result)).toEqual([
      `${FILE}: delegations[0].profile.values.funding.nobody-pays: unknown option "nobody-pays" of issue "funding"`,
      `${FILE}: delegations[0].profile.redLines[0]: unknown option "everything" of issue "scope"`,
      `${FILE}: injects[0].changes[0].delegation: unknown delegation "west"`,
      `${FILE}: historicalOutcome.package.funding: unknown option "lottery" of issue "funding"`,
    ]);
  });

  it("refuses a profile that leaves an issue or option without a value", () => {
    const result = check((s) => {
      delete s.delegations[1]!.profile.values.scope!.critical;
    });
    expect(errorsOf(result)).toEqual([`${FILE}: delegations[1].profile.values.scope: no value for option "critical"`]);
  });

  it("refuses duplicate ids", () => {
    const result = check((s) => {
      s.issues[2]!.options[1]!.id = "all";
      s.delegations[1]!.id = "north";
    });
    const errors = errorsOf(result);
    expect(errors).toContain(`${FILE}: delegations: duplicate delegation id "north"`);
    expect(errors).toContain(`${FILE}: issues[2].options: duplicate option id "all"`);
  });

  it("refuses an inject that would never fire and one whose new weights do not sum to 1", () => {
    const result = check((s) => {
      s.injects![0]!.trigger = { round: 7 };
      s.injects![1]!.changes![0]!.weights = { notification: 0.5, funding: 0.5, scope: 0.5 };
    });
    expect(errorsOf(result)).toEqual([
      `${FILE}: injects[0].trigger.round: round 7 comes after the deadline (6 rounds): it would never fire`,
      `${FILE}: injects[1].changes[0].weights: sum is 1.5, must be 1`,
    ]);
  });

  it("refuses a scenario with no zone of possible agreement", () => {
    const result = check((s) => {
      s.delegations[0]!.profile.reservationValue = 0.8;
      s.delegations[1]!.profile.reservationValue = 0.8;
    });
    expect(errorsOf(result)).toHaveLength(1);
    expect(errorsOf(result)[0]).toMatch(/^scenarios\/x\/scenario\.yaml: delegations: no zone of possible agreement/);
  });

  it("counts red lines and the quorum in the zone of possible agreement", () => {
    // Only binding+training works for alpha, gamma and delta; with a quorum of 4, beta must accept too.
    const quorum4 = check((s) => {
      s.agreement = { quorum: 4 };
    }, "multilateral-test");
    expect(quorum4.ok).toBe(true);
    const redLine = check((s) => {
      s.agreement = { quorum: 4 };
      s.delegations[2]!.profile.redLines = [{ issue: "assistance", option: "fund" }];
      s.delegations[2]!.profile.reservationValue = 0.7;
    }, "multilateral-test");
    expect(errorsOf(redLine)[0]).toMatch(/no zone of possible agreement/);
  });

  it("warns when a delegation's reservation value beats every package", () => {
    const result = check((s) => {
      s.delegations[2]!.profile.reservationValue = 0.95;
    }, "multilateral-test");
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      `${FILE}: delegations[2].profile.reservationValue: 0.95 beats every package (its best is 0.9): gamma gains nothing from any deal`,
    ]);
  });

  it("warns when one package is best for everyone", () => {
    const result = check((s) => {
      s.delegations[1]!.profile.values = s.delegations[0]!.profile.values;
      s.delegations[1]!.profile.redLines = [];
    });
    expect(result.ok).toBe(true);
    expect(result.warnings[0]).toMatch(/is best for every delegation: there is nothing to negotiate$/);
  });

  it("reports YAML syntax errors with a line number and unknown fields by name", () => {
    const broken = parseScenario(FILE, "id: x\ntitle: [unclosed\n");
    expect(broken.ok).toBe(false);
    expect(errorsOf(broken as never)[0]).toMatch(/^scenarios\/x\/scenario\.yaml: line \d+, column \d+: /);
    const unknown = check((s) => {
      (s as Record<string, unknown>).deadlines = 3;
    });
    expect(errorsOf(unknown)).toEqual([`${FILE}: (top level): Unrecognized key: "deadlines"`]);
  });
});
