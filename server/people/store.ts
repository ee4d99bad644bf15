// People: one person across many devices, without a password (issue 19). A person is an id and a
// personal link, whose secret (32 random bytes, base64url) is handed out once and kept only as its
// SHA-256 hash, as seat tokens are (server/tokens.ts). What a person holds is a list of seats: the
// `seats` row by its id, never its token. So no seat token is ever kept in clear:
//
// - a device proves it holds a seat by presenting the seat token once ("save my seats to a link":
//   the token is hashed and looked up like a rejoin; the row's id is recorded for the person);
// - a device that holds the person's link joins any of those seats with the link itself (the join
//   option `personToken`: server/table/joining.ts asks `seatForLink` for the seat's token hash and
//   seats the connection as that seat's person). It never learns the seat token.
//
// Revoking a link replaces its hash with a new one: every device that came through the old link
// can no longer join (its joins are refused with `bad_token`), and its open connections are closed
// with a notice (LiveMatch.signOutPerson). A device with its own seat token keeps its seat.
import type { Kysely } from "kysely";
import { randomBytes } from "node:crypto";
import type { Database } from "../db/schema.ts";
import { hashToken, newToken, sameSecret } from "../tokens.ts";

/** Seats one person may hold (the oldest are dropped beyond it: tables long over). */
export const MAX_SEATS_PER_PERSON = 200;

/** A seat a person holds. */
export interface HeldSeat {
  seatId: string;
  matchId: string;
  delegation: string | null;
  /** The table's version when the person last looked (0: never). */
  seenVersion: number;
  /** Injects fired when the person last looked. */
  seenInjects: number;
  addedAt: string;
}

