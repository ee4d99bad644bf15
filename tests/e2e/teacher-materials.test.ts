// The teacher's materials in Chromium against a real server: the projector view's QR code decodes
// (jsQR, on the canvas's pixels) to the join link shown under it, and that link opens the join
// page with the class code filled in, where a student joins; the teaching notes render the
// scenario's Markdown (a <script>, an onerror and a javascript: link in the notes never run); the
// briefs print one page per delegation; and only the facilitator's token reads any of it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jsQR from "jsqr";
import type { Page } from "playwright-core";
import { parse } from "yaml";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { artifacts, chromiumPath, hasChromium, root, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";
const SCENARIO = "us-china-2015";

/** What a hostile or careless notes file might hold: none of it may run in the teacher's page. */
const HOSTILE = `

## A test of the sanitiser

<script>window.__notesRan = "script"</script>
<img src="x" onerror="window.__notesRan = 'onerror'" alt="broken">
[a link that must not run](javascript:window.__notesRan='link')
`;

/** The QR code drawn on `selector`'s canvas, decoded from its pixels. */
async function decodeQr(page: Page, selector: string): Promise<string | null> {
  const { width, height, data } = await page.locator(selector).evaluate((canvas: HTMLCanvasElement) => {
    const img = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
    return { width: img.width, height: img.height, data: Array.from(img.data) };
  });
  return jsQR(Uint8ClampedArray.from(data), width, height)?.data ?? null;
}

describe.skipIf(!hasChromium && !CI)("the teacher's materials", () => {
  let e2e: E2E;
  let scenarios: string;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    // The real scenario, its notes with a hostile section appended.
    scenarios = mkdtempSync(join(tmpdir(), "accord-materials-"));
    cpSync(join(root, "scenarios", SCENARIO), join(scenarios, SCENARIO), { recursive: true });
    const notes = join(scenarios, SCENARIO, "facilitator.md");
    writeFileSync(notes, readFileSync(notes, "utf8") + HOSTILE);
    e2e = await startE2E({ SCENARIOS_DIR: scenarios });
  }, 180_000);

  afterEach(async () => {
    await e2e?.closePeople();
  });

  afterAll(async () => {
    await e2e?.close();
    if (scenarios) rmSync(scenarios, { recursive: true, force: true });
  });

  it("projects the class code with a QR code of the join link; the notes render without running scripts; the briefs print a page per delegation", async () => {
    const doc = parse(readFileSync(join(root, "scenarios", SCENARIO, "scenario.yaml"), "utf8")) as { delegations: { id: string; name: string; privateBrief: string }[]; sources: { date?: string }[] };
    const { page: fac } = await e2e.person({ width: 1366, height: 768 });
    await fac.goto(`${e2e.url}/#/teach`);
    await fac.waitForSelector("#class-create");
    await fac.selectOption("#class-scenario", SCENARIO);
    // The objectives are shown while the class is set up.
    await fac.waitForSelector("#class-objectives .markdown ol li");
    await e2e.shot(fac, "teach-objectives");
    await fac.fill("#class-prep", "0");
    await fac.click("#class-create");
    const code = (await fac.locator("#class-code-value").textContent())!;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const sessionId = /#\/class\/([a-z0-9]+)/.exec(fac.url())![1]!;

    // The projector.
    await fac.click("#class-projector");
    await fac.waitForSelector("#projector-qr[data-ready]");
    await expect(fac.locator("#projector-code").textContent()).resolves.toBe(code);
    const link = (await fac.locator("#projector-link").textContent())!;
    expect(link).toBe(`${e2e.url}/#/join/class/${code}`);
    expect(await decodeQr(fac, "#projector-qr")).toBe(link);
    await e2e.shot(fac, "projector");

    // A student scans it: the join page with the code filled in; one name and they are in.
    const { page: student } = await e2e.person({ width: 412, height: 860 });
    await student.goto(link);
    await student.waitForSelector("#class-name");
    await e2e.shot(student, "join-by-qr-phone");
    await expect(student.locator("#join-code").inputValue()).resolves.toBe(code);
    await student.fill("#class-name", "Tomás Silva");
    await student.click("#class-join-submit");
    await student.waitForSelector("#class-place:has-text('Waiting for the facilitator')");

    // The teaching notes, from the class's facilitator screen.
    await fac.goBack();
    await fac.click("#class-notes");
    const notes = fac.locator("#teaching-notes");
    await notes.locator("h2:has-text('Debrief questions')").waitFor();
    await expect(notes.locator("h2:has-text('What actually happened')").count()).resolves.toBe(1);
    await expect(notes.locator("table").count()).resolves.toBeGreaterThan(0);
    await notes.locator("h2:has-text('A test of the sanitiser')").waitFor();
    await expect(notes.locator("script, [onerror]").count()).resolves.toBe(0);
    await expect(notes.locator("a[href^='javascript']").count()).resolves.toBe(0);
    await e2e.shot(fac, "teaching-notes");
    await notes.locator("text=a link that must not run").click();
    expect(await fac.evaluate(() => (window as unknown as { __notesRan?: string }).__notesRan ?? null)).toBeNull();

    // The printable briefs: a cover with the dated sources, then one page per delegation.
    await fac.click("#nav-print");
    await fac.waitForSelector("#print-sheets .print-delegation");
    await expect(fac.locator("#print-sources tbody tr").count()).resolves.toBe(doc.sources.length);
    const pages = fac.locator("#print-sheets .print-delegation");
    await expect(pages.count()).resolves.toBe(doc.delegations.length);
    for (const [i, d] of doc.delegations.entries()) {
      const sheet = pages.nth(i);
      await expect(sheet.locator("h1").textContent()).resolves.toBe(d.name);
      await expect(sheet.locator(".private-brief-text").textContent()).resolves.toContain(d.privateBrief.trim().split(/\s+/).slice(0, 6).join(" "));
      await expect(sheet.locator(".print-priorities tbody tr").count()).resolves.toBeGreaterThan(0);
      await expect(sheet.locator(".print-walkaway").textContent()).resolves.toMatch(/Walk-away value: \d+ out of 100/);
    }
    await fac.emulateMedia({ media: "print" });
    await expect(fac.locator(".topbar").isVisible()).resolves.toBe(false);
    await expect(fac.locator("#print-briefs").isVisible()).resolves.toBe(false);
    await e2e.shot(fac, "print-briefs", true);
    const pdf = await fac.pdf({ path: join(artifacts, "print-briefs.pdf"), format: "A4" });
    // One page for the cover and at least one per delegation (a long brief may run over).
    const pageCount = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pageCount).toBeGreaterThanOrEqual(1 + doc.delegations.length);
    await fac.emulateMedia({ media: "screen" });

    // Only the facilitator reads the materials: not a student, not a passer-by.
    const studentToken = await student.evaluate(() => {
      const all = JSON.parse(localStorage.getItem("cyber-accord.classes.v1") ?? "{}") as Record<string, { studentToken?: string }>;
      return Object.values(all)[0]?.studentToken ?? null;
    });
    const facToken = await fac.evaluate((id) => (JSON.parse(localStorage.getItem("cyber-accord.classes.v1") ?? "{}") as Record<string, { facilitatorToken?: string }>)[id]?.facilitatorToken ?? null, sessionId);
    expect(facToken).toBeTruthy();
    const read = (token?: string | null) => fetch(`${e2e.url}/api/materials/class/${sessionId}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await read()).status).toBe(403);
    if (studentToken) expect((await read(studentToken)).status).toBe(403);
    const full = (await (await read(facToken)).json()) as { notes: string; objectives: string; delegations: { privateBrief: string }[] };
    expect(full.notes).toContain("## What actually happened");
    expect(full.delegations).toHaveLength(doc.delegations.length);
    const open = (await (await fetch(`${e2e.url}/api/materials/scenario/${SCENARIO}`)).json()) as Record<string, unknown>;
    // The section's body, without its heading (as a translation's objectives are), but the whole of it.
    expect(open.objectives).not.toMatch(/^#/);
    expect(open.objectives).toBe(full.objectives);
    expect(full.notes).toContain(open.objectives);
    expect(open).not.toHaveProperty("notes");
    expect(open).not.toHaveProperty("delegations");
    // The student who tries the print route sees no briefs.
    await student.goto(`${e2e.url}/#/print/class/${sessionId}`);
    await student.waitForSelector("text=The materials could not be loaded");
    await expect(student.locator(".print-delegation").count()).resolves.toBe(0);
    expect(e2e.pageErrors.filter((e) => !/status of (403|404)/.test(e))).toEqual([]);
  }, 180_000);

  it("projects a table's code: its QR code opens the join page on that table's seats; its facilitator prints the briefs", async () => {
    const { page: fac } = await e2e.person({ width: 1366, height: 768 });
    await fac.goto(`${e2e.url}/#/practise`);
    await fac.waitForSelector("#create-submit");
    await fac.selectOption("#create-scenario", SCENARIO);
    await fac.click("#create-submit");
    const code = (await fac.locator("#fac-join-code").textContent())!;
    await fac.click("#fac-projector");
    await fac.waitForSelector("#projector-qr[data-ready]");
    const link = (await decodeQr(fac, "#projector-qr"))!;
    expect(link).toBe(`${e2e.url}/#/join/table/${code}`);
    const { page: player } = await e2e.person();
    await player.goto(link);
    await player.getByRole("button", { name: /^Sit at / }).first().waitFor();
    await expect(player.locator("#join-code").inputValue()).resolves.toBe(code);

    // The table's own facilitator prints its briefs; nobody else reads them.
    await fac.goBack();
    await fac.click("#fac-print");
    await fac.waitForSelector("#print-sheets .print-delegation");
    const matchId = /#\/print\/table\/([a-z0-9]+)/.exec(fac.url())![1]!;
    expect((await fetch(`${e2e.url}/api/materials/table/${matchId}`)).status).toBe(403);
    expect((await fetch(`${e2e.url}/api/materials/table/${matchId}`, { headers: { authorization: "Bearer not-the-token" } })).status).toBe(403);
    expect(e2e.pageErrors.filter((e) => !/status of (403|404)/.test(e))).toEqual([]);
  }, 120_000);
});
