// Drills in Chromium (issue 18): the list at #/practice, one line per drill; "find the trade" played
// to its score through the page — splitting the difference is offered and refused, the trade on the
// exact frontier (worked out here in Node from the same scenario) is accepted and scores 100 — and
// recorded in the ladder; the page says the drill's points are invented; on a phone, taking a
// Boulware's opening offer breaks the walk-away (0), and a "read" drill's true ranking scores 100.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadScenarioFile, scenariosDir } from "../../server/scenarios.ts";
import { DRILLS } from "../../shared/drills/catalog.ts";
import { drillCompromise, drillScenario, frontierDistance, NEAR_FRONTIER, truePriorities } from "../../shared/drills/drill.ts";
import { DrillGame } from "../../shared/drills/play.ts";
import type { Package, Scenario } from "../../shared/scenario/schema.ts";
import { chromiumPath, clickConfirming, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";

function drill(id: string): { scenario: Scenario; game: DrillGame } {
  const def = DRILLS.find((d) => d.id === id)!;
  const r = loadScenarioFile(join(scenariosDir, def.scenario));
  if (!r.ok) throw new Error(r.errors.join("\n"));
  const scenario = drillScenario(r.scenario, def);
  return { scenario, game: new DrillGame(scenario, def, 1) };
}

/** The learner's best package the frontier partner takes: on the frontier, worth its walk-away to the partner. */
function bestTrade(id: string): Package {
  const { scenario, game } = drill(id);
  let all: Package[] = [{}];
  for (const issue of scenario.issues) all = all.flatMap((p) => issue.options.map((o) => ({ ...p, [issue.id]: o.id })));
  const r1 = scenario.delegations[1]!.profile.reservationValue;
  const ok = all.filter((p) => frontierDistance(game.ds, p) <= NEAR_FRONTIER && game.utilities(p)[1]! >= r1);
  return ok.reduce((a, b) => (game.utilities(b)[0]! > game.utilities(a)[0]! ? b : a));
}

async function choose(page: Page, pkg: Package): Promise<void> {
  for (const [issue, option] of Object.entries(pkg)) await page.selectOption(`select.drill-option[data-issue="${issue}"]`, option);
}

async function noSideways(page: Page): Promise<void> {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll).toBeLessThanOrEqual(width);
}

