// The `negotiation` room: one table. A thin adapter between the network and the rules engine
// (DESIGN principle 3): it identifies the seat from the client's auth, checks the request's shape
// with the protocol's zod schema, turns it into a GameAction, calls `apply`, writes the accepted
// action to the log, projects the observer's view onto the synced state, and answers. It decides
// no game rule: what is legal, whose turn it is, what a timeout does, all come from `apply`; what
// each seat may see comes from `viewFor` / `eventsFor` / `reveal`.
//
// Besides the game, the room keeps the seating (who sits at which delegation, which delegations a
// bot plays), the turn timer (a `timeout` action through the engine when it runs out), and the
// bots (each sees only `viewFor` of its own delegation).
import { type Client, type MessageContext, Room, ServerError } from "@colyseus/core";
import { botSeed, createBot, delegationsToMove, type Bot } from "../../shared/bots/index.ts";
import {
  CREATE_ERRORS,
  CreateOptions,
  describeIssue,
  isDelegationRequest,
  isFacilitatorAction,
  isSeatRequest,
  JOIN_ERRORS,
  MAX_STATEMENTS_PAGE,
  JoinOptions,
  MESSAGE,
  parseRequest,
  REQUEST_TYPES,
  type ActionReply,
  type BotChoice,
  type CreateErrorName,
  type FacilitatorActionType,
  type JoinErrorName,
  type Notice,
  type RequestPayload,
  type RequestRefusal,
  type RequestType,
  type RoomErrorCode,
  type SeatSnapshot,
  type SeatUpdate,
  type StatementsPage,
  TALK_TYPES,
  type Welcome,
} from "../../shared/protocol/index.ts";
import { apply, createGame, eventsFor, replay, reveal, viewFor } from "../../shared/rules/index.ts";
import type { Actor, GameAction, GameEvent, GameState, Message } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { DelegationSeat, Person, TableState } from "../../shared/state/table.ts";
import { context, type ServerContext } from "../context.ts";
import type { TurnClock } from "../db/store.ts";
import type { SeatRow } from "../db/schema.ts";
import { log } from "../log.ts";
import { hashToken, newJoinCode, newMatchId, newPersonId, newSeed, newToken, normalizeJoinCode, sameSecret } from "../tokens.ts";
import { TokenBucket } from "./limits.ts";
import type { LiveMatch } from "./live.ts";
import { publishMatchEnded } from "./match-events.ts";
import { projectView } from "./projection.ts";

/** The option key under which the server hands a restore ticket to a new room. */
export const RESTORE_TICKET = "restoreTicket";

/** How often the room clock ticks and the periodic patch runs (a safety net: patches go out at once). */
export const CLOCK_TICK_MS = 1000;

/** Connections per table beyond which newcomers without a seat (observers) are refused. */
const MAX_CLIENTS = 250;


/** A fresh seat stays reserved this long for the person who asked for it, until their connection completes. */
const SEAT_RESERVATION_MS = 20_000;

/**
 * `sync` resends a seat's whole private side: besides the general request budget, each connection
 * may sync a few times at once, then once every few seconds.
 */
export const SYNC_BURST = 3;
export const SYNC_EVERY_SECONDS = 5;

/** A `statements` request without `limit`. */
const DEFAULT_STATEMENTS_PAGE = 50;

/** Who a connection is. Kept in `client.auth`, so it survives a reconnection. */
interface Identity {
  personId: string | null;
  facilitator: boolean;
  /** Set once, for the welcome message: tokens minted for this join. */
  issued?: { seatToken?: string; facilitatorToken?: string };
  creator?: boolean;
}

interface PersonSeat {
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

interface Session {
  client: Client;
  identity: Identity;
  bucket: TokenBucket;
  /** `sync`'s own budget. */
  syncBucket: TokenBucket;
  /** The debrief was sent to this connection (a `sync` does not resend it unless asked). */
  revealSent: boolean;
}

type ControlReason = "configured" | "takeover" | "facilitator";

interface Control {
  mode: "people" | "bot";
  strategy: BotChoice;
  reason: ControlReason;
  bot: Bot | null;
  /** The bot's row in `seats`, once it has one. */
  rowId: string | null;
}

type Reply = ActionReply | RequestRefusal;

/** A pending bot move or turn timeout: a timer of its own, or an immediate one when bots have no delay. */
interface BotTimer {
  clear(): void;
}

function immediateTimer(run: () => void): BotTimer {
  const handle = setImmediate(run);
  return { clear: () => clearImmediate(handle) };
}

/**
 * A one-off timer of the process, not the room clock: the room clock only advances on the room's
 * periodic tick, and a tick per table several times a second costs more than every timer it
 * would run (see patchRate).
 */
function delayedTimer(run: () => void, ms: number): BotTimer {
  const handle = setTimeout(() => {
    try {
      run();
    } catch (e) {
      log.error("a table's timer failed", { error: e });
    }
  }, ms);
  return { clear: () => clearTimeout(handle) };
}

function refusal(code: RoomErrorCode | string, message: string): RequestRefusal {
  return { code, message };
}

function joinError(name: JoinErrorName, message: string): ServerError {
  return new ServerError(JOIN_ERRORS[name], `${name}: ${message}`);
}

function createError(name: CreateErrorName, message: string): ServerError {
  return new ServerError(CREATE_ERRORS[name], `${name}: ${message}`);
}


function now(): string {
  return new Date().toISOString();
}

export class NegotiationRoom extends Room<{ state: TableState }> implements LiveMatch {
  override state = new TableState();
  /**
   * Each accepted action's patch is broadcast at once (afterCommit calls broadcastPatch), and the
   * turn timer and bot moves run on timers of their own, so the periodic patch is only a safety
   * net for a change made without a broadcast: a coarse one will do. A 60 Hz tick per table
   * (Colyseus's default without a patch rate) costs a tenth of a core per thousand tables for
   * nothing; four a second still cost about 4% of a loaded server's time.
   */
  override patchRate: number | null = CLOCK_TICK_MS;

  private ctx!: ServerContext;
  private scenario!: Scenario;
  private gameState!: GameState;
  matchId = "";
  listed = false;
  private joinCode = "";
  private facilitatorTokenHash = "";
  private options!: CreateOptions;
  private created = "";
  private statusValue = "pending";
  private turnMs = 120_000;
  private reconnectSeconds = 120;

  /** Person seats handed out at this table so far (rows in `seats`), against `config.maxSeatsPerTable`. */
  private seatsIssued = 0;
  private readonly people = new Map<string, PersonSeat>();
  private readonly peopleByToken = new Map<string, PersonSeat>();
  private readonly sessions = new Map<string, Session>();
  private readonly control = new Map<string, Control>();
  private readonly botTimers = new Map<string, BotTimer>();

  private creatorPending: { facilitatorToken: string } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private turnTimer: BotTimer | null = null;
  /** The turn clock now (null: no turn running) and the table version whose turn it times. */
  private turnClock: TurnClock | null = null;
  private timerVersion = -1;
  private idleTimer: NodeJS.Timeout | null = null;
  /** A table created by a client nobody has joined yet: closed when it runs out (`unjoinedSeconds`). */
  private unjoinedTimer: NodeJS.Timeout | null = null;
  /**
   * Talk (statements, private messages, team notes) each person sent, for `maxMessagesPerPerson`;
   * only people who sent something, so at most `maxMessagesPerTable` entries. The table's count is
   * the engine's own (`gameState.messages`, bots' included).
   */
  private readonly talkByPerson = new Map<string, number>();
  private shuttingDown = false;
  private abandoned = false;

