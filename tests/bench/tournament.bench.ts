// Hosted tournaments: how long pairing a round takes for large fields (pure, shared/tournaments),
// and a whole bot-only Swiss tournament on a real in-process server (HTTP API, real tables with
// instant bots, SQLite): wall time and this process's CPU time per game.
// Run with `npm run bench -- tournament` or `node bin/run-ts.js tests/bench/tournament.bench.ts`.
import { rmSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { startGameServer } from "../../server/app.ts";
import { DEFAULTS } from "../../server/config.ts";
import type { CreateTournamentInput, TournamentCreated, TournamentSummary } from "../../shared/tournaments/api.ts";
import { pairRound, type PastTable } from "../../shared/tournaments/index.ts";
import { tempDir } from "../server/harness.ts";

function pairing(n: number, k: number, rounds: number): number {
  const entrants = Array.from({ length: n }, (_, i) => `e${i}`);
  const roles = Array.from({ length: k }, (_, i) => `r${i}`);
  const history: PastTable[] = [];
  let seed = 7;
  const t0 = performance.now();
  for (let round = 1; round <= rounds; round++) {
    // A ranking that changes every round, as standings do.
    const ranking = entrants.slice().sort(() => ((seed = (seed * 1103515245 + 12345) >>> 0) & 1 ? 1 : -1));
    history.push(...pairRound({ format: "swiss", entrants, roles, round, history, ranking }).map((seats) => ({ seats })));
  }
  return (performance.now() - t0) / rounds;
}

async function hosted(entrants: number, rounds: number, scenario: string): Promise<void> {
  const dataDir = tempDir("bench-tournament");
  const server = await startGameServer({ ...DEFAULTS, port: 0, host: "127.0.0.1", dataDir, logLevel: "error", clientDir: dataDir });
  try {
    const strategies = ["boulware", "conceder", "linear", "hardliner", "tit-for-tat", "diplomat", "random", "easy"] as const;
    const body: CreateTournamentInput = {
      scenarios: [scenario],
      format: "swiss",
      rounds,
      entrants: Array.from({ length: entrants }, (_, i) => ({ kind: "bot" as const, strategy: strategies[i % strategies.length]! })),
    };
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const created = (await (await fetch(`${server.url}/api/tournaments`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as TournamentCreated;
    await fetch(`${server.url}/api/tournaments/${created.id}/start`, { method: "POST", headers: { authorization: `Bearer ${created.organiserToken}` } });
    let t: TournamentSummary;
    for (;;) {
      t = (await (await fetch(`${server.url}/api/tournaments/${created.id}`)).json()) as TournamentSummary;
      if (t.status === "finished") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const games = t.tables.length;
    console.log(
      `${entrants} bots × ${rounds} Swiss rounds on ${scenario}: ${games} games in ${wall.toFixed(2)} s wall, ` +
        `${((cpu.user + cpu.system) / 1000 / games).toFixed(1)} ms CPU per game (server and poller in this process)`,
    );
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  for (const [n, k] of [
    [64, 2],
    [256, 2],
    [256, 3],
    [64, 4],
  ] as const) {
    console.log(`Swiss pairing, ${n} entrants at ${k}-delegation tables: ${pairing(n, k, 10).toFixed(1)} ms per round (10 rounds)`);
  }
  await hosted(32, 5, "us-china-2015");
  await hosted(16, 4, "sco-code-of-conduct-2015");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
