// End to end in headless Chromium against a real server (`node bin/server.js`): solo practice to
// the debrief, three people at one SCO table with private talk and a vote, a reload that keeps the
// seat, and a facilitator who pauses and fires an inject. Screenshots of the key screens go to
// test-artifacts/e2e/.
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clickConfirming, chromiumPath, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";

if (!hasChromium && !CI) {
  console.warn(`e2e: skipped — no Chromium at ${chromiumPath} (install Debian's chromium package, or set CHROMIUM_PATH)`);
}

interface ScenarioInfo {
  id: string;
  delegations: { id: string; name: string }[];
}

/** The table's version as the page shows it (data-version on the match screen). */
async function version(page: Page): Promise<number> {
  return Number((await page.locator(".match").getAttribute("data-version")) ?? "0");
}

/** Wait until the page has seen a table version beyond `v`. */
async function versionAbove(page: Page, v: number): Promise<void> {
  await page.waitForFunction((seen) => Number(document.querySelector(".match")?.getAttribute("data-version") ?? "0") > seen, v, { timeout: 45_000 });
}

async function openTable(page: Page): Promise<void> {
  await page.waitForSelector("#go-to-table");
  await page.click("#go-to-table");
  await page.waitForSelector(".canvas-wrap canvas", { timeout: 45_000 });
}

/** Solo: the clock waits on the briefing until the player says "I'm ready"; then the table opens. */
async function ready(page: Page): Promise<void> {
  await page.waitForSelector("#briefing-ready");
  await page.click("#briefing-ready");
  await page.waitForSelector(".canvas-wrap canvas", { timeout: 45_000 });
}

async function say(page: Page, channel: "public" | "private" | "team", text: string, to?: string): Promise<void> {
  await page.click("#tab-talk");
  await page.click(`#chat-tab-${channel}`);
  if (to) await page.selectOption(".composer select", to);
  await page.fill(".composer textarea", text);
  await page.click("#chat-send");
  await page.waitForSelector(`.messages .msg.mine:has-text(${JSON.stringify(text)})`);
}

