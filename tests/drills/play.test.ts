// Drills played through the rules engine against their partners, and scored against the exact
// frontier (enumerated here independently, package by package).
import { describe, expect, it } from "vitest";
import { DRILLS } from "../../shared/drills/catalog.ts";
import { drillCompromise, drillScenario, truePriorities, type DrillDef } from "../../shared/drills/drill.ts";
import { DrillGame } from "../../shared/drills/play.ts";
import { scoreDrill } from "../../shared/drills/score.ts";
import { loadScenarioFile, scenariosDir } from "../../server/scenarios.ts";
import { join } from "node:path";
import type { Package, Scenario } from "../../shared/scenario/schema.ts";

function scenarioOf(def: DrillDef): Scenario {
  const r = loadScenarioFile(join(scenariosDir, def.scenario));
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return drillScenario(r.scenario, def);
}

/** Every package of the drill with both sides' utilities, by brute force. */
function everyPackage(s: Scenario): { pkg: Package; u: number[] }[] {
  let out: Package[] = [{}];
  for (const issue of s.issues) out = out.flatMap((p) => issue.options.map((o) => ({ ...p, [issue.id]: o.id })));
  const u = (d: number, p: Package) => s.issues.reduce((a, i) => a + s.delegations[d]!.profile.weights[i.id]! * s.delegations[d]!.profile.values[i.id]![p[i.id]!]!, 0);
  return out.map((pkg) => ({ pkg, u: [u(0, pkg), u(1, pkg)] }));
}

function bruteFrontier(s: Scenario) {
  const all = everyPackage(s);
  return all.filter((a) => !all.some((b) => b.u[0]! >= a.u[0]! - 1e-12 && b.u[1]! >= a.u[1]! - 1e-12 && (b.u[0]! > a.u[0]! + 1e-12 || b.u[1]! > a.u[1]! + 1e-12)));
}

const byKind = (kind: string) => DRILLS.filter((d) => d.kind === kind);

describe("find the trade", () => {
  it.each(byKind("trade").map((d) => [d.id, d] as const))("%s: a frontier deal the partner accepts scores 100; its compromise scores 0", (_id, def) => {
    const s = scenarioOf(def);
    const r = s.delegations.map((d) => d.profile.reservationValue);
    // The learner's best frontier package that the partner takes (worth its walk-away to both).
    const frontier = bruteFrontier(s).filter((f) => f.u[0]! >= r[0]! && f.u[1]! >= r[1]!);
    expect(frontier.length).toBeGreaterThan(0);
    const target = frontier.reduce((a, b) => (b.u[0]! > a.u[0]! ? b : a));
    const game = new DrillGame(s, def, 1);
    expect(game.myTurn).toBe(true);
    expect(game.move({ type: "propose", package: target.pkg })).toEqual({ ok: true });
    expect(game.over).toBe(true);
    const score = scoreDrill(game);
    expect(score.agreement).toBe(true);
    expect(score.paretoDistance).toBeCloseTo(0, 9);
    expect(score.utility).toBeCloseTo(target.u[0]!, 12);
    expect(score.score).toBe(100);

    // Splitting the difference issue by issue: the partner offers it, and it leaves value on the table.
    const lazy = new DrillGame(s, def, 1);
    const compromise = drillCompromise(s);
    expect(lazy.move({ type: "propose", package: compromise })).toEqual({ ok: true });
    expect(lazy.over).toBe(false);
    expect(lazy.state.table?.proposer).toBe(def.partner);
    expect(lazy.state.table?.package).toEqual(compromise);
    expect(lazy.move({ type: "accept" })).toEqual({ ok: true });
    const s2 = scoreDrill(lazy);
    expect(s2.agreement).toBe(true);
    expect(s2.paretoDistance!).toBeGreaterThan(0.05);
    expect(s2.score).toBe(0);
  });

  it("a package far from the frontier is countered, not accepted; walking away scores 0", () => {
    const def = byKind("trade")[0]!;
    const s = scenarioOf(def);
    const worst = everyPackage(s).reduce((a, b) => (b.u[0]! + b.u[1]! < a.u[0]! + a.u[1]! ? b : a));
    const game = new DrillGame(s, def, 1);
    game.move({ type: "propose", package: worst.pkg });
    expect(game.over).toBe(false);
    expect(game.state.table?.proposer).toBe(def.partner);
    expect(game.move({ type: "walk_away" })).toEqual({ ok: true });
    expect(scoreDrill(game).score).toBe(0);
  });
});

