// Retention: what the database keeps, and for how long (config.retention; README "Retention").
//
//   - A table that never saw an action (no event in its log) and is over — pending (its creator
//     never arrived), abandoned, or ended without a move — is deleted `unplayedMinutes` after it
//     was created. These are most of what an anonymous `POST /matchmake/create` leaves behind
//     (~37 kB each, mostly the scenario copied into the row).
//   - A played table that is over (ended or abandoned) is deleted once nothing happened at it for
//     `days` days: created, started, ended and every logged action before the cut-off.
//   - A closed class session, and a finished or cancelled tournament, is deleted `days` days after
//     it ended, together with its own rows (students, scores, places; entrants, rounds, games) and
//     its tables — but only once every one of its tables is over and quiet for `days` as well.
//     Until then its tables are kept with it, whatever the two rules above say.
//   - An e-mail opt-in never confirmed whose confirmation link has expired (notify_email) is deleted
//     at every prune, whatever the windows: it sends nothing, and an address someone typed is not
//     kept for nothing.
//   - Never deleted: a table that is open or running, one this process has in memory (`keep`),
//     an open class session, a waiting or running tournament.
// Deleting a table deletes its seats, its event log and the people's hold on its seats (person_seats);
// deleting a class or a tournament, the people's memberships and entries of it (person_classes,
// person_entries). 0 for either window keeps those rows.
//
// Every statement is portable Kysely (SQLite and PostgreSQL; times are ISO-8601 text, compared as
// text). Candidates are chosen first, then deleted by id in small transactions whose DELETE checks
// the rule again, so a prune racing another (several processes on one PostgreSQL, or `accord data
// prune` beside the server) deletes each row once and nothing that changed meanwhile; the first
// statement of each transaction is a write (SQLite's WAL never has to upgrade a read).
import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from "kysely";
import type { Database } from "./schema.ts";

export interface RetentionPolicy {
  /** Minutes an unplayed table is kept after its creation; 0 keeps them. */
  unplayedMinutes: number;
  /** Days played tables, closed classes and finished tournaments are kept; 0 keeps them forever. */
  days: number;
}

export interface PruneOptions {
  /** Count what would be deleted, delete nothing. */
  dryRun?: boolean;
  /** Match ids never to delete (the tables this process has in memory), nor any class or tournament they belong to. */
  keep?: Iterable<string>;
}

export const PRUNED_TABLES = [
  "matches",
  "seats",
  "events",
  "class_sessions",
  "class_students",
  "class_tables",
  "class_scores",
  "tournaments",
  "tournament_entrants",
  "tournament_rounds",
  "tournament_games",
  "person_seats",
  "person_classes",
  "person_entries",
  "notify_email",
] as const;
export type PrunedTable = (typeof PRUNED_TABLES)[number];

export interface PruneResult {
  /** Tables deleted (or that would be) under the unplayed rule. */
  unplayedTables: number;
  /** Played tables deleted under the `days` rule (not counting those of classes and tournaments). */
  playedTables: number;
  classSessions: number;
  tournaments: number;
  /** Rows per database table, everything included (matches counts every table deleted). */
  rows: Record<PrunedTable, number>;
  dryRun: boolean;
}

type Executor = Kysely<Database> | Transaction<Database>;

/** Ids per DELETE … WHERE id IN (…): small transactions, so the event log's writer never waits long. */
const CHUNK = 200;

const OVER = ["ended", "abandoned"] as const;

/** `m` (a matches row, by its alias) saw nothing at or after `cutoff`: created, started, ended, logged. */
function quietSince(m: string, cutoff: string) {
  const ref = (column: string) => sql.ref(`${m}.${column}`);
  return sql<SqlBool>`(${ref("created_at")} < ${cutoff}
    and (${ref("started_at")} is null or ${ref("started_at")} < ${cutoff})
    and (${ref("ended_at")} is null or ${ref("ended_at")} < ${cutoff})
    and not exists (select 1 from events qe where qe.match_id = ${ref("id")} and qe.created_at >= ${cutoff}))`;
}

/** `m` belongs to no class session and no tournament (those are kept, and deleted, as a whole). */
function unowned(m: string) {
  const id = sql.ref(`${m}.id`);
  return sql<SqlBool>`(not exists (select 1 from class_tables oc where oc.match_id = ${id})
    and not exists (select 1 from tournament_games og where og.match_id = ${id}))`;
}

function hasEvents(m: string) {
  return sql<SqlBool>`exists (select 1 from events he where he.match_id = ${sql.ref(`${m}.id`)})`;
}

function inList(values: readonly string[]) {
  return sql.join(values.map((v) => sql`${v}`));
}

/** The rule that lets a table go on its own (re-checked by the DELETE itself). */
function unplayedRule(cutoff: string): Expression<SqlBool> {
  return sql<SqlBool>`(matches.status in (${inList(["pending", ...OVER])}) and ${quietSince("matches", cutoff)}
    and not ${hasEvents("matches")} and ${unowned("matches")})`;
}

