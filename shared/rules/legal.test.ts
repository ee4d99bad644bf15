// legal.ts says which moves a delegation may make; `apply` judges them. These tests hold the two
// to each other: for every refusal reason a move that legal.ts rules out is refused by `apply`
// with that reason, and over many random games every answer of legalMoves matches `apply`.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { Scenario } from "../scenario/schema.ts";
import { apply, createGame, viewFor } from "./index.ts";
import {
  crossesRedLine,
  delegationsToMove,
  legalMoves,
  mayMove,
  positionOf,
  redLinesCrossed,
  waitingFor,
  type LegalMoves,
} from "./legal.ts";
import { seededRandom } from "./rng.ts";
import { AS_FACILITATOR, AS_SYSTEM, Script, randomAction, signablePackage, type ActionBody } from "./testing.ts";
import type { ApplyResult, GameState } from "./types.ts";

function load(name: string): Scenario {
  const url = new URL(`../../tests/fixtures/scenarios/${name}/scenario.yaml`, import.meta.url);
  return Scenario.parse(YAML.parse(fs.readFileSync(url, "utf8")));
}

const bilateral = load("bilateral-test");
// The multilateral fixture has no red lines: give beta one (no binding language).
const multilateralFixture = load("multilateral-test");
const multilateral: Scenario = {
  ...multilateralFixture,
  firstMover: "alpha",
  delegations: multilateralFixture.delegations.map((d) =>
    d.id === "beta" ? { ...d, profile: { ...d.profile, redLines: [{ issue: "language", option: "binding", reason: "no treaty" }] } } : d,
  ),
};

// bilateral: north's red line is scope = none.
const GOOD = { notification: "h24", funding: "split", scope: "critical" };
const NO_SCOPE = { notification: "week", funding: "north-pays", scope: "none" };
const BINDING = { language: "binding", assistance: "training" };
const VOLUNTARY = { language: "voluntary", assistance: "fund" };

function startedBilateral(): Script {
  const script = new Script(createGame({ ...bilateral, firstMover: "north" }, 1));
  script.do(AS_FACILITATOR, { type: "start" });
  return script;
}

function startedMultilateral(): Script {
  const script = new Script(createGame(multilateral, 1));
  script.do(AS_FACILITATOR, { type: "start" });
  return script;
}

function movesOf(script: Script, me: string): LegalMoves {
  return legalMoves(positionOf(script.state), me, script.state.profiles[me]);
}

/** What `apply` says to the move, on a copy: the script's state does not move on. */
function judge(script: Script, me: string, body: ActionBody): ApplyResult {
  return apply(script.state, script.action(me, body));
}

function refusal(result: ApplyResult): string {
  return result.ok ? "accepted" : result.code;
}

describe("legal moves against the rules: each refusal reason (alternating)", () => {
  it("not_your_turn: only the turn holder may move, though both may talk", () => {
    const script = startedBilateral();
    const south = movesOf(script, "south");
    expect(south).toMatchObject({ propose: false, pass: false, walkAway: false, toMove: false, talk: true });
    for (const body of [{ type: "propose", package: GOOD }, { type: "pass" }, { type: "walk_away" }] as ActionBody[]) {
      expect(refusal(judge(script, "south", body)), body.type).toBe("not_your_turn");
    }
    expect(refusal(judge(script, "south", { type: "statement", text: "We are listening." }))).toBe("accepted");
    expect(movesOf(script, "north")).toMatchObject({ propose: true, pass: true, walkAway: true, toMove: true });
    expect(mayMove(positionOf(script.state), "north")).toBe(true);
    expect(mayMove(positionOf(script.state), "south")).toBe(false);
  });

  it("nothing_on_table: accept, reject and counter need an offer", () => {
    const script = startedBilateral();
    const north = movesOf(script, "north");
    expect(north).toMatchObject({ accept: false, reject: false, counter: false });
    expect(refusal(judge(script, "north", { type: "accept" }))).toBe("nothing_on_table");
    expect(refusal(judge(script, "north", { type: "reject" }))).toBe("nothing_on_table");
    expect(refusal(judge(script, "north", { type: "counter", package: GOOD }))).toBe("nothing_on_table");
  });

  it("offer_on_table and own_offer: propose over another's offer, answer one's own", () => {
    const script = startedBilateral();
    script.do("north", { type: "propose", package: GOOD });
    const south = movesOf(script, "south");
    expect(south).toMatchObject({ propose: false, counter: true, accept: true, reject: true, toMove: true });
    expect(refusal(judge(script, "south", { type: "propose", package: GOOD }))).toBe("offer_on_table");
    expect(refusal(judge(script, "south", { type: "accept" }))).toBe("accepted");
    // south passes: the turn is north's again, with its own offer on the table.
    script.do("south", { type: "pass" });
    const north = movesOf(script, "north");
    expect(north).toMatchObject({ propose: true, accept: false, reject: false, counter: false });
    expect(refusal(judge(script, "north", { type: "accept" }))).toBe("own_offer");
    expect(refusal(judge(script, "north", { type: "counter", package: GOOD }))).toBe("own_offer");
    expect(refusal(judge(script, "north", { type: "propose", package: GOOD }))).toBe("accepted");
  });

  it("red_line: accepting an offer across the delegation's red line is ruled out, answering it otherwise is not", () => {
    const script = startedBilateral();
    script.do("north", { type: "pass" });
    script.do("south", { type: "propose", package: NO_SCOPE });
    expect(redLinesCrossed(script.state.profiles.north!, NO_SCOPE)).toEqual([
      expect.objectContaining({ issue: "scope", option: "none" }),
    ]);
    const north = movesOf(script, "north");
    expect(north).toMatchObject({ accept: false, reject: true, counter: true, toMove: true });
    expect(refusal(judge(script, "north", { type: "accept" }))).toBe("red_line");
    expect(refusal(judge(script, "north", { type: "reject" }))).toBe("accepted");
    // Without the profile (a client that has not got it yet) accepting is left to the rules.
    expect(legalMoves(positionOf(script.state), "north").accept).toBe(true);
  });

  it("wrong_protocol: no vote in alternating offers", () => {
    const script = startedBilateral();
    expect(movesOf(script, "north").vote).toBe(false);
    expect(refusal(judge(script, "north", { type: "vote", accept: true }))).toBe("wrong_protocol");
  });
});

