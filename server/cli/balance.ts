// `accord scenario balance`: is a scenario fair to every role and neither trivial nor hopeless?
// For every trio of the standard strategies, a rotated-roles tournament (every ordering of the
// three bots over the delegations) for each seed; per trio the agreement rate and each role's mean
// advantage (u − r)/(max − r), then the worst spread between roles and a PASS/FAIL line per target.
// It reports: a failed balance still exits 0; only bad input exits non-zero.
import { BOT_NAMES, SpaceTooLarge, TournamentError, runTournament, type BotName } from "../../shared/bots/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { resolveScenario } from "../scenarios.ts";
import type { Io } from "./io.ts";

/**
 * The standard strategies: every named bot but `random`. The random bot proposes and accepts by
 * chance, not by any negotiating logic: it is a noise baseline, and a trio with it measures how a
 * scenario copes with a player who ignores their brief, not whether the roles are balanced.
 */
export const STANDARD_STRATEGIES: readonly BotName[] = BOT_NAMES.filter((b) => b !== "random");

/** Targets (issue 14): each role's mean advantage within 0.15 of the others; agreement strictly inside 5–95%. */
export const MAX_ADVANTAGE_SPREAD = 0.15;
export const MIN_AGREEMENT = 0.05;
export const MAX_AGREEMENT = 0.95;

export interface BalanceOptions {
  scenario: Scenario;
  /** Games per assignment and seed (default 1). */
  repetitions?: number;
  /** Tournament seeds (default 1, 2, 3): each trio is played once per seed, results pooled. */
  seeds?: readonly number[];
  /** Default STANDARD_STRATEGIES. */
  strategies?: readonly string[];
}

export interface TrioBalance {
  bots: string[];
  games: number;
  agreementRate: number;
  /** Role id → mean advantage of whoever held it, over every game of the trio. */
  advantage: Record<string, number>;
  /** Largest minus smallest of `advantage`. */
  spread: number;
}

export interface BalanceResult {
  scenario: { id: string; title: string };
  roles: string[];
  strategies: string[];
  repetitions: number;
  seeds: number[];
  trios: TrioBalance[];
  /** All trios pooled. */
  overall: { games: number; agreementRate: number; advantage: Record<string, number>; spread: number };
  worstSpread: { value: number; bots: string[] };
  lowestAgreement: { value: number; bots: string[] };
  highestAgreement: { value: number; bots: string[] };
  targets: {
    /** The worst trio's spread is at most MAX_ADVANTAGE_SPREAD. */
    advantageSpread: boolean;
    /** Every trio's agreement rate is strictly between MIN_AGREEMENT and MAX_AGREEMENT. */
    agreement: boolean;
  };
}

/** Every 3-element subset of `items`, in listed order. */
export function trios<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) for (let k = j + 1; k < items.length; k++) out.push([items[i]!, items[j]!, items[k]!]);
  return out;
}

const spreadOf = (values: number[]) => Math.max(...values) - Math.min(...values);

