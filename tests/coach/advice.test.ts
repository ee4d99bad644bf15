// The coach's advice on the bilateral fixture: a draft's worth, the suggested trade (checked against
// the other side's true profile, which the coach never sees), the hint before accepting and the one
// before walking away.
import { describe, expect, it } from "vitest";
import { utility } from "../../shared/analysis/utility.ts";
import { botsFor, playGame } from "../../shared/bots/index.ts";
import { acceptHint, coach, walkAwayHint, worthToMe, type Estimate, type Trade } from "../../shared/coach/index.ts";
import { mySpace } from "../../shared/coach/estimate.ts";
import { createGame, viewFor } from "../../shared/rules/index.ts";
import type { GameState, Package, SeatView } from "../../shared/rules/types.ts";
import { bilateral } from "../bots/scenarios.ts";

const north = bilateral.delegations.find((d) => d.id === "north")!;
const south = bilateral.delegations.find((d) => d.id === "south")!;

/** North's view after every move South makes, in a game of North (linear) against South (the Diplomat). */
function northViews(seed: number): SeatView[] {
  const views: SeatView[] = [];
  playGame(bilateral, seed, botsFor(bilateral, seed, { north: "linear", south: "diplomat" }, { talk: false }), {
    onAction: (action, state: GameState) => {
      if (action.by.kind === "delegation" && action.by.id === "south") views.push(viewFor(state, { kind: "delegation", id: "north" }));
    },
  });
  return views;
}

