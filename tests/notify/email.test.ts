// Notifications by e-mail, end to end: a real game server sends through a real SMTP server started
// by the test (smtp-server). Bob opts in with his seat token: the address gets one confirmation
// e-mail (its link's token stored only hashed) and nothing else until the link is followed (GET a
// page, POST confirms); then, when Alice's move makes it his while he is away, an e-mail reaches him with the table's link and a one-click unsubscribe
// (List-Unsubscribe + List-Unsubscribe-Post, a link in the body); the token is stored only hashed;
// GET shows a confirm page, POST unsubscribes, and after it nothing more is sent. On the way: at most
// one e-mail per table an hour, what comes in the hour grouped into the next (a clock the test moves);
// confirmation e-mails limited per address and per requester a day, their links dead after 48 hours.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTimers } from "../../server/table/timers.ts";
import { NOTIFY_WINDOW_MS } from "../../server/notify/gate.ts";
import { Player } from "../server/harness.ts";
import { call, decodeWords, startNotifyServer, startSmtp, type Mail, type NotifyServer, type SmtpSink } from "./helpers.ts";

let smtp: SmtpSink;
let t: NotifyServer;
const clock = new FakeTimers(Date.UTC(2026, 11, 6, 9, 0));

beforeAll(async () => {
  smtp = await startSmtp();
  t = await startNotifyServer({ smtpUrl: smtp.url, mailFrom: "Cyber Accord <accord@example.org>" }, { timers: clock });
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const notifier = () => t.server.context.notifications!.notifier;

/** The confirmation e-mail the last opt-in sent: the link in it and its token. */
async function confirmationMail(n: number, to: string): Promise<{ mail: Mail; link: string; token: string }> {
  const mail = await smtp.mails.nth(n, `the confirmation e-mail to ${to}`);
  expect(mail.to.map((x) => x.toLowerCase())).toEqual([to.toLowerCase()]);
  const m = new RegExp(`(${t.url.replace(/[.]/g, "\\.")}/api/notify/confirm/([A-Za-z0-9_-]{43}))`).exec(mail.text);
  expect(m, mail.text).not.toBeNull();
  return { mail, link: m![1]!, token: m![2]! };
}

/** Opt in and follow the confirmation e-mail's link (POST): the address then gets notifications. */
async function optInConfirmed(token: string, email: string, locale?: string): Promise<void> {
  const before = smtp.mails.items.length;
  const optIn = await call(t.url, "POST", "/api/notify/email", { token, body: { email, ...(locale ? { locale } : {}) } });
  expect(optIn.status, JSON.stringify(optIn.json)).toBe(200);
  expect(optIn.json.confirmationSent).toBe(true);
  const { token: confirm } = await confirmationMail(before + 1, email);
  const done = await call(t.url, "POST", `/api/notify/confirm/${confirm}`);
  expect(done.status).toBe(200);
  expect((await call(t.url, "GET", "/api/notify", { token })).json.emailConfirmed).toBe(true);
}

/** Alice (north, the facilitator) and Bob (south) at a new bilateral table, running; no bot takes a seat left empty. */
async function table(): Promise<{ alice: Player; bob: Player; code: string; bobToken: string }> {
  const alice = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", botTakeover: false, name: "Alice" }, "alice");
  const code = (await alice.waitFor(() => alice.welcome, "alice's welcome")).joinCode!;
  const bob = await Player.join(t.url, alice.matchId, { role: "delegation", delegation: "south", code, name: "Bob" }, "bob");
  const bobToken = (await bob.waitFor(() => bob.welcome, "bob's welcome")).seatToken!;
  await alice.waitFor(() => alice.state.phase === "running", "the start");
  return { alice, bob, code, bobToken };
}

/** Make it Alice's turn with Bob away: if Bob moves first he passes, then he leaves. */
async function bobAwayOnAlicesTurn(alice: Player, bob: Player): Promise<void> {
  if (bob.state.turn === "south") {
    await bob.must("pass");
    await alice.waitFor(() => alice.state.turn === "north", "alice's turn");
  }
  await bob.leave();
  await alice.waitFor(() => alice.state.delegations.find((d) => d.id === "south")?.connected === 0, "bob gone");
}

describe("e-mail through a real SMTP server", () => {
  it("reaches a person who is away with the table's link, and one click unsubscribes", async () => {
    const { alice, bob, bobToken } = await table();
    const matchId = alice.matchId;

    // Opting in: the seat token is the credential; the answer is the opt-in as kept, not yet confirmed.
    const sentBefore = smtp.mails.items.length;
    const optIn = await call(t.url, "POST", "/api/notify/email", { token: bobToken, body: { email: "bob@example.org", locale: "en" } });
    expect(optIn.status).toBe(200);
    expect(optIn.json).toEqual({ mailAvailable: true, email: "bob@example.org", emailConfirmed: false, locale: "en", pushSubscriptions: 0, confirmationSent: true });

    // One confirmation e-mail, through the same mailer, with a link whose token is stored only hashed.
    const confirmation = await confirmationMail(sentBefore + 1, "bob@example.org");
    expect(decodeWords(confirmation.mail.headers.get("subject")!)).toBe("Confirm your e-mail for Cyber Accord");
    expect(confirmation.mail.text).toContain("Someone asked Cyber Accord to send notifications about their negotiation tables to bob@example.org.");
    expect(confirmation.mail.text).toContain("within 48 hours");
    expect(confirmation.mail.html).toContain(`href="${confirmation.link}"`);
    expect(confirmation.mail.headers.has("list-unsubscribe")).toBe(false);
    const emailRow = await t.server.context.store.db.selectFrom("notify_email").selectAll().where("email", "=", "bob@example.org").executeTakeFirstOrThrow();
    expect(emailRow.confirm_hash).toBe(createHash("sha256").update(confirmation.token).digest("hex"));
    expect(emailRow.confirmed_at).toBeNull();

    // Unconfirmed: Bob's move while he is away sends nothing, not even after the hour.
    await bobAwayOnAlicesTurn(alice, bob);
    await alice.must("pass");
    await alice.waitFor(() => alice.state.turn === "south", "bob's turn");
    await notifier().idle();
    clock.advance(NOTIFY_WINDOW_MS);
    await notifier().idle();
    expect(smtp.mails.items.length).toBe(sentBefore + 1);

    // GET the link: a page asking to confirm (a link scanner's GET confirms nothing) …
    const ask = await call(t.url, "GET", `/api/notify/confirm/${confirmation.token}`);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain("Send Cyber Accord&#39;s notifications about your tables to bob@example.org?");
    expect(ask.text).toMatch(/<form method="post">/);
    expect((await call(t.url, "GET", "/api/notify", { token: bobToken })).json.emailConfirmed).toBe(false);
    // … POST confirms; the link is then spent.
    const confirmed = await call(t.url, "POST", `/api/notify/confirm/${confirmation.token}`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain("Confirmed: notifications about your tables will go to bob@example.org.");
    expect((await call(t.url, "GET", "/api/notify", { token: bobToken })).json).toEqual({ mailAvailable: true, email: "bob@example.org", emailConfirmed: true, locale: "en", pushSubscriptions: 0 });
    expect((await call(t.url, "POST", `/api/notify/confirm/${confirmation.token}`)).status).toBe(404);

    // Bob comes back, passes, leaves: when Alice's move makes it his again, the notification comes.
    await bob.rejoin({ role: "delegation", delegation: "south", seatToken: bobToken });
    await bob.must("pass");
    await bobAwayOnAlicesTurn(alice, bob);
    const before = smtp.mails.items.length;
    await alice.must("pass");
    const mail = await smtp.mails.nth(before + 1, "bob's e-mail");

    expect(mail.to).toEqual(["bob@example.org"]);
    expect(mail.from).toBe("accord@example.org");
    expect(decodeWords(mail.headers.get("subject")!)).toBe("Your move at Data-sharing pact (test)");
    const link = `${t.url}/#/table/${matchId}`;
    expect(mail.text).toContain("It is your move (Southern Agency).");
    expect(mail.text).toContain(`Open the table: ${link}`);
    expect(mail.html).toContain(`href="${link}"`);
    // One-click unsubscribe (RFC 8058): the header, its POST companion, and the same link in both bodies.
    const unsubscribe = /^<(http:\/\/127\.0\.0\.1:\d+\/api\/notify\/unsubscribe\/([A-Za-z0-9_-]{43}))>$/.exec(mail.headers.get("list-unsubscribe")!);
    expect(unsubscribe).not.toBeNull();
    const [, unsubscribeUrl, token] = unsubscribe!;
    expect(mail.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.text).toContain(`Stop these e-mails: ${unsubscribeUrl}`);
    expect(mail.html).toContain(`href="${unsubscribeUrl}"`);

    // The token is kept only as its hash: the database holds the hash, never the token.
    const db = t.server.context.store.db;
    const rows = await db.selectFrom("notify_unsubscribe").selectAll().execute();
    expect(rows.map((r) => r.token_hash)).toContain(createHash("sha256").update(token!).digest("hex"));
    const files = ["accord.sqlite", "accord.sqlite-wal"].map((f) => {
      try {
        return readFileSync(join(t.dataDir, f)).toString("latin1");
      } catch {
        return "";
      }
    });
    expect(files.some((f) => f.includes(token!))).toBe(false);

    // GET shows a page asking to confirm (a link scanner's GET changes nothing) …
    const page = await call(t.url, "GET", `/api/notify/unsubscribe/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.text).toContain("bob@example.org");
    expect(page.text).toMatch(/<form method="post">/);
    expect((await call(t.url, "GET", "/api/notify", { token: bobToken })).json.email).toBe("bob@example.org");

    // Another move within the hour: nothing now, it waits for the hour's grouped e-mail.
    await alice.waitFor(() => alice.state.turn === "south", "bob's turn");
    const sent = smtp.mails.items.length;

    // … and the mail client's one-click POST unsubscribes.
    const done = await call(t.url, "POST", `/api/notify/unsubscribe/${token}`, { form: "List-Unsubscribe=One-Click" });
    expect(done.status).toBe(200);
    expect(done.text).toContain("no more notification e-mails go to bob@example.org");
    expect((await call(t.url, "GET", "/api/notify", { token: bobToken })).json).toEqual({ mailAvailable: true, email: null, emailConfirmed: false, locale: null, pushSubscriptions: 0 });
    // The link is spent: a second POST says so.
    expect((await call(t.url, "POST", `/api/notify/unsubscribe/${token}`, { form: "List-Unsubscribe=One-Click" })).status).toBe(404);

    // Bob comes back, passes, leaves again: his move again when Alice passes, and the hours go by: no more mail.
    await bob.rejoin({ role: "delegation", delegation: "south", seatToken: bobToken });
    await bob.must("pass");
    await bobAwayOnAlicesTurn(alice, bob);
    await alice.must("pass");
    await notifier().idle();
    clock.advance(NOTIFY_WINDOW_MS);
    await notifier().idle();
    clock.advance(NOTIFY_WINDOW_MS);
    await notifier().idle();
    expect(smtp.mails.items.length).toBe(sent);
    await alice.leave();
  });

  it("sends at most one e-mail per table an hour, and groups what came in the hour into the next", async () => {
    const { alice, bob, bobToken } = await table();
    await optInConfirmed(bobToken, "bob2@example.org", "bn");
    await bob.leave();
    await alice.waitFor(() => alice.state.delegations.find((d) => d.id === "south")?.connected === 0, "bob gone");

    const before = smtp.mails.items.length;
    await alice.must("private_message", { to: "south", text: "One." });
    const first = await smtp.mails.nth(before + 1, "the first e-mail");
    // In Bangla, as Bob asked: the scenario's title stays English (the fixture has no Bangla overlay).
    expect(decodeWords(first.headers.get("subject")!)).toBe("Data-sharing pact (test): একটি ব্যক্তিগত বার্তা এসেছে");
    expect(first.text).toContain(`টেবিলটি খুলুন: ${t.url}/#/table/${alice.matchId}`);

    // Two more private messages within the hour: no e-mail while the hour runs.
    await alice.must("private_message", { to: "south", text: "Two." });
    await alice.must("private_message", { to: "south", text: "Three." });
    await notifier().idle();
    clock.advance(NOTIFY_WINDOW_MS - 1);
    await notifier().idle();
    expect(smtp.mails.items.length).toBe(before + 1);

    // The hour is up: one e-mail with both.
    clock.advance(1);
    const grouped = await smtp.mails.nth(before + 2, "the grouped e-mail");
    expect(grouped.to).toEqual(["bob2@example.org"]);
    expect(decodeWords(grouped.headers.get("subject")!)).toBe("Data-sharing pact (test): ২টি নতুন ঘটনা");
    expect(grouped.text.match(/ব্যক্তিগত বার্তা এসেছে/g)).toHaveLength(2);

    // Nothing new in the next hour: nothing more is sent.
    clock.advance(NOTIFY_WINDOW_MS);
    await notifier().idle();
    expect(smtp.mails.items.length).toBe(before + 2);

    // A new hour: the next news goes at once again.
    await alice.must("private_message", { to: "south", text: "Four." });
    await smtp.mails.nth(before + 3, "the next e-mail");
    await alice.leave();
  });

  it("reaches a person through their personal link (one opt-in for every table the link holds), once per address", async () => {
    const { alice, bob, bobToken } = await table();
    // Bob saves his seat to a personal link (server/people) and opts in with the link, not the seat.
    const person = await call(t.url, "POST", "/api/people", { body: { seatTokens: [bobToken] } });
    expect(person.status).toBe(201);
    await optInConfirmed(person.json.secret, "bob.linked@example.org");
    expect((await call(t.url, "GET", "/api/notify", { token: person.json.secret })).json.email).toBe("bob.linked@example.org");
    // The seat itself has no opt-in of its own.
    expect((await call(t.url, "GET", "/api/notify", { token: bobToken })).json.email).toBeNull();
    // Opted in with the seat too, to the same address: still one e-mail a step.
    await optInConfirmed(bobToken, "Bob.Linked@example.org");
    expect((await call(t.url, "GET", "/api/notify", { token: bobToken })).json.email).toBe("Bob.Linked@example.org");

    await bobAwayOnAlicesTurn(alice, bob);
    const before = smtp.mails.items.length;
    await alice.must("pass");
    const mail = await smtp.mails.nth(before + 1, "the e-mail to bob's link");
    expect(mail.to.map((x) => x.toLowerCase())).toEqual(["bob.linked@example.org"]);
    expect(mail.text).toContain(`${t.url}/#/table/${alice.matchId}`);
    await notifier().idle();
    expect(smtp.mails.items.length).toBe(before + 1);
    await alice.leave();
  });

  it("limits confirmation e-mails per address and per requester a day (429 naming the limit), and a link dies after 48 hours", async () => {
    const { alice, bob, bobToken } = await table();
    const optIn = (token: string, email: string) => call(t.url, "POST", "/api/notify/email", { token, body: { email } });
    const sent = () => smtp.mails.items.length;

    // Three confirmation e-mails to one address a day; the fourth is refused, with the limit and when to retry.
    const before = sent();
    for (let i = 1; i <= 3; i++) {
      expect((await optIn(bobToken, "victim@example.org")).status).toBe(200);
      await smtp.mails.nth(before + i, `confirmation ${i}`);
    }
    const fourth = await optIn(bobToken, "Victim@Example.org");
    expect(fourth.status).toBe(429);
    expect(fourth.json.error.code).toBe("rate_limited");
    expect(fourth.json.error.message).toBe("notify_email: at most 3 confirmation e-mails a day go to one address, and Victim@Example.org has had them; retry in 86400 s");
    expect(fourth.headers.get("retry-after")).toBe("86400");
    // Another requester (Alice's seat) cannot mail that address either.
    const aliceToken = (await alice.waitFor(() => alice.welcome, "alice's welcome")).seatToken!;
    expect((await optIn(aliceToken, "victim@example.org")).status).toBe(429);

    // Five a day asked for by one requester, whatever the addresses: the sixth is refused.
    expect((await optIn(bobToken, "one@example.org")).status).toBe(200);
    expect((await optIn(bobToken, "two@example.org")).status).toBe(200);
    const sixth = await optIn(bobToken, "three@example.org");
    expect(sixth.status).toBe(429);
    expect(sixth.json.error.message).toMatch(/^notify_email: at most 5 confirmation e-mails a day may be asked for with one seat token or personal link; retry in \d+ s$/);
    await notifier().idle();
    expect(sent()).toBe(before + 5);
    // Nothing refused was counted, nothing more was mailed.
    const last = await confirmationMail(before + 5, "two@example.org");

    // A day later the limits start again. A new opt-in replaces the earlier one: its link no longer works;
    // and the new link dies 48 hours after it was sent.
    clock.advance(24 * 60 * 60 * 1000 + 1000);
    expect((await optIn(bobToken, "victim@example.org")).status).toBe(200);
    const fresh = await confirmationMail(before + 6, "victim@example.org");
    expect((await call(t.url, "POST", `/api/notify/confirm/${last.token}`)).status).toBe(404);
    clock.advance(48 * 60 * 60 * 1000 + 1000);
    const late = await call(t.url, "GET", `/api/notify/confirm/${fresh.token}`);
    expect(late.status).toBe(404);
    expect(late.text).toContain("This link no longer works");
    expect((await call(t.url, "GET", "/api/notify", { token: bobToken })).json.emailConfirmed).toBe(false);
    await Promise.all([alice.leave(), bob.leave()]);
  });

  it("one opt-in for several seats of one browser (also): one confirmation e-mail confirms them all", async () => {
    const first = await table();
    const second = await table();
    const before = smtp.mails.items.length;
    const optIn = await call(t.url, "POST", "/api/notify/email", { token: first.bobToken, body: { email: "many@example.org", also: [second.bobToken] } });
    expect(optIn.status).toBe(200);
    const { token } = await confirmationMail(before + 1, "many@example.org");
    await notifier().idle();
    expect(smtp.mails.items.length).toBe(before + 1);
    expect((await call(t.url, "GET", "/api/notify", { token: second.bobToken })).json).toMatchObject({ email: "many@example.org", emailConfirmed: false });
    expect((await call(t.url, "POST", `/api/notify/confirm/${token}`)).status).toBe(200);
    for (const x of [first, second]) expect((await call(t.url, "GET", "/api/notify", { token: x.bobToken })).json).toMatchObject({ email: "many@example.org", emailConfirmed: true });
    const stranger = await call(t.url, "POST", "/api/notify/email", { token: first.bobToken, body: { email: "many@example.org", also: ["y".repeat(43)] } });
    expect(stranger.status).toBe(403);
    expect(stranger.json.error.message).toBe("notify_email: field 'also[0]' belongs to no seat or person on this server");
    for (const x of [first, second]) await Promise.all([x.alice.leave(), x.bob.leave()]);
  });

  it("refuses bad opt-ins with a message naming what was wrong", async () => {
    const { alice, bob, bobToken } = await table();
    const bad = await call(t.url, "POST", "/api/notify/email", { token: bobToken, body: { email: "not an address" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toEqual({ code: "bad_request", message: "notify_email: field 'email' must be an e-mail address like name@example.org" });
    const lang = await call(t.url, "POST", "/api/notify/email", { token: bobToken, body: { email: "a@example.org", locale: "fr" } });
    expect(lang.status).toBe(400);
    expect(lang.json.error.message).toMatch(/^notify_email: field 'locale'/);
    const extra = await call(t.url, "POST", "/api/notify/email", { token: bobToken, body: { email: "a@example.org", extra: 1 } });
    expect(extra.json.error.message).toBe("notify_email: unknown field 'extra'");
    const anonymous = await call(t.url, "POST", "/api/notify/email", { body: { email: "a@example.org" } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe("unauthorized");
    const stranger = await call(t.url, "POST", "/api/notify/email", { token: "x".repeat(43), body: { email: "a@example.org" } });
    expect(stranger.status).toBe(403);
    const notJson = await call(t.url, "POST", "/api/notify/email", { token: bobToken, form: "email=a@example.org" });
    expect(notJson.status).toBe(415);
    expect((await call(t.url, "GET", "/api/notify/unsubscribe/nonsense")).status).toBe(404);
    expect((await call(t.url, "GET", "/api/notify/confirm/nonsense")).status).toBe(404);
    await Promise.all([alice.leave(), bob.leave()]);
  });
});
