// A bot-only Swiss tournament of 8 entrants over 3 rounds, through the HTTP API, on the game
// server in a child process (`node bin/server.js`, as `npm start` runs it). In the middle of round
// 2 the process is killed (SIGKILL); a new one starts on the same data folder; the tournament
// completes. Round 1 is unchanged, round 2's interrupted tables continue in the same matches, and
// the standings the API serves equal a recomputation from the stored games: each match's event log
// replayed from the database and measured with the shared functions, not the director's records.
import Database from "better-sqlite3";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Standing, TableSeat, TournamentGame } from "../../shared/tournaments/index.ts";
import { FIXTURE_SCENARIOS, freePort, type ServerProcess, startServerProcess, tempDir } from "../server/harness.ts";
import { call, createTournament, getTournament, waitForTournament } from "./api.ts";
import { recomputeStandings, sqliteQuery } from "./recompute.ts";

const children = new Set<ServerProcess>();
const dataDir = tempDir("tournament-restart");

afterAll(() => {
  for (const server of children) server.child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(port: number): Promise<ServerProcess> {
  // Bots pause 60–120 ms between moves (botPace "table" below), so a round lasts long enough to be interrupted.
  const server = await startServerProcess({
    port,
    env: { DATA_DIR: dataDir, SCENARIOS_DIR: FIXTURE_SCENARIOS, BOT_DELAY_MS: "60-120", LOG_LEVEL: "info" },
  });
  children.add(server);
  await server.waitForOutput("game server listening");
  return server;
}

interface StoredGameRow {
  round: number;
  table_no: number;
  scenario_id: string;
  match_id: string | null;
  seats_json: string;
  status: TournamentGame["status"];
  result_json: string | null;
}

function readDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, "accord.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function storedGames(tournamentId: string): StoredGameRow[] {
  return readDb((db) => db.prepare("select * from tournament_games where tournament_id = ? order by round, table_no").all(tournamentId) as StoredGameRow[]);
}

function eventCount(matchId: string): number {
  return readDb((db) => (db.prepare("select count(*) as n from events where match_id = ?").get(matchId) as { n: number }).n);
}

describe("a hosted Swiss tournament of bots", () => {
  it("completes 3 rounds through the HTTP API and survives a SIGKILL in the middle of round 2", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await startServer(port);

    const strategies = ["boulware", "conceder", "linear", "hardliner", "tit-for-tat", "diplomat", "random", "easy"] as const;
    const created = await createTournament(url, {
      name: "Restart cup",
      scenarios: ["bilateral-test"],
      format: "swiss",
      rounds: 3,
      botPace: "table",
      entrants: strategies.map((strategy) => ({ kind: "bot" as const, strategy })),
    });
    expect(created.entrants).toHaveLength(8);
    expect(created.entrants.every((e) => e.code === undefined)).toBe(true);
    const started = await call(url, "POST", `/api/tournaments/${created.id}/start`, { token: created.organiserToken });
    expect(started.status).toBe(200);

    // Round 1 done, round 2 under way: at least one of its tables is mid-negotiation.
    const during = await waitForTournament(
      url,
      created.id,
      (t) => t.currentRound === 2 && t.tables.some((g) => g.round === 2 && g.status === "running" && g.phase === "running"),
      "round 2 to be under way",
    );
    expect(during.tables.filter((g) => g.round === 1).every((g) => g.status === "ended")).toBe(true);
    first.child.kill("SIGKILL");
    await first.exited();

    // What the database held at the kill: round 1 recorded, round 2 unfinished.
    const atKill = storedGames(created.id);
    const round1 = atKill.filter((g) => g.round === 1);
    expect(round1).toHaveLength(4);
    expect(round1.every((g) => g.status === "ended" && g.result_json !== null)).toBe(true);
    const interrupted = atKill.filter((g) => g.round === 2 && g.status === "running");
    expect(interrupted.length).toBeGreaterThan(0);
    // A table may still be only planned (the kill came while the round's tables were being created).
    const eventsAtKill = new Map(interrupted.filter((g) => g.match_id !== null).map((g) => [g.match_id!, eventCount(g.match_id!)]));

    const second = await startServer(port);
    expect(second.output()).toContain('"tournaments":1');
    const done = await waitForTournament(url, created.id, (t) => t.status === "finished", "the tournament to finish", 120_000);

    // Nothing lost: round 1 exactly as it was, round 2's interrupted tables finished in the same matches.
    const after = storedGames(created.id);
    expect(after.filter((g) => g.round === 1)).toEqual(round1);
    for (const g of interrupted) {
      const now = after.find((x) => x.round === 2 && x.table_no === g.table_no)!;
      expect(now.status).toBe("ended");
      if (g.match_id === null) {
        // Planned only: created after the restart.
        expect(now.match_id).not.toBeNull();
      } else {
        expect(now.match_id).toBe(g.match_id);
        expect(eventCount(g.match_id)).toBeGreaterThan(eventsAtKill.get(g.match_id)!);
      }
    }
    expect(eventsAtKill.size).toBeGreaterThan(0);
    expect(after).toHaveLength(12);
    expect(done.tables).toHaveLength(12);

    // Every entrant played once per round, and nobody met anyone twice (8 entrants, 3 rounds: always avoidable).
    const pairs = new Set<string>();
    for (let round = 1; round <= 3; round++) {
      const seated = after.filter((g) => g.round === round).flatMap((g) => (JSON.parse(g.seats_json) as TableSeat[]).map((s) => s.entrant));
      expect(seated.slice().sort()).toEqual(created.entrants.map((e) => e.id).sort());
    }
    for (const g of after) {
      const [a, b] = (JSON.parse(g.seats_json) as TableSeat[]).map((s) => s.entrant!).sort();
      expect(pairs.has(`${a}-${b}`), `${a} and ${b} met twice`).toBe(false);
      pairs.add(`${a}-${b}`);
    }

    // The standings served equal the recomputation from the stored games.
    const served = await call<{ standings: Standing[] }>(url, "GET", `/api/tournaments/${created.id}/standings`);
    expect(served.status).toBe(200);
    const db = sqliteQuery(join(dataDir, "accord.sqlite"));
    const { standings: recomputed, unfinished } = await recomputeStandings(db.query, created.id).finally(() => db.close());
    expect(unfinished).toEqual([]);
    expect(served.body.standings).toEqual(recomputed);
    expect(recomputed.every((s) => s.games === 3)).toBe(true);
    expect((await getTournament(url, created.id)).standings).toEqual(recomputed);

    // The exports carry the same: one CSV line per entrant, and one per seat per game.
    const csv = await call<string>(url, "GET", `/api/tournaments/${created.id}/standings.csv`);
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe("rank,entrant,name,kind,games,score,agreement_rate,mean_utility,opponents_score");
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(recomputed.map((s) => s.entrant));
    const results = await call<string>(url, "GET", `/api/tournaments/${created.id}/results.csv`);
    expect(results.body.trim().split("\r\n")).toHaveLength(1 + 12 * 2);
    const json = await call<{ games: TournamentGame[] }>(url, "GET", `/api/tournaments/${created.id}/results.json`);
    expect(json.body.games.map((g) => g.matchId)).toEqual(after.map((g) => g.match_id));

    await second.stop();
  }, 180_000);
});
