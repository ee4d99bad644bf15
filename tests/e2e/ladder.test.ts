// The ladder in Chromium (issue 18): three short solo games against bots, played through the page
// (walk away, take the bots' offer, walk away), each recorded by the debrief in this browser; the
// progress page then lists the three games with a plot and the next suggestion; the record is
// exported as a file, cleared, refused when a field is wrong (one sentence: what and where), and
// imported back.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, clickConfirming, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";

async function stored(page: Page): Promise<{ format: string; version: number; entries: { kind: string; id: string; agreement: boolean; difficulty: string; scenario: string; delegation: string; advantage: number }[] } | null> {
  return page.evaluate(() => JSON.parse(localStorage.getItem("accord:ladder") ?? "null"));
}

/** One solo game from the practise page to its debrief: `plan` is what the player does at its first move. */
async function soloGame(page: Page, url: string, delegation: string, level: string, plan: "walk" | "accept"): Promise<string> {
  await page.goto(`${url}/#/practise`);
  await page.waitForSelector("#solo-start");
  await page.selectOption("#solo-scenario", "us-china-2015");
  await page.selectOption("#solo-delegation", delegation);
  await page.check(`input[name=solo-difficulty][value=${level}]`);
  await page.click("#solo-start");
  await page.waitForSelector("#briefing-ready");
  await page.click("#briefing-ready");
  for (let turn = 0; turn < 40; turn++) {
    await page.waitForSelector("#debrief-title, #move-accept:not([disabled]), #builder-submit:not([disabled])");
    if (await page.locator("#debrief-title").count()) break;
    const v = Number((await page.locator(".match").getAttribute("data-version")) ?? "0");
    if (plan === "accept" && (await page.locator("#move-accept:not([disabled])").count())) await clickConfirming(page, "#move-accept");
    else if (plan === "walk") await clickConfirming(page, "#move-walk-away");
    else {
      await page.click("text=Use the package on the table");
      await clickConfirming(page, "#builder-submit");
    }
    await page.waitForFunction((seen) => Number(document.querySelector(".match")?.getAttribute("data-version") ?? "0") > seen, v);
  }
  await page.waitForSelector("#debrief-title");
  await page.waitForSelector("#debrief-progress");
  return (await page.locator("#my-utility").textContent())!;
}

describe.skipIf(!hasChromium && !CI)("the ladder", () => {
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

  it("records three solo games; the progress page lists them with a plot and a suggestion; export, clear, a bad file refused, import", async () => {
    const { page } = await e2e.person({ width: 1366, height: 768 });
    await page.goto(e2e.url);
    await page.click("#link-progress");
    await page.waitForSelector("#progress-empty");
    await expect(page.locator("#suggestion").getAttribute("data-kind")).resolves.toBe("first");

    await soloGame(page, e2e.url, "us", "easy", "walk");
    await page.waitForFunction(() => JSON.parse(localStorage.getItem("accord:ladder") ?? "{}").entries?.length === 1);
    const dealPoints = await soloGame(page, e2e.url, "china", "easy", "accept");
    await page.waitForFunction(() => JSON.parse(localStorage.getItem("accord:ladder") ?? "{}").entries?.length === 2);
    await soloGame(page, e2e.url, "us", "medium", "walk");
    await page.waitForFunction(() => JSON.parse(localStorage.getItem("accord:ladder") ?? "{}").entries?.length === 3);
    // A debrief shown again (a reload) does not record its game twice.
    await page.reload();
    await page.waitForSelector("#debrief-progress");
    const ladder = (await stored(page))!;
    expect(ladder.entries).toHaveLength(3);
    expect(ladder.entries.map((e) => `${e.kind} ${e.scenario} ${e.delegation} ${e.difficulty} ${e.agreement}`)).toEqual([
      "game us-china-2015 us easy false",
      "game us-china-2015 china easy true",
      "game us-china-2015 us medium false",
    ]);
    // What the debrief showed is what was recorded.
    expect(String(Math.round((ladder.entries[1] as unknown as { utility: number }).utility * 100))).toBe(dealPoints);
    expect(ladder.entries[1]!.advantage).not.toBe(0);

    // The progress page: three games, a plot with three points, the suggestion and its reason.
    await page.click("#debrief-progress");
    await page.waitForSelector("#ladder-games");
    await expect(page.locator("#ladder-games tbody tr").count()).resolves.toBe(3);
    await expect(page.locator("#progress-plot .point.game").count()).resolves.toBe(3);
    await expect(page.locator("#ladder-games tbody tr").first().textContent()).resolves.toContain("Medium");
    // Not two good games in a row, and no drill yet: the first idea to drill.
    await expect(page.locator("#suggestion").getAttribute("data-kind")).resolves.toBe("drill");
    await expect(page.locator("#suggestion-text").textContent()).resolves.toBe("You have not drilled this idea yet: Find the trade.");
    await expect(page.locator("#suggestion-go").getAttribute("href")).resolves.toBe("#/practice/us-china-2015.trade");
    await e2e.shot(page, "ladder", true);

    // Export: the file is the record.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#ladder-export")]);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, "utf8"));
    expect(exported).toEqual(ladder);

    // Clear.
    await clickConfirming(page, "#ladder-clear");
    await page.waitForSelector("#progress-empty");
    expect(await stored(page)).toBeNull();

    // A file with one wrong field is refused, saying what and where; nothing is imported.
    const bad = structuredClone(exported);
    bad.entries[1].advantage = "high";
    await page.setInputFiles("#ladder-import", { name: "bad.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
    await page.waitForSelector("#ladder-notice");
    await expect(page.locator("#ladder-notice").textContent()).resolves.toBe("The file was not imported: entries[1].advantage has the wrong kind of value");
    expect(await stored(page)).toBeNull();
    await page.setInputFiles("#ladder-import", { name: "notes.json", mimeType: "application/json", buffer: Buffer.from("not a file of ours") });
    await page.waitForFunction(() => document.querySelector("#ladder-notice")?.textContent?.includes("it is not a JSON file"));

    // Import the exported file back: the same three games.
    await page.setInputFiles("#ladder-import", file);
    await page.waitForFunction(() => document.querySelector("#ladder-notice")?.textContent === "Imported: 3 new entries.");
    await expect(page.locator("#ladder-games tbody tr").count()).resolves.toBe(3);
    await expect(page.locator("#progress-plot .point.game").count()).resolves.toBe(3);
    expect(await stored(page)).toEqual(ladder);

    // On a phone: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scroll).toBeLessThanOrEqual(width);
    await e2e.shot(page, "ladder-phone", true);
    expect(e2e.pageErrors).toEqual([]);
  }, 400_000);
});
