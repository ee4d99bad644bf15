// A scripted "naive" player for the coach's measured comparison (tests/bench/coach.bench.ts): it
// concedes linearly in its own utility (at time t it tables the least good package still worth
// best − (best − walk-away)·t to it, with no thought for the other side) and accepts the first offer
// worth at least its walk-away. Coached, the same player follows the coach: it tables its linear
// package with the coach's suggested trade applied when there is one, and does not accept an offer
// the coach calls weak while rounds are left (it counters with its own package instead). Bilateral
// (alternating protocol) tables only.
import type { Bot } from "../../shared/bots/bot.ts";
import { elapsed } from "../../shared/bots/bot.ts";
import { ownSpace, positionFor, sharedPackageOf } from "../../shared/bots/space.ts";
import { coach } from "../../shared/coach/index.ts";
import { worthToMe } from "../../shared/coach/worth.ts";
import { legalMoves, positionOf } from "../../shared/rules/legal.ts";
import type { GameAction, Package, SeatView } from "../../shared/rules/types.ts";

export interface NaiveCounts {
  /** Suggested trades followed, accepts held back on the coach's word. */
  trades: number;
  heldBack: number;
}

export function naivePlayer(delegation: string, coached: boolean, counts: NaiveCounts = { trades: 0, heldBack: 0 }): Bot {
  return {
    strategy: coached ? "naive+coach" : "naive",
    delegation,
    act(view: SeatView): GameAction | null {
      const me = view.me;
      if (!me || me.delegation !== delegation) return null;
      const legal = legalMoves(positionOf(view), delegation, me.profile);
      if (!legal.toMove) return null;
      const base = { actionId: `${delegation}@${view.version}`, version: view.version, by: { kind: "delegation" as const, id: delegation } };
      const space = ownSpace(view.scenario.issues, me.profile);
      const target = space.best - (space.best - space.reservation) * elapsed(view);
      const position = positionFor(space, target);
      let draft: Package = { ...sharedPackageOf(space, space.order[position < 0 ? 0 : position]!) };
      const advice = coached ? coach(view, draft) : null;
      if (advice?.draft?.trade) {
        draft = { ...advice.draft.trade.package };
        counts.trades++;
      }
      if (legal.accept && view.table) {
        const worth = worthToMe(view, view.table.package)!;
        if (worth.margin >= 0) {
          if (!advice?.accept?.weak) return { type: "accept", ...base };
          counts.heldBack++;
        }
      }
      if (legal.counter) return { type: "counter", package: draft, ...base };
      if (legal.propose) {
        const own = view.table?.proposer === delegation ? view.table.package : null;
        if (own && JSON.stringify(own) === JSON.stringify(draft)) return { type: "pass", ...base };
        return { type: "propose", package: draft, ...base };
      }
      return legal.pass ? { type: "pass", ...base } : null;
    },
  };
}