function playedRule(cutoff: string): Expression<SqlBool> {
  return sql<SqlBool>`(matches.status in (${inList(OVER)}) and ${quietSince("matches", cutoff)}
    and ${hasEvents("matches")} and ${unowned("matches")})`;
}

/** Every table of the class / tournament is over and quiet since `cutoff` (a table whose row is gone counts as over). */
function classRule(cutoff: string): Expression<SqlBool> {
  return sql<SqlBool>`(class_sessions.closed = 1 and class_sessions.created_at < ${cutoff} and class_sessions.phase_started_at < ${cutoff}
    and not exists (select 1 from class_tables ct inner join matches cm on cm.id = ct.match_id
      where ct.session_id = class_sessions.id and (cm.status not in (${inList(OVER)}) or not ${quietSince("cm", cutoff)})))`;
}

function tournamentRule(cutoff: string): Expression<SqlBool> {
  return sql<SqlBool>`(tournaments.status in ('finished', 'cancelled') and tournaments.created_at < ${cutoff}
    and (tournaments.ended_at is null or tournaments.ended_at < ${cutoff})
    and not exists (select 1 from tournament_games tg inner join matches tm on tm.id = tg.match_id
      where tg.tournament_id = tournaments.id and (tm.status not in (${inList(OVER)}) or not ${quietSince("tm", cutoff)})))`;
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const deletedCount = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);

function emptyRows(): Record<PrunedTable, number> {
  return Object.fromEntries(PRUNED_TABLES.map((t) => [t, 0])) as Record<PrunedTable, number>;
}

/** The cut-off `minutes` before `now`, as ISO text; null when the window is 0 (keep). */
function cutoffOf(now: number, minutes: number): string | null {
  return minutes > 0 ? new Date(now - minutes * 60_000).toISOString() : null;
}

/** Seats and events of matches already deleted (or, dry, that would be). */
async function matchChildren(db: Executor, ids: readonly string[], rows: Record<PrunedTable, number>, dryRun: boolean): Promise<void> {
  if (ids.length === 0) return;
  for (const table of ["seats", "events", "person_seats"] as const) {
    if (dryRun) {
      const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as("n")).where("match_id", "in", ids).executeTakeFirst();
      rows[table] += Number(r?.n ?? 0);
    } else {
      rows[table] += deletedCount(await db.deleteFrom(table).where("match_id", "in", ids).executeTakeFirst());
    }
  }
}

/** Delete (or count) these tables by id, re-checking `rule` in the DELETE. Returns how many went. */
async function pruneMatches(db: Kysely<Database>, ids: string[], rule: Expression<SqlBool>, rows: Record<PrunedTable, number>, dryRun: boolean): Promise<number> {
  let total = 0;
  for (const chunk of chunks(ids)) {
    if (dryRun) {
      await matchChildren(db, chunk, rows, true);
      total += chunk.length;
      continue;
    }
    total += await db.transaction().execute(async (trx) => {
      const gone = (await trx.deleteFrom("matches").where("id", "in", chunk).where(rule).returning("id").execute()).map((r) => r.id);
      await matchChildren(trx, gone, rows, false);
      return gone.length;
    });
    // Let the event loop breathe between chunks (SQLite runs on it).
    await new Promise((r) => setImmediate(r));
  }
  rows.matches += total;
  return total;
}

/**
 * Delete what the policy no longer keeps, as of `now` (ms since the epoch, or a Date). Returns
 * what was deleted — with `dryRun`, what would be.
 */
