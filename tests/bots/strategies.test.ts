// The textbook results of the automated-negotiation literature, on fixed seeds over many games.
import { describe, expect, it } from "vitest";
import { utility } from "../../shared/analysis/utility.ts";
import {
  botsFor,
  createBot,
  DIFFICULTY,
  ownSpace,
  playGame,
  runTournament,
  timeDependentTarget,
  type BotName,
} from "../../shared/bots/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { bilateral, bilateral30, multilateral, opposedBests, syntheticMultilateral } from "./scenarios.ts";

/** Mean utility of each bot over both role assignments and `seeds` seeds (bilateral scenarios). */
function headToHead(scenario: Scenario, a: BotName, b: BotName, seeds: number): { a: number; b: number; deals: number } {
  const [first, second] = scenario.delegations.map((d) => d.id) as [string, string];
  let ua = 0;
  let ub = 0;
  let deals = 0;
  for (let seed = 0; seed < seeds; seed++) {
    for (const [x, y] of [
      [first, second],
      [second, first],
    ] as const) {
      const { outcome } = playGame(scenario, seed, botsFor(scenario, seed, { [x]: a, [y]: b }, { talk: false }));
      ua += outcome.utilities[x]!;
      ub += outcome.utilities[y]!;
      if (outcome.agreement) deals++;
    }
  }
  return { a: ua / (2 * seeds), b: ub / (2 * seeds), deals };
}

describe("time-dependent concession", () => {
  it("follows p(t) = Pmin + (Pmax − Pmin)(1 − t^(1/e)) between the reservation value and the best package", () => {
    const north = bilateral.delegations[0]!;
    const space = ownSpace(bilateral.issues, north.profile);
    expect(space.best).toBeCloseTo(1, 12);
    expect(timeDependentTarget(space, 0, 0.2)).toBeCloseTo(1, 12);
    expect(timeDependentTarget(space, 1, 2)).toBeCloseTo(0.35, 12);
    expect(timeDependentTarget(space, 0.5, 1)).toBeCloseTo(0.35 + 0.65 * 0.5, 12);
    expect(timeDependentTarget(space, 0.5, 2)).toBeCloseTo(0.35 + 0.65 * (1 - Math.SQRT1_2), 12);
    // The Hardliner never moves.
    expect(timeDependentTarget(space, 0.99, 0)).toBeCloseTo(1, 12);
    // Boulware holds out longer than Linear, which holds out longer than Conceder.
    for (const t of [0.2, 0.5, 0.8]) {
      expect(timeDependentTarget(space, t, 0.2)).toBeGreaterThan(timeDependentTarget(space, t, 1));
      expect(timeDependentTarget(space, t, 1)).toBeGreaterThan(timeDependentTarget(space, t, 2));
    }
  });

  it("Boulware against Conceder: Boulware's mean utility is above Conceder's", () => {
    for (const scenario of [bilateral, bilateral30]) {
      const result = headToHead(scenario, "boulware", "conceder", 20);
      expect(result.deals).toBeGreaterThan(0);
      expect(result.a).toBeGreaterThan(result.b);
    }
  });

  it("Hardliner against Hardliner: no deal when their best packages differ", () => {
    for (const scenario of [bilateral, bilateral30, opposedBests]) {
      const [x, y] = scenario.delegations;
      const bestX = ownSpace(scenario.issues, x!.profile).order[0];
      const bestY = ownSpace(scenario.issues, y!.profile).order[0];
      expect(bestX).not.toBe(bestY);
      expect(headToHead(scenario, "hardliner", "hardliner", 10).deals).toBe(0);
    }
    // Where each side's best beats the other's reservation value, conceding bots do agree.
    expect(headToHead(opposedBests, "linear", "linear", 5).deals).toBe(10);
  });
});

describe("tit-for-tat", () => {
  it("concedes on its own scale as much as the other conceded, and never below its reservation value", () => {
    const scenario = { ...opposedBests, deadline: { ...opposedBests.deadline, rounds: 20 } };
    const { state } = playGame(scenario, 3, botsFor(scenario, 3, { east: "tit-for-tat", west: "conceder" }, { talk: false }));
    const east = scenario.delegations[0]!.profile;
    const offers = state.moves.filter((m) => m.by === "east" && m.package).map((m) => utility(east, m.package!));
    expect(offers[0]).toBeCloseTo(1, 12);
    for (let k = 1; k < offers.length; k++) expect(offers[k]!).toBeLessThanOrEqual(offers[k - 1]! + 1e-12);
    expect(Math.min(...offers)).toBeGreaterThanOrEqual(east.reservationValue);
    // Against a Hardliner, who never concedes, it makes only its opening step.
    const stubborn = playGame(scenario, 3, botsFor(scenario, 3, { east: "tit-for-tat", west: "hardliner" }, { talk: false }));
    const levels = new Set(
      stubborn.state.moves.filter((m) => m.by === "east" && m.package).map((m) => utility(east, m.package!).toFixed(6)),
    );
    expect(levels.size).toBeLessThanOrEqual(2);
  });
});

