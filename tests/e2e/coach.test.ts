// The coach beside the table in Chromium (issue 18): a coached solo game on the US–China scenario
// against the easy bot. The coach shows the draft's worth and the estimate of China; its suggested
// trade is put in the draft with one click (the draft gains what it said); a weak accept asks first,
// with the coach's reason; the player can hide the coach and it stays hidden after a reload. On a
// phone the panel fits the width. Screenshots: coach-draft.png, coach-accept.png (1366×768),
// coach-phone.png (390×844).
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, clickConfirming, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";

async function version(page: Page): Promise<number> {
  return Number((await page.locator(".match").getAttribute("data-version")) ?? "0");
}

async function versionAbove(page: Page, v: number): Promise<void> {
  await page.waitForFunction((seen) => Number(document.querySelector(".match")?.getAttribute("data-version") ?? "0") > seen, v, { timeout: 45_000 });
}

async function startSolo(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/practise`);
  await page.waitForSelector("#solo-start");
  await page.fill("#player-name", "Amina Rahman");
  await page.selectOption("#solo-scenario", "us-china-2015");
  await page.selectOption("#solo-delegation", "us");
  await page.check("input[name=solo-difficulty][value=easy]");
  await page.click("#solo-start");
  await page.waitForSelector("#briefing-ready");
  await page.click("#briefing-ready");
  await page.waitForSelector(".match[data-phase='running']", { timeout: 45_000 });
}

const draftPoints = async (page: Page) => Number((await page.textContent("#draft-utility"))!.trim());

/** The page is no wider than its window, and the coach panel lies within it. */
async function fits(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width);
  const box = await page.locator("#coach").boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

describe.skipIf(!hasChromium && !CI)("the coach beside the table", () => {
  let e2e: E2E;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    e2e = await startE2E();
  }, 180_000);

  afterEach(async () => {
    await e2e?.closePeople();
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it("a coached solo game: the estimate, a suggested trade applied, a hint before a weak accept, hidden on request", async () => {
    const { page } = await e2e.person({ width: 1366, height: 768 });
    await startSolo(page, e2e.url);
    await page.waitForSelector("#coach #coach-draft-worth");
    await expect(page.locator("#coach-draft-worth").textContent()).resolves.toMatch(/^Your draft is worth \d+ points to you; walking away is worth \d+\.$/);

    // Hidden on request, and still hidden after a reload; shown again.
    await page.click("#coach-toggle");
    await expect(page.locator("#coach-draft-worth").count()).resolves.toBe(0);
    await page.reload();
    await page.waitForSelector("#coach-toggle");
    await expect(page.locator("#coach-toggle").textContent()).resolves.toBe("Show the coach");
    await expect(page.locator("#coach-draft-worth").count()).resolves.toBe(0);
    await page.click("#coach-toggle");
    await page.waitForSelector("#coach-draft-worth");

    let applied = false;
    let warned = false;
    for (let turn = 0; turn < 30 && !(applied && warned); turn++) {
      await page.waitForSelector("#debrief-title, #move-accept:not([disabled]), #builder-submit:not([disabled])", { timeout: 45_000 });
      if (await page.locator("#debrief-title").count()) break;
      const v = await version(page);

      // Before accepting: a weak accept asks first, in the coach's words.
      if (!warned && (await page.locator("#move-accept:not([disabled])").count()) && (await page.locator("#coach-accept.warn").count())) {
        const hint = (await page.textContent("#coach-accept"))!;
        expect(hint).toMatch(/Wait before accepting|less than walking away/);
        await page.click("#move-accept");
        const dialog = page.locator(".dialog-backdrop .dialog");
        await dialog.waitFor();
        await expect(dialog.locator("h2").textContent()).resolves.toBe("The coach would wait");
        await expect(dialog.locator("p").textContent()).resolves.toBe(hint);
        await e2e.shot(page, "coach-accept");
        await fits(page, 1366);
        await page.locator(".dialog-backdrop .btn:not(.btn-primary)").click();
        await expect(page.locator(".dialog-backdrop").count()).resolves.toBe(0);
        warned = true;
      }

      // Before tabling: the suggested trade goes into the draft, which gains what the coach said.
      if (turn >= 1 && !applied) await page.click("text=Use the package on the table").catch(() => undefined);
      if (!applied && (await page.locator("#coach-trade").count())) {
        const text = (await page.textContent("#coach-trade p"))!;
        const gain = Number(/about \+(\d+) for you/.exec(text)![1]);
        expect(text).toMatch(/^Give .+: .+, ask .+: .+ — about \+\d+ for you, likely better for .+ too\.$/);
        await expect(page.locator("#coach-estimates li").first().textContent()).resolves.toMatch(/China.*(about \d+ for them|not known yet)/);
        await page.locator("#coach").scrollIntoViewIfNeeded();
        await e2e.shot(page, "coach-draft");
        await fits(page, 1366);
        const before = await draftPoints(page);
        await page.click("#coach-apply-trade");
        const after = await draftPoints(page);
        expect(Math.abs(after - before - gain)).toBeLessThanOrEqual(1);
        applied = true;
      } else if (turn === 0) {
        await page.click("text=Use your ideal package");
      }
      await clickConfirming(page, "#builder-submit");
      await versionAbove(page, v);
    }
    expect(applied).toBe(true);
    expect(warned).toBe(true);
    expect(e2e.pageErrors).toEqual([]);
  }, 300_000);

  it("on a phone the coach fits the width", async () => {
    const { page } = await e2e.person({ width: 390, height: 844 });
    await startSolo(page, e2e.url);
    await page.waitForSelector("#coach #coach-draft-worth");
    // Wait for China's first move, so that the estimate and the hints are there.
    await page.waitForSelector("#move-accept:not([disabled]), #builder-submit:not([disabled])", { timeout: 45_000 });
    if ((await page.locator(".offer-block").count()) === 0) {
      const v = await version(page);
      await page.click("text=Use your ideal package");
      await clickConfirming(page, "#builder-submit");
      await versionAbove(page, v);
      await page.waitForSelector("#move-accept:not([disabled]), #builder-submit:not([disabled])", { timeout: 45_000 });
    }
    await page.waitForSelector("#coach-accept");
    await fits(page, 390);
    await page.locator("#coach").scrollIntoViewIfNeeded();
    await e2e.shot(page, "coach-phone");
    expect(e2e.pageErrors).toEqual([]);
  }, 180_000);
});
