// The whole solo journey in Bangla in Chromium (issue 17): a browser whose first language is Bangla
// opens the game in Bangla (the first guess from navigator.languages); home → practise → briefing →
// table → a few moves → debrief, each screen in Bangla with the Noto Sans Bengali face loaded from the
// app (no CDN), no text overflowing its box at 1366×768 and 390×844 (measured: scrollWidth against
// clientWidth of every visible element that holds text), Bengali or Latin digits as set, and a
// switch of language mid-game that keeps the seat, the connection and the table's state.
// Screenshots: test-artifacts/e2e/bangla-{home,briefing,table,debrief,phone-*}.png.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import bnScreens from "../../shared/i18n/catalog/bn/screens.ts";
import bnTable from "../../shared/i18n/catalog/bn/table.ts";
import enScreens from "../../shared/i18n/catalog/en/screens.ts";
import { englishLeft } from "./bangla-checks.ts";
import { clickConfirming, chromiumPath, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";
const BENGALI = /[\u0980-\u09FF]/;

/** Every visible element holding text whose content is wider than its box (designed ellipses and scrolling boxes aside). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}`;
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      if (!el.offsetParent && getComputedStyle(el).position !== "fixed") continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== "");
      if (!ownText) continue;
      const style = getComputedStyle(el);
      if (style.display === "inline" || style.display === "contents") continue;
      // Text for screen readers only (a 1px clipped box) is not on screen.
      if (el.closest(".visually-hidden")) continue;
      // A box made to scroll, or to end in "…", shows all it has by design.
      if (["auto", "scroll"].includes(style.overflowX) || style.textOverflow === "ellipsis") continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${describe(el)} (${el.scrollWidth} > ${el.clientWidth}): ${el.textContent!.trim().slice(0, 60)}`);
      if (el.scrollHeight > el.clientHeight + 1 && style.overflowY === "hidden" && !el.classList.contains("clamp")) out.push(`${describe(el)} cut vertically (${el.scrollHeight} > ${el.clientHeight})`);
    }
    // And the page never scrolls sideways.
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
    return out;
  });
}

/** The Bengali face is loaded from the app's own files and matches Bangla text. */
async function bengaliFontLoaded(page: Page): Promise<{ check: boolean; loaded: string[]; family: string }> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    await document.fonts.load('16px "Noto Sans Bengali"', "বাংলা");
    const loaded = [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "Noto Sans Bengali" && f.status === "loaded").map((f) => f.weight);
    return { check: document.fonts.check('16px "Noto Sans Bengali"', "বাংলা"), loaded, family: getComputedStyle(document.body).fontFamily };
  });
}

async function expectClean(page: Page, where: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang), where).toBe("bn");
  const font = await bengaliFontLoaded(page);
  expect(font.check, where).toBe(true);
  expect(font.loaded.length, where).toBeGreaterThan(0);
  expect(font.family, where).toMatch(/^"?Noto Sans Bengali/);
  expect(await overflowing(page), where).toEqual([]);
  expect(await englishLeft(page), `${where}: English left on a Bangla screen`).toEqual([]);
}

