// Joining and leaving a table: who a connection is (authorize: the creator, a seat token, a
// facilitator token, a join code, a fresh seat), and what its arrival, drop, return and leaving do
// to the seating (a delegation everyone left goes to a bot when the table allows it).
import { CreateOptions, JOIN_ERRORS, JoinOptions, describeIssue, type JoinErrorName } from "../../shared/protocol/index.ts";
import { hashToken, normalizeJoinCode, sameSecret } from "../tokens.ts";
import type { TableMaster } from "./master.ts";
import { TableRefusal } from "./ports.ts";
import { SEAT_RESERVATION_MS, type Identity } from "./seating.ts";

/** Connections per table beyond which newcomers without a seat (observers) are refused. */
export const MAX_CLIENTS = 250;

function joinError(name: JoinErrorName, message: string): TableRefusal {
  return new TableRefusal(JOIN_ERRORS[name], `${name}: ${message}`);
}

/** An identity that came through a personal link: the person whose link it was (to close it when the link is revoked). */
type LinkedIdentity = Identity & { viaLink?: string };

/** The connections that came through this person's personal link (revoked now): their session ids. */
export function sessionsViaLink(table: TableMaster, personId: string): string[] {
  const out: string[] = [];
  for (const [id, session] of table.seating.sessions) if ((session.identity as LinkedIdentity).viaLink === personId) out.push(id);
  return out;
}

/**
 * Who a joining connection is, from its join options; throws a TableRefusal (the protocol's join
 * error) when it may not join. `freshSeat`, asked just before a new seat is handed out (never for a
 * rejoin, an observer or the creator), may refuse it by throwing (the room's per-address budget).
 * `creator`: this connection holds the seat `create` reserved with the table (the room knows).
 */
export async function authorize(table: TableMaster, raw: unknown, creator: boolean, freshSeat: () => void = () => undefined): Promise<Identity> {
  const { seating, env } = table;
  if (table.creatorPending && creator) {
    // The creator's seat: the one `create` reserved (whoever else learnt the table's id joins as
    // anyone does, with a code). Its options are the creation's, checked when the table was created.
    const { facilitatorToken } = table.creatorPending;
    table.creatorPending = null;
    const creatorOptions = CreateOptions.safeParse(raw);
    const created = creatorOptions.success ? creatorOptions.data : null;
    const issued: NonNullable<Identity["issued"]> = { facilitatorToken };
    const identity: Identity = { personId: null, facilitator: true, creator: true, issued, ...(created?.timeZone === undefined ? {} : { timeZone: created.timeZone }) };
    if (created?.delegation !== undefined) {
      const { person, token } = await seating.newPerson(created.delegation, created.name ?? "Facilitator");
      identity.personId = person.id;
      issued.seatToken = token;
    }
    return identity;
  }
  // Every other join: its own options, strictly (a misspelt `seatTokn` is named, not taken for an observer).
  const parsed = JoinOptions.safeParse(raw ?? {});
  if (!parsed.success) throw joinError("bad_options", describeIssue("join", parsed.error));
  const options = parsed.data;
  const zone = options.timeZone === undefined ? {} : { timeZone: options.timeZone };

  const identity: LinkedIdentity = { personId: null, facilitator: false, ...zone };
  if (options.facilitatorToken !== undefined) {
    if (!sameSecret(hashToken(options.facilitatorToken), table.facilitatorTokenHash)) {
      throw joinError("bad_token", "this facilitator token does not belong to this table");
    }
    identity.facilitator = true;
  }
  if (options.personToken !== undefined && options.seatToken === undefined) {
    // A device that holds its person's personal link sits at the seat the person holds here; it
    // never learns the seat's token (server/people/store.ts).
    const held = await env.people?.seatForLink(hashToken(options.personToken), table.matchId);
    const person = held ? await seating.personByToken(held.seatTokenHash) : null;
    if (!held || !person) throw joinError("link_revoked", "this personal link was revoked (or never made), or holds no seat at this table");
    person.reservedUntil = Math.max(person.reservedUntil, env.timers.now() + SEAT_RESERVATION_MS);
    identity.personId = person.id;
    identity.viaLink = held.personId;
  }
  if (options.seatToken !== undefined) {
    const person = await seating.personByToken(hashToken(options.seatToken));
    if (!person) throw joinError("bad_token", "this seat token does not belong to this table (or its seat was removed)");
    // Held for them until their connection completes.
    person.reservedUntil = Math.max(person.reservedUntil, env.timers.now() + SEAT_RESERVATION_MS);
    identity.personId = person.id;
  }
  if (identity.facilitator || identity.personId) return identity;

  if (!table.listed && !(table.options.openToObservers && options.role !== "delegation")) {
    const code = options.code !== undefined ? normalizeJoinCode(options.code) : null;
    if (code === null || !sameSecret(code, table.joinCode)) throw joinError("bad_code", "the join code does not match this table");
  }
  if (options.role !== "delegation") {
    if (env.transport.connections() >= MAX_CLIENTS) throw joinError("table_full", `this table already has ${MAX_CLIENTS} connections`);
    return identity;
  }

  if (table.game().phase === "ended") throw joinError("match_over", "the negotiation is over; join as an observer to see the debrief");
  const delegation = options.delegation;
  const d = table.scenario.delegations.find((x) => x.id === delegation);
  if (!delegation || !d) {
    throw joinError("unknown_delegation", `role 'delegation' needs 'delegation', one of ${table.scenario.delegations.map((x) => x.id).join(", ")}`);
  }
  const control = seating.controlOf(delegation);
  if (control.mode === "bot" && control.reason !== "takeover") throw joinError("bot_seat", `${delegation} is played by a bot at this table`);
  if (seating.membersOf(delegation) >= d.seats.max) throw joinError("delegation_full", `${delegation} already has ${d.seats.max} ${d.seats.max === 1 ? "person" : "people"}`);
  // Each fresh seat is a row in `seats` (the record of who sat where); rejoining with a token takes
  // none, so only a join-and-leave loop meets this.
  const { maxSeatsPerTable } = env.config;
  if (seating.seatsIssued >= maxSeatsPerTable) {
    throw joinError("table_full", `this table has handed out ${maxSeatsPerTable} seats, its limit; rejoin with your seat token, or watch as an observer`);
  }
  freshSeat();
  const { person, token } = await seating.newPerson(delegation, options.name ?? d.name);
  identity.personId = person.id;
  identity.issued = { seatToken: token };
  return identity;
}