describe("legal moves against the rules: each refusal reason (multilateral)", () => {
  it("not_your_turn and wrong_stage: the proposer proposes or passes, no one votes before a package is tabled", () => {
    const script = startedMultilateral();
    expect(script.state.turn).toBe("alpha");
    expect(movesOf(script, "alpha")).toMatchObject({ propose: true, pass: true, vote: false, walkAway: false, toMove: true });
    expect(movesOf(script, "beta")).toMatchObject({ propose: false, pass: false, vote: false, toMove: false, talk: true });
    expect(refusal(judge(script, "beta", { type: "propose", package: VOLUNTARY }))).toBe("not_your_turn");
    expect(refusal(judge(script, "beta", { type: "pass" }))).toBe("not_your_turn");
    expect(refusal(judge(script, "beta", { type: "vote", accept: true }))).toBe("wrong_stage");
    expect(delegationsToMove(script.state)).toEqual(["alpha"]);
  });

  it("wrong_protocol: no accept, reject, counter or walking away in a multilateral vote", () => {
    const script = startedMultilateral();
    const alpha = movesOf(script, "alpha");
    expect(alpha).toMatchObject({ accept: false, reject: false, counter: false, walkAway: false });
    for (const body of [{ type: "accept" }, { type: "reject" }, { type: "counter", package: VOLUNTARY }, { type: "walk_away" }] as ActionBody[]) {
      expect(refusal(judge(script, "alpha", body)), body.type).toBe("wrong_protocol");
    }
  });

  it("already_voted and red_line: each delegation votes once; a vote for a package across its red line is refused", () => {
    const script = startedMultilateral();
    script.do("alpha", { type: "propose", package: BINDING });
    const tabled = script.state.version;
    // The proposer has accepted by tabling; the others are waited for, in seating order.
    expect(delegationsToMove(script.state)).toEqual(["beta", "gamma", "delta"]);
    expect(movesOf(script, "alpha")).toMatchObject({ vote: false, propose: false, toMove: false });
    expect(refusal(judge(script, "alpha", { type: "vote", accept: true }))).toBe("already_voted");
    expect(refusal(judge(script, "alpha", { type: "propose", package: VOLUNTARY }))).toBe("wrong_stage");

    const beta = movesOf(script, "beta");
    expect(beta).toMatchObject({ vote: true, voteAccept: false, toMove: true });
    expect(refusal(judge(script, "beta", { type: "vote", accept: true }))).toBe("red_line");
    expect(refusal(judge(script, "beta", { type: "vote", accept: false }))).toBe("accepted");
    expect(movesOf(script, "gamma")).toMatchObject({ vote: true, voteAccept: true });

    script.do("gamma", { type: "vote", accept: true }, tabled);
    expect(movesOf(script, "gamma")).toMatchObject({ vote: false, toMove: false });
    expect(refusal(judge(script, "gamma", { type: "vote", accept: false }))).toBe("already_voted");
    expect(delegationsToMove(script.state)).toEqual(["beta", "delta"]);
    expect(waitingFor(positionOf(script.state), ["delta", "beta"])).toEqual(["delta", "beta"]);
  });
});

