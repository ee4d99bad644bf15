// The solo player in Chromium (issue 13): the clock waits on the briefing until "I'm ready"; the
// table shows the move first, says why Accept is not offered, has a Pause instead of a Facilitate
// tab, and cues "your move" in the tab title; the debrief shows the other side's private brief and
// leaves nothing stale under it. A class table: a failed vote says so, "Fire inject" goes after the
// end, and a long name keeps the Facilitate panel's buttons in view.
import { Client, type Room } from "@colyseus/sdk";
import type { Page } from "playwright-core";
import type { SeatSnapshot } from "../../shared/protocol/index.ts";
import { TableState } from "../../shared/state/table.ts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clickConfirming, chromiumPath, hasChromium, startE2E, type E2E } from "./harness.ts";

const CI = process.env.CI === "true";

interface ScenarioInfo {
  id: string;
  delegations: { id: string; name: string }[];
}

async function version(page: Page): Promise<number> {
  return Number((await page.locator(".match").getAttribute("data-version")) ?? "0");
}

async function versionAbove(page: Page, v: number): Promise<void> {
  await page.waitForFunction((seen) => Number(document.querySelector(".match")?.getAttribute("data-version") ?? "0") > seen, v, { timeout: 45_000 });
}

async function match(page: Page, name: string): Promise<string | null> {
  return page.locator(".match").getAttribute(`data-${name}`);
}

async function startSolo(page: Page, url: string, delegation: string, level = "easy"): Promise<void> {
  await page.goto(`${url}/#/practise`);
  await page.waitForSelector("#solo-start");
  await page.fill("#player-name", "Amina Rahman");
  await page.selectOption("#solo-scenario", "us-china-2015");
  await page.selectOption("#solo-delegation", delegation);
  await page.check(`input[name=solo-difficulty][value=${level}]`);
  await page.click("#solo-start");
  await page.waitForSelector(".private-brief-text");
}

