// Long turns in Chromium against a real server: the create form offers turn timers in minutes,
// hours and days and, for a long turn, quiet hours, votes until all and stand-ins; a table created
// with quiet hours around the present moment in the player's own zone (Asia/Dhaka, set on the
// browser) shows "paused for quiet hours until …" in the status bar, in English and in Bangla; a
// 2-day turn without quiet hours shows its deadline ("until <weekday> <time>") in the reader's zone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { quietUntil } from "../../shared/clock/quiet-hours.ts";
import { intlLocaleOf } from "../../shared/i18n/index.ts";
import { chromiumPath, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";

/** HH:MM on the wall clock of `zone` at `ms`. */
function wall(ms: number, zone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(ms);
}

describe.skipIf(!hasChromium && !CI)("long turns in the browser", () => {
  let e2e: E2E;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    e2e = await startE2E();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await e2e?.close();
  });

  async function personIn(zone: string, locale: string): Promise<Page> {
    const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, timezoneId: zone, locale });
    context.setDefaultTimeout(45_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (e) => e2e.pageErrors.push(`pageerror: ${e.message}`));
    return page;
  }

  /** Create a table at us-china-2015 seated at the US, China an easy bot, with this turn timer. */
  async function create(page: Page, seconds: number, quiet: { from: string; to: string } | null, shot?: string): Promise<void> {
    await page.goto(`${e2e.url}/#/practise`);
    await page.waitForSelector("#create-submit");
    await page.selectOption("#create-scenario", "us-china-2015");
    await page.selectOption(`select[data-delegation="china"]`, "easy");
    await page.selectOption("#create-sit", "us");
    // Short turns: no long-turn settings.
    await page.selectOption("#create-timer", "300");
    await expect(page.locator("#create-long").isVisible()).resolves.toBe(false);
    await page.selectOption("#create-timer", String(seconds));
    await page.waitForSelector("#create-long", { state: "visible" });
    // A bilateral scenario has no votes to keep open.
    await expect(page.locator("#create-until-all").isVisible()).resolves.toBe(false);
    await expect(page.locator("#create-stand-ins").isChecked()).resolves.toBe(false);
    if (quiet) {
      await page.fill("#create-quiet-from", quiet.from);
      await page.fill("#create-quiet-to", quiet.to);
    } else {
      await page.uncheck("#create-quiet");
    }
    if (quiet) {
      await expect(page.locator("#create-quiet-from").inputValue()).resolves.toBe(quiet.from);
      await expect(page.locator("#create-quiet-to").inputValue()).resolves.toBe(quiet.to);
      await expect(page.locator("#create-quiet").isChecked()).resolves.toBe(true);
    }
    if (shot) await e2e.shot(page, shot, true);
    await page.click("#create-submit");
  }

  it("pauses the clock for the mover's quiet hours and says until when, in English and in Bangla", async () => {
    const zone = "Asia/Dhaka";
    const now = Date.now();
    // Quiet from an hour ago to two hours from now, on the Dhaka wall clock.
    const quiet = { from: wall(now - 3_600_000, zone), to: wall(now + 2 * 3_600_000, zone) };
    for (const [locale, text, name] of [
      ["en-GB", "paused for quiet hours until", "long-turn-quiet"],
      ["bn-BD", "বিশ্রামের সময়ের জন্য", "long-turn-quiet-bn"],
    ] as const) {
      const page = await personIn(zone, locale);
      await create(page, 8 * 3600, quiet, locale === "en-GB" ? "long-turn-form" : undefined);
      // The bot's turn (if it moves first) has no night; the US's turn stands still now.
      const timer = page.locator("#status-timer.quiet");
      await timer.waitFor().catch(async (e) => {
        await e2e.shot(page, `${name}-failed`);
        throw e;
      });
      const shown = (await timer.textContent())!;
      expect(shown).toContain(text);
      // The quiet hours' end, in the reader's zone (Dhaka here) and language, as Intl writes it.
      const until = quietUntil(Date.now(), { quiet, zone })!;
      const tag = intlLocaleOf(locale === "bn-BD" ? "bn" : "en");
      const hourCycle = locale === "bn-BD" ? ({ hourCycle: "h23" } as const) : {};
      expect(shown).toContain(new Intl.DateTimeFormat(tag, { timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit", ...hourCycle }).format(until));
      if (locale === "bn-BD") expect(shown).not.toMatch(/AM|PM/);
      await expect(page.locator("#status-timer-label").textContent()).resolves.toBe("");
      await e2e.shot(page, name);
    }
    expect(e2e.pageErrors).toEqual([]);
  }, 180_000);

  it("the class form offers turn timers in minutes and hours, and sends the one chosen", async () => {
    const page = await personIn("Asia/Dhaka", "en-GB");
    await page.goto(`${e2e.url}/#/teach`);
    await page.waitForSelector("#class-create");
    await page.selectOption("#class-scenario", "us-china-2015");
    const groups = await page.locator("#class-turn optgroup").evaluateAll((els) => els.map((g) => [g.getAttribute("label"), g.children.length]));
    expect(groups).toEqual([
      ["Minutes", 5],
      ["Hours", 6],
    ]);
    await page.selectOption("#class-turn", String(8 * 3600));
    await e2e.shot(page, "long-turn-class-form", true);
    // The matchmaking request carries the class's options: the turn timer is among them.
    const sent = page.waitForRequest((r) => r.url().includes("/matchmake/create/class"));
    await page.click("#class-create");
    expect((await sent).postDataJSON()).toMatchObject({ secondsPerTurn: 8 * 3600 });
    await page.waitForURL(/#\/class\//);
    expect(e2e.pageErrors).toEqual([]);
  }, 120_000);

  it("shows a 2-day turn's deadline in the reader's own zone", async () => {
    const zone = "America/New_York";
    const page = await personIn(zone, "en-US");
    await create(page, 2 * 86400, null);
    const timer = page.locator("#status-timer");
    await page.waitForFunction(() => /^until /.test(document.querySelector("#status-timer")?.textContent ?? ""));
    const shown = (await timer.textContent())!;
    // The US moves within the bot's pause or first; either way the deadline is about 2 days on.
    const at = Date.now() + 2 * 86_400_000;
    const weekday = new Intl.DateTimeFormat("en-US", { timeZone: zone, weekday: "short" }).format(at);
    expect(shown).toMatch(new RegExp(`^until ${weekday} \\d{2}:\\d{2}`));
    await e2e.shot(page, "long-turn-deadline");
    expect(e2e.pageErrors).toEqual([]);
  }, 120_000);
});
