// The coach's input in the browser: a `SeatView` made only of what the server sent this seat — the
// synced table (client/net/view.ts `TableView`: public moves and the offer), the scenario's public
// text, and the seat's own private side (`SeatSnapshot.me`). No other input exists for the client's
// coach, so it sees what the bots see and nothing more (tests/coach/wire.test.ts). Pure: no DOM.
import type { SeatSnapshot } from "../../shared/protocol/messages.ts";
import type { Move, PublicScenario, SeatView } from "../../shared/rules/types.ts";
import type { TableView } from "../net/view.ts";

/** The seat's view for the coach; null without a seat of one's own (observers, a facilitator only). */
export function coachSeatView(scenario: PublicScenario, table: TableView, seat: Pick<SeatSnapshot, "me">): SeatView | null {
  const me = seat.me;
  if (!me) return null;
  const moves: Move[] = table.moves.map((m) => ({
    version: m.version,
    round: m.round,
    by: m.by,
    type: m.type,
    ...(m.package ? { package: m.package } : {}),
    ...(m.vote ? { accept: m.vote === "accept" } : {}),
  }));
  return {
    viewer: { kind: "delegation", id: me.delegation },
    scenario,
    version: table.version,
    tableVersion: table.tableVersion,
    phase: table.phase,
    round: table.round,
    deadlineRounds: table.deadlineRounds,
    turn: table.turn,
    stage: table.stage,
    table: table.offer ? { package: table.offer.package, proposer: table.offer.proposer, round: table.offer.round, responses: table.offer.responses } : null,
    moves,
    messages: [],
    firedInjects: [],
    me,
    outcome: null,
  };
}
