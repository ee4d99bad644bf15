// The leak canary (DESIGN principle 4, on the raw bytes). Every delegation's private brief and
// profile carry a unique marker, and so do inject notes, private messages and team notes. Each
// client records every frame it receives — the join, every patch, every message, a reconnection,
// a late join — and no client may ever receive a marker that is not its own before the reveal.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { checkScenario } from "../../shared/scenario/load.ts";
import type { ScenarioInput } from "../../shared/scenario/schema.ts";
import { fixtureData, type FixtureId } from "../helpers/fixtures.ts";
import { Player, framesContain, startTestServer, tempDir, type TestServer } from "./harness.ts";
import { autoplay } from "./play.ts";

const run = randomBytes(4).toString("hex");
const marker = (what: string) => `CANARY-${what}-${run}`;

/** Red lines to mark, on options no deal needs, so the scenarios stay playable. */
const RED_LINES: Record<string, { issue: string; option: string }> = {
  north: { issue: "scope", option: "none" },
  south: { issue: "notification", option: "h24" },
  alpha: { issue: "assistance", option: "fund" },
  beta: { issue: "language", option: "binding" },
  gamma: { issue: "assistance", option: "none" },
  delta: { issue: "assistance", option: "fund" },
};

function markedScenario(id: FixtureId): ScenarioInput {
  const data = fixtureData(id);
  for (const d of data.delegations) {
    d.privateBrief = `${d.privateBrief} ${marker(`brief-${d.id}`)}`;
    const line = RED_LINES[d.id]!;
    d.profile.redLines = [{ ...line, reason: marker(`profile-${d.id}`) }];
    if (d.id === "alpha") d.seats = { min: 1, max: 2 };
  }
  for (const inject of data.injects ?? []) {
    for (const change of inject.changes ?? []) change.note = marker(`note-${change.delegation}`);
  }
  const checked = checkScenario(`${id} (marked)`, data);
  if (!checked.ok) throw new Error(`the marked scenario does not load: ${checked.errors.join("; ")}`);
  return data;
}

let t: TestServer;
let scenariosDir: string;

beforeAll(async () => {
  scenariosDir = tempDir("marked");
  for (const id of ["bilateral-test", "multilateral-test"] as const) {
    mkdirSync(join(scenariosDir, id));
    writeFileSync(join(scenariosDir, id, "scenario.yaml"), YAML.stringify(markedScenario(id)));
  }
  t = await startTestServer({ scenariosDir });
});

afterAll(async () => {
  await t?.close();
  rmSync(scenariosDir, { recursive: true, force: true });
});

const ALL_DELEGATIONS = ["north", "south", "alpha", "beta", "gamma", "delta"];

/** Every marker of the run, and the ones a delegation may see. */
function markers(extra: Record<string, string[]>): { all: string[]; own: (delegation: string | null) => string[] } {
  const byDelegation: Record<string, string[]> = {};
  for (const d of ALL_DELEGATIONS) byDelegation[d] = [marker(`brief-${d}`), marker(`profile-${d}`), marker(`note-${d}`), ...(extra[d] ?? [])];
  const all = [...new Set(Object.values(byDelegation).flat())];
  return { all, own: (d) => (d ? byDelegation[d]! : []) };
}

function expectNoLeak(player: Player, delegation: string | null, known: ReturnType<typeof markers>): void {
  const frames = player.framesBeforeReveal();
  expect(frames.length, `${player.label} recorded frames`).toBeGreaterThan(3);
  const own = new Set(known.own(delegation));
  const leaked = known.all.filter((m) => !own.has(m) && framesContain(frames, m));
  expect(leaked, `${player.label} received markers that are not its own`).toEqual([]);
}

