// The coach on the wire: the browser's coach (client/panels/coach.ts) is given a SeatView made by
// client/panels/coach-view.ts from what the server sent that seat alone — the synced state (read
// as the client reads it, client/net/view.ts `toView`), the public scenario (GET /api/scenarios/:id)
// and the seat's own snapshot. Played against a real server on loopback with a real SDK client:
// nothing in that input holds the other delegation's brief or profile (their briefs carry markers),
// and the coach does learn from the other side's moves. Also: which tables have the coach on
// (the welcome's `coach`): a solo table by default, a table of people only when asked, never when
// turned off.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { toView } from "../../client/net/view.ts";
import { coachSeatView } from "../../client/panels/coach-view.ts";
import { coach } from "../../shared/coach/index.ts";
import { coachOn } from "../../shared/protocol/options.ts";
import type { PublicScenario } from "../../shared/rules/types.ts";
import { fixtureData } from "../helpers/fixtures.ts";
import { Player, startTestServer, tempDir, type TestServer } from "../server/harness.ts";
import { autoplay } from "../server/play.ts";

const run = randomBytes(4).toString("hex");
const marker = (d: string) => `CANARY-coach-${d}-${run}`;
const data = fixtureData("bilateral-test");
for (const d of data.delegations) d.privateBrief = `${d.privateBrief} ${marker(d.id)}`;
data.injects = [];

let t: TestServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir("coach-wire");
  mkdirSync(join(dir, "bilateral-test"));
  writeFileSync(join(dir, "bilateral-test", "scenario.yaml"), YAML.stringify(data));
  t = await startTestServer({ scenariosDir: dir });
});

afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the browser's coach gets only what the server sent its seat", () => {
  it("in a solo game against the Diplomat: no other delegation's secret in its input, and it learns from their moves", async () => {
    const scenario = (await (await fetch(`${t.url}/api/scenarios/bilateral-test`)).json()) as PublicScenario;
    const north = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", seats: { south: { kind: "bot", strategy: "diplomat" } } }, "north");
    await north.waitFor(() => north.welcome && north.seat && north.state.phase === "running", "the start");
    expect(north.welcome!.coach).toBe(true);

    const south = data.delegations.find((d) => d.id === "south")!;
    const inputs: string[] = [];
    let learned = 0;
    await autoplay(north, "north", (state, turn) => {
      const view = coachSeatView(scenario, toView(state, null), north.seat!);
      expect(view).not.toBeNull();
      inputs.push(JSON.stringify(view));
      const advice = coach(view!, { notification: "h24", funding: "split", scope: "critical" })!;
      const estimate = advice.estimates.find((e) => e.delegation === "south")!;
      if (estimate.moves > 0) learned++;
      // The draft's worth is the seat's own, from its own profile.
      expect(advice.draft!.worth.utility).toBeCloseTo(0.5 * 1 + 0.2 * 0.6 + 0.3 * 0.5, 12);
      if (state.offer && state.offer.proposer !== "north") {
        expect(advice.accept).not.toBeNull();
        if (turn > 4) return ["accept"];
        return ["counter", { package: { notification: "h24", funding: "split", scope: "critical" } }];
      }
      return ["propose", { package: { notification: "h24", funding: "split", scope: "critical" } }];
    });
    expect(inputs.length).toBeGreaterThan(1);
    expect(learned).toBeGreaterThan(0);
    for (const input of inputs) {
      expect(input.includes(marker("south")), "south's brief").toBe(false);
      expect(input.includes(JSON.stringify(south.profile.weights)), "south's weights").toBe(false);
      expect(input.includes(JSON.stringify(south.profile.values)), "south's values").toBe(false);
      // Its own brief is there: the input is the seat's.
      expect(input.includes(marker("north"))).toBe(true);
    }
    await north.leave();
  });
});

describe("which tables have the coach on", () => {
  it("solo by default; people's tables only when asked; never when turned off", async () => {
    const solo = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", seats: { south: { kind: "bot", strategy: "linear" } } }, "solo");
    const soloOff = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", seats: { south: { kind: "bot", strategy: "linear" } }, coach: false }, "solo off");
    const people = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north" }, "people");
    const asked = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", coach: true }, "asked");
    const welcomes = await Promise.all([solo, soloOff, people, asked].map((p) => p.waitFor(() => p.welcome, "welcome")));
    expect(welcomes.map((w) => w.coach)).toEqual([true, false, false, true]);
    await Promise.all([solo, soloOff, people, asked].map((p) => p.leave()));
    // The rule itself, on a three-party table: solo only when every other delegation is a bot.
    const ids = ["a", "b", "c"];
    expect(coachOn({ delegation: "a", seats: { b: { kind: "bot", strategy: "medium" }, c: { kind: "bot", strategy: "medium" } } }, ids)).toBe(true);
    expect(coachOn({ delegation: "a", seats: { b: { kind: "bot", strategy: "medium" } } }, ids)).toBe(false);
    expect(coachOn({ seats: { b: { kind: "bot", strategy: "medium" }, c: { kind: "bot", strategy: "medium" } } }, ids)).toBe(false);
  });
});
