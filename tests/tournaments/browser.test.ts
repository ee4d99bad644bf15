// The tournament pages in Chromium against a real server (`node bin/server.js`): an organiser
// creates a tournament of two people and two bots from the home screen, starts it, and sees the
// standings; a spectator opens a live table from the tournament page as an observer; an entrant
// follows their personal link and takes their seat with one click.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, hasChromium, startE2E, type E2E } from "../e2e/harness.ts";

const CI = process.env.CI === "true";

if (!hasChromium && !CI) {
  console.warn(`tournament browser test: skipped — no Chromium at ${chromiumPath} (install Debian's chromium package, or set CHROMIUM_PATH)`);
}

describe.skipIf(!hasChromium && !CI)("tournament pages in Chromium", () => {
  let e2e: E2E;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the browser tests cannot run`);
    e2e = await startE2E();
  }, 180_000);

  afterEach(async () => {
    await e2e?.closePeople();
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it("creates, starts and watches a tournament; an entrant's link seats them", async () => {
    const scenarios = ((await (await fetch(`${e2e.url}/api/scenarios`)).json()) as { scenarios: { id: string; delegations: unknown[] }[] }).scenarios;
    const bilateral = scenarios.find((s) => s.delegations.length === 2)!;

    const { page: organiser } = await e2e.person();
    // Home → the Tournaments door → Organise a tournament.
    await organiser.goto(`${e2e.url}/#/`);
    await organiser.click("#door-tournament");
    await organiser.click("#tournament-new");
    await organiser.waitForSelector(`#t-scenario option[value="${bilateral.id}"]`, { state: "attached" });
    await organiser.fill("#t-name", "Browser cup");
    await organiser.selectOption("#t-scenario", bilateral.id);
    await organiser.selectOption("#t-format", "round-robin");
    await organiser.fill("#t-rounds", "1");
    const names = organiser.locator("li[data-entrant] input[type=text]");
    await names.nth(0).fill("Amina <b>R</b>");
    await names.nth(1).fill("Ben");
    await organiser.click("#t-create");
    await organiser.waitForSelector("#t-organiser-token");
    const organiserToken = (await organiser.textContent("#t-organiser-token"))!;
    const links = await organiser.locator("a:has-text('Entrant link')").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toHaveLength(2);
    // A name is text, never markup.
    expect(await organiser.locator("strong:has-text('Amina <b>R</b>')").count()).toBe(1);

    await organiser.click("#t-open");
    await organiser.waitForSelector("#t-start");
    await organiser.click("#t-start");
    // Round 1: two tables, each a person against a bot, waiting for the person.
    await organiser.waitForFunction(() => document.querySelectorAll("[aria-label='Live tables'] li").length === 2);
    expect(await organiser.locator("#t-standings tbody tr").count()).toBe(4);
    await e2e.shot(organiser, "tournament-page", true);

    // A spectator opens a live table from the tournament page: the observer's view of the table.
    const { page: spectator } = await e2e.person();
    const tournamentUrl = organiser.url();
    await spectator.goto(tournamentUrl);
    await spectator.waitForSelector("[aria-label='Live tables'] li button:has-text('Watch')");
    await spectator.locator("[aria-label='Live tables'] li button:has-text('Watch')").first().click();
    await spectator.waitForURL(/#\/table\/[a-z0-9]+$/);
    await spectator.waitForSelector(".match");

    // An entrant follows their link, sees their table, and takes the seat.
    const { page: amina } = await e2e.person();
    await amina.goto(links[0]!);
    await amina.waitForSelector("#t-take-seat");
    await amina.click("#t-take-seat");
    await amina.waitForURL(/#\/table\/[a-z0-9]+\/brief$/);
    await amina.waitForSelector("#go-to-table");
    await e2e.shot(amina, "tournament-entrant-seated");

    // Her table started when she sat down (her opponent is a bot).
    const tournamentId = tournamentUrl.split("/").pop()!;
    type Summary = { status: string; tables: { phase?: string; seats: { name: string }[] }[] };
    const summary = () => fetch(`${e2e.url}/api/tournaments/${tournamentId}`).then((r) => r.json() as Promise<Summary>);
    const hers = (t: Summary) => t.tables.find((g) => g.seats.some((s) => s.name === "Amina <b>R</b>"))!;
    expect(hers(await summary()).phase).toBe("running");

    // On the Tournaments page, her browser lists the tournament she plays in.
    await amina.goto(`${e2e.url}/#/tournaments`);
    await amina.waitForSelector("[aria-label='Your tournaments'] li:has-text('Browser cup')");
    expect(await amina.locator("[aria-label='Your tournaments'] li").first().textContent()).toContain("You play in it");

    // The organiser on another device pastes the token and cancels the tournament: the live tables end.
    const { page: elsewhere } = await e2e.person();
    await elsewhere.goto(tournamentUrl);
    await elsewhere.click("summary:has-text('Are you the organiser?')");
    await elsewhere.fill("#t-paste-token", organiserToken);
    await elsewhere.click("button:has-text('Use this token')");
    await elsewhere.click("#t-cancel");
    await elsewhere.waitForSelector(".pill:has-text('Cancelled')");
    const cancelled = await summary();
    expect(cancelled.status).toBe("cancelled");
    expect(hers(cancelled).phase ?? "ended").toBe("ended");
    expect(e2e.pageErrors).toEqual([]);
  }, 120_000);
});
