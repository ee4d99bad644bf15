// Random games for the legality tests: random mixes of strategies, with a facilitator who fires
// injects and extends the deadline at random moments. `playGame` throws `IllegalBotMove` on the
// first move the rules refuse.
import { BOT_NAMES, botsFor, playGame, type BotName } from "../../shared/bots/index.ts";
import { seededRandom } from "../../shared/rules/rng.ts";
import type { GameAction, GameState } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

/** BOT_FUZZ_SCALE=10 plays ten times as many games (the default keeps the suite quick). */
export const SCALE = Math.max(0.01, Number(process.env.BOT_FUZZ_SCALE ?? 1));
export const games = (n: number) => Math.max(1, Math.round(n * SCALE));

/** A facilitator who sometimes fires a pending inject or extends the deadline. */
export function restlessFacilitator(seed: number): (state: GameState) => GameAction | null {
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
export function fuzz(scenario: Scenario, count: number, seed: number): { deals: number; moves: number } {
  const random = seededRandom(seed);
  const pool: BotName[] = [...BOT_NAMES, "random", "random"];
  let deals = 0;
  let moves = 0;
  for (let g = 0; g < count; g++) {
    const names = Object.fromEntries(scenario.delegations.map((d) => [d.id, pool[Math.floor(random() * pool.length)]!]));
    const gameSeed = Math.floor(random() * 2 ** 31);
    const talk = random() < 0.2;
    const { outcome, state } = playGame(scenario, gameSeed, botsFor(scenario, gameSeed, names, { talk }), {
      facilitator: restlessFacilitator(gameSeed),
    });
    if (outcome.agreement) deals++;
    moves += state.moves.length;
  }
  return { deals, moves };
}
