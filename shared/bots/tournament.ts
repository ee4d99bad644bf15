// Bot tournaments, as NegMAS's cartesian tournament: every assignment of the listed bots to the
// delegations, each played `repetitions` times, scored per bot and per role (delegation) with the
// debrief's measures: utility, advantage (u − r)/(max − r), agreement rate, rounds to agreement and
// the distance of the deal to the Pareto frontier. Pure and deterministic: same inputs, same result.
import { dealAnalysis, maxUtilities, outcomeSpace, paretoFrontier, type DealContext, type OutcomeSpace } from "../analysis/index.ts";
import type { GameState } from "../rules/types.ts";
import type { Profile, Scenario } from "../scenario/schema.ts";
import { playGame, botsFor } from "./play.ts";
import { BOT_NAMES, isBotName, type BotName } from "./registry.ts";

export interface TournamentOptions {
  scenario: Scenario;
  /** Strategy names (see `BOT_NAMES`), each at most once. */
  bots: readonly string[];
  /** Games per assignment (a positive whole number). */
  repetitions: number;
  /**
   * false: each combination of bots (repeats allowed) sits in one way, bots in the order listed
   * filling the delegations in scenario order. true: every ordering too, so each bot plays every
   * role against every set of opponents (all bots^delegations assignments).
   */
  rotateRoles?: boolean;
  /** The tournament seed (default 1): repetition k of every assignment uses the same game seed. */
  seed?: number;
  /** Let the bots talk (slower, same moves for every strategy but the random one). Default false. */
  talk?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface Stats {
  /** Seats played: a game in which a bot holds two delegations counts twice. */
  games: number;
  meanUtility: number;
  meanAdvantage: number;
  agreementRate: number;
  /** Over the games that ended in a deal; null when none did. */
  meanRoundsToAgreement: number | null;
  /** Euclidean distance of the deal's utilities to the Pareto frontier, over deals; null when none. */
  meanDistanceToFrontier: number | null;
}

export interface BotResult extends Stats {
  name: string;
  /** The same measures per delegation the bot played, in scenario order. */
  roles: (Stats & { role: string })[];
}

export interface GameRecord {
  /** Delegation id → bot name. */
  assignment: Record<string, string>;
  repetition: number;
  seed: number;
  agreement: boolean;
  rounds: number;
  utilities: Record<string, number>;
  advantages: Record<string, number>;
  distance: number | null;
}

export interface TournamentResult {
  scenario: { id: string; title: string };
  seed: number;
  repetitions: number;
  rotateRoles: boolean;
  /** Delegation ids in scenario order: the roles. */
  roles: string[];
  /** Each assignment as bot names in role order. */
  assignments: string[][];
  /** Games played. */
  games: number;
  bots: BotResult[];
  records: GameRecord[];
}

/** A problem with the tournament's arguments, worded for the person who gave them. */
export class TournamentError extends Error {
  override name = "TournamentError";
}

/** Every assignment of bots to `seats` roles: all orderings, or one per multiset of bots (listed order). */
export function assignments(bots: readonly string[], seats: number, rotateRoles: boolean): string[][] {
  const out: string[][] = [];
  const current: number[] = [];
  const visit = (from: number): void => {
    if (current.length === seats) {
      out.push(current.map((i) => bots[i]!));
      return;
    }
    for (let i = rotateRoles ? 0 : from; i < bots.length; i++) {
      current.push(i);
      visit(i);
      current.pop();
    }
  };
  visit(0);
  return out;
}

/** The seed of repetition `k` (shared by every assignment, so they meet the same chance). */
export function gameSeed(seed: number, k: number): number {
  let h = (Math.imul(Math.trunc(seed) >>> 0, 0x9e3779b1) + Math.imul(k + 1, 0x85ebca77)) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  return (h ^ (h >>> 12)) >>> 0;
}

export interface Measures {
  space: OutcomeSpace;
  context: DealContext;
}

/** Frontier and best utilities for the profiles a game ended with (injects may have changed them). */
export function measuresFor(state: GameState, cache: Map<string, Measures>): Measures {
  const profiles = state.order.map((id) => state.profiles[id]!);
  const key = JSON.stringify(profiles);
  let m = cache.get(key);
  if (!m) {
    const space = outcomeSpace(
      state.scenario.issues,
      // outcomeSpace only reads the (read-only, shared) profiles.
      state.order.map((id, i) => ({ id, profile: profiles[i]! as Profile })),
    );
    m = { space, context: { ideal: maxUtilities(space), pareto: paretoFrontier(space) } };
    cache.set(key, m);
  }
  return m;
}

class Accumulator {
  games = 0;
  utility = 0;
  advantage = 0;
  agreements = 0;
  rounds = 0;
  deals = 0;
  distance = 0;

