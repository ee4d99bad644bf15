// The facilitator's class dashboard for a real class, in headless Chromium against a real server:
// twelve tables on one 1366×768 screen (bots play, slowly enough to watch), the class clock
// counting down on the facilitator's dashboard and on a waiting student's screen during the
// preparation and the negotiation, a seat nobody came to flagged and sorted first, a table opened
// from its row, confirmations before an inject at every table and before ending the talks, and
// the class debrief's chart within the screen with its labels clear of the frontier.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, clickConfirming, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";
const SCREEN = { width: 1366, height: 768 };

/** Seconds shown in an "m:ss" clock text. */
function seconds(text: string): number {
  const m = /(\d+):(\d\d)/.exec(text);
  if (!m) throw new Error(`no clock in ${JSON.stringify(text)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The clock's text now, then wait (for the page's own ticking, not a sleep) until it shows less time. */
async function clockMoves(page: Page, selector: string): Promise<{ before: number; after: number }> {
  const before = (await page.locator(selector).textContent())!;
  await page.waitForFunction(
    ([sel, was]) => {
      const now = document.querySelector(sel)?.textContent ?? "";
      return now !== was && /\d+:\d\d/.test(now);
    },
    [selector, before] as const,
    { timeout: 20_000 },
  );
  const after = (await page.locator(selector).textContent())!;
  return { before: seconds(before), after: seconds(after) };
}

if (!hasChromium && !CI) console.warn(`e2e class dashboard: skipped — no Chromium at ${chromiumPath}`);

describe.skipIf(!hasChromium && !CI)("the class dashboard for a class of twelve tables", () => {
  let e2e: E2E;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}`);
    // Bots take a few seconds a move, so the tables are still talking while we look at them.
    e2e = await startE2E({ BOT_DELAY_MS: "4000" });
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it("twelve tables on one screen, the clock moving, attention first, a table opened, confirmations, the debrief chart", async () => {
    const { page: fac } = await e2e.person(SCREEN);
    await fac.goto(`${e2e.url}/#/teach`);
    await fac.waitForSelector("#class-create");
    await fac.selectOption("#class-scenario", "us-china-2015");
    await fac.selectOption("#class-layout", "count");
    await fac.fill("#class-tables", "12");
    await fac.fill("#class-prep", "2");
    await fac.fill("#class-minutes", "10");
    await fac.click("#class-create");
    const code = (await fac.locator("#class-code-value").textContent())!;
    // The gathering has no clock: its header says what happens instead.
    await expect(fac.locator("#class-clock").textContent()).resolves.toBe("Students are joining with the class code.");

    // A student who is never seated keeps the waiting screen (and its clock) through the class.
    const { page: waiting } = await e2e.person();
    await waiting.goto(`${e2e.url}/#/join/class/${code}`);
    await waiting.fill("#class-name", "Wren Waiting");
    await waiting.click("#class-join-submit");
    await waiting.waitForSelector("#class-place:has-text('Waiting for the facilitator')");
    // A student seated at table 5 who leaves before the talks: a seat with no one.
    const { context: goneCtx, page: gone } = await e2e.person();
    await gone.goto(`${e2e.url}/#/join/class/${code}`);
    await gone.fill("#class-name", "Gus Gone");
    await gone.click("#class-join-submit");
    await gone.waitForSelector("#class-place");
    await fac.waitForFunction(() => document.querySelectorAll("#class-student-list [data-student-row]").length === 2);
    const gus = await fac.locator("#class-student-list [data-student-row]:has-text('Gus Gone') select").getAttribute("data-student");
    await fac.selectOption(`select[data-student="${gus}"]`, "5/us");
    await gone.waitForSelector("#class-place:has-text('table 5')");
    await goneCtx.close();

    // Preparation, 2 minutes: the clock counts down on both screens.
    await fac.click("[data-phase-to=preparation]");
    await fac.waitForSelector("#class-phase[data-phase=preparation]");
    const prep = await clockMoves(fac, "#class-clock");
    expect(prep.before).toBeLessThanOrEqual(120);
    expect(prep.after).toBeLessThan(prep.before);
    await waiting.waitForSelector("#class-waiting:has-text('Preparation')");
    const prepStudent = await clockMoves(waiting, "#class-clock");
    expect(prepStudent.before).toBeLessThanOrEqual(120);
    expect(prepStudent.after).toBeLessThan(prepStudent.before);
    await e2e.shot(waiting, "class-waiting-preparation");

    // Negotiation, 10 minutes: bots take the seats nobody holds; the clocks count down again.
    await fac.click("[data-phase-to=negotiation]");
    await fac.waitForSelector("#class-phase[data-phase=negotiation]");
    const talk = await clockMoves(fac, "#class-clock");
    expect(talk.before).toBeLessThanOrEqual(600);
    expect(talk.before).toBeGreaterThan(540);
    expect(talk.after).toBeLessThan(talk.before);
    await waiting.waitForSelector("#class-waiting:has-text('Negotiation')");
    const talkStudent = await clockMoves(waiting, "#class-clock");
    expect(talkStudent.before).toBeLessThanOrEqual(600);
    expect(talkStudent.after).toBeLessThan(talkStudent.before);
    await e2e.shot(fac, "class-dashboard-negotiation-top");

    // Twelve rows, all running, on one 1366×768 screen under the class controls.
    await fac.waitForFunction(() => document.querySelectorAll("#class-table-rows [data-table-phase=running]").length === 12, undefined, { timeout: 45_000 });
    // Table 5's US seat: its student never came. It is flagged and sorted first.
    await fac.waitForSelector("#class-table-rows tbody tr[data-table='5'][data-attention~='empty']");
    await expect(fac.locator("#class-table-rows tbody tr[data-table]").first().getAttribute("data-table")).resolves.toBe("5");
    await expect(fac.locator("#class-table-rows tr[data-table='5'] [data-flag=empty]").textContent()).resolves.toContain("no one at");
    // The bots table packages: each delegation's value of the offer shows in points.
    await fac.waitForFunction(() => [...document.querySelectorAll("#class-table-rows [data-value]")].some((e) => /^\d+ pts$/.test(e.textContent ?? "")), undefined, { timeout: 45_000 });
    await fac.evaluate(() => document.querySelector("#class-tables")!.scrollIntoView({ block: "start" }));
    const fit = await fac.evaluate(() => {
      const rows = [...document.querySelectorAll("#class-table-rows tbody tr[data-table]")].map((r) => r.getBoundingClientRect());
      // Below the page's sticky header, within the screen's height.
      const header = document.querySelector(".topbar")?.getBoundingClientRect().bottom ?? 0;
      return { rows: rows.length, header, title: document.querySelector("#class-tables-title")!.getBoundingClientRect().top, top: Math.min(...rows.map((r) => r.top)), bottom: Math.max(...rows.map((r) => r.bottom)), width: document.documentElement.scrollWidth };
    });
    expect(fit.rows).toBe(12);
    expect(fit.title).toBeGreaterThanOrEqual(fit.header);
    expect(fit.top).toBeGreaterThanOrEqual(fit.header);
    expect(fit.bottom).toBeLessThanOrEqual(SCREEN.height);
    expect(fit.width).toBeLessThanOrEqual(SCREEN.width);
    await e2e.shot(fac, "class-dashboard-12");

    // Sorted by table number instead; then table 5 opened from its row: its card with the controls and a way to watch it.
    await fac.selectOption("#class-table-sort", "table");
    await expect(fac.locator("#class-table-rows tbody tr[data-table]").first().getAttribute("data-table")).resolves.toBe("1");
    // The rows redraw as the tables move; the sort menu stays the same element and a focused button keeps the focus.
    const sortMenu = await fac.$("#class-table-sort");
    const rowsBefore = await fac.$("#class-table-rows");
    await fac.focus("[data-open-table='3']");
    await fac.waitForFunction((el) => !el!.isConnected, rowsBefore, { timeout: 45_000 });
    await expect(fac.evaluate(() => document.activeElement?.getAttribute("data-open-table"))).resolves.toBe("3");
    await expect(sortMenu!.evaluate((el) => el.isConnected)).resolves.toBe(true);
    await fac.click("[data-open-table='5']");
    const card = fac.locator("[data-detail-table='5']");
    await card.waitFor();
    await expect(card.locator("a:has-text('Watch this table')").count()).resolves.toBe(1);
    await expect(card.locator("td:has-text('Gus Gone')").count()).resolves.toBeGreaterThan(0);
    await e2e.shot(fac, "class-dashboard-12-open");
    // Ending one table asks first: cancelled, it talks on; confirmed, it ends.
    await card.locator("[data-end-table='5']").click();
    await fac.locator(".dialog-backdrop").waitFor();
    await expect(fac.locator(".dialog-backdrop h2").textContent()).resolves.toBe("End the talks at table 5?");
    await fac.click(".dialog-backdrop .btn:not(.btn-primary):not(.btn-danger)");
    await fac.locator(".dialog-backdrop").waitFor({ state: "detached" });
    await expect(fac.locator("#class-table-rows tr[data-table='5'] [data-table-phase]").getAttribute("data-table-phase")).resolves.toBe("running");
    await clickConfirming(fac, "[data-end-table='5']");
    await fac.waitForSelector("#class-table-rows tr[data-table='5'] [data-table-phase=ended]");
    await fac.click("[data-close-table='5']");
    await fac.waitForSelector("[data-detail-table]", { state: "detached" });

    // An inject at every table asks first; cancelling fires nothing, confirming fires it.
    await fac.evaluate(() => window.scrollTo(0, 0));
    await fac.selectOption("#class-inject", "opm-scale");
    await fac.click("#class-inject-all");
    await fac.locator(".dialog-backdrop").waitFor();
    await expect(fac.locator(".dialog-backdrop h2").textContent()).resolves.toContain("every table");
    await e2e.shot(fac, "class-dashboard-confirm-inject");
    await fac.click(".dialog-backdrop .btn:not(.btn-primary):not(.btn-danger)");
    await fac.locator(".dialog-backdrop").waitFor({ state: "detached" });
    await clickConfirming(fac, "#class-inject-all");
    await fac.waitForFunction(() => document.querySelectorAll("#class-table-rows [data-injects~='opm-scale']").length > 0, undefined, { timeout: 45_000 });

    // Ending the talks asks first; cancelling keeps the class talking.
    await fac.click("[data-phase-to=debrief]");
    await fac.locator(".dialog-backdrop").waitFor();
    await expect(fac.locator(".dialog-backdrop h2").textContent()).resolves.toBe("End the talks at every table?");
    await fac.click(".dialog-backdrop .btn:not(.btn-primary):not(.btn-danger)");
    await fac.locator(".dialog-backdrop").waitFor({ state: "detached" });
    await expect(fac.locator("#class-phase").getAttribute("data-phase")).resolves.toBe("negotiation");
    await clickConfirming(fac, "[data-phase-to=debrief]");
    await fac.waitForSelector("#class-phase[data-phase=debrief]");

    // The debrief: twelve diamonds, the chart within the screen, no label on the frontier or on another label.
    await fac.waitForFunction(() => document.querySelectorAll("#class-debrief svg .marker.deal").length === 12, undefined, { timeout: 60_000 }).catch(async (e: unknown) => {
      await e2e.shot(fac, "class-debrief-12-failed", true);
      throw new Error(`${(e as Error).message}\n${await fac.locator("#class-debrief").innerText()}\n${await fac.locator("#class-tables").innerText()}`);
    });
    await fac.evaluate(() => document.querySelector("#class-debrief svg")!.scrollIntoView({ block: "start" }));
    const chart = await fac.evaluate(() => {
      const svg = document.querySelector<SVGSVGElement>("#class-debrief svg")!;
      const box = svg.getBoundingClientRect();
      const labels = [...svg.querySelectorAll<SVGTextElement>(".deal-label")].map((t) => t.getBBox());
      const line = svg.querySelector<SVGPolylineElement>(".frontier");
      const pts = line ? [...line.points].map((p) => [p.x, p.y]) : [];
      // Sample the frontier finely: no sample may fall inside a label's box.
      const samples: number[][] = [];
      for (let i = 1; i < pts.length; i++) for (let k = 0; k <= 20; k++) samples.push([pts[i - 1]![0]! + ((pts[i]![0]! - pts[i - 1]![0]!) * k) / 20, pts[i - 1]![1]! + ((pts[i]![1]! - pts[i - 1]![1]!) * k) / 20]);
      const inside = (b: DOMRect, p: number[]) => p[0]! > b.x && p[0]! < b.x + b.width && p[1]! > b.y && p[1]! < b.y + b.height;
      const onFrontier = labels.filter((b) => samples.some((p) => inside(b, p))).length;
      let overlapping = 0;
      for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
        const [a, b] = [labels[i]!, labels[j]!];
        if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlapping++;
      }
      const tables = [...svg.querySelectorAll(".deal-label")].flatMap((t) => (t.getAttribute("data-label-tables") ?? "").split(" ")).length;
      return { height: box.height, width: box.width, labels: labels.length, tables, onFrontier, overlapping, frontier: pts.length };
    });
    await e2e.shot(fac, "class-debrief-12");
    expect(chart.frontier).toBeGreaterThan(1);
    expect(chart.tables).toBe(12);
    expect(chart.onFrontier).toBe(0);
    expect(chart.overlapping).toBe(0);
    expect(chart.height).toBeLessThanOrEqual(SCREEN.height);
    expect(chart.width).toBeLessThanOrEqual(SCREEN.width);
    expect(e2e.pageErrors).toEqual([]);
  }, 400_000);

  it("ten tables of six delegations on one screen, and their debrief chart within it", async () => {
    const { page: fac } = await e2e.person(SCREEN);
    await fac.goto(`${e2e.url}/#/teach`);
    await fac.waitForSelector("#class-create");
    await fac.selectOption("#class-scenario", "sco-code-of-conduct-2015");
    await fac.selectOption("#class-layout", "count");
    await fac.fill("#class-tables", "10");
    await fac.fill("#class-prep", "0");
    await fac.click("#class-create");
    await fac.waitForSelector("#class-code-value");
    await fac.click("[data-phase-to=negotiation]");
    await fac.waitForFunction(() => document.querySelectorAll("#class-table-rows [data-table-phase=running]").length === 10, undefined, { timeout: 60_000 });
    const toTables = () =>
      fac.evaluate(() => {
        const top = document.querySelector("#class-tables")!.getBoundingClientRect().top;
        window.scrollTo(0, window.scrollY + top - (document.querySelector(".topbar")?.getBoundingClientRect().height ?? 0));
      });
    await toTables();
    // Measured from the card's own top, so the answer does not depend on how far the page below lets it scroll:
    // the card's heading and its ten rows fit between the top bar and the bottom of the screen.
    const fit = await fac.evaluate(() => {
      const rows = [...document.querySelectorAll("#class-table-rows tbody tr[data-table]")].map((r) => r.getBoundingClientRect());
      const header = document.querySelector(".topbar")?.getBoundingClientRect().height ?? 0;
      const card = document.querySelector("#class-tables")!.getBoundingClientRect();
      const table = document.querySelector("#class-table-rows")!.getBoundingClientRect();
      const wrap = document.querySelector("#class-tables .class-rows-wrap")!.getBoundingClientRect();
      return { rows: rows.length, header, top: Math.min(...rows.map((r) => r.top)) - card.top, bottom: Math.max(...rows.map((r) => r.bottom)) - card.top, page: document.documentElement.scrollWidth, table: table.width, wrap: wrap.width };
    });
    expect(fit.rows).toBe(10);
    expect(fit.top).toBeGreaterThan(0);
    expect(fit.header + fit.bottom).toBeLessThanOrEqual(SCREEN.height);
    // Six delegations' columns fit the card: no sideways scrolling.
    expect(fit.page).toBeLessThanOrEqual(SCREEN.width);
    expect(fit.table).toBeLessThanOrEqual(fit.wrap + 1);
    await toTables();
    await e2e.shot(fac, "class-dashboard-sco-10");

    // On a phone each table is a card: nothing scrolls sideways and every open button is within the window's width.
    await fac.setViewportSize({ width: 390, height: 844 });
    await fac.waitForFunction(() => window.innerWidth === 390 && getComputedStyle(document.querySelector("#class-table-rows tbody")!).display === "block");
    const phone = await fac.evaluate(() => {
      const wrap = document.querySelector("#class-tables .class-rows-wrap")!;
      const buttons = [...document.querySelectorAll("#class-table-rows [data-open-table]")].map((b) => b.getBoundingClientRect());
      return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, grid: wrap.scrollWidth - wrap.clientWidth, buttons: buttons.length, outside: buttons.filter((r) => r.width === 0 || r.left < 0 || r.right > window.innerWidth).length };
    });
    expect(phone).toEqual({ page: 0, grid: 0, buttons: 10, outside: 0 });
    await toTables();
    await e2e.shot(fac, "class-dashboard-sco-10-phone");
    await fac.setViewportSize(SCREEN);
    await fac.waitForFunction(() => window.innerWidth === 1366);

    await clickConfirming(fac, "[data-phase-to=debrief]");
    await fac.waitForFunction(() => document.querySelectorAll("#class-debrief svg .marker.deal").length === 10 * 6, undefined, { timeout: 60_000 });
    await fac.evaluate(() => document.querySelector("#class-debrief svg")!.scrollIntoView({ block: "start" }));
    const chart = await fac.evaluate(() => document.querySelector("#class-debrief svg")!.getBoundingClientRect());
    expect(chart.height).toBeLessThanOrEqual(SCREEN.height);
    await e2e.shot(fac, "class-debrief-sco-10");
    expect(e2e.pageErrors).toEqual([]);
  }, 400_000);
});
