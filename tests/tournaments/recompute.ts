// The standings recomputed from a database alone, independently of the tournament director: the
// entrants, each game's seats, and each match replayed from its stored event log, measured with
// the shared functions. Works on the SQLite file or a PostgreSQL database.
import Database from "better-sqlite3";
import pg from "pg";
import { replay } from "../../shared/rules/index.ts";
import type { GameAction } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { gameResult, standings, type Entrant, type Standing, type TableSeat, type TournamentGame } from "../../shared/tournaments/index.ts";

/** One query, `$1`-style parameters. */
export type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;

export async function recomputeStandings(query: Query, tournamentId: string): Promise<{ standings: Standing[]; unfinished: string[] }> {
  const entrants = await query<Entrant>("select id, name, kind, strategy from tournament_entrants where tournament_id = $1 order by position", [tournamentId]);
  const rows = await query<{ round: number; table_no: number; scenario_id: string; match_id: string; seats_json: string }>(
    "select round, table_no, scenario_id, match_id, seats_json from tournament_games where tournament_id = $1 order by round, table_no",
    [tournamentId],
  );
  const unfinished: string[] = [];
  const games: TournamentGame[] = [];
  for (const row of rows) {
    const [match] = await query<{ scenario_json: string; seed: number; status: string }>("select scenario_json, seed, status from matches where id = $1", [row.match_id]);
    const actions = (await query<{ action_json: string }>("select action_json from events where match_id = $1 order by seq", [row.match_id])).map(
      (a) => JSON.parse(a.action_json) as GameAction,
    );
    const state = replay(JSON.parse(match!.scenario_json) as Scenario, Number(match!.seed), actions);
    if (state.phase !== "ended" || match!.status !== "ended") {
      unfinished.push(row.match_id);
      continue;
    }
    const seats = JSON.parse(row.seats_json) as TableSeat[];
    games.push({ round: Number(row.round), table: Number(row.table_no), scenario: row.scenario_id, matchId: row.match_id, status: "ended", seats, result: gameResult(state, seats) });
  }
  return { standings: standings(entrants, games), unfinished };
}

/** Queries on the server's SQLite file (read-only). */
export function sqliteQuery(file: string): { query: Query; close(): void } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  return {
    query: async <T>(sql: string, params: unknown[]) => db.prepare(sql.replace(/\$\d+/g, "?")).all(...params) as T[],
    close: () => db.close(),
  };
}

/** Queries on a PostgreSQL database. */
export async function postgresQuery(url: string): Promise<{ query: Query; close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    query: async <T>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}
