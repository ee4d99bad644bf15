// A bot sees only its seat's view: by the types (a bot's one input is a SeatView, which has no other
// delegation's profile) and at run time (nothing a bot is given holds another delegation's secrets).
import { describe, expect, expectTypeOf, it } from "vitest";
import { BOT_NAMES, createBot, playGame, type Bot } from "../../shared/bots/index.ts";
import { botSeed } from "../../shared/bots/bot.ts";
import type { SeatView } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { bilateral, multilateral, syntheticMultilateral } from "./scenarios.ts";

describe("a bot sees only its seat's view", () => {
  it("by the types: its only input is a SeatView, which carries no other delegation's profile", () => {
    expectTypeOf<Parameters<Bot["act"]>>().toEqualTypeOf<[view: SeatView]>();
    const peek = (view: SeatView) => {
      // @ts-expect-error the public scenario's delegations have no profile
      const theirs = view.scenario.delegations[0]!.profile;
      // @ts-expect-error nor a private brief
      const brief = view.scenario.delegations[0]!.privateBrief;
      // @ts-expect-error a view holds no table of profiles
      const all = view.profiles;
      // Its own profile, and only its own, is there.
      const mine: { reservationValue: number } | undefined = view.me?.profile;
      return [theirs, brief, all, mine];
    };
    expect(typeof peek).toBe("function");
  });

  it("at run time: nothing a bot is handed holds another delegation's private brief or profile", () => {
    const cases: Scenario[] = [bilateral, multilateral, syntheticMultilateral(5, 3, 3, 4, 4)];
    for (const scenario of cases) {
      for (const strategy of BOT_NAMES) {
        const seen = new Map<string, string[]>();
        const bots: Record<string, Bot> = {};
        for (const d of scenario.delegations) {
          const bot = createBot(strategy, { delegation: d.id, seed: botSeed(3, strategy), phrases: d.phrases });
          const inputs: string[] = [];
          seen.set(d.id, inputs);
          // A spy in front of the bot: record exactly what it receives.
          bots[d.id] = {
            strategy: bot.strategy,
            delegation: bot.delegation,
            act: (...args: [SeatView]) => {
              inputs.push(JSON.stringify(args));
              return bot.act(...args);
            },
          };
        }
        playGame(scenario, 3, bots);
        for (const d of scenario.delegations) {
          const inputs = seen.get(d.id)!;
          expect(inputs.length, `${scenario.id}/${strategy}/${d.id}`).toBeGreaterThan(0);
          for (const other of scenario.delegations) {
            if (other.id === d.id) continue;
            const secretProfile = JSON.stringify(other.profile);
            const secretWeights = JSON.stringify(other.profile.weights);
            const ownWeights = JSON.stringify(d.profile.weights);
            for (const input of inputs) {
              expect(input.includes(other.privateBrief), `${d.id} saw ${other.id}'s brief`).toBe(false);
              expect(input.includes(secretProfile), `${d.id} saw ${other.id}'s profile`).toBe(false);
              if (secretWeights !== ownWeights) expect(input.includes(secretWeights), `${d.id} saw ${other.id}'s weights`).toBe(false);
            }
          }
          // And it did get its own.
          expect(inputs.every((i) => i.includes(JSON.stringify(d.privateBrief)))).toBe(true);
        }
      }
    }
  });
});
