import fs from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { Scenario } from "../scenario/schema.ts";
import { createGame, eventsFor, reveal, viewFor } from "./index.ts";
import { AS_FACILITATOR, Script, deepFreeze } from "./testing.ts";
import type { GameEvent, Viewer } from "./types.ts";

function load(name: string): Scenario {
  const url = new URL(`../../tests/fixtures/scenarios/${name}/scenario.yaml`, import.meta.url);
  return Scenario.parse(YAML.parse(fs.readFileSync(url, "utf8")));
}

const bilateral = load("bilateral-test");
const multilateral = load("multilateral-test");
const NORTH: Viewer = { kind: "delegation", id: "north" };
const SOUTH: Viewer = { kind: "delegation", id: "south" };
const OBSERVER: Viewer = { kind: "observer" };
const FACILITATOR: Viewer = { kind: "facilitator" };

function refused(result: ReturnType<Script["try"]>): { code: string; message: string } {
  if (result.ok) throw new Error("expected a refusal");
  return result;
}

/** A multilateral game with talk on every channel. */
function talkative(): Script {
  const script = new Script(createGame({ ...multilateral, firstMover: "alpha" }, 5));
  script.do("alpha", { type: "statement", text: "  Welcome, colleagues.  " });
  script.do(AS_FACILITATOR, { type: "start" });
  script.do("alpha", { type: "private_message", to: "beta", text: "Alpha to Beta, in confidence." });
  script.do("gamma", { type: "private_message", to: "alpha", text: "Gamma to Alpha, in confidence." });
  script.do("beta", { type: "team_note", text: "Beta's own note." });
  script.do("delta", { type: "statement", text: "Delta speaks to all." });
  return script;
}

describe("talk", () => {
  it("keeps trimmed messages with their channel, round and version", () => {
    const script = talkative();
    expect(script.state.messages.map((m) => [m.channel, m.from, m.to ?? null, m.round])).toEqual([
      ["public", "alpha", null, 0],
      ["private", "alpha", "beta", 1],
      ["private", "gamma", "alpha", 1],
      ["team", "beta", null, 1],
      ["public", "delta", null, 1],
    ]);
    expect(script.state.messages[0]!.text).toBe("Welcome, colleagues.");
    expect(script.state.messages[0]!.id).toBe(`m${script.state.messages[0]!.version}`);
  });

  it("refuses empty and long texts, odd recipients, and talk from outside the delegations", () => {
    const script = talkative();
    expect(refused(script.try("alpha", { type: "statement", text: " \n\t " })).code).toBe("empty_text");
    const long = refused(script.try("alpha", { type: "team_note", text: "x".repeat(2001) }));
    expect(long.code).toBe("text_too_long");
    expect(long.message).toContain("2001");
    script.do("alpha", { type: "team_note", text: `  ${"x".repeat(2000)}  ` });
    expect(refused(script.try("alpha", { type: "private_message", to: "alpha", text: "hi" })).code).toBe("not_allowed");
    expect(refused(script.try("alpha", { type: "private_message", to: "omega", text: "hi" })).code).toBe("unknown_delegation");
    expect(refused(script.try(AS_FACILITATOR, { type: "statement", text: "Order!" })).code).toBe("not_allowed");
    expect(refused(script.try({ kind: "system" }, { type: "statement", text: "tick" })).code).toBe("not_allowed");
  });

  it("sends each message event only to its audience", () => {
    const script = new Script(createGame(multilateral, 5));
    const events: GameEvent[] = [];
    events.push(...script.do("alpha", { type: "private_message", to: "beta", text: "secret" }));
    events.push(...script.do("beta", { type: "team_note", text: "note" }));
    events.push(...script.do("gamma", { type: "statement", text: "public" }));
    const texts = (viewer: Viewer) =>
      eventsFor(events, viewer).map((e) => (e.type === "message" ? e.message.text : e.type));
    expect(texts({ kind: "delegation", id: "alpha" })).toEqual(["secret", "public"]);
    expect(texts({ kind: "delegation", id: "beta" })).toEqual(["secret", "note", "public"]);
    expect(texts({ kind: "delegation", id: "gamma" })).toEqual(["public"]);
    expect(texts(OBSERVER)).toEqual(["public"]);
    expect(texts(FACILITATOR)).toEqual(["public"]);
  });
});

