// Class sessions in the database (migration 0003_class_sessions): the session with its phase clock,
// its students and their places, its tables' match ids, and the facilitator's scores. Same Kysely
// queries on SQLite and PostgreSQL; times are ISO-8601 text.
import type { Kysely } from "kysely";
import type { Place } from "../../shared/classroom/assign.ts";
import type { PhaseClock } from "../../shared/classroom/phases.ts";
import { scoreKey } from "../../shared/classroom/session.ts";
import type { Database } from "../db/schema.ts";

export interface StoredStudent {
  id: string;
  name: string;
  tokenHash: string;
  place: Place | null;
  joinedAt: string;
}

export interface StoredSession {
  id: string;
  code: string;
  scenarioId: string;
  optionsJson: string;
  facilitatorTokenHash: string;
  clock: PhaseClock;
  tables: number;
  closed: boolean;
  createdAt: string;
  students: StoredStudent[];
  /** Table number → match id. */
  matches: Map<number, string>;
  /** scoreKey → 1..4. */
  scores: Record<string, number>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const ms = (text: string | null) => (text === null ? null : Date.parse(text));

export class ClassStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insertSession(row: { id: string; code: string; scenarioId: string; optionsJson: string; facilitatorTokenHash: string; clock: PhaseClock; createdAt: string }): Promise<void> {
    await this.db
      .insertInto("class_sessions")
      .values({
        id: row.id,
        code: row.code,
        scenario_id: row.scenarioId,
        options_json: row.optionsJson,
        facilitator_token_hash: row.facilitatorTokenHash,
        phase: row.clock.phase,
        phase_started_at: iso(row.clock.startedAt)!,
        phase_ends_at: iso(row.clock.endsAt),
        paused_left_ms: row.clock.pausedLeftMs,
        tables: 0,
        closed: 0,
        created_at: row.createdAt,
      })
      .execute();
  }

  async codeTaken(code: string): Promise<boolean> {
    return (await this.db.selectFrom("class_sessions").select("id").where("code", "=", code).executeTakeFirst()) !== undefined;
  }

  async sessionForCode(code: string): Promise<{ id: string; closed: boolean } | null> {
    const row = await this.db.selectFrom("class_sessions").select(["id", "closed"]).where("code", "=", code).executeTakeFirst();
    return row ? { id: row.id, closed: Number(row.closed) === 1 } : null;
  }

  async saveClock(id: string, clock: PhaseClock): Promise<void> {
    await this.db
      .updateTable("class_sessions")
      .set({ phase: clock.phase, phase_started_at: iso(clock.startedAt)!, phase_ends_at: iso(clock.endsAt), paused_left_ms: clock.pausedLeftMs })
      .where("id", "=", id)
      .execute();
  }

  async close(id: string): Promise<void> {
    await this.db.updateTable("class_sessions").set({ closed: 1 }).where("id", "=", id).execute();
  }

  async insertStudent(sessionId: string, s: StoredStudent): Promise<void> {
    await this.db
      .insertInto("class_students")
      .values({ id: s.id, session_id: sessionId, name: s.name, token_hash: s.tokenHash, table_no: s.place?.table ?? null, delegation: s.place?.delegation ?? null, joined_at: s.joinedAt })
      .execute();
  }

  async setCode(sessionId: string, code: string): Promise<void> {
    await this.db.updateTable("class_sessions").set({ code }).where("id", "=", sessionId).execute();
  }

  async deleteStudent(sessionId: string, studentId: string): Promise<void> {
    await this.db.deleteFrom("class_students").where("id", "=", studentId).where("session_id", "=", sessionId).execute();
  }

  async savePlaces(sessionId: string, places: { id: string; place: Place | null }[]): Promise<void> {
    if (places.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const p of places) {
        await trx
          .updateTable("class_students")
          .set({ table_no: p.place?.table ?? null, delegation: p.place?.delegation ?? null })
          .where("id", "=", p.id)
          .where("session_id", "=", sessionId)
          .execute();
      }
    });
  }

  async addTable(sessionId: string, table: number, matchId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("class_tables").values({ session_id: sessionId, table_no: table, match_id: matchId }).execute();
      await trx.updateTable("class_sessions").set({ tables: table }).where("id", "=", sessionId).where("tables", "<", table).execute();
    });
  }

  async setScore(sessionId: string, table: number, delegation: string, criterion: string, score: number | null): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom("class_scores")
        .where("session_id", "=", sessionId)
        .where("table_no", "=", table)
        .where("delegation", "=", delegation)
        .where("criterion", "=", criterion)
        .execute();
      if (score !== null) await trx.insertInto("class_scores").values({ session_id: sessionId, table_no: table, delegation, criterion, score }).execute();
    });
  }

  /** The join code of a table's match (the class hands it to the students it seats there). */
  async tableJoinCode(matchId: string): Promise<string | null> {
    const row = await this.db.selectFrom("matches").select("join_code").where("id", "=", matchId).executeTakeFirst();
    return row?.join_code ?? null;
  }

  async openSessionIds(): Promise<string[]> {
    const rows = await this.db.selectFrom("class_sessions").select("id").where("closed", "=", 0).orderBy("created_at").execute();
    return rows.map((r) => r.id);
  }

  async load(id: string): Promise<StoredSession | null> {
    const s = await this.db.selectFrom("class_sessions").selectAll().where("id", "=", id).executeTakeFirst();
    if (!s) return null;
    const students = await this.db.selectFrom("class_students").selectAll().where("session_id", "=", id).orderBy("joined_at").orderBy("id").execute();
    const tables = await this.db.selectFrom("class_tables").selectAll().where("session_id", "=", id).orderBy("table_no").execute();
    const scores = await this.db.selectFrom("class_scores").selectAll().where("session_id", "=", id).execute();
    return {
      id: s.id,
      code: s.code,
      scenarioId: s.scenario_id,
      optionsJson: s.options_json,
      facilitatorTokenHash: s.facilitator_token_hash,
      clock: {
        phase: s.phase,
        startedAt: ms(s.phase_started_at)!,
        endsAt: ms(s.phase_ends_at),
        pausedLeftMs: s.paused_left_ms === null ? null : Number(s.paused_left_ms),
      },
      tables: Number(s.tables),
      closed: Number(s.closed) === 1,
      createdAt: s.created_at,
      students: students.map((r) => ({
        id: r.id,
        name: r.name,
        tokenHash: r.token_hash,
        place: r.table_no !== null && r.delegation !== null ? { table: Number(r.table_no), delegation: r.delegation } : null,
        joinedAt: r.joined_at,
      })),
      matches: new Map(tables.map((t) => [Number(t.table_no), t.match_id])),
      scores: Object.fromEntries(scores.map((r) => [scoreKey(Number(r.table_no), r.delegation, r.criterion), Number(r.score)])),
    };
  }
}