describe("legal moves against the rules: the phase", () => {
  it("not_started, paused and negotiation_over: no moves; talk until the end", () => {
    const script = new Script(createGame({ ...bilateral, firstMover: "north" }, 1));
    expect(movesOf(script, "north")).toMatchObject({ propose: false, pass: false, toMove: false, talk: true });
    expect(refusal(judge(script, "north", { type: "pass" }))).toBe("not_started");
    expect(delegationsToMove(script.state)).toEqual([]);

    script.do(AS_FACILITATOR, { type: "start" });
    script.do(AS_FACILITATOR, { type: "pause" });
    expect(movesOf(script, "north")).toMatchObject({ propose: false, pass: false, toMove: false, talk: true });
    expect(refusal(judge(script, "north", { type: "pass" }))).toBe("paused");
    expect(refusal(judge(script, "north", { type: "statement", text: "While we wait." }))).toBe("accepted");
    expect(delegationsToMove(script.state)).toEqual([]);

    script.do(AS_FACILITATOR, { type: "resume" });
    script.do("north", { type: "walk_away" });
    const over = movesOf(script, "north");
    expect(Object.values(over).every((v) => v === false)).toBe(true);
    expect(refusal(judge(script, "north", { type: "statement", text: "Too late." }))).toBe("negotiation_over");
    expect(refusal(judge(script, "south", { type: "pass" }))).toBe("negotiation_over");
  });
});

describe("crossesRedLine", () => {
  it("is true exactly when redLinesCrossed finds a line, and false without a profile", () => {
    const profile = bilateral.delegations.find((d) => d.id === "north")!.profile;
    expect(crossesRedLine(profile, NO_SCOPE)).toBe(true);
    expect(crossesRedLine(profile, GOOD)).toBe(false);
    expect(redLinesCrossed(profile, GOOD)).toEqual([]);
    expect(crossesRedLine(null, NO_SCOPE)).toBe(false);
  });
});

/** Each flag of `legalMoves` with an action that tests it (`null`: none this state allows to try). */
function probes(state: GameState, me: string, random: () => number): [keyof LegalMoves, ActionBody | null][] {
  const pkg = signablePackage(state, me, random);
  return [
    ["propose", pkg && { type: "propose", package: pkg }],
    ["counter", pkg && { type: "counter", package: pkg }],
    ["accept", { type: "accept" }],
    ["reject", { type: "reject" }],
    ["pass", { type: "pass" }],
    ["walkAway", { type: "walk_away" }],
    ["vote", { type: "vote", accept: false }],
    ["voteAccept", { type: "vote", accept: true }],
    ["talk", { type: "statement", text: "A word." }],
  ];
}

describe("legal moves agree with apply over random games", () => {
  it("for every delegation, every flag, at every state of 40 games in each protocol", () => {
    let checked = 0;
    let allowed = 0;
    const mismatches: string[] = [];
    for (const scenario of [{ ...bilateral, firstMover: "north" }, multilateral]) {
      for (let seed = 1; seed <= 40; seed++) {
        const random = seededRandom(seed);
        let state = createGame(scenario, seed);
        for (let step = 0; step < 80 && state.phase !== "ended"; step++) {
          const position = positionOf(state);
          const waiting = delegationsToMove(state);
          const where = `${scenario.id} seed ${seed} v${state.version}`;
          // The seat's view gives the same position as the state.
          expect(positionOf(viewFor(state, { kind: "delegation", id: state.order[0]! })), where).toEqual(position);
          const script = new Script(state);
          for (const me of state.order) {
            const legal = legalMoves(position, me, state.profiles[me]);
            if (legal.toMove !== waiting.includes(me)) mismatches.push(`${where} ${me}: toMove ${legal.toMove}, waiting ${waiting}`);
            if (mayMove(position, me) !== legal.toMove) mismatches.push(`${where} ${me}: mayMove differs from toMove`);
            for (const [flag, body] of probes(state, me, random)) {
              if (body === null) continue;
              const result = apply(state, script.action(me, body, state.version));
              if (result.ok !== legal[flag]) mismatches.push(`${where} ${me} ${flag}: legal ${legal[flag]}, apply ${refusal(result)}`);
              checked++;
              if (result.ok) allowed++;
            }
          }
          const next = apply(state, randomAction(state, random, { illegal: 0.1 }));
          if (next.ok) state = next.state;
          else if (random() < 0.05) {
            const timeout = apply(state, { type: "timeout", actionId: `t${step}`, version: state.version, by: AS_SYSTEM });
            if (timeout.ok) state = timeout.state;
          }
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    // Both answers occur often: the comparison is not one-sided.
    expect(checked).toBeGreaterThan(5_000);
    expect(allowed).toBeGreaterThan(checked / 10);
    expect(checked - allowed).toBeGreaterThan(checked / 10);
  });
});
