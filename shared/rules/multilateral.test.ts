import fs from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { Scenario } from "../scenario/schema.ts";
import { createGame, replay } from "./index.ts";
import { AS_FACILITATOR, AS_SYSTEM, Script } from "./testing.ts";

function load(name: string): Scenario {
  const url = new URL(`../../tests/fixtures/scenarios/${name}/scenario.yaml`, import.meta.url);
  return Scenario.parse(YAML.parse(fs.readFileSync(url, "utf8")));
}

const multilateral = load("multilateral-test");
const TRAINING = { language: "binding", assistance: "training" };
const FUND = { language: "voluntary", assistance: "fund" };

function started(scenario: Scenario = { ...multilateral, firstMover: "alpha" }, seed = 3): Script {
  const script = new Script(createGame(scenario, seed));
  script.do(AS_FACILITATOR, { type: "start" });
  return script;
}

function refused(result: ReturnType<Script["try"]>): { code: string; message: string } {
  if (result.ok) throw new Error("expected a refusal");
  return result;
}

describe("multilateral voting on the multilateral fixture", () => {
  it("takes required delegations from both places and the quorum from the scenario", () => {
    const state = createGame(multilateral, 1);
    expect(state.agreement).toEqual({ required: ["alpha", "delta"], quorum: 3 });
    expect(state.order).toEqual(["alpha", "beta", "gamma", "delta"]);
  });

  it("adopts a package every required delegation and a quorum accept", () => {
    const script = started();
    expect(script.state.turn).toBe("alpha");
    expect(script.state.stage).toBe("proposing");
    script.do("alpha", { type: "propose", package: TRAINING });
    expect(script.state.stage).toBe("voting");
    expect(script.state.table?.responses).toEqual({ alpha: "accept" });
    // Votes come in any order, each against the version at which the package was tabled.
    const tabled = script.state.version;
    script.do("delta", { type: "vote", accept: true }, tabled);
    script.do("beta", { type: "vote", accept: false }, tabled);
    expect(script.state.tableVersion).toBe(tabled);
    const events = script.do("gamma", { type: "vote", accept: true }, tabled);
    expect(events.map((e) => e.type)).toEqual(["voted", "vote_closed", "ended"]);
    expect(events[1]).toMatchObject({ adopted: true, accepts: ["alpha", "gamma", "delta"], rejects: ["beta"] });
    const outcome = script.state.outcome!;
    expect(outcome).toMatchObject({ agreement: true, reason: "agreement", package: TRAINING, round: 1 });
    expect(outcome.utilities.alpha).toBeCloseTo(0.6 * 1 + 0.4 * 0.6);
    expect(outcome.utilities.beta).toBeCloseTo(0.5 * 0.2 + 0.5 * 0.5);
  });

  it("does not adopt without a required delegation, and moves the proposer on", () => {
    const script = started();
    script.do("alpha", { type: "propose", package: FUND });
    script.do("beta", { type: "vote", accept: true });
    script.do("gamma", { type: "vote", accept: true });
    const events = script.do("delta", { type: "vote", accept: false });
    expect(events.map((e) => e.type)).toEqual(["voted", "vote_closed", "round_started", "turn"]);
    expect(script.state.phase).toBe("running");
    expect(script.state.round).toBe(2);
    expect(script.state.turn).toBe("beta");
    expect(script.state.stage).toBe("proposing");
    expect(script.state.table).toBeNull();
  });

  it("does not adopt without the quorum", () => {
    const script = started();
    script.do("alpha", { type: "propose", package: TRAINING });
    script.do("beta", { type: "vote", accept: false });
    script.do("gamma", { type: "vote", accept: false });
    const events = script.do("delta", { type: "vote", accept: true });
    expect(events[1]).toMatchObject({ type: "vote_closed", adopted: false, accepts: ["alpha", "delta"] });
    expect(script.state.round).toBe(2);
  });

  it("runs to the deadline with rotating proposers", () => {
    const script = started({ ...multilateral, firstMover: "gamma" });
    const proposers: string[] = [];
    while (script.state.phase === "running") {
      proposers.push(script.state.turn!);
      script.do(script.state.turn!, { type: "pass" });
    }
    expect(proposers).toEqual(["gamma", "delta", "alpha", "beta"]);
    expect(script.state.outcome).toEqual({
      agreement: false,
      reason: "deadline",
      package: null,
      utilities: { alpha: 0.3, beta: 0.4, gamma: 0.3, delta: 0.35 },
      round: 4,
    });
  });

  it("lets the chair table every text", () => {
    const script = started({ ...multilateral, chair: "delta" });
    expect(script.state.firstMover).toBe("delta");
    for (let round = 1; round <= 3; round++) {
      expect(script.state.turn).toBe("delta");
      script.do("delta", { type: "pass" });
    }
  });

  it("times out: the proposer passes, missing votes count as rejects", () => {
    const script = started();
    const pass = script.do(AS_SYSTEM, { type: "timeout" });
    expect(pass[0]).toMatchObject({ type: "passed", by: "alpha", timeout: true });
    expect(script.state.turn).toBe("beta");
    script.do("beta", { type: "propose", package: TRAINING });
    script.do("alpha", { type: "vote", accept: true });
    const events = script.do(AS_SYSTEM, { type: "timeout" });
    expect(events.map((e) => e.type)).toEqual(["voted", "voted", "vote_closed", "round_started", "turn"]);
    expect(events[0]).toMatchObject({ by: "gamma", accept: false, timeout: true });
    expect(events[1]).toMatchObject({ by: "delta", accept: false, timeout: true });
    expect(script.state.round).toBe(3);
  });

  it("refuses moves of the other protocol, the wrong stage, double votes and red lines", () => {
    const script = started();
    expect(refused(script.try("beta", { type: "propose", package: TRAINING })).code).toBe("not_your_turn");
    expect(refused(script.try("beta", { type: "vote", accept: true })).code).toBe("wrong_stage");
    for (const type of ["accept", "reject", "walk_away"] as const) {
      expect(refused(script.try("alpha", { type })).code).toBe("wrong_protocol");
    }
    expect(refused(script.try("alpha", { type: "counter", package: TRAINING })).code).toBe("wrong_protocol");
    script.do("alpha", { type: "propose", package: TRAINING });
    expect(refused(script.try("alpha", { type: "vote", accept: true })).code).toBe("already_voted");
    expect(refused(script.try("alpha", { type: "pass" })).code).toBe("wrong_stage");
    expect(refused(script.try("alpha", { type: "propose", package: FUND })).code).toBe("wrong_stage");
    script.do("beta", { type: "vote", accept: true });
    const again = refused(script.try("beta", { type: "vote", accept: false }));
    expect(again).toMatchObject({ code: "already_voted", message: "vote: beta has already voted accept in round 1" });

    const lines = {
      ...multilateral,
      firstMover: "alpha",
      delegations: multilateral.delegations.map((d) =>
        d.id === "gamma"
          ? { ...d, profile: { ...d.profile, redLines: [{ issue: "assistance", option: "none" }] } }
          : d,
      ),
    };
    const red = started(lines);
    red.do("alpha", { type: "propose", package: { language: "binding", assistance: "none" } });
    const vote = refused(red.try("gamma", { type: "vote", accept: true }));
    expect(vote.code).toBe("red_line");
    expect(vote.message).toContain("assistance = none");
    red.do("gamma", { type: "vote", accept: false }); // rejecting is always allowed
  });

  it("replays to the same bytes", () => {
    const scenario = { ...multilateral }; // no first mover: the seed picks
    const script = started(scenario, 12345);
    const proposer = script.state.turn!;
    script.do(proposer, { type: "propose", package: TRAINING });
    for (const id of script.state.order) if (id !== proposer) script.do(id, { type: "vote", accept: false });
    expect(script.state.round).toBe(2);
    script.do(AS_FACILITATOR, { type: "fire_inject", injectId: "summit" });
    script.do("beta", { type: "statement", text: "We are ready to sign." });
    script.do(script.state.turn!, { type: "pass" });
    expect(JSON.stringify(replay(scenario, 12345, script.log))).toBe(JSON.stringify(script.state));
  });
});
