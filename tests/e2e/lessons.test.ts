// Lessons after the game in Chromium (issue 18): a solo game played through the page by a player who
// tables their ideal package and accepts the first offer they may sign (a weak accept, so there is
// something to learn); the debrief's "moves that mattered" are exactly what shared/lessons finds in the
// server's own record of the game (GET /api/matches/:id, its reveal), each lesson's button moves the
// replay to its move, and its idea's name opens the glossary page, which links on. In English at
// 1366×768 and on a phone, and once in Bangla on a phone; nothing overflows.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import bnLessons from "../../shared/i18n/catalog/bn/lessons.ts";
import enLessons from "../../shared/i18n/catalog/en/lessons.ts";
import bnTable from "../../shared/i18n/catalog/bn/table.ts";
import enTable from "../../shared/i18n/catalog/en/table.ts";
import { RELATED, type ConceptId } from "../../shared/lessons/concepts.ts";
import { lessonsFor, type Lesson } from "../../shared/lessons/lessons.ts";
import type { Reveal } from "../../shared/rules/types.ts";
import { chromiumPath, clickConfirming, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";

const key = (id: string) => id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof typeof enLessons.concept;

async function version(page: Page): Promise<number> {
  return Number((await page.locator(".match").getAttribute("data-version")) ?? "0");
}

/** Text boxes wider than they show, and a page that scrolls sideways. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("main *")) {
      if (!el.offsetParent) continue;
      const style = getComputedStyle(el);
      // A box made to scroll, or to end in "…", shows all it has by design.
      if (style.display === "inline" || ["auto", "scroll"].includes(style.overflowX) || style.textOverflow === "ellipsis") continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth} > ${el.clientWidth}): ${el.textContent!.trim().slice(0, 60)}`);
    }
    // The innermost boxes that reach past the window's right edge (what makes the page scroll sideways).
    for (const el of document.querySelectorAll<HTMLElement>("main *")) {
      const past = (e: Element) => e.getBoundingClientRect().right > window.innerWidth + 1;
      if (!el.offsetParent || !past(el) || [...el.children].some(past)) continue;
      if (el.closest("[style*='overflow-x: auto'], .tabpanel")) continue;
      out.push(`${el.tagName.toLowerCase()}.${el.className} reaches ${Math.round(el.getBoundingClientRect().right)}px: ${el.textContent!.trim().slice(0, 40)}`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
    return out;
  });
}

/**
 * Solo as the United States, a player who gives in: opens with the ideal package, then tables China's own
 * offer (its red lines replaced) and accepts the first offer it may sign, at once (past the warning).
 */
async function playWeakAccept(page: Page, url: string, words: typeof enTable.negotiate): Promise<string> {
  await page.goto(`${url}/#/practise`);
  await page.waitForSelector("#solo-start");
  await page.fill("#player-name", "Amina Rahman");
  await page.selectOption("#solo-scenario", "us-china-2015");
  await page.selectOption("#solo-delegation", "us");
  await page.check("input[name=solo-difficulty][value=easy]");
  await page.click("#solo-start");
  await page.waitForSelector("#briefing-ready");
  await page.click("#briefing-ready");
  for (let turn = 0; turn < 60; turn++) {
    await page.waitForSelector("#debrief-title, #move-accept:not([disabled]), #builder-submit:not([disabled])", { timeout: 45_000 });
    if (await page.locator("#debrief-title").count()) break;
    const v = await version(page);
    if (await page.locator("#move-accept:not([disabled])").count()) {
      await clickConfirming(page, "#move-accept");
    } else {
      await page.click(`text=${turn === 0 ? words.useIdeal : words.useTable}`);
      await clickConfirming(page, "#builder-submit");
    }
    await page.waitForFunction((seen) => Number(document.querySelector(".match")?.getAttribute("data-version") ?? "0") > seen, v, { timeout: 45_000 });
  }
  await page.waitForSelector("#debrief-title", { timeout: 45_000 });
  const matchId = /#\/table\/([^/]+)/.exec(page.url())![1]!;
  return matchId;
}

/**
 * Games until one leaves something to learn (the bots' offers differ from game to game; a weak accept
 * nearly always does at the first try): a game without a lesson must say so on the debrief.
 */
async function gameWithLessons(page: Page, url: string, table: typeof enTable.negotiate, words: typeof enLessons): Promise<Lesson[]> {
  for (let game = 0; game < 3; game++) {
    const matchId = await playWeakAccept(page, url, table);
    const { lessons } = await expectedLessons(url, matchId);
    if (lessons.length > 0) return lessons;
    await expect(page.locator("#lessons-none").textContent()).resolves.toBe(words.card.none);
  }
  throw new Error("three games in a row without a lesson for a player who accepts the first offer it may sign");
}

/** What shared/lessons finds in the server's own record of the game. */
async function expectedLessons(url: string, matchId: string): Promise<{ lessons: Lesson[]; reveal: Reveal }> {
  const record = (await (await fetch(`${url}/api/matches/${matchId}`)).json()) as { record: string; reveal: Reveal };
  expect(record.record).toBe("full");
  return { lessons: lessonsFor(record.reveal, "us"), reveal: record.reveal };
}

/** The debrief shows these lessons in this order; a lesson's button moves the replay to its move. */
async function checkLessons(page: Page, lessons: Lesson[], words: typeof enLessons): Promise<void> {
  const card = page.locator("#debrief-lessons");
  await card.waitFor();
  // Named by the moves: two lessons may be about one move.
  const moves = new Set(lessons.map((l) => l.step)).size;
  const title = moves === 3 ? words.card.title3 : moves === 2 ? words.card.title2 : words.card.title1;
  await expect(card.locator("#lessons-title").textContent()).resolves.toBe(title);
  const items = card.locator("li.lesson");
  await expect(items.count()).resolves.toBe(lessons.length);
  for (let i = 0; i < lessons.length; i++) {
    const li = items.nth(i);
    await expect(li.getAttribute("data-kind")).resolves.toBe(lessons[i]!.kind);
    await expect(li.getAttribute("data-step")).resolves.toBe(String(lessons[i]!.step));
    await expect(li.locator(".concept-link").getAttribute("href")).resolves.toBe(`#/learn/${lessons[i]!.concept}`);
    await expect(li.locator(".concept-link").textContent()).resolves.toBe(words.concept[key(lessons[i]!.concept)].name);
  }
  // Each button moves the replay: its slider to the lesson's step, its card into view.
  for (let i = lessons.length - 1; i >= 0; i--) {
    const before = await page.locator("#replay-step").textContent();
    await items.nth(i).locator(".lesson-step").click();
    await expect(page.locator("#replay-slider").inputValue()).resolves.toBe(String(lessons[i]!.step));
    if (lessons.length > 1 && lessons[i]!.step !== Number(await page.locator("#replay-slider").getAttribute("max"))) {
      expect(await page.locator("#replay-step").textContent()).not.toBe(before);
    }
    const box = (await page.locator("#replay-title").boundingBox())!;
    const height = page.viewportSize()!.height;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(height);
  }
}

describe.skipIf(!hasChromium && !CI)("lessons after the game", () => {
  let e2e: E2E;
  let bnContext: BrowserContext | null = null;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    e2e = await startE2E();
  }, 180_000);

  afterEach(async () => {
    await e2e?.closePeople();
    await bnContext?.close().catch(() => undefined);
    bnContext = null;
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it("in English: the moves that mattered, a jump to the move in the replay, and the glossary page of its idea", async () => {
    const { page } = await e2e.person({ width: 1366, height: 768 });
    const lessons = await gameWithLessons(page, e2e.url, enTable.negotiate, enLessons);
    await checkLessons(page, lessons, enLessons);
    await expect(page.locator("#replay-step").textContent()).resolves.toMatch(new RegExp(`^Move ${lessons[0]!.step} of `));

    await page.locator("#debrief-lessons").scrollIntoViewIfNeeded();
    await page.evaluate(() => {
      document.querySelector("#debrief-lessons")?.scrollIntoView();
      window.scrollBy(0, -70);
    });
    expect(await overflowing(page)).toEqual([]);
    await e2e.shot(page, "lessons-debrief");
    // The first lesson's text carries its numbers, as the page writes points (utility × 100).
    const first = lessons[0]!;
    const text = (await page.locator("li.lesson").first().locator(".lesson-text").textContent())!;
    if (first.numbers.gain !== undefined) expect(text).toContain(String(Math.round(first.numbers.gain * 100)));
    else expect(text).toContain(String(Math.round(first.numbers.mine! * 100)));

    // On a phone the card fits too.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => document.querySelector("#debrief-lessons")?.scrollIntoView());
    expect(await overflowing(page)).toEqual([]);
    await e2e.shot(page, "lessons-debrief-phone");
    await page.setViewportSize({ width: 1366, height: 768 });

    // The idea's name opens its glossary page, which links to related ideas and to the index.
    const concept = first.concept;
    await page.locator("li.lesson").first().locator(".concept-link").click();
    await page.waitForSelector(`.learn-page[data-concept='${concept}']`);
    expect(page.url()).toMatch(new RegExp(`#/learn/${concept}$`));
    await expect(page.locator("#learn-title").textContent()).resolves.toBe(enLessons.concept[key(concept)].name);
    await expect(page.locator(".learn-page").textContent()).resolves.toContain(enLessons.concept[key(concept)].body2);
    await expect(page.title()).resolves.toContain(enLessons.concept[key(concept)].name);
    expect(await overflowing(page)).toEqual([]);
    await e2e.shot(page, "learn-page");
    const related: ConceptId = RELATED[concept][0]!;
    await page.click(`.learn-related a[data-concept='${related}']`);
    await page.waitForSelector(`.learn-page[data-concept='${related}']`);
    await page.click("#learn-back");
    await page.waitForSelector("#learn-index");
    await expect(page.locator("#learn-index li").count()).resolves.toBe(Object.keys(enLessons.concept).length);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowing(page)).toEqual([]);
    await e2e.shot(page, "learn-index-phone");
    // A page that does not exist says so.
    await page.goto(`${e2e.url}/#/learn/no-such-idea`);
    await expect(page.locator("main [role=alert] h1").textContent()).resolves.toBe(enLessons.learn.unknown.replace("{{name}}", "no-such-idea"));
    expect(e2e.pageErrors).toEqual([]);
  }, 300_000);

  it("in Bangla on a phone: the same lessons in Bangla, the jump to the move, and the Bangla glossary page", async () => {
    bnContext = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: "bn-BD" });
    bnContext.setDefaultTimeout(45_000);
    const page = await bnContext.newPage();
    page.on("pageerror", (e) => e2e.pageErrors.push(`pageerror: ${e.message}`));
    const lessons = await gameWithLessons(page, e2e.url, bnTable.negotiate as unknown as typeof enTable.negotiate, bnLessons as unknown as typeof enLessons);
    await expect(page.locator("#locale-select").inputValue()).resolves.toBe("bn");
    await checkLessons(page, lessons, bnLessons as unknown as typeof enLessons);
    await page.evaluate(() => document.querySelector("#debrief-lessons")?.scrollIntoView());
    expect(await overflowing(page)).toEqual([]);
    await e2e.shot(page, "lessons-debrief-bn-phone");

    const concept = lessons[0]!.concept;
    await page.locator("li.lesson").first().locator(".concept-link").click();
    await page.waitForSelector(`.learn-page[data-concept='${concept}']`);
    await expect(page.locator("#learn-title").textContent()).resolves.toBe(bnLessons.concept[key(concept)].name);
    await expect(page.locator(".learn-page").textContent()).resolves.toContain(bnLessons.concept[key(concept)].body1);
    await expect(page.locator(".learn-related h2").textContent()).resolves.toBe(bnLessons.learn.seeAlso);
    expect(await overflowing(page)).toEqual([]);
    await e2e.shot(page, "learn-page-bn-phone");
    expect(e2e.pageErrors).toEqual([]);
  }, 300_000);
});
