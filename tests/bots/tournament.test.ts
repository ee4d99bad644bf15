// The tournament runner and `accord tournament`: assignments, determinism, the JSON and CSV reports,
// and one clear line for every bad argument.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assignments, runTournament } from "../../shared/bots/index.ts";
import { main, type Io } from "../../server/cli/main.ts";
import { fixturePath } from "../helpers/fixtures.ts";
import { bilateral } from "./scenarios.ts";

const tmp = mkdtempSync(join(tmpdir(), "accord-tournament-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function accord(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await main(["node", "accord", ...args], io);
  return { code, out, err };
}

/** RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else if (c === "\n" || c === "\r" || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else field += c;
    i++;
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe("assignments", () => {
  it("are every ordering with --rotate-roles, one per combination without", () => {
    expect(assignments(["a", "b"], 2, true)).toEqual([
      ["a", "a"],
      ["a", "b"],
      ["b", "a"],
      ["b", "b"],
    ]);
    expect(assignments(["a", "b"], 2, false)).toEqual([
      ["a", "a"],
      ["a", "b"],
      ["b", "b"],
    ]);
    expect(assignments(["a", "b", "c"], 4, true)).toHaveLength(81);
    expect(assignments(["a", "b", "c"], 4, false)).toHaveLength(15); // C(3 + 4 − 1, 4)
  });
});

describe("runTournament", () => {
  it("scores every bot in every role it played, and is the same on every run", () => {
    const options = { scenario: bilateral, bots: ["boulware", "conceder", "diplomat"], repetitions: 3, rotateRoles: true, seed: 7 };
    const a = runTournament(options);
    const b = runTournament(options);
    expect(b).toEqual(a);
    expect(a.games).toBe(9 * 3);
    expect(a.records).toHaveLength(27);
    for (const bot of a.bots) {
      // Per repetition: both seats of its self-play game, and one seat in each of its 4 mixed assignments.
      expect(bot.games).toBe((2 + 4) * 3);
      expect(bot.roles.map((r) => r.role)).toEqual(["north", "south"]);
      expect(bot.roles.reduce((n, r) => n + r.games, 0)).toBe(bot.games);
      expect(bot.agreementRate).toBeGreaterThanOrEqual(0);
      expect(bot.agreementRate).toBeLessThanOrEqual(1);
      expect(bot.meanAdvantage).toBeLessThanOrEqual(1);
    }
    const other = runTournament({ ...options, seed: 8 });
    expect(other.records.map((r) => r.seed)).not.toEqual(a.records.map((r) => r.seed));
  });
});

describe("accord tournament", () => {
  const scenario = fixturePath("bilateral-test");

  it("prints a table per bot and per role, identical for the same seed", async () => {
    const args = ["tournament", "--scenario", scenario, "--bots", "boulware,conceder,diplomat", "--repetitions", "2", "--rotate-roles", "--seed", "3"];
    const first = await accord(...args);
    const second = await accord(...args);
    expect(first.code).toBe(0);
    expect(first.err).toEqual([]);
    expect(second.out).toEqual(first.out);
    const text = first.out.join("\n");
    expect(text).toContain("9 assignments (roles rotated) × 2 repetitions = 18 games");
    for (const bot of ["boulware", "conceder", "diplomat"]) {
      expect(text).toMatch(new RegExp(`^${bot}\\s+12\\s`, "m"));
      expect(text).toMatch(new RegExp(`^${bot}\\s+north\\s+6\\s`, "m"));
      expect(text).toMatch(new RegExp(`^${bot}\\s+south\\s+6\\s`, "m"));
    }
  });

  it("prints one JSON object with --json", async () => {
    const { code, out } = await accord("tournament", "--scenario", scenario, "--bots", "linear,diplomat", "--repetitions", "2", "--json");
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const report = JSON.parse(out[0]!) as { bots: Record<string, unknown>[]; games: number; assignments: number };
    expect(report.assignments).toBe(3);
    expect(report.games).toBe(6);
    expect(report.bots.map((b) => b.name)).toEqual(["linear", "diplomat"]);
    for (const bot of report.bots) {
      for (const key of ["name", "meanUtility", "meanAdvantage", "agreementRate", "games"]) expect(bot).toHaveProperty(key);
      expect(typeof bot.meanUtility).toBe("number");
    }
  });

  it("writes a CSV that parses back (RFC 4180) with a header and a row per bot and role", async () => {
    const file = join(tmp, "results.csv");
    const { code } = await accord("tournament", "--scenario", "tests/fixtures/scenarios/multilateral-test", "--bots", "conceder,tit-for-tat", "--repetitions", "1", "--out", file);
    expect(code).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      "scenario",
      "bot",
      "role",
      "games",
      "mean_utility",
      "mean_advantage",
      "agreement_rate",
      "mean_rounds_to_agreement",
      "mean_distance_to_frontier",
    ]);
    for (const row of rows) expect(row).toHaveLength(9);
    const roles = (bot: string) => rows.filter((r) => r[1] === bot).map((r) => r[2]);
    expect(roles("conceder")).toEqual(["(all)", "alpha", "beta", "gamma", "delta"]);
    expect(roles("tit-for-tat")).toEqual(["(all)", "alpha", "beta", "gamma", "delta"]);
    for (const row of rows.slice(1)) {
      expect(Number.isInteger(Number(row[3]))).toBe(true);
      expect(Number.isFinite(Number(row[4]))).toBe(true);
    }
    // The parser itself copes with the quoting a field with a comma or a quote would get.
    expect(parseCsv('a,"b, ""c"""\r\n1,2\r\n')).toEqual([
      ["a", 'b, "c"'],
      ["1", "2"],
    ]);
  });

  it("refuses bad arguments with one line on stderr and a non-zero code", async () => {
    const cases: [string[], RegExp][] = [
      [["--bots", "boulware,nobody", "--repetitions", "2"], /unknown bot 'nobody' \(known: hardliner, boulware/],
      [["--bots", "boulware", "--repetitions", "0"], /--repetitions must be a positive whole number, not '0'/],
      [["--bots", "boulware", "--repetitions", "two"], /--repetitions must be a positive whole number, not 'two'/],
      [["--bots", "boulware", "--repetitions", "1.5"], /--repetitions must be a positive whole number/],
      [["--bots", "boulware", "--repetitions", "2", "--seed", "x"], /--seed must be a whole number, not 'x'/],
      [["--bots", "boulware,boulware", "--repetitions", "2"], /bot 'boulware' is listed twice/],
      [["--bots", ",", "--repetitions", "2"], /--bots needs at least one bot name/],
    ];
    for (const [args, message] of cases) {
      const { code, out, err } = await accord("tournament", "--scenario", scenario, ...args);
      expect(code, args.join(" ")).not.toBe(0);
      expect(out).toEqual([]);
      expect(err, args.join(" ")).toHaveLength(1);
      expect(err[0]).toMatch(message);
    }
    const unknown = await accord("tournament", "--scenario", "no-such-scenario", "--bots", "boulware", "--repetitions", "1");
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toHaveLength(1);
    expect(unknown.err[0]).toMatch(/no-such-scenario: no such file, and no scenario with that id/);
    const unwritable = await accord("tournament", "--scenario", scenario, "--bots", "linear", "--repetitions", "1", "--out", join(tmp, "missing", "x.csv"));
    expect(unwritable.code).not.toBe(0);
    expect(unwritable.err).toHaveLength(1);
    expect(unwritable.err[0]).toMatch(/--out: cannot write/);
  });
});
