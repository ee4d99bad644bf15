// A tournament across two game processes sharing Redis and PostgreSQL (as docker-compose runs
// them), here as child processes (`node bin/server.js`): the tournament is created and started on
// one process, its tables are spread over both, two scripted people ask the *other* process for
// their table (the seat is issued by remote call where the table runs) and play through it, and
// every game is recorded exactly once although both processes hear every table end. The standings
// equal a recomputation from PostgreSQL. Skips, saying so, without Redis or PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntrantView } from "../../shared/tournaments/api.ts";
import type { Standing } from "../../shared/tournaments/index.ts";
import { Player, type ServerProcess } from "../server/harness.ts";
import { autoplay, type Decide } from "../server/play.ts";
import { CI, type Cluster, missingServices, startCluster } from "../scale/services.ts";
import { call, createTournament, waitForTournament } from "./api.ts";
import { postgresQuery, recomputeStandings } from "./recompute.ts";

const why = missingServices();
if (why !== null && !CI) process.stderr.write(`skipping the tournament test on two processes: ${why}\n`);

const middle: Decide = (state) => {
  const fair = { notification: "h72", funding: "split", scope: "critical" };
  if (!state.offer) return ["propose", { package: fair }];
  if (state.offer.package.get("scope") === "none") return ["counter", { package: fair }];
  return ["accept"];
};

describe.skipIf(why !== null && !CI)("a tournament on two processes", () => {
  let cluster: Cluster;

  beforeAll(async () => {
    if (why !== null) throw new Error(`CI=true but Redis or PostgreSQL is missing: ${why}`);
    cluster = await startCluster("tournament_cluster");
  }, 60_000);

  afterAll(() => cluster?.stop());

  const startProcess = () => cluster.start();

  it("runs its tables on both processes, seats people through either, and records each game once", async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const created = await createTournament(a.url, {
      scenarios: ["bilateral-test"],
      format: "swiss",
      rounds: 2,
      entrants: [
        { kind: "person", name: "Ada" },
        { kind: "person", name: "Ben" },
        ...(["boulware", "conceder", "linear", "hardliner", "diplomat", "tit-for-tat"] as const).map((strategy) => ({ kind: "bot" as const, strategy })),
      ],
    });
    expect((await call(a.url, "POST", `/api/tournaments/${created.id}/start`, { token: created.organiserToken })).status).toBe(200);

    // Each person asks process B for their table each round, joins it wherever it runs, and plays it out.
    const follow = async (code: string, label: string) => {
      const played: string[] = [];
      while (played.length < 2) {
        const me = await call<EntrantView>(b.url, "GET", `/api/tournaments/${created.id}/me`, { token: code });
        expect(me.status, JSON.stringify(me.body)).toBe(200);
        const table = me.body.table;
        if (!table || played.includes(table.matchId)) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        const player = await Player.join(b.url, table.matchId, { seatToken: table.seatToken }, `${label} r${table.round}`);
        await player.waitFor(() => player.welcome, "the welcome");
        await autoplay(player, table.delegation, middle);
        played.push(table.matchId);
        await player.leave();
      }
      return played;
    };
    await Promise.all([follow(created.entrants[0]!.code!, "Ada"), follow(created.entrants[1]!.code!, "Ben")]);
    const done = await waitForTournament(a.url, created.id, (t) => t.status === "finished", "the tournament to finish", 60_000);
    expect(done.tables).toHaveLength(8);
    expect(done.tables.every((t) => t.status === "ended" && t.result !== null)).toBe(true);

    // Both processes ran tables: each logs "match created" for the tables it runs (new tables go to the process with fewest).
    const ran = (p: ServerProcess) => {
      const lines = p.output().split("\n").filter((l) => l.includes("match created"));
      return done.tables.filter((t) => lines.some((l) => l.includes(`"matchId":"${t.matchId}"`))).length;
    };
    expect(ran(a)).toBeGreaterThan(0);
    expect(ran(b)).toBeGreaterThan(0);
    expect(ran(a) + ran(b)).toBe(8);

    // Each game recorded once: one "tournament game recorded" line per game over both processes.
    const recorded = (p: ServerProcess) => p.output().split("\n").filter((l) => l.includes("tournament game recorded")).length;
    expect(recorded(a) + recorded(b)).toBe(8);
    // And each round paired once: no process tripped over the other.
    for (const p of [a, b]) expect(p.output()).not.toContain("tournament task failed");

    const db = await postgresQuery(cluster.databaseUrl);
    const recomputed = await recomputeStandings(db.query, created.id).finally(() => db.close());
    expect(recomputed.unfinished).toEqual([]);
    const served = await call<{ standings: Standing[] }>(b.url, "GET", `/api/tournaments/${created.id}/standings`);
    expect(served.body.standings).toEqual(recomputed.standings);
  }, 180_000);
});
