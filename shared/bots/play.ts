// A headless game: the facilitator starts the table, then the bots move through the rules engine
// (`viewFor` for what each sees, `apply` for what each does) until the negotiation ends. When no
// bot has anything to do while someone must move, the clock times the turn out.
import { apply, createGame, viewFor } from "../rules/index.ts";
import { delegationsToMove } from "../rules/legal.ts";
import type { ErrorCode, GameAction, GameState, Outcome } from "../rules/types.ts";
import type { Scenario } from "../scenario/schema.ts";
import { botSeed, type Bot } from "./bot.ts";
import { createBot, type BotName, type Difficulty } from "./registry.ts";

export interface PlayOptions {
  /** Called with every accepted action and the state it produced (to keep a log, to watch). */
  onAction?: (action: GameAction, state: GameState) => void;
  /** Asked before the bots at every step; may fire an inject or extend the deadline (not pause). */
  facilitator?: (state: GameState) => GameAction | null;
  /** A safety net against a bot that only talks: default 40 steps per delegation and round, plus 100. */
  maxSteps?: number;
}

export interface PlayedGame {
  state: GameState;
  outcome: Outcome;
  /** Accepted actions, the start and timeouts included. */
  actions: number;
  timeouts: number;
}

/** A bot made a move the rules refuse: a bug in the bot, never to be papered over. */
export class IllegalBotMove extends Error {
  constructor(
    readonly delegation: string,
    readonly action: GameAction,
    readonly code: ErrorCode,
    reason: string,
  ) {
    super(`bot of ${delegation} made an illegal ${action.type} (${code}): ${reason}`);
    this.name = "IllegalBotMove";
  }
}

/** Plays one game to its end with a bot (or none) per delegation. Throws `IllegalBotMove` if a bot breaks a rule. */
export function playGame(
  scenario: Scenario,
  seed: number,
  bots: Readonly<Record<string, Bot | undefined>>,
  options: PlayOptions = {},
): PlayedGame {
  let state = createGame(scenario, seed);
  let actions = 0;
  let timeouts = 0;
  let clock = 0;
  const step = (action: GameAction, delegation: string | null): void => {
    const result = apply(state, action);
    if (!result.ok) {
      if (delegation !== null) throw new IllegalBotMove(delegation, action, result.code, result.message);
      throw new Error(`playGame: the ${action.by.kind}'s ${action.type} was refused (${result.code}): ${result.message}`);
    }
    state = result.state;
    actions++;
    options.onAction?.(action, state);
  };
  step({ type: "start", actionId: "start", version: 0, by: { kind: "facilitator" } }, null);
  const maxSteps = options.maxSteps ?? 100 + 40 * scenario.delegations.length * (scenario.deadline.rounds + 1);

  while (state.phase === "running") {
    if (actions > maxSteps) throw new Error(`playGame: no end after ${maxSteps} actions (a bot that only talks?)`);
    const facilitator = options.facilitator?.(state);
    if (facilitator) {
      step(facilitator, null);
      continue;
    }
    let moved = false;
    for (const id of delegationsToMove(state)) {
      const bot = bots[id];
      if (!bot) continue;
      const action = bot.act(viewFor(state, { kind: "delegation", id }));
      if (action === null) continue;
      step(action, id);
      moved = true;
      break;
    }
    if (!moved) {
      step({ type: "timeout", actionId: `timeout-${clock++}`, version: state.version, by: { kind: "system" } }, null);
      timeouts++;
    }
  }
  if (!state.outcome) throw new Error(`playGame: the game stopped in phase ${state.phase} without an outcome`);
  return { state, outcome: state.outcome, actions, timeouts };
}

/** One bot of the named strategy per delegation, seeded from the game seed. */
export function botsFor(
  scenario: Scenario,
  seed: number,
  names: Readonly<Record<string, BotName | Difficulty>>,
  options: { talk?: boolean } = {},
): Record<string, Bot> {
  const bots: Record<string, Bot> = {};
  for (const d of scenario.delegations) {
    const name = names[d.id];
    if (name === undefined) continue;
    bots[d.id] = createBot(name, { delegation: d.id, seed: botSeed(seed, name), phrases: d.phrases, talk: options.talk ?? true });
  }
  return bots;
}