describe("leak canary on the raw frames", () => {
  it("multilateral: team members, private messages, an inject, a reconnection and late joiners", async () => {
    const pmAB = marker("pm-alpha-to-beta");
    const pmBA = marker("pm-beta-to-alpha");
    const team = marker("team-alpha");
    const known = markers({ alpha: [pmAB, pmBA, team], beta: [pmAB, pmBA] });

    const facilitator = await Player.create(t.url, { scenario: "multilateral-test", startWhen: "facilitator", seats: { delta: { kind: "bot", strategy: "linear" } } }, "facilitator");
    const code = (await facilitator.waitFor(() => facilitator.welcome, "welcome")).joinCode!;
    const alpha1 = await Player.join(t.url, facilitator.matchId, { role: "delegation", delegation: "alpha", code }, "alpha1");
    const alpha2 = await Player.join(t.url, facilitator.matchId, { role: "delegation", delegation: "alpha", code }, "alpha2");
    const beta = await Player.join(t.url, facilitator.matchId, { role: "delegation", delegation: "beta", code }, "beta");
    const observer = await Player.join(t.url, facilitator.matchId, { role: "observer", code }, "observer");
    await facilitator.waitFor(() => facilitator.state.delegations.find((d) => d.id === "alpha")?.connected === 2, "two people at alpha");

    await facilitator.must("start");
    await alpha1.waitFor(() => alpha1.state.phase === "running", "the start");
    await alpha1.must("team_note", { text: `keep this in the team ${team}` });
    await alpha1.must("private_message", { to: "beta", text: `between us ${pmAB}` });
    await beta.waitFor(() => beta.seat?.messages.some((m) => m.text.includes(pmAB)), "alpha's private message");
    await beta.must("private_message", { to: "alpha", text: `agreed ${pmBA}` });
    await facilitator.mustDespiteBots("fire_inject", { injectId: "summit" });
    await beta.waitFor(() => beta.seat?.me?.injectNotes.some((n) => n.note.includes("note-beta")), "the inject's note for beta");
    await alpha2.waitFor(() => alpha2.seat?.messages.some((m) => m.text.includes(team)), "the team note at the second alpha member");

    // A dropped connection comes back within the window: its seat and private view are sent again.
    beta.dropConnection();
    await facilitator.waitFor(() => [...facilitator.state.people.values()].some((p) => p.delegation === "beta" && p.status === "reconnecting"), "beta reconnecting");
    await beta.reconnect();
    await beta.waitFor(() => beta.seat?.me?.delegation === "beta" && beta.seat.messages.length === 2, "beta's private view after reconnecting");

    // Late joiners: a person at gamma and another observer.
    const gamma = await Player.join(t.url, facilitator.matchId, { role: "delegation", delegation: "gamma", code }, "gamma");
    const lateObserver = await Player.join(t.url, facilitator.matchId, { role: "observer", code }, "late observer");
    await gamma.waitFor(() => gamma.seat?.me?.privateBrief.includes(marker("brief-gamma")), "gamma's brief");

    // Some negotiating: people propose and vote, the delta bot votes, timeouts move the table on.
    const people: [Player, string][] = [[alpha1, "alpha"], [beta, "beta"], [gamma, "gamma"]];
    const play = people.map(([p, d]) =>
      autoplay(p, d, (s, turn) =>
        s.stage === "proposing"
          ? turn % 2 === 0
            ? ["propose", { package: { language: "voluntary", assistance: "training" } }]
            : ["pass"]
          : ["vote", { accept: d !== "gamma" && s.offer?.package.get(RED_LINES[d]!.issue) !== RED_LINES[d]!.option }],
      ),
    );
    await facilitator.waitFor(() => facilitator.state.round >= 3 || facilitator.state.phase === "ended", "round 3", 20_000);
    if (facilitator.state.phase !== "ended") await facilitator.must("end");
    await Promise.all(play);
    const everyone = [facilitator, alpha1, alpha2, beta, observer, gamma, lateObserver];
    for (const p of everyone) await p.waitFor(() => p.reveal, `${p.label}'s reveal`);

    // Positive controls: each seat did receive its own secrets, so the recording works.
    expect(framesContain(alpha2.frames(), team)).toBe(true);
    expect(framesContain(beta.frames(), marker("note-beta"))).toBe(true);
    expect(framesContain(gamma.frames(), marker("profile-gamma"))).toBe(true);
    // And after the reveal everyone has everything.
    expect(framesContain(observer.frames(), marker("brief-delta"))).toBe(true);

    expectNoLeak(facilitator, null, known);
    expectNoLeak(observer, null, known);
    expectNoLeak(lateObserver, null, known);
    expectNoLeak(alpha1, "alpha", known);
    expectNoLeak(alpha2, "alpha", known);
    expectNoLeak(beta, "beta", known);
    expectNoLeak(gamma, "gamma", known);
    await Promise.all(everyone.map((p) => p.leave()));
  });

  it("bilateral against a bot, and the HTTP API while the game runs", async () => {
    const known = markers({});
    const north = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", seats: { south: { kind: "bot", strategy: "tit-for-tat" } } }, "north");
    await north.waitFor(() => north.state.phase === "running", "the start");
    await north.mustDespiteBots("fire_inject", { injectId: "budget-cut" });
    await north.waitFor(() => north.seat?.me?.injectNotes.length === 1, "north's inject note");

    // Nothing leaves over HTTP while the game runs.
    for (const path of [
      "/api/scenarios",
      "/api/scenarios/bilateral-test",
      "/api/scenarios/multilateral-test",
      `/api/matches/${north.matchId}`,
      `/api/matches/${north.matchId}/transcript.json`,
      `/api/matches/${north.matchId}/transcript.csv`,
      `/api/matches/${north.matchId}/transcript.md`,
    ]) {
      const body = await (await fetch(`${t.url}${path}`)).text();
      expect(known.all.filter((m) => body.includes(m)), path).toEqual([]);
    }

    await autoplay(north, "north", (s, turn) => {
      if (s.offer && s.offer.proposer !== "north") return turn > 4 ? ["accept"] : ["counter", { package: { notification: "h72", funding: "split", scope: "critical" } }];
      return ["propose", { package: { notification: "h24", funding: "split", scope: "critical" } }];
    });
    await north.waitFor(() => north.reveal, "the reveal");
    expectNoLeak(north, "north", known);
    expect(framesContain(north.frames(), marker("note-north"))).toBe(true);
    await north.leave();
  });
});
