// What a committed step at a table has to tell people who are not looking (issue 19): it is their
// move (the turn passed to their delegation, or a multilateral vote opened and waits for them), a
// private message reached their delegation, or an inject changed the situation. A pure function of
// the step (the state before, the state after, the events), so the table master hands it over
// without any I/O; server/notify/notifier.ts does the rest off the table's hot path.
import { delegationsToMove } from "../../shared/rules/legal.ts";
import type { GameEvent, GameState } from "../../shared/rules/types.ts";

export type NewsKind = "your_move" | "private_message" | "inject";

/** One thing one delegation should hear about. */
export interface TableNews {
  delegation: string;
  kind: NewsKind;
}

/** What a table hands its notifier after a step: the table, and what its delegations should hear about. */
export interface TableStep {
  matchId: string;
  scenarioId: string;
  news: TableNews[];
}

/** The news of one step, at most one item per delegation and kind, in the table's seating order. */
export function newsOf(before: GameState, after: GameState, events: readonly GameEvent[]): TableNews[] {
  const out: TableNews[] = [];
  const seen = new Set<string>();
  const add = (delegation: string, kind: NewsKind) => {
    const key = `${kind}\u0000${delegation}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ delegation, kind });
  };
  if (after.phase === "running") {
    const waiting = new Set(delegationsToMove(before));
    // Only a delegation the table was not already waiting for: a chat message, or another
    // delegation's vote, while it is still to move is not news.
    for (const d of delegationsToMove(after)) if (!waiting.has(d)) add(d, "your_move");
  }
  for (const e of events) {
    if (e.type === "message" && e.message.channel === "private" && e.message.to !== undefined) add(e.message.to, "private_message");
    if (e.type === "inject_fired") for (const d of after.order) add(d, "inject");
  }
  return out;
}
