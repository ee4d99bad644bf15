// What notifications add to a table's hot path: `newsOf` (server/notify/news.ts) runs after every
// committed action of a table whose server has a notifier (always), before anything is queued. This
// measures it per step over whole bot games (the steps replayed through `apply` for their events):
// a bilateral scenario of 30 rounds and a 5-party multilateral one, 5 runs each, CPU time.
// Run with `npm run bench -- notify`.
import { pathToFileURL } from "node:url";
import { botsFor, playGame } from "../../shared/bots/index.ts";
import { apply } from "../../shared/rules/index.ts";
import type { GameAction, GameEvent, GameState } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { newsOf } from "../../server/notify/news.ts";
import { bilateral30, syntheticMultilateral } from "../bots/scenarios.ts";

const RUNS = 5;
const GAMES = 40;

interface Step {
  before: GameState;
  after: GameState;
  events: GameEvent[];
}

function steps(scenario: Scenario, names: Record<string, string>): Step[] {
  const out: Step[] = [];
  for (let seed = 1; seed <= GAMES; seed++) {
    const actions: { action: GameAction; state: GameState }[] = [];
    playGame(scenario, seed, botsFor(scenario, seed, names as never), { onAction: (action, state) => actions.push({ action, state }) });
    // Replay for each step's events (playGame keeps only states).
    for (let i = 1; i < actions.length; i++) {
      const before = actions[i - 1]!.state;
      const r = apply(before, actions[i]!.action);
      if (!r.ok) throw new Error(`replay refused ${actions[i]!.action.type}: ${r.code}`);
      out.push({ before, after: r.state, events: r.events });
    }
  }
  return out;
}

function measure(label: string, all: Step[]): void {
  const perStep: number[] = [];
  let news = 0;
  for (let run = 0; run < RUNS; run++) {
    const cpu = process.cpuUsage();
    let n = 0;
    for (let rep = 0; rep < 20; rep++) for (const s of all) n += newsOf(s.before, s.after, s.events).length;
    const used = process.cpuUsage(cpu);
    perStep.push(((used.user + used.system) * 1000) / (all.length * 20));
    news = n / 20;
  }
  const sorted = [...perStep].sort((a, b) => a - b);
  const fmt = (x: number) => x.toFixed(0);
  console.log(
    `${label}: ${all.length} steps, ${news} news items; newsOf per step ${fmt(sorted[Math.floor(RUNS / 2)]!)} ns median (runs: ${perStep.map(fmt).join(", ")} ns; min ${fmt(sorted[0]!)}, max ${fmt(sorted[RUNS - 1]!)})`,
  );
}

export async function run(): Promise<void> {
  measure("bilateral 30 rounds, boulware vs conceder", steps(bilateral30, { north: "boulware", south: "conceder" }));
  const five = syntheticMultilateral(5, 4, 4, 1, 10);
  measure("5-party multilateral 10 rounds, linear ×5", steps(five, Object.fromEntries(five.delegations.map((d) => [d.id, "linear"]))));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
