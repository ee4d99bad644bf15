// A class session end to end in headless Chromium against a real server (`node bin/server.js`): a
// facilitator creates a class of two tables, four students join with the code from their own
// browsers, auto-assign seats them, the negotiation starts and sends each to their table, an
// inject fired at every table reaches both, the dashboard shows both tables live, one table makes
// a deal, and the exported CSV lists the four students with utilities recomputed here from the
// scenario file, the deal and the inject.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, clickConfirming, hasChromium, root, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";
const SCENARIO = "us-china-2015";
const INJECT = "opm-scale";

if (!hasChromium && !CI) {
  console.warn(`e2e classroom: skipped — no Chromium at ${chromiumPath} (install Debian's chromium package, or set CHROMIUM_PATH)`);
}

interface ProfileYaml {
  weights: Record<string, number>;
  values: Record<string, Record<string, number>>;
  reservationValue: number;
}
interface ScenarioYaml {
  delegations: { id: string; name: string; profile: ProfileYaml }[];
  injects: { id: string; changes: { delegation: string; weights?: Record<string, number>; reservationValue?: number }[] }[];
}

/** Each delegation's profile after `injects`, read straight from the scenario file (not through the game's code). */
function profilesAfter(injects: string[]): Map<string, ProfileYaml> {
  const doc = parse(readFileSync(join(root, "scenarios", SCENARIO, "scenario.yaml"), "utf8")) as ScenarioYaml;
  const profiles = new Map(doc.delegations.map((d) => [d.id, { ...d.profile, weights: { ...d.profile.weights } }]));
  for (const id of injects) {
    for (const change of doc.injects.find((i) => i.id === id)!.changes) {
      const p = profiles.get(change.delegation)!;
      if (change.weights) p.weights = { ...change.weights };
      if (change.reservationValue !== undefined) p.reservationValue = change.reservationValue;
    }
  }
  return profiles;
}

/** What the two sides agreed in 2015, from the scenario file. */
function historicalPackage(): Record<string, string> {
  const doc = parse(readFileSync(join(root, "scenarios", SCENARIO, "scenario.yaml"), "utf8")) as { historicalOutcome: { package: Record<string, string> } };
  return doc.historicalOutcome.package;
}

function utilityOf(p: ProfileYaml, pkg: Record<string, string>): number {
  return Object.entries(p.weights).reduce((u, [issue, w]) => u + w * (p.values[issue]?.[pkg[issue]!] ?? 0), 0);
}

