// The seating of one table: the connections (sessions), the people holding seats and their seat
// tokens, and who plays each delegation (its people or a bot). It keeps the public side of this in
// the synced state (`delegations`, `people`, head counts) and records seats in the store's `seats`.
import type { Bot } from "../../shared/bots/index.ts";
import type { BotChoice } from "../../shared/protocol/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { Person, type TableState } from "../../shared/state/table.ts";
import type { SeatRow } from "../db/schema.ts";
import { TokenBucket } from "../rooms/limits.ts";
import { hashToken, newPersonId, newToken } from "../tokens.ts";
import type { TableStore } from "./ports.ts";
import type { Timers } from "./timers.ts";

/** A fresh seat stays reserved this long for the person who asked for it, until their connection completes. */
export const SEAT_RESERVATION_MS = 20_000;

/**
 * `sync` resends a seat's whole private side: besides the general request budget, each connection
 * may sync a few times at once, then once every few seconds.
 */
export const SYNC_BURST = 3;
export const SYNC_EVERY_SECONDS = 5;

/** Who a connection is. Kept in the connection's auth, so it survives a reconnection. */
export interface Identity {
  personId: string | null;
  facilitator: boolean;
  /** Set once, for the welcome message: tokens minted for this join. */
  issued?: { seatToken?: string; facilitatorToken?: string };
  creator?: boolean;
  /** The IANA time zone this connection joined from (JoinOptions `timeZone`). */
  timeZone?: string;
}

export interface PersonSeat {
  id: string;
  name: string;
  delegation: string | null;
  tokenHash: string;
  /** Connected sessions. */
  sessions: Set<string>;
  /** Dropped sessions still inside their reconnection window. */
  dropped: Set<string>;
  /** A seat just handed out, not yet connected, counts as taken until then. */
  reservedUntil: number;
}

export interface Session {
  id: string;
  identity: Identity;
  bucket: TokenBucket;
  /** `sync`'s own budget. */
  syncBucket: TokenBucket;
  /** The debrief was sent to this connection (a `sync` does not resend it unless asked). */
  revealSent: boolean;
}

export type ControlReason = "configured" | "takeover" | "facilitator";

export interface Control {
  mode: "people" | "bot";
  strategy: BotChoice;
  reason: ControlReason;
  bot: Bot | null;
  /** The bot's row in `seats`, once it has one. */
  rowId: string | null;
}

export class Seating {
  /** Person seats handed out at this table so far (rows in `seats`), against `config.maxSeatsPerTable`. */
  seatsIssued = 0;
  readonly people = new Map<string, PersonSeat>();
  private readonly peopleByToken = new Map<string, PersonSeat>();
  readonly sessions = new Map<string, Session>();
  readonly control = new Map<string, Control>();
  /** Delegation → the IANA time zone its most recent person joined from (quiet hours follow it). */
  private readonly zones = new Map<string, string>();
  /**
   * A restored table's person seats, by token hash, as the restore read them from `seats`, until
   * each person's first rejoin takes theirs (personByToken): after a restart every person rejoins
   * at once, and a query each would be a thousand queries for rows already read. A person's row
   * changes only while they are here (reassign, their time zone), so an untaken row is current.
   */
  private readonly restoredSeats = new Map<string, Pick<SeatRow, "id" | "name" | "delegation">>();

  constructor(
    private readonly matchId: string,
    scenario: Scenario,
    private readonly state: TableState,
    private readonly store: TableStore,
    private readonly timers: Timers,
    takeoverStrategy: BotChoice,
  ) {
    for (const d of scenario.delegations) {
      this.control.set(d.id, { mode: "people", strategy: takeoverStrategy, reason: "configured", bot: null, rowId: null });
    }
  }

