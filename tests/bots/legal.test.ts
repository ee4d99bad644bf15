// A bot never makes an illegal move: thousands of games with random mixes of strategies, the
// facilitator firing injects and extending deadlines at random moments, on the fixtures, on
// scenarios built in code and on imported GENIUS domains. `playGame` throws `IllegalBotMove` on
// the first move the rules refuse.
import { describe, expect, it } from "vitest";
import { BOT_NAMES, botsFor, playGame, type BotName } from "../../shared/bots/index.ts";
import { seededRandom } from "../../shared/rules/rng.ts";
import type { GameAction, GameState } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { loadScenarioFile, scenarioIds, scenariosDir } from "../../server/scenarios.ts";
import { bilateral, geniusScenarios, multilateral, opposedBests, syntheticMultilateral } from "./scenarios.ts";

/** A facilitator who sometimes fires a pending inject or extends the deadline. */
function restlessFacilitator(seed: number): (state: GameState) => GameAction | null {
  const random = seededRandom(seed);
  let n = 0;
  return (state) => {
    const r = random();
    const pending = state.scenario.injects.filter((i) => !state.firedInjects.includes(i.id));
    const base = { actionId: `facilitator-${n++}`, version: state.version, by: { kind: "facilitator" as const } };
    if (r < 0.03 && pending.length > 0) return { ...base, type: "fire_inject", injectId: pending[Math.floor(random() * pending.length)]!.id };
    if (r < 0.035) return { ...base, type: "extend", rounds: 1 };
    return null;
  };
}

/** Plays `games` games with random strategies (random bots twice as likely), returns how many ended in a deal. */
function fuzz(scenario: Scenario, games: number, seed: number): { deals: number; moves: number } {
  const random = seededRandom(seed);
  const pool: BotName[] = [...BOT_NAMES, "random", "random"];
  let deals = 0;
  let moves = 0;
  for (let g = 0; g < games; g++) {
    const names = Object.fromEntries(scenario.delegations.map((d) => [d.id, pool[Math.floor(random() * pool.length)]!]));
    const gameSeed = Math.floor(random() * 2 ** 31);
    const talk = random() < 0.3;
    const { outcome, state } = playGame(scenario, gameSeed, botsFor(scenario, gameSeed, names, { talk }), {
      facilitator: restlessFacilitator(gameSeed),
    });
    if (outcome.agreement) deals++;
    moves += state.moves.length;
  }
  return { deals, moves };
}

describe("bots never make an illegal move", () => {
  it("in thousands of games on the fixtures and on scenarios built in code", () => {
    const cases: [Scenario, number][] = [
      [bilateral, 1000],
      [multilateral, 550],
      [opposedBests, 300],
      [syntheticMultilateral(5, 4, 4, 2, 6), 150],
    ];
    let total = 0;
    for (const [scenario, games] of cases) {
      const { deals, moves } = fuzz(scenario, games, games);
      total += games;
      expect(deals, scenario.id).toBeGreaterThan(0);
      expect(moves, scenario.id).toBeGreaterThan(games);
    }
    expect(total).toBeGreaterThanOrEqual(2000);
  });

  it("on every scenario in scenarios/", () => {
    for (const id of scenarioIds()) {
      const loaded = loadScenarioFile(`${scenariosDir}/${id}`);
      // A broken scenario is the validation tests' business; here it only cannot be played.
      if (!loaded.ok) {
        console.log(`skipping scenario ${id}: it does not load (${loaded.errors[0]})`);
        continue;
      }
      const { moves } = fuzz(loaded.scenario, 40, id.length);
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
      const { moves } = fuzz(scenario, scenario.delegations.length > 2 ? 40 : 80, scenario.issues.length);
      expect(moves, scenario.id).toBeGreaterThan(0);
    }
  });

  it("the random bot plays every kind of move", () => {
    const kinds = new Set<string>();
    for (let seed = 0; seed < 60; seed++) {
      for (const scenario of [bilateral, multilateral]) {
        const names = Object.fromEntries(scenario.delegations.map((d) => [d.id, "random" as const]));
        playGame(scenario, seed, botsFor(scenario, seed, names, { talk: false })).state.moves.forEach((m) =>
          kinds.add(m.type === "vote" ? `vote-${m.accept}` : m.type),
        );
      }
    }
    for (const kind of ["propose", "counter", "accept", "reject", "pass", "walk_away", "vote-true", "vote-false"]) {
      expect(kinds, kind).toContain(kind);
    }
  });
});
