// How many complete bot-vs-bot negotiations one core runs per second, through the real pipeline
// (createGame, viewFor for every decision, apply for every move): a bilateral scenario with 30
// rounds and a 5-party multilateral one. Then where the time goes: the view, the rules, the bots.
// Run with `npm run bench` or `npx tsx tests/bench/bots.bench.ts`.
import { pathToFileURL } from "node:url";
import { botsFor, playGame, type BotName } from "../../shared/bots/index.ts";
import { apply, createGame, delegationsToMove, viewFor } from "../../shared/rules/index.ts";
import type { GameAction, GameState } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { bilateral30, syntheticMultilateral } from "../bots/scenarios.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);

interface Case {
  label: string;
  scenario: Scenario;
  names: Record<string, BotName>;
}

function cases(): Case[] {
  const five = syntheticMultilateral(5, 4, 4, 1, 10);
  const all = (name: BotName) => Object.fromEntries(five.delegations.map((d) => [d.id, name]));
  const mixed: BotName[] = ["diplomat", "boulware", "linear", "conceder", "tit-for-tat"];
  return [
    { label: "bilateral 30 rounds, boulware vs conceder", scenario: bilateral30, names: { north: "boulware", south: "conceder" } },
    { label: "bilateral 30 rounds, diplomat vs linear", scenario: bilateral30, names: { north: "diplomat", south: "linear" } },
    { label: "bilateral 30 rounds, tit-for-tat vs boulware", scenario: bilateral30, names: { north: "tit-for-tat", south: "boulware" } },
    { label: "5-party multilateral 10 rounds, linear ×5", scenario: five, names: all("linear") },
    {
      label: "5-party multilateral 10 rounds, mixed",
      scenario: five,
      names: Object.fromEntries(five.delegations.map((d, i) => [d.id, mixed[i]!])),
    },
  ];
}

/**
 * Complete negotiations per second of CPU time (the process's, so GC threads count too): on a busy
 * machine wall time measures the neighbours, CPU time measures the work. Also actions per game.
 */
function measure(c: Case, seconds: number): { perSecond: number; perWallSecond: number; actions: number; deals: number; games: number } {
  let games = 0;
  let actions = 0;
  let deals = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const stop = start + seconds * 1000;
  while (performance.now() < stop) {
    for (let k = 0; k < 10; k++, games++) {
      const played = playGame(c.scenario, games, botsFor(c.scenario, games, c.names, { talk: false }));
      actions += played.actions;
      if (played.outcome.agreement) deals++;
    }
  }
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { perSecond: games / cpuSeconds, perWallSecond: games / wall, actions: actions / games, deals, games };
}

/** The same games with a stopwatch on each part: how the time splits between view, rules and bots. */
function breakdown(c: Case, seconds: number): { view: number; apply: number; bots: number } {
  let view = 0;
  let rules = 0;
  let bots = 0;
  const stop = performance.now() + seconds * 1000;
  for (let seed = 0; performance.now() < stop; seed++) {
    const players = botsFor(c.scenario, seed, c.names, { talk: false });
    let state: GameState = createGame(c.scenario, seed);
    const step = (action: GameAction) => {
      const t = performance.now();
      const result = apply(state, action);
      rules += performance.now() - t;
      if (!result.ok) throw new Error(result.message);
      state = result.state;
    };
    step({ type: "start", actionId: "start", version: 0, by: { kind: "facilitator" } });
    let clock = 0;
    while (state.phase === "running") {
      let moved = false;
      for (const id of delegationsToMove(state)) {
        let t = performance.now();
        const v = viewFor(state, { kind: "delegation", id });
        view += performance.now() - t;
        t = performance.now();
        const action = players[id]!.act(v);
        bots += performance.now() - t;
        if (action) {
          step(action);
          moved = true;
          break;
        }
      }
      if (!moved) step({ type: "timeout", actionId: `t${clock++}`, version: state.version, by: { kind: "system" } });
    }
  }
  const total = view + rules + bots;
  return { view: view / total, apply: rules / total, bots: bots / total };
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

export async function run(): Promise<void> {
  console.log(`bot-vs-bot negotiations per CPU second (and per wall second), ${SECONDS} s per case (BENCH_SECONDS to change)`);
  for (const c of cases()) {
    measure(c, 0.3); // warm up the JIT
    const m = measure(c, SECONDS);
    const split = breakdown(c, Math.min(1, SECONDS / 2));
    console.log(
      `${c.label.padEnd(48)} ${m.perSecond.toFixed(0).padStart(7)}/s (wall ${m.perWallSecond.toFixed(0)}/s)  ` +
        `${m.actions.toFixed(1)} actions/game, ${pct(m.deals / m.games)} deals  ` +
        `[time: view ${pct(split.view)}, apply ${pct(split.apply)}, bots ${pct(split.bots)}]`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