  /** Bring the bots' seats back from `seats` after a restart (`configured`: the delegation is a bot seat by the table's options). */
  restore(rows: SeatRow[], configured: (delegation: string) => boolean, newBot: (delegation: string, strategy: BotChoice) => Bot): void {
    this.seatsIssued = rows.filter((row) => row.kind === "person").length;
    for (const row of rows) {
      // The rows store.personSeat would find: a person's, with a token, still valid.
      if (row.kind === "person" && row.token_hash !== null && Number(row.active) === 1) this.restoredSeats.set(row.token_hash, row);
    }
    // Rows come oldest first: each delegation keeps the zone of its newest person who sent one.
    for (const row of rows) if (row.kind === "person" && row.delegation && row.time_zone) this.zones.set(row.delegation, row.time_zone);
    for (const row of rows) {
      if (row.kind !== "bot" || !row.delegation || !this.control.has(row.delegation)) continue;
      const active = Number(row.active) === 1;
      // Why the cast: the `seats.strategy` column is free text; only BotChoice names are ever written to it.
      const strategy = (row.strategy ?? "medium") as BotChoice;
      this.control.set(row.delegation, {
        mode: active ? "bot" : "people",
        strategy,
        reason: configured(row.delegation) ? "configured" : "takeover",
        bot: active ? newBot(row.delegation, strategy) : null,
        rowId: row.id,
      });
    }
    this.refresh();
  }

  addSession(id: string, identity: Identity, rateLimit: { burst: number; perSecond: number }): Session {
    const session: Session = {
      id,
      identity,
      bucket: new TokenBucket(rateLimit.burst, rateLimit.perSecond),
      syncBucket: new TokenBucket(SYNC_BURST, 1 / SYNC_EVERY_SECONDS),
      revealSent: false,
    };
    this.sessions.set(id, session);
    return session;
  }

  /** A person joined from `zone`: their delegation's quiet hours follow it from its next turn on (kept in `seats`). */
  async noteZone(person: PersonSeat, zone: string): Promise<void> {
    if (person.delegation) this.zones.set(person.delegation, zone);
    await this.store.updateSeat(person.id, { time_zone: zone });
  }

  /** The time zone of a delegation played by people: its most recent person's; null for a bot's seat or when none is known. */
  zoneOf(delegation: string): string | null {
    if (this.control.get(delegation)?.mode !== "people") return null;
    return this.zones.get(delegation) ?? null;
  }

  controlOf(delegation: string): Control {
    const control = this.control.get(delegation);
    if (!control) throw new Error(`no delegation '${delegation}' at this table`);
    return control;
  }

  personOf(identity: Identity | undefined): PersonSeat | undefined {
    return identity?.personId ? this.people.get(identity.personId) : undefined;
  }

  delegationOf(session: Session): string | null {
    return this.personOf(session.identity)?.delegation ?? null;
  }

  connectedOf(delegation: string): number {
    let n = 0;
    for (const p of this.people.values()) if (p.delegation === delegation && p.sessions.size > 0) n++;
    return n;
  }

  droppedOf(delegation: string): number {
    let n = 0;
    for (const p of this.people.values()) if (p.delegation === delegation && p.sessions.size === 0 && p.dropped.size > 0) n++;
    return n;
  }

  /** People holding a place at the delegation now: connected, dropped within the window, or about to connect. */
  membersOf(delegation: string): number {
    const t = this.timers.now();
    let n = 0;
    for (const p of this.people.values()) {
      if (p.delegation === delegation && (p.sessions.size > 0 || p.dropped.size > 0 || p.reservedUntil > t)) n++;
    }
    return n;
  }

  /** The person a seat token belongs to: in memory while present, else from `seats` (kept in memory again while they are here). */
  async personByToken(tokenHash: string): Promise<PersonSeat | null> {
    const known = this.peopleByToken.get(tokenHash);
    if (known) return known;
    const restored = this.restoredSeats.get(tokenHash);
    if (restored) {
      this.restoredSeats.delete(tokenHash);
      return this.people.get(restored.id) ?? this.remember({ id: restored.id, name: restored.name, delegation: restored.delegation, tokenHash });
    }
    const row = await this.store.personSeat(this.matchId, tokenHash);
    if (!row) return null;
    // Another join with the same token may have loaded it meanwhile.
    const again = this.people.get(row.id);
    if (again) return again;
    const person = this.remember({ id: row.id, name: row.name, delegation: row.delegation, tokenHash });
    return person;
  }

