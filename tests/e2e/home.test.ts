// The front door in Chromium against a real server: three doors and "Join with a code" fit a
// 1366×768 screen without scrolling, each door leads to its own page with its forms, a code typed
// on the home page opens the join page, and "Your tables" shows a table's code with its hyphen and
// the table's state as it is now.
import { Player } from "../server/harness.ts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";

describe.skipIf(!hasChromium && !CI)("the home page's doors", () => {
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

  it("shows three doors and Join with a code on a 1366×768 screen without scrolling; each door has its page", async () => {
    const { page } = await e2e.person({ width: 1366, height: 768 });
    await page.goto(e2e.url);
    await page.waitForSelector("#door-tournament");
    const main = ["#home-title", "#home-code", "#home-join", "#door-practise", "#door-teach", "#door-tournament"];
    for (const selector of main) {
      const box = (await page.locator(selector).boundingBox())!;
      expect(box, selector).not.toBeNull();
      // Entirely inside the first screen: nothing to scroll to.
      expect(box.y + box.height, selector).toBeLessThanOrEqual(768);
      expect(box.x + box.width, selector).toBeLessThanOrEqual(1366);
    }
    await expect(page.locator(".doors .door h2").allTextContents()).resolves.toEqual(["Practise", "Teach a class", "Run a tournament"]);
    // The old six forms are not on the front page any more.
    await expect(page.locator("#solo-start, #create-submit, #class-create").count()).resolves.toBe(0);
    await e2e.shot(page, "home-doors");

    await page.click("#door-practise");
    await page.waitForSelector("#solo-start");
    await expect(page.locator("#create-submit").count()).resolves.toBe(1);
    await expect(page.locator("#player-name").count()).resolves.toBe(1);
    await e2e.shot(page, "home-practise");
    await page.click("#nav-home");
    await page.click("#door-teach");
    await page.waitForSelector("#class-create");
    // The scenario's learning objectives beside the form.
    await page.waitForSelector("#class-objectives .markdown li");
    await page.click("#nav-home");
    await page.click("#door-tournament");
    await page.waitForSelector("#tournament-new");
    await e2e.shot(page, "home-tournaments");

    // A code typed on the front page opens the join page with it filled in.
    await page.click("#nav-home");
    await page.fill("#home-code", "zzzz-zzzz");
    await page.click("#home-join");
    await page.waitForSelector("#join-code");
    expect(page.url()).toContain("#/join/ZZZZ-ZZZZ");
    await expect(page.locator("#join-code").inputValue()).resolves.toBe("ZZZZ-ZZZZ");
    await page.waitForSelector(".error-text:has-text('No open class or table has this code')");
    expect(e2e.pageErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    e2e.pageErrors.length = 0;
  }, 120_000);

  it("lists a table this browser created with its code's hyphen and its state as it is now", async () => {
    const { page } = await e2e.person({ width: 1366, height: 768 });
    await page.goto(`${e2e.url}/#/practise`);
    await page.waitForSelector("#create-submit");
    await page.selectOption("#create-scenario", "us-china-2015");
    // A seat for a person nobody takes yet: the table waits.
    await page.selectOption(`select[data-delegation="china"]`, "easy");
    await page.click("#create-submit");
    const code = (await page.locator("#fac-join-code").textContent())!;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await page.goto(`${e2e.url}/#/`);
    const row = page.locator("ul[aria-label='Your tables'] li", { hasText: `code ${code}` });
    await row.locator(".pill:text-is('Waiting')").waitFor();

    // Someone takes the US seat with the code (the table starts), then plays on: the list follows
    // the table when the page is looked at again, not the round it had when it was first drawn.
    const tables = (await (await fetch(`${e2e.url}/api/join/${code.replace("-", "")}`)).json()) as { matchId: string };
    const us = await Player.join(e2e.url, tables.matchId, { role: "delegation", delegation: "us", code }, "us");
    await us.waitFor(() => us.state.phase === "running", "the start");
    const refreshed = async (round: number) => {
      await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
      await row.locator(`[data-round="${round}"]`).waitFor();
    };
    await refreshed(us.state.round);
    const first = us.state.round;
    // Pass whenever it is our move, until the round has moved on.
    while (us.state.round === first && us.state.phase === "running") {
      await us.waitFor(() => us.state.turn === "us" || us.state.round !== first || us.state.phase !== "running", "our move");
      if (us.state.turn === "us" && us.state.round === first) await us.act("pass", {});
    }
    expect(us.state.round).toBeGreaterThan(first);
    await refreshed(us.state.round);
    await us.leave();
    expect(e2e.pageErrors).toEqual([]);
  }, 120_000);
});
