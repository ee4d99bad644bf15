// Which moves the seat may make now, read from the public table: the rules' own answer
// (shared/rules/legal.ts) on the client's table view, used only to decide which buttons exist.
// The server still judges every move, and a refused one comes back with the engine's reason.
import {
  NO_MOVES,
  legalMoves as legalAt,
  waitingFor as waitingAt,
  type LegalMoves,
  type Position,
} from "../../shared/rules/legal.ts";
import type { ReadonlyProfile } from "../../shared/rules/types.ts";
import type { TableView } from "./view.ts";

export { NO_MOVES, type LegalMoves };

/** The table view in the rules' terms (it names the offer `offer`, the engine `table`). */
function positionOf(view: TableView): Position {
  return { protocol: view.protocol, phase: view.phase, stage: view.stage, turn: view.turn, offer: view.offer };
}

/** The moves `me` may make now; none for a seat its bot plays. */
export function legalMoves(view: TableView | null, me: string | null, profile?: ReadonlyProfile | null): LegalMoves {
  if (!view || !me) return { ...NO_MOVES };
  const seat = view.delegations.find((d) => d.id === me);
  if (!seat || seat.control === "bot") return { ...NO_MOVES };
  return legalAt(positionOf(view), me, profile);
}

/** The delegations the table is waiting for (turn holder, or everyone yet to vote). */
export function waitingFor(view: TableView | null): string[] {
  if (!view) return [];
  return waitingAt(
    positionOf(view),
    view.delegations.map((d) => d.id),
  );
}

/**
 * A solo table: this connection is the facilitator and holds the only seat people play (every
 * other delegation is a bot). The player starts the clock with "I'm ready" and may pause it; the
 * facilitator's controls for a class (join code, swaps, injects) are not shown.
 */
export function isSolo(view: TableView | null, me: string | null, facilitator: boolean): boolean {
  if (!view || !me || !facilitator) return false;
  return view.delegations.every((d) => d.id === me || d.control === "bot");
}
