// The notifications of one server process, made once at start (app.ts): the store, who is told
// (people.ts), the Web Push keys (made on the first start), the mailer when SMTP_URL is set, the
// dispatcher, and the routes. Without SMTP_URL only Web Push works; nothing else changes.
import type { Kysely } from "kysely";
import type { ScenarioCatalog } from "../catalog.ts";
import type { ServerConfig } from "../config.ts";
import type { Database } from "../db/schema.ts";
import { realTimers, type Timers } from "../table/timers.ts";
import { smtpMailer, type Mailer } from "./mail.ts";
import { Notifier } from "./notifier.ts";
import { PeopleStore } from "../people/store.ts";
import { notifyPeople, peopleDirectory, type NotifyPeople, type PeopleDirectory } from "./people.ts";
import { loopbackOnly, systemResolver, type Resolver } from "./endpoint.ts";
import { loadVapidKeys, vapidSubject, webPushSender } from "./push.ts";
import { NotifyStore } from "./store.ts";

export interface Notifications {
  notifier: Notifier;
  store: NotifyStore;
  people: NotifyPeople;
}

export interface NotificationOptions {
  /** Who a person across devices and tables is; default: server/people's store. */
  directory?: PeopleDirectory;
  timers?: Timers;
  /** Instead of SMTP_URL's (tests). */
  mailer?: Mailer | null;
  /** How push endpoints' host names are resolved for the guard of a server beyond loopback (tests); default node:dns. */
  resolve?: Resolver;
}

export async function openNotifications(config: ServerConfig, db: Kysely<Database>, catalog: ScenarioCatalog, options: NotificationOptions = {}): Promise<Notifications> {
  const timers = options.timers ?? realTimers;
  const store = new NotifyStore(db, () => timers.now());
  const people = notifyPeople(db, options.directory ?? peopleDirectory(new PeopleStore(db)));
  const mailer = options.mailer !== undefined ? options.mailer : config.smtpUrl ? await smtpMailer(config.smtpUrl, config.mailFrom) : null;
  // Beyond loopback, a push endpoint must be a public https host, checked before every send (endpoint.ts).
  const guard = loopbackOnly(config.host) ? null : { resolve: options.resolve ?? systemResolver };
  const push = webPushSender(await loadVapidKeys(config.dataDir), vapidSubject(config.mailFrom), guard);
  const notifier = new Notifier({ store, people, catalog, timers, mailer, push, publicUrl: config.publicUrl });
  return { notifier, store, people };
}