describe("viewFor", () => {
  it("shows a delegation public talk, its own private messages and its own team notes", () => {
    const state = talkative().state;
    const texts = (id: string) => viewFor(state, { kind: "delegation", id }).messages.map((m) => m.text);
    expect(texts("alpha")).toEqual([
      "Welcome, colleagues.",
      "Alpha to Beta, in confidence.",
      "Gamma to Alpha, in confidence.",
      "Delta speaks to all.",
    ]);
    expect(texts("beta")).toEqual(["Welcome, colleagues.", "Alpha to Beta, in confidence.", "Beta's own note.", "Delta speaks to all."]);
    expect(texts("delta")).toEqual(["Welcome, colleagues.", "Delta speaks to all."]);
  });

  it("shows observers and the facilitator no private messages, no team notes, no profiles", () => {
    const state = talkative().state;
    for (const viewer of [OBSERVER, FACILITATOR, { kind: "delegation", id: "omega" } as Viewer]) {
      const view = viewFor(state, viewer);
      expect(view.messages.map((m) => m.channel)).toEqual(["public", "public"]);
      expect(view.me).toBeUndefined();
      const bytes = JSON.stringify(view);
      expect(bytes).not.toContain("in confidence");
      expect(bytes).not.toContain("own note");
      expect(bytes).not.toContain("reservationValue");
      expect(bytes).not.toContain("privateBrief");
      for (const d of multilateral.delegations) expect(bytes).not.toContain(d.privateBrief);
    }
  });

  it("never shows one delegation another's private brief or profile", () => {
    const script = new Script(createGame(bilateral, 2));
    script.do(AS_FACILITATOR, { type: "start" });
    script.do(AS_FACILITATOR, { type: "fire_inject", injectId: "budget-cut" });
    const [north, south] = bilateral.delegations;
    const northView = viewFor(script.state, NORTH);
    const southView = viewFor(script.state, SOUTH);
    expect(northView.me?.privateBrief).toBe(north!.privateBrief);
    expect(southView.me?.privateBrief).toBe(south!.privateBrief);
    expect(southView.me?.profile).toEqual(south!.profile);
    const northBytes = JSON.stringify(northView);
    const southBytes = JSON.stringify(southView);
    expect(northBytes).not.toContain(south!.privateBrief);
    expect(southBytes).not.toContain(north!.privateBrief);
    expect(southBytes).not.toContain("Sharing nothing would make the pact pointless"); // north's red-line reason
    expect(northBytes).not.toContain('"reservationValue":0.3,'); // south's
    expect(southBytes).not.toContain('"reservationValue":0.35');
    expect(southBytes).not.toContain("Money now matters");
    expect(southBytes).not.toContain("phrases");
  });

  it("hides unfired injects from every seat and gives the facilitator the list to fire", () => {
    const script = new Script(createGame(bilateral, 2));
    script.do(AS_FACILITATOR, { type: "start" });
    for (const viewer of [NORTH, SOUTH, OBSERVER, FACILITATOR]) {
      const bytes = JSON.stringify(viewFor(script.state, viewer));
      expect(bytes).not.toContain("A large breach");
      expect(bytes).not.toContain("finance ministry");
    }
    expect(viewFor(script.state, NORTH).injects).toBeUndefined();
    expect(viewFor(script.state, FACILITATOR).injects).toEqual([
      { id: "breach", title: "Breach disclosed", trigger: { round: 3 }, fired: false },
      { id: "budget-cut", title: "Budget cut", trigger: "facilitator", fired: false },
    ]);
  });

  it("gives the public scenario and, after the end, each delegation its own utility", () => {
    const script = new Script(createGame({ ...bilateral, firstMover: "south" }, 2));
    script.do(AS_FACILITATOR, { type: "start" });
    const view = viewFor(script.state, NORTH);
    expect(view.scenario.delegations.map((d) => d.id)).toEqual(["north", "south"]);
    expect(view.scenario.agreement).toEqual({ required: ["north", "south"], quorum: 2 });
    expect(view.myUtility).toBeUndefined();
    script.do("south", { type: "propose", package: { notification: "h72", funding: "split", scope: "critical" } });
    script.do("north", { type: "accept" });
    const end = viewFor(script.state, NORTH);
    expect(end.myUtility).toBeCloseTo(0.5 * 0.5 + 0.2 * 0.6 + 0.3 * 0.5);
    expect(end.outcome).toEqual({
      agreement: true,
      reason: "agreement",
      package: { notification: "h72", funding: "split", scope: "critical" },
      round: 1,
    });
    expect(JSON.stringify(viewFor(script.state, SOUTH))).not.toContain(String(end.myUtility));
    expect(viewFor(script.state, OBSERVER).myUtility).toBeUndefined();
  });

  it("hands out read-only data: the types forbid changing it, and a frozen state cannot be changed through a view", () => {
    const state = deepFreeze(talkative().state);
    const before = JSON.stringify(state);
    const view = viewFor(state, { kind: "delegation", id: "alpha" });
    // The view shares the state's data instead of copying it.
    expect(view.moves).toBe(state.moves);
    expect(view.table).toBe(state.table);
    expect(view.me!.profile).toBe(state.profiles.alpha);
    expect(() => {
      // @ts-expect-error a view's profile is read-only
      view.me!.profile.weights.language = 0;
    }).toThrow(TypeError);
    expect(() => {
      // @ts-expect-error so are its messages
      view.messages[0]!.text = "changed";
    }).toThrow(TypeError);
    expect(() => {
      // @ts-expect-error and its moves
      view.moves.push({ version: 0, round: 0, by: "alpha", type: "pass" });
    }).toThrow(TypeError);
    expect(() => {
      // @ts-expect-error and the public scenario
      view.scenario.issues[0]!.title = "changed";
    }).toThrow(TypeError);
    expect(JSON.stringify(state)).toBe(before);
  });

  it("freezes what every game of a scenario shares (profiles, the public scenario), frozen state or not", () => {
    const first = createGame(bilateral, 1);
    const second = createGame(bilateral, 2);
    expect(second.profiles).toBe(first.profiles);
    const view = viewFor(first, NORTH);
    expect(viewFor(second, SOUTH).scenario).toBe(view.scenario);
    for (const shared of [view.scenario, view.scenario.issues[0]!.options[0]!, view.scenario.agreement.required, view.me!.profile]) {
      expect(Object.isFrozen(shared)).toBe(true);
    }
    expect(Object.isFrozen(view.me!.profile.values.notification)).toBe(true);
    expect(Object.isFrozen(view.me!.profile.redLines)).toBe(true);
    // The scenario itself is left as it was given.
    expect(Object.isFrozen(bilateral.issues)).toBe(false);
    expect(Object.isFrozen(bilateral.delegations[0]!.profile)).toBe(false);
  });

  it("makes fresh views and event lists, sharing the events themselves", () => {
    const script = talkative();
    const a = viewFor(script.state, NORTH);
    const b = viewFor(script.state, NORTH);
    expect(a).not.toBe(b);
    expect(a.viewer).not.toBe(b.viewer);
    expect(a).toEqual(b);
    const events = script.do("alpha", { type: "statement", text: "Once more." });
    const seen = eventsFor(events, OBSERVER);
    expect(seen).not.toBe(events);
    expect(seen[0]).toBe(events[0]);
  });
});

