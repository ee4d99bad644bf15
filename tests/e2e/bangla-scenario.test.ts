// The Bangladesh scenario read in Bangla in Chromium (issue 17): the briefing shows the scenario's
// own Bangla text (title, summary, the delegation's private brief) with nothing left in English,
// and the bots speak Bangla at the table; switched to English, the same statements read in English.
// Screenshots: test-artifacts/e2e/bangla-scenario-{briefing,talk}.png.
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishLeft } from "./bangla-checks.ts";
import { clickConfirming, chromiumPath, hasChromium, startE2E, type E2E } from "./harness.ts";
import bnTable from "../../shared/i18n/catalog/bn/table.ts";

const CI = process.env.CI === "true";
const BENGALI = /[\u0980-\u09FF]/;

describe.skipIf(!hasChromium && !CI)("the Bangladesh scenario in Bangla", () => {
  let e2e: E2E;
  let context: BrowserContext;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    e2e = await startE2E();
  }, 180_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await e2e?.close();
  });

  it("briefs in Bangla with nothing left in English, and its bots speak Bangla (English after a switch)", async () => {
    context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, locale: "bn-BD" });
    context.setDefaultTimeout(45_000);
    const page = await context.newPage();
    page.on("pageerror", (e) => e2e.pageErrors.push(`pageerror: ${e.message}`));

    await page.goto(`${e2e.url}/#/practise`);
    await page.waitForSelector("#solo-start");
    await page.fill("#player-name", "আমিনা রহমান");
    await page.selectOption("#solo-scenario", "bangladesh-capacity-building");
    await page.selectOption("#solo-delegation", "gov");
    await page.check("input[name=solo-difficulty][value=easy]");
    await page.click("#solo-start");

    // The briefing: the scenario's Bangla, its private brief included, nothing marked as English.
    await page.waitForSelector(".private-brief-text");
    await expect(page.locator("#briefing-title").textContent()).resolves.toBe("বাংলাদেশের জন্য একটি সাইবার সক্ষমতা উন্নয়ন কর্মসূচি (২০১৮)");
    const brief = (await page.locator(".private-brief-text").textContent())!.replace(/\s+/g, " ");
    expect(brief).toContain("আপনি তথ্য ও যোগাযোগ প্রযুক্তি বিভাগ এবং বাংলাদেশ কম্পিউটার কাউন্সিলের পক্ষে কথা বলছেন");
    expect(await page.locator(".briefing [data-untranslated]").count()).toBe(0);
    // The status bar names the delegation in Bangla too.
    await expect(page.locator(".statusbar .title, .statusbar").first().textContent()).resolves.toMatch(BENGALI);
    expect(await page.evaluate(() => document.body.textContent)).toContain("আপনি: বাংলাদেশ সরকার");
    // Nothing English on the briefing but what is marked so (a source's citation, kept as written).
    expect(await englishLeft(page)).toEqual([]);
    await e2e.shot(page, "bangla-scenario-briefing");

    // The table: move until a bot has said something (the chat keeps its lines while another tab shows).
    await page.click("#briefing-ready");
    await page.waitForSelector(".match[data-phase='running']");
    const lines = () => page.locator("li.msg .text").count();
    for (let turn = 0; turn < 12 && (await lines()) === 0; turn++) {
      await page.click("#tab-negotiate");
      await page.waitForSelector("li.msg .text, #move-accept:not([disabled]), #builder-submit:not([disabled]), #move-vote-accept:not([disabled])", { state: "attached", timeout: 45_000 });
      if ((await lines()) > 0) break;
      const v = Number(await page.locator(".match").getAttribute("data-version"));
      if (await page.locator("#builder-submit:not([disabled])").count()) {
        await page.click(`button:has-text("${bnTable.negotiate.useIdeal}")`);
        await clickConfirming(page, "#builder-submit");
      } else if (await page.locator("#move-accept:not([disabled])").count()) {
        await clickConfirming(page, "#move-accept");
      } else {
        await clickConfirming(page, "#move-vote-accept");
      }
      await page.waitForFunction((seen) => Number(document.querySelector(".match")?.getAttribute("data-version") ?? "0") > seen, v, { timeout: 45_000 });
    }
    await page.click("#tab-talk");
    await page.waitForSelector("li.msg .text");
    const said = await page.locator("li.msg .text").allTextContents();
    expect(said.length).toBeGreaterThan(0);
    for (const text of said) {
      expect(text).toMatch(BENGALI);
      expect(text).not.toMatch(/[A-Za-z]{3,}/);
    }
    await e2e.shot(page, "bangla-scenario-talk");

    // In English, the same statements read in English.
    await page.selectOption("#locale-select", "en");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await page.waitForFunction(() => [...document.querySelectorAll("li.msg .text")].every((el) => !/[\u0980-\u09FF]/.test(el.textContent ?? "")));
    const english = await page.locator("li.msg .text").allTextContents();
    expect(english.length).toBeGreaterThanOrEqual(said.length);
    for (const text of english) expect(text).toMatch(/[A-Za-z]{3,}/);
    expect(e2e.pageErrors).toEqual([]);
  }, 240_000);
});
