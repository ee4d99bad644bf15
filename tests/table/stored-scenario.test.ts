// A stored match's scenario, read back from its row (server/db/replay.ts): the tables of one
// scenario share one read-only object, so that a restart restoring many tables parses the JSON
// and works out the rules' per-scenario facts once, not once per table.
import { describe, expect, it } from "vitest";
import { ScenarioCatalog } from "../../server/catalog.ts";
import { PARSED_SCENARIOS_KEPT, replayMatch, storedScenario } from "../../server/db/replay.ts";
import { storedOptions } from "../../server/table/open.ts";
import { CreateOptions } from "../../shared/protocol/index.ts";
import { FIXTURE_SCENARIOS } from "../server/harness.ts";

function bilateral(): string {
  const catalog = new ScenarioCatalog(FIXTURE_SCENARIOS);
  catalog.loadAll();
  const scenario = catalog.get("bilateral-test");
  if (!scenario) throw new Error("the bilateral-test fixture is missing");
  return JSON.stringify(scenario);
}

describe("storedScenario", () => {
  it("gives the rows of one scenario one object, and their replayed games share it", () => {
    // Two rows read separately: equal JSON, distinct strings.
    const json = bilateral();
    const a = { id: "m-a", scenario_json: json, seed: 1 };
    const b = { id: "m-b", scenario_json: `${json} `.trimEnd(), seed: 2 };
    expect(storedScenario(b)).toBe(storedScenario(a));
    expect(storedScenario(a).id).toBe("bilateral-test");
    const gameA = replayMatch({ match: a as never, actions: [] });
    const gameB = replayMatch({ match: b as never, actions: [] });
    expect(gameB.scenario).toBe(gameA.scenario);
    expect(gameA.seed).toBe(1);
    expect(gameB.seed).toBe(2);
  });

  it("keeps only the most recently used few", () => {
    const json = bilateral();
    const first = storedScenario({ id: "m-first", scenario_json: json });
    for (let i = 0; i < PARSED_SCENARIOS_KEPT; i++) storedScenario({ id: `m-${i}`, scenario_json: JSON.stringify({ ...JSON.parse(json), id: `other-${i}` }) });
    // Pushed out by as many others: parsed anew, equal but not the same object.
    const again = storedScenario({ id: "m-again", scenario_json: json });
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it("names the match whose stored scenario is not JSON", () => {
    expect(() => storedScenario({ id: "m-broken", scenario_json: "{not json" })).toThrow(/match m-broken: its stored scenario \(matches\.scenario_json\) is not JSON/);
  });
});

describe("storedOptions", () => {
  it("reads a stored table's options leniently: an option this version no longer knows is dropped, not a failed restore (a client's unknown option is refused at creation)", () => {
    const options = storedOptions(JSON.stringify({ scenario: "bilateral-test", secondsPerTurn: 60, retiredOption: true }));
    expect(options.secondsPerTurn).toBe(60);
    expect(options.botTakeover).toBe(true);
    expect("retiredOption" in options).toBe(false);
    expect(CreateOptions.safeParse({ scenario: "bilateral-test", retiredOption: true }).success).toBe(false);
  });
});