describe("reveal", () => {
  it("gives everything for the debrief", () => {
    const script = new Script(createGame({ ...bilateral, firstMover: "north" }, 2));
    script.do(AS_FACILITATOR, { type: "start" });
    script.do("north", { type: "team_note", text: "Our floor is 0.35." });
    script.do(AS_FACILITATOR, { type: "fire_inject", injectId: "budget-cut" });
    script.do("north", { type: "walk_away" });
    const debrief = reveal(script.state);
    expect(debrief.delegations.map((d) => d.privateBrief)).toEqual(bilateral.delegations.map((d) => d.privateBrief));
    expect(debrief.delegations[0]!.initialProfile.weights).toEqual({ notification: 0.5, funding: 0.2, scope: 0.3 });
    expect(debrief.delegations[0]!.profile.weights).toEqual({ notification: 0.4, funding: 0.4, scope: 0.2 });
    expect(debrief.messages.map((m) => m.text)).toEqual(["Our floor is 0.35."]);
    expect(debrief.outcome?.utilities).toEqual({ north: 0.35, south: 0.3 });
    expect(debrief.injects.map((i) => [i.id, i.fired])).toEqual([
      ["breach", false],
      ["budget-cut", true],
    ]);
  });
});

describe("the debrief reveal and the historical outcome", () => {
  it("carries what really happened for the debrief chart, and views before the end do not", () => {
    const scenario = Scenario.parse(YAML.parse(fs.readFileSync(new URL("../../tests/fixtures/scenarios/bilateral-test/scenario.yaml", import.meta.url), "utf8")));
    const state = createGame(scenario, 1);
    expect(reveal(state).historicalOutcome).toEqual(scenario.historicalOutcome);
    expect(JSON.stringify(viewFor(state, { kind: "delegation", id: "north" }))).not.toContain("historicalOutcome");
  });
});
