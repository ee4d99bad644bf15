// Schema migrations, in code (no migration folder to ship), through Kysely's migrator so they
// run the same on SQLite and PostgreSQL. Append new ones; never edit one that has shipped.
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import type { Database } from "./schema.ts";

const migrations: Record<string, Migration> = {
  "0001_matches_seats_events": {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("matches")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("scenario_id", "text", (c) => c.notNull())
        .addColumn("scenario_json", "text", (c) => c.notNull())
        .addColumn("seed", "integer", (c) => c.notNull())
        .addColumn("options_json", "text", (c) => c.notNull())
        .addColumn("join_code", "text", (c) => c.notNull().unique())
        .addColumn("facilitator_token_hash", "text", (c) => c.notNull())
        .addColumn("listed", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("started_at", "text")
        .addColumn("ended_at", "text")
        .addColumn("outcome_json", "text")
        .execute();
      await db.schema.createIndex("matches_status").on("matches").column("status").execute();

      await db.schema
        .createTable("seats")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("match_id", "text", (c) => c.notNull())
        .addColumn("delegation", "text")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.unique())
        .addColumn("strategy", "text")
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("active", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("seats_match").on("seats").column("match_id").execute();

      await db.schema
        .createTable("events")
        .addColumn("match_id", "text", (c) => c.notNull())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("action_json", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("events_pk", ["match_id", "seq"])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("events").execute();
      await db.schema.dropTable("seats").execute();
      await db.schema.dropTable("matches").execute();
    },
  },
  "0002_tournaments": {
    // Hosted tournaments (server/tournaments/): entrants, rounds, and each round's games (matches).
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("tournaments")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("format", "text", (c) => c.notNull())
        .addColumn("scenarios_json", "text", (c) => c.notNull())
        .addColumn("rounds", "integer", (c) => c.notNull())
        .addColumn("options_json", "text", (c) => c.notNull())
        .addColumn("organiser_token_hash", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("current_round", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("started_at", "text")
        .addColumn("ended_at", "text")
        .execute();
      await db.schema.createIndex("tournaments_status").on("tournaments").column("status").execute();
      await db.schema
        .createTable("tournament_entrants")
        .addColumn("tournament_id", "text", (c) => c.notNull())
        .addColumn("id", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("strategy", "text")
        .addColumn("code_hash", "text", (c) => c.unique())
        .addPrimaryKeyConstraint("tournament_entrants_pk", ["tournament_id", "id"])
        .execute();
      await db.schema
        .createTable("tournament_rounds")
        .addColumn("tournament_id", "text", (c) => c.notNull())
        .addColumn("round", "integer", (c) => c.notNull())
        .addColumn("scenario_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("ended_at", "text")
        .addPrimaryKeyConstraint("tournament_rounds_pk", ["tournament_id", "round"])
        .execute();
      await db.schema
        .createTable("tournament_games")
        .addColumn("tournament_id", "text", (c) => c.notNull())
        .addColumn("round", "integer", (c) => c.notNull())
        .addColumn("table_no", "integer", (c) => c.notNull())
        .addColumn("scenario_id", "text", (c) => c.notNull())
        .addColumn("match_id", "text", (c) => c.unique())
        .addColumn("seats_json", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("result_json", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("ended_at", "text")
        .addPrimaryKeyConstraint("tournament_games_pk", ["tournament_id", "round", "table_no"])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("tournament_games").execute();
      await db.schema.dropTable("tournament_rounds").execute();
      await db.schema.dropTable("tournament_entrants").execute();
      await db.schema.dropTable("tournaments").execute();
    },
  },
  "0003_class_sessions": {
    // Class sessions: one scenario at several tables, run by a facilitator (server/classroom/).
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("class_sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("code", "text", (c) => c.notNull().unique())
        .addColumn("scenario_id", "text", (c) => c.notNull())
        .addColumn("options_json", "text", (c) => c.notNull())
        .addColumn("facilitator_token_hash", "text", (c) => c.notNull())
        .addColumn("phase", "text", (c) => c.notNull())
        .addColumn("phase_started_at", "text", (c) => c.notNull())
        .addColumn("phase_ends_at", "text")
        .addColumn("paused_left_ms", "integer")
        .addColumn("tables", "integer", (c) => c.notNull())
        .addColumn("closed", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("class_students")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("session_id", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("table_no", "integer")
        .addColumn("delegation", "text")
        .addColumn("joined_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("class_students_session").on("class_students").column("session_id").execute();
      await db.schema
        .createTable("class_tables")
        .addColumn("session_id", "text", (c) => c.notNull())
        .addColumn("table_no", "integer", (c) => c.notNull())
        .addColumn("match_id", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("class_tables_pk", ["session_id", "table_no"])
        .execute();
      await db.schema
        .createTable("class_scores")
        .addColumn("session_id", "text", (c) => c.notNull())
        .addColumn("table_no", "integer", (c) => c.notNull())
        .addColumn("delegation", "text", (c) => c.notNull())
        .addColumn("criterion", "text", (c) => c.notNull())
        .addColumn("score", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("class_scores_pk", ["session_id", "table_no", "delegation", "criterion"])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ["class_scores", "class_tables", "class_students", "class_sessions"]) await db.schema.dropTable(table).execute();
    },
  },
  "0005_match_owner": {
    // Which process runs a match, so that with several processes only one restores it.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("matches").addColumn("owner", "text").execute();
      await db.schema.createIndex("matches_owner").on("matches").column("owner").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("matches_owner").execute();
      await db.schema.alterTable("matches").dropColumn("owner").execute();
    },
  },
  "0004_turn_deadline": {
    // The turn clock after each action (server/rooms/negotiation.ts), so a restart resumes the turn
    // with the time it had left instead of a full turn: when it runs out (epoch ms, while running)
    // or how much was left (ms, while paused).
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("events").addColumn("turn_ends_at", "bigint").execute();
      await db.schema.alterTable("events").addColumn("turn_left_ms", "integer").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("events").dropColumn("turn_left_ms").execute();
      await db.schema.alterTable("events").dropColumn("turn_ends_at").execute();
    },
  },
  "0006_retention_indexes": {
    // Retention (server/db/retention.ts) asks of every candidate table whether a class holds it.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex("class_tables_match").on("class_tables").column("match_id").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("class_tables_match").execute();
    },
  },
  "0007_people": {
    // One person, many devices (server/people/): a person's personal link, stored only hashed, and
    // the seats they hold (rows of `seats`, by id: never a seat token), with what they have seen of each.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("people")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("link_hash", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("link_made_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("person_seats")
        .addColumn("person_id", "text", (c) => c.notNull())
        .addColumn("seat_id", "text", (c) => c.notNull())
        .addColumn("match_id", "text", (c) => c.notNull())
        .addColumn("delegation", "text")
        .addColumn("seen_version", "integer", (c) => c.notNull())
        .addColumn("seen_injects", "integer", (c) => c.notNull())
        .addColumn("added_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("person_seats_pk", ["person_id", "seat_id"])
        .execute();
      await db.schema.createIndex("person_seats_match").on("person_seats").columns(["match_id", "delegation"]).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("person_seats").execute();
      await db.schema.dropTable("people").execute();
    },
  },
  "0008_notify": {
    // Notifications (server/notify/): a person's e-mail opt-in, their browsers' Web Push
    // subscriptions, and the one-click unsubscribe tokens of the e-mails sent (stored hashed).
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("notify_email")
        .addColumn("person_id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("locale", "text", (c) => c.notNull())
        .addColumn("origin", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("notify_push")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("person_id", "text", (c) => c.notNull())
        .addColumn("endpoint", "text", (c) => c.notNull())
        .addColumn("p256dh", "text", (c) => c.notNull())
        .addColumn("auth", "text", (c) => c.notNull())
        .addColumn("locale", "text", (c) => c.notNull())
        .addColumn("origin", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("notify_push_person").on("notify_push").column("person_id").execute();
      await db.schema
        .createTable("notify_unsubscribe")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("person_id", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("notify_unsubscribe_person").on("notify_unsubscribe").column("person_id").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ["notify_unsubscribe", "notify_push", "notify_email"]) await db.schema.dropTable(table).execute();
    },
  },
  "0009_long_turns": {
    // Long-turn tables (issue 19): the IANA time zone a person joined from, so that a table's
    // quiet hours follow its mover's zone after a restart too (server/table/seating.ts).
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("seats").addColumn("time_zone", "text").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("seats").dropColumn("time_zone").execute();
    },
  },
  "0010_match_owner_kind": {
    // Who needs a match finished (issue 16): a class or a tournament that adopted it, so that a
    // table restored after a restart rests like the others when nobody is at it, unless one does
    // (server/table/open.ts). Unfinished matches from before this column are marked 'unknown' and
    // play on to their end, as every restored table did.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("matches").addColumn("owner_kind", "text").execute();
      await sql`update matches set owner_kind = 'unknown' where status in ('pending', 'open', 'running')`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("matches").dropColumn("owner_kind").execute();
    },
  },
  "0011_notify_confirm": {
    // Double opt-in for e-mail (server/notify/): an address gets nothing but its one confirmation
    // e-mail until the link in it is followed (`confirmed_at`); the link's token is kept only
    // hashed, with its expiry. `notify_confirm_sent`: each confirmation e-mail sent, for the limits
    // per address and per requester. Opt-ins from before this migration count as unconfirmed.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("notify_email").addColumn("confirmed_at", "text").execute();
      await db.schema.alterTable("notify_email").addColumn("confirm_hash", "text").execute();
      await db.schema.alterTable("notify_email").addColumn("confirm_expires_at", "text").execute();
      await db.schema.createIndex("notify_email_confirm").on("notify_email").column("confirm_hash").execute();
      await db.schema
        .createTable("notify_confirm_sent")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("person_id", "text", (c) => c.notNull())
        .addColumn("sent_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("notify_confirm_sent_email").on("notify_confirm_sent").columns(["email", "sent_at"]).execute();
      await db.schema.createIndex("notify_confirm_sent_person").on("notify_confirm_sent").columns(["person_id", "sent_at"]).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("notify_confirm_sent").execute();
      await db.schema.dropIndex("notify_email_confirm").execute();
      for (const column of ["confirm_expires_at", "confirm_hash", "confirmed_at"]) await db.schema.alterTable("notify_email").dropColumn(column).execute();
    },
  },
  "0012_people_classes": {
    // A person's class memberships and tournament entries (server/people/), as their seats are
    // kept: by the student's id and the entrant's id, never a student token or an entrant code.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("person_classes")
        .addColumn("person_id", "text", (c) => c.notNull())
        .addColumn("session_id", "text", (c) => c.notNull())
        .addColumn("student_id", "text", (c) => c.notNull())
        .addColumn("added_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("person_classes_pk", ["person_id", "session_id"])
        .execute();
      await db.schema.createIndex("person_classes_session").on("person_classes").columns(["session_id"]).execute();
      await db.schema
        .createTable("person_entries")
        .addColumn("person_id", "text", (c) => c.notNull())
        .addColumn("tournament_id", "text", (c) => c.notNull())
        .addColumn("entrant_id", "text", (c) => c.notNull())
        .addColumn("added_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("person_entries_pk", ["person_id", "tournament_id"])
        .execute();
      await db.schema.createIndex("person_entries_tournament").on("person_entries").columns(["tournament_id"]).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("person_entries").execute();
      await db.schema.dropTable("person_classes").execute();
    },
  },
};

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/** Bring the database to the latest schema; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  // Migrations are numbered by feature and may land in any order (0005 before 0002): a database
  // that already ran a later one still gets an earlier one that shipped after it.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