describe.skipIf(!hasChromium && !CI)("the solo player and the table", () => {
  let e2e: E2E;
  let scenarios: ScenarioInfo[] = [];
  const name = (scenario: string, delegation: string) =>
    scenarios.find((s) => s.id === scenario)!.delegations.find((d) => d.id === delegation)!.name;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${chromiumPath}: the end-to-end tests cannot run`);
    e2e = await startE2E();
    scenarios = ((await (await fetch(`${e2e.url}/api/scenarios`)).json()) as { scenarios: ScenarioInfo[] }).scenarios;
  }, 180_000);

  afterEach(async () => {
    await e2e?.closePeople();
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it("a solo game's clock starts only after \"I'm ready\"; Pause, the move first, why no Accept, and the other side's brief in the debrief", async () => {
    const { page } = await e2e.person();
    await startSolo(page, e2e.url, "us");

    // The briefing: the table waits for the player. No clock runs, no round has begun, nobody timed out.
    await page.waitForSelector("#briefing-ready");
    await page.waitForSelector(".match[data-phase='waiting']");
    await expect(page.locator(".briefing [role=status]").textContent()).resolves.toContain("when you say you are ready");
    // A table the bots could play would have moved by now if it had started: it has not.
    await page.reload();
    await page.waitForSelector("#briefing-ready");
    expect(await match(page, "phase")).toBe("waiting");
    expect(await match(page, "clock")).toBe("stopped");
    expect(await match(page, "round")).toBe("0");
    expect(await match(page, "moves")).toBe("0");
    expect(await match(page, "timeouts")).toBe("0");
    await expect(page.locator("#status-round").textContent()).resolves.toBe("—/10");
    await e2e.shot(page, "solo-1-briefing-ready");

    await page.click("#briefing-ready");
    await page.waitForSelector(".canvas-wrap canvas", { timeout: 45_000 });
    await page.waitForSelector(".match[data-phase='running']");
    expect(await match(page, "round")).toBe("1");
    expect(await match(page, "timeouts")).toBe("0");

    // A solo player has a Pause, not a Facilitate tab with a join code.
    await expect(page.locator("#tab-facilitate").count()).resolves.toBe(0);
    await expect(page.locator("#fac-join-code").count()).resolves.toBe(0);
    await page.click("#solo-pause");
    await page.waitForSelector(".match[data-phase='paused']");
    await expect(page.locator("#banner-paused").textContent()).resolves.toContain("You paused");
    expect(await match(page, "clock")).toBe("stopped");
    await page.click("#solo-resume");
    await page.waitForSelector(".match[data-phase='running']");

    // Your move: the move box comes first in the side panel, and the tab's title says so.
    await page.waitForSelector("#move-accept, #builder-submit:not([disabled])", { timeout: 45_000 });
    await page.waitForFunction(() => document.title.startsWith("● Your move"));
    const box = await page.locator(".move-box").boundingBox();
    expect(box!.y).toBeLessThan(720);
    const firstButton = await page.locator(".move-box .actions button").first().boundingBox();
    expect(firstButton!.y + firstButton!.height).toBeLessThan(720);
    await e2e.shot(page, "solo-2-table-move-first");

    // The sound is off until the player turns it on; the choice is kept.
    await expect(page.locator("#sound-toggle").getAttribute("aria-pressed")).resolves.toBe("false");
    await page.click("#sound-toggle");
    await expect(page.locator("#sound-toggle").getAttribute("aria-pressed")).resolves.toBe("true");
    expect(await page.evaluate(() => localStorage.getItem("accord:sound"))).toBe("on");
    await page.click("#sound-toggle");
    await expect(page.locator("#sound-toggle").textContent()).resolves.toBe("Sound off");

    // Play on. Whenever China's offer crosses a US red line, the move box says why there is no Accept.
    let sawRedLine = false;
    let sawGlow = false;
    for (let turn = 0; turn < 40; turn++) {
      await page.waitForSelector("#debrief-title, #move-accept:not([disabled]), #builder-submit:not([disabled])", { timeout: 45_000 });
      if (await page.locator("#debrief-title").count()) break;
      const v = await version(page);
      // A new package on the table glows once, unless the player asked for reduced motion.
      const glow = () => page.evaluate(() => {
        const el = document.querySelector(".offer-block.offer-changed");
        return el ? getComputedStyle(el).animationName : null;
      });
      if (!sawGlow && (await glow())) {
        expect(await glow()).toBe("offer-arrived");
        await page.emulateMedia({ reducedMotion: "reduce" });
        expect(await glow()).toBe("none");
        await page.emulateMedia({ reducedMotion: "no-preference" });
        sawGlow = true;
      }
      if (await page.locator("#move-why-no-accept").count()) {
        const why = (await page.textContent("#move-why-no-accept"))!;
        expect(why).toContain(`${name("us-china-2015", "china")} offers the package below, but it crosses your red line`);
        expect(why).not.toContain("Your own offer");
        await expect(page.locator("#move-accept").count()).resolves.toBe(0);
        if (!sawRedLine) {
          await page.evaluate(() => document.querySelector(".tabpanel:not([hidden])")?.scrollTo(0, 0));
          await e2e.shot(page, "solo-3-why-no-accept");
        }
        sawRedLine = true;
      }
      const worthIt = await page.locator(".offer-block .verdict.good").count();
      if ((await page.locator("#move-accept:not([disabled])").count()) && (worthIt || turn >= 8)) {
        await clickConfirming(page, "#move-accept");
      } else if (turn >= 14) {
        await clickConfirming(page, "#move-walk-away");
      } else {
        await page.click(turn < 4 ? "text=Use your ideal package" : "text=Use the package on the table");
        await clickConfirming(page, "#builder-submit");
      }
      await versionAbove(page, v);
    }

    // The debrief reveals the other delegation's private brief; no stale "done" is left under it.
    await page.waitForSelector("#debrief-title", { timeout: 45_000 });
    const other = page.locator("#debrief-briefs [data-delegation='china']");
    await other.waitFor();
    await expect(page.locator("#debrief-briefs [data-delegation='us']").count()).resolves.toBe(0);
    if (!(await other.evaluate((el) => (el as HTMLDetailsElement).open))) await other.locator("summary").click();
    expect((await other.locator(".revealed-brief-text").textContent())!.length).toBeGreaterThan(100);
    await expect(other.textContent()).resolves.toContain(name("us-china-2015", "china"));
    const text = (await page.evaluate(() => document.body.innerText))!;
    expect(text).not.toMatch(/: done\./);
    expect(text).not.toMatch(/\((us|china)\)/);
    await page.evaluate(() => {
      document.querySelector("#debrief-briefs")?.scrollIntoView();
      window.scrollBy(0, -70);
    });
    await e2e.shot(page, "solo-4-debrief-other-brief");
    expect(sawGlow).toBe(true);
    expect(sawRedLine).toBe(true);
    expect(e2e.pageErrors).toEqual([]);
  }, 240_000);

  it("a solo player who goes to the table before the start finds \"I'm ready\" in the move box", async () => {
    const { page } = await e2e.person({ width: 390, height: 844 });
    await startSolo(page, e2e.url, "china", "medium");
    await page.click("#nav-table");
    await page.waitForSelector("#move-start");
    expect(await match(page, "phase")).toBe("waiting");
    expect(await match(page, "clock")).toBe("stopped");
    await expect(page.locator(".move-box h3").textContent()).resolves.toBe("The clock starts when you are ready");
    // On a phone the move box comes before the drawing of the table.
    const move = (await page.locator(".move-box").boundingBox())!;
    const canvas = (await page.locator(".canvas-wrap").boundingBox())!;
    expect(move.y).toBeLessThan(canvas.y);
    await e2e.shot(page, "solo-7-phone-ready-at-table");
    await page.click("#move-start");
    await page.waitForSelector(".match[data-phase='running']");
    expect(await match(page, "round")).toBe("1");
    expect(e2e.pageErrors).toEqual([]);
  }, 120_000);

  it("at a class table a failed vote says so in the log, and after the end no Fire inject is offered; a long name keeps the buttons in view", async () => {
    const sco = "sco-code-of-conduct-2015";
    const { page: fac } = await e2e.person();
    await fac.goto(`${e2e.url}/#/practise`);
    await fac.waitForSelector("#create-submit");
    await fac.fill("#player-name", "Ms Okafor");
    await fac.selectOption("#create-scenario", sco);
    await fac.click("#create-submit");
    const code = (await fac.locator("#fac-join-code").textContent())!;

    // Every delegation is played by a scripted person; one of them has a very long unbroken name.
    const ids = scenarios.find((x) => x.id === sco)!.delegations.map((d) => d.id);
    const rooms = new Map<string, { room: Room; seat: SeatSnapshot }>();
    for (const id of ids) {
      const room = await new Client(e2e.url).joinById(
        (await (await fetch(`${e2e.url}/api/join/${code}`)).json() as { matchId: string }).matchId,
        { role: "delegation", delegation: id, code, name: id === "brazil" ? "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissen" : `Player ${id}` },
        TableState,
      );
      room.onMessage("notice", () => undefined);
      room.onMessage("seat_update", () => undefined);
      room.onMessage("reveal", () => undefined);
      const seat = await new Promise<SeatSnapshot>((resolve) => room.onMessage("seat", resolve));
      rooms.set(id, { room, seat });
    }
    await fac.waitForSelector("#fac-phase:has-text('Running')");

    // The facilitator's seat table keeps its Swap buttons inside the panel.
    const panel = (await fac.locator(".side").boundingBox())!;
    for (const b of await fac.locator("[data-swap]").all()) {
      const box = (await b.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width + 1);
    }
    await fac.locator("[data-swap='brazil']").scrollIntoViewIfNeeded();
    await e2e.shot(fac, "solo-5-facilitator-long-name");

    // The round's proposer tables a package it can sign; China and Russia reject; the others accept where they may.
    const any = rooms.values().next().value!.room;
    const proposerId = any.state.turn;
    const proposer = rooms.get(proposerId)!;
    const profile = proposer.seat.me!.profile;
    const pkg: Record<string, string> = {};
    for (const [issue, values] of Object.entries(profile.values)) {
      pkg[issue] = Object.entries(values).sort((a, b) => b[1] - a[1]).map(([o]) => o).find((o) => !profile.redLines.some((l) => l.issue === issue && l.option === o))!;
    }
    await proposer.room.request("propose", { requestId: "p1", version: proposer.room.state.version, package: pkg });
    const accepts = [proposerId];
    const rejects: string[] = [];
    for (const id of ids) {
      if (id === proposerId) continue;
      const { room, seat } = rooms.get(id)!;
      const mayAccept = !["china", "russia"].includes(id) && !seat.me!.profile.redLines.some((l) => pkg[l.issue] === l.option);
      await room.request("vote", { requestId: `v-${id}`, version: room.state.version, accept: mayAccept });
      (mayAccept ? accepts : rejects).push(id);
    }
    const rejected = rejects.map((id) => name(sco, id));
    const expected = `The text failed: ${accepts.length} of ${ids.length} accepted; ${rejected.slice(0, -1).join(", ")}${rejected.length > 1 ? " and " : ""}${rejected[rejected.length - 1]} rejected.`;
    await fac.click("#tab-log");
    await fac.waitForSelector(`.log li.kind-vote-result.failed:has-text(${JSON.stringify(expected)})`);
    // A sponsor (China or Russia, whichever did not table it) rejected: the text cannot pass.
    expect(rejects.some((id) => id === "china" || id === "russia")).toBe(true);
    await e2e.shot(fac, "solo-6-failed-vote");

    // The facilitator ends the table: the inject block goes, and nothing "done" lingers under the debrief.
    await fac.click("#tab-facilitate");
    await expect(fac.locator("#fac-fire").count()).resolves.toBe(1);
    await clickConfirming(fac, "#fac-end");
    await fac.waitForSelector("#debrief-title");
    await fac.click("#nav-table");
    await fac.waitForSelector(".match[data-phase='ended']");
    await fac.click("#tab-facilitate");
    await expect(fac.locator("#fac-fire").count()).resolves.toBe(0);
    await fac.click("#nav-debrief");
    await fac.waitForSelector("#debrief-title");
    expect(await fac.evaluate(() => document.body.innerText)).not.toMatch(/: done\./);
    for (const { room } of rooms.values()) await room.leave();
    expect(e2e.pageErrors).toEqual([]);
  }, 240_000);
});
