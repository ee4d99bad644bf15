// Tournaments in the database (migration 0002_tournaments), through the match store's Kysely
// instance: the same queries on SQLite and PostgreSQL, plain text and integer columns only.
// Tokens and entrant codes are stored as hashes (server/tokens.ts); JSON columns hold the
// shared/tournaments types.
import type { Kysely } from "kysely";
import type { Entrant, GameResult, TableSeat, TournamentGame } from "../../shared/tournaments/index.ts";
import type { Database, TournamentGamesTable, TournamentRoundsTable, TournamentsTable, TournamentStatus } from "../db/schema.ts";

export type { TournamentStatus } from "../db/schema.ts";

/** Settings the orchestrator reads as it runs. */
export interface TournamentOptions {
  /** Turn timer of the tables; default the scenario's. */
  secondsPerTurn?: number;
  /** Bot-only tables: `instant` (no pause between moves, the default) or `table` (the server's bot delay). */
  botPace: "instant" | "table";
  /** Shown in `GET /api/tournaments`. */
  listed?: boolean;
  /** Minutes an entrant has, once the organiser starts their table, before a bot stands in (missing in older records: 1). */
  standInAfterMinutes?: number;
}

export interface TournamentRecord {
  id: string;
  name: string;
  format: "round-robin" | "swiss";
  scenarios: string[];
  rounds: number;
  options: TournamentOptions;
  organiserTokenHash: string;
  status: TournamentStatus;
  currentRound: number;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

export interface StoredEntrant extends Entrant {
  position: number;
  codeHash: string | null;
}

function now(): string {
  return new Date().toISOString();
}

function toGame(row: TournamentGamesTable): TournamentGame {
  return {
    round: Number(row.round),
    table: Number(row.table_no),
    scenario: row.scenario_id,
    matchId: row.match_id,
    status: row.status,
    seats: JSON.parse(row.seats_json) as TableSeat[],
    result: row.result_json === null ? null : (JSON.parse(row.result_json) as GameResult),
  };
}

export class TournamentStore {
  constructor(readonly db: Kysely<Database>) {}

  async insert(t: TournamentRecord, entrants: StoredEntrant[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("tournaments")
        .values({
          id: t.id,
          name: t.name,
          format: t.format,
          scenarios_json: JSON.stringify(t.scenarios),
          rounds: t.rounds,
          options_json: JSON.stringify(t.options),
          organiser_token_hash: t.organiserTokenHash,
          status: t.status,
          current_round: t.currentRound,
          created_at: t.createdAt,
          started_at: t.startedAt,
          ended_at: t.endedAt,
        })
        .execute();
      await trx
        .insertInto("tournament_entrants")
        .values(
          entrants.map((e) => ({
            tournament_id: t.id,
            id: e.id,
            position: e.position,
            name: e.name,
            kind: e.kind,
            strategy: e.strategy,
            code_hash: e.codeHash,
          })),
        )
        .execute();
    });
  }

