// Bots: strategies on top of the rules engine, the headless game driver and the tournament runner.
export { type Bot, type BotOptions, type Decision, type Situation, BotBase, botSeed, elapsed } from "./bot.ts";
export { BOT_NAMES, CONCESSION_EXPONENTS, DIFFICULTY, createBot, isBotName, type BotName, type Difficulty } from "./registry.ts";
export { DiplomatBot, RandomBot, TimeDependentBot, TitForTatBot, timeDependentTarget } from "./strategies.ts";
export { OpponentModel } from "./opponent.ts";
export { MAX_BOT_OUTCOMES, SpaceTooLarge, ownSpace, type OwnSpace } from "./space.ts";
export { TEMPLATES, TEMPLATE_KEYS, statementFor, composeStatement, renderStatement, type Phrases } from "./statements.ts";
export { IllegalBotMove, botsFor, playGame, type PlayOptions, type PlayedGame } from "./play.ts";
export {
  TournamentError,
  assignments,
  gameSeed,
  runTournament,
  type BotResult,
  type GameRecord,
  type Stats,
  type TournamentOptions,
  type TournamentResult,
} from "./tournament.ts";