  // ---- lifecycle ---------------------------------------------------------------------------

  override async onCreate(options: Record<string, unknown>): Promise<void> {
    this.ctx = context();
    this.maxMessagesPerSecond = this.ctx.config.maxMessagesPerSecond;
    const ticket = typeof options?.[RESTORE_TICKET] === "string" ? (options[RESTORE_TICKET] as string) : null;
    const restoring = ticket !== null ? this.ctx.restoreTickets.get(ticket) : undefined;
    if (ticket !== null) this.ctx.restoreTickets.delete(ticket);
    if (restoring !== undefined) await this.restore(restoring);
    else await this.createMatch(options);
    // Tables are found by id or join code, never by Colyseus's own matchmaking queries.
    void this.setPrivate(true);
    for (const type of REQUEST_TYPES) {
      this.onMessage(type, (client: Client, payload: unknown, ctx: MessageContext) => this.onRequest(type, client, payload, ctx));
    }
    // A `send` of an unknown type would otherwise disconnect the sender.
    this.onMessage("*", (client: Client, type: string | number) => {
      client.send(MESSAGE.notice, { code: "unknown_message", message: `${String(type)}: no such message type` });
    });
    this.ctx.live.set(this.matchId, this);
  }

  private async createMatch(raw: Record<string, unknown>): Promise<void> {
    const parsed = CreateOptions.safeParse(raw ?? {});
    if (!parsed.success) throw createError("bad_options", describeIssue("create", parsed.error));
    const options = parsed.data;
    const { store, catalog, config, live } = this.ctx;
    if (live.size >= config.maxMatches) throw createError("too_many_matches", `this server runs ${live.size} tables, its limit; try later`);
    const scenario = catalog.get(options.scenario);
    if (!scenario) {
      const known = catalog.list().map((s) => s.id);
      throw createError("unknown_scenario", `no scenario '${options.scenario}' (known: ${known.join(", ") || "none"})`);
    }
    const ids = scenario.delegations.map((d) => d.id);
    for (const id of Object.keys(options.seats)) {
      if (!ids.includes(id)) throw createError("bad_options", `create: field 'seats.${id}' names no delegation of ${scenario.id} (${ids.join(", ")})`);
    }
    if (options.delegation !== undefined) {
      if (!ids.includes(options.delegation)) {
        throw createError("bad_options", `create: field 'delegation' names no delegation of ${scenario.id} (${ids.join(", ")})`);
      }
      if (options.seats[options.delegation]?.kind === "bot") {
        throw createError("bad_options", `create: field 'delegation': ${options.delegation} is a bot seat`);
      }
    }
    // Bots never take the last places a person needs: a table only bots play (a tournament's; a
    // class always leaves a delegation to its students) is refused once the server is within
    // `matchesReservedForPeople` of its limit.
    const botsOnly = ids.every((id) => options.seats[id]?.kind === "bot");
    const botLimit = Math.max(0, config.maxMatches - config.matchesReservedForPeople);
    if (botsOnly && live.size >= botLimit) {
      throw createError(
        "reserved_for_people",
        `this server runs ${live.size} tables; its last ${config.matchesReservedForPeople} of ${config.maxMatches} places are kept for tables people play; try later`,
      );
    }

    this.matchId = newMatchId();
    this.roomId = this.matchId;
    const seed = options.seed ?? newSeed();
    let joinCode = newJoinCode();
    // 10¹² codes: a clash is rare, but the index is unique, so look before writing.
    for (let tries = 0; tries < 5 && (await store.joinCodeTaken(joinCode)); tries++) joinCode = newJoinCode();
    const facilitatorToken = newToken();
    this.created = now();
    await store.insertMatch({
      id: this.matchId,
      scenario_id: scenario.id,
      scenario_json: JSON.stringify(scenario),
      seed,
      options_json: JSON.stringify(options),
      join_code: joinCode,
      facilitator_token_hash: hashToken(facilitatorToken),
      listed: options.listed ? 1 : 0,
      status: "pending",
      created_at: this.created,
      started_at: null,
      ended_at: null,
      outcome_json: null,
    });
    this.setup(scenario, options, createGame(scenario, seed), joinCode, hashToken(facilitatorToken));
    for (const [delegation, seat] of Object.entries(options.seats)) {
      if (seat.kind === "bot") await this.changeControl(delegation, "bot", seat.strategy, "configured");
    }
    this.creatorPending = { facilitatorToken };
    this.project();
    this.armUnjoinedTimer();
    log.info("match created", { matchId: this.matchId, scenario: scenario.id, listed: options.listed });
  }

  /** Bring a match back from its log after a restart: same id, join code, seats and tokens. */
  private async restore(matchId: string): Promise<void> {
    const stored = await this.ctx.store.loadMatch(matchId);
    if (!stored) throw new Error(`restore: no match ${matchId}`);
    const { match, seats, actions } = stored;
    const scenario = JSON.parse(match.scenario_json) as Scenario;
    const options = CreateOptions.parse(JSON.parse(match.options_json));
    const game = replay(scenario, match.seed, actions.map((a) => a.action));
    if (game.phase === "ended") {
      // The last action was written but the process stopped before the match was marked ended.
      await this.ctx.store.updateMatch(matchId, { status: "ended", ended_at: actions.at(-1)?.createdAt ?? now(), outcome_json: JSON.stringify(game.outcome) });
      throw new Error(`match ${matchId} had already ended; marked as such, not restored`);
    }
    this.matchId = match.id;
    this.roomId = match.id;
    this.created = match.created_at;
    this.setup(scenario, options, game, match.join_code, match.facilitator_token_hash);
    this.restoreSeats(seats, options);
    // Each person's talk so far, from the log (their requests' action ids name them).
    for (const { action } of actions) if (TALK_TYPES.has(action.type)) this.countTalk(action.actionId);
    this.statusValue = game.phase === "waiting" ? "open" : "running";
    this.autoDispose = false;
    this.project();
    // The turn goes on with the time it had left when the process stopped (a full turn for logs
    // written before the clock was logged).
    const clock = actions.at(-1)?.clock ?? null;
    if (clock !== null) {
      this.turnClock = clock;
      this.timerVersion = game.tableVersion;
    }
    this.syncTimer(this.clockAfter(game, Date.now()), true);
    this.scheduleBots();
    this.armIdleTimer();
    log.info("match restored", { matchId, version: game.version, phase: game.phase });
  }

