// A class session in Bangla, end to end in headless Chromium against a real server: every browser
// asks for Bangla (its languages start with bn-BD, as a Bangladeshi classroom's would), the teacher
// creates a class of the Bangladesh scenario, two students join with the code, one of them on a
// phone, auto-assign seats them, the negotiation sends each to the table, one makes a move there,
// the dashboard follows the table, and the class debrief opens for the teacher and the students.
// On every screen: the Bengali face is loaded (document.fonts.check), no text overflows its box
// (measured: scrollWidth against clientWidth, and scrollHeight where the box clips), the panels
// read in Bangla with Bengali digits; screenshots in test-artifacts/e2e/bangla-class-*.png.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import bnTable from "../../shared/i18n/catalog/bn/table.ts";
import { englishLeft } from "./bangla-checks.ts";
import { chromiumPath, clickConfirming, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const SCENARIO = "bangladesh-capacity-building";

if (!hasChromium && !CI) console.warn(`e2e Bangla class: skipped — no Chromium at ${chromiumPath}`);

/** One person whose browser asks for Bangla first (navigator.languages starts with bn-BD). */
async function banglaPerson(e2e: E2E, viewport: { width: number; height: number }): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport, deviceScaleFactor: 1, locale: "bn-BD" });
  context.setDefaultTimeout(45_000);
  const page = await context.newPage();
  page.on("pageerror", (e) => e2e.pageErrors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().includes("GL Driver")) e2e.pageErrors.push(`console: ${m.text()}`);
  });
  people.push(page);
  return page;
}
const people: Page[] = [];

/** The Bengali face is loaded and the page is in Bangla. */
async function bengaliFace(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  const face = await page.evaluate(async () => {
    await document.fonts.load('16px "Noto Sans Bengali"', "বাংলা");
    return { lang: document.documentElement.lang, loaded: document.fonts.check('16px "Noto Sans Bengali"', "বাংলা") };
  });
  expect(face).toEqual({ lang: "bn", loaded: true });
}

interface Overflow {
  where: string;
  text: string;
  scroll: string;
}

/**
 * The page must not be wider than the window, and every element that holds text of its own and
 * lays out as a box: its text's width (scrollWidth) must fit its box (clientWidth), and where the
 * box clips (overflow not visible), its height too. Text cut short on purpose with an ellipsis is
 * not overflowing.
 */
async function overflowing(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const out: { where: string; text: string; scroll: string }[] = [];
    // The page itself: nothing pushes it wider than the window (a phone never scrolls sideways).
    const page = document.documentElement;
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}`;
    if (page.scrollWidth > window.innerWidth) {
      // Name the outermost elements that reach past the window's right edge.
      const past = (el: Element) => el.getBoundingClientRect().right > window.innerWidth + 1;
      const culprits = [...document.querySelectorAll("body *")].filter((el) => past(el) && (!el.parentElement || !past(el.parentElement))).slice(0, 5);
      out.push({ where: "the page", text: culprits.map(name).join(", "), scroll: `${page.scrollWidth} wide in a ${window.innerWidth} window` });
    }
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      if (el.closest("svg, canvas, select, textarea, input, .visually-hidden, [hidden]")) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== "");
      if (!own) continue;
      const cs = getComputedStyle(el);
      if (cs.display === "inline" || cs.display === "none" || cs.display === "contents" || cs.visibility === "hidden") continue;
      if (el.getClientRects().length === 0) continue;
      if (cs.textOverflow === "ellipsis") continue;
      const wide = el.scrollWidth > el.clientWidth + 1;
      const clips = cs.overflowY !== "visible" || cs.overflowX !== "visible";
      const tall = clips && el.scrollHeight > el.clientHeight + 1;
      if (wide || tall) {
        out.push({
          where: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}`,
          text: (el.textContent ?? "").trim().slice(0, 60),
          scroll: `${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`,
        });
      }
    }
    return out;
  });
}

/**
 * The class dashboard's tables grid: whether the page and the grid's own box scroll sideways
 * (scrollWidth beyond clientWidth), and which rows' open buttons are not wholly within the window's
 * width once the page is scrolled (down only) to bring them to the middle of the screen.
 */
