// The tournament pages as an organiser uses them, in Chromium against a real server: the create
// form says what to fix next to each field, in words (never "field 'entrants[0].name'"), for the
// mistakes the form catches and for what only the server knows (a scenario no longer there); the
// standings read names from the left; the organiser puts a bot in for an entrant who has not come.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";

if (!hasChromium && !CI) {
  console.warn(`tournament form browser test: skipped — no Chromium at ${chromiumPath} (install Debian's chromium package, or set CHROMIUM_PATH)`);
}

describe.skipIf(!hasChromium && !CI)("the tournament form and standings in Chromium", () => {
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

  it("names each mistake next to its field, then creates; standings left-align names; a bot stands in on request", async () => {
    const scenarios = ((await (await fetch(`${e2e.url}/api/scenarios`)).json()) as { scenarios: { id: string; delegations: { id: string; name: string }[] }[] }).scenarios;
    const bilateral = scenarios.find((s) => s.delegations.length === 2)!;

    const { page } = await e2e.person({ width: 1280, height: 900 });
    await page.goto(`${e2e.url}/#/tournament/new`);
    await page.waitForSelector(`#t-scenario option[value="${bilateral.id}"]`, { state: "attached" });
    await page.selectOption("#t-scenario", bilateral.id);
    await page.selectOption("#t-format", "round-robin");

    // Four rows to start with (two people, two bots): the first person's name left empty, the
    // second "Ben", and a third person also "ben"; rounds 0.
    await page.click("button:has-text('Add a person')");
    const names = page.locator("li[data-entrant] input[type=text]");
    await names.nth(1).fill("Ben");
    await names.nth(4).fill("ben");
    await page.fill("#t-rounds", "0");
    await page.click("#t-create");

    const note = (key: string) => page.locator(`.field-error[data-error-for="${key}"]`);
    await note("entrant-0-name").waitFor();
    expect(await note("entrant-0-name").textContent()).toBe("Entrant 1: type this person's name.");
    expect(await note("entrant-4-name").textContent()).toBe("Entrant 2 is already called “ben”: give each entrant a different name.");
    expect(await note("rounds").textContent()).toBe("Rounds: a whole number from 1 to 50, or leave the box empty for the automatic number.");
    // Each note sits in its field's row and is tied to the control for screen readers.
    expect(await page.locator("li[data-entrant]").nth(0).locator(".field-error").count()).toBe(1);
    expect(await names.nth(0).getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await names.nth(0).getAttribute("aria-describedby"))!;
    expect(await page.locator(`#${describedBy}`).textContent()).toBe("Entrant 1: type this person's name.");
    expect(await page.locator("#t-rounds").getAttribute("aria-invalid")).toBe("true");
    // The first field to fix from the top (rounds, above the entrants) has the focus; no developer wording anywhere on the page.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("t-rounds");
    const text = (await page.locator("main, body").first().innerText()).toLowerCase();
    for (const jargon of ["field '", "entrants[", "create:", "must not be empty"]) expect(text).not.toContain(jargon);
    await e2e.shot(page, "tournament-form-mistakes", true);

    // Fixing a field takes its note away.
    await names.nth(0).fill("Amina Okonkwo-Marchetti");
    expect(await note("entrant-0-name").count()).toBe(0);
    expect(await names.nth(0).getAttribute("aria-invalid")).toBeNull();
    await names.nth(4).fill("Chen");
    await page.fill("#t-rounds", "1");

    // What only the server can know: the chosen scenario is not on it (any more). Its refusal
    // names the field path; the form shows it next to the scenario, in words.
    await page.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>("#t-scenario")!;
      select.append(new Option("A scenario the server no longer has", "gone-scenario"));
      select.value = "gone-scenario";
    });
    await page.click("#t-create");
    await note("scenario").waitFor();
    expect(await note("scenario").textContent()).toBe("This scenario is not on the server any more: choose another one.");
    expect(await page.locator("#t-scenario").getAttribute("aria-invalid")).toBe("true");
    expect((await page.locator("body").innerText()).toLowerCase()).not.toContain("scenarios[0]");
    await e2e.shot(page, "tournament-form-server-mistake");

    // Everything fixed: the tournament is created, with a stand-in time of 0.5 minutes.
    await page.selectOption("#t-scenario", bilateral.id);
    expect(await note("scenario").count()).toBe(0);
    await page.fill("#t-stand-in", "0.5");
    await page.click("#t-create");
    await page.waitForSelector("#t-organiser-token");
    await page.click("#t-open");
    await page.waitForSelector("#t-start");
    await page.click("#t-start");
    await page.waitForFunction(() => document.querySelectorAll("#t-standings tbody tr").length === 5);

    // Standings: the name and kind columns read from the left, the numbers from the right.
    const align = await page.evaluate(() => {
      const row = document.querySelector("#t-standings tbody tr")!;
      const head = document.querySelectorAll("#t-standings thead th");
      const cells = [...row.children].map((c) => getComputedStyle(c).textAlign);
      return { cells, heads: [...head].map((c) => getComputedStyle(c).textAlign) };
    });
    expect(align.cells[1]).toBe("left"); // entrant
    expect(align.cells[2]).toBe("left"); // kind
    expect(align.heads[1]).toBe("left");
    expect(align.cells[3]).toBe("right"); // games
    expect(align.cells[4]).toBe("right"); // score
    expect(align.cells[0]).toBe("left"); // rank, as before
    // Both measured in one step: the page redraws the standings as it polls, which would detach
    // an element between two separate measurements.
    const [nameX, headX] = await page.evaluate(() => [
      document.querySelector("#t-standings tbody tr th")!.getBoundingClientRect().x,
      document.querySelectorAll("#t-standings thead th")[1]!.getBoundingClientRect().x,
    ]);
    expect(Math.abs(nameX! - headX!)).toBeLessThan(2);
    await e2e.shot(page, "tournament-standings", true);

    // Live tables name the delegations, never their ids; the organiser puts a bot in for Ben, who has not come.
    const live = page.locator("[aria-label='Live tables']");
    await live.locator("li").first().waitFor();
    const liveText = await live.innerText();
    for (const d of bilateral.delegations) expect(liveText).not.toContain(`(${d.id})`);
    expect(bilateral.delegations.some((d) => liveText.includes(`(${d.name})`))).toBe(true);
    await page.click("button:has-text('Bot for Ben')");
    await live.locator("text=A bot now plays for Ben until they arrive.").waitFor();
    // The page redraws from the server: Ben's table, with a bot in his place, is now in play (the notice stays).
    await live.locator("li", { hasText: "Ben" }).locator("text=in play").waitFor();
    await live.locator("text=A bot now plays for Ben until they arrive.").waitFor();
    await e2e.shot(page, "tournament-stand-in");
    // The one 400 the browser reports is the refusal this test provoked (the scenario not on the server).
    expect(e2e.pageErrors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    expect(e2e.pageErrors.filter((e) => e.includes("status of 400"))).toHaveLength(1);
  }, 180_000);
});