  /**
   * People are not brought back: nobody is connected after a restart, and the room keeps in memory
   * only the people present; each comes back with their seat token (looked up in `seats`).
   */
  private restoreSeats(seats: SeatRow[], options: CreateOptions): void {
    this.seatsIssued = seats.filter((row) => row.kind === "person").length;
    for (const row of seats) {
      if (row.kind === "bot" && row.delegation && this.control.has(row.delegation)) {
        const active = Number(row.active) === 1;
        const reason: ControlReason = options.seats[row.delegation]?.kind === "bot" ? "configured" : "takeover";
        const strategy = (row.strategy ?? "medium") as BotChoice;
        this.control.set(row.delegation, {
          mode: active ? "bot" : "people",
          strategy,
          reason,
          bot: active ? this.newBot(row.delegation, strategy) : null,
          rowId: row.id,
        });
      }
    }
    this.refreshSeating();
  }

  private setup(scenario: Scenario, options: CreateOptions, game: GameState, joinCode: string, facilitatorTokenHash: string): void {
    this.scenario = scenario;
    this.options = options;
    this.gameState = game;
    this.joinCode = joinCode;
    this.facilitatorTokenHash = facilitatorTokenHash;
    this.listed = options.listed;
    this.turnMs = (options.secondsPerTurn ?? scenario.deadline.secondsPerTurn) * 1000;
    this.reconnectSeconds = options.reconnectSeconds ?? this.ctx.config.reconnectSeconds;
    for (const d of scenario.delegations) {
      this.control.set(d.id, { mode: "people", strategy: options.takeoverStrategy, reason: "configured", bot: null, rowId: null });
    }
    const s = this.state;
    s.matchId = this.matchId;
    s.scenarioId = scenario.id;
    s.title = scenario.title;
    s.protocol = scenario.protocol;
    s.timer.seconds = this.turnMs / 1000;
    const required = new Set(game.agreement.required);
    for (const d of scenario.delegations) {
      s.delegations.push(
        new DelegationSeat({
          id: d.id,
          name: d.name,
          required: required.has(d.id),
          control: "people",
          strategy: "",
          connected: 0,
          members: 0,
          maxMembers: Math.min(255, d.seats.max),
        }),
      );
    }
  }

  override onBeforeShutdown(): void {
    // Leaving clients must not hand seats to bots: the match is restored as it is on the next start.
    this.shuttingDown = true;
    super.onBeforeShutdown();
  }

  override onDispose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.clearUnjoinedTimer();
    this.turnTimer?.clear();
    this.turnTimer = null;
    for (const timer of this.botTimers.values()) timer.clear();
    this.botTimers.clear();
    if (this.ctx?.live.get(this.matchId) === this) this.ctx.live.delete(this.matchId);
    if (!this.ctx || this.shuttingDown || !this.matchId) return;
    if (this.statusValue === "pending" || (this.abandoned && this.gameState.phase !== "ended")) {
      this.statusValue = "abandoned";
      this.persist(this.ctx.store.updateMatch(this.matchId, { status: "abandoned" }), "mark abandoned");
    }
  }

  // ---- joining -----------------------------------------------------------------------------

  override async onAuth(_client: Client, raw: unknown): Promise<Identity> {
    const parsed = JoinOptions.safeParse(raw ?? {});
    if (!parsed.success) throw joinError("bad_options", describeIssue("join", parsed.error));
    const options = parsed.data;

    if (this.creatorPending) {
      // The first seat of a new room is its creator's: nobody else knows the room's id yet.
      const { facilitatorToken } = this.creatorPending;
      this.creatorPending = null;
      const identity: Identity = { personId: null, facilitator: true, creator: true, issued: { facilitatorToken } };
      const creatorOptions = CreateOptions.safeParse(raw);
      const delegation = creatorOptions.success ? creatorOptions.data.delegation : undefined;
      if (delegation !== undefined) {
        const { person, token } = await this.newPerson(delegation, options.name ?? "Facilitator");
        identity.personId = person.id;
        identity.issued!.seatToken = token;
      }
      return identity;
    }

    const identity: Identity = { personId: null, facilitator: false };
    if (options.facilitatorToken !== undefined) {
      if (!sameSecret(hashToken(options.facilitatorToken), this.facilitatorTokenHash)) {
        throw joinError("bad_token", "this facilitator token does not belong to this table");
      }
      identity.facilitator = true;
    }
    if (options.seatToken !== undefined) {
      const person = await this.personByToken(hashToken(options.seatToken));
      if (!person) throw joinError("bad_token", "this seat token does not belong to this table (or its seat was removed)");
      // Held for them until their connection completes.
      person.reservedUntil = Math.max(person.reservedUntil, Date.now() + SEAT_RESERVATION_MS);
      identity.personId = person.id;
    }
    if (identity.facilitator || identity.personId) return identity;

    if (!this.listed && !(this.options.openToObservers && options.role !== "delegation")) {
      const code = options.code !== undefined ? normalizeJoinCode(options.code) : null;
      if (code === null || !sameSecret(code, this.joinCode)) throw joinError("bad_code", "the join code does not match this table");
    }
    if (options.role !== "delegation") {
      if (this.clients.length >= MAX_CLIENTS) throw joinError("table_full", `this table already has ${MAX_CLIENTS} connections`);
      return identity;
    }

    if (this.gameState.phase === "ended") throw joinError("match_over", "the negotiation is over; join as an observer to see the debrief");
    const delegation = options.delegation;
    const d = this.scenario.delegations.find((x) => x.id === delegation);
    if (!delegation || !d) {
      throw joinError("unknown_delegation", `role 'delegation' needs 'delegation', one of ${this.scenario.delegations.map((x) => x.id).join(", ")}`);
    }
    const control = this.control.get(delegation)!;
    if (control.mode === "bot" && control.reason !== "takeover") throw joinError("bot_seat", `${delegation} is played by a bot at this table`);
    if (this.membersOf(delegation) >= d.seats.max) throw joinError("delegation_full", `${delegation} already has ${d.seats.max} ${d.seats.max === 1 ? "person" : "people"}`);
    // Each fresh seat is a row in `seats` (the record of who sat where); rejoining with a token takes
    // none, so only a join-and-leave loop meets this.
    if (this.seatsIssued >= this.ctx.config.maxSeatsPerTable) {
      throw joinError("table_full", `this table has handed out ${this.ctx.config.maxSeatsPerTable} seats, its limit; rejoin with your seat token, or watch as an observer`);
    }
    const { person, token } = await this.newPerson(delegation, options.name ?? d.name);
    identity.personId = person.id;
    identity.issued = { seatToken: token };
    return identity;
  }

  override async onJoin(client: Client, _options: unknown, identity: Identity): Promise<void> {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    this.clearUnjoinedTimer();
    const { rateLimit } = this.ctx.config;
    this.sessions.set(client.sessionId, {
      client,
      identity,
      bucket: new TokenBucket(rateLimit.burst, rateLimit.perSecond),
      syncBucket: new TokenBucket(SYNC_BURST, 1 / SYNC_EVERY_SECONDS),
      revealSent: false,
    });
    const person = this.personOf(identity);
    if (person) {
      person.sessions.add(client.sessionId);
      person.reservedUntil = 0;
      const delegation = person.delegation;
      const control = delegation ? this.control.get(delegation) : undefined;
      if (delegation && control?.mode === "bot" && control.reason === "takeover") {
        await this.changeControl(delegation, "people", control.strategy, "takeover");
        this.notifyDelegation(delegation, { code: "seat_returned", message: `${delegation} is played by people again`, delegation });
      }
    }
    if (identity.creator) {
      this.statusValue = "open";
      this.autoDispose = false;
      await this.ctx.store.updateMatch(this.matchId, { status: "open" });
    }
    this.refreshSeating();
    this.sendWelcome(client, identity);
    delete identity.issued;
    delete identity.creator;
    const session = this.sessions.get(client.sessionId)!;
    this.sendSeat(session, []);
    if (this.gameState.phase === "ended") this.sendReveal(session);
    this.broadcastPatch();
    this.maybeAutoStart();
  }

