// The dispatcher: takes each table step's news (the table master hands it over and goes on: never
// waits, never fails an action), finds the people behind each delegation and their opt-ins, lets
// at most one message per person, table and channel through an hour (gate.ts: what comes in the
// hour is grouped into the next), and sends e-mails (mail.ts) and Web Push (push.ts) in the
// person's language, retrying a failure a few times and logging it at warn.
import type { Locale } from "../../shared/i18n/index.ts";
import type { ScenarioCatalog } from "../catalog.ts";
import { log } from "../log.ts";
import type { TableNotifier } from "../table/ports.ts";
import type { Timers } from "../table/timers.ts";
import { newToken } from "../tokens.ts";
import { HourlyGate, NOTIFY_WINDOW_MS } from "./gate.ts";
import type { Mailer } from "./mail.ts";
import { confirmText, mailText, pushPayload, tableLink, type MessageFacts } from "./message.ts";
import type { NewsKind, TableStep } from "./news.ts";
import type { NotifyPeople } from "./people.ts";
import type { PushSender } from "./push.ts";
import { CONFIRM_HOURS, type EmailOptIn, type NotifyStore } from "./store.ts";

/** Steps waiting to be looked at; beyond this the oldest are dropped (and logged). */
const MAX_QUEUED = 10_000;
/** A failed send is tried again after these pauses, then given up (logged at warn). */
export const RETRY_MS = [5_000, 60_000];

type Channel = "mail" | "push";

interface Item {
  matchId: string;
  scenarioId: string;
  delegation: string;
  kind: NewsKind;
}

export interface NotifierDeps {
  store: NotifyStore;
  people: NotifyPeople;
  catalog: Pick<ScenarioCatalog, "get" | "translations">;
  timers: Timers;
  /** Null without SMTP_URL: no e-mail. */
  mailer: Mailer | null;
  push: PushSender;
  /** PUBLIC_URL: when set, every link points there (else where each person opted in from). */
  publicUrl?: string;
  windowMs?: number;
}

export class Notifier implements TableNotifier {
  private readonly queue: TableStep[] = [];
  private draining = false;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly gate: HourlyGate<Item>;
  private stopped = false;
  /** What was sent, per channel (for /metrics-like checks and the tests). */
  readonly sent = { mail: 0, push: 0, confirm: 0, failed: 0 };

  constructor(private readonly deps: NotifierDeps) {
    this.gate = new HourlyGate<Item>(deps.timers, (key, items, more) => this.deliver(key, items, more), deps.windowMs ?? NOTIFY_WINDOW_MS);
  }

  get mailEnabled(): boolean {
    return this.deps.mailer !== null;
  }

  get pushPublicKey(): string {
    return this.deps.push.publicKey;
  }

  // ---- from the tables ---------------------------------------------------------------------

