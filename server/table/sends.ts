// What a table sends each connection besides the synced state: its welcome, its seat's private
// side (`seat`, `seat_update`), and a page of the public record. Pure functions of the game state:
// every secret leaves through `viewFor` / `eventsFor` (the debrief through `reveal`).
import { MAX_STATEMENTS_PAGE, type RequestPayload, type SeatSnapshot, type SeatUpdate, type StatementsPage, type Welcome } from "../../shared/protocol/index.ts";
import { eventsFor, viewFor } from "../../shared/rules/index.ts";
import type { GameEvent, GameState, Message } from "../../shared/rules/types.ts";
import type { Identity, PersonSeat } from "./seating.ts";
import { seatOverlay, type Translations } from "../../shared/scenario/overlay.ts";
import { translationsOf } from "../scenarios.ts";

/** A `statements` request without `limit`. */
export const DEFAULT_STATEMENTS_PAGE = 50;

export interface TableCard {
  matchId: string;
  listed: boolean;
  reconnectSeconds: number;
  joinCode: string;
  /** The coach is on for the people seated (CreateOptions `coach`, resolved at creation). */
  coach: boolean;
}

/** Who the connection is at this table; the tokens minted for this join, once; the join code for a facilitator. */
export function welcomeFor(table: TableCard, identity: Identity, person: PersonSeat | undefined, serverTime: number): Welcome {
  const welcome: Welcome = {
    matchId: table.matchId,
    role: { delegation: person?.delegation ?? null, facilitator: identity.facilitator, observer: !identity.facilitator && !person?.delegation },
    personId: person?.id ?? null,
    listed: table.listed,
    reconnectSeconds: table.reconnectSeconds,
    coach: table.coach,
    serverTime,
  };
  if (identity.issued?.seatToken) welcome.seatToken = identity.issued.seatToken;
  if (identity.issued?.facilitatorToken) welcome.facilitatorToken = identity.issued.facilitatorToken;
  if (identity.facilitator) welcome.joinCode = table.joinCode;
  return welcome;
}

/** The seat's private side: a subset of viewFor for its delegation (and the facilitator's inject list). */
export function seatSnapshot(game: GameState, delegation: string | null, facilitator: boolean, events: GameEvent[]): SeatSnapshot {
  const view = delegation ? viewFor(game, { kind: "delegation", id: delegation }) : null;
  const facilitatorView = facilitator ? viewFor(game, { kind: "facilitator" }) : null;
  const snapshot: SeatSnapshot = {
    version: game.version,
    me: view?.me ?? null,
    messages: view ? view.messages.filter((m) => m.channel !== "public") : [],
    events: delegation ? eventsFor(events, { kind: "delegation", id: delegation }).filter((e) => e.audience !== "all") : [],
  };
  if (view?.myUtility !== undefined) snapshot.myUtility = view.myUtility;
  if (facilitatorView?.injects) snapshot.injects = facilitatorView.injects;
  const translations = seatTranslations(game, delegation, facilitator);
  if (translations) snapshot.translations = translations;
  return snapshot;
}

/** The part of the scenario's translations this seat may read now (shared/scenario/overlay.ts `seatOverlay`); undefined when it has none. */
function seatTranslations(game: GameState, delegation: string | null, facilitator: boolean): Translations | undefined {
  const all = Object.entries(translationsOf(game.scenario));
  if (all.length === 0) return undefined;
  const reader = { delegation, facilitator, firedInjects: game.firedInjects, ended: game.phase === "ended" };
  return Object.fromEntries(all.map(([lang, overlay]) => [lang, seatOverlay(overlay, reader)]));
}

/** What `events` changed of a seat's private side: its new messages, and its profile or inject list when those changed. */
export function seatUpdate(game: GameState, delegation: string | null, injectsChanged: boolean, events: GameEvent[]): SeatUpdate {
  const mine = delegation ? eventsFor(events, { kind: "delegation", id: delegation }).filter((e) => e.audience !== "all") : [];
  const messages: Message[] = [];
  let profileChanged = false;
  for (const e of mine) {
    if (e.type === "message") messages.push(e.message);
    else profileChanged = true;
  }
  const update: SeatUpdate = { version: game.version, messages, events: mine };
  if (profileChanged && delegation) update.me = viewFor(game, { kind: "delegation", id: delegation }).me ?? null;
  if (injectsChanged) update.injects = viewFor(game, { kind: "facilitator" }).injects ?? [];
  if (update.me !== undefined || update.injects !== undefined) {
    const translations = seatTranslations(game, delegation, injectsChanged);
    if (translations) update.translations = translations;
  }
  return update;
}

/** A page of the public record: the statements numbered below `before`, oldest first (what an observer may read). */
export function statementsPage(game: GameState, req: RequestPayload<"statements">): StatementsPage {
  const all = viewFor(game, { kind: "observer" }).messages;
  const total = all.length;
  const before = Math.min(req.before ?? total, total);
  const limit = Math.min(req.limit ?? DEFAULT_STATEMENTS_PAGE, MAX_STATEMENTS_PAGE);
  const from = Math.max(0, before - limit);
  const statements = all.slice(from, before).map((m) => (m.phrase ? { id: m.id, from: m.from, text: m.text, round: m.round, version: m.version, phrase: m.phrase } : { id: m.id, from: m.from, text: m.text, round: m.round, version: m.version }));
  return { ok: true, version: game.version, from, statements, more: from > 0, total };
}

/** The seats a step's private events are addressed to, and whether an inject fired (the facilitator's list changed). */
export function touchedBy(events: GameEvent[]): { delegations: Set<string>; injectFired: boolean } {
  const delegations = new Set<string>();
  for (const e of events) if (e.audience !== "all") for (const d of e.audience.delegations) delegations.add(d);
  return { delegations, injectFired: events.some((e) => e.type === "inject_fired") };
}