describe.skipIf(!hasChromium && !CI)("the solo journey in Bangla", () => {
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

  it("home → solo → briefing → table → moves → debrief in Bangla: the Bengali face, nothing overflowing, and a language switch mid-game that keeps the seat", async () => {
    // A browser that asks for Bangla first.
    context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, locale: "bn-BD" });
    context.setDefaultTimeout(45_000);
    const page = await context.newPage();
    page.on("pageerror", (e) => e2e.pageErrors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().includes("GL Driver")) e2e.pageErrors.push(`console: ${m.text()}`);
    });
    expect(await page.evaluate(() => navigator.languages)).toContain("bn-BD");

    // Home, in Bangla at first sight.
    await page.goto(e2e.url);
    await page.waitForSelector("#door-practise");
    await expect(page.locator("#home-title").textContent()).resolves.toBe(bnScreens.home.hero.title);
    await expect(page.locator("#locale-select").inputValue()).resolves.toBe("bn");
    await expectClean(page, "home 1366×768");
    await e2e.shot(page, "bangla-home");

    // Practise → solo.
    await page.click("#door-practise");
    await page.waitForSelector("#solo-start");
    await expect(page.locator("#solo-start").textContent()).resolves.toBe(bnScreens.home.solo.start);
    await page.fill("#player-name", "আমিনা রহমান");
    await page.selectOption("#solo-scenario", "us-china-2015");
    await page.selectOption("#solo-delegation", "us");
    await page.check("input[name=solo-difficulty][value=easy]");
    await expectClean(page, "practise 1366×768");
    await page.click("#solo-start");

    // The briefing.
    await page.waitForSelector(".private-brief-text");
    await page.waitForSelector("#briefing-ready");
    await expect(page.locator("#briefing-ready").textContent()).resolves.toBe(bnScreens.briefing.ready);
    await expect(page.locator(".briefing [role=status]").textContent()).resolves.toBe(bnScreens.briefing.waiting.solo);
    await expect(page.locator("#nav-brief").textContent()).resolves.toBe(bnScreens.match.nav.brief);
    // Bengali digits in the status bar: round —/১০.
    await expect(page.locator("#status-round").textContent()).resolves.toBe("—/১০");
    await expectClean(page, "briefing 1366×768");
    await e2e.shot(page, "bangla-briefing");

    // The table.
    await page.click("#briefing-ready");
    await page.waitForSelector(".canvas-wrap canvas", { timeout: 45_000 });
    await page.waitForSelector(".match[data-phase='running']");
    await page.waitForSelector("#move-accept:not([disabled]), #builder-submit:not([disabled])", { timeout: 45_000 });
    await expect(page.locator("#status-turn").textContent()).resolves.toBe(bnScreens.match.status.yourMove);
    await page.waitForFunction((t) => document.title.startsWith(`● ${t}`), bnScreens.match.status.yourMove);
    await expect(page.locator("#status-round").textContent()).resolves.toBe("১/১০");
    await expect(page.locator("#tab-talk").textContent()).resolves.toContain(bnScreens.table.tabs.talk);
    await expectClean(page, "table 1366×768");
    await e2e.shot(page, "bangla-table");

    // Switching language mid-game: the same screen, the same connection and seat, the same table state,
    // and the package being drafted as it was (an option chosen in the builder stays chosen).
    const issueName = (await page.locator('input[type=radio][name^="draft-"]').first().getAttribute("name"))!;
    const chosen = page.locator(`input[type=radio][name="${issueName}"]`).last();
    await chosen.check();
    const chosenValue = (await chosen.getAttribute("value"))!;
    // And a statement being written, not yet sent.
    await page.click("#tab-talk");
    await page.fill(".composer textarea", "আমরা একটি ন্যায্য সমঝোতা চাই");
    await page.click("#tab-negotiate");
    await expect(page.locator("#status-you, .statusbar").first().textContent()).resolves.toContain("আপনি: যুক্তরাষ্ট্র");
    const before = await page.evaluate(() => {
      const m = document.querySelector<HTMLElement>(".match")!;
      (m as HTMLElement & { kept?: boolean }).kept = true;
      return { version: m.dataset.version, round: m.dataset.round, hash: location.hash, seats: localStorage.getItem("cyber-accord.tables.v1") };
    });
    await page.selectOption("#locale-select", "en");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await expect(page.locator("#status-turn").textContent()).resolves.toBe(enScreens.match.status.yourMove);
    await expect(page.locator("#status-round").textContent()).resolves.toBe("1/10");
    await expect(page.locator("#nav-brief").textContent()).resolves.toBe(enScreens.match.nav.brief);
    await page.waitForSelector(".canvas-wrap canvas");
    const after = await page.evaluate(() => {
      const m = document.querySelector<HTMLElement>(".match")!;
      return { kept: (m as HTMLElement & { kept?: boolean }).kept === true, version: m.dataset.version, round: m.dataset.round, hash: location.hash, connection: document.querySelector("#status-connection")?.className, seats: localStorage.getItem("cyber-accord.tables.v1") };
    });
    expect(after.seats).toBe(before.seats); // the same seat token: nothing rejoined
    expect(before.seats).toContain("seatToken");
    await expect(page.locator("#status-you, .statusbar").first().textContent()).resolves.toContain("You: United States");
    await expect(page.locator(`input[type=radio][name="${issueName}"]:checked`).getAttribute("value")).resolves.toBe(chosenValue);
    await expect(page.locator(".composer textarea").inputValue()).resolves.toBe("আমরা একটি ন্যায্য সমঝোতা চাই");
    expect(after.kept).toBe(true); // the match screen was not rebuilt: no new connection
    expect(after.version).toBe(before.version);
    expect(after.round).toBe(before.round);
    expect(after.hash).toBe(before.hash);
    expect(after.connection).toContain("connected");
    // Back to Bangla, with Latin digits this time; then Bengali digits again.
    await page.selectOption("#locale-select", "bn");
    await page.waitForFunction(() => document.documentElement.lang === "bn");
    await page.selectOption("#digits-select", "latin");
    await expect(page.locator("#status-round").textContent()).resolves.toBe("1/10");
    await expect(page.locator("#status-turn").textContent()).resolves.toBe(bnScreens.match.status.yourMove);
    await page.selectOption("#digits-select", "native");
    await expect(page.locator("#status-round").textContent()).resolves.toBe("১/১০");
    expect(await page.evaluate(() => [localStorage.getItem("accord.locale"), localStorage.getItem("accord.digits")])).toEqual(["bn", "native"]);
    expect(await page.evaluate(() => (document.querySelector(".match") as HTMLElement & { kept?: boolean }).kept)).toBe(true);

    // A few moves: propose the ideal package, accept when it is worth it, walk away otherwise.
    for (let turn = 0; turn < 30; turn++) {
      await page.waitForSelector("#debrief-title, #move-accept:not([disabled]), #builder-submit:not([disabled])", { timeout: 45_000 });
      if (await page.locator("#debrief-title").count()) break;
      const v = Number(await page.locator(".match").getAttribute("data-version"));
      if (turn >= 1 && (await page.locator("#move-accept:not([disabled])").count()) && (await page.locator(".offer-block .verdict.good").count())) {
        await clickConfirming(page, "#move-accept");
      } else if (turn >= 3) {
        await clickConfirming(page, "#move-walk-away");
      } else {
        await page.click(`button:has-text("${bnTable.negotiate.useIdeal}")`);
        await clickConfirming(page, "#builder-submit");
      }
      await page.waitForFunction((seen) => Number(document.querySelector(".match")?.getAttribute("data-version") ?? "0") > seen, v, { timeout: 45_000 });
    }

    // The debrief.
    await page.waitForSelector("#debrief-title", { timeout: 45_000 });
    await page.waitForSelector("#debrief-briefs");
    expect((await page.locator("#debrief-title").textContent())!).toMatch(BENGALI);
    await expect(page.locator("#everyone-title").textContent()).resolves.toBe(bnScreens.debrief.everyone);
    await expect(page.locator("#transcript-title").textContent()).resolves.toBe(bnScreens.debrief.transcript.title);
    expect((await page.locator("#replay-step").textContent())!).toMatch(BENGALI);
    await expectClean(page, "debrief 1366×768");
    await e2e.shot(page, "bangla-debrief", true);

    // A phone: the debrief, the briefing and the table hold Bangla at 390×844 too.
    await page.setViewportSize({ width: 390, height: 844 });
    await expectClean(page, "debrief 390×844");
    await e2e.shot(page, "bangla-phone-debrief");
    await page.click("#nav-brief");
    await page.waitForSelector(".private-brief-text");
    await expectClean(page, "briefing 390×844");
    await e2e.shot(page, "bangla-phone-briefing");
    await page.click("#nav-table");
    await page.waitForSelector(".canvas-wrap canvas");
    await expectClean(page, "table 390×844");
    await e2e.shot(page, "bangla-phone-table");
    await page.goto(`${e2e.url}/#/practise`);
    await page.waitForSelector("#solo-start");
    await expectClean(page, "practise 390×844");
    // Home lists the table just played. The browser stored its title and seat as the server sent them (English);
    // while the translations are on their way the English is marked as English, then the row reads in Bangla.
    const summaries = (await (await fetch(`${e2e.url}/api/scenarios`)).json()) as { scenarios: { id: string; translations?: { bn?: { title?: string; delegations?: Record<string, { name?: string }> } } }[] };
    const bn = summaries.scenarios.find((x) => x.id === "us-china-2015")!.translations!.bn!;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/scenarios", async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${e2e.url}/#/`);
    await page.reload();
    await page.waitForSelector("#door-practise");
    await page.waitForSelector(".table-list li strong");
    await expect(page.locator(".table-list li strong").first().getAttribute("lang")).resolves.toBe("en");
    await expectClean(page, "home 390×844, the translations on their way");
    release();
    await page.waitForFunction((title) => [...document.querySelectorAll(".table-list li strong")].some((el) => el.textContent === title && !el.hasAttribute("lang")), bn.title!);
    await expect(page.locator(".table-list li span.small").first().textContent()).resolves.toContain(bn.delegations!.us!.name!);
    await page.unroute("**/api/scenarios");
    await expectClean(page, "home 390×844");
    await e2e.shot(page, "bangla-phone-home");
    expect(e2e.pageErrors).toEqual([]);
  }, 300_000);

  it("the other front-door screens hold Bangla too: teach, join, tournaments, a new tournament, the facilitator's view and the projector, at 1366×768 and 390×844", async () => {
    const ctx = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, locale: "bn-BD" });
    ctx.setDefaultTimeout(45_000);
    try {
      const page = await ctx.newPage();
      page.on("pageerror", (e) => e2e.pageErrors.push(`pageerror: ${e.message}`));
      const screens: { hash: string; ready: string; heading: string }[] = [
        { hash: "#/teach", ready: "#class-create", heading: bnScreens.home.titles.teach },
        { hash: "#/join", ready: "#join-find", heading: bnScreens.home.titles.join },
        { hash: "#/tournaments", ready: "#tournament-new", heading: bnScreens.home.doors.tournament.title },
        { hash: "#/tournament/new", ready: "#t-create", heading: bnScreens.tournament.organise },
        { hash: "#/facilitate", ready: ".hero h1", heading: bnScreens.home.mine.title },
        { hash: "#/projector/class/K7QXM2PA", ready: "#projector-code", heading: "" },
      ];
      for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
        await page.setViewportSize(viewport);
        for (const s of screens) {
          await page.goto(`${e2e.url}/${s.hash}`);
          await page.waitForSelector(s.ready);
          if (s.hash === "#/teach") {
            await page.waitForFunction((loading) => {
              const text = document.querySelector("#class-objectives")?.textContent ?? "";
              return text !== "" && !text.includes(loading);
            }, bnScreens.classHome.objectivesLoading);
          }
          if (s.heading) await expect(page.locator("h1").first().textContent()).resolves.toBe(s.heading);
          else await expect(page.locator(".projector-eyebrow").textContent()).resolves.toBe(bnScreens.projector.joinClass);
          await expectClean(page, `${s.hash} ${viewport.width}×${viewport.height}`);
        }
      }
      await e2e.shot(page, "bangla-phone-projector");
      expect(e2e.pageErrors).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 300_000);
});
