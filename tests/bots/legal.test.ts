// A bot never makes an illegal move: thousands of games with random mixes of strategies on the
// fixtures and on scenarios built in code (see fuzz.ts); scenarios/ and GENIUS domains in
// legal-scenarios.test.ts.
import { describe, expect, it } from "vitest";
import { botsFor, playGame } from "../../shared/bots/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { fuzz, games } from "./fuzz.ts";
import { bilateral, multilateral, opposedBests, syntheticMultilateral } from "./scenarios.ts";

describe("bots never make an illegal move", () => {
  it("in thousands of games on the fixtures and on scenarios built in code", () => {
    const cases: [Scenario, number][] = [
      [bilateral, games(900)],
      [multilateral, games(450)],
      [opposedBests, games(250)],
      [syntheticMultilateral(5, 4, 4, 2, 6), games(100)],
    ];
    let total = 0;
    for (const [scenario, count] of cases) {
      const { deals, moves } = fuzz(scenario, count, count);
      total += count;
      expect(deals, scenario.id).toBeGreaterThan(0);
      expect(moves, scenario.id).toBeGreaterThan(count);
    }
    expect(total).toBeGreaterThanOrEqual(games(1700));
  });

  it("the random bot plays every kind of move", () => {
    const kinds = new Set<string>();
    for (let seed = 0; seed < 60; seed++) {
      for (const scenario of [bilateral, multilateral]) {
        const names = Object.fromEntries(scenario.delegations.map((d) => [d.id, "random" as const]));
        playGame(scenario, seed, botsFor(scenario, seed, names, { talk: false })).state.moves.forEach((m) =>
          kinds.add(m.type === "vote" ? `vote-${m.accept}` : m.type),
        );
      }
    }
    for (const kind of ["propose", "counter", "accept", "reject", "pass", "walk_away", "vote-true", "vote-false"]) {
      expect(kinds, kind).toContain(kind);
    }
  });
});