  override onDrop(client: Client): void {
    const person = this.personOf(this.sessions.get(client.sessionId)?.identity);
    if (person) {
      person.sessions.delete(client.sessionId);
      person.dropped.add(client.sessionId);
    }
    this.refreshSeating();
    this.broadcastPatch();
    if (this.reconnectSeconds > 0 && !this.shuttingDown) {
      // Rejected when the window closes: onLeave follows and handles the seat.
      this.allowReconnection(client, this.reconnectSeconds).catch(() => undefined);
    }
  }

  override onReconnect(client: Client): void {
    const session = this.sessions.get(client.sessionId);
    if (!session) return;
    session.client = client;
    const person = this.personOf(session.identity);
    if (person) {
      person.dropped.delete(client.sessionId);
      person.sessions.add(client.sessionId);
    }
    this.refreshSeating();
    this.sendWelcome(client, session.identity);
    this.sendSeat(session, []);
    if (this.gameState.phase === "ended") this.sendReveal(session);
    this.broadcastPatch();
  }

  override async onLeave(client: Client): Promise<void> {
    const session = this.sessions.get(client.sessionId);
    this.sessions.delete(client.sessionId);
    const person = this.personOf(session?.identity);
    if (person) {
      person.sessions.delete(client.sessionId);
      person.dropped.delete(client.sessionId);
    }
    if (this.shuttingDown) {
      this.refreshSeating();
      return;
    }
    // Left for good: out of the synced state and of memory (their seat token still brings them back).
    if (person && person.sessions.size === 0 && person.dropped.size === 0) person.reservedUntil = 0;
    this.refreshSeating();
    if (person?.delegation && person.sessions.size === 0 && person.dropped.size === 0) await this.seatLeftForGood(person.delegation);
    this.broadcastPatch();
    if (this.clients.length === 0) this.armIdleTimer();
  }

  /** Nobody of this delegation is left: a bot plays it, if the table allows. */
  private async seatLeftForGood(delegation: string): Promise<void> {
    const control = this.control.get(delegation)!;
    if (control.mode === "bot" || !this.options.botTakeover || this.gameState.phase === "ended") return;
    if (this.connectedOf(delegation) > 0 || this.droppedOf(delegation) > 0) return;
    await this.changeControl(delegation, "bot", this.options.takeoverStrategy, "takeover");
    this.scheduleBots();
    this.notifyDelegation(delegation, {
      code: "bot_took_seat",
      message: `everyone at ${delegation} left; a bot plays it until someone rejoins with their seat token`,
      delegation,
    });
  }

