// The "Teach a class" form says what to fix next to the field, in a teacher's words — never the
// server's field paths ("class: field 'layout.tables' must be at most 100") — and creates the class
// once the form is right.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";

describe.skipIf(!hasChromium && !CI)("the class form's mistakes", () => {
  let e2e: E2E;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    e2e = await startE2E();
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it("are shown next to their fields in plain words, and go once fixed", async () => {
    const { page } = await e2e.person({ width: 1366, height: 768 });
    await page.goto(`${e2e.url}/#/teach`);
    await page.waitForSelector("#class-create");
    await page.selectOption("#class-scenario", "us-china-2015");
    await page.fill("#class-tables", "500");
    await page.fill("#class-rounds", "abc");
    await page.fill("#class-prep", "9999");
    await page.click("#class-create");

    const noteFor = (id: string) => page.locator(`.field:has(#${id}) .field-error`);
    await expect(noteFor("class-tables").textContent()).resolves.toBe("Tables: at most 100.");
    await expect(noteFor("class-rounds").textContent()).resolves.toBe("Round limit: type a whole number.");
    await expect(noteFor("class-prep").textContent()).resolves.toBe("Preparation: at most 240.");
    expect(await page.getAttribute("#class-tables", "aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("class-tables");
    const text = (await page.textContent("body"))!;
    expect(text).not.toMatch(/field '|class: |layout\.tables|Invalid input/);
    await e2e.shot(page, "class-form-mistakes");

    // A round limit below the scenario's own is the scenario's rule, said in words too.
    await page.fill("#class-tables", "2");
    await page.fill("#class-prep", "5");
    await page.fill("#class-rounds", "3");
    expect(await noteFor("class-tables").count()).toBe(0);
    await page.click("#class-create");
    await expect(noteFor("class-rounds").textContent()).resolves.toMatch(/^Round limit: at least 10, the scenario's own limit/);

    // Right at last: the class is created.
    await page.fill("#class-rounds", "");
    await page.click("#class-create");
    await page.waitForURL(/#\/class\//);
    expect(e2e.pageErrors).toEqual([]);
  });
});
