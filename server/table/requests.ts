// A connection's request to the table, from its payload to the engine's action: the checks in the
// order budget → shape → role, then the table's serial queue (the engine checks phase, version and
// rules). Built on the shared pipeline (server/requests/pipeline.ts).
import {
  isFacilitatorAction,
  Requests,
  TALK_TYPES,
  type ActionReply,
  type DelegationRequestType,
  type FacilitatorActionType,
  type RequestPayload,
  type RequestRefusal,
  type RequestType,
} from "../../shared/protocol/index.ts";
import type { Actor, GameAction } from "../../shared/rules/types.ts";
import type { ServerConfig } from "../config.ts";
import { decode, refusal, type Decoded } from "../requests/pipeline.ts";
import { reassign, setControl } from "./seat-requests.ts";
import { SYNC_BURST, SYNC_EVERY_SECONDS, type Session } from "./seating.ts";
import { statementsPage } from "./sends.ts";
import type { TableMaster } from "./master.ts";

export type Reply = ActionReply | RequestRefusal;

/** A decoded request: its type with its own payload's type. */
export type TypedRequest = { [K in RequestType]: { type: K; value: RequestPayload<K> } }[RequestType];
export type ActionRequest = Extract<TypedRequest, { type: DelegationRequestType | FacilitatorActionType }>;

/** Check a request's payload against the protocol's schema. */
export function decodeRequest<T extends RequestType>(type: T, payload: unknown): Decoded<Extract<TypedRequest, { type: T }>> {
  const decoded = decode(Requests, type, payload);
  if (!decoded.ok) return decoded;
  // Why the cast: TypeScript cannot tie a generic key to its entry of a mapped union (TS#30581); `value` is RequestPayload<T>.
  return { ok: true, value: { type, value: decoded.value } as Extract<TypedRequest, { type: T }> };
}

/** The engine's action for a checked request. */
export function toAction(request: ActionRequest, base: { actionId: string; version: number; by: Actor }): GameAction {
  switch (request.type) {
    case "propose":
    case "counter":
      return { ...base, type: request.type, package: request.value.package };
    case "vote":
      return { ...base, type: "vote", accept: request.value.accept };
    case "statement":
    case "team_note":
      return { ...base, type: request.type, text: request.value.text };
    case "private_message":
      return { ...base, type: "private_message", to: request.value.to, text: request.value.text };
    case "fire_inject":
      return { ...base, type: "fire_inject", injectId: request.value.injectId };
    case "extend":
      return { ...base, type: "extend", rounds: request.value.rounds };
    case "accept":
    case "reject":
    case "walk_away":
    case "pass":
    case "start":
    case "pause":
    case "resume":
    case "end":
    case "timeout":
      return { ...base, type: request.type };
  }
}

/** The person whose action id this is (`p:<person>:<request>`), or null (bots, the facilitator, the system). */
export function talker(actionId: string): string | null {
  if (!actionId.startsWith("p:")) return null;
  const end = actionId.indexOf(":", 2);
  return end > 2 ? actionId.slice(2, end) : null;
}

/**
 * Talk (statements, private messages, team notes) each person sent, for `maxMessagesPerPerson`;
 * only people who sent something, so at most `maxMessagesPerTable` entries. The table's count is
 * the engine's own (`gameState.messages`, bots' included).
 */
export class TalkCount {
  private readonly byPerson = new Map<string, number>();

  constructor(private readonly limits: Pick<ServerConfig, "maxMessagesPerPerson" | "maxMessagesPerTable">) {}

  /** Count an accepted action (only talk by a person counts). */
  count(action: Pick<GameAction, "type" | "actionId">): void {
    if (!TALK_TYPES.has(action.type)) return;
    const person = talker(action.actionId);
    if (person !== null) this.byPerson.set(person, (this.byPerson.get(person) ?? 0) + 1);
  }

  /** The volume caps (checked once the engine has accepted the action, so a retry is still a duplicate). */
  refuse(action: GameAction, messagesAtTable: number): RequestRefusal | null {
    if (!TALK_TYPES.has(action.type)) return null;
    const { maxMessagesPerPerson, maxMessagesPerTable } = this.limits;
    if (messagesAtTable >= maxMessagesPerTable) {
      return refusal("volume_limit", `${action.type}: this table holds ${maxMessagesPerTable} messages (statements, private messages and team notes), its limit (maxMessagesPerTable)`);
    }
    const person = talker(action.actionId);
    if (person !== null && (this.byPerson.get(person) ?? 0) >= maxMessagesPerPerson) {
      return refusal("volume_limit", `${action.type}: you have sent ${maxMessagesPerPerson} messages (statements, private messages and team notes) at this table, the limit per person (maxMessagesPerPerson)`);
    }
    return null;
  }
}

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

/**
 * A facilitator control sent by the server itself (a class session or a tournament running this
 * table), through the same checks as a facilitator's request. The version is the table's own at
 * the moment the action runs.
 */
export function facilitate(table: TableMaster, type: FacilitatorActionType, payload: Record<string, unknown>, requestId: string): Promise<Reply> {
  if (!isFacilitatorAction(type)) return Promise.resolve(refusal("bad_request", `${String(type)}: not a facilitator action`));
  return table.queue.run(async () => {
    const decoded = decodeRequest(type, { requestId, ...payload, version: table.game().version });
    if (!decoded.ok) return decoded.refusal;
    const request = decoded.value;
    return table.perform(toAction(request, { actionId: `f:${request.value.requestId}`, version: request.value.version, by: { kind: "facilitator" } }));
  });
}