async function gridFits(page: Page): Promise<{ page: string; grid: string; buttonsOffScreen: string[] }> {
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => {
    const fits = (el: Element) => (el.scrollWidth <= el.clientWidth ? "fits" : `${el.scrollWidth} wide in ${el.clientWidth}`);
    const wrap = document.querySelector("#class-tables .class-rows-wrap")!;
    const off: string[] = [];
    const buttons = [...document.querySelectorAll<HTMLElement>("#class-table-rows [data-open-table]")];
    if (buttons.length === 0) off.push("no open button in the grid");
    for (const b of buttons) {
      window.scrollBy(0, b.getBoundingClientRect().top - window.innerHeight / 2);
      const r = b.getBoundingClientRect();
      if (r.width === 0 || r.left < 0 || r.right > window.innerWidth || r.top < 0 || r.bottom > window.innerHeight) off.push(`table ${b.dataset.openTable}: ${Math.round(r.left)}–${Math.round(r.right)} × ${Math.round(r.top)}–${Math.round(r.bottom)} in ${window.innerWidth}×${window.innerHeight}`);
    }
    return { page: fits(document.documentElement), grid: fits(wrap), buttonsOffScreen: off };
  });
}

/** The face is loaded, nothing overflows, and a screenshot is kept. */
async function check(e2e: E2E, page: Page, name: string, fullPage = true): Promise<void> {
  await bengaliFace(page);
  await e2e.shot(page, `bangla-class-${name}`, fullPage);
  expect(await overflowing(page), `text overflowing its box on ${name}`).toEqual([]);
  expect(await englishLeft(page), `English left on a Bangla screen: ${name}`).toEqual([]);
}

