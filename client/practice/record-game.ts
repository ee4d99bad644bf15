// The debrief's hook into the ladder: a finished solo game (every other delegation a bot, this
// browser its facilitator) is recorded once, with what the debrief computed — result, advantage,
// distance to the frontier — and the bots it was played against.
import { DIFFICULTY } from "../../shared/bots/registry.ts";
import type { DebriefAnalysis, PartyResult } from "../debrief/analysis.ts";
import { isSolo } from "../net/legal.ts";
import type { TableView } from "../net/view.ts";
import { record } from "./ladder.ts";

export function recordSoloGame(view: TableView, scenario: string, matchId: string, me: string, facilitator: boolean, a: DebriefAnalysis, mine: PartyResult): void {
  if (!view.outcome || !isSolo(view, me, facilitator)) return;
  const bots = [...new Set(view.delegations.filter((d) => d.id !== me).map((d) => d.strategy))];
  const strategy = bots.length === 1 ? bots[0]! : "mixed";
  const difficulty = strategy in DIFFICULTY ? strategy : (Object.entries(DIFFICULTY).find(([, name]) => name === strategy)?.[0] ?? "custom");
  record({
    kind: "game",
    id: matchId,
    at: new Date().toISOString(),
    scenario,
    delegation: me,
    difficulty,
    strategy,
    agreement: a.agreement,
    reason: view.outcome.reason,
    utility: mine.utility,
    walkAway: mine.reservation,
    advantage: mine.advantage,
    paretoDistance: a.paretoDistance,
  });
}
