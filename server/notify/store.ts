// The notifications' queries (migrations 0008_notify, 0011_notify_confirm): a person's e-mail
// opt-in (unconfirmed until the link in its confirmation e-mail is followed; that link's token kept
// only hashed), the confirmation e-mails sent (for their daily limits), their browsers' Web Push
// subscriptions, and the unsubscribe tokens of the e-mails sent (only their hashes).
import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Locale } from "../../shared/i18n/index.ts";
import type { Database } from "../db/schema.ts";
import { hashToken } from "../tokens.ts";

export interface EmailOptIn {
  personId: string;
  email: string;
  locale: Locale;
  origin: string;
  /** False until the person followed the link in the confirmation e-mail: nothing else is mailed before. */
  confirmed: boolean;
}

/** A confirmation link works this many hours. */
export const CONFIRM_HOURS = 48;
/** Confirmation e-mails a day, at most: to one address, and asked for by one requester (a seat or a person). */
export const CONFIRMS_PER_ADDRESS_PER_DAY = 3;
export const CONFIRMS_PER_REQUESTER_PER_DAY = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

type EmailRow = { person_id: string; email: string; locale: string; origin: string; confirmed_at: string | null };
const optInOf = (row: EmailRow): EmailOptIn => ({ personId: row.person_id, email: row.email, locale: row.locale as Locale, origin: row.origin, confirmed: row.confirmed_at !== null });

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
    return row ? optInOf(row) : null;
  }

  /** Confirmed e-mail opt-ins of these people (an unconfirmed address is sent nothing but its confirmation). */
  async emails(personIds: readonly string[]): Promise<EmailOptIn[]> {
    if (personIds.length === 0) return [];
    const rows = await this.db.selectFrom("notify_email").selectAll().where("person_id", "in", personIds).where("confirmed_at", "is not", null).execute();
    return rows.map(optInOf);
  }

  /**
   * An opt-in waiting for confirmation (replaces the person's earlier one): `token` goes in the
   * confirmation e-mail; only its hash is kept, good for CONFIRM_HOURS.
   */
  async setUnconfirmedEmail(optIn: Omit<EmailOptIn, "confirmed">, token: string): Promise<void> {
    await this.db.deleteFrom("notify_email").where("person_id", "=", optIn.personId).execute();
    await this.db
      .insertInto("notify_email")
      .values({
        person_id: optIn.personId,
        email: optIn.email,
        locale: optIn.locale,
        origin: optIn.origin,
        created_at: this.stamp(),
        confirmed_at: null,
        confirm_hash: hashToken(token),
        confirm_expires_at: new Date(this.now() + CONFIRM_HOURS * 60 * 60 * 1000).toISOString(),
      })
      .execute();
  }

  /** A confirmed opt-in's language and links' origin change; the address stays confirmed. */
  async updateConfirmedEmail(personId: string, locale: Locale, origin: string): Promise<void> {
    await this.db.updateTable("notify_email").set({ locale, origin }).where("person_id", "=", personId).execute();
  }

  /** The opt-in a live (not expired, not used) confirmation token belongs to (the first, when made for several seats), or null. */
  async optInOfConfirmToken(token: string): Promise<EmailOptIn | null> {
    const row = await this.db.selectFrom("notify_email").selectAll().where("confirm_hash", "=", hashToken(token)).where("confirm_expires_at", ">", this.stamp()).executeTakeFirst();
    return row ? optInOf(row) : null;
  }

  /**
   * Confirm the opt-ins of this token (one opt-in may have been made for several seats at once:
   * all of them). The token is spent: the link then says it no longer works.
   */
  async confirmEmail(token: string): Promise<EmailOptIn | null> {
    const optIn = await this.optInOfConfirmToken(token);
    if (!optIn) return null;
    await this.db.updateTable("notify_email").set({ confirmed_at: this.stamp(), confirm_hash: null, confirm_expires_at: null }).where("confirm_hash", "=", hashToken(token)).execute();
    return { ...optIn, confirmed: true };
  }

  /**
   * Count one more confirmation e-mail to this address asked for by this requester, unless it would
   * pass a daily limit: then nothing is counted and the limit passed is named. Counted first and
   * checked after, so that requests at the same moment cannot all slip under a limit.
   */
  async reserveConfirmation(email: string, personId: string): Promise<{ passed: "address" | "requester"; retryAfterSeconds: number } | null> {
    const address = email.toLowerCase();
    const since = new Date(this.now() - DAY_MS).toISOString();
    await this.db.deleteFrom("notify_confirm_sent").where("sent_at", "<=", since).execute();
    const id = randomUUID();
    await this.db.insertInto("notify_confirm_sent").values({ id, email: address, person_id: personId, sent_at: this.stamp() }).execute();
    const toAddress = await this.db.selectFrom("notify_confirm_sent").select(["id", "sent_at"]).where("email", "=", address).where("sent_at", ">", since).execute();
    const byRequester = await this.db.selectFrom("notify_confirm_sent").select(["id", "sent_at"]).where("person_id", "=", personId).where("sent_at", ">", since).execute();
    const passed = toAddress.length > CONFIRMS_PER_ADDRESS_PER_DAY ? "address" : byRequester.length > CONFIRMS_PER_REQUESTER_PER_DAY ? "requester" : null;
    if (!passed) return null;
    await this.db.deleteFrom("notify_confirm_sent").where("id", "=", id).execute();
    const counted = (passed === "address" ? toAddress : byRequester).filter((r) => r.id !== id);
    const oldest = counted.map((r) => Date.parse(r.sent_at)).reduce((a, b) => Math.min(a, b), this.now());
    return { passed, retryAfterSeconds: Math.max(1, Math.ceil((oldest + DAY_MS - this.now()) / 1000)) };
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
