// The server's own controls over a table (a class session, a tournament, the HTTP API through
// TableAccess): a facilitator control sent by the server, a new table adopted, a bot standing in
// for an empty delegation, a seat issued to a person the server names. Each goes through the same
// queue and checks as a person's request (requests.ts); the room exposes them as LiveMatch.
import { isFacilitatorAction, type FacilitatorActionType, type RequestRefusal } from "../../shared/protocol/index.ts";
import type { TableOwnerKind } from "../db/schema.ts";
import { refusal } from "../requests/pipeline.ts";
import { newToken } from "../tokens.ts";
import { decodeRequest, toAction, type Reply } from "./actions.ts";
import type { TableMaster } from "./master.ts";

/**
 * A facilitator control sent by the server itself (a class session or a tournament running this
 * table), through the same checks as a facilitator's request; the version is the table's own at
 * the moment the action runs.
 */
export function facilitate(table: TableMaster, type: FacilitatorActionType, payload: Record<string, unknown> = {}): Promise<Reply> {
  if (!isFacilitatorAction(type)) return Promise.resolve(refusal("bad_request", `${String(type)}: not a facilitator action`));
  const requestId = `server-${newToken().slice(0, 16)}`;
  return table.queue.run(async () => {
    const decoded = decodeRequest(type, { requestId, ...payload, version: table.game().version });
    if (!decoded.ok) return decoded.refusal;
    const { value } = decoded.value;
    return table.perform(toAction(decoded.value, { actionId: `f:${value.requestId}`, version: value.version, by: { kind: "facilitator" } }));
  });
}

/**
 * The server takes a new table as its own (a class session, a tournament): no creator is awaited
 * (the first to join would otherwise become its facilitator), the table opens at once, and its
 * join code and facilitator token go to the caller, once. Null if someone already created it.
 * `owner` (a class, a tournament) is stored with the match: it plays on to its end after a restart too.
 */
export async function adopt(table: TableMaster, owner: TableOwnerKind = "server"): Promise<{ joinCode: string; facilitatorToken: string } | null> {
  if (!table.creatorPending) return null;
  const { facilitatorToken } = table.creatorPending;
  table.creatorPending = null;
  table.mustFinish = true;
  table.emptyTable.clearUnjoined();
  table.status = "open";
  table.env.transport.closeWhenEmpty(false);
  // Stored, so that the table restored after a restart still plays on to its end (open.ts).
  await table.env.store.updateMatch(table.matchId, { status: "open", owner_kind: owner });
  table.emptyTable.armIdle();
  return { joinCode: table.joinCode, facilitatorToken };
}

/** A bot keeps an empty delegation (a class session's unfilled seat): a stand-in, so anyone later given the seat takes it back. */
export function standIn(table: TableMaster, delegation: string): Promise<Reply> {
  return table.queue.run(async () => {
    const control = table.seating.control.get(delegation);
    if (!control) return refusal("not_found", `stand_in: no delegation '${delegation}' at this table`);
    if (table.game().phase === "ended") return refusal("negotiation_over", "stand_in: the negotiation is over");
    if (control.mode === "bot" || table.seating.membersOf(delegation) > 0) return { ok: true, version: table.game().version };
    await table.changeControl(delegation, "bot", table.options.takeoverStrategy, "takeover");
    table.bots.schedule();
    table.env.transport.broadcastPatch();
    return { ok: true, version: table.game().version };
  });
}

/** A seat at `delegation` for a person the server names: their seat token. Each call issues a new one; earlier ones stay valid. */
export async function issueSeat(table: TableMaster, delegation: string, name: string): Promise<{ seatToken: string; personId: string } | RequestRefusal> {
  if (!table.scenario.delegations.some((d) => d.id === delegation)) return refusal("not_found", `issue_seat: no delegation '${delegation}' at this table`);
  if (table.game().phase === "ended") return refusal("match_over", "issue_seat: the negotiation is over");
  const control = table.seating.controlOf(delegation);
  if (control.mode === "bot" && control.reason !== "takeover") return refusal("bot_seat", `issue_seat: ${delegation} is played by a bot at this table`);
  const { maxSeatsPerTable } = table.env.config;
  if (table.seating.seatsIssued >= maxSeatsPerTable) return refusal("delegation_full", `issue_seat: this table has handed out ${maxSeatsPerTable} seats, its limit`);
  const { person, token } = await table.seating.newPerson(delegation, name);
  table.seating.refresh();
  return { seatToken: token, personId: person.id };
}
