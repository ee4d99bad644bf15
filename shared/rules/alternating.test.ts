import fs from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { Scenario } from "../scenario/schema.ts";
import { apply, createGame, replay, viewFor } from "./index.ts";
import { AS_FACILITATOR, AS_SYSTEM, Script, deepFreeze } from "./testing.ts";
import type { GameState } from "./types.ts";

function load(name: string): Scenario {
  const url = new URL(`../../tests/fixtures/scenarios/${name}/scenario.yaml`, import.meta.url);
  return Scenario.parse(YAML.parse(fs.readFileSync(url, "utf8")));
}

const bilateral = load("bilateral-test");
const GOOD = { notification: "h24", funding: "split", scope: "critical" };
const SOUTHERN = { notification: "week", funding: "north-pays", scope: "critical" };

/** A started bilateral game in which north moves first. */
function started(seed = 1): Script {
  const script = new Script(createGame({ ...bilateral, firstMover: "north" }, seed));
  script.do(AS_FACILITATOR, { type: "start" });
  return script;
}

function refused(result: ReturnType<Script["try"]>): { code: string; message: string } {
  if (result.ok) throw new Error("expected a refusal");
  return result;
}

describe("createGame", () => {
  it("sets up a waiting table from the scenario", () => {
    const state = createGame(bilateral, 7);
    expect(state.phase).toBe("waiting");
    expect(state.version).toBe(0);
    expect(state.round).toBe(0);
    expect(state.order).toEqual(["north", "south"]);
    expect(state.deadlineRounds).toBe(6);
    expect(state.agreement).toEqual({ required: ["north", "south"], quorum: 2 });
    expect(state.profiles.north).toEqual(bilateral.delegations[0]!.profile);
    expect(state.profiles.north).not.toBe(bilateral.delegations[0]!.profile);
  });

  it("picks the first mover with the seeded generator when the scenario does not name one", () => {
    const firsts = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const a = new Script(createGame(bilateral, seed));
      const b = new Script(createGame(bilateral, seed));
      a.do(AS_FACILITATOR, { type: "start" });
      b.do(AS_FACILITATOR, { type: "start" });
      expect(a.state.firstMover).toBe(b.state.firstMover);
      expect(a.state.turn).toBe(a.state.firstMover);
      firsts.add(a.state.firstMover!);
    }
    expect(firsts).toEqual(new Set(["north", "south"]));
  });

  it("refuses a scenario naming an unknown delegation", () => {
    expect(() => createGame({ ...bilateral, firstMover: "east" }, 1)).toThrow(/firstMover names unknown delegation 'east'/);
  });
});