describe("hold your walk-away against a Boulware", () => {
  it.each(byKind("hold").map((d) => [d.id, d] as const))("%s: taking the opening offer breaks the walk-away (0); holding to the deadline beats it", (_id, def) => {
    const s = scenarioOf(def);
    const game = new DrillGame(s, def, 7);
    // The Boulware opens: its offer is below the learner's walk-away (that is the drill's temptation).
    expect(game.state.table?.proposer).toBe(def.partner);
    const opening = game.utilities(game.state.table!.package)[0]!;
    expect(opening).toBeLessThan(s.delegations[0]!.profile.reservationValue);
    game.move({ type: "accept" });
    const gaveIn = scoreDrill(game);
    expect(gaveIn.held).toBe(false);
    expect(gaveIn.score).toBe(0);

    // Holding: counter every round with the learner's best package worth the bot's walk-away; the
    // Boulware gives ground only at the deadline.
    const r = s.delegations.map((d) => d.profile.reservationValue);
    const ask = everyPackage(s).filter((p) => p.u[1]! >= r[1]! && p.u[0]! >= r[0]!).reduce((a, b) => (b.u[0]! > a.u[0]! ? b : a));
    const held = new DrillGame(s, def, 7);
    for (let k = 0; k < 20 && !held.over; k++) {
      const table = held.state.table;
      if (table && table.proposer === def.partner && held.utilities(table.package)[0]! >= r[0]!) held.move({ type: "accept" });
      else held.move({ type: table && table.proposer === def.partner ? "counter" : "propose", package: ask.pkg });
    }
    expect(held.over).toBe(true);
    const score = scoreDrill(held);
    expect(score.held).toBe(true);
    expect(score.agreement).toBe(true);
    expect(score.utility).toBeGreaterThanOrEqual(r[0]! - 1e-9);
    expect(score.score).toBeGreaterThan(40);
  });

  it("walking away holds the walk-away: 40", () => {
    const def = byKind("hold")[0]!;
    const game = new DrillGame(scenarioOf(def), def, 3);
    game.move({ type: "walk_away" });
    expect(scoreDrill(game)).toMatchObject({ held: true, agreement: false, score: 40, advantage: 0 });
  });
});

describe("read priorities from offers", () => {
  it.each(byKind("read").map((d) => [d.id, d] as const))("%s: the true ranking scores 100, the reverse 0, one swap 67", (_id, def) => {
    const s = scenarioOf(def);
    const truth = truePriorities(s);
    const w = def.profiles[def.partner]!.weights;
    expect(w[truth[0]!]!).toBeGreaterThan(w[truth[1]!]!);
    expect(w[truth[1]!]!).toBeGreaterThan(w[truth[2]!]!);
    const game = new DrillGame(s, def, 1);
    expect(game.state.table?.proposer).toBe(def.partner);
    expect(scoreDrill(game, truth).score).toBe(100);
    expect(scoreDrill(game, [...truth].reverse()).score).toBe(0);
    expect(scoreDrill(game, [truth[1]!, truth[0]!, truth[2]!]).score).toBe(67);
    expect(scoreDrill(game, [truth[1]!, truth[0]!, truth[2]!]).ranking!.inPlace).toBe(1);
    expect(() => scoreDrill(game, [truth[0]!, truth[0]!, truth[1]!])).toThrow(/each once/);
  });
});

describe("determinism", () => {
  it("the same seed and moves give the same game; every drill's first moves are legal", () => {
    for (const def of DRILLS) {
      const s = scenarioOf(def);
      const play = (seed: number) => {
        const g = new DrillGame(s, def, seed);
        for (let k = 0; k < 12 && !g.over; k++) {
          const t = g.state.table;
          const pkg = Object.fromEntries(s.issues.map((i, n) => [i.id, i.options[(k + n) % i.options.length]!.id]));
          const r = g.move(t && t.proposer === def.partner ? { type: "counter", package: pkg } : { type: "propose", package: pkg });
          expect(r).toEqual({ ok: true });
        }
        return g.state;
      };
      expect(JSON.stringify({ ...play(5), scenario: null })).toBe(JSON.stringify({ ...play(5), scenario: null }));
    }
  });
});