  add(utility: number, advantage: number, agreement: boolean, rounds: number, distance: number | null): void {
    this.games++;
    this.utility += utility;
    this.advantage += advantage;
    if (agreement) {
      this.agreements++;
      this.rounds += rounds;
      if (distance !== null) {
        this.deals++;
        this.distance += distance;
      }
    }
  }

  stats(): Stats {
    const g = this.games || 1;
    return {
      games: this.games,
      meanUtility: this.utility / g,
      meanAdvantage: this.advantage / g,
      agreementRate: this.agreements / g,
      meanRoundsToAgreement: this.agreements > 0 ? this.rounds / this.agreements : null,
      meanDistanceToFrontier: this.deals > 0 ? this.distance / this.deals : null,
    };
  }
}

export function runTournament(options: TournamentOptions): TournamentResult {
  const { scenario } = options;
  const seed = options.seed ?? 1;
  const rotateRoles = options.rotateRoles ?? false;
  const names = options.bots;
  if (names.length === 0) throw new TournamentError("no bots given");
  for (const name of names) {
    if (!isBotName(name)) throw new TournamentError(`unknown bot '${name}' (known: ${BOT_NAMES.join(", ")})`);
  }
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new TournamentError(`bot '${dup}' is listed twice`);
  if (!Number.isSafeInteger(options.repetitions) || options.repetitions < 1) {
    throw new TournamentError(`repetitions must be a positive whole number, not ${options.repetitions}`);
  }

  const roles = scenario.delegations.map((d) => d.id);
  const plan = assignments(names, roles.length, rotateRoles);
  const total = plan.length * options.repetitions;
  const perBot = new Map(names.map((n) => [n, new Accumulator()]));
  const perRole = new Map(names.map((n) => [n, roles.map(() => new Accumulator())]));
  const cache = new Map<string, Measures>();
  const records: GameRecord[] = [];
  let done = 0;

  for (const assignment of plan) {
    const byRole: Record<string, BotName> = {};
    roles.forEach((role, i) => (byRole[role] = assignment[i] as BotName));
    for (let k = 0; k < options.repetitions; k++) {
      const s = gameSeed(seed, k);
      const { state, outcome } = playGame(scenario, s, botsFor(scenario, s, byRole, { talk: options.talk ?? false }));
      const m = measuresFor(state, cache);
      const deal = dealAnalysis(m.space, outcome.package, m.context);
      const distance = outcome.agreement ? deal.paretoDistance : null;
      const advantages: Record<string, number> = {};
      roles.forEach((role, i) => {
        const utility = outcome.utilities[role]!;
        const advantage = deal.parties[i]!.advantage;
        advantages[role] = advantage;
        const bot = assignment[i]!;
        perBot.get(bot)!.add(utility, advantage, outcome.agreement, outcome.round, distance);
        perRole.get(bot)![i]!.add(utility, advantage, outcome.agreement, outcome.round, distance);
      });
      records.push({
        assignment: { ...byRole },
        repetition: k,
        seed: s,
        agreement: outcome.agreement,
        rounds: outcome.round,
        utilities: { ...outcome.utilities },
        advantages,
        distance,
      });
      options.onProgress?.(++done, total);
    }
  }

  return {
    scenario: { id: scenario.id, title: scenario.title },
    seed,
    repetitions: options.repetitions,
    rotateRoles,
    roles,
    assignments: plan,
    games: total,
    bots: names.map((name) => ({
      name,
      ...perBot.get(name)!.stats(),
      roles: roles
        .map((role, i) => ({ role, ...perRole.get(name)![i]!.stats() }))
        .filter((r) => r.games > 0),
    })),
    records,
  };
}
