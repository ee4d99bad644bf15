// Retention and personal links (server/db/retention.ts): deleting a table deletes the people's hold
// on its seats (person_seats), deleting a class or a tournament the memberships and entries people
// held in it (person_classes, person_entries); what is kept keeps them. On SQLite (a real file);
// time is injected (`now`), never waited for.
import { rmSync } from "node:fs";
import type { Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULTS } from "../../server/config.ts";
import { MatchStore } from "../../server/db/store.ts";
import { tempDir } from "../server/harness.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const DAY = 24 * 60 * 60_000;
const at = (ms: number) => new Date(NOW - ms).toISOString();
type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

async function match(db: AnyDb, id: string, status: string, endedAgo: number | null): Promise<void> {
  await db
    .insertInto("matches")
    .values({ id, scenario_id: "bilateral-test", scenario_json: "{}", seed: 1, options_json: "{}", join_code: `J${id}`.slice(0, 8).toUpperCase(), facilitator_token_hash: `h-${id}`, listed: 0, status, created_at: at(100 * DAY), started_at: at(100 * DAY), ended_at: endedAgo === null ? null : at(endedAgo), outcome_json: null, owner: status === "running" ? "someone" : null })
    .execute();
  await db.insertInto("seats").values({ id: `seat-${id}`, match_id: id, delegation: "north", kind: "person", token_hash: `t-${id}`, strategy: null, name: "N", active: 1, created_at: at(100 * DAY) }).execute();
  await db.insertInto("events").values({ match_id: id, seq: 1, action_json: "{}", created_at: at(endedAgo ?? 1 * DAY), turn_ends_at: null, turn_left_ms: null }).execute();
  await db.insertInto("person_seats").values({ person_id: "u1", seat_id: `seat-${id}`, match_id: id, delegation: "north", seen_version: 0, seen_injects: 0, added_at: at(100 * DAY) }).execute();
}

async function classSession(db: AnyDb, id: string, closed: number): Promise<void> {
  await db
    .insertInto("class_sessions")
    .values({ id, code: `K-${id}`, scenario_id: "bilateral-test", options_json: "{}", facilitator_token_hash: "h", phase: "debrief", phase_started_at: at(95 * DAY), phase_ends_at: null, paused_left_ms: null, tables: 0, closed, created_at: at(100 * DAY) })
    .execute();
  await db.insertInto("class_students").values({ id: `st-${id}`, session_id: id, name: "S", token_hash: `th-${id}`, table_no: null, delegation: null, joined_at: at(100 * DAY) }).execute();
  await db.insertInto("person_classes").values({ person_id: "u1", session_id: id, student_id: `st-${id}`, added_at: at(100 * DAY) }).execute();
}

async function tournament(db: AnyDb, id: string, status: string): Promise<void> {
  await db
    .insertInto("tournaments")
    .values({ id, name: id, format: "round-robin", scenarios_json: "[]", rounds: 1, options_json: "{}", organiser_token_hash: "h", status, current_round: 1, created_at: at(100 * DAY), started_at: at(100 * DAY), ended_at: status === "finished" ? at(95 * DAY) : null })
    .execute();
  await db.insertInto("tournament_entrants").values({ tournament_id: id, id: "e1", position: 0, name: "E", kind: "person", strategy: null, code_hash: `c-${id}` }).execute();
  await db.insertInto("person_entries").values({ person_id: "u1", tournament_id: id, entrant_id: "e1", added_at: at(100 * DAY) }).execute();
}

async function column(db: AnyDb, table: string, name: string): Promise<string[]> {
  return (await db.selectFrom(table).select(name).execute()).map((r) => String(r[name])).sort();
}

describe("retention and personal links", () => {
  it("deletes person_seats of pruned tables and the memberships and entries of pruned classes and tournaments, keeps the rest", async () => {
    const dataDir = tempDir("retention-people");
    dirs.push(dataDir);
    const store = await MatchStore.open({ ...DEFAULTS, dataDir, databaseUrl: "", logLevel: "error" });
    try {
      const db = store.db as unknown as AnyDb;
      await db.insertInto("people").values({ id: "u1", link_hash: "l", created_at: at(100 * DAY), link_made_at: at(100 * DAY) }).execute();
      await match(db, "old", "ended", 95 * DAY);
      await match(db, "recent", "ended", 10 * DAY);
      await match(db, "live", "running", null);
      await classSession(db, "cold", 1);
      await classSession(db, "open", 0);
      await tournament(db, "tdone", "finished");
      await tournament(db, "trun", "running");

      const dry = await store.prune({ unplayedMinutes: 60, days: 90 }, NOW, { dryRun: true });
      expect(dry.rows).toMatchObject({ person_seats: 1, person_classes: 1, person_entries: 1 });
      expect(await column(db, "person_seats", "match_id")).toEqual(["live", "old", "recent"]);

      const result = await store.prune({ unplayedMinutes: 60, days: 90 }, NOW);
      expect(result.rows).toMatchObject({ matches: 1, seats: 1, person_seats: 1, class_sessions: 1, person_classes: 1, tournaments: 1, person_entries: 1 });
      expect(await column(db, "person_seats", "match_id")).toEqual(["live", "recent"]);
      expect(await column(db, "person_classes", "session_id")).toEqual(["open"]);
      expect(await column(db, "person_entries", "tournament_id")).toEqual(["trun"]);
      // The person stays: their link still works for what they hold.
      expect(await column(db, "people", "id")).toEqual(["u1"]);
    } finally {
      await store.close();
    }
  });

  it("deletes e-mail opt-ins never confirmed once their confirmation link has expired, at every prune; keeps confirmed ones and links still valid", async () => {
    const dataDir = tempDir("retention-optins");
    dirs.push(dataDir);
    const store = await MatchStore.open({ ...DEFAULTS, dataDir, databaseUrl: "", logLevel: "error" });
    try {
      const db = store.db as unknown as AnyDb;
      const optIn = (person: string, confirmedAgo: number | null, expiresIn: number | null) =>
        db
          .insertInto("notify_email")
          .values({
            person_id: person,
            email: `${person}@example.org`,
            locale: "en",
            origin: "https://accord.example.org",
            created_at: at(2 * DAY),
            confirmed_at: confirmedAgo === null ? null : at(confirmedAgo),
            confirm_hash: confirmedAgo === null ? `c-${person}` : null,
            confirm_expires_at: expiresIn === null ? null : new Date(NOW + expiresIn).toISOString(),
          })
          .execute();
      await optIn("confirmed", DAY, null);
      await optIn("pending", null, 60 * 60_000);
      await optIn("lapsed", null, -60_000);

      // Whatever the windows (0 keeps every table): only the lapsed one goes.
      const dry = await store.prune({ unplayedMinutes: 0, days: 0 }, NOW, { dryRun: true });
      expect(dry.rows.notify_email).toBe(1);
      expect(await column(db, "notify_email", "person_id")).toEqual(["confirmed", "lapsed", "pending"]);
      const result = await store.prune({ unplayedMinutes: 0, days: 0 }, NOW);
      expect(result.rows.notify_email).toBe(1);
      expect(await column(db, "notify_email", "person_id")).toEqual(["confirmed", "pending"]);
    } finally {
      await store.close();
    }
  });
});