describe.skipIf(!hasChromium && !CI)("a class session in Chromium", () => {
  let e2e: E2E;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    e2e = await startE2E();
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it("two tables, four students by code, auto-assign, an inject at both tables, the dashboard, and the CSV", async () => {
    const { page: fac } = await e2e.person();
    await fac.goto(`${e2e.url}/#/teach`);
    await fac.waitForSelector("#class-create");
    await fac.selectOption("#class-scenario", SCENARIO);
    await fac.selectOption("#class-layout", "count");
    await fac.fill("#class-tables", "2");
    await fac.fill("#class-prep", "0");
    await e2e.shot(fac, "class-0-create", true);
    await fac.click("#class-create");
    const code = (await fac.locator("#class-code-value").textContent())!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const names = ["Amina Rahman", "Ben Ochieng", "Chen Jie", "Dana Novak"];
    const students: { name: string; page: Page }[] = [];
    for (const name of names) {
      const { page } = await e2e.person();
      // The join page takes a class's code as well as a table's.
      await page.goto(`${e2e.url}/#/join`);
      await page.fill("#join-code", code.toLowerCase());
      await page.click("#join-find");
      await page.fill("#class-name", name);
      await page.click("#class-join-submit");
      await page.waitForSelector("#class-place:has-text('Waiting for the facilitator')");
      students.push({ name, page });
    }
    await fac.waitForFunction(() => document.querySelectorAll("#class-student-list [data-student-row]").length === 4);
    await e2e.shot(fac, "class-1-gathering", true);

    // One click seats everyone: two tables, each delegation once per table.
    await fac.click("#class-auto-assign");
    await fac.waitForFunction(() => [...document.querySelectorAll<HTMLSelectElement>("#class-student-list select")].every((s) => s.value !== ""));
    const places = await fac.$$eval("#class-student-list [data-student-row]", (rows) =>
      rows.map((r) => ({ name: r.querySelector(".pill")!.textContent!, place: r.querySelector("select")!.value })),
    );
    expect(places.map((p) => p.place).sort()).toEqual(["1/china", "1/us", "2/china", "2/us"]);
    const placeOf = new Map(places.map((p) => [p.name, p.place]));
    for (const s of students) await s.page.waitForSelector(`#class-place:has-text('table ${placeOf.get(s.name)!.split("/")[0]}')`);
    await e2e.shot(students[0]!.page, "class-1-student-seated");

    // The negotiation starts: the tables are set and started, and each student is sent to theirs.
    await fac.click("[data-phase-to=negotiation]");
    for (const s of students) await s.page.waitForURL(/#\/table\/[a-z0-9]+/, { timeout: 45_000 });
    await fac.waitForFunction(() => document.querySelectorAll("#class-tables [data-table-phase=running]").length === 2, undefined, { timeout: 45_000 });

    // An inject fired at every table reaches both tables: every student sees its news.
    await fac.selectOption("#class-inject", INJECT);
    await clickConfirming(fac, "#class-inject-all");
    for (const s of students) await s.page.locator(`[data-banner="news:${INJECT}"]`).waitFor({ timeout: 45_000 });
    await fac.waitForFunction((id) => document.querySelectorAll(`#class-tables [data-injects~="${id}"]`).length === 2, INJECT);
    const rows = fac.locator("#class-tables [data-table]");
    await expect(rows.count()).resolves.toBe(2);
    for (const t of [1, 2]) {
      const card = fac.locator(`#class-tables [data-table="${t}"]`);
      // Both delegations show the students seated there.
      for (const s of students.filter((x) => placeOf.get(x.name)!.startsWith(`${t}/`))) await card.locator(`td:has-text(${JSON.stringify(s.name)})`).waitFor();
    }
    await e2e.shot(fac, "class-2-dashboard", true);

    // Table 1 makes a deal: whoever moves first tables what was agreed in 2015, the other accepts it.
    const table1 = students.filter((s) => placeOf.get(s.name)!.startsWith("1/"));
    for (const s of table1) {
      await s.page.waitForSelector("#go-to-table");
      await s.page.click("#go-to-table");
    }
    const proposer = await Promise.race(table1.map((s) => s.page.waitForSelector("#builder-submit:not([disabled])", { timeout: 45_000 }).then(() => s)));
    const answerer = table1.find((s) => s !== proposer)!;
    for (const [issue, option] of Object.entries(historicalPackage())) await proposer.page.check(`input[name="draft-${issue}"][value="${option}"]`);
    await clickConfirming(proposer.page, "#builder-submit");
    await answerer.page.waitForSelector("#move-accept:not([disabled])", { timeout: 45_000 });
    await clickConfirming(answerer.page, "#move-accept");
    await fac.waitForFunction(() => document.querySelector("#class-tables [data-table='1'] [data-table-phase]")?.getAttribute("data-table-phase") === "ended", undefined, { timeout: 45_000 });

    // The debrief ends table 2 (no deal) and shows both tables on one chart.
    await clickConfirming(fac, "[data-phase-to=debrief]");
    await fac.waitForSelector("#class-debrief svg .marker.deal[data-table='2']", { timeout: 45_000 });
    await expect(fac.locator("#class-debrief svg .marker.deal").count()).resolves.toBe(2);
    await expect(fac.locator("#class-debrief [data-reveal-table]").count()).resolves.toBe(2);
    await e2e.shot(fac, "class-3-debrief", true);

    // The exported CSV: the four students, and each one's utility as the scenario file, the deal and the inject give it.
    const [download] = await Promise.all([fac.waitForEvent("download"), fac.click("#class-export-csv")]);
    const csv = readFileSync((await download.path())!, "utf8").trim().split("\r\n");
    expect(csv[0]).toMatch(/^name,table,delegation,deal_reached,utility,advantage,messages_sent,score_/);
    expect(csv).toHaveLength(5);
    const profiles = profilesAfter([INJECT]);
    const deal = await dealOfTable1(e2e, fac);
    // Utility in points as the screens show it, the raw value and the delegation's id in the last columns.
    const header = csv[0]!.split(",");
    const idColumn = header.indexOf("delegation_id");
    const rawColumn = header.indexOf("utility_raw");
    for (const name of names) {
      const line = csv.find((l) => l.startsWith(`${name},`))!;
      const cells = line.split(",");
      const [, table, , reached, utility] = cells;
      const delegation = cells[idColumn]!;
      expect(`${table}/${delegation}`).toBe(placeOf.get(name));
      const p = profiles.get(delegation)!;
      const expected = table === "1" ? utilityOf(p, deal) : p.reservationValue;
      expect(reached).toBe(table === "1" ? "yes" : "no");
      expect(Number(utility)).toBe(Math.round(expected * 100));
      expect(Number(cells[rawColumn])).toBeCloseTo(expected, 3);
    }
    expect(e2e.pageErrors).toEqual([]);
  }, 300_000);
});

/** The package table 1 agreed on, from its public record once it has ended. */
async function dealOfTable1(e2e: E2E, fac: Page): Promise<Record<string, string>> {
  const matchId = await fac.locator("#class-tables [data-table='1']").getAttribute("data-match-id");
  const res = await fetch(`${e2e.url}/api/matches/${matchId}`);
  // A class table's public record (no facilitator token): the outcome, never the reveal.
  const body = (await res.json()) as { record: string; reveal?: unknown; outcome: { agreement: boolean; package: Record<string, string> } };
  expect(body.record).toBe("public");
  expect(body.reveal).toBeUndefined();
  expect(body.outcome.agreement).toBe(true);
  return body.outcome.package;
}
