// `accord tournament`: bots against bots on one scenario, every assignment of bots to delegations,
// a results table (or JSON) and optionally a CSV for a spreadsheet.
import { writeFileSync } from "node:fs";
import { BOT_NAMES, SpaceTooLarge, TournamentError, runTournament, type Stats, type TournamentResult } from "../../shared/bots/index.ts";
import { csvField } from "../../shared/csv.ts";
import { resolveScenario } from "../scenarios.ts";
import type { Io } from "./io.ts";

export interface TournamentCommandOptions {
  scenario: string;
  bots: string;
  repetitions: string;
  rotateRoles?: boolean;
  seed?: string;
  json?: boolean;
  out?: string;
}

const WHOLE = /^[0-9]+$/;
const INTEGER = /^-?[0-9]+$/;

export function tournamentCommand(opts: TournamentCommandOptions, io: Io): number {
  const fail = (message: string, code = 2): number => {
    io.err(`accord tournament: ${message}`);
    return code;
  };
  const bots = opts.bots
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b !== "");
  if (bots.length === 0) return fail(`--bots needs at least one bot name (known: ${BOT_NAMES.join(", ")})`);
  const unknown = bots.find((b) => !(BOT_NAMES as readonly string[]).includes(b));
  if (unknown !== undefined) return fail(`--bots: unknown bot '${unknown}' (known: ${BOT_NAMES.join(", ")})`);
  if (!WHOLE.test(opts.repetitions.trim()) || Number(opts.repetitions) < 1 || !Number.isSafeInteger(Number(opts.repetitions))) {
    return fail(`--repetitions must be a positive whole number, not '${opts.repetitions}'`);
  }
  const repetitions = Number(opts.repetitions);
  let seed = 1;
  if (opts.seed !== undefined) {
    if (!INTEGER.test(opts.seed.trim()) || !Number.isSafeInteger(Number(opts.seed))) {
      return fail(`--seed must be a whole number, not '${opts.seed}'`);
    }
    seed = Number(opts.seed);
  }
  const loaded = resolveScenario(opts.scenario);
  if (!loaded.ok) return fail(loaded.errors.join("; "), 1);

  // A progress line on a terminal only: pipes and files get just the results.
  const tty = Boolean(process.stderr.isTTY);
  let shown = -1;
  const onProgress = tty
    ? (done: number, total: number) => {
        const percent = Math.floor((100 * done) / total);
        if (percent === shown && done !== total) return;
        shown = percent;
        process.stderr.write(`\rtournament: ${done}/${total} games (${percent}%)`);
      }
    : undefined;

  let result: TournamentResult;
  try {
    result = runTournament({
      scenario: loaded.scenario,
      bots,
      repetitions,
      rotateRoles: Boolean(opts.rotateRoles),
      seed,
      ...(onProgress ? { onProgress } : {}),
    });
  } catch (e) {
    if (e instanceof TournamentError) return fail(e.message);
    if (e instanceof SpaceTooLarge) return fail(`${loaded.scenario.id}: ${e.message}`, 1);
    throw e;
  } finally {
    if (tty) process.stderr.write("\r\x1b[K");
  }

  if (opts.out !== undefined) {
    try {
      writeFileSync(opts.out, tournamentCsv(result));
    } catch (e) {
      return fail(`--out: cannot write ${opts.out}: ${(e as Error).message}`, 1);
    }
  }
  if (opts.json) io.out(JSON.stringify(tournamentJson(result)));
  else for (const line of tournamentTable(result)) io.out(line);
  return 0;
}

/** The JSON report: the summary per bot (with per-role figures), not the game records. */
export function tournamentJson(result: TournamentResult): object {
  const { records: _records, ...summary } = result;
  return { ...summary, assignments: result.assignments.length };
}

const number = (x: number | null, digits: number) => (x === null ? "—" : x.toFixed(digits));
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

const COLUMNS = ["games", "utility", "advantage", "agreements", "rounds", "distance"];

function cells(s: Stats): string[] {
  return [
    String(s.games),
    number(s.meanUtility, 3),
    number(s.meanAdvantage, 3),
    percent(s.agreementRate),
    number(s.meanRoundsToAgreement, 1),
    number(s.meanDistanceToFrontier, 3),
  ];
}

/** The readable report: one row per bot, then one per bot and role. */
export function tournamentTable(result: TournamentResult): string[] {
  const botWidth = Math.max(12, ...result.bots.map((b) => b.name.length + 2));
  const roleWidth = Math.max(8, ...result.roles.map((r) => r.length + 2));
  const row = (label: string[], widths: number[], values: string[]) =>
    label.map((l, i) => l.padEnd(widths[i]!)).join("") + values.map((v, i) => v.padStart(i === 0 ? 6 : 11)).join("");
  const lines = [
    `Tournament on ${result.scenario.title} (${result.scenario.id}), seed ${result.seed}`,
    `${result.bots.length} bot${result.bots.length === 1 ? "" : "s"}, ${result.assignments.length} assignment${
      result.assignments.length === 1 ? "" : "s"
    }${result.rotateRoles ? " (roles rotated)" : ""} × ${result.repetitions} repetition${result.repetitions === 1 ? "" : "s"} = ${result.games} games`,
    "",
    row(["bot"], [botWidth], COLUMNS),
    ...result.bots.map((b) => row([b.name], [botWidth], cells(b))),
    "",
    row(["bot", "role"], [botWidth, roleWidth], COLUMNS),
  ];
  for (const b of result.bots) for (const r of b.roles) lines.push(row([b.name, r.role], [botWidth, roleWidth], cells(r)));
  lines.push(
    "",
    "games: seats played; utility, advantage (u − r)/(max − r): means; agreements: share of games with a deal;",
    "rounds: mean rounds to agreement; distance: mean distance of the deals to the Pareto frontier.",
  );
  return lines;
}

/** The CSV report (RFC 4180, CRLF line ends): a header, then per bot one row over all roles, "(all)", and one per role. */
export function tournamentCsv(result: TournamentResult): string {
  const header = [
    "scenario",
    "bot",
    "role",
    "games",
    "mean_utility",
    "mean_advantage",
    "agreement_rate",
    "mean_rounds_to_agreement",
    "mean_distance_to_frontier",
  ];
  const line = (bot: string, role: string, s: Stats) =>
    [
      result.scenario.id,
      bot,
      role,
      s.games,
      s.meanUtility,
      s.meanAdvantage,
      s.agreementRate,
      s.meanRoundsToAgreement,
      s.meanDistanceToFrontier,
    ]
      .map(csvField)
      .join(",");
  const rows = [header.join(",")];
  for (const b of result.bots) {
    rows.push(line(b.name, "(all)", b));
    for (const r of b.roles) rows.push(line(b.name, r.role, r));
  }
  return rows.join("\r\n") + "\r\n";
}