  async get(id: string): Promise<TournamentRecord | null> {
    const row = await this.db.selectFrom("tournaments").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      format: row.format as TournamentRecord["format"],
      scenarios: JSON.parse(row.scenarios_json) as string[],
      rounds: Number(row.rounds),
      options: JSON.parse(row.options_json) as TournamentOptions,
      organiserTokenHash: row.organiser_token_hash,
      status: row.status,
      currentRound: Number(row.current_round),
      createdAt: row.created_at,
      startedAt: row.started_at,
      endedAt: row.ended_at,
    };
  }

  /** Listed tournaments, newest first (the flag lives in options_json: matched as text, the same on SQLite and PostgreSQL). */
  async listed(limit: number): Promise<TournamentRecord[]> {
    const rows = await this.db
      .selectFrom("tournaments")
      .select("id")
      .where("options_json", "like", '%"listed":true%')
      .where("status", "in", ["waiting", "running", "finished"])
      .orderBy("created_at", "desc")
      .limit(limit)
      .execute();
    const out: TournamentRecord[] = [];
    for (const r of rows) {
      const t = await this.get(r.id);
      if (t?.options.listed) out.push(t);
    }
    return out;
  }

  async runningIds(): Promise<string[]> {
    const rows = await this.db.selectFrom("tournaments").select("id").where("status", "=", "running").orderBy("created_at").execute();
    return rows.map((r) => r.id);
  }

  async update(id: string, patch: Partial<Pick<TournamentsTable, "status" | "current_round" | "started_at" | "ended_at">>): Promise<void> {
    await this.db.updateTable("tournaments").set(patch).where("id", "=", id).execute();
  }

  async entrants(id: string): Promise<StoredEntrant[]> {
    const rows = await this.db.selectFrom("tournament_entrants").selectAll().where("tournament_id", "=", id).orderBy("position").execute();
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, strategy: r.strategy, position: Number(r.position), codeHash: r.code_hash }));
  }

  async entrantByCode(codeHash: string): Promise<{ tournamentId: string; entrant: StoredEntrant } | null> {
    const r = await this.db.selectFrom("tournament_entrants").selectAll().where("code_hash", "=", codeHash).executeTakeFirst();
    if (!r) return null;
    return {
      tournamentId: r.tournament_id,
      entrant: { id: r.id, name: r.name, kind: r.kind, strategy: r.strategy, position: Number(r.position), codeHash: r.code_hash },
    };
  }

  async rounds(id: string): Promise<TournamentRoundsTable[]> {
    return this.db.selectFrom("tournament_rounds").selectAll().where("tournament_id", "=", id).orderBy("round").execute();
  }

  async games(id: string): Promise<TournamentGame[]> {
    const rows = await this.db.selectFrom("tournament_games").selectAll().where("tournament_id", "=", id).orderBy("round").orderBy("table_no").execute();
    return rows.map(toGame);
  }

  /** The round and its planned tables, in one transaction (tables get their match ids as they are created). */
  async planRound(id: string, round: number, scenarioId: string, tables: TableSeat[][]): Promise<void> {
    const at = now();
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("tournament_rounds").values({ tournament_id: id, round, scenario_id: scenarioId, status: "running", started_at: at, ended_at: null }).execute();
      if (tables.length > 0) {
        await trx
          .insertInto("tournament_games")
          .values(
            tables.map((seats, i) => ({
              tournament_id: id,
              round,
              table_no: i + 1,
              scenario_id: scenarioId,
              match_id: null,
              seats_json: JSON.stringify(seats),
              status: "running" as const,
              result_json: null,
              created_at: at,
              ended_at: null,
            })),
          )
          .execute();
      }
      await trx.updateTable("tournaments").set({ current_round: round }).where("id", "=", id).execute();
    });
  }

  async setMatch(id: string, round: number, table: number, matchId: string): Promise<void> {
    await this.db.updateTable("tournament_games").set({ match_id: matchId }).where("tournament_id", "=", id).where("round", "=", round).where("table_no", "=", table).execute();
  }

  /** The game a match belongs to, if any. */
  async gameOfMatch(matchId: string): Promise<{ tournamentId: string; game: TournamentGame } | null> {
    const row = await this.db.selectFrom("tournament_games").selectAll().where("match_id", "=", matchId).executeTakeFirst();
    return row ? { tournamentId: row.tournament_id, game: toGame(row) } : null;
  }

  /** Record a game's end; false when it was already recorded (another process, or a rescan, did it). */
  async finishGame(id: string, round: number, table: number, status: "ended" | "void", result: GameResult | null): Promise<boolean> {
    const r = await this.db
      .updateTable("tournament_games")
      .set({ status, result_json: result === null ? null : JSON.stringify(result), ended_at: now() })
      .where("tournament_id", "=", id)
      .where("round", "=", round)
      .where("table_no", "=", table)
      .where("status", "=", "running")
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Close a round; false when it was already closed. */
  async finishRound(id: string, round: number): Promise<boolean> {
    const r = await this.db
      .updateTable("tournament_rounds")
      .set({ status: "done", ended_at: now() })
      .where("tournament_id", "=", id)
      .where("round", "=", round)
      .where("status", "=", "running")
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
