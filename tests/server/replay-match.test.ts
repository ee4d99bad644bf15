// replayMatch (server/db/replay.ts): a match written to a real SQLite store and read back replays to
// the state the table had, on the scenario stored with the match (not today's file); a log or a row
// that cannot be replayed is an error naming the match.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGame } from "../../shared/rules/index.ts";
import { AS_FACILITATOR, Script } from "../../shared/rules/testing.ts";
import { DEFAULTS } from "../../server/config.ts";
import { replayMatch, storedScenario } from "../../server/db/replay.ts";
import { MatchStore } from "../../server/db/store.ts";
import { fixture } from "../helpers/fixtures.ts";
import { tempDir } from "./harness.ts";

const scenario = fixture("bilateral-test");
let store: MatchStore;
let dir: string;

beforeAll(async () => {
  dir = tempDir("replay-match");
  store = await MatchStore.open({ ...DEFAULTS, dataDir: dir, databaseUrl: "", logLevel: "error" });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

let codes = 0;
async function storeMatch(id: string, scenarioJson: string, seed: number, actions: Script["log"]): Promise<void> {
  await store.insertMatch({
    id,
    scenario_id: scenario.id,
    scenario_json: scenarioJson,
    seed,
    options_json: "{}",
    join_code: `R${String(++codes).padStart(7, "0")}`,
    facilitator_token_hash: "h",
    listed: 0,
    status: "running",
    created_at: new Date().toISOString(),
    started_at: null,
    ended_at: null,
    outcome_json: null,
    owner: null,
  });
  await Promise.all(actions.map((a, i) => store.appendEvent(id, i + 1, a)));
}

/** A table played to its end: a statement, passes to round 3 (its inject fires), a proposal accepted. */
function playedToTheEnd(seed: number): Script {
  const script = new Script(createGame(scenario, seed));
  script.do(AS_FACILITATOR, { type: "start" });
  script.do("north", { type: "statement", text: "We agree on the facts." });
  while (script.state.round < 3) script.do(script.state.turn!, { type: "pass" });
  script.do(script.state.turn!, { type: "propose", package: { notification: "h24", funding: "split", scope: "critical" } });
  script.do(AS_FACILITATOR, { type: "end" });
  return script;
}

describe("replayMatch", () => {
  it("brings a stored match back to the state its table had", async () => {
    const script = playedToTheEnd(7);
    await storeMatch("replayended", JSON.stringify(scenario), 7, script.log);
    const game = replayMatch((await store.loadMatch("replayended"))!);
    expect(game.phase).toBe("ended");
    expect(game.version).toBe(script.state.version);
    expect(game.outcome).toEqual(script.state.outcome);
    expect(game.moves).toEqual(script.state.moves);
  });

  it("replays on the scenario stored with the match, not on the scenario as it is now", async () => {
    const then = { ...scenario, title: "The scenario as it was when the table was created" };
    const script = new Script(createGame(then, 3));
    script.do(AS_FACILITATOR, { type: "start" });
    await storeMatch("replaythen", JSON.stringify(then), 3, script.log);
    const stored = (await store.loadMatch("replaythen"))!;
    expect(storedScenario(stored.match).title).toBe(then.title);
    const game = replayMatch(stored);
    expect(game.scenario.title).toBe(then.title);
    expect(game.phase).toBe("running");
    expect(game.turn).toBe(script.state.turn);
  });

  it("names the match and the refused action when the log does not replay", async () => {
    const script = new Script(createGame(scenario, 1));
    script.do(AS_FACILITATOR, { type: "start" });
    // The same start twice: the rules refuse the second.
    await storeMatch("replaybroken", JSON.stringify(scenario), 1, [...script.log, { ...script.log[0]!, actionId: "again" }]);
    const stored = (await store.loadMatch("replaybroken"))!;
    expect(() => replayMatch(stored)).toThrow(/^match replaybroken: replay: action 1 \(start 'again'\) was refused/);
  });

  it("names the match when its stored scenario is not JSON", () => {
    expect(() => storedScenario({ id: "m42", scenario_json: "{not json" })).toThrow(/^match m42: its stored scenario \(matches.scenario_json\) is not JSON/);
  });
});
