// `accord scenario balance` (issue 14): its figures are the tournament runner's, trio by trio, and
// bad input is one line on stderr with a non-zero exit.
import { describe, expect, it } from "vitest";
import { main } from "../../server/cli/main.ts";
import { STANDARD_STRATEGIES, runBalance, trios, type BalanceResult } from "../../server/cli/balance.ts";
import { BOT_NAMES, runTournament } from "../../shared/bots/index.ts";
import { loadScenarioFile } from "../../server/scenarios.ts";
import { fixturePath } from "../helpers/fixtures.ts";

async function accord(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "accord", ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

function fixture() {
  const r = loadScenarioFile(fixturePath("bilateral-test"));
  if (!r.ok) throw new Error(r.errors.join("; "));
  return r.scenario;
}

describe("accord scenario balance", () => {
  it("plays every trio of the standard strategies (all but random)", () => {
    expect(STANDARD_STRATEGIES).toEqual(BOT_NAMES.filter((b) => b !== "random"));
    expect(trios(STANDARD_STRATEGIES)).toHaveLength(20);
    expect(trios(["a", "b", "c", "d"])).toEqual([
      ["a", "b", "c"],
      ["a", "b", "d"],
      ["a", "c", "d"],
      ["b", "c", "d"],
    ]);
  });

  it("agrees with the tournament runner run directly, trio by trio and pooled over the seeds", async () => {
    const scenario = fixture();
    const seeds = [4, 9];
    const r = await accord("scenario", "balance", fixturePath("bilateral-test"), "--repetitions", "2", "--seeds", "4,9", "--json");
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.out.join("\n")) as BalanceResult;
    expect(b.roles).toEqual(["north", "south"]);
    expect(b.seeds).toEqual(seeds);
    expect(b.trios.map((t) => t.bots)).toEqual(trios(STANDARD_STRATEGIES));
    let allGames = 0;
    let allDeals = 0;
    const allAdv = { north: 0, south: 0 };
    for (const trio of b.trios) {
      let games = 0;
      let deals = 0;
      const adv = { north: 0, south: 0 };
      for (const seed of seeds) {
        // The per-role figure from the runner's own per-bot-and-role summary, weighted by games.
        const t = runTournament({ scenario, bots: trio.bots, repetitions: 2, rotateRoles: true, seed });
        expect(t.assignments).toHaveLength(9);
        games += t.games;
        for (const bot of t.bots)
          for (const role of bot.roles) {
            adv[role.role as "north" | "south"] += role.meanAdvantage * role.games;
            deals += role.agreementRate * role.games;
          }
      }
      deals /= 2; // each game counted once per seat
      expect(trio.games).toBe(games);
      expect(trio.agreementRate).toBeCloseTo(deals / games, 10);
      expect(trio.advantage.north).toBeCloseTo(adv.north / games, 10);
      expect(trio.advantage.south).toBeCloseTo(adv.south / games, 10);
      expect(trio.spread).toBeCloseTo(Math.abs(adv.north - adv.south) / games, 10);
      allGames += games;
      allDeals += deals;
      allAdv.north += adv.north;
      allAdv.south += adv.south;
    }
    expect(b.overall.games).toBe(allGames);
    expect(b.overall.agreementRate).toBeCloseTo(allDeals / allGames, 10);
    expect(b.overall.advantage.north).toBeCloseTo(allAdv.north / allGames, 10);
    const worst = Math.max(...b.trios.map((t) => t.spread));
    expect(b.worstSpread.value).toBe(worst);
    expect(b.targets.advantageSpread).toBe(worst <= 0.15);
    const rates = b.trios.map((t) => t.agreementRate);
    expect(b.targets.agreement).toBe(Math.min(...rates) > 0.05 && Math.max(...rates) < 0.95);
  });

  it("prints the table with one PASS/FAIL line per target and exits 0 whatever the balance", async () => {
    const r = await accord("scenario", "balance", fixturePath("bilateral-test"), "--seeds", "1,2");
    expect(r.code).toBe(0);
    const direct = runBalance({ scenario: fixture(), seeds: [1, 2] });
    const text = r.out.join("\n");
    const first = direct.trios[0]!;
    expect(text).toContain(
      `| hardliner, boulware, linear | ${first.games} | ${(100 * first.agreementRate).toFixed(1)}% | ${first.advantage.north!.toFixed(3)} | ${first.advantage.south!.toFixed(3)} | ${first.spread.toFixed(3)} |`,
    );
    expect(r.out.filter((l) => /^(PASS|FAIL) advantage: /.test(l))).toHaveLength(1);
    expect(r.out.filter((l) => /^(PASS|FAIL) agreement: /.test(l))).toHaveLength(1);
    expect(text).toContain(`worst spread of mean advantage between roles: ${direct.worstSpread.value.toFixed(3)}`);
  });

  it.each([
    [["nowhere-such"], /^accord scenario balance: nowhere-such: no such file, and no scenario with that id/],
    [["bilateral", "--repetitions", "0"], /^accord scenario balance: --repetitions must be a positive whole number, not '0'$/],
    [["bilateral", "--seeds", "1,,x"], /^accord scenario balance: --seeds must be whole numbers separated by commas, not '1,,x'$/],
    [["bilateral", "--seeds", "2,2"], /^accord scenario balance: --seeds: seed 2 is listed twice$/],
  ])("bad input %j: one line on stderr, nothing on stdout, a non-zero exit", async (args, message) => {
    const [first, ...rest] = args as string[];
    const r = await accord("scenario", "balance", first === "bilateral" ? fixturePath("bilateral-test") : first!, ...rest);
    expect(r.code).not.toBe(0);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });
});
