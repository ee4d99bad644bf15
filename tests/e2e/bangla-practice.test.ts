// Solo practice's other screens in Bangla in Chromium (issue 17): the drills, a drill, the progress
// page, the glossary of ideas and one of its pages, and "your tables" (the inbox), at 1366×768 and
// 390×844. On each: the page is in Bangla with the Noto Sans Bengali face loaded (document.fonts),
// no text wider than its box (measured), and no English word left on the screen outside what is
// marked as English (lang="en": scenario text not yet translated) — the brand, and the names of
// BATNA, CSV, JSON and QR, aside. Screenshots: test-artifacts/e2e/bangla-practice-*.png.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import bnPractice from "../../shared/i18n/catalog/bn/practice.ts";
import { englishLeft } from "./bangla-checks.ts";
import { chromiumPath, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";
if (!hasChromium && !CI) console.warn(`e2e Bangla practice: skipped — no Chromium at ${chromiumPath}`);

/** Every visible element holding text whose text is wider than its box (boxes that scroll or end in "…" by design aside). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      if (el.closest("svg, canvas, select, textarea, input, .visually-hidden, [hidden]")) continue;
      if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== "")) continue;
      const cs = getComputedStyle(el);
      if (cs.display === "inline" || cs.display === "contents" || el.getClientRects().length === 0) continue;
      if (["auto", "scroll"].includes(cs.overflowX) || cs.textOverflow === "ellipsis") continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} (${el.scrollWidth} > ${el.clientWidth}): ${(el.textContent ?? "").trim().slice(0, 60)}`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
    return out;
  });
}

async function expectBangla(page: Page, where: string): Promise<void> {
  const face = await page.evaluate(async () => {
    await document.fonts.ready;
    await document.fonts.load('16px "Noto Sans Bengali"', "বাংলা");
    return { lang: document.documentElement.lang, loaded: document.fonts.check('16px "Noto Sans Bengali"', "বাংলা") };
  });
  expect(face, where).toEqual({ lang: "bn", loaded: true });
  expect(await overflowing(page), `${where}: text overflowing its box`).toEqual([]);
  expect(await englishLeft(page), `${where}: English left on a Bangla screen`).toEqual([]);
}

describe.skipIf(!hasChromium && !CI)("solo practice's screens in Bangla", () => {
  let e2e: E2E;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    e2e = await startE2E();
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it("the drills, a drill, progress, the ideas and your tables: the Bengali face, nothing overflowing, no English left", async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, locale: "bn-BD" });
    context.setDefaultTimeout(45_000);
    try {
      const page = await context.newPage();
      page.on("pageerror", (e) => e2e.pageErrors.push(`pageerror: ${e.message}`));
      const screens: { name: string; hash: string; ready: string; heading?: string }[] = [
        { name: "drills", hash: "#/practice", ready: ".drill-list li[data-drill]", heading: bnPractice.list.title },
        { name: "drill", hash: "#/practice/bangladesh-capacity-building.trade", ready: "#drill-propose" },
        { name: "progress", hash: "#/progress", ready: "#progress-title", heading: bnPractice.progress.title },
        { name: "learn", hash: "#/learn", ready: "#learn-index" },
        { name: "learn-anchoring", hash: "#/learn/anchoring", ready: ".learn-page[data-concept='anchoring']" },
        { name: "inbox", hash: "#/me", ready: "h1" },
      ];
      for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
        await page.setViewportSize(viewport);
        for (const s of screens) {
          await page.goto(`${e2e.url}/${s.hash}`);
          await page.waitForSelector(s.ready);
          if (s.heading) await expect(page.locator("h1").first().textContent()).resolves.toBe(s.heading);
          if (viewport.width === 1366) await e2e.shot(page, `bangla-practice-${s.name}`, true);
          await expectBangla(page, `${s.hash} ${viewport.width}×${viewport.height}`);
        }
      }
      expect(e2e.pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});