/** Person ids are public (they appear in nothing a stranger reads), never a credential: "u" + 11 symbols. */
export function newPersonRecordId(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(11);
  let out = "u";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export class PeopleStore {
  constructor(readonly db: Kysely<Database>) {}

  /** A new person with a fresh personal link: its id and the link's secret (given out once, kept hashed). */
  async create(now = new Date().toISOString()): Promise<{ id: string; secret: string }> {
    const id = newPersonRecordId();
    const secret = newToken();
    await this.db.insertInto("people").values({ id, link_hash: hashToken(secret), created_at: now, link_made_at: now }).execute();
    return { id, secret };
  }

  /** The person a presented personal-link secret belongs to (revoked or unknown: null). */
  async personBySecret(secret: string): Promise<{ id: string } | null> {
    if (secret.length === 0 || secret.length > 128) return null;
    return this.personByHash(hashToken(secret));
  }

  /** The same, from the secret's hash (the table's join hashes it once). */
  async personByHash(linkHash: string): Promise<{ id: string } | null> {
    const row = await this.db.selectFrom("people").select(["id", "link_hash"]).where("link_hash", "=", linkHash).executeTakeFirst();
    // The lookup is by the hash (as seat tokens are found); the comparison is still the one constant-time one.
    return row && sameSecret(row.link_hash, linkHash) ? { id: row.id } : null;
  }

  /**
   * Revoke the person's link: a new secret replaces it (given to the device that asked), and the
   * old one stops working at once, everywhere. The person and their seats stay.
   */
  async revoke(personId: string, now = new Date().toISOString()): Promise<{ secret: string }> {
    const secret = newToken();
    await this.db.updateTable("people").set({ link_hash: hashToken(secret), link_made_at: now }).where("id", "=", personId).execute();
    return { secret };
  }

  /**
   * Record the seats whose tokens a device presented: each token is hashed and looked up among
   * valid person seats (as a rejoin would); the ones found are added (once). Returns, per token in
   * order, the seat found (its match and delegation) or null.
   */
  async addSeats(personId: string, seatTokens: readonly string[], now = new Date().toISOString()): Promise<({ matchId: string; delegation: string | null } | null)[]> {
    const hashes = seatTokens.map((t) => hashToken(t));
    if (hashes.length === 0) return [];
    const rows = await this.db
      .selectFrom("seats")
      .select(["id", "match_id", "delegation", "token_hash"])
      .where("kind", "=", "person")
      .where("active", "=", 1)
      .where("token_hash", "in", hashes)
      .execute();
    const byHash = new Map(rows.map((r) => [r.token_hash!, r]));
    const found = hashes.map((h) => byHash.get(h) ?? null);
    for (const row of found) {
      if (!row) continue;
      await this.db
        .insertInto("person_seats")
        .values({ person_id: personId, seat_id: row.id, match_id: row.match_id, delegation: row.delegation, seen_version: 0, seen_injects: 0, added_at: now })
        .onConflict((oc) => oc.columns(["person_id", "seat_id"]).doNothing())
        .execute();
    }
    await this.trim(personId);
    return found.map((r) => (r ? { matchId: r.match_id, delegation: r.delegation } : null));
  }

  /** Keep the person's newest MAX_SEATS_PER_PERSON seats. */
  private async trim(personId: string): Promise<void> {
    const rows = await this.db.selectFrom("person_seats").select(["seat_id"]).where("person_id", "=", personId).orderBy("added_at", "desc").orderBy("seat_id").execute();
    const extra = rows.slice(MAX_SEATS_PER_PERSON).map((r) => r.seat_id);
    if (extra.length > 0) await this.db.deleteFrom("person_seats").where("person_id", "=", personId).where("seat_id", "in", extra).execute();
  }

  /** Every seat the person holds (newest first); [] for an unknown person. */
  async seatsOf(personId: string): Promise<HeldSeat[]> {
    const rows = await this.db.selectFrom("person_seats").selectAll().where("person_id", "=", personId).orderBy("added_at", "desc").orderBy("seat_id").execute();
    return rows.map((r) => ({ seatId: r.seat_id, matchId: r.match_id, delegation: r.delegation, seenVersion: Number(r.seen_version), seenInjects: Number(r.seen_injects), addedAt: r.added_at }));
  }

  /** The ids of every person who holds a seat at `delegation` of `matchId` ([] if none). */
  async personIdsOfSeat(matchId: string, delegation: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("person_seats")
      .innerJoin("seats", "seats.id", "person_seats.seat_id")
      .select("person_seats.person_id")
      .distinct()
      .where("person_seats.match_id", "=", matchId)
      .where("seats.delegation", "=", delegation)
      .where("seats.active", "=", 1)
      .execute();
    return rows.map((r) => r.person_id);
  }

  /**
   * The seat a personal link holds at a match, for the table's join: the person and the seat's
   * token hash (the table then seats the connection as that seat's person). Null when the link is
   * unknown or revoked, or holds no valid seat there.
   */
  async seatForLink(linkHash: string, matchId: string): Promise<{ personId: string; seatTokenHash: string } | null> {
    const person = await this.personByHash(linkHash);
    if (!person) return null;
    const row = await this.db
      .selectFrom("person_seats")
      .innerJoin("seats", "seats.id", "person_seats.seat_id")
      .select(["seats.token_hash"])
      .where("person_seats.person_id", "=", person.id)
      .where("person_seats.match_id", "=", matchId)
      .where("seats.active", "=", 1)
      .where("seats.kind", "=", "person")
      .orderBy("person_seats.added_at", "desc")
      .executeTakeFirst();
    return row?.token_hash ? { personId: person.id, seatTokenHash: row.token_hash } : null;
  }

  /** Record that the person is student `studentId` of class `sessionId` (by id: never the student token). One student per class. */
  async addClass(personId: string, sessionId: string, studentId: string, now = new Date().toISOString()): Promise<void> {
    await this.db
      .insertInto("person_classes")
      .values({ person_id: personId, session_id: sessionId, student_id: studentId, added_at: now })
      .onConflict((oc) => oc.columns(["person_id", "session_id"]).doUpdateSet({ student_id: studentId, added_at: now }))
      .execute();
  }

  /** The student a personal link holds in a class, for the class room's join (null: link unknown or revoked, or no place there). */
  async studentForLink(linkHash: string, sessionId: string): Promise<{ personId: string; studentId: string | null } | null> {
    const person = await this.personByHash(linkHash);
    if (!person) return null;
    const row = await this.db.selectFrom("person_classes").select(["student_id"]).where("person_id", "=", person.id).where("session_id", "=", sessionId).executeTakeFirst();
    return { personId: person.id, studentId: row?.student_id ?? null };
  }

  /** Every class the person is a student of (newest first). */
  async classesOf(personId: string): Promise<{ sessionId: string; studentId: string; addedAt: string }[]> {
    const rows = await this.db.selectFrom("person_classes").selectAll().where("person_id", "=", personId).orderBy("added_at", "desc").orderBy("session_id").execute();
    return rows.map((r) => ({ sessionId: r.session_id, studentId: r.student_id, addedAt: r.added_at }));
  }

  /** Record that the person is entrant `entrantId` of tournament `tournamentId` (by id: never the entrant code). */
  async addEntry(personId: string, tournamentId: string, entrantId: string, now = new Date().toISOString()): Promise<void> {
    await this.db
      .insertInto("person_entries")
      .values({ person_id: personId, tournament_id: tournamentId, entrant_id: entrantId, added_at: now })
      .onConflict((oc) => oc.columns(["person_id", "tournament_id"]).doUpdateSet({ entrant_id: entrantId, added_at: now }))
      .execute();
  }

  /** The entrant the person is in a tournament, or null. */
  async entryOf(personId: string, tournamentId: string): Promise<string | null> {
    const row = await this.db.selectFrom("person_entries").select(["entrant_id"]).where("person_id", "=", personId).where("tournament_id", "=", tournamentId).executeTakeFirst();
    return row?.entrant_id ?? null;
  }

  /** Every tournament entry the person holds (newest first). */
  async entriesOf(personId: string): Promise<{ tournamentId: string; entrantId: string; addedAt: string }[]> {
    const rows = await this.db.selectFrom("person_entries").selectAll().where("person_id", "=", personId).orderBy("added_at", "desc").orderBy("tournament_id").execute();
    return rows.map((r) => ({ tournamentId: r.tournament_id, entrantId: r.entrant_id, addedAt: r.added_at }));
  }

  /** The person looked at a table: what they have seen now stands at this version and inject count. */
  async markSeen(personId: string, matchId: string, version: number, injects: number): Promise<boolean> {
    const result = await this.db
      .updateTable("person_seats")
      .set({ seen_version: version, seen_injects: injects })
      .where("person_id", "=", personId)
      .where("match_id", "=", matchId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