export function runBalance(options: BalanceOptions): BalanceResult {
  const { scenario } = options;
  const repetitions = options.repetitions ?? 1;
  const seeds = [...(options.seeds ?? [1, 2, 3])];
  const strategies = [...(options.strategies ?? STANDARD_STRATEGIES)];
  if (strategies.length < 3) throw new TournamentError(`a balance run needs at least three strategies, not ${strategies.length}`);
  if (seeds.length === 0) throw new TournamentError("no seeds given");
  const roles = scenario.delegations.map((d) => d.id);
  const all = { games: 0, agreements: 0, advantage: roles.map(() => 0) };
  const results: TrioBalance[] = [];
  for (const bots of trios(strategies)) {
    let games = 0;
    let agreements = 0;
    const advantage = roles.map(() => 0);
    for (const seed of seeds) {
      const t = runTournament({ scenario, bots, repetitions, rotateRoles: true, seed });
      for (const r of t.records) {
        games++;
        if (r.agreement) agreements++;
        roles.forEach((role, i) => (advantage[i]! += r.advantages[role]!));
      }
    }
    all.games += games;
    all.agreements += agreements;
    advantage.forEach((a, i) => (all.advantage[i]! += a));
    const means = advantage.map((a) => a / games);
    results.push({
      bots,
      games,
      agreementRate: agreements / games,
      advantage: Object.fromEntries(roles.map((role, i) => [role, means[i]!])),
      spread: spreadOf(means),
    });
  }
  const overallMeans = all.advantage.map((a) => a / all.games);
  const pick = (better: (a: TrioBalance, b: TrioBalance) => boolean, value: (t: TrioBalance) => number) => {
    let best = results[0]!;
    for (const t of results) if (better(t, best)) best = t;
    return { value: value(best), bots: best.bots };
  };
  const worstSpread = pick((a, b) => a.spread > b.spread, (t) => t.spread);
  const lowestAgreement = pick((a, b) => a.agreementRate < b.agreementRate, (t) => t.agreementRate);
  const highestAgreement = pick((a, b) => a.agreementRate > b.agreementRate, (t) => t.agreementRate);
  return {
    scenario: { id: scenario.id, title: scenario.title },
    roles,
    strategies,
    repetitions,
    seeds,
    trios: results,
    overall: {
      games: all.games,
      agreementRate: all.agreements / all.games,
      advantage: Object.fromEntries(roles.map((role, i) => [role, overallMeans[i]!])),
      spread: spreadOf(overallMeans),
    },
    worstSpread,
    lowestAgreement,
    highestAgreement,
    targets: {
      advantageSpread: worstSpread.value <= MAX_ADVANTAGE_SPREAD,
      agreement: lowestAgreement.value > MIN_AGREEMENT && highestAgreement.value < MAX_AGREEMENT,
    },
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);
/** The verdict lines carry more digits, so that a near miss (4.98%, 0.1502) does not read as the bound. */
const pct2 = (x: number) => `${(100 * x).toFixed(2)}%`;
const f4 = (x: number) => x.toFixed(4);

/** The readable report: a Markdown table (one row per trio, then all trios), the worst cases and one PASS/FAIL line per target. */
export function balanceTable(b: BalanceResult): string[] {
  const header = ["trio", "games", "agreement", ...b.roles.map((r) => `${r} adv.`), "spread"];
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const line = (label: string, t: { games: number; agreementRate: number; advantage: Record<string, number>; spread: number }) =>
    row([label, String(t.games), pct(t.agreementRate), ...b.roles.map((r) => f3(t.advantage[r]!)), f3(t.spread)]);
  const names = (bots: string[]) => bots.join(", ");
  return [
    `Balance of ${b.scenario.title} (${b.scenario.id})`,
    `${b.trios.length} trios of ${b.strategies.join(", ")}; roles rotated (every ordering of the trio over ${b.roles.length} delegations); ` +
      `seeds ${b.seeds.join(", ")}; ${b.repetitions} repetition${b.repetitions === 1 ? "" : "s"} per assignment and seed`,
    "",
    row(header),
    row(header.map((_, i) => (i === 0 ? "---" : "---:"))),
    ...b.trios.map((t) => line(names(t.bots), t)),
    line("**all trios**", b.overall),
    "",
    `worst spread of mean advantage between roles: ${f3(b.worstSpread.value)} (${names(b.worstSpread.bots)})`,
    `agreement: lowest ${pct(b.lowestAgreement.value)} (${names(b.lowestAgreement.bots)}), highest ${pct(b.highestAgreement.value)} (${names(b.highestAgreement.bots)})`,
    `all trios pooled (for information; the targets are per trio): spread ${f3(b.overall.spread)}, agreement ${pct(b.overall.agreementRate)}`,
    `${b.targets.advantageSpread ? "PASS" : "FAIL"} advantage: every trio's roles within ${MAX_ADVANTAGE_SPREAD} of each other (worst ${f4(b.worstSpread.value)})`,
    `${b.targets.agreement ? "PASS" : "FAIL"} agreement: every trio strictly inside ${pct(MIN_AGREEMENT)}–${pct(MAX_AGREEMENT)} (${pct2(b.lowestAgreement.value)}–${pct2(b.highestAgreement.value)})`,
  ];
}

export interface BalanceCommandOptions {
  repetitions?: string;
  seeds?: string;
  json?: boolean;
}

const WHOLE = /^[0-9]+$/;
const INTEGER = /^-?[0-9]+$/;

export function balanceCommand(pathOrId: string, opts: BalanceCommandOptions, io: Io): number {
  const fail = (message: string, code = 2): number => {
    io.err(`accord scenario balance: ${message}`);
    return code;
  };
  let repetitions = 1;
  if (opts.repetitions !== undefined) {
    const r = opts.repetitions.trim();
    if (!WHOLE.test(r) || Number(r) < 1 || !Number.isSafeInteger(Number(r))) {
      return fail(`--repetitions must be a positive whole number, not '${opts.repetitions}'`);
    }
    repetitions = Number(r);
  }
  let seeds = [1, 2, 3];
  if (opts.seeds !== undefined) {
    const parts = opts.seeds.split(",").map((s) => s.trim());
    const bad = parts.find((s) => !INTEGER.test(s) || !Number.isSafeInteger(Number(s)));
    if (bad !== undefined) return fail(`--seeds must be whole numbers separated by commas, not '${opts.seeds}'`);
    seeds = parts.map(Number);
    const dup = seeds.find((s, i) => seeds.indexOf(s) !== i);
    if (dup !== undefined) return fail(`--seeds: seed ${dup} is listed twice`);
  }
  const loaded = resolveScenario(pathOrId);
  if (!loaded.ok) return fail(loaded.errors.join("; "), 1);
  let result: BalanceResult;
  try {
    result = runBalance({ scenario: loaded.scenario, repetitions, seeds });
  } catch (e) {
    if (e instanceof TournamentError) return fail(e.message);
    if (e instanceof SpaceTooLarge) return fail(`${loaded.scenario.id}: ${e.message}`, 1);
    throw e;
  }
  if (opts.json) io.out(JSON.stringify(result));
  else for (const l of balanceTable(result)) io.out(l);
  return 0;
}
