// The notifications' queries (migration 0008_notify): a person's e-mail opt-in, their browsers'
// Web Push subscriptions, and the unsubscribe tokens of the e-mails sent (only their hashes).
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Locale } from "../../shared/i18n/index.ts";
import type { Database } from "../db/schema.ts";
import { hashToken } from "../tokens.ts";

export interface EmailOptIn {
  personId: string;
  email: string;
  locale: Locale;
  origin: string;
}

export interface PushSubscriptionRow {
  id: string;
  personId: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  locale: Locale;
  origin: string;
}

/** An e-mail's unsubscribe link works this many days. */
export const TOKEN_DAYS = 90;

function pushId(personId: string, endpoint: string): string {
  return createHash("sha256").update(`${personId}\u0000${endpoint}`, "utf8").digest("hex");
}

export class NotifyStore {
  constructor(
    readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }

  async email(personId: string): Promise<EmailOptIn | null> {
    const row = await this.db.selectFrom("notify_email").selectAll().where("person_id", "=", personId).executeTakeFirst();
    return row ? { personId: row.person_id, email: row.email, locale: row.locale as Locale, origin: row.origin } : null;
  }

  /** E-mail opt-ins of these people. */
  async emails(personIds: readonly string[]): Promise<EmailOptIn[]> {
    if (personIds.length === 0) return [];
    const rows = await this.db.selectFrom("notify_email").selectAll().where("person_id", "in", personIds).execute();
    return rows.map((row) => ({ personId: row.person_id, email: row.email, locale: row.locale as Locale, origin: row.origin }));
  }

  async setEmail(optIn: EmailOptIn): Promise<void> {
    await this.db.deleteFrom("notify_email").where("person_id", "=", optIn.personId).execute();
    await this.db.insertInto("notify_email").values({ person_id: optIn.personId, email: optIn.email, locale: optIn.locale, origin: optIn.origin, created_at: this.stamp() }).execute();
  }

  /** Stop e-mails to this person; their unsubscribe tokens go too. True when there was an opt-in. */
  async removeEmail(personId: string): Promise<boolean> {
    const r = await this.db.deleteFrom("notify_email").where("person_id", "=", personId).executeTakeFirst();
    await this.db.deleteFrom("notify_unsubscribe").where("person_id", "=", personId).execute();
    return Number(r.numDeletedRows) > 0;
  }

  /**
   * A fresh unsubscribe token for one e-mail to this person: the token, to put in the e-mail; only
   * its hash is kept. The person's tokens older than TOKEN_DAYS go (their e-mails' links then say
   * the link no longer works; any newer e-mail's link still stops them all).
   */
  async newUnsubscribeToken(personId: string, token: string): Promise<void> {
    const cutoff = new Date(this.now() - TOKEN_DAYS * 24 * 60 * 60 * 1000).toISOString();
    await this.db.deleteFrom("notify_unsubscribe").where("person_id", "=", personId).where("created_at", "<", cutoff).execute();
    await this.db.insertInto("notify_unsubscribe").values({ token_hash: hashToken(token), person_id: personId, created_at: this.stamp() }).execute();
  }

  /** The person an unsubscribe token was sent to, or null (unknown, or already used to unsubscribe). */
  async personOfUnsubscribeToken(token: string): Promise<string | null> {
    const row = await this.db.selectFrom("notify_unsubscribe").select("person_id").where("token_hash", "=", hashToken(token)).executeTakeFirst();
    return row?.person_id ?? null;
  }

  async pushSubscriptions(personIds: readonly string[]): Promise<PushSubscriptionRow[]> {
    if (personIds.length === 0) return [];
    const rows = await this.db.selectFrom("notify_push").selectAll().where("person_id", "in", personIds).execute();
    return rows.map((r) => ({ id: r.id, personId: r.person_id, endpoint: r.endpoint, keys: { p256dh: r.p256dh, auth: r.auth }, locale: r.locale as Locale, origin: r.origin }));
  }

  async addPush(personId: string, sub: { endpoint: string; keys: { p256dh: string; auth: string } }, locale: Locale, origin: string): Promise<void> {
    const id = pushId(personId, sub.endpoint);
    await this.db.deleteFrom("notify_push").where("id", "=", id).execute();
    await this.db
      .insertInto("notify_push")
      .values({ id, person_id: personId, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth, locale, origin, created_at: this.stamp() })
      .execute();
  }

  /** This browser's subscription for this person; true when there was one. */
  async removePush(personId: string, endpoint: string): Promise<boolean> {
    const r = await this.db.deleteFrom("notify_push").where("id", "=", pushId(personId, endpoint)).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** A subscription the push service says is gone (404/410). */
  async dropPush(id: string): Promise<void> {
    await this.db.deleteFrom("notify_push").where("id", "=", id).execute();
  }

  async pushCount(personId: string): Promise<number> {
    const rows = await this.db.selectFrom("notify_push").select("id").where("person_id", "=", personId).execute();
    return rows.length;
  }
}