describe.skipIf(!hasChromium && !CI)("the web client in Chromium", () => {
  let e2e: E2E;
  let scenarios: ScenarioInfo[] = [];
  const name = (scenario: string, delegation: string) =>
    scenarios.find((s) => s.id === scenario)!.delegations.find((d) => d.id === delegation)!.name;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    e2e = await startE2E();
    scenarios = ((await (await fetch(`${e2e.url}/api/scenarios`)).json()) as { scenarios: ScenarioInfo[] }).scenarios;
  }, 180_000);

  afterEach(async () => {
    await e2e?.closePeople();
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it("solo practice: a US–China game against a bot, a proposal from the builder, to the debrief with the frontier", async () => {
    const { page } = await e2e.person();
    await page.goto(`${e2e.url}/#/practise`);
    await page.waitForSelector("#solo-start");
    await page.fill("#player-name", "Amina Rahman");
    await page.selectOption("#solo-scenario", "us-china-2015");
    await page.selectOption("#solo-delegation", "us");
    await page.check("input[name=solo-difficulty][value=easy]");
    await e2e.shot(page, "1-home", true);
    await page.click("#solo-start");

    // The briefing: public situation, the private brief, the priorities and the walk-away point.
    await page.waitForSelector(".private-brief-text");
    expect((await page.textContent(".private-brief-text"))!.length).toBeGreaterThan(100);
    await expect(page.locator(".walkaway .big").textContent()).resolves.toMatch(/\d+ points/);
    await e2e.shot(page, "1-briefing");
    await ready(page);

    // The proposal builder: the draft's utility follows the options picked.
    await page.waitForSelector("#builder-submit:not([disabled])", { timeout: 45_000 });
    await page.click("text=Use your ideal package");
    const ideal = Number(await page.textContent("#draft-utility"));
    const first = page.locator(".builder fieldset").first();
    const worths = await first.locator(".worth > span:first-child").allTextContents();
    const worst = worths.map(Number).indexOf(Math.min(...worths.map(Number)));
    await first.locator("input[type=radio]").nth(worst).check();
    const lower = Number(await page.textContent("#draft-utility"));
    expect(lower).toBeLessThan(ideal);
    await page.click("text=Use your ideal package");
    expect(Number(await page.textContent("#draft-utility"))).toBe(ideal);
    const submit = (await page.textContent("#builder-submit"))!;
    const before = await version(page);
    await page.click("#builder-submit");
    await versionAbove(page, before);
    await page.click("#tab-log");
    await page.waitForSelector(`.log li:has-text("United States ${submit.startsWith("Counter") ? "made a counter-proposal" : "proposed a package"}")`);
    await page.click("#tab-negotiate");
    await e2e.shot(page, "1-table");

    // Play on: accept the bot's offer once it beats our walk-away point; until then, counter — with
    // our ideal package at first, later with their package minus our red lines.
    for (let turn = 0; turn < 40; turn++) {
      await page.waitForSelector("#debrief-title, #move-accept:not([disabled]), #builder-submit:not([disabled])", { timeout: 45_000 });
      if (await page.locator("#debrief-title").count()) break;
      const v = await version(page);
      const worthIt = await page.locator(".offer-block .verdict.good").count();
      if ((await page.locator("#move-accept:not([disabled])").count()) && (worthIt || turn >= 10)) {
        await clickConfirming(page, "#move-accept");
      } else {
        await page.click(turn < 6 ? "text=Use your ideal package" : "text=Use the package on the table");
        await clickConfirming(page, "#builder-submit");
      }
      await versionAbove(page, v);
    }

    // The debrief, with the Pareto frontier drawn from the revealed profiles.
    await page.waitForSelector("#debrief-title", { timeout: 45_000 });
    const frontier = page.locator("#debrief-chart svg polyline.frontier");
    await frontier.waitFor();
    expect((await frontier.getAttribute("points"))!.split(" ").length).toBeGreaterThan(1);
    // What happened in 2015 is marked beside the players' deal.
    await page.locator("#debrief-chart svg.chart > .marker.historical").waitFor();
    await expect(page.locator("#my-utility").textContent()).resolves.toMatch(/^\d+$/);
    await expect(page.locator("#value-left").textContent()).resolves.toBeTruthy();
    await page.waitForSelector("#replay-slider");
    await e2e.shot(page, "1-debrief", true);
    expect(e2e.pageErrors).toEqual([]);
  }, 180_000);

  it("three people join one SCO table by code, talk privately, and vote on a package", async () => {
    const sco = "sco-code-of-conduct-2015";
    const { page: fac } = await e2e.person();
    await fac.goto(`${e2e.url}/#/practise`);
    await fac.waitForSelector("#create-submit");
    await fac.fill("#player-name", "Ms Okafor");
    await fac.selectOption("#create-scenario", sco);
    for (const bot of ["eu", "india", "brazil"]) await fac.selectOption(`select[data-delegation="${bot}"]`, "easy");
    await fac.click("#create-submit");
    const code = (await fac.locator("#fac-join-code").textContent())!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const seats = [
      { id: "china", person: "Li Wei" },
      { id: "russia", person: "Olga Petrova" },
      { id: "united-states", person: "Sam Carter" },
    ];
    const players: { id: string; page: Page }[] = [];
    for (const seat of seats) {
      const { page } = await e2e.person();
      await page.goto(`${e2e.url}/#/join`);
      await page.fill("#player-name", seat.person);
      await page.fill("#join-code", code.toLowerCase());
      await page.click("#join-find");
      await page.getByRole("button", { name: `Sit at ${name(sco, seat.id)}` }).click();
      await openTable(page);
      players.push({ id: seat.id, page });
    }
    const [china, russia, usa] = players.map((p) => p.page) as [Page, Page, Page];
    // Everyone played by people is seated: the table starts by itself.
    await fac.waitForSelector("#fac-phase:has-text('Running')");
    await e2e.shot(fac, "2-facilitator");

    // A private message from China to Russia; the United States must not see it.
    const secret = "Between us (code word JADE HERON): we can give ground on capacity building.";
    await say(china, "private", secret, "russia");
    await russia.click("#tab-talk");
    await russia.click("#chat-tab-private");
    await russia.waitForSelector(`.messages .msg:has-text(${JSON.stringify(secret)})`);
    await e2e.shot(russia, "2-private-message");
    const statement = "China welcomes every delegation's proposals on a code of conduct.";
    await say(china, "public", statement);
    await usa.click("#tab-talk");
    await usa.waitForSelector(`.messages .msg:has-text(${JSON.stringify(statement)})`);
    expect(await usa.content()).not.toContain("JADE HERON");
    await usa.click("#chat-tab-private");
    await expect(usa.locator(".messages .msg").count()).resolves.toBe(0);
    for (const p of [china, russia, usa]) await p.click("#tab-negotiate");

    // Vote: each person votes when a package is tabled (and tables one when it is their round).
    const voted = new Set<string>();
    const proposed = new Set<string>();
    const ACTION = "#move-vote-accept:not([disabled]), #move-vote-reject:not([disabled]), #builder-submit:not([disabled])";
    for (let step = 0; step < 30 && voted.size < 3; step++) {
      const waiting = players.filter((p) => !voted.has(p.id));
      // Whoever can act first; or the end of the negotiation (a package adopted).
      const ready = await Promise.race([
        ...waiting.map((p) => p.page.waitForSelector(ACTION, { timeout: 45_000 }).then(() => p, () => null)),
        fac.waitForSelector("#fac-phase:has-text('Ended')", { timeout: 45_000 }).then(() => null, () => null),
      ]);
      if (!ready) break;
      const v = await version(ready.page);
      if (await ready.page.locator("#move-vote-accept:not([disabled])").count()) {
        if (voted.size === 1) await e2e.shot(ready.page, "2-vote");
        await clickConfirming(ready.page, "#move-vote-accept");
        voted.add(ready.id);
      } else if (await ready.page.locator("#move-vote-reject:not([disabled])").count()) {
        await ready.page.click("#move-vote-reject");
        voted.add(ready.id);
      } else {
        await ready.page.click("text=Use your ideal package");
        await ready.page.click("#builder-submit");
        proposed.add(ready.id);
      }
      await versionAbove(ready.page, v);
    }
    expect(voted.size).toBeGreaterThanOrEqual(2);
    if (await fac.locator(".match[data-phase='ended']").count()) {
      // A package was adopted: everyone is in the debrief, with one bar per delegation.
      await fac.waitForSelector("#debrief-chart svg");
      await e2e.shot(fac, "2-debrief", true);
      await fac.click("#nav-table");
    }
    await fac.click("#tab-log");
    await fac.waitForSelector(`.log li:has-text("${name(sco, [...voted][0]!)} voted to")`);
    await e2e.shot(fac, "2-facilitator-log");
    expect(e2e.pageErrors).toEqual([]);
  }, 180_000);

  it("a reload mid-game brings back the same seat with its private brief (on a phone screen)", async () => {
    const { page } = await e2e.person({ width: 390, height: 844 });
    await page.goto(`${e2e.url}/#/practise`);
    await page.waitForSelector("#solo-start");
    await e2e.shot(page, "3-phone-home", true);
    await page.selectOption("#solo-scenario", "us-china-2015");
    await page.selectOption("#solo-delegation", "china");
    await page.check("input[name=solo-difficulty][value=medium]");
    await page.click("#solo-start");
    await page.waitForSelector(".private-brief-text");
    await e2e.shot(page, "3-phone-briefing");
    await ready(page);
    // One move each way, so the game is truly under way.
    await page.waitForSelector("#move-accept, #builder-submit:not([disabled])", { timeout: 45_000 });
    const v = await version(page);
    await page.click("text=Use your ideal package");
    await page.click("#builder-submit");
    await versionAbove(page, v);
    await page.evaluate(() => window.scrollTo(0, 0));
    await e2e.shot(page, "3-phone-table");

    await page.click("#tab-brief");
    const brief = (await page.textContent("#tab-brief ~ .tabpanel .private-brief-text, .tabpanel:not([hidden]) .private-brief-text"))!;
    expect(brief.length).toBeGreaterThan(100);
    const url = page.url();
    const moves = await version(page);

    await page.reload();
    await page.waitForSelector(".canvas-wrap canvas", { timeout: 45_000 });
    await page.waitForSelector("#status-connection:has-text('Connected')");
    expect(page.url()).toBe(url);
    await expect(page.locator(".statusbar").textContent()).resolves.toContain(`You: ${name("us-china-2015", "china")}`);
    expect(await version(page)).toBeGreaterThanOrEqual(moves);
    await page.click("#tab-brief");
    const after = (await page.textContent(".tabpanel:not([hidden]) .private-brief-text"))!;
    expect(after).toBe(brief);
    await page.evaluate(() => {
      document.querySelector(".tabpanel:not([hidden]) #private-brief-title")?.scrollIntoView();
      window.scrollBy(0, -130);
    });
    await e2e.shot(page, "3-phone-after-reload");
    expect(e2e.pageErrors).toEqual([]);
  }, 180_000);

  it("the facilitator pauses a table and fires an inject; the player sees both", async () => {
    const sco = "sco-code-of-conduct-2015";
    const { page: fac } = await e2e.person();
    await fac.goto(`${e2e.url}/#/practise`);
    await fac.waitForSelector("#create-submit");
    await fac.selectOption("#create-scenario", sco);
    for (const bot of ["russia", "united-states", "eu", "india", "brazil"]) await fac.selectOption(`select[data-delegation="${bot}"]`, "medium");
    await fac.click("#create-submit");
    const code = (await fac.locator("#fac-join-code").textContent())!;

    const { page: player } = await e2e.person();
    await player.goto(`${e2e.url}/#/join`);
    await player.fill("#player-name", "Li Wei");
    await player.fill("#join-code", code);
    await player.click("#join-find");
    await player.getByRole("button", { name: `Sit at ${name(sco, "china")}` }).click();
    await openTable(player);
    await player.waitForSelector(".match[data-phase='running']");

    // The facilitator's view of the tables they created.
    await fac.click("#nav-leave");
    await fac.waitForSelector("#open-dashboard");
    await fac.click("#open-dashboard");
    await fac.waitForSelector("#fac-pause");
    await fac.click("#fac-pause");
    await player.waitForSelector("#banner-paused");
    await player.waitForSelector(".match[data-phase='paused']");
    await expect(player.locator("#status-turn").textContent()).resolves.toBe("Paused");

    await fac.getByLabel("Inject").selectOption("schrems");
    await fac.click("#fac-fire");
    const news = player.locator('[data-banner="news:schrems"]');
    await news.waitFor();
    const title = (await news.locator("strong").textContent())!;
    expect(title.length).toBeGreaterThan(3);
    await fac.waitForSelector("#fac-resume");
    await e2e.shot(fac, "4-facilitator-dashboard", true);
    await e2e.shot(player, "4-player-paused-with-news");
    await player.click("#tab-log");
    await player.waitForSelector(`.log li.kind-news:has-text(${JSON.stringify(title)})`);

    await fac.click("#fac-resume");
    await player.waitForSelector(".match[data-phase='running']");
    await expect(player.locator("#banner-paused").count()).resolves.toBe(0);
    expect(e2e.pageErrors).toEqual([]);
  }, 180_000);
});