  tableStep(step: TableStep): void {
    if (this.stopped) return;
    if (this.queue.length >= MAX_QUEUED) {
      const dropped = this.queue.shift()!;
      log.warn("notify: queue full, a step's news dropped", { matchId: dropped.matchId });
    }
    this.queue.push(step);
    if (!this.draining) {
      this.draining = true;
      // Off the step that produced it; not a timer (the clock that groups messages may be a test's).
      setImmediate(() => void this.drain());
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.stopped) {
        const step = this.queue.shift()!;
        try {
          await this.route(step);
        } catch (e) {
          log.warn("notify: could not look up who to tell", { matchId: step.matchId, error: e });
        }
      }
    } finally {
      this.draining = false;
      this.checkIdle();
    }
  }

  /** Each news item to the gate of every opted-in person of its delegation, per channel. */
  private async route(step: TableStep): Promise<void> {
    const { store, people } = this.deps;
    for (const news of step.news) {
      const ids = await people.personIdsOfSeat(step.matchId, news.delegation);
      if (ids.length === 0) continue;
      const item: Item = { matchId: step.matchId, scenarioId: step.scenarioId, delegation: news.delegation, kind: news.kind };
      // One person may be named twice (their seat and their personal link): one message per address, per browser.
      if (this.deps.mailer) {
        const addresses = new Set<string>();
        for (const optIn of await store.emails(ids)) {
          const address = optIn.email.toLowerCase();
          if (addresses.has(address)) continue;
          addresses.add(address);
          this.gate.offer(`mail ${optIn.personId} ${step.matchId}`, item);
        }
      }
      const endpoints = new Set<string>();
      const pushPeople = new Set<string>();
      for (const sub of await store.pushSubscriptions(ids)) {
        if (endpoints.has(sub.endpoint)) continue;
        endpoints.add(sub.endpoint);
        pushPeople.add(sub.personId);
      }
      for (const id of pushPeople) this.gate.offer(`push ${id} ${step.matchId}`, item);
    }
  }

  // ---- sending -----------------------------------------------------------------------------

  private deliver(key: string, items: Item[], more: number): void {
    const [channel, personId] = key.split(" ") as [Channel, string, string];
    this.inFlight++;
    const job = channel === "mail" ? this.sendMail(personId, items, more) : this.sendPush(personId, items, more);
    job
      .catch((e: unknown) => log.warn("notify: sending failed", { channel, matchId: items[0]?.matchId, error: e }))
      .finally(() => {
        this.inFlight--;
        this.checkIdle();
      });
  }

  /** The table's name and its delegations' names in `locale` (the scenario's translation, English where it has none). */
  private facts(items: Item[], more: number, locale: Locale, origin: string): MessageFacts {
    const first = items[0]!;
    const scenario = this.deps.catalog.get(first.scenarioId);
    const overlay = locale === "en" ? undefined : this.deps.catalog.translations(first.scenarioId)[locale];
    const nameOf = (d: string) => overlay?.delegations?.[d]?.name ?? scenario?.delegations.find((x) => x.id === d)?.name ?? d;
    return {
      locale,
      table: overlay?.title ?? scenario?.title ?? first.scenarioId,
      items: items.map((i) => ({ kind: i.kind, delegation: nameOf(i.delegation) })),
      more,
      link: tableLink(origin, first.matchId),
    };
  }

  private async sendMail(personId: string, items: Item[], more: number): Promise<void> {
    const { store, mailer } = this.deps;
    if (!mailer) return;
    // Read again: the person may have unsubscribed (or changed to an unconfirmed address) while the hour ran.
    const optIn = await store.email(personId);
    if (!optIn?.confirmed) return;
    const token = newToken();
    await store.newUnsubscribeToken(personId, token);
    const origin = (this.deps.publicUrl || optIn.origin).replace(/\/+$/, "");
    const unsubscribe = `${origin}/api/notify/unsubscribe/${token}`;
    const text = mailText(this.facts(items, more, optIn.locale, origin), unsubscribe);
    if ((await this.withRetries("mail", items[0]!.matchId, () => mailer.send({ ...text, to: optIn.email, unsubscribe }))) === "sent") this.sent.mail++;
  }

  /**
   * The confirmation e-mail of an opt-in (the only one its address gets before it is confirmed),
   * sent now: the caller answers the person once the mail server took it, or says it failed.
   */
  async sendConfirmation(optIn: Omit<EmailOptIn, "confirmed">, token: string): Promise<void> {
    const { mailer } = this.deps;
    if (!mailer) throw new Error("no mailer");
    const origin = (this.deps.publicUrl || optIn.origin).replace(/\/+$/, "");
    const link = `${origin}/api/notify/confirm/${token}`;
    await mailer.send({ ...confirmText(optIn.locale, optIn.email, link, CONFIRM_HOURS), to: optIn.email });
    this.sent.confirm++;
  }

  private async sendPush(personId: string, items: Item[], more: number): Promise<void> {
    const { store, push } = this.deps;
    for (const sub of await store.pushSubscriptions([personId])) {
      const payload = JSON.stringify(pushPayload(this.facts(items, more, sub.locale, this.deps.publicUrl || sub.origin), items[0]!.matchId));
      const delivered = await this.withRetries("push", items[0]!.matchId, async () => {
        const result = await push.send(sub, payload);
        if (result.ok) return;
        if (result.gone) {
          await store.dropPush(sub.id);
          if (result.refused) log.warn("notify: a push endpoint refused (not a public https host), subscription removed", { personId, reason: result.message });
          else log.info("notify: a browser's push subscription is gone, removed", { personId });
          return "gone";
        }
        throw new Error(result.message);
      });
      if (delivered === "sent") this.sent.push++;
    }
  }

  /** Try now, then after each of RETRY_MS; a last failure is logged at warn and counted, never thrown. */
  private async withRetries(channel: Channel, matchId: string, attempt: () => Promise<unknown>): Promise<"sent" | "gone" | "failed"> {
    for (let i = 0; ; i++) {
      try {
        const r = await attempt();
        return r === "gone" ? "gone" : "sent";
      } catch (e) {
        if (i >= RETRY_MS.length || this.stopped) {
          this.sent.failed++;
          log.warn(`notify: ${channel} not delivered`, { matchId, attempts: i + 1, error: e instanceof Error ? e.message : String(e) });
          return "failed";
        }
        await new Promise<void>((resolve) => this.deps.timers.after(RETRY_MS[i]!, resolve));
      }
    }
  }

  // ---- for tests and shutdown ----------------------------------------------------------------

  /** Resolves once nothing is queued and no message is being sent (grouped messages waiting for their hour do not count). */
  idle(): Promise<void> {
    if (!this.draining && this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private checkIdle(): void {
    if (this.draining || this.queue.length > 0 || this.inFlight > 0) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  stop(): void {
    this.stopped = true;
    this.gate.stop();
    this.queue.length = 0;
    this.deps.mailer?.close();
    this.checkIdle();
  }
}
