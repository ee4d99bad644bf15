// A connection's request to the table, from its payload to the engine's action: the checks in the
// order budget → shape → role, then the table's serial queue (the engine checks phase, version and
// rules). Built on the shared pipeline (server/requests/pipeline.ts) and actions.ts.
import { isFacilitatorAction, type RequestPayload, type RequestType } from "../../shared/protocol/index.ts";
import type { Actor } from "../../shared/rules/types.ts";
import { refusal } from "../requests/pipeline.ts";
import { decodeRequest, toAction, type Reply } from "./actions.ts";
import { reassign, setControl } from "./seat-requests.ts";
import { SYNC_BURST, SYNC_EVERY_SECONDS, type Session } from "./seating.ts";
import { statementsPage } from "./sends.ts";
import type { TableMaster } from "./master.ts";

/** A connection's request: the order of checks is budget → shape → role → (the engine: phase, version, rules). */
export async function tableRequest(table: TableMaster, sessionId: string, type: RequestType, payload: unknown): Promise<Reply> {
  const session = table.seating.sessions.get(sessionId);
  if (!session) return refusal("forbidden", `${type}: this connection has not joined the table`);
  if (!session.bucket.take()) {
    const { burst, perSecond } = table.env.config.rateLimit;
    return refusal("rate_limited", `${type}: too many requests (at most ${burst} at once, then ${perSecond} per second); retry shortly`);
  }
  const decoded = decodeRequest(type, payload);
  if (!decoded.ok) return decoded.refusal;
  const request = decoded.value;

  if (request.type === "sync") return sync(table, session, request.value);
  if (request.type === "statements") return statementsPage(table.game(), request.value);
  if (request.type === "set_control" || request.type === "reassign") {
    if (!session.identity.facilitator) return refusal("forbidden", `${type}: only the facilitator may ${type}`);
    const seatRequest = request;
    return table.queue.run(() => (seatRequest.type === "set_control" ? setControl(table, seatRequest.value) : reassign(table, seatRequest.value)));
  }
  const { requestId, version } = request.value;
  let by: Actor;
  let actionId: string;
  if (isFacilitatorAction(request.type)) {
    if (!session.identity.facilitator) return refusal("forbidden", `${type}: only the facilitator may ${type}`);
    by = { kind: "facilitator" };
    actionId = `f:${requestId}`;
  } else {
    const person = table.seating.personOf(session.identity);
    if (!person?.delegation) return refusal("forbidden", `${type}: only a delegation member may ${type}; you are observing`);
    if (table.seating.control.get(person.delegation)?.mode === "bot") {
      return refusal("bot_seat", `${type}: ${person.delegation} is played by a bot now; the facilitator can swap it out`);
    }
    by = { kind: "delegation", id: person.delegation };
    actionId = `p:${person.id}:${requestId}`;
  }
  const action = toAction(request, { actionId, version, by });
  return table.queue.run(() => table.perform(action, sessionId));
}

/** `sync`: resend the welcome and the seat; the debrief again only when asked (it is large, and was sent on joining an ended table or at the end). */
function sync(table: TableMaster, session: Session, req: RequestPayload<"sync">): Reply {
  if (!session.syncBucket.take()) {
    const wait = Math.max(1, Math.ceil(session.syncBucket.secondsUntil(1)));
    return refusal("rate_limited", `sync: at most ${SYNC_BURST} at once, then one every ${SYNC_EVERY_SECONDS} seconds; retry in ${wait} s`);
  }
  table.sendWelcome(session);
  table.sendSeat(session, []);
  if (table.game().phase === "ended" && (!session.revealSent || req.reveal === true)) table.sendReveal(session);
  return { ok: true, version: table.game().version };
}
