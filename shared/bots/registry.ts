// The bots by name, and the difficulty presets players choose from.
import type { Bot, BotOptions } from "./bot.ts";
import { DiplomatBot, RandomBot, TimeDependentBot, TitForTatBot } from "./strategies.ts";

/** Every strategy a bot seat or a tournament can name. */
export const BOT_NAMES = ["hardliner", "boulware", "linear", "conceder", "tit-for-tat", "random", "diplomat"] as const;
export type BotName = (typeof BOT_NAMES)[number];

/** The time-dependent presets' concession exponents e (GENIUS's TimeDependent_Offering). */
export const CONCESSION_EXPONENTS = { hardliner: 0, boulware: 0.2, linear: 1, conceder: 2 } as const;

/**
 * Difficulty presets for solo practice. Easy: the Conceder gives ground early and steadily, so a
 * beginner reaches a deal and sees concessions happen. Medium: tit-for-tat mirrors the player,
 * rewarding concessions and punishing stubbornness with stubbornness. Hard: the Diplomat concedes
 * slowly, learns what the player cares about and trades on it.
 */
export const DIFFICULTY = { easy: "conceder", medium: "tit-for-tat", hard: "diplomat" } as const satisfies Record<
  string,
  BotName
>;
export type Difficulty = keyof typeof DIFFICULTY;

export function isBotName(name: string): name is BotName {
  return (BOT_NAMES as readonly string[]).includes(name);
}

/** A bot of the named strategy (or difficulty preset) for one delegation. */
export function createBot(name: BotName | Difficulty, options: BotOptions): Bot {
  const strategy: BotName = name in DIFFICULTY ? DIFFICULTY[name as Difficulty] : (name as BotName);
  switch (strategy) {
    case "hardliner":
    case "boulware":
    case "linear":
    case "conceder":
      return new TimeDependentBot(options, strategy, CONCESSION_EXPONENTS[strategy]);
    case "tit-for-tat":
      return new TitForTatBot(options);
    case "random":
      return new RandomBot(options);
    case "diplomat":
      return new DiplomatBot(options);
  }
}
