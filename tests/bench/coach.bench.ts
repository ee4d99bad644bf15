// The coach (issue 18), measured. `npm run bench -- coach`.
//  1. How its estimate of the other side converges, round by round: the seat holds firm against
//     each standard strategy and the estimate is read after rounds 0..deadline (tests/coach/convergence.ts):
//     the weights' error (½ Σ|ŵ − w|), the mean error of a package's estimated value, the stated
//     confidence. On the bilateral fixture and three GENIUS domains (when ../shared/data/genius is there).
//  2. The same scripted naive player (tests/coach/naive.ts: concedes linearly, accepts the first offer
//     at or above its walk-away) with and without following the coach, in 200 seeded games per
//     scenario against the standard bots (40 seeds × boulware, linear, conceder, tit-for-tat,
//     diplomat; the naive player takes each seat in turn), in-process through shared/bots/play.ts:
//     its mean advantage and mean distance to the Pareto frontier (from the final profiles, injects
//     included), with their standard deviations over the games, and the share of deals.
//  3. What one `coach(view, draft)` call costs (the browser runs one per table change and per draft
//     change): every seat-0 view of a game of Linear bots on each shipped scenario, median, p95, max.
import { pathToFileURL } from "node:url";
import { dealAnalysis } from "../../shared/analysis/deal.ts";
import { paretoFrontier } from "../../shared/analysis/pareto.ts";
import { maxUtilities } from "../../shared/analysis/points.ts";
import { outcomeSpace } from "../../shared/analysis/utility.ts";
import { botsFor, playGame, type Bot, type BotName } from "../../shared/bots/index.ts";
import { coach } from "../../shared/coach/index.ts";
import { viewFor } from "../../shared/rules/index.ts";
import type { SeatView } from "../../shared/rules/types.ts";
import type { Profile, Scenario } from "../../shared/scenario/schema.ts";
import { loadScenarioFile, scenarioIds, scenariosDir } from "../../server/scenarios.ts";
import { bilateral, geniusScenarios } from "../bots/scenarios.ts";
import { convergence, steady } from "../coach/convergence.ts";
import { naivePlayer, type NaiveCounts } from "../coach/naive.ts";

const OPPONENTS: BotName[] = ["boulware", "linear", "conceder", "tit-for-tat", "diplomat"];
const SEEDS = Number(process.env.COACH_SEEDS ?? 40);

const f3 = (x: number) => x.toFixed(3);

function printConvergence(scenario: Scenario, seeds: number): void {
  for (const me of [0, 1] as const) {
    const c = convergence(scenario, me, seeds);
    console.log(`${c.scenario}: ${c.me} holds firm, estimate of ${c.other} (${c.games} games), by round 0..${c.weightError.length - 1}`);
    console.log(`  weight error   ${c.weightError.map(f3).join(" ")}`);
    console.log(`  value error    ${c.utilityError.map(f3).join(" ")}`);
    console.log(`  confidence     ${c.confidence.map(f3).join(" ")}`);
  }
}

interface Tally {
  advantage: number[];
  distance: number[];
  deals: number;
}

const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
const sd = (a: number[]) => {
  const m = mean(a);
  return Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / Math.max(1, a.length - 1));
};

function compare(scenario: Scenario): { plain: Tally; coached: Tally; counts: NaiveCounts } {
  const plain: Tally = { advantage: [], distance: [], deals: 0 };
  const coached: Tally = { advantage: [], distance: [], deals: 0 };
  const counts: NaiveCounts = { trades: 0, heldBack: 0 };
  const analyses = new Map<string, { space: ReturnType<typeof outcomeSpace>; context: { ideal: number[]; pareto: ReturnType<typeof paretoFrontier> } }>();
  for (const opponent of OPPONENTS) {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const meIndex = seed % 2;
      const me = scenario.delegations[meIndex]!.id;
      const other = scenario.delegations[1 - meIndex]!.id;
      for (const withCoach of [false, true]) {
        const bots: Record<string, Bot> = { ...botsFor(scenario, seed, { [other]: opponent }, { talk: false }), [me]: naivePlayer(me, withCoach, withCoach ? counts : undefined) };
        const played = playGame(scenario, seed, bots);
        const profiles = played.state.profiles;
        const key = JSON.stringify([profiles[me], profiles[other]]);
        let a = analyses.get(key);
        if (!a) {
          const space = outcomeSpace(scenario.issues, [
            { id: me, profile: profiles[me] as Profile },
            { id: other, profile: profiles[other] as Profile },
          ]);
          a = { space, context: { ideal: maxUtilities(space), pareto: paretoFrontier(space) } };
          analyses.set(key, a);
        }
        const deal = dealAnalysis(a.space, played.outcome.agreement ? { ...played.outcome.package! } : null, a.context);
        const t = withCoach ? coached : plain;
        t.advantage.push(deal.parties[0]!.advantage);
        t.distance.push(deal.paretoDistance ?? NaN);
        if (played.outcome.agreement) t.deals++;
      }
    }
  }
  return { plain, coached, counts };
}

