// Issue 14: the briefing shows the scenario's dated sources (fact, source, date), as text, in a
// disclosure under the briefs. (The printable briefs' table of sources: teacher-materials.test.ts.)
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../server/scenarios.ts";
import { publicScenario } from "../../shared/rules/index.ts";
import { chromiumPath, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";

describe("the public scenario's sources", () => {
  it("carries every dated fact, its source and date: public facts every seat may read", () => {
    const loaded = loadScenarioFile("scenarios/us-china-2015");
    if (!loaded.ok) throw new Error(loaded.errors.join("; "));
    expect(loaded.scenario.sources.length).toBeGreaterThan(0);
    expect(publicScenario(loaded.scenario).sources).toEqual(loaded.scenario.sources);
  });
});

describe.skipIf(!hasChromium && !CI)("the briefing's sources", () => {
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

  it("lists every dated fact with its source and date, as text, closed until opened", async () => {
    const loaded = loadScenarioFile("scenarios/us-china-2015");
    if (!loaded.ok) throw new Error(loaded.errors.join("; "));
    const sources = loaded.scenario.sources;
    expect(sources.length).toBeGreaterThan(3);

    const { page } = await e2e.person();
    await page.goto(`${e2e.url}/#/practise`);
    await page.waitForSelector("#solo-start");
    await page.fill("#player-name", "Amina Rahman");
    await page.selectOption("#solo-scenario", "us-china-2015");
    await page.selectOption("#solo-delegation", "us");
    await page.check("input[name=solo-difficulty][value=easy]");
    await page.click("#solo-start");
    await page.waitForSelector("#briefing-sources");

    const section = page.locator("#briefing-sources");
    await expect(section.locator("h3").textContent()).resolves.toContain("Sources");
    await expect(section.locator("summary").textContent()).resolves.toContain(`${sources.length} dated facts`);
    // Closed at first: the briefs come first.
    expect(await section.locator("details").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await e2e.shot(page, "sources-1-briefing-closed", true);

    await section.locator("summary").click();
    const items = section.locator("li.source-item");
    await expect(items.count()).resolves.toBe(sources.length);
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i]!;
      const item = items.nth(i);
      await expect(item.locator(".source-date").textContent()).resolves.toBe(s.date ?? "undated");
      await expect(item.locator(".source-fact").textContent()).resolves.toBe(s.fact);
      await expect(item.locator(".source-ref").textContent()).resolves.toBe(`Source: ${s.source}`);
      await expect(item.locator(".source-fact").isVisible()).resolves.toBe(true);
    }
    // Text only: the facts and sources are text nodes, no element was made from them (the citation's
    // own span, which marks its language, holds text alone).
    const elements = await section.locator(".source-fact *, .source-ref :not(.source-citation), .source-citation *, .source-date *").count();
    expect(elements).toBe(0);
    await section.locator("details").scrollIntoViewIfNeeded();
    await e2e.shot(page, "sources-2-briefing-open");
    expect(e2e.pageErrors).toEqual([]);
  }, 120_000);
});