describe.skipIf(!hasChromium && !CI)("drills", () => {
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

  it("lists every drill, and plays \"find the trade\" to its score: the compromise is countered, the frontier trade scores 100 and is recorded", async () => {
    const { page } = await e2e.person({ width: 1366, height: 768 });
    await page.goto(e2e.url);
    await page.click("#link-drills");
    await page.waitForSelector(".drill-list li[data-drill]");
    expect(await page.locator(".drill-list li[data-drill]").count()).toBe(DRILLS.length);
    const sides = drill("us-china-2015.trade").scenario.delegations.map((d) => d.name);
    await expect(page.locator(".drill-list li[data-drill='us-china-2015.trade']").textContent()).resolves.toContain(`You are ${sides[0]}, facing ${sides[1]}`);
    await expect(page.locator(".hero p").first().textContent()).resolves.toContain("Its points are invented for the drill, never the delegations' own in the scenario.");
    await expect(page.locator(".drill-list li[data-drill='us-china-2015.trade']").textContent()).resolves.toContain("Not tried yet");
    await e2e.shot(page, "drill-list");

    await page.click(".drill-list li[data-drill='us-china-2015.trade'] a");
    await page.waitForSelector("#drill-title");
    await expect(page.locator("#drill-title").textContent()).resolves.toBe("Find the trade");
    await expect(page.locator("#drill-invented").textContent()).resolves.toBe("The points in this drill are invented for practice: they are not these two delegations' real priorities in the scenario.");

    // Split the difference: the partner does not take it, it offers the same compromise back.
    const { scenario, game } = drill("us-china-2015.trade");
    const compromise = drillCompromise(scenario);
    await choose(page, compromise);
    await expect(page.locator("#drill-draft-worth").textContent()).resolves.toBe(`Your package is worth ${Math.round(game.utilities(compromise)[0]! * 100)} points to you`);
    await page.click("#drill-propose");
    await page.waitForSelector("#drill-offer");
    await expect(page.locator("#drill-offer-worth").textContent()).resolves.toContain(`Worth ${Math.round(game.utilities(compromise)[0]! * 100)} points to you`);
    await expect(page.locator("#drill-moves li").count()).resolves.toBe(2);
    await expect(page.locator("#drill-score-card").count()).resolves.toBe(0);
    await e2e.shot(page, "drill-1-countered");

    // The trade on the frontier: accepted, scored 100, with the idea it teaches.
    const trade = bestTrade("us-china-2015.trade");
    await choose(page, trade);
    await page.click("#drill-propose");
    await page.waitForSelector("#drill-score-card");
    await expect(page.locator("#drill-score").getAttribute("data-score")).resolves.toBe("100");
    await expect(page.locator("#drill-score-card").textContent()).resolves.toContain("Distance to the Pareto frontier: 0 points");
    await expect(page.locator("#drill-idea").textContent()).resolves.toContain("Logrolling");
    await expect(page.locator("#drill-propose").count()).resolves.toBe(0);
    await noSideways(page);
    await e2e.shot(page, "drill");

    // Recorded in this browser's ladder, and shown on the list as the best so far.
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("accord:ladder") ?? "null"));
    expect(stored.entries).toHaveLength(1);
    expect(stored.entries[0]).toMatchObject({ kind: "drill", drill: "us-china-2015.trade", idea: "trade", score: 100, agreement: true, seed: 1 });
    await page.click("text=Another drill");
    await page.waitForSelector(".drill-list li[data-drill]");
    await expect(page.locator(".drill-list li[data-drill='us-china-2015.trade']").textContent()).resolves.toContain("Best so far: 100");
    expect(e2e.pageErrors).toEqual([]);
  });

  it("on a phone: accepting a Boulware's opening offer breaks the walk-away (0); a true ranking of priorities scores 100", async () => {
    const { page } = await e2e.person({ width: 390, height: 844 });
    await page.goto(`${e2e.url}/#/practice/us-china-2015.hold`);
    await page.waitForSelector("#drill-offer");
    await expect(page.locator("#drill-offer-worth").textContent()).resolves.toContain("Below your walk-away");
    await noSideways(page);
    await page.click("#drill-accept");
    await page.waitForSelector("#drill-score-card");
    await expect(page.locator("#drill-score").getAttribute("data-score")).resolves.toBe("0");
    await expect(page.locator("#drill-score-card").textContent()).resolves.toContain("You signed below your walk-away.");
    await noSideways(page);
    await page.evaluate(() => {
      document.querySelector("#drill-score-card")?.scrollIntoView();
      window.scrollBy(0, -110);
    });
    await e2e.shot(page, "drill-phone");

    // Walking away instead holds it: 40.
    await page.click("#drill-again");
    await page.waitForSelector("#drill-walk");
    await clickConfirming(page, "#drill-walk");
    await page.waitForSelector("#drill-score-card");
    await expect(page.locator("#drill-score").getAttribute("data-score")).resolves.toBe("40");

    await page.goto(`${e2e.url}/#/practice/us-china-2015.read`);
    await page.waitForSelector("#drill-rank-submit");
    const truth = truePriorities(drill("us-china-2015.read").scenario);
    for (let n = 0; n < 3; n++) await page.selectOption(`#drill-rank-${n + 1}`, truth[n]!);
    await page.click("#drill-rank-submit");
    await page.waitForSelector("#drill-score-card");
    await expect(page.locator("#drill-score").getAttribute("data-score")).resolves.toBe("100");
    await expect(page.locator("#drill-score-card").textContent()).resolves.toContain("3 of 3 in their right place.");
    await noSideways(page);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("accord:ladder") ?? "null"));
    expect(stored.entries.map((e: { idea: string; score: number }) => `${e.idea}:${e.score}`)).toEqual(["hold:0", "hold:40", "read:100"]);
    expect(e2e.pageErrors).toEqual([]);
  });

  it("in Bangla: a language switch mid-drill keeps the game and redraws its words, the scenario's own in Bangla", async () => {
    const { page } = await e2e.person({ width: 390, height: 844 });
    await page.goto(`${e2e.url}/#/practice/us-china-2015.trade`);
    await page.waitForSelector("#drill-propose");
    await page.click("#drill-propose");
    await page.waitForSelector("#drill-offer");
    await expect(page.locator("#drill-moves li").count()).resolves.toBe(2);
    await page.selectOption("#locale-select", "bn");
    await page.waitForFunction(() => document.querySelector("#drill-title")?.textContent === "বিনিময়ের সুযোগ খুঁজুন");
    // The same game: its two moves, now in Bangla (the issues' titles from the scenario's Bangla overlay).
    await expect(page.locator("#drill-moves li").count()).resolves.toBe(2);
    const issue = (await page.locator(`label[for='drill-option-${DRILLS.find((d) => d.id === "us-china-2015.trade")!.issues[0]}'] strong`).textContent())!;
    expect(issue).toMatch(/[\u0980-\u09FF]/);
    await expect(page.locator("#drill-propose").textContent()).resolves.toBe("আপনার প্যাকেজ দিয়ে পাল্টা প্রস্তাব দিন");
    await expect(page.locator("#nav-progress").textContent()).resolves.toBe("আপনার অগ্রগতি");
    await noSideways(page);
    await e2e.shot(page, "drill-bn", true);
    expect(e2e.pageErrors).toEqual([]);
  });
});