describe("the Diplomat", () => {
  const POOL: BotName[] = ["hardliner", "boulware", "linear", "conceder", "tit-for-tat", "diplomat"];

  it("reaches agreements at least as often as Linear, with deals closer to the Pareto frontier", () => {
    const cases: [Scenario, boolean, number][] = [
      [bilateral, true, 2],
      [bilateral30, true, 2],
      [multilateral, false, 3],
      [syntheticMultilateral(5, 4, 4, 1), false, 1],
    ];
    for (const [scenario, rotateRoles, repetitions] of cases) {
      const bots = scenario.delegations.length > 4 ? (["linear", "diplomat", "boulware", "conceder"] as BotName[]) : POOL;
      const result = runTournament({ scenario, bots, repetitions, rotateRoles, seed: 11 });
      const diplomat = result.bots.find((b) => b.name === "diplomat")!;
      const linear = result.bots.find((b) => b.name === "linear")!;
      expect(diplomat.agreementRate, scenario.id).toBeGreaterThanOrEqual(linear.agreementRate);
      expect(diplomat.meanDistanceToFrontier!, scenario.id).toBeLessThanOrEqual(linear.meanDistanceToFrontier! + 1e-12);
    }
  });

  it("learns the other side's priorities: against Linear it finds the integrative deal", () => {
    // North cares most about notification, South about funding: the trade gives each its priority.
    const { outcome } = playGame(bilateral30, 1, botsFor(bilateral30, 1, { north: "diplomat", south: "diplomat" }, { talk: false }));
    expect(outcome.agreement).toBe(true);
    expect(outcome.package!.notification).toBe("h24");
    expect(outcome.package!.funding).not.toBe("south-pays");
  });
});

describe("difficulty presets", () => {
  it("map onto strategies", () => {
    expect(DIFFICULTY).toEqual({ easy: "conceder", medium: "tit-for-tat", hard: "diplomat" });
    for (const [level, strategy] of Object.entries(DIFFICULTY)) {
      expect(createBot(level as keyof typeof DIFFICULTY, { delegation: "north" }).strategy).toBe(strategy);
    }
  });
});

describe("statements", () => {
  it("go on the record as public statements, use the scenario's phrases and name real issues", () => {
    const { state } = playGame(bilateral, 2, botsFor(bilateral, 2, { north: "diplomat", south: "boulware" }));
    const said = state.messages.filter((m) => m.channel === "public");
    expect(said.length).toBeGreaterThan(0);
    expect(new Set(said.map((m) => m.from))).toEqual(new Set(["north", "south"]));
    // North's scenario line on notification comes up when it holds firm or refuses on that issue.
    expect(said.some((m) => m.from === "north" && m.text.includes("Every day of delay is a day the attacker keeps."))).toBe(true);
    const titles = bilateral.issues.map((i) => i.title);
    expect(said.every((m) => m.text.length < 300 && !m.text.includes("{"))).toBe(true);
    expect(said.some((m) => titles.some((t) => m.text.includes(t)))).toBe(true);
    // Each statement comes right before its delegation's move.
    for (const m of said) {
      const next = state.moves.find((move) => move.version > m.version);
      if (next) expect(next.by).toBe(m.from);
    }
  });

  it("draw on the scenario's lines for a situation (propose, counter, accept, reject)", () => {
    const lines = { reject: ["South will not pay for the North's ambitions."], accept: ["South is ready to sign."] };
    const scenario: Scenario = {
      ...bilateral,
      delegations: bilateral.delegations.map((d) => (d.id === "south" ? { ...d, phrases: lines } : d)),
    };
    const said = new Set<string>();
    for (let seed = 0; seed < 10; seed++) {
      const north = seed % 2 === 0 ? "conceder" : "linear";
      const { state } = playGame(scenario, seed, botsFor(scenario, seed, { north, south: "boulware" }));
      for (const m of state.messages) if (m.from === "south") said.add(m.text);
    }
    expect([...said].some((t) => t.startsWith(lines.reject[0]!))).toBe(true);
    expect([...said].some((t) => t.startsWith(lines.accept[0]!))).toBe(true);
  });

  it("do not change the moves of a deterministic strategy", () => {
    const quiet = playGame(bilateral30, 4, botsFor(bilateral30, 4, { north: "diplomat", south: "tit-for-tat" }, { talk: false }));
    const talking = playGame(bilateral30, 4, botsFor(bilateral30, 4, { north: "diplomat", south: "tit-for-tat" }));
    const strip = (moves: typeof quiet.state.moves) => moves.map(({ version: _v, ...m }) => m);
    expect(strip(talking.state.moves)).toEqual(strip(quiet.state.moves));
    expect(talking.outcome).toEqual(quiet.outcome);
  });
});

describe("determinism", () => {
  it("same scenario, seed and bots give the same game, byte for byte", () => {
    for (const scenario of [bilateral, multilateral]) {
      const mix: BotName[] = ["random", "diplomat", "tit-for-tat", "boulware"];
      const names = Object.fromEntries(scenario.delegations.map((d, i) => [d.id, mix[i % mix.length]!]));
      const a = playGame(scenario, 99, botsFor(scenario, 99, names));
      const b = playGame(scenario, 99, botsFor(scenario, 99, names));
      expect(JSON.stringify(b.state)).toBe(JSON.stringify(a.state));
      const c = playGame(scenario, 100, botsFor(scenario, 100, names));
      expect(JSON.stringify(c.state.moves)).not.toBe(JSON.stringify(a.state.moves));
    }
  });
});