/** A connection joined (after `authorize`): seat it, welcome it, send its seat (and the debrief of an ended table). */
export async function join(table: TableMaster, sessionId: string, identity: Identity): Promise<void> {
  const { seating, env } = table;
  table.emptyTable.clearIdle();
  table.emptyTable.clearUnjoined();
  const session = seating.addSession(sessionId, identity, env.config.rateLimit);
  const person = seating.personOf(identity);
  if (person) {
    person.sessions.add(sessionId);
    person.reservedUntil = 0;
    if (identity.timeZone) await seating.noteZone(person, identity.timeZone);
    const delegation = person.delegation;
    const control = delegation ? seating.control.get(delegation) : undefined;
    if (delegation && control?.mode === "bot" && control.reason === "takeover") {
      await table.changeControl(delegation, "people", control.strategy, "takeover");
      table.notifyDelegation(delegation, { code: "seat_returned", message: `${delegation} is played by people again`, delegation });
    }
  }
  if (identity.creator) {
    table.status = "open";
    env.transport.closeWhenEmpty(false);
    await env.store.updateMatch(table.matchId, { status: "open" });
  }
  seating.refresh();
  table.wake();
  table.sendWelcome(session);
  delete identity.issued;
  delete identity.creator;
  table.sendSeat(session, []);
  if (table.game().phase === "ended") table.sendReveal(session);
  env.transport.broadcastPatch();
  table.maybeAutoStart();
}

/** A connection dropped: its person shows as reconnecting until the window closes (then `leave`). */
export function drop(table: TableMaster, sessionId: string): void {
  const person = table.seating.personOf(table.seating.sessions.get(sessionId)?.identity);
  if (person) {
    person.sessions.delete(sessionId);
    person.dropped.add(sessionId);
  }
  table.seating.refresh();
  table.env.transport.broadcastPatch();
}

/** A dropped connection came back inside its window: welcome it again and resend its seat. */
export function reconnect(table: TableMaster, sessionId: string): void {
  const session = table.seating.sessions.get(sessionId);
  if (!session) return;
  const person = table.seating.personOf(session.identity);
  if (person) {
    person.dropped.delete(sessionId);
    person.sessions.add(sessionId);
  }
  table.seating.refresh();
  table.sendWelcome(session);
  table.sendSeat(session, []);
  if (table.game().phase === "ended") table.sendReveal(session);
  table.env.transport.broadcastPatch();
}

/** A connection left for good (or its window closed). */
export async function leave(table: TableMaster, sessionId: string): Promise<void> {
  const { seating, env } = table;
  const session = seating.sessions.get(sessionId);
  seating.sessions.delete(sessionId);
  const person = seating.personOf(session?.identity);
  if (person) {
    person.sessions.delete(sessionId);
    person.dropped.delete(sessionId);
  }
  if (table.shuttingDown) {
    seating.refresh();
    return;
  }
  // Left for good: out of the synced state and of memory (their seat token still brings them back).
  const gone = person !== undefined && person.sessions.size === 0 && person.dropped.size === 0;
  if (gone) person.reservedUntil = 0;
  seating.refresh();
  if (gone && person.delegation) await table.seatLeftForGood(person.delegation);
  env.transport.broadcastPatch();
  if (env.transport.connections() === 0) {
    table.emptyTable.armIdle();
    table.restIfUnattended();
  }
}