  /** A fresh seat at `delegation`, recorded in `seats`; its token is given out once. */
  async newPerson(delegation: string, name: string): Promise<{ person: PersonSeat; token: string }> {
    this.seatsIssued++;
    const token = newToken();
    // In memory first, so a concurrent join sees the place taken.
    const person = this.remember({ id: newPersonId(), name, delegation, tokenHash: hashToken(token) });
    await this.store.insertSeat({
      id: person.id,
      match_id: this.matchId,
      delegation,
      kind: "person",
      token_hash: person.tokenHash,
      strategy: null,
      name,
      active: 1,
      created_at: new Date(this.timers.now()).toISOString(),
    });
    return { person, token };
  }

  private remember(seat: Pick<PersonSeat, "id" | "name" | "delegation" | "tokenHash">): PersonSeat {
    const person: PersonSeat = { ...seat, sessions: new Set(), dropped: new Set(), reservedUntil: this.timers.now() + SEAT_RESERVATION_MS };
    this.people.set(person.id, person);
    this.peopleByToken.set(person.tokenHash, person);
    return person;
  }

  /** Record a delegation's control (already set in memory) in `seats`: the bot's row, made on its first turn. */
  async recordControl(delegation: string): Promise<void> {
    const control = this.controlOf(delegation);
    if (control.rowId) {
      await this.store.updateSeat(control.rowId, { active: control.mode === "bot" ? 1 : 0, strategy: control.strategy });
    } else if (control.mode === "bot") {
      control.rowId = newPersonId().replace(/^p/, "b");
      await this.store.insertSeat({
        id: control.rowId,
        match_id: this.matchId,
        delegation,
        kind: "bot",
        token_hash: null,
        strategy: control.strategy,
        name: `${control.strategy} bot`,
        active: 1,
        created_at: new Date(this.timers.now()).toISOString(),
      });
    }
  }

  /**
   * The public seating: each delegation's control and head counts, each person's status. People
   * who left for good (no connection, none dropped within its window, no seat reserved for them)
   * leave the synced state and the table's memory; the `seats` table keeps their seat and token.
   */
  refresh(): void {
    const s = this.state;
    const t = this.timers.now();
    for (const person of [...this.people.values()]) {
      if (person.sessions.size > 0 || person.dropped.size > 0 || person.reservedUntil > t) continue;
      this.people.delete(person.id);
      this.peopleByToken.delete(person.tokenHash);
      s.people.delete(person.id);
    }
    for (const seat of s.delegations) {
      const control = this.controlOf(seat.id);
      const strategy = control.mode === "bot" ? control.strategy : "";
      if (seat.control !== control.mode) seat.control = control.mode;
      if (seat.strategy !== strategy) seat.strategy = strategy;
      const connected = Math.min(255, this.connectedOf(seat.id));
      if (seat.connected !== connected) seat.connected = connected;
      let members = 0;
      for (const p of this.people.values()) if (p.delegation === seat.id) members++;
      members = Math.min(255, members);
      if (seat.members !== members) seat.members = members;
    }
    let observers = 0;
    let facilitators = 0;
    const facilitatorPeople = new Set<string>();
    for (const session of this.sessions.values()) {
      const person = this.personOf(session.identity);
      if (session.identity.facilitator) {
        facilitators++;
        if (person) facilitatorPeople.add(person.id);
      }
      if (!session.identity.facilitator && !person?.delegation) observers++;
    }
    if (s.observers !== observers) s.observers = Math.min(65535, observers);
    if (s.facilitators !== facilitators) s.facilitators = Math.min(255, facilitators);
    for (const person of this.people.values()) {
      const status = person.sessions.size > 0 ? "connected" : person.dropped.size > 0 ? "reconnecting" : "away";
      let entry = s.people.get(person.id);
      if (!entry) {
        entry = new Person({ id: person.id, name: person.name, delegation: "", status: "", facilitator: false });
        s.people.set(person.id, entry);
      }
      if (entry.delegation !== (person.delegation ?? "")) entry.delegation = person.delegation ?? "";
      if (entry.status !== status) entry.status = status;
      const facilitator = facilitatorPeople.has(person.id);
      if (entry.facilitator !== facilitator) entry.facilitator = facilitator;
    }
  }
}
