// The `accord` command line. Each command returns an exit code; a person's mistake is one line on
// stderr and a non-zero code, never a stack trace.
import { Command, CommanderError } from "commander";
import { validateCommand, analyzeCommand } from "./scenario.ts";
import { geniusImportCommand } from "./genius.ts";
import { balanceCommand, type BalanceCommandOptions } from "./balance.ts";
import { tournamentCommand, type TournamentCommandOptions } from "./tournament.ts";
import { dataPruneCommand, type DataPruneOptions } from "./data.ts";
import type { Io } from "./io.ts";

export type { Io } from "./io.ts";

const processIo: Io = {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
};

export function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command("accord")
    .description("Cyber Accord: scenarios, analytics and tools for the cyber-diplomacy negotiation game")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
    });

  const scenario = program.command("scenario").description("check and analyse scenarios").exitOverride();
  scenario
    .command("validate")
    .description("validate scenarios (all in scenarios/ when no path is given); exit 1 on any error")
    .argument("[paths...]", "scenario folders or scenario.yaml files")
    .exitOverride()
    .action((paths: string[]) => setCode(validateCommand(paths, io)));
  scenario
    .command("analyze")
    .description("outcome space, Pareto frontier, Nash, Kalai-Smorodinsky and welfare points of a scenario")
    .argument("<pathOrId>", "a scenario folder, its scenario.yaml, or the id of one in scenarios/")
    .option("--json", "print one JSON object instead of a table")
    .exitOverride()
    .action((pathOrId: string, opts: { json?: boolean }) => setCode(analyzeCommand(pathOrId, Boolean(opts.json), io)));
  scenario
    .command("balance")
    .description(
      "bot balance: every trio of the standard strategies (all bots but random), roles rotated, over several seeds; agreement rate and each role's mean advantage per trio, then PASS/FAIL per target (exit 0 either way)",
    )
    .argument("<pathOrId>", "a scenario folder, its scenario.yaml, or the id of one in scenarios/")
    .option("--repetitions <n>", "games per assignment and seed (default 1)")
    .option("--seeds <a,b,c>", "comma-separated tournament seeds, results pooled (default 1,2,3)")
    .option("--json", "print one JSON object instead of a table")
    .exitOverride()
    .action((pathOrId: string, opts: BalanceCommandOptions) => setCode(balanceCommand(pathOrId, opts, io)));

  const genius = program.command("genius").description("work with GENIUS negotiation domains").exitOverride();
  genius
    .command("import")
    .description("turn a GENIUS linear-additive domain and its profiles into a scenario folder")
    .requiredOption("--out <dir>", "the scenario folder to write (created if missing)")
    .option("--id <id>", "scenario id (default: the domain file's name)")
    .option("--normalize-weights", "divide the issue weights by their sum when it is not 1 (GENIUS uses them as written)")
    .argument("<domain>", "the GENIUS domain XML file")
    .argument("<profiles...>", "one profile XML file per delegation, in delegation order")
    .exitOverride()
    .action((domain: string, profiles: string[], opts: { out: string; id?: string; normalizeWeights?: boolean }) =>
      setCode(geniusImportCommand(domain, profiles, opts, io)),
    );

  program
    .command("tournament")
    .description("bots against bots on one scenario: every assignment of the bots to the delegations, scored per bot and role")
    .requiredOption("--scenario <pathOrId>", "a scenario folder, its scenario.yaml, or the id of one in scenarios/")
    .requiredOption("--bots <names>", "comma-separated bots: hardliner, boulware, linear, conceder, tit-for-tat, random, diplomat")
    .requiredOption("--repetitions <n>", "games per assignment")
    .option("--rotate-roles", "play every ordering of the bots over the delegations, not one per combination")
    .option("--seed <s>", "tournament seed (default 1)")
    .option("--json", "print one JSON object instead of a table")
    .option("--out <file.csv>", "also write the results as CSV")
    .exitOverride()
    .action((opts: TournamentCommandOptions) => setCode(tournamentCommand(opts, io)));

  const data = program.command("data").description("the server's database").exitOverride();
  data
    .command("prune")
    .description("delete what the retention policy no longer keeps (README \"Retention\"); safe while the server runs")
    .option("--dry-run", "print what would be deleted, delete nothing")
    .option("--unplayed-minutes <n>", "keep tables that never saw an action this long (default RETAIN_UNPLAYED_MINUTES or 60; 0 keeps them)")
    .option("--days <n>", "keep played tables, closed classes and finished tournaments this long (default RETAIN_DAYS or 90; 0 keeps them)")
    .option("--data-dir <dir>", "the SQLite data folder (default DATA_DIR or ./data)")
    .option("--database-url <url>", "postgres://… (default DATABASE_URL)")
    .option("--now <time>", "prune as of this time (ISO 8601), e.g. to see with --dry-run what a later prune would delete")
    .option("--json", "print one JSON object")
    .exitOverride()
    .action(async (opts: DataPruneOptions) => setCode(await dataPruneCommand(opts, io)));
  return program;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successes; everything else was already printed in one line.
      return e.exitCode === 0 || e.code === "commander.helpDisplayed" || e.code === "commander.help" ? 0 : 2;
    }
    io.err(`accord: ${(e as Error).message ?? String(e)}`);
    return 1;
  }
  return code;
}