describe("the coach's advice", () => {
  it("gives a draft's worth to me against my walk-away, and the red lines it crosses", () => {
    const view = viewFor(createGame(bilateral, 1), { kind: "delegation", id: "north" });
    const w = worthToMe(view, { notification: "h24", funding: "split", scope: "none" })!;
    expect(w.utility).toBeCloseTo(0.5 * 1 + 0.2 * 0.6 + 0, 12);
    expect(w.walkAway).toBe(0.35);
    expect(w.margin).toBeCloseTo(w.utility - 0.35, 12);
    expect(w.redLines).toEqual([{ issue: "scope", option: "none" }]);
    // An observer has no seat and gets no advice.
    expect(coach(viewFor(createGame(bilateral, 1), { kind: "observer" }), null)).toBeNull();
  });

  it("suggests trades that gain me what it says and, in truth, gain the other side too", () => {
    const trades: { view: SeatView; draft: Package; trade: Trade }[] = [];
    for (const seed of [1, 2, 3, 4]) {
      for (const view of northViews(seed)) {
        // My own last proposal as the draft (what a player would rework).
        const mine = [...view.moves].reverse().find((m) => m.by === "north" && m.package);
        if (!mine) continue;
        const draft = { ...mine.package! };
        const trade = coach(view, draft)!.draft!.trade;
        if (trade) trades.push({ view, draft, trade });
      }
    }
    expect(trades.length).toBeGreaterThan(2);
    for (const { draft, trade } of trades) {
      // Exactly two issues change, as the trade says.
      const changed = bilateral.issues.filter((i) => trade.package[i.id] !== draft[i.id]).map((i) => i.id);
      expect(changed.sort()).toEqual([trade.give.issue, trade.ask.issue].sort());
      expect(trade.package[trade.give.issue]).toBe(trade.give.to);
      expect(trade.package[trade.ask.issue]).toBe(trade.ask.to);
      // My gain is exact; giving costs me nothing more than asking gains.
      expect(trade.mine).toBeCloseTo(utility(north.profile, trade.package) - utility(north.profile, draft), 12);
      expect(trade.mine).toBeGreaterThanOrEqual(0.01);
      const onGive = { ...draft, [trade.give.issue]: trade.give.to };
      expect(utility(north.profile, onGive)).toBeLessThanOrEqual(utility(north.profile, draft) + 1e-12);
      expect(trade.theirs.every((t) => t.change >= 0)).toBe(true);
      expect(trade.package.scope).not.toBe("none"); // north's red line
      // The estimate was right: the trade is better for South too, by its true profile.
      expect(utility(south.profile, trade.package)).toBeGreaterThan(utility(south.profile, draft));
    }
  });

  it("suggests nothing before the other side has moved", () => {
    const view = viewFor(createGame(bilateral, 1), { kind: "delegation", id: "north" });
    expect(coach(view, { notification: "week", funding: "split", scope: "critical" })!.draft!.trade).toBeNull();
  });

  it("warns before a weak accept: below my walk-away, or with a better package as good for them", () => {
    const views = northViews(1);
    const first = views[0]!; // South's opening offer: worth little to North.
    const hint = coach(first, null)!.accept!;
    expect(hint.offer).toBeCloseTo(utility(north.profile, first.table!.package), 12);
    expect(hint.belowWalkAway).toBe(hint.offer < 0.35);
    expect(hint.roundsLeft).toBe(bilateral.deadline.rounds - first.round);
    expect(hint.weak).toBe(true);

    // A hand-made estimate: South cares only about the notification deadline, and wants a week.
    const view = first;
    const space = mySpace(view)!;
    const only: Estimate = {
      delegation: "south",
      moves: 3,
      confidence: 0.5,
      weights: { notification: 1, funding: 0, scope: 0 },
      values: { notification: { h24: 0, h72: 0.5, week: 1 }, funding: { "north-pays": 1, split: 1, "south-pays": 1 }, scope: { all: 1, critical: 1, none: 1 } },
    };
    const onTable = { ...view, table: { package: { notification: "week", funding: "north-pays", scope: "critical" }, proposer: "south", round: view.round, responses: {} } };
    const withBetter = acceptHint(onTable, space, [only])!;
    // North's best with a week's notice: South pays and all incidents are shared.
    expect(withBetter.better?.package).toEqual({ notification: "week", funding: "south-pays", scope: "all" });
    expect(withBetter.better?.utility).toBeCloseTo(0.5, 12);
    expect(withBetter.weak).toBe(true);

    // North's best package offered in the last round: nothing better, no rounds left, not weak.
    const last = { ...onTable, round: view.deadlineRounds, table: { ...onTable.table, package: { notification: "h24", funding: "south-pays", scope: "all" } } };
    const strong = acceptHint(last, space, [only])!;
    expect(strong.better).toBeNull();
    expect(strong.roundsLeft).toBe(0);
    expect(strong.weak).toBe(false);
    // My own offer on the table is not mine to accept.
    expect(acceptHint({ ...onTable, table: { ...onTable.table, proposer: "north" } }, space, [only])).toBeNull();
  });

  it("calls accepting an opening offer weak while rounds are left, not a later one", () => {
    const view = viewFor(createGame(bilateral, 1), { kind: "delegation", id: "north" });
    const space = mySpace(view)!;
    const fair = { notification: "h72", funding: "split", scope: "critical" }; // 0.52 to north: above its walk-away, below its best (1)
    const move = (version: number, pkg: Record<string, string>) => ({ version, round: 1, by: "south", type: "propose" as const, package: pkg });
    const offered = (moves: ReturnType<typeof move>[], round: number): SeatView => ({
      ...view,
      phase: "running",
      round,
      moves,
      table: { package: fair, proposer: "south", round, responses: {} },
    });
    const opening = acceptHint(offered([move(1, fair)], 1), space, [])!;
    expect(opening.belowWalkAway).toBe(false);
    expect(opening.opening).toBe(true);
    expect(opening.weak).toBe(true);
    // Their second offer (the same package after another): no longer an opening, and nothing else says wait.
    const later = acceptHint(offered([move(1, { notification: "week", funding: "north-pays", scope: "critical" }), move(2, fair)], 5), space, [])!;
    expect(later.opening).toBe(false);
    // An opening offer in the last rounds is no reason to wait.
    expect(acceptHint(offered([move(1, fair)], bilateral.deadline.rounds - 1), space, [])!.opening).toBe(false);
  });

  it("says what walking away is worth against the offer on the table", () => {
    const first = northViews(1)[0]!;
    const hint = walkAwayHint(first)!;
    expect(hint.walkAway).toBe(0.35);
    expect(hint.offer).toBeCloseTo(utility(north.profile, first.table!.package), 12);
    expect(hint.walkingIsBetter).toBe(hint.offer! < 0.35);
    const good = walkAwayHint({ ...first, table: { ...first.table!, package: { notification: "h24", funding: "split", scope: "all" } } })!;
    expect(good.walkingIsBetter).toBe(false);
  });
});
