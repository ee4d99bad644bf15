// Who is told: the people behind a delegation's seat, and who presents a credential to the opt-in
// routes. Notifications are kept per person id. Two kinds of person id answer here:
//   - the id of a seat (server/table/seating.ts: one person at one table, its seat token the
//     credential), which every browser holding a seat has;
//   - the person of server/people (one person across devices and tables, a personal link's
//     credential), when that module is wired in (`PeopleDirectory`).
// A delegation's people are the union of both, so an opt-in made either way is found.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { log } from "../log.ts";
import { hashToken } from "../tokens.ts";

/** The part of server/people the notifications use (its contract: /tmp/h/contract-people.md). */
export interface PeopleDirectory {
  /** The people (server/people ids) who hold a seat at this delegation of this match. */
  personIdsOfSeat(matchId: string, delegation: string): Promise<string[]>;
  /** The person whose credential this is (`Authorization: Bearer`), or null. */
  personOfCredential(credential: string): Promise<string | null>;
}

export interface NotifyPeople {
  personIdsOfSeat(matchId: string, delegation: string): Promise<string[]>;
  personOfCredential(credential: string): Promise<string | null>;
}

/** server/people's store as the directory (its contract: personIdsOfSeat, personBySecret). */
export function peopleDirectory(people: { personIdsOfSeat(matchId: string, delegation: string): Promise<string[]>; personBySecret(secret: string): Promise<{ id: string } | null> }): PeopleDirectory {
  return {
    personIdsOfSeat: (matchId, delegation) => people.personIdsOfSeat(matchId, delegation),
    personOfCredential: async (credential) => (await people.personBySecret(credential))?.id ?? null,
  };
}

/** Seats as people: a seat's id is its person at that table; its seat token is the credential. */
export function seatPeople(db: Kysely<Database>): NotifyPeople {
  return {
    async personIdsOfSeat(matchId, delegation) {
      const rows = await db
        .selectFrom("seats")
        .select("id")
        .where("match_id", "=", matchId)
        .where("delegation", "=", delegation)
        .where("kind", "=", "person")
        .where("active", "=", 1)
        .execute();
      return rows.map((r) => r.id);
    },
    async personOfCredential(credential) {
      const row = await db.selectFrom("seats").select("id").where("kind", "=", "person").where("token_hash", "=", hashToken(credential)).where("active", "=", 1).executeTakeFirst();
      return row?.id ?? null;
    },
  };
}

/** Seats, and the people of server/people when there is a directory: a failing directory is logged and the seats still answer. */
export function notifyPeople(db: Kysely<Database>, directory?: PeopleDirectory): NotifyPeople {
  const seats = seatPeople(db);
  if (!directory) return seats;
  return {
    async personIdsOfSeat(matchId, delegation) {
      const own = await seats.personIdsOfSeat(matchId, delegation);
      const linked = await directory.personIdsOfSeat(matchId, delegation).catch((e: unknown) => {
        log.warn("notify: could not read a seat's people", { matchId, delegation, error: e });
        return [] as string[];
      });
      return [...new Set([...own, ...linked])];
    },
    async personOfCredential(credential) {
      return (await directory.personOfCredential(credential)) ?? (await seats.personOfCredential(credential));
    },
  };
}
