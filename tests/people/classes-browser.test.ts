// A personal link's classes and tournament entries in Chromium against a real server: a student who
// joined a class (and entered a tournament) on one device opens their personal link on a phone;
// the inbox lists "Your classes" and "Your tournaments", and both links open on the phone, which
// holds no student token and no entrant code: the class screen rejoins as the student by the link,
// the entrant page shows the entrant. Then a table held through the link is open on the phone when the
// link is revoked: the lost banner says so and offers home.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClassMember } from "../classroom/member.ts";
import { hasChromium, chromiumPath, startE2E, type E2E } from "../e2e/harness.ts";
import { Player } from "../server/harness.ts";
import { call, createTournament } from "../tournaments/api.ts";

const CI = process.env.CI === "true";
if (!hasChromium && !CI) console.warn(`people browser test: skipped — no Chromium at ${chromiumPath}`);

describe.skipIf(!hasChromium && !CI)("a personal link's classes and tournaments in Chromium", () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E();
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it("lists the class and the entry on a phone holding only the link, and opens both there", async () => {
    const made = await call<{ secret: string }>(e2e.url, "POST", "/api/people", { body: {} });
    const secret = made.body.secret;
    // The laptop (an SDK client): the class joined with the link.
    const facilitator = await ClassMember.create(e2e.url, { scenario: "us-china-2015", title: "Cyber norms, week 3", layout: { kind: "count", tables: 1 }, preparationMinutes: 0 });
    const fw = await facilitator.waitFor(() => facilitator.welcome, "the facilitator's welcome");
    const laptop = await ClassMember.join(e2e.url, fw.sessionId, { code: fw.code, name: "Rahim", personToken: secret }, "laptop");
    await laptop.waitFor(() => laptop.welcome, "the laptop's welcome");
    const created = await createTournament(e2e.url, { name: "Spring cup", scenarios: ["us-china-2015"], entrants: [{ kind: "person", name: "Rahim" }, { kind: "bot", strategy: "linear" }] });
    expect((await call(e2e.url, "POST", "/api/people/me/entries", { token: secret, body: { tournament: created.id, code: created.entrants[0]!.code } })).status).toBe(200);

    const { page } = await e2e.person({ width: 390, height: 844 });
    await page.goto(`${e2e.url}/#/me/${secret}`);
    await page.waitForSelector("#inbox-classes li[data-class]");
    await page.waitForSelector("#inbox-tournaments li[data-tournament]");
    expect(await page.locator("#inbox-classes li").first().innerText()).toContain("Cyber norms, week 3");
    expect(await page.locator("#inbox-tournaments li").first().innerText()).toContain("Spring cup");
    await e2e.shot(page, "people-classes-inbox-phone", true);

    // The class opens on the phone as the same student.
    await page.click(`#inbox-classes li[data-class="${fw.sessionId}"] a`);
    await page.waitForFunction(() => document.body.innerText.includes("Rahim") || document.querySelector(".card[role=alert]") !== null);
    expect(await page.locator(".card[role=alert]").count()).toBe(0);
    await e2e.shot(page, "people-classes-class-phone", true);
    await facilitator.waitFor(() => (facilitator.snapshot?.students.find((s) => s.name === "Rahim")?.connected ? true : null), "Rahim connected");

    // The tournament's entrant page opens by the link.
    await page.goto(`${e2e.url}/#/me`);
    await page.waitForSelector("#inbox-tournaments li[data-tournament] a");
    await page.click(`#inbox-tournaments li[data-tournament="${created.id}"] a`);
    await page.waitForFunction(() => document.body.innerText.includes("Your table, Rahim"));
    // The standings' seven columns scroll inside their card: the page itself does not scroll sideways.
    await page.waitForSelector("#t-standings");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await e2e.shot(page, "people-classes-entrant-phone", true);
    expect(e2e.pageErrors).toEqual([]);
    await laptop.room.leave();
    await facilitator.room.leave();

    // A table held through the link, open on the phone; the link revoked elsewhere: the lost banner
    // says the link was revoked and offers home, not "Try again" with "your seat is kept".
    const north = await Player.create(e2e.url, { scenario: "us-china-2015", delegation: "us", secondsPerTurn: 86400 }, "laptop at a table");
    const seatToken = (await north.waitFor(() => north.welcome, "the welcome")).seatToken!;
    expect((await call(e2e.url, "POST", "/api/people/me/seats", { token: secret, body: { seatTokens: [seatToken] } })).status).toBe(200);
    await north.leave();
    await page.goto(`${e2e.url}/#/me`);
    await page.click(`li[data-match="${north.matchId}"] button`);
    await page.waitForSelector(".match");
    expect((await call(e2e.url, "POST", "/api/people/me/revoke", { token: secret, body: {} })).status).toBe(200);
    const banner = page.locator('#banner-connection[data-reason="link_revoked"]');
    await banner.waitFor();
    expect(await banner.innerText()).toContain("Your personal link was revoked");
    expect(await banner.locator("button").count()).toBe(0);
    expect(await banner.locator('a[href="#/"]').count()).toBe(1);
    await e2e.shot(page, "people-classes-revoked-banner-phone");
  }, 240_000);

  it("tells a phone in a class through the link alone that the link was revoked, and offers home", async () => {
    const made = await call<{ secret: string }>(e2e.url, "POST", "/api/people", { body: {} });
    const secret = made.body.secret;
    const facilitator = await ClassMember.create(e2e.url, { scenario: "us-china-2015", title: "Cyber norms, week 4", layout: { kind: "count", tables: 1 }, preparationMinutes: 0 });
    const fw = await facilitator.waitFor(() => facilitator.welcome, "the facilitator's welcome");
    const laptop = await ClassMember.join(e2e.url, fw.sessionId, { code: fw.code, name: "Nadia", personToken: secret }, "laptop");
    await laptop.waitFor(() => laptop.welcome, "the laptop's welcome");

    const { page } = await e2e.person({ width: 390, height: 844 });
    await page.goto(`${e2e.url}/#/me/${secret}`);
    await page.click(`#inbox-classes li[data-class="${fw.sessionId}"] a`);
    await page.waitForFunction(() => document.querySelector("#class-waiting")?.textContent?.includes("Nadia") ?? false);
    expect((await call(e2e.url, "POST", "/api/people/me/revoke", { token: secret, body: {} })).status).toBe(200);
    // The class screen redraws every second: the notice must survive that, under the class's status.
    const notice = page.locator("#class-notice");
    await notice.waitFor();
    expect(await notice.innerText()).toContain("Your personal link was revoked");
    expect(await notice.locator('a[href="#/"]').count()).toBe(1);
    // Mark what is drawn now, wait for the next redraw to replace it, and the notice is still there.
    await page.evaluate(() => document.querySelector("#class-waiting > p")?.setAttribute("data-drawn-before", ""));
    await page.waitForFunction(() => document.querySelector("#class-waiting [data-drawn-before]") === null);
    expect(await page.locator("#class-notice").count()).toBe(1);
    await e2e.shot(page, "people-classes-class-revoked-phone");
    // The laptop came in with its own pass and stays.
    expect(laptop.room.connection.isOpen).toBe(true);
    await laptop.room.leave();
    await facilitator.room.leave();
  }, 240_000);
});
