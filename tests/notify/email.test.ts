// Notifications by e-mail, end to end: a real game server sends through a real SMTP server started
// by the test (smtp-server). Bob opts in with his seat token, leaves the table, and when Alice's
// move makes it his, an e-mail reaches him with the table's link and a one-click unsubscribe
// (List-Unsubscribe + List-Unsubscribe-Post, a link in the body); the token is stored only hashed;
// GET shows a confirm page, POST unsubscribes, and after it nothing more is sent. On the way: at most
// one e-mail per table an hour, what comes in the hour grouped into the next (a clock the test moves).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTimers } from "../../server/table/timers.ts";
import { NOTIFY_WINDOW_MS } from "../../server/notify/gate.ts";
import { Player } from "../server/harness.ts";
import { call, decodeWords, startNotifyServer, startSmtp, type NotifyServer, type SmtpSink } from "./helpers.ts";

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

    // Opting in: the seat token is the credential; the answer is the opt-in as kept.
    const optIn = await call(t.url, "POST", "/api/notify/email", { token: bobToken, body: { email: "bob@example.org", locale: "en" } });
    expect(optIn.status).toBe(200);
    expect(optIn.json).toEqual({ mailAvailable: true, email: "bob@example.org", locale: "en", pushSubscriptions: 0 });

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
    expect((await call(t.url, "GET", "/api/notify", { token: bobToken })).json).toEqual({ mailAvailable: true, email: null, locale: null, pushSubscriptions: 0 });
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
    expect((await call(t.url, "POST", "/api/notify/email", { token: bobToken, body: { email: "bob2@example.org", locale: "bn" } })).status).toBe(200);
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
    const optIn = await call(t.url, "POST", "/api/notify/email", { token: person.json.secret, body: { email: "bob.linked@example.org" } });
    expect(optIn.json.email).toBe("bob.linked@example.org");
    // The seat itself has no opt-in of its own.
    expect((await call(t.url, "GET", "/api/notify", { token: bobToken })).json.email).toBeNull();
    // Opted in with the seat too, to the same address: still one e-mail a step.
    const seatOptIn = await call(t.url, "POST", "/api/notify/email", { token: bobToken, body: { email: "Bob.Linked@example.org" } });
    expect(seatOptIn.json.email).toBe("Bob.Linked@example.org");

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
    await Promise.all([alice.leave(), bob.leave()]);
  });
});