export async function prune(db: Kysely<Database>, policy: RetentionPolicy, now: number | Date, options: PruneOptions = {}): Promise<PruneResult> {
  const at = typeof now === "number" ? now : now.getTime();
  const dryRun = options.dryRun ?? false;
  const keep = new Set(options.keep ?? []);
  const rows = emptyRows();
  const result: PruneResult = { unplayedTables: 0, playedTables: 0, classSessions: 0, tournaments: 0, rows, dryRun };

  // E-mail opt-ins never confirmed, past their confirmation link's expiry: whatever the windows.
  const stamp = new Date(at).toISOString();
  if (dryRun) {
    const counted = await db.selectFrom("notify_email").select((e) => e.fn.countAll<number>().as("n")).where("confirmed_at", "is", null).where("confirm_expires_at", "<", stamp).executeTakeFirst();
    rows.notify_email = Number(counted?.n ?? 0);
  } else {
    rows.notify_email = deletedCount(await db.deleteFrom("notify_email").where("confirmed_at", "is", null).where("confirm_expires_at", "<", stamp).executeTakeFirst());
  }

  const unplayedCutoff = cutoffOf(at, policy.unplayedMinutes);
  if (unplayedCutoff !== null) {
    const rule = unplayedRule(unplayedCutoff);
    const ids = (await db.selectFrom("matches").select("id").where(rule).orderBy("id").execute()).map((r) => r.id).filter((id) => !keep.has(id));
    result.unplayedTables = await pruneMatches(db, ids, rule, rows, dryRun);
  }

  const cutoff = cutoffOf(at, policy.days * 24 * 60);
  if (cutoff === null) return result;

  const rule = playedRule(cutoff);
  const played = (await db.selectFrom("matches").select("id").where(rule).orderBy("id").execute()).map((r) => r.id).filter((id) => !keep.has(id));
  result.playedTables = await pruneMatches(db, played, rule, rows, dryRun);

  // Class sessions, each with its own rows and its tables, one transaction each.
  const classRows = await db
    .selectFrom("class_sessions")
    .leftJoin("class_tables", "class_tables.session_id", "class_sessions.id")
    .select(["class_sessions.id as id", "class_tables.match_id as matchId"])
    .where(classRule(cutoff))
    .orderBy("class_sessions.id")
    .execute();
  for (const [id, matchIds] of grouped(classRows)) {
    if (matchIds.some((m) => keep.has(m))) continue;
    const gone = await inOne(db, dryRun, async (trx) => {
      if (!dryRun && (await trx.deleteFrom("class_sessions").where("id", "=", id).where(classRule(cutoff)).returning("id").execute()).length === 0) return false;
      for (const table of ["class_students", "class_scores", "class_tables", "person_classes"] as const) rows[table] += await removeWhere(trx, table, "session_id", id, dryRun);
      await dropMatches(trx, matchIds, rows, dryRun);
      return true;
    });
    if (gone) {
      rows.class_sessions++;
      result.classSessions++;
    }
  }

  const tournamentRows = await db
    .selectFrom("tournaments")
    .leftJoin("tournament_games", "tournament_games.tournament_id", "tournaments.id")
    .select(["tournaments.id as id", "tournament_games.match_id as matchId"])
    .where(tournamentRule(cutoff))
    .orderBy("tournaments.id")
    .execute();
  for (const [id, matchIds] of grouped(tournamentRows)) {
    if (matchIds.some((m) => keep.has(m))) continue;
    const gone = await inOne(db, dryRun, async (trx) => {
      if (!dryRun && (await trx.deleteFrom("tournaments").where("id", "=", id).where(tournamentRule(cutoff)).returning("id").execute()).length === 0) return false;
      for (const table of ["tournament_entrants", "tournament_rounds", "tournament_games", "person_entries"] as const) rows[table] += await removeWhere(trx, table, "tournament_id", id, dryRun);
      await dropMatches(trx, matchIds, rows, dryRun);
      return true;
    });
    if (gone) {
      rows.tournaments++;
      result.tournaments++;
    }
  }
  return result;
}

/** Rows of (owner id, match id or null) → owner id → its match ids. */
function grouped(rows: { id: string; matchId: string | null }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.id) ?? [];
    if (r.matchId !== null) list.push(r.matchId);
    out.set(r.id, list);
  }
  return out;
}

async function inOne<T>(db: Kysely<Database>, dryRun: boolean, work: (trx: Executor) => Promise<T>): Promise<T> {
  const result = dryRun ? await work(db) : await db.transaction().execute(work);
  await new Promise((r) => setImmediate(r));
  return result;
}

async function removeWhere(
  db: Executor,
  table: "class_students" | "class_scores" | "class_tables" | "person_classes" | "tournament_entrants" | "tournament_rounds" | "tournament_games" | "person_entries",
  column: "session_id" | "tournament_id",
  id: string,
  dryRun: boolean,
): Promise<number> {
  // The union of these tables has no common column type for Kysely: the column is named, not inferred.
  const t = db as unknown as Kysely<Record<string, Record<string, string>>>;
  if (dryRun) {
    const r = await t.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as("n")).where(column, "=", id).executeTakeFirst();
    return Number(r?.n ?? 0);
  }
  return deletedCount(await t.deleteFrom(table).where(column, "=", id).executeTakeFirst());
}

/** A class's or tournament's tables, with their seats and events. */
async function dropMatches(db: Executor, ids: string[], rows: Record<PrunedTable, number>, dryRun: boolean): Promise<void> {
  for (const chunk of chunks(ids)) {
    if (dryRun) {
      const r = await db.selectFrom("matches").select((eb) => eb.fn.countAll<string | number>().as("n")).where("id", "in", chunk).executeTakeFirst();
      rows.matches += Number(r?.n ?? 0);
    } else {
      rows.matches += deletedCount(await db.deleteFrom("matches").where("id", "in", chunk).executeTakeFirst());
    }
    await matchChildren(db, chunk, rows, dryRun);
  }
}

/** Total rows a result counts. */
export function prunedRows(result: PruneResult): number {
  return PRUNED_TABLES.reduce((sum, t) => sum + result.rows[t], 0);
}

/** One line for people: what went (or would go). */
export function describePrune(result: PruneResult): string {
  const verb = result.dryRun ? "would delete" : "deleted";
  const rows = PRUNED_TABLES.filter((t) => result.rows[t] > 0)
    .map((t) => `${t} ${result.rows[t]}`)
    .join(", ");
  return `${verb} ${result.unplayedTables} unplayed table(s), ${result.playedTables} played table(s), ${result.classSessions} class session(s), ${result.tournaments} tournament(s); rows: ${rows || "none"}`;
}