describe("alternating offers on the bilateral fixture", () => {
  it("reaches an agreement: propose then accept", () => {
    const script = started();
    expect(script.events.map((e) => e.type)).toEqual(["started", "round_started", "turn"]);
    script.do("north", { type: "propose", package: GOOD });
    expect(script.state.turn).toBe("south");
    const events = script.do("south", { type: "accept" });
    expect(events.map((e) => e.type)).toEqual(["accepted", "ended"]);
    const outcome = script.state.outcome!;
    expect(outcome.agreement).toBe(true);
    expect(outcome.reason).toBe("agreement");
    expect(outcome.package).toEqual(GOOD);
    expect(outcome.round).toBe(1);
    expect(outcome.utilities.north).toBeCloseTo(0.5 * 1 + 0.2 * 0.6 + 0.3 * 0.5);
    expect(outcome.utilities.south).toBeCloseTo(0.2 * 0 + 0.5 * 0.5 + 0.3 * 0.8);
    const ended = events.find((e) => e.type === "ended")!;
    expect(ended.audience).toBe("all");
    expect(JSON.stringify(ended)).not.toContain("utilities");
    expect(script.state.phase).toBe("ended");
    expect(refused(script.try("north", { type: "statement", text: "Thanks" })).code).toBe("negotiation_over");
  });

  it("counters, rejects and accepts across rounds", () => {
    const script = started();
    script.do("north", { type: "propose", package: GOOD });
    script.do("south", { type: "counter", package: SOUTHERN });
    expect(script.state.round).toBe(2);
    expect(script.state.turn).toBe("north");
    expect(script.state.table).toMatchObject({ proposer: "south", package: SOUTHERN, round: 1 });
    script.do("north", { type: "reject" });
    expect(script.state.table).toBeNull();
    expect(script.state.turn).toBe("north"); // the rejecter keeps the turn
    script.do("north", { type: "propose", package: { notification: "h72", funding: "split", scope: "critical" } });
    script.do("south", { type: "accept" });
    expect(script.state.outcome).toMatchObject({ agreement: true, round: 2 });
    expect(script.state.moves.map((m) => `${m.by}:${m.type}`)).toEqual([
      "north:propose",
      "south:counter",
      "north:reject",
      "north:propose",
      "south:accept",
    ]);
  });

  it("ends at the deadline with reservation values, firing the round-3 inject on the way", () => {
    const script = started();
    for (let turn = 0; turn < 4; turn++) script.do(script.state.turn!, { type: "pass" });
    expect(script.state.round).toBe(3);
    const types = script.events.map((e) => e.type);
    expect(types).toEqual(["passed", "round_started", "inject_fired", "profile_changed", "turn"]);
    const changed = script.events.find((e) => e.type === "profile_changed")!;
    expect(changed.audience).toEqual({ delegations: ["south"] });
    expect(script.state.firedInjects).toEqual(["breach"]);
    expect(script.state.profiles.south!.reservationValue).toBe(0.25);
    for (let turn = 0; turn < 7; turn++) script.do(script.state.turn!, { type: "pass" });
    expect(script.state.phase).toBe("running");
    expect(script.state.round).toBe(6);
    script.do(script.state.turn!, { type: "pass" });
    expect(script.state.outcome).toEqual({
      agreement: false,
      reason: "deadline",
      package: null,
      utilities: { north: 0.35, south: 0.25 },
      round: 6,
    });
  });

  it("extends the deadline", () => {
    const script = started();
    script.do(AS_FACILITATOR, { type: "extend", rounds: 2 });
    expect(script.state.deadlineRounds).toBe(8);
    for (let turn = 0; turn < 15; turn++) script.do(script.state.turn!, { type: "pass" });
    expect(script.state.round).toBe(8);
    script.do(script.state.turn!, { type: "pass" });
    expect(script.state.outcome?.reason).toBe("deadline");
    expect(refused(started().try(AS_FACILITATOR, { type: "extend", rounds: 0 })).code).toBe("bad_action");
    expect(refused(started().try(AS_FACILITATOR, { type: "extend", rounds: 101 })).code).toBe("bad_action");
  });

  it("ends when a delegation walks away", () => {
    const script = started();
    script.do("north", { type: "propose", package: GOOD });
    script.do("south", { type: "walk_away" });
    expect(script.state.outcome).toEqual({
      agreement: false,
      reason: "walked_away",
      package: null,
      utilities: { north: 0.35, south: 0.3 },
      round: 1,
      by: "south",
    });
    expect(refused(script.try("north", { type: "propose", package: GOOD })).code).toBe("negotiation_over");
  });

  it("ends when the facilitator ends it", () => {
    const script = started();
    script.do(AS_FACILITATOR, { type: "end" });
    expect(script.state.outcome).toMatchObject({ agreement: false, reason: "ended_by_facilitator" });
    expect(refused(script.try(AS_FACILITATOR, { type: "resume" })).code).toBe("negotiation_over");
  });

  it("times the turn holder out as a pass", () => {
    const script = started();
    const events = script.do(AS_SYSTEM, { type: "timeout" });
    expect(events[0]).toMatchObject({ type: "passed", by: "north", timeout: true });
    expect(script.state.turn).toBe("south");
    expect(script.state.moves.at(-1)).toMatchObject({ type: "timeout", by: "north" });
    expect(refused(script.try("south", { type: "timeout" })).code).toBe("not_allowed");
    script.do(AS_FACILITATOR, { type: "timeout" });
    expect(script.state.turn).toBe("north");
  });

  it("refuses moves out of turn and against the table, with messages naming what was wrong", () => {
    const script = started();
    const outOfTurn = refused(script.try("south", { type: "pass" }));
    expect(outOfTurn).toEqual({ ok: false, code: "not_your_turn", message: "pass: it is north's turn, not south's" });
    expect(refused(script.try("north", { type: "accept" })).code).toBe("nothing_on_table");
    expect(refused(script.try("north", { type: "counter", package: GOOD })).code).toBe("nothing_on_table");
    expect(refused(script.try("north", { type: "vote", accept: true })).code).toBe("wrong_protocol");
    script.do("north", { type: "propose", package: GOOD });
    expect(refused(script.try("north", { type: "accept" })).code).toBe("not_your_turn");
    expect(refused(script.try("south", { type: "propose", package: SOUTHERN })).code).toBe("offer_on_table");
    script.do("south", { type: "pass" });
    expect(refused(script.try("north", { type: "accept" })).code).toBe("own_offer");
    expect(refused(script.try("north", { type: "reject" })).code).toBe("own_offer");
    script.do("north", { type: "propose", package: { ...GOOD, funding: "south-pays" } }); // replaces its own offer
    expect(script.state.table?.package.funding).toBe("south-pays");
    const accept = refused(script.try("north", { type: "accept" }));
    expect(accept.message).toBe("accept: it is south's turn, not north's");
  });

  it("checks packages: unknown issue, unknown option, incomplete", () => {
    const script = started();
    const unknownIssue = refused(script.try("north", { type: "propose", package: { ...GOOD, budget: "high" } }));
    expect(unknownIssue.code).toBe("unknown_issue");
    expect(unknownIssue.message).toContain("budget");
    const unknownOption = refused(script.try("north", { type: "propose", package: { ...GOOD, scope: "most" } }));
    expect(unknownOption.code).toBe("unknown_option");
    expect(unknownOption.message).toContain("scope");
    expect(unknownOption.message).toContain("most");
    const incomplete = refused(script.try("north", { type: "propose", package: { notification: "h24" } }));
    expect(incomplete.code).toBe("incomplete_package");
    expect(incomplete.message).toContain("funding");
  });

  it("refuses a package crossing the delegation's own red line", () => {
    const script = started();
    const crossing = { ...GOOD, scope: "none" };
    const own = refused(script.try("north", { type: "propose", package: crossing }));
    expect(own.code).toBe("red_line");
    expect(own.message).toContain("scope = none");
    script.do("north", { type: "pass" });
    script.do("south", { type: "propose", package: crossing }); // south has no such red line
    const accept = refused(script.try("north", { type: "accept" }));
    expect(accept.code).toBe("red_line");
    expect(accept.message).toContain("scope = none");
    expect(refused(script.try("north", { type: "counter", package: crossing })).code).toBe("red_line");
    script.do("north", { type: "counter", package: GOOD });
  });

  it("refuses stale versions, but talk does not make a pending accept stale", () => {
    const script = started();
    script.do("north", { type: "propose", package: GOOD });
    const seen = script.state.version;
    script.do("north", { type: "statement", text: "A fair offer." });
    script.do("south", { type: "private_message", to: "north", text: "Give me a moment." });
    script.do(AS_FACILITATOR, { type: "pause" });
    script.do(AS_FACILITATOR, { type: "resume" });
    expect(script.state.version).toBe(seen + 4);
    expect(script.state.tableVersion).toBe(seen);
    const future = refused(script.try("south", { type: "accept" }, script.state.version + 1));
    expect(future.code).toBe("stale_version");
    script.do("south", { type: "accept" }, seen);
    expect(script.state.outcome?.agreement).toBe(true);

    const other = started();
    const before = other.state.version;
    other.do("north", { type: "propose", package: GOOD });
    const stale = refused(other.try("south", { type: "accept" }, before));
    expect(stale.code).toBe("stale_version");
    expect(stale.message).toContain(`version ${before}`);
  });

  it("refuses a duplicate action id", () => {
    const script = started();
    const action = script.action("north", { type: "propose", package: GOOD });
    const first = apply(script.state, action);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const again = apply(first.state, { ...action, version: first.state.version });
    expect(again).toMatchObject({ ok: false, code: "duplicate_action" });
  });

  it("checks the actor before the phase", () => {
    const game = new Script(createGame(bilateral, 1));
    expect(refused(game.try("north", { type: "start" })).code).toBe("not_allowed");
    expect(refused(game.try(AS_FACILITATOR, { type: "propose", package: GOOD })).code).toBe("not_allowed");
    expect(refused(game.try("east", { type: "pass" })).code).toBe("unknown_delegation");
    expect(refused(game.try("north", { type: "pass" })).code).toBe("not_started");
    expect(refused(game.try(AS_FACILITATOR, { type: "pause" })).code).toBe("not_started");
    game.do("north", { type: "statement", text: "Before we begin…" }); // talk is allowed while waiting
    game.do(AS_FACILITATOR, { type: "start" });
    expect(refused(game.try(AS_FACILITATOR, { type: "start" })).code).toBe("already_started");
    expect(refused(game.try(AS_FACILITATOR, { type: "resume" })).code).toBe("not_paused");
  });

  it("pause blocks moves but allows talk, injects, extensions and resume", () => {
    const script = started();
    script.do(AS_FACILITATOR, { type: "pause" });
    expect(refused(script.try("north", { type: "propose", package: GOOD })).code).toBe("paused");
    expect(refused(script.try(AS_SYSTEM, { type: "timeout" })).code).toBe("paused");
    expect(refused(script.try(AS_FACILITATOR, { type: "pause" })).code).toBe("paused");
    script.do("north", { type: "statement", text: "While we wait." });
    script.do("south", { type: "team_note", text: "Coffee." });
    script.do(AS_FACILITATOR, { type: "extend", rounds: 1 });
    script.do(AS_FACILITATOR, { type: "fire_inject", injectId: "budget-cut" });
    script.do(AS_FACILITATOR, { type: "resume" });
    script.do("north", { type: "propose", package: GOOD });
  });

  it("fires facilitator injects once, privately changing one profile", () => {
    const script = started();
    expect(refused(script.try(AS_FACILITATOR, { type: "fire_inject", injectId: "nope" })).code).toBe("unknown_inject");
    const events = script.do(AS_FACILITATOR, { type: "fire_inject", injectId: "budget-cut" });
    expect(events).toEqual([
      {
        type: "inject_fired",
        injectId: "budget-cut",
        title: "Budget cut",
        text: "The northern finance ministry announces a budget cut.",
        audience: "all",
        version: script.state.version,
      },
      {
        type: "profile_changed",
        delegation: "north",
        injectId: "budget-cut",
        note: "Money now matters as much as speed.",
        audience: { delegations: ["north"] },
        version: script.state.version,
      },
    ]);
    expect(script.state.profiles.north!.weights).toEqual({ notification: 0.4, funding: 0.4, scope: 0.2 });
    expect(script.state.profiles.north!.values).toEqual(bilateral.delegations[0]!.profile.values);
    expect(refused(script.try(AS_FACILITATOR, { type: "fire_inject", injectId: "budget-cut" })).code).toBe(
      "inject_already_fired",
    );

    const north = viewFor(script.state, { kind: "delegation", id: "north" });
    expect(north.me!.profile.weights).toEqual({ notification: 0.4, funding: 0.4, scope: 0.2 });
    expect(north.me!.injectNotes).toEqual([{ injectId: "budget-cut", note: "Money now matters as much as speed." }]);
    const south = viewFor(script.state, { kind: "delegation", id: "south" });
    expect(south.firedInjects).toEqual([
      { id: "budget-cut", title: "Budget cut", text: "The northern finance ministry announces a budget cut." },
    ]);
    const southBytes = JSON.stringify(south);
    expect(southBytes).not.toContain("Money now matters");
    expect(southBytes).not.toContain('"notification":0.4');
    expect(south.me!.injectNotes).toEqual([]);

    // The outcome uses the current profile.
    script.do("north", { type: "propose", package: GOOD });
    script.do("south", { type: "accept" });
    expect(script.state.outcome!.utilities.north).toBeCloseTo(0.4 * 1 + 0.4 * 0.6 + 0.2 * 0.5);
  });

  it("lets the facilitator fire a round-triggered inject early, and then not again", () => {
    const script = started();
    script.do(AS_FACILITATOR, { type: "fire_inject", injectId: "breach" });
    for (let turn = 0; turn < 4; turn++) script.do(script.state.turn!, { type: "pass" });
    expect(script.state.round).toBe(3);
    expect(script.events.map((e) => e.type)).not.toContain("inject_fired");
    expect(script.state.firedInjects).toEqual(["breach"]);
  });

  it("never mutates its input, accepted or refused", () => {
    const script = started();
    const before = JSON.stringify(script.state);
    const frozen = deepFreeze(script.state);
    const ok = apply(frozen, script.action("north", { type: "propose", package: GOOD }));
    expect(ok.ok).toBe(true);
    const bad = apply(frozen, script.action("south", { type: "propose", package: GOOD }));
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(frozen)).toBe(before);
  });

  it("never throws for garbage", () => {
    const state = started().state;
    const garbage: unknown[] = [
      null,
      undefined,
      3,
      "accept",
      [],
      {},
      { type: "accept" },
      { type: "accept", actionId: "x", version: 1, by: null },
      { type: "accept", actionId: "x", version: "1", by: { kind: "delegation", id: "north" } },
      { type: "propose", actionId: "x", version: 1, by: { kind: "delegation", id: "north" }, package: "all" },
      { type: "vote", actionId: "x", version: 1, by: { kind: "delegation", id: "north" } },
      Object.defineProperty({}, "type", {
        get() {
          throw new Error("boom");
        },
      }),
    ];
    for (const action of garbage) {
      const result = apply(state, action as never);
      expect(result).toMatchObject({ ok: false });
      if (!result.ok) expect(result.code).toBe("bad_action");
    }
    const proto = apply(state, {
      type: "propose",
      actionId: "p",
      version: state.version,
      by: { kind: "delegation", id: "north" },
      package: JSON.parse('{"__proto__": "x", "notification": "h24", "funding": "split", "scope": "all"}'),
    });
    expect(proto).toMatchObject({ ok: false, code: "unknown_issue" });
  });

  it("replays the log to the same bytes", () => {
    const script = started(99);
    script.do("north", { type: "statement", text: "Let us begin." });
    script.do("north", { type: "propose", package: GOOD });
    script.do("south", { type: "private_message", to: "north", text: "Closer on money?" });
    script.do("south", { type: "counter", package: SOUTHERN });
    script.do(AS_FACILITATOR, { type: "fire_inject", injectId: "budget-cut" });
    script.do("north", { type: "reject" });
    script.do("north", { type: "pass" });
    script.do("south", { type: "propose", package: GOOD });
    script.do("north", { type: "accept" });
    const replayed: GameState = replay({ ...bilateral, firstMover: "north" }, 99, script.log);
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(script.state));
    const corrupt = [...script.log];
    corrupt.splice(2, 1, { ...script.log[2]!, by: { kind: "facilitator" } });
    expect(() => replay({ ...bilateral, firstMover: "north" }, 99, corrupt)).toThrow(/action 2 .* was refused: not_allowed/);
  });
});
