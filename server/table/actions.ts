// What a request becomes for the engine, with no table in sight: the typed request decoded from its
// payload, the engine's action for it, who sent talk, and the talk volume caps. Used by requests.ts
// (a connection's request) and master.ts (the server's own facilitator controls).
import {
  acceptedAsIs,
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

export type Reply = ActionReply | RequestRefusal;

/** A decoded request: its type with its own payload's type. */
export type TypedRequest = { [K in RequestType]: { type: K; value: RequestPayload<K> } }[RequestType];
export type ActionRequest = Extract<TypedRequest, { type: DelegationRequestType | FacilitatorActionType }>;

/**
 * Check a request's payload against the protocol's schema: the game's usual requests by hand first
 * (`acceptedAsIs`, no allocation), zod for every other, and for every refusal's wording.
 */
export function decodeRequest<T extends RequestType>(type: T, payload: unknown): Decoded<Extract<TypedRequest, { type: T }>> {
  // Why the cast: as below; `acceptedAsIs` holds only where zod's output would equal the payload.
  if (acceptedAsIs(type, payload)) return { ok: true, value: { type, value: payload } as Extract<TypedRequest, { type: T }> };
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
