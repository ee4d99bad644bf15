// The statement window in the browser: a table with more statements than the server keeps in its
// synced state (STATEMENT_WINDOW=3). An observer's chat shows the latest ones with a button for the
// earlier ones; one click pages them in, in order, and new ones keep coming after them.
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Welcome } from "../../shared/protocol/index.ts";
import { TableState } from "../../shared/state/table.ts";
import { chromiumPath, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";

describe.skipIf(!hasChromium && !CI)("earlier statements in the web client", () => {
  let e2e: E2E;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    e2e = await startE2E({ STATEMENT_WINDOW: "3" });
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it("shows the latest statements, pages the earlier ones in with one click, and keeps the order", async () => {
    const sdk = new Client(e2e.url);
    const usa = await sdk.create("negotiation", { scenario: "us-china-2015", delegation: "us", name: "Sam" }, TableState);
    const welcome = await new Promise<Welcome>((resolve) => usa.onMessage("welcome", resolve));
    const china = await new Client(e2e.url).joinById(usa.roomId, { role: "delegation", delegation: "china", code: welcome.joinCode!, name: "Li" }, TableState);
    const said: string[] = [];
    for (let i = 0; i < 8; i++) {
      const text = `Statement number ${i} for the record.`;
      const room = i % 2 === 0 ? usa : china;
      await room.request("statement", { requestId: `s${i}-${Date.now()}`, version: room.state.version, text });
      said.push(text);
    }

    const { page } = await e2e.person();
    await page.goto(`${e2e.url}/#/join`);
    await page.fill("#join-code", welcome.joinCode!);
    await page.click("#join-find");
    await page.getByRole("button", { name: "Watch as observer" }).click();
    // An observer goes straight to the table (a delegate would see the briefing first).
    await page.waitForSelector("#go-to-table, #tab-talk");
    if (await page.locator("#go-to-table").isVisible()) await page.click("#go-to-table");
    await page.click("#tab-talk");
    await page.waitForSelector(`.messages .msg:has-text(${JSON.stringify(said[7])})`);
    expect(await page.locator(".messages .msg .text").allTextContents()).toEqual(said.slice(-3));
    await expect(page.locator("#chat-earlier").textContent()).resolves.toBe("Show earlier statements (5 not shown)");

    await page.click("#chat-earlier");
    await page.waitForSelector(`.messages .msg:has-text(${JSON.stringify(said[0])})`);
    expect(await page.locator(".messages .msg .text").allTextContents()).toEqual(said);
    await expect(page.locator("#chat-earlier").isHidden()).resolves.toBe(true);

    // A new statement comes after them; the ones that leave the window stay on the page.
    const last = "A ninth statement, after the page.";
    await usa.request("statement", { requestId: `s8-${Date.now()}`, version: usa.state.version, text: last });
    await page.waitForSelector(`.messages .msg:has-text(${JSON.stringify(last)})`);
    expect(await page.locator(".messages .msg .text").allTextContents()).toEqual([...said, last]);
    expect(e2e.pageErrors).toEqual([]);
    await Promise.all([usa.leave(), china.leave()]);
  }, 180_000);
});
