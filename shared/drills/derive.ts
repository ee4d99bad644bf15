// How a scenario becomes its three drills (the numbers kept in catalog.ts): every pair of its
// delegations and every three of its issues are tried, and each kind keeps the cut that teaches
// its idea most clearly. Pure and deterministic; tests/drills/catalog.test.ts checks catalog.ts
// against it on the scenarios of scenarios/ (and rewrites it with UPDATE_DRILLS=1).
//   trade  the cut where the issue-by-issue compromise lies farthest from the frontier (the most
//          value a trade across priorities adds); walk-aways at 3/4 of the compromise's worth.
//   hold   the cut where the Boulware's opening (its own best package) is farthest below the
//          learner's walk-away (the strongest temptation to give in); the learner's walk-away at
//          0.6 of its Nash-point utility, the bot's at 0.5.
//   read   the cut where the partner's three weights are most clearly apart (the smallest gap
//          between two of them largest), so its ranking is well defined; walk-aways at half the
//          Nash point.
// Walk-aways are rounded down to a multiple of 0.05. Red lines are left out of drills.
import { bargainingPoints } from "../analysis/points.ts";
import { outcomeSpace } from "../analysis/utility.ts";
import { utilitiesOf } from "../analysis/outcomes.ts";
import { paretoFrontier, distanceToFrontier } from "../analysis/pareto.ts";
import type { Scenario } from "../scenario/schema.ts";
import { compromise, DRILL_KINDS, type DrillDef, type DrillKind, type DrillProfile } from "./drill.ts";
import { indexOf } from "../analysis/utility.ts";

export const DRILL_ROUNDS: Record<DrillKind, number> = { trade: 5, hold: 6, read: 5 };

const floor05 = (x: number) => Math.floor(x * 20 + 1e-9) / 20;

function restrict(scenario: Scenario, delegation: string, issues: readonly string[]): DrillProfile | null {
  const d = scenario.delegations.find((x) => x.id === delegation)!;
  const total = issues.reduce((a, i) => a + (d.profile.weights[i] ?? 0), 0);
  if (total <= 1e-9) return null;
  return {
    weights: Object.fromEntries(issues.map((i) => [i, (d.profile.weights[i] ?? 0) / total])),
    values: Object.fromEntries(issues.map((i) => [i, { ...(d.profile.values[i] ?? {}) }])),
    reservationValue: 0,
  };
}

function triples<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) for (let c = b + 1; c < list.length; c++) out.push([list[a]!, list[b]!, list[c]!]);
  return out;
}

interface Candidate {
  def: DrillDef;
  metric: number;
}

/** The scenario's drills, one per kind (a kind with no cut that teaches it is left out). */
export function deriveDrills(scenario: Scenario): DrillDef[] {
  const best = new Map<DrillKind, Candidate>();
  const issueIds = scenario.issues.filter((i) => i.options.length >= 2).map((i) => i.id);
  const optionsOf = (id: string) => scenario.issues.find((i) => i.id === id)!.options.map((o) => o.id);
  const issuesOf = (ids: readonly string[]) => ids.map((id) => scenario.issues.find((i) => i.id === id)!);
  for (const p of scenario.delegations) {
    for (const q of scenario.delegations) {
      if (p.id === q.id) continue;
      for (const cut of triples(issueIds)) {
        const a = restrict(scenario, p.id, cut);
        const b = restrict(scenario, q.id, cut);
        if (!a || !b) continue;
        const issues = issuesOf(cut);
        const parties = (ra: number, rb: number) => [
          { id: p.id, profile: { ...a, reservationValue: ra, redLines: [] } },
          { id: q.id, profile: { ...b, reservationValue: rb, redLines: [] } },
        ];
        const space0 = outcomeSpace(issues, parties(0, 0));
        const frontier0 = paretoFrontier(space0);
        const nash0 = bargainingPoints(space0).nash;
        if (!nash0) continue;
        const make = (kind: DrillKind, ra: number, rb: number): DrillDef => ({
          id: `${scenario.id}.${kind}`,
          kind,
          scenario: scenario.id,
          issues: cut,
          player: p.id,
          partner: q.id,
          rounds: DRILL_ROUNDS[kind],
          profiles: { [p.id]: { ...a, reservationValue: ra }, [q.id]: { ...b, reservationValue: rb } },
        });
        const offer = (kind: DrillKind, metric: number, def: DrillDef) => {
          // A zone of agreement must remain under the drill's walk-aways.
          const space = outcomeSpace(issues, parties(def.profiles[p.id]!.reservationValue, def.profiles[q.id]!.reservationValue));
          if (!bargainingPoints(space).nash) return;
          const current = best.get(kind);
          if (!current || metric > current.metric + 1e-12) best.set(kind, { def, metric });
        };

        // trade
        const c = compromise(cut, a, b, optionsOf);
        const cu = utilitiesOf(space0, indexOf(space0, c));
        const d0 = distanceToFrontier(frontier0, cu) ?? 0;
        if (d0 >= 0.05) offer("trade", d0, make("trade", floor05(0.75 * cu[0]!), floor05(0.75 * cu[1]!)));

        // hold: the partner's favourite package (ties to the learner's larger utility)
        let bi = 0;
        for (let k = 1; k < space0.size; k++) {
          const u = utilitiesOf(space0, k);
          const v = utilitiesOf(space0, bi);
          if (u[1]! > v[1]! + 1e-12 || (Math.abs(u[1]! - v[1]!) <= 1e-12 && u[0]! > v[0]! + 1e-12)) bi = k;
        }
        const opening = utilitiesOf(space0, bi)[0]!;
        const rp = floor05(0.6 * nash0.utilities[0]!);
        if (rp - opening >= 0.05) offer("hold", rp - opening, make("hold", rp, floor05(0.5 * nash0.utilities[1]!)));

        // read
        const w = cut.map((i) => b.weights[i]!).sort((x, y) => y - x);
        const gap = Math.min(w[0]! - w[1]!, w[1]! - w[2]!);
        if (gap >= 0.05) offer("read", gap, make("read", floor05(0.5 * nash0.utilities[0]!), floor05(0.5 * nash0.utilities[1]!)));
      }
    }
  }
  return DRILL_KINDS.flatMap((k) => (best.has(k) ? [best.get(k)!.def] : []));
}

/** catalog.ts's text for these drills (what UPDATE_DRILLS=1 writes). */
export function catalogSource(drills: readonly DrillDef[]): string {
  return [
    "// Generated from scenarios/ by shared/drills/derive.ts: do not edit by hand. To rewrite it after a",
    "// scenario changes: UPDATE_DRILLS=1 npx vitest run tests/drills/catalog.test.ts",
    'import type { DrillDef } from "./drill.ts";',
    "",
    `export const DRILLS: readonly DrillDef[] = ${JSON.stringify(drills, null, 2)};`,
    "",
  ].join("\n");
}
