// What a step at a table has to tell the people who are away (server/notify/news.ts), on the
// fixtures through the real rules: the turn passing, a multilateral vote opening (everyone yet to
// vote, once), a private message, an inject; and what is not news (a chat message while someone is
// still to move, a vote while others still wait).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { Scenario } from "../../shared/scenario/schema.ts";
import { createGame } from "../../shared/rules/index.ts";
import { AS_FACILITATOR, Script } from "../../shared/rules/testing.ts";
import { newsOf } from "../../server/notify/news.ts";
import { fixturesDir } from "../helpers/fixtures.ts";

function load(name: string): Scenario {
  return Scenario.parse(YAML.parse(fs.readFileSync(`${fixturesDir}/scenarios/${name}/scenario.yaml`, "utf8")));
}

/** Do one action and return the news of that step. */
function step(script: Script, by: Parameters<Script["do"]>[0], body: Parameters<Script["do"]>[1], version?: number) {
  const before = script.state;
  const events = script.do(by, body, version);
  return newsOf(before, script.state, events);
}

describe("a step's news", () => {
  it("alternating: the start and each pass tell the delegation whose move it now is, and nobody else", () => {
    const script = new Script(createGame({ ...load("bilateral-test"), firstMover: "north" }, 1));
    expect(step(script, AS_FACILITATOR, { type: "start" })).toEqual([{ delegation: "north", kind: "your_move" }]);
    expect(step(script, "north", { type: "pass" })).toEqual([{ delegation: "south", kind: "your_move" }]);
    // A public statement while south is to move: no news.
    expect(step(script, "north", { type: "statement", text: "We wait." })).toEqual([]);
    expect(step(script, "north", { type: "private_message", to: "south", text: "A word." })).toEqual([{ delegation: "south", kind: "private_message" }]);
    expect(step(script, "south", { type: "pass" })).toEqual([{ delegation: "north", kind: "your_move" }]);
  });

  it("multilateral: a tabled package opens a vote for everyone yet to vote, once; an inject tells every delegation", () => {
    const script = new Script(createGame({ ...load("multilateral-test"), firstMover: "alpha" }, 3));
    step(script, AS_FACILITATOR, { type: "start" });
    const opened = step(script, "alpha", { type: "propose", package: { language: "binding", assistance: "training" } });
    expect(opened).toEqual(["beta", "gamma", "delta"].map((d) => ({ delegation: d, kind: "your_move" })));
    const tabled = script.state.version;
    // One vote: the others are still waited for, which is not news again.
    expect(step(script, "delta", { type: "vote", accept: true }, tabled)).toEqual([]);
    expect(step(script, AS_FACILITATOR, { type: "fire_inject", injectId: "summit" })).toEqual(script.state.order.map((d) => ({ delegation: d, kind: "inject" })));
  });
});
