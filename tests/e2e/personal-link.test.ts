// One person on many devices, end to end in Chromium against a real server: two people, each with a
// "laptop" (1366×768) and a "phone" (390×844) browser context. A creates a two-day alternating table
// (one-day turns) and sits at it, makes a personal link; B joins with the code and makes one too;
// each opens their link on the phone and finds the table in the inbox, "your move" on the right one.
// They alternate moves across their devices (a move made on a phone is seen on the laptop). Then A
// revokes the link: A's phone is locked out (its rejoin refused with a clear sentence, its inbox
// empty), while A's laptop, which holds its own seat token, still plays.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureClientBuilt } from "../../client/scripts/build.ts";
import { chromiumPath, clickConfirming, hasChromium, root, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";
if (!hasChromium && !CI) {
  console.warn(`e2e: skipped — no Chromium at ${chromiumPath} (install Debian's chromium package, or set CHROMIUM_PATH)`);
}

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const SCENARIO = "us-china-2015";

/** The table's version as the match screen shows it. */
async function version(page: Page): Promise<number> {
  return Number((await page.locator(".match").getAttribute("data-version")) ?? "0");
}

async function openTableView(page: Page): Promise<void> {
  await page.waitForSelector("#go-to-table, .canvas-wrap canvas", { timeout: 45_000 });
  if (await page.locator("#go-to-table").count()) await page.click("#go-to-table");
  await page.waitForSelector(".canvas-wrap canvas", { timeout: 45_000 });
}

/** Make a move from the proposal builder (a proposal, or a counter-proposal): the page's version grows. */
async function move(page: Page): Promise<number> {
  await page.click("#tab-negotiate").catch(() => undefined);
  await page.waitForSelector("#builder-submit:not([disabled])", { timeout: 45_000 });
  const before = await version(page);
  await clickConfirming(page, "#builder-submit");
  await page.waitForFunction((v) => Number(document.querySelector(".match")?.getAttribute("data-version") ?? "0") > v, before, { timeout: 45_000 });
  return version(page);
}

/** Home → "Link your devices" → make the link; its address. */
async function makeLink(page: Page, url: string): Promise<string> {
  await page.goto(`${url}/#/`);
  await page.waitForSelector("#make-link");
  await page.click("#make-link");
  await page.waitForSelector("#personal-link");
  await page.waitForSelector("#link-qr[data-ready=true]");
  return page.inputValue("#personal-link");
}

/** The inbox row of the table on this page (waits for it). */
async function inboxRow(page: Page, matchId: string) {
  const row = page.locator(`#inbox li[data-match="${matchId}"]`);
  await row.waitFor({ timeout: 45_000 });
  return row;
}

/** Wait until the match screen on `page` has seen version `v`. */
async function atVersion(page: Page, v: number): Promise<void> {
  await page.waitForFunction((seen) => Number(document.querySelector(".match")?.getAttribute("data-version") ?? "0") >= seen, v, { timeout: 45_000 });
}

/** Open the table from the inbox on this page and wait for the canvas. */
async function openFromInbox(page: Page, url: string, matchId: string): Promise<void> {
  await page.goto(`${url}/#/`);
  const row = await inboxRow(page, matchId);
  await row.getByRole("button", { name: /^Open / }).click();
  await openTableView(page);
}

describe.skipIf(!hasChromium && !CI)("personal links and the inbox in Chromium", () => {
  let e2e: E2E;
  let clientCopy = "";

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    // The server serves a copy of the built client: a rebuild of client/dist by another run while
    // this one plays would leave its pages asking for chunks that are gone.
    await ensureClientBuilt({ quiet: true });
    clientCopy = mkdtempSync(join(tmpdir(), "accord-e2e-client-"));
    cpSync(join(root, "client", "dist"), clientCopy, { recursive: true });
    e2e = await startE2E({ CLIENT_DIR: clientCopy });
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
    if (clientCopy) rmSync(clientCopy, { recursive: true, force: true });
  });

  it("two people play a two-day table across two devices each, and a revoked link locks its phone out", async () => {
    // Each laptop keeps its table open in one tab (a seat everyone has left would go to a stand-in
    // bot) and reads its inbox and link in another.
    const { context: aLaptopContext, page: aLaptop } = await e2e.person(LAPTOP);
    const { page: aPhone } = await e2e.person(PHONE);
    const { context: bLaptopContext, page: bLaptop } = await e2e.person(LAPTOP);
    const { page: bPhone } = await e2e.person(PHONE);

    // A creates an alternating table with one-day turns, sits at the United States.
    await aLaptop.goto(`${e2e.url}/#/practise`);
    await aLaptop.waitForSelector("#create-submit");
    await aLaptop.fill("#player-name", "Amina Rahman");
    await aLaptop.selectOption("#create-scenario", SCENARIO);
    await aLaptop.selectOption("#create-timer", "86400");
    await aLaptop.selectOption("#create-sit", "us");
    await aLaptop.click("#create-submit");
    await openTableView(aLaptop);
    const matchId = aLaptop.url().match(/#\/table\/([a-z0-9]+)/)![1]!;
    const code = await aLaptop.evaluate((id) => (JSON.parse(localStorage.getItem("cyber-accord.tables.v1") ?? "{}") as Record<string, { joinCode?: string }>)[id]?.joinCode ?? "", matchId);
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const aHome = await aLaptopContext.newPage();
    const aLink = await makeLink(aHome, e2e.url);
    expect(aLink).toMatch(/#\/me\/[A-Za-z0-9_-]{43}$/);
    await aHome.locator("#link-panel").scrollIntoViewIfNeeded();
    await e2e.shot(aHome, "personal-link");

    // B joins with the code at China, then makes a link.
    await bLaptop.goto(`${e2e.url}/#/join/table/${code}`);
    await bLaptop.fill("#player-name", "Li Wei");
    await bLaptop.getByRole("button", { name: /^Sit at People's Republic of China/ }).click();
    await openTableView(bLaptop);
    const bHome = await bLaptopContext.newPage();
    const bLink = await makeLink(bHome, e2e.url);

    // Each opens their link on the phone: the link leaves the address bar, the table is in the inbox,
    // "your move" on exactly one of the two, with a day left.
    await aPhone.goto(aLink);
    await aPhone.waitForSelector("#me-notice");
    expect(aPhone.url()).not.toContain(aLink.split("#/me/")[1]);
    await bPhone.goto(bLink);
    await bPhone.waitForSelector("#me-notice");
    const aRow = await inboxRow(aPhone, matchId);
    const bRow = await inboxRow(bPhone, matchId);
    const aFirst = (await aRow.getAttribute("data-your-move")) === "true";
    const bFirst = (await bRow.getAttribute("data-your-move")) === "true";
    expect([aFirst, bFirst].filter(Boolean)).toHaveLength(1);
    await expect(aRow.textContent()).resolves.toContain("United States");
    // A one-day turn's clock skips the table's quiet hours (shared/clock/quiet-hours.ts), so its end is a
    // day of running time away: 24 h of wall clock or, with one or two nights inside it, up to nearly two
    // days ("1 day", "1 day 9 h", … shown to the hour), by the time of day the test runs.
    await expect((aFirst ? aRow : bRow).textContent()).resolves.toMatch(/Your move.*(1 day( \d{1,2} h)?|2 days) left/);
    await expect((aFirst ? bRow : aRow).textContent()).resolves.toMatch(/waiting for others/);
    await e2e.shot(aFirst ? aPhone : bPhone, "inbox");

    // They alternate across devices: the first mover on the phone (opened from the inbox, through
    // the link), the other on the laptop, the first mover on the laptop (where the phone's move
    // shows), the other on the phone.
    const [first, second] = aFirst ? [{ phone: aPhone, laptop: aLaptop }, { phone: bPhone, laptop: bLaptop }] : [{ phone: bPhone, laptop: bLaptop }, { phone: aPhone, laptop: aLaptop }];
    await openFromInbox(first.phone, e2e.url, matchId);
    const v1 = await move(first.phone);
    await atVersion(second.laptop, v1);
    const v2 = await move(second.laptop);
    await atVersion(first.laptop, v2);
    await first.laptop.click("#tab-log");
    await expect(first.laptop.locator(".log li").count()).resolves.toBeGreaterThanOrEqual(2);
    const v3 = await move(first.laptop);
    await openFromInbox(second.phone, e2e.url, matchId);
    await atVersion(second.phone, v3);
    const v4 = await move(second.phone);
    await atVersion(first.laptop, v4);

    // A's phone holds the table open; A revokes the link on the laptop.
    if (first.phone !== aPhone) await openFromInbox(aPhone, e2e.url, matchId);
    await aPhone.waitForSelector(".canvas-wrap canvas");
    await aHome.goto(`${e2e.url}/#/`);
    await aHome.waitForSelector("#revoke-link");
    await clickConfirming(aHome, "#revoke-link");
    await aHome.waitForFunction((old) => { const v = document.querySelector<HTMLInputElement>("#personal-link")?.value; return Boolean(v) && v !== old; }, aLink);

    // The phone is told why and cannot rejoin; its inbox empties; the table offers it nothing but watching.
    await aPhone.waitForSelector("text=Your personal link was revoked", { timeout: 45_000 });
    await e2e.shot(aPhone, "personal-link-revoked");
    await aPhone.goto(`${e2e.url}/#/`);
    await aPhone.waitForSelector("text=This personal link no longer works");
    expect(await aPhone.locator("#inbox li").count()).toBe(0);
    await aPhone.goto(`${e2e.url}/#/table/${matchId}`);
    await aPhone.waitForSelector("#observer-code");
    expect(await aPhone.locator(".canvas-wrap canvas").count()).toBe(0);

    // A's laptop, with its own seat token, still plays; its inbox reads with the new link.
    await aHome.goto(`${e2e.url}/#/`);
    await inboxRow(aHome, matchId);
    if (aFirst) await move(aLaptop);
    else {
      await bLaptop.bringToFront();
      const v5 = await move(bLaptop);
      await atVersion(aLaptop, v5);
      await move(aLaptop);
    }
    // What the revoked phone's browser logs as the server closes its socket and refuses its link
    // (401 from the inbox, 403 from the notifications panel's read with it) is expected.
    expect(e2e.pageErrors.filter((e) => !/status of 40[13]|link_revoked|WebSocket is already in CLOSING or CLOSED state/.test(e))).toEqual([]);
  }, 600_000);
});
