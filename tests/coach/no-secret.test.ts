// The coach sees only its seat's view, as the bots do (tests/bots/fairness.test.ts): by the types
// (every entry point takes a SeatView, which has no other delegation's profile) and at run time
// (what it is handed through a whole game holds no other delegation's secret). The wire side (the
// browser's coach built from what the server sent that seat) is tests/coach/wire.test.ts.
import { describe, expect, expectTypeOf, it } from "vitest";
import { botsFor, playGame } from "../../shared/bots/index.ts";
import { acceptHint, coach, estimateOthers, suggestTrade, walkAwayHint, worthToMe } from "../../shared/coach/index.ts";
import { viewFor } from "../../shared/rules/index.ts";
import type { SeatView } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { bilateral, multilateral, syntheticMultilateral } from "../bots/scenarios.ts";

describe("the coach sees only its seat's view", () => {
  it("by the types: each entry point's view is a SeatView, nothing more", () => {
    expectTypeOf<Parameters<typeof coach>[0]>().toEqualTypeOf<SeatView>();
    expectTypeOf<Parameters<typeof estimateOthers>>().toEqualTypeOf<[view: SeatView]>();
    expectTypeOf<Parameters<typeof suggestTrade>[0]>().toEqualTypeOf<SeatView>();
    expectTypeOf<Parameters<typeof acceptHint>[0]>().toEqualTypeOf<SeatView>();
    expectTypeOf<Parameters<typeof walkAwayHint>>().toEqualTypeOf<[view: SeatView]>();
    expectTypeOf<Parameters<typeof worthToMe>[0]>().toEqualTypeOf<SeatView>();
    // The other parameters are drafts and the coach's own estimates: no profile type among them.
    expectTypeOf<Parameters<typeof coach>[1]>().not.toHaveProperty("weights");
  });

  it("at run time: nothing it is handed holds another delegation's profile or brief", () => {
    const cases: Scenario[] = [bilateral, multilateral, syntheticMultilateral(4, 3, 3, 2, 4)];
    for (const scenario of cases) {
      const names = Object.fromEntries(scenario.delegations.map((d, i) => [d.id, i % 2 ? "diplomat" : "linear"] as const));
      const inputs = new Map<string, string[]>(scenario.delegations.map((d) => [d.id, []]));
      let advised = 0;
      playGame(scenario, 5, botsFor(scenario, 5, names, { talk: false }), {
        onAction: (_action, state) => {
          for (const d of scenario.delegations) {
            const view = viewFor(state, { kind: "delegation", id: d.id });
            // A spy between the seat and the coach: exactly what the coach receives.
            inputs.get(d.id)!.push(JSON.stringify(view));
            const advice = coach(view, view.table?.package ?? null);
            if (advice) advised++;
          }
        },
      });
      expect(advised).toBeGreaterThan(0);
      for (const d of scenario.delegations) {
        for (const other of scenario.delegations) {
          if (other.id === d.id) continue;
          const secretProfile = JSON.stringify(other.profile);
          const secretWeights = JSON.stringify(other.profile.weights);
          for (const input of inputs.get(d.id)!) {
            expect(input.includes(other.privateBrief), `${d.id} saw ${other.id}'s brief`).toBe(false);
            expect(input.includes(secretProfile), `${d.id} saw ${other.id}'s profile`).toBe(false);
            if (secretWeights !== JSON.stringify(d.profile.weights)) expect(input.includes(secretWeights)).toBe(false);
          }
        }
        expect(inputs.get(d.id)!.every((i) => i.includes(JSON.stringify(d.privateBrief)))).toBe(true);
      }
    }
  });
});