function printComparison(scenario: Scenario): void {
  const { plain, coached, counts } = compare(scenario);
  const n = plain.advantage.length;
  const line = (label: string, t: Tally) =>
    `  ${label.padEnd(16)} advantage ${f3(mean(t.advantage))} ± ${f3(sd(t.advantage))}   distance to frontier ${f3(mean(t.distance))} ± ${f3(sd(t.distance))}   deals ${((100 * t.deals) / n).toFixed(1)}%`;
  console.log(`${scenario.id}: ${n} games each (mean ± standard deviation over the games)`);
  console.log(line("naive", plain));
  console.log(line("naive + coach", coached));
  // Paired by game (same scenario, seed, seat and opponent): what following the coach changed.
  const paired = (a: number[], b: number[]) => b.map((x, k) => x - a[k]!);
  const dAdv = paired(plain.advantage, coached.advantage);
  const dDist = paired(plain.distance, coached.distance);
  const count = (d: number[], sign: 1 | -1) => d.filter((x) => sign * x > 1e-9).length;
  console.log(`  paired (coach − naive): advantage ${f3(mean(dAdv))} ± ${f3(sd(dAdv))} (better in ${count(dAdv, 1)}, worse in ${count(dAdv, -1)} games); distance ${f3(mean(dDist))} ± ${f3(sd(dDist))} (nearer in ${count(dDist, -1)}, farther in ${count(dDist, 1)})`);
  console.log(`  coached: ${counts.trades} suggested trades followed, ${counts.heldBack} accepts held back (over ${n} games)`);
}

function printCallCost(scenario: Scenario): void {
  const me = scenario.delegations[0]!.id;
  const views: SeatView[] = [];
  const names = Object.fromEntries(scenario.delegations.map((d) => [d.id, "linear" as const]));
  playGame(scenario, 1, botsFor(scenario, 1, names, { talk: false }), { onAction: (_a, state) => void views.push(viewFor(state, { kind: "delegation", id: me })) });
  const times: number[] = [];
  for (const view of views) {
    const start = performance.now();
    coach(view, view.table?.package ?? null);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  const size = scenario.issues.reduce((n, i) => n * i.options.length, 1);
  console.log(`${scenario.id}: ${size} packages, ${times.length} calls (a call after an inject, or the first, may build the seat's sorted space): median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
}

export async function run(): Promise<void> {
  console.log("-- the estimate, round by round --");
  printConvergence(steady(bilateral), 4);
  const { scenarios: genius, missing } = geniusScenarios(20);
  if (missing) console.log(`(GENIUS part skipped: ${missing})`);
  for (const s of genius.filter((g) => g.protocol === "alternating")) printConvergence(s, 3);

  console.log("\n-- the naive player with and without the coach --");
  const usChina = loadScenarioFile(`${scenariosDir}/us-china-2015`);
  const cases: Scenario[] = [bilateral];
  if (usChina.ok) cases.push(usChina.scenario);
  else console.log(`(us-china-2015 skipped: ${usChina.errors[0]})`);
  for (const g of genius.filter((s) => s.protocol === "alternating")) cases.push({ ...g, deadline: { ...g.deadline, rounds: 10 } });
  for (const scenario of cases) printComparison(scenario);

  console.log("\n-- what one coach() call costs --");
  for (const id of scenarioIds()) {
    const loaded = loadScenarioFile(`${scenariosDir}/${id}`);
    if (loaded.ok) printCallCost(loaded.scenario);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
