// "Notify me" in Chromium against a real server process whose SMTP_URL is a real SMTP server the
// test started: a person who holds a seat in this browser opts in by e-mail from the home page, is
// told to check their inbox, follows the confirmation e-mail's link (a page, a button) and, once
// away, receives the e-mail for their move; the service worker (/sw.js) shows a pushed
// payload as a notification carrying the table's link (the push delivered to it through the
// DevTools protocol, as a push service would). Screenshots at 1366×768 and on a phone (390×844).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Player } from "../server/harness.ts";
import { startSmtp, type SmtpSink } from "../notify/helpers.ts";
import { chromiumPath, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";

describe.skipIf(!hasChromium && !CI)("notifications in the browser", () => {
  let e2e: E2E;
  let smtp: SmtpSink;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    smtp = await startSmtp();
    e2e = await startE2E({ SMTP_URL: smtp.url, MAIL_FROM: "Cyber Accord <accord@example.org>" });
  }, 180_000);

  afterEach(async () => {
    await e2e?.closePeople();
  });

  afterAll(async () => {
    await e2e?.close();
    await smtp?.close();
  });

  /** Alice at north (SDK), Bob at south (SDK); Bob's seat also kept in a browser's storage, as after a visit. */
  async function table() {
    const alice = await Player.create(e2e.url, { scenario: "us-china-2015", delegation: "us", botTakeover: false, name: "Alice" }, "alice");
    const code = (await alice.waitFor(() => alice.welcome, "alice's welcome")).joinCode!;
    const bob = await Player.join(e2e.url, alice.matchId, { role: "delegation", delegation: "china", code, name: "Bob" }, "bob");
    const seatToken = (await bob.waitFor(() => bob.welcome, "bob's welcome")).seatToken!;
    await alice.waitFor(() => alice.state.phase === "running", "the start");
    const stored = { [alice.matchId]: { matchId: alice.matchId, scenarioId: "us-china-2015", seatToken, delegation: "china", updatedAt: new Date().toISOString() } };
    return { alice, bob, seatToken, stored };
  }

  it("opts in by e-mail from the home page; the e-mail for Bob's move reaches him with the table's link", async () => {
    const { alice, bob, stored } = await table();
    const { page } = await e2e.person({ width: 1366, height: 768 });
    await page.goto(e2e.url);
    await page.evaluate((s) => localStorage.setItem("cyber-accord.tables.v1", JSON.stringify(s)), stored);
    await page.reload();
    await page.waitForSelector("#notify-email");
    await expect(page.locator("#notify-title").textContent()).resolves.toBe("Notify me");
    await page.fill("#notify-email", "not an address");
    await page.click("#notify-email-save");
    await expect(page.locator("#notify-error").textContent()).resolves.toBe("Enter an e-mail address like name@example.org.");
    const sentBefore = smtp.mails.items.length;
    await page.fill("#notify-email", "bob@example.org");
    await page.click("#notify-email-save");
    // Double opt-in: the panel says to check the inbox; one confirmation e-mail comes.
    await page.waitForSelector("#notify-email-pending");
    await expect(page.locator("#notify-email-pending").textContent()).resolves.toBe("We sent a confirmation link to bob@example.org: check your inbox. Nothing else is sent there until you follow it.");
    await page.locator("#notify-panel").scrollIntoViewIfNeeded();
    await e2e.shot(page, "notify-panel-pending");
    const confirmation = await smtp.mails.nth(sentBefore + 1, "the confirmation e-mail", 30_000);
    expect(confirmation.to).toEqual(["bob@example.org"]);
    const link = new RegExp(`${e2e.url.replace(/[.]/g, "\\.")}/api/notify/confirm/[A-Za-z0-9_-]{43}`).exec(confirmation.text)?.[0];
    expect(link, confirmation.text).toBeDefined();
    // The link in the browser: a page asking to confirm, its button confirms.
    await page.goto(link!);
    await page.click("button[type=submit]");
    await page.waitForSelector("text=Confirmed: notifications about your tables will go to bob@example.org.");
    await e2e.shot(page, "notify-confirmed");
    await page.goto(e2e.url);
    await page.waitForSelector("#notify-email-on");
    await expect(page.locator("#notify-email-on").textContent()).resolves.toBe("E-mails go to bob@example.org.");
    await page.locator("#notify-panel").scrollIntoViewIfNeeded();
    await e2e.shot(page, "notify-panel");

    // Bob away: when it becomes his move, the e-mail comes.
    if (bob.state.turn === "china") {
      await bob.must("pass");
      await alice.waitFor(() => alice.state.turn === "us", "alice's turn");
    }
    await bob.leave();
    await alice.waitFor(() => alice.state.delegations.find((d) => d.id === "china")?.connected === 0, "bob gone");
    const before = smtp.mails.items.length;
    await alice.must("pass");
    const mail = await smtp.mails.nth(before + 1, "bob's e-mail", 30_000);
    expect(mail.to).toEqual(["bob@example.org"]);
    expect(mail.text).toContain(`${e2e.url}/#/table/${alice.matchId}`);

    // The link in the e-mail opens the table in the browser.
    await page.goto(`${e2e.url}/#/table/${alice.matchId}`);
    await page.waitForURL(new RegExp(alice.matchId));

    // Stopping from the panel.
    await page.goto(e2e.url);
    await page.waitForSelector("#notify-email-stop");
    await page.click("#notify-email-stop");
    await page.waitForSelector("#notify-email");
    await alice.leave();
    expect(e2e.pageErrors).toEqual([]);
  });

  it("with a personal link in this browser, opts in for the link's person (every table it holds)", async () => {
    const { alice, seatToken } = await table();
    const made = await fetch(`${e2e.url}/api/people`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ seatTokens: [seatToken] }) });
    const { secret } = (await made.json()) as { secret: string };
    const { page } = await e2e.person({ width: 1366, height: 768 });
    await page.goto(e2e.url);
    await page.evaluate((s) => localStorage.setItem("cyber-accord.person.v1", s), secret);
    await page.reload();
    await page.waitForSelector("#notify-email");
    await page.fill("#notify-email", "linked@example.org");
    await page.click("#notify-email-save");
    await page.waitForSelector("#notify-email-pending");
    const asLink = await fetch(`${e2e.url}/api/notify`, { headers: { authorization: `Bearer ${secret}` } });
    expect(((await asLink.json()) as { email: string }).email).toBe("linked@example.org");
    // Not the seat's own opt-in: the link's.
    const asSeat = await fetch(`${e2e.url}/api/notify`, { headers: { authorization: `Bearer ${seatToken}` } });
    expect(((await asSeat.json()) as { email: string | null }).email).toBeNull();
    await alice.leave();
  });

  it("on a phone: the panel fits the screen's width", async () => {
    const { stored } = await table();
    const { page } = await e2e.person({ width: 390, height: 844 });
    await page.goto(e2e.url);
    await page.evaluate((s) => localStorage.setItem("cyber-accord.tables.v1", JSON.stringify(s)), stored);
    await page.reload();
    await page.waitForSelector("#notify-email");
    const box = (await page.locator("#notify-panel").boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await page.locator("#notify-panel").scrollIntoViewIfNeeded();
    await e2e.shot(page, "notify-panel-phone");
  });

  it("in Bangla on a phone: the panel's words fit", async () => {
    const { stored } = await table();
    const { page } = await e2e.person({ width: 390, height: 844 });
    await page.goto(e2e.url);
    await page.evaluate((s) => {
      localStorage.setItem("cyber-accord.tables.v1", JSON.stringify(s));
      localStorage.setItem("accord.locale", "bn");
    }, stored);
    await page.reload();
    await page.waitForSelector("#notify-email");
    await expect(page.locator("#notify-title").textContent()).resolves.toBe("আমাকে জানান");
    await expect(page.locator("#notify-email-save").textContent()).resolves.toBe("ই-মেইলে জানান");
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    for (const id of ["#notify-email-save", "#notify-push"]) {
      const box = (await page.locator(id).boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(390);
    }
    await page.locator("#notify-panel").scrollIntoViewIfNeeded();
    await e2e.shot(page, "notify-panel-bn-phone");
  });

  it("the service worker shows a pushed payload as a notification with the table's link", async () => {
    const { context, page } = await e2e.person({ width: 1366, height: 768 });
    await context.grantPermissions(["notifications"], { origin: e2e.url });
    await page.goto(e2e.url);
    const scope = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
      await navigator.serviceWorker.ready;
      return reg.scope;
    });
    expect(scope).toBe(`${e2e.url}/`);
    const cdp = await context.newCDPSession(page);
    await cdp.send("ServiceWorker.enable");
    const registrationId = await new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", (e: { registrations: { registrationId: string; scopeURL: string }[] }) => {
        const r = e.registrations.find((x) => x.scopeURL === `${e2e.url}/`);
        if (r) resolve(r.registrationId);
      });
    });
    const payload = { title: "Your move at US–China 2015", body: "It is your move (China).", url: `${e2e.url}/#/table/abcdefghjkmn`, tag: "table-abcdefghjkmn" };
    await cdp.send("ServiceWorker.deliverPushMessage", { origin: e2e.url, registrationId, data: JSON.stringify(payload) });
    const shown = await page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.getRegistration("/");
      const list = (await reg?.getNotifications()) ?? [];
      return list.length > 0 ? list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: (n.data as { url: string }).url })) : null;
    });
    expect(await shown.jsonValue()).toEqual([{ title: payload.title, body: payload.body, tag: payload.tag, url: payload.url }]);
  });
});