describe.skipIf(!hasChromium && !CI)("a class session in Bangla", () => {
  let e2e: E2E;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    // Bots take a moment a move, so the table is still talking while we look at it.
    e2e = await startE2E({ BOT_DELAY_MS: "1500" });
  }, 180_000);

  afterAll(async () => {
    for (const p of people.splice(0)) await p.context().close().catch(() => undefined);
    await e2e?.close();
  });

  it("the teacher's dashboard, two students by code, a move at the table and the class debrief, in Bangla at 1366×768 and 390×844", async () => {
    const fac = await banglaPerson(e2e, DESKTOP);
    await fac.goto(`${e2e.url}/#/teach`);
    await fac.waitForSelector("#class-create");
    await fac.selectOption("#class-scenario", SCENARIO);
    await fac.selectOption("#class-layout", "count");
    await fac.fill("#class-tables", "1");
    await fac.fill("#class-prep", "0");
    // The form in Bangla: the scenario and its delegations by their Bangla names, the default
    // scorecard criteria in Bangla, and the teaching notes' objectives in Bangla (the overlay's).
    await expect(fac.locator("#class-scenario option:checked").textContent()).resolves.toBe("বাংলাদেশের জন্য একটি সাইবার সক্ষমতা উন্নয়ন কর্মসূচি (২০১৮)");
    const whoPlays = await fac.locator(".field label").allTextContents();
    expect(whoPlays).toContain("যুক্তরাষ্ট্র");
    expect(whoPlays).toContain("ইউরোপীয় ইউনিয়ন");
    expect((await fac.inputValue("#class-criteria")).split("\n")).toEqual([bnTable.criteria.understanding, bnTable.criteria.analysis, bnTable.criteria.strategy, bnTable.criteria.communication, bnTable.criteria.teamwork]);
    await fac.waitForSelector("#class-objectives ol li");
    const objectives = await fac.evaluate(() => ({
      points: [...document.querySelectorAll("#class-objectives ol li")].map((li) => li.textContent ?? ""),
      english: document.querySelectorAll("#class-objectives [data-untranslated], #class-objectives [lang=en]").length,
    }));
    expect(objectives.english, "the objectives are not marked as English").toBe(0);
    expect(objectives.points).toHaveLength(5);
    expect(objectives.points[0]).toContain("সক্ষমতা উন্নয়ন");
    expect(objectives.points[4]).toContain("প্যারেটো সীমান্ত");
    await check(e2e, fac, "0-create");
    await fac.click("#class-create");
    const code = (await fac.locator("#class-code-value").textContent())!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    // Two students: one at a desk, one on a phone.
    const students: { name: string; page: Page }[] = [];
    for (const [name, viewport] of [["আমিনা রহমান", DESKTOP], ["তানভীর হাসান", PHONE]] as const) {
      const page = await banglaPerson(e2e, viewport);
      await page.goto(`${e2e.url}/#/join`);
      await page.fill("#join-code", code.toLowerCase());
      await page.click("#join-find");
      await page.fill("#class-name", name);
      await page.click("#class-join-submit");
      await page.waitForSelector("#class-place");
      students.push({ name, page });
    }
    await fac.waitForFunction(() => document.querySelectorAll("#class-student-list [data-student-row]").length === 2);
    // The dashboard in Bangla: its sections' headings, with the count in Bengali digits.
    await expect(fac.locator("#class-students-title").textContent()).resolves.toBe("শিক্ষার্থী (২)");
    await check(e2e, fac, "1-gathering");
    await check(e2e, students[1]!.page, "1-student-phone-waiting");

    await fac.click("#class-auto-assign");
    await fac.waitForFunction(() => [...document.querySelectorAll<HTMLSelectElement>("#class-student-list select")].every((s) => s.value !== ""));

    // The negotiation: the table is set and started, each student is sent to it.
    await fac.click("[data-phase-to=negotiation]");
    for (const s of students) await s.page.waitForURL(/#\/table\/[a-z0-9]+/, { timeout: 45_000 });
    await fac.waitForFunction(() => document.querySelectorAll("#class-tables [data-table-phase=running]").length === 1, undefined, { timeout: 45_000 });
    await expect(fac.locator("#class-tables-title").textContent()).resolves.toBe("টেবিল (১)");
    await expect(fac.locator("#class-tables [data-table='1'] th").first().textContent()).resolves.toBe("টেবিল ১");
    await check(e2e, fac, "2-dashboard");
    // The tables grid (six delegations, the Bangladesh scenario's long names) fits a laptop's
    // screen: neither the page nor the grid scrolls sideways, and each row's open button is on
    // the screen. On a phone each table is a card, and the same holds.
    expect(await gridFits(fac), "the tables grid at 1366×768").toEqual({ page: "fits", grid: "fits", buttonsOffScreen: [] });
    await fac.setViewportSize(PHONE);
    await fac.waitForFunction(() => window.innerWidth === 390 && getComputedStyle(document.querySelector("#class-table-rows tbody")!).display === "block");
    expect(await gridFits(fac), "the tables grid at 390×844").toEqual({ page: "fits", grid: "fits", buttonsOffScreen: [] });
    await fac.evaluate(() => document.querySelector("#class-tables")!.scrollIntoView({ block: "start" }));
    await e2e.shot(fac, "bangla-class-2-dashboard-phone-tables");
    expect(await overflowing(fac), "text overflowing its box on the dashboard on a phone").toEqual([]);
    await fac.setViewportSize(DESKTOP);
    await fac.waitForFunction(() => window.innerWidth === 1366 && getComputedStyle(document.querySelector("#class-table-rows tbody")!).display !== "block");

    // At the table: each student goes from the briefing to the table; whoever may move first does.
    for (const s of students) {
      await s.page.waitForSelector("#go-to-table");
      await s.page.click("#go-to-table");
      await s.page.waitForSelector(".move-box h3");
    }
    const [desk, phone] = students as [{ name: string; page: Page }, { name: string; page: Page }];
    // The table's panels in Bangla: the channels, the proposal builder and the log.
    await expect(desk.page.locator("#chat-tab-public").textContent()).resolves.toContain("প্রকাশ্য");
    await desk.page.waitForSelector("canvas");
    await check(e2e, desk.page, "3-table-desktop", false);
    await check(e2e, phone.page, "3-table-phone", false);

    // A move in Bangla: table a package (the round's proposer) or vote on the one tabled.
    const moved = await Promise.race(
      students.map((s) =>
        s.page
          .waitForSelector("#builder-submit:not([disabled]), #move-vote-reject:not([disabled])", { timeout: 60_000 })
          .then(async (button) => ({ s, id: (await button.getAttribute("id"))! })),
      ),
    );
    await clickConfirming(moved.s.page, `#${moved.id}`);
    await moved.s.page.waitForFunction(() => [...document.querySelectorAll(".log li .when")].some((w) => /দফা [০-৯]+/.test(w.textContent ?? "")), undefined, { timeout: 45_000 });
    await check(e2e, moved.s.page, "4-after-move", false);
    // The package on the canvas at the desk: its cards in Bangla.
    await desk.page.waitForSelector(".offer-block", { timeout: 45_000 });
    await check(e2e, desk.page, "4-table-package-desktop", false);

    // The class debrief: the teacher ends the talks; the chart and the reveal, in Bangla.
    await clickConfirming(fac, "[data-phase-to=debrief]");
    await fac.waitForSelector("#class-debrief svg .marker.deal[data-table='1']", { timeout: 60_000 });
    await expect(fac.locator("#class-debrief-title").textContent()).resolves.toBe("ক্লাসের পর্যালোচনা");
    await expect(fac.locator("#class-debrief-table th").first().textContent()).resolves.toBe("টেবিল");
    await check(e2e, fac, "5-debrief");
    for (const s of students) {
      await s.page.goto(`${e2e.url}/#/class/${await fac.evaluate(() => location.hash.split("/")[2])}`);
      await s.page.waitForSelector("#class-debrief [data-reveal-table='1'], #class-debrief-outcomes", { timeout: 60_000 });
    }
    await check(e2e, desk.page, "6-student-debrief");
    await check(e2e, phone.page, "6-student-debrief-phone");

    // The students' CSV, downloaded from the dashboard: its headings in Bangla.
    const [download] = await Promise.all([fac.waitForEvent("download"), fac.click("#class-export-csv")]);
    const csv = readFileSync((await download.path())!, "utf8").split("\r\n");
    expect(csv[0]).toMatch(/^নাম,টেবিল,প্রতিনিধিদল,সমঝোতা_হয়েছে,/);
    // The default criteria, shown in Bangla in the form, were sent as the standard ones (each reader reads them in their language).
    expect(csv[0]).toContain("নম্বর_understanding-of-the-issues");
    expect(csv.filter((l) => l.startsWith("আমিনা রহমান,") || l.startsWith("তানভীর হাসান,"))).toHaveLength(2);
    expect(e2e.pageErrors).toEqual([]);
  }, 400_000);

  it("the tables grid at its widest in Bangla (a seat nobody came to, flagged with the longest delegation name) fits 1366×768 and a phone", async () => {
    const fac = await banglaPerson(e2e, DESKTOP);
    await fac.goto(`${e2e.url}/#/teach`);
    await fac.waitForSelector("#class-create");
    await fac.selectOption("#class-scenario", SCENARIO);
    await fac.selectOption("#class-layout", "count");
    await fac.fill("#class-tables", "2");
    await fac.fill("#class-prep", "0");
    await fac.click("#class-create");
    const code = (await fac.locator("#class-code-value").textContent())!;
    // A student is seated at table 2 for the government (the longest name), then leaves before the talks.
    const gone = await banglaPerson(e2e, PHONE);
    await gone.goto(`${e2e.url}/#/join/class/${code}`);
    await gone.fill("#class-name", "রুমানা আহমেদ");
    await gone.click("#class-join-submit");
    await gone.waitForSelector("#class-place");
    await fac.waitForFunction(() => document.querySelectorAll("#class-student-list [data-student-row]").length === 1);
    const student = await fac.locator("#class-student-list select").getAttribute("data-student");
    await fac.selectOption(`select[data-student="${student}"]`, "2/gov");
    await gone.waitForFunction(() => /টেবিল ২/.test(document.querySelector("#class-place")?.textContent ?? ""));
    people.splice(people.indexOf(gone), 1);
    await gone.context().close();

    // The talks: bots everywhere else; table 2's government seat is flagged, its name in the flag.
    await fac.click("[data-phase-to=negotiation]");
    await fac.waitForSelector("#class-table-rows tr[data-table='2'][data-attention~='empty'] [data-flag=empty]", { timeout: 45_000 });
    await expect(fac.locator("#class-table-rows tr[data-table='2'] [data-flag=empty]").textContent()).resolves.toContain("বাংলাদেশ সরকার (তথ্য ও যোগাযোগ প্রযুক্তি বিভাগ, বিসিসি ও বিজিডি ই-গভ সার্ট)");
    await fac.waitForFunction(() => document.querySelectorAll("#class-table-rows [data-table-phase=running]").length === 2, undefined, { timeout: 45_000 });
    await check(e2e, fac, "7-dashboard-flagged");
    expect(await gridFits(fac), "the flagged tables grid at 1366×768").toEqual({ page: "fits", grid: "fits", buttonsOffScreen: [] });
    await fac.setViewportSize(PHONE);
    await fac.waitForFunction(() => window.innerWidth === 390 && getComputedStyle(document.querySelector("#class-table-rows tbody")!).display === "block");
    expect(await gridFits(fac), "the flagged tables grid at 390×844").toEqual({ page: "fits", grid: "fits", buttonsOffScreen: [] });
    expect(await overflowing(fac), "text overflowing its box on the flagged dashboard on a phone").toEqual([]);
    await fac.evaluate(() => document.querySelector("#class-tables")!.scrollIntoView({ block: "start" }));
    await e2e.shot(fac, "bangla-class-7-dashboard-flagged-phone-tables");
    expect(e2e.pageErrors).toEqual([]);
  }, 180_000);

  it("the class form's mistakes in Bangla: the teacher's words, the bound in the reader's digits, no English from the schema", async () => {
    const page = await banglaPerson(e2e, DESKTOP);
    await page.goto(`${e2e.url}/#/teach`);
    await page.waitForSelector("#class-create");
    await page.selectOption("#class-scenario", "us-china-2015");
    await page.fill("#class-tables", "500");
    await page.fill("#class-rounds", "abc");
    await page.fill("#class-prep", "abc");
    await page.click("#class-create");
    const noteFor = (id: string) => page.locator(`.field:has(#${id}) .field-error`);
    await expect(noteFor("class-tables").textContent()).resolves.toBe("টেবিল: সর্বোচ্চ ১০০।");
    await expect(noteFor("class-rounds").textContent()).resolves.toBe("দফার সীমা: একটি পূর্ণসংখ্যা লিখুন।");
    await expect(noteFor("class-prep").textContent()).resolves.toBe("প্রস্তুতি: মিনিটের সংখ্যা লিখুন।");
    await check(e2e, page, "form-mistakes");

    // A round limit below the scenario's own: the scenario's rule, in Bangla too.
    await page.fill("#class-tables", "2");
    await page.fill("#class-prep", "5");
    await page.fill("#class-rounds", "3");
    await page.click("#class-create");
    await expect(noteFor("class-rounds").textContent()).resolves.toBe("দফার সীমা: কমপক্ষে ১০, দৃশ্যপটের নিজস্ব সীমা (দফা বাড়ানো যায়, কমানো যায় না)");

    // Latin digits asked for: the bound follows.
    await page.selectOption("#digits-select", "latin");
    await page.waitForFunction(() => document.documentElement.dataset.digits === "latin");
    await page.fill("#class-prep", "9999");
    await page.click("#class-create");
    await expect(noteFor("class-prep").textContent()).resolves.toBe("প্রস্তুতি: সর্বোচ্চ 240।");
    const notes = await page.locator(".field-error").allTextContents();
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note, "English left in a mistake shown in Bangla").not.toMatch(/[A-Za-z]{2,}/);
    expect(e2e.pageErrors).toEqual([]);
  }, 120_000);
});