  private armIdleTimer(): void {
    if (this.idleTimer || this.gameState.phase === "ended" || this.ctx.config.idleMinutes <= 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.clients.length > 0 || this.gameState.phase === "ended") return;
      log.info("match abandoned: nobody connected", { matchId: this.matchId, minutes: this.ctx.config.idleMinutes });
      this.abandoned = true;
      this.autoDispose = true;
      void this.disconnect();
    }, this.ctx.config.idleMinutes * 60_000);
    this.idleTimer.unref();
  }

  /**
   * A table a client created and nobody joined (the creator's seat reservation was never used) is
   * closed after `unjoinedSeconds`, marked abandoned, and no longer counts against `maxMatches`.
   * Tables the server adopts (a class's, a tournament's) are not: people join them later.
   */
  private armUnjoinedTimer(): void {
    const seconds = this.ctx.config.unjoinedSeconds;
    if (this.unjoinedTimer || seconds <= 0) return;
    this.unjoinedTimer = setTimeout(() => {
      this.unjoinedTimer = null;
      if (this.clients.length > 0) return;
      log.info("match abandoned: nobody joined", { matchId: this.matchId, seconds });
      this.creatorPending = null;
      this.abandoned = true;
      this.autoDispose = true;
      void this.disconnect();
    }, seconds * 1000);
    this.unjoinedTimer.unref();
  }

  private clearUnjoinedTimer(): void {
    if (this.unjoinedTimer) clearTimeout(this.unjoinedTimer);
    this.unjoinedTimer = null;
  }

  // ---- requests ----------------------------------------------------------------------------

  private async onRequest(type: RequestType, client: Client, payload: unknown, ctx: MessageContext): Promise<unknown> {
    let reply: Reply;
    try {
      reply = await this.answer(type, client, payload);
    } catch (e) {
      log.error(`${type} failed`, { matchId: this.matchId, error: e });
      reply = refusal("internal_error", `${type}: the server failed; nothing changed`);
    }
    if ("code" in reply) {
      // A `send` has no reply channel: tell the sender with a notice instead.
      if (ctx.id === undefined) client.send(MESSAGE.notice, { ...reply, requestType: type });
      return ctx.reject(reply);
    }
    return reply;
  }

  /** The order of checks: budget → shape → role → (the engine: phase, version, rules). */
  private async answer(type: RequestType, client: Client, payload: unknown): Promise<Reply> {
    const session = this.sessions.get(client.sessionId);
    if (!session) return refusal("forbidden", `${type}: this connection has not joined the table`);
    if (!session.bucket.take()) {
      const { burst, perSecond } = this.ctx.config.rateLimit;
      return refusal("rate_limited", `${type}: too many requests (at most ${burst} at once, then ${perSecond} per second); retry shortly`);
    }
    const parsed = parseRequest(type, payload);
    if (!parsed.ok) return refusal(parsed.code, parsed.message);
    const value = parsed.value;

    if (type === "sync") {
      if (!session.syncBucket.take()) {
        const wait = Math.max(1, Math.ceil(session.syncBucket.secondsUntil(1)));
        return refusal("rate_limited", `sync: at most ${SYNC_BURST} at once, then one every ${SYNC_EVERY_SECONDS} seconds; retry in ${wait} s`);
      }
      this.sendWelcome(session.client, session.identity);
      this.sendSeat(session, []);
      // The debrief is large and was sent on joining an ended table (or at the end): again only when asked.
      if (this.gameState.phase === "ended" && (!session.revealSent || (value as RequestPayload<"sync">).reveal === true)) this.sendReveal(session);
      return { ok: true, version: this.gameState.version };
    }
    if (type === "statements") return this.statementsPage(value as RequestPayload<"statements">);
    if (isSeatRequest(type)) {
      if (!session.identity.facilitator) return refusal("forbidden", `${type}: only the facilitator may ${type}`);
      return this.enqueue(() =>
        type === "set_control"
          ? this.setControlRequest(value as RequestPayload<"set_control">)
          : this.reassignRequest(value as RequestPayload<"reassign">),
      );
    }
    const { requestId, version } = value as { requestId: string; version: number };
    let by: Actor;
    let actionId: string;
    if (isFacilitatorAction(type)) {
      if (!session.identity.facilitator) return refusal("forbidden", `${type}: only the facilitator may ${type}`);
      by = { kind: "facilitator" };
      actionId = `f:${requestId}`;
    } else if (isDelegationRequest(type)) {
      const person = this.personOf(session.identity);
      if (!person?.delegation) return refusal("forbidden", `${type}: only a delegation member may ${type}; you are observing`);
      if (this.control.get(person.delegation)?.mode === "bot") {
        return refusal("bot_seat", `${type}: ${person.delegation} is played by a bot now; the facilitator can swap it out`);
      }
      by = { kind: "delegation", id: person.delegation };
      actionId = `p:${person.id}:${requestId}`;
    } else {
      return refusal("bad_request", `${type}: not an action`);
    }
    const action = toAction(type, value, { actionId, version, by });
    return this.enqueue(() => this.perform(action, session.client));
  }

  /**
   * A facilitator control sent by the server itself (a class session or a tournament running this
   * table), through the same checks as a facilitator's request. The version is the table's own at
   * the moment the action runs. Callable in-process through `ctx.live` or, from another process,
   * with `matchMaker.remoteRoomCall(roomId, "facilitate", [type, payload])`.
   */
  async facilitate(type: FacilitatorActionType, payload: Record<string, unknown> = {}): Promise<Reply> {
    if (!isFacilitatorAction(type)) return refusal("bad_request", `${String(type)}: not a facilitator action`);
    return this.enqueue(async () => {
      const parsed = parseRequest(type, { requestId: `server-${newToken().slice(0, 16)}`, ...payload, version: this.gameState.version });
      if (!parsed.ok) return refusal(parsed.code, parsed.message);
      const { requestId, version } = parsed.value as { requestId: string; version: number };
      return this.perform(toAction(type, parsed.value, { actionId: `f:${requestId}`, version, by: { kind: "facilitator" } }));
    });
  }

  /**
   * The server takes a new table as its own (a class session, a tournament): no creator is awaited
   * (the first to join would otherwise become its facilitator), the table opens at once, and its
   * join code and facilitator token go to the caller, once. Null if someone already created it.
   */
  async adopt(): Promise<{ joinCode: string; facilitatorToken: string } | null> {
    if (!this.creatorPending) return null;
    const { facilitatorToken } = this.creatorPending;
    this.creatorPending = null;
    this.clearUnjoinedTimer();
    this.statusValue = "open";
    this.autoDispose = false;
    await this.ctx.store.updateMatch(this.matchId, { status: "open" });
    this.armIdleTimer();
    return { joinCode: this.joinCode, facilitatorToken };
  }

  /**
   * A bot keeps an empty delegation from the server (a class session whose table has fewer people
   * than seats): the stand-in of a seat left for good, so anyone later given the seat takes it back.
   */
  async standIn(delegation: string): Promise<Reply> {
    return this.enqueue(async () => {
      const control = this.control.get(delegation);
      if (!control) return refusal("not_found", `stand_in: no delegation '${delegation}' at this table`);
      if (this.gameState.phase === "ended") return refusal("negotiation_over", "stand_in: the negotiation is over");
      if (control.mode === "bot" || this.membersOf(delegation) > 0) return { ok: true, version: this.gameState.version };
      await this.changeControl(delegation, "bot", this.options.takeoverStrategy, "takeover");
      this.scheduleBots();
      this.broadcastPatch();
      return { ok: true, version: this.gameState.version };
    });
  }

  /**
   * A seat at `delegation` for a person the server has named (a tournament entrant, a class
   * student): their seat token, to join with. Each call issues a new one; earlier ones stay valid.
   */
  async issueSeat(delegation: string, name: string): Promise<{ seatToken: string; personId: string } | RequestRefusal> {
    if (!this.scenario.delegations.some((d) => d.id === delegation)) return refusal("not_found", `issue_seat: no delegation '${delegation}' at this table`);
    if (this.gameState.phase === "ended") return refusal("match_over", "issue_seat: the negotiation is over");
    const control = this.control.get(delegation)!;
    if (control.mode === "bot" && control.reason !== "takeover") return refusal("bot_seat", `issue_seat: ${delegation} is played by a bot at this table`);
    if (this.seatsIssued >= this.ctx.config.maxSeatsPerTable) return refusal("delegation_full", `issue_seat: this table has handed out ${this.ctx.config.maxSeatsPerTable} seats, its limit`);
    const { person, token } = await this.newPerson(delegation, name);
    this.refreshSeating();
    return { seatToken: token, personId: person.id };
  }

  /** A page of the public record: the statements numbered below `before`, oldest first (what an observer may read). */
  private statementsPage(req: RequestPayload<"statements">): StatementsPage {
    const all = viewFor(this.gameState, { kind: "observer" }).messages;
    const total = all.length;
    const before = Math.min(req.before ?? total, total);
    const limit = Math.min(req.limit ?? DEFAULT_STATEMENTS_PAGE, MAX_STATEMENTS_PAGE);
    const from = Math.max(0, before - limit);
    const statements = all.slice(from, before).map((m) => ({ id: m.id, from: m.from, text: m.text, round: m.round, version: m.version }));
    return { ok: true, version: this.gameState.version, from, statements, more: from > 0, total };
  }

  /** The person whose action id this is (`p:<person>:<request>`), or null (bots, the facilitator, the system). */
  private static talker(actionId: string): string | null {
    if (!actionId.startsWith("p:")) return null;
    const end = actionId.indexOf(":", 2);
    return end > 2 ? actionId.slice(2, end) : null;
  }

  private countTalk(actionId: string): void {
    const person = NegotiationRoom.talker(actionId);
    if (person !== null) this.talkByPerson.set(person, (this.talkByPerson.get(person) ?? 0) + 1);
  }

  /** The volume caps (checked once the engine has accepted the action, so a retry is still a duplicate). */
  private overVolume(action: GameAction): RequestRefusal | null {
    if (!TALK_TYPES.has(action.type)) return null;
    const { maxMessagesPerPerson, maxMessagesPerTable } = this.ctx.config;
    if (this.gameState.messages.length >= maxMessagesPerTable) {
      return refusal("volume_limit", `${action.type}: this table holds ${maxMessagesPerTable} messages (statements, private messages and team notes), its limit (maxMessagesPerTable)`);
    }
    const person = NegotiationRoom.talker(action.actionId);
    if (person !== null && (this.talkByPerson.get(person) ?? 0) >= maxMessagesPerPerson) {
      return refusal("volume_limit", `${action.type}: you have sent ${maxMessagesPerPerson} messages (statements, private messages and team notes) at this table, the limit per person (maxMessagesPerPerson)`);
    }
    return null;
  }

  /** One action at a time per table: apply, persist, publish, in that order. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** `requester`: the client whose request this is (its frames for the action leave together, see holdFrames). */
  private async perform(action: GameAction, requester?: Client): Promise<Reply> {
    const before = this.gameState;
    const result = apply(before, action);
    if (!result.ok) {
      // A retry of an action already applied: answer as the first time did.
      if (result.code === "duplicate_action") return { ok: true, version: before.version, duplicate: true };
      return refusal(result.code, result.message);
    }
    const over = this.overVolume(action);
    if (over) return over;
    // The turn clock this action leaves, logged with it so that a restart resumes the same turn.
    const clock = this.clockAfter(result.state, Date.now());
    try {
      await this.ctx.store.appendEvent(this.matchId, result.state.version, action, clock);
    } catch (e) {
      log.error("could not write an action to the log", { matchId: this.matchId, type: action.type, error: e });
      return refusal("internal_error", `${action.type}: the action could not be saved; nothing changed (retry with the same requestId)`);
    }
    this.gameState = result.state;
    if (TALK_TYPES.has(action.type)) this.countTalk(action.actionId);
    this.afterCommit(before, result.events, clock, requester);
    return { ok: true, version: this.gameState.version };
  }

  private afterCommit(before: GameState, events: GameEvent[], clock: TurnClock | null, requester?: Client): void {
    const game = this.gameState;
    this.project();
    if (before.phase === "waiting" && game.phase !== "waiting") {
      this.statusValue = "running";
      this.persist(this.ctx.store.updateMatch(this.matchId, { status: "running", started_at: now() }), "mark running");
    }
    const ended = before.phase !== "ended" && game.phase === "ended";
    if (ended) this.finish();
    this.syncTimer(clock);
    if (requester) this.holdFrames(requester);
    this.broadcastPatch();
    this.sendPrivateUpdates(events, ended);
    this.scheduleBots();
  }

  /**
   * Hold the requester's outgoing frames until the promises of this action have settled, then send
   * them together: its patch, any seat update and the answer leave in one write instead of two or
   * three (each write is a system call, the largest cost of an action). Nothing is reordered, and
   * nothing waits past this turn of the event loop: the answer is sent in the same microtask run.
   * Other clients' patches go out at once, before the requester learns its action was accepted.
   */
  private holdFrames(requester: Client): void {
    const socket = (requester as { ref?: { _socket?: { cork(): void; uncork(): void; destroyed?: boolean } } }).ref?._socket;
    if (!socket || socket.destroyed || typeof socket.cork !== "function") return;
    socket.cork();
    // A tick queued from a microtask runs once the microtask queue is empty, so after the answer.
    process.nextTick(() => socket.uncork());
  }

  private finish(): void {
    const game = this.gameState;
    this.statusValue = "ended";
    this.persist(
      this.ctx.store.updateMatch(this.matchId, { status: "ended", ended_at: now(), outcome_json: JSON.stringify(game.outcome) }),
      "mark ended",
    );
    for (const timer of this.botTimers.values()) timer.clear();
    this.botTimers.clear();
    this.state.revealed = true;
    // The table stays open for the debrief while anyone is connected.
    this.autoDispose = true;
    log.info("match ended", { matchId: this.matchId, reason: game.outcome?.reason, version: game.version });
    publishMatchEnded({ matchId: this.matchId, scenarioId: this.scenario.id, outcome: game.outcome, version: game.version });
  }

  /**
   * Private events go to the seats they are addressed to, as a `seat_update` (only what changed);
   * the end sends everyone their whole seat (with their utility) and the reveal.
   */
  private sendPrivateUpdates(events: GameEvent[], ended: boolean): void {
    const touched = new Set<string>();
    for (const e of events) if (e.audience !== "all") for (const d of e.audience.delegations) touched.add(d);
    const injectFired = events.some((e) => e.type === "inject_fired");
    if (ended || touched.size > 0 || injectFired) {
      for (const session of this.sessions.values()) {
        const delegation = this.personOf(session.identity)?.delegation ?? null;
        if (ended) this.sendSeat(session, events);
        else if ((delegation !== null && touched.has(delegation)) || (session.identity.facilitator && injectFired)) {
          session.client.send(MESSAGE.seatUpdate, this.seatUpdate(delegation, session.identity.facilitator && injectFired, events));
        }
      }
    }
    if (ended) {
      this.broadcast(MESSAGE.reveal, reveal(this.gameState));
      for (const session of this.sessions.values()) session.revealSent = true;
    }
  }

  /** What `events` changed of a seat's private side: its new messages, and its profile or inject list when those changed. */
  private seatUpdate(delegation: string | null, injectsChanged: boolean, events: GameEvent[]): SeatUpdate {
    const game = this.gameState;
    const mine = delegation ? eventsFor(events, { kind: "delegation", id: delegation }).filter((e) => e.audience !== "all") : [];
    const update: SeatUpdate = { version: game.version, messages: [], events: mine };
    let profileChanged = false;
    for (const e of mine) {
      if (e.type === "message") (update.messages as Message[]).push(e.message);
      else profileChanged = true;
    }
    if (profileChanged && delegation) update.me = viewFor(game, { kind: "delegation", id: delegation }).me ?? null;
    if (injectsChanged) update.injects = viewFor(game, { kind: "facilitator" }).injects ?? [];
    return update;
  }

  // ---- what each client receives -----------------------------------------------------------

  private project(): void {
    projectView(this.state, viewFor(this.gameState, { kind: "observer" }), this.ctx.config.statementWindow);
    // Public (the engine announces it to everyone in its `started` event), though not part of a view.
    const firstMover = this.gameState.firstMover ?? "";
    if (this.state.firstMover !== firstMover) this.state.firstMover = firstMover;
  }

  /** The seat's private side: a subset of viewFor for its delegation (and the facilitator's inject list). */
  private seatSnapshot(session: Session, events: GameEvent[]): SeatSnapshot {
    const game = this.gameState;
    const delegation = this.personOf(session.identity)?.delegation ?? null;
    const view = delegation ? viewFor(game, { kind: "delegation", id: delegation }) : null;
    const facilitator = session.identity.facilitator ? viewFor(game, { kind: "facilitator" }) : null;
    const snapshot: SeatSnapshot = {
      version: game.version,
      me: view?.me ?? null,
      messages: view ? view.messages.filter((m) => m.channel !== "public") : [],
      events: delegation ? eventsFor(events, { kind: "delegation", id: delegation }).filter((e) => e.audience !== "all") : [],
    };
    if (view?.myUtility !== undefined) snapshot.myUtility = view.myUtility;
    if (facilitator?.injects) snapshot.injects = facilitator.injects;
    return snapshot;
  }

  private sendReveal(session: Session): void {
    session.client.send(MESSAGE.reveal, reveal(this.gameState));
    session.revealSent = true;
  }

  private sendSeat(session: Session, events: GameEvent[]): void {
    session.client.send(MESSAGE.seat, this.seatSnapshot(session, events));
  }

  private sendWelcome(client: Client, identity: Identity): void {
    const person = this.personOf(identity);
    const welcome: Welcome = {
      matchId: this.matchId,
      role: { delegation: person?.delegation ?? null, facilitator: identity.facilitator, observer: !identity.facilitator && !person?.delegation },
      personId: person?.id ?? null,
      listed: this.listed,
      reconnectSeconds: this.reconnectSeconds,
      serverTime: Date.now(),
    };
    if (identity.issued?.seatToken) welcome.seatToken = identity.issued.seatToken;
    if (identity.issued?.facilitatorToken) welcome.facilitatorToken = identity.issued.facilitatorToken;
    if (identity.facilitator) welcome.joinCode = this.joinCode;
    client.send(MESSAGE.welcome, welcome);
  }

  private notifyDelegation(delegation: string, notice: Notice): void {
    for (const session of this.sessions.values()) {
      if (this.personOf(session.identity)?.delegation === delegation || session.identity.facilitator) session.client.send(MESSAGE.notice, notice);
    }
  }

  // ---- seating -----------------------------------------------------------------------------

  private personOf(identity: Identity | undefined): PersonSeat | undefined {
    return identity?.personId ? this.people.get(identity.personId) : undefined;
  }

  private connectedOf(delegation: string): number {
    let n = 0;
    for (const p of this.people.values()) if (p.delegation === delegation && p.sessions.size > 0) n++;
    return n;
  }

  private droppedOf(delegation: string): number {
    let n = 0;
    for (const p of this.people.values()) if (p.delegation === delegation && p.sessions.size === 0 && p.dropped.size > 0) n++;
    return n;
  }

  /** People holding a place at the delegation now: connected, dropped within the window, or about to connect. */
  private membersOf(delegation: string): number {
    const t = Date.now();
    let n = 0;
    for (const p of this.people.values()) {
      if (p.delegation === delegation && (p.sessions.size > 0 || p.dropped.size > 0 || p.reservedUntil > t)) n++;
    }
    return n;
  }

  /** The person a seat token belongs to: in memory while present, else from `seats` (kept in memory again while they are here). */
  private async personByToken(tokenHash: string): Promise<PersonSeat | null> {
    const known = this.peopleByToken.get(tokenHash);
    if (known) return known;
    const row = await this.ctx.store.personSeat(this.matchId, tokenHash);
    if (!row) return null;
    // Another join with the same token may have loaded it meanwhile.
    const again = this.people.get(row.id);
    if (again) return again;
    const person: PersonSeat = {
      id: row.id,
      name: row.name,
      delegation: row.delegation,
      tokenHash,
      sessions: new Set(),
      dropped: new Set(),
      reservedUntil: Date.now() + SEAT_RESERVATION_MS,
    };
    this.people.set(person.id, person);
    this.peopleByToken.set(tokenHash, person);
    return person;
  }

  private async newPerson(delegation: string, name: string): Promise<{ person: PersonSeat; token: string }> {
    this.seatsIssued++;
    const token = newToken();
    const person: PersonSeat = {
      id: newPersonId(),
      name,
      delegation,
      tokenHash: hashToken(token),
      sessions: new Set(),
      dropped: new Set(),
      reservedUntil: Date.now() + SEAT_RESERVATION_MS,
    };
    // In memory first, so a concurrent join sees the place taken.
    this.people.set(person.id, person);
    this.peopleByToken.set(person.tokenHash, person);
    await this.ctx.store.insertSeat({
      id: person.id,
      match_id: this.matchId,
      delegation,
      kind: "person",
      token_hash: person.tokenHash,
      strategy: null,
      name,
      active: 1,
      created_at: now(),
    });
    return { person, token };
  }

  /**
   * The public seating: each delegation's control and head counts, each person's status. People
   * who left for good (no connection, none dropped within its window, no seat reserved for them)
   * leave the synced state and the room's memory; the `seats` table keeps their seat and token.
   */
  private refreshSeating(): void {
    const s = this.state;
    const t = Date.now();
    for (const person of [...this.people.values()]) {
      if (person.sessions.size > 0 || person.dropped.size > 0 || person.reservedUntil > t) continue;
      this.people.delete(person.id);
      this.peopleByToken.delete(person.tokenHash);
      s.people.delete(person.id);
    }
    for (const seat of s.delegations) {
      const control = this.control.get(seat.id)!;
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

  private newBot(delegation: string, strategy: BotChoice): Bot {
    const d = this.scenario.delegations.find((x) => x.id === delegation)!;
    return createBot(strategy, { delegation, seed: botSeed(this.gameState.seed, strategy), phrases: d.phrases, talk: true });
  }

  /** Hand a delegation to a bot or back to its people, and record it. */
  private async changeControl(delegation: string, mode: "people" | "bot", strategy: BotChoice, reason: ControlReason): Promise<void> {
    const control = this.control.get(delegation)!;
    if (mode === "bot") {
      if (control.mode !== "bot" || control.strategy !== strategy) control.bot = this.newBot(delegation, strategy);
    } else {
      control.bot = null;
      this.botTimers.get(delegation)?.clear();
      this.botTimers.delete(delegation);
    }
    control.mode = mode;
    control.strategy = strategy;
    control.reason = reason;
    if (control.rowId) {
      await this.ctx.store.updateSeat(control.rowId, { active: mode === "bot" ? 1 : 0, strategy });
    } else if (mode === "bot") {
      control.rowId = newPersonId().replace(/^p/, "b");
      await this.ctx.store.insertSeat({
        id: control.rowId,
        match_id: this.matchId,
        delegation,
        kind: "bot",
        token_hash: null,
        strategy,
        name: `${strategy} bot`,
        active: 1,
        created_at: now(),
      });
    }
    this.refreshSeating();
  }

  private async setControlRequest(req: RequestPayload<"set_control">): Promise<Reply> {
    if (!this.control.has(req.delegation)) return refusal("not_found", `set_control: no delegation '${req.delegation}' at this table`);
    if (this.gameState.phase === "ended") return refusal("negotiation_over", "set_control: the negotiation is over");
    const current = this.control.get(req.delegation)!;
    await this.changeControl(req.delegation, req.control, req.strategy ?? current.strategy, "facilitator");
    this.notifyDelegation(req.delegation, {
      code: "control_changed",
      message: `the facilitator handed ${req.delegation} to ${req.control === "bot" ? "a bot" : "its people"}`,
      delegation: req.delegation,
      control: req.control,
    });
    this.broadcastPatch();
    this.scheduleBots();
    this.maybeAutoStart();
    return { ok: true, version: this.gameState.version };
  }

  private async reassignRequest(req: RequestPayload<"reassign">): Promise<Reply> {
    const person = this.people.get(req.person);
    if (!person) return refusal("not_found", `reassign: no person '${req.person}' at this table`);
    const target = req.delegation;
    if (target !== null) {
      const d = this.scenario.delegations.find((x) => x.id === target);
      if (!d) return refusal("not_found", `reassign: no delegation '${target}' at this table`);
      if (person.delegation !== target && this.membersOf(target) >= d.seats.max) {
        return refusal("delegation_full", `reassign: ${target} already has ${d.seats.max} ${d.seats.max === 1 ? "person" : "people"}`);
      }
    }
    const from = person.delegation;
    person.delegation = target;
    await this.ctx.store.updateSeat(person.id, { delegation: target });
    this.refreshSeating();
    for (const id of [...person.sessions]) {
      const session = this.sessions.get(id);
      if (!session) continue;
      session.client.send(MESSAGE.notice, { code: "reassigned", message: `the facilitator moved you to ${target ?? "the observers"}`, delegation: target });
      this.sendWelcome(session.client, session.identity);
      this.sendSeat(session, []);
    }
    if (from && from !== target) await this.seatLeftForGoodIfEmpty(from);
    this.broadcastPatch();
    this.maybeAutoStart();
    return { ok: true, version: this.gameState.version };
  }

  private async seatLeftForGoodIfEmpty(delegation: string): Promise<void> {
    if (this.membersOf(delegation) === 0) await this.seatLeftForGood(delegation);
  }

  /** `startWhen: full`: start once every delegation played by people has at least one person. */
  private maybeAutoStart(): void {
    if (this.options.startWhen !== "full" || this.gameState.phase !== "waiting") return;
    for (const d of this.scenario.delegations) {
      if (this.control.get(d.id)!.mode === "bot") continue;
      if (this.connectedOf(d.id) < Math.max(1, d.seats.min)) return;
    }
    void this.enqueue(() => this.perform({ type: "start", actionId: "auto-start", version: this.gameState.version, by: { kind: "facilitator" } }));
  }

  // ---- the clock: turn timer and bots ------------------------------------------------------

  /**
   * The turn clock once `game` is the table's state: a new table (a proposal, a vote, a new round)
   * gets a full turn; a pause keeps what was left; a resume runs on from there.
   */
  private clockAfter(game: GameState, at: number): TurnClock | null {
    if (game.phase !== "running" && game.phase !== "paused") return null;
    const current = this.timerVersion === game.tableVersion ? this.turnClock : null;
    if (game.phase === "paused") {
      if (current === null) return { leftMs: this.turnMs };
      return "leftMs" in current ? current : { leftMs: Math.max(0, current.endsAt - at) };
    }
    if (current === null) return { endsAt: at + this.turnMs };
    return "endsAt" in current ? current : { endsAt: at + current.leftMs };
  }

  /** Run the room clock's turn timer (and the synced `timer`) as `clock` says (`fresh`: a new room, set everything). */
  private syncTimer(clock: TurnClock | null, fresh = false): void {
    const t = this.state.timer;
    const version = this.gameState.tableVersion;
    const unchanged =
      clock !== null &&
      this.turnClock !== null &&
      this.timerVersion === version &&
      ("endsAt" in clock ? "endsAt" in this.turnClock && this.turnClock.endsAt === clock.endsAt && this.turnTimer !== null : "leftMs" in this.turnClock && this.turnClock.leftMs === clock.leftMs);
    this.turnClock = clock;
    this.timerVersion = clock === null ? -1 : version;
    if (unchanged && !fresh) return;
    this.turnTimer?.clear();
    this.turnTimer = null;
    if (clock === null || "leftMs" in clock) {
      if (t.running) t.running = false;
      if (t.endsAt !== 0) t.endsAt = 0;
      const seconds = clock === null ? 0 : Math.ceil(clock.leftMs / 1000);
      if (t.secondsLeft !== seconds) t.secondsLeft = seconds;
      return;
    }
    const left = Math.max(0, clock.endsAt - Date.now());
    this.turnTimer = delayedTimer(() => this.onTurnTimeout(version), left);
    // `secondsLeft` goes with `endsAt` (computed at the same moment), so a running clock patches
    // the timer only when the turn changes, not with every action.
    t.running = true;
    t.endsAt = clock.endsAt;
    t.secondsLeft = Math.ceil(left / 1000);
  }

  private onTurnTimeout(tableVersion: number): void {
    void this.enqueue(async () => {
      const game = this.gameState;
      if (game.phase !== "running" || game.tableVersion !== tableVersion) return;
      const result = await this.perform({ type: "timeout", actionId: `timeout@${game.version}`, version: game.version, by: { kind: "system" } });
      if ("code" in result) log.warn("timeout refused", { matchId: this.matchId, ...result });
    });
  }

  private botDelay(): number {
    if (this.options.fastBots) return 0;
    const { min, max } = this.ctx.config.botDelayMs;
    return min + Math.random() * (max - min);
  }

  /** Each bot that has to move gets a turn after a short, human-like pause. */
  private scheduleBots(): void {
    if (this.gameState.phase !== "running") return;
    for (const delegation of delegationsToMove(this.gameState)) {
      const control = this.control.get(delegation);
      if (control?.mode !== "bot" || this.botTimers.has(delegation)) continue;
      const move = () => {
        this.botTimers.delete(delegation);
        void this.enqueue(() => this.botMove(delegation));
      };
      const delay = this.botDelay();
      // No delay (tests): the next turn of the event loop, not the next clock tick.
      const timer: BotTimer = delay <= 0 ? immediateTimer(move) : delayedTimer(move, delay);
      this.botTimers.set(delegation, timer);
    }
  }

  private async botMove(delegation: string): Promise<void> {
    // Shutting down: the table is restored as it is; a bot's move now could not be written anyway.
    if (this.shuttingDown) return;
    const control = this.control.get(delegation);
    if (control?.mode !== "bot" || !control.bot || !delegationsToMove(this.gameState).includes(delegation)) return;
    let action: GameAction | null;
    try {
      // A bot sees what its delegation sees, nothing more.
      action = control.bot.act(viewFor(this.gameState, { kind: "delegation", id: delegation }));
    } catch (e) {
      log.error("bot failed; the turn will time out", { matchId: this.matchId, delegation, error: e });
      return;
    }
    if (!action) return;
    let result = await this.perform({ ...action, actionId: `bot:${action.actionId}` } as GameAction);
    if ("code" in result && result.code === "volume_limit") {
      // The table's talk is full: the bot keeps quiet and makes the move it was about to announce.
      let move: GameAction | null = null;
      try {
        move = control.bot.act(viewFor(this.gameState, { kind: "delegation", id: delegation }));
      } catch (e) {
        log.error("bot failed; the turn will time out", { matchId: this.matchId, delegation, error: e });
      }
      if (!move || TALK_TYPES.has(move.type)) return;
      action = move;
      result = await this.perform({ ...move, actionId: `bot:${move.actionId}` } as GameAction);
    }
    if ("code" in result) log.warn("bot move refused", { matchId: this.matchId, delegation, type: action.type, ...result });
  }

  // ---- for the HTTP API --------------------------------------------------------------------

  game(): GameState {
    return this.gameState;
  }

  status(): string {
    return this.statusValue;
  }

  createdAt(): string {
    return this.created;
  }

  seating(): { id: string; control: string; strategy: string; connected: number; members: number }[] {
    return this.state.delegations.map((d) => ({ id: d.id, control: d.control, strategy: d.strategy, connected: d.connected, members: d.members }));
  }

  private persist(write: Promise<unknown>, what: string): void {
    write.catch((e: unknown) => log.error(`could not ${what}`, { matchId: this.matchId, error: e }));
  }
}

/** The engine's action for a checked request. */
function toAction(type: RequestType, value: unknown, base: { actionId: string; version: number; by: Actor }): GameAction {
  const v = value as Record<string, unknown>;
  switch (type) {
    case "propose":
    case "counter":
      return { ...base, type, package: v.package as Record<string, string> };
    case "vote":
      return { ...base, type, accept: v.accept as boolean };
    case "statement":
    case "team_note":
      return { ...base, type, text: v.text as string };
    case "private_message":
      return { ...base, type, to: v.to as string, text: v.text as string };
    case "fire_inject":
      return { ...base, type, injectId: v.injectId as string };
    case "extend":
      return { ...base, type, rounds: v.rounds as number };
    default:
      return { ...base, type } as GameAction;
  }
}
