// A tournament while it runs, in Bangla, in headless Chromium against a real server: an organiser
// whose browser asks for Bangla (bn-BD) creates a round-robin of the US–China scenario with two
// people and two bots (bots at a table's pace, so games are still going while we look), opens it
// and starts it; the running page (standings, live tables, finished games, the organiser's
// controls) at 1366×768 and 390×844, and an entrant's own page on a phone. On every screen: the
// Bengali face is loaded, nothing is left in English but what is marked so (lang="en"), no text
// overflows its box and the page never scrolls sideways. Screenshots:
// test-artifacts/e2e/bangla-tournament-*.png.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import bnScreens from "../../shared/i18n/catalog/bn/screens.ts";
import { englishLeft } from "./bangla-checks.ts";
import { chromiumPath, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const SCENARIO = "us-china-2015";
const BENGALI = /[\u0980-\u09FF]/;

if (!hasChromium && !CI) console.warn(`e2e Bangla tournament: skipped — no Chromium at ${chromiumPath}`);

const people: Page[] = [];

/** One person whose browser asks for Bangla first. */
async function banglaPerson(e2e: E2E, viewport: { width: number; height: number }): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport, deviceScaleFactor: 1, locale: "bn-BD" });
  context.setDefaultTimeout(45_000);
  const page = await context.newPage();
  page.on("pageerror", (e) => e2e.pageErrors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().includes("GL Driver")) e2e.pageErrors.push(`console: ${m.text()}`);
  });
  people.push(page);
  return page;
}

/**
 * What is wrong on the screen as it stands: the page in another language or without the Bengali
 * face, the page wider than the window, an element whose own text is wider than its box (or taller,
 * where the box clips) unless cut with an ellipsis on purpose.
 */
async function layoutTrouble(page: Page): Promise<string[]> {
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(async () => {
    const out: string[] = [];
    await document.fonts.load('16px "Noto Sans Bengali"', "বাংলা");
    if (document.documentElement.lang !== "bn") out.push(`the page's language is ${document.documentElement.lang}`);
    if (!document.fonts.check('16px "Noto Sans Bengali"', "বাংলা")) out.push("the Bengali face is not loaded");
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) out.push(`the page is ${doc.scrollWidth} wide in a ${doc.clientWidth} window`);
    // A button or link reaching past its card (the card does not clip, so the page alone would not show it).
    for (const el of document.querySelectorAll<HTMLElement>(".card .btn")) {
      const card = el.closest(".card")!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > card.right + 0.5 || r.left < card.left - 0.5)) out.push(`button “${(el.textContent ?? "").trim().slice(0, 50)}” reaches past its card: ${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(card.left)}–${Math.round(card.right)}`);
    }
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      if (el.closest("svg, canvas, select, textarea, input, .visually-hidden, [hidden]")) continue;
      if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== "")) continue;
      const cs = getComputedStyle(el);
      if (cs.display === "inline" || cs.display === "none" || cs.display === "contents" || cs.visibility === "hidden" || cs.textOverflow === "ellipsis") continue;
      if (el.getClientRects().length === 0) continue;
      const clips = cs.overflowX !== "visible" || cs.overflowY !== "visible";
      if (el.scrollWidth > el.clientWidth + 1 || (clips && el.scrollHeight > el.clientHeight + 1)) {
        out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} “${(el.textContent ?? "").trim().slice(0, 50)}”: ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
      }
    }
    return out;
  });
}

/** Everything a Bangla screen must hold, and a screenshot (the whole page). */
async function check(e2e: E2E, page: Page, name: string): Promise<void> {
  await e2e.shot(page, `bangla-tournament-${name}`, true);
  expect(await layoutTrouble(page), `layout on ${name}`).toEqual([]);
  expect(await englishLeft(page), `English left on a Bangla screen: ${name}`).toEqual([]);
}

describe.skipIf(!hasChromium && !CI)("a tournament in Bangla while it runs", () => {
  let e2e: E2E;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    // Bots take a moment a move, so the games are still going while we look at them.
    e2e = await startE2E({ BOT_DELAY_MS: "1500" });
  }, 180_000);

  afterAll(async () => {
    for (const p of people.splice(0)) await p.context().close().catch(() => undefined);
    await e2e?.close();
  });

  it("created, started and followed in Bangla: standings, live tables, the organiser's controls and an entrant's page, at 1366×768 and 390×844", async () => {
    const org = await banglaPerson(e2e, DESKTOP);
    await org.goto(`${e2e.url}/#/tournament/new`);
    await org.waitForSelector(`#t-scenario option[value="${SCENARIO}"]`, { state: "attached" });
    await org.selectOption("#t-scenario", SCENARIO);
    await org.selectOption("#t-format", "round-robin");
    await org.selectOption("#t-pace", "table");
    await org.fill("#t-stand-in", "0.5");
    // The default name is the reader's: the organiser keeps it.
    await expect(org.inputValue("#t-name")).resolves.toMatch(BENGALI);
    // Two people by their Bangla names; the two bots are left unnamed (the form names them).
    const names = org.locator("li[data-entrant] input[type=text]");
    await names.nth(0).fill("আমিনা রহমান");
    await names.nth(1).fill("তানভীর হাসান");
    await org.click("#t-create");
    await org.waitForSelector("#t-organiser-token");
    await check(e2e, org, "0-created");

    // The entrants' links, read from the created page before it is left.
    const links = await org.locator("ul.table-list li a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toHaveLength(2);

    await org.click("#t-open");
    await org.waitForSelector("#t-start");
    await org.click("#t-start");
    // Running: four entrants in the standings, and a game in play among the live tables.
    await org.waitForFunction(() => document.querySelectorAll("#t-standings tbody tr").length === 4);
    await org.waitForSelector("[aria-labelledby=t-live-title] ul.table-list li", { timeout: 60_000 });
    await expect(org.locator("#t-standings-title").textContent()).resolves.toBe(bnScreens.tournament.standings.title);
    // The bots were named in the organiser's language.
    const standings = await org.locator("#t-standings tbody th").allTextContents();
    expect(standings.filter((n) => !["আমিনা রহমান", "তানভীর হাসান"].includes(n)).every((n) => BENGALI.test(n))).toBe(true);
    await check(e2e, org, "1-running");

    // The same page on a phone.
    await org.setViewportSize(PHONE);
    await org.waitForFunction(() => window.innerWidth === 390);
    await check(e2e, org, "2-running-phone");
    await org.setViewportSize(DESKTOP);
    await org.waitForFunction(() => window.innerWidth === 1366);

    // An entrant opens their link on a phone: their own card, in Bangla, with the seat to take.
    const amina = await banglaPerson(e2e, PHONE);
    await amina.goto(links[0]!);
    await amina.waitForSelector("#t-take-seat", { timeout: 60_000 });
    await expect(amina.locator("h2").first().textContent()).resolves.toMatch(BENGALI);
    await check(e2e, amina, "3-entrant-phone");

    // The organiser puts bots in for everyone absent: the notice in Bangla; the games play on at
    // the bots' pace until one ends, and the finished list reads in Bangla.
    await org.click("#t-stand-in-all");
    const notice = org.locator(`section[aria-label="${bnScreens.tournament.organiser}"] [role=alert]`);
    await expect.poll(() => notice.textContent(), { timeout: 45_000 }).toMatch(/বট/);
    await org.waitForSelector("[aria-labelledby=t-done-title] ul.table-list li", { timeout: 180_000 });
    await check(e2e, org, "4-game-ended");
    expect(e2e.pageErrors).toEqual([]);
  }, 400_000);
});
