// The `class` room: one class session. Students and the facilitator connect to it with the class
// code; it keeps who is in the class and where each one sits, runs the class's phases, creates the
// session's tables as real `negotiation` rooms (adopted by the server, so no student becomes their
// facilitator), hands each student their table by a direct message, and controls the tables
// through their server-side `facilitate`. The rules stay in shared/classroom (assignment, phases,
// scores); this room only adapts them to the network, the store and the tables.
import { type Client, type Delayed, type MessageContext, matchMaker, Room, ServerError } from "@colyseus/core";
import { autoAssign, checkPlace, placeLatecomer, type Place } from "../../shared/classroom/assign.ts";
import { advancePhase, extendPhase, initialClock, nextPhase, pauseClock, phaseDue, resumeClock, type ClassPhase, type PhaseClock } from "../../shared/classroom/phases.ts";
import {
  CLASS_JOIN_ERRORS,
  CLASS_MESSAGE,
  CLASS_REQUEST_TYPES,
  ClassJoinOptions,
  ClassRequests,
  type ClassDashboard,
  type ClassDebrief,
  type ClassRefusal,
  type ClassRequestPayload,
  type ClassRequestType,
  type ClassSeat,
  type ClassSnapshot,
  type ClassWelcome,
} from "../../shared/classroom/protocol.ts";
import { tableRow } from "../../shared/classroom/report.ts";
import { checkAgainstScenario, checkScore, ClassOptions, criteriaOf, MAX_STUDENTS, scoreKey, studentDelegations, tableCount, type ScenarioSeats } from "../../shared/classroom/session.ts";
import { describeIssue, type CreateOptionsInput, type FacilitatorActionType } from "../../shared/protocol/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { reveal } from "../../shared/rules/index.ts";
import type { GameState, Reveal } from "../../shared/rules/types.ts";
import { cluster } from "../cluster.ts";
import { context, type ServerContext } from "../context.ts";
import { log } from "../log.ts";
import { requestFacts } from "../http/request-context.ts";
import { TokenBucket } from "../rooms/limits.ts";
import type { LiveMatch } from "../rooms/live.ts";
import { formatJoinCode, hashToken, newJoinCode, newMatchId, newPersonId, newToken, normalizeJoinCode, sameSecret } from "../tokens.ts";
import { ClassStore, type StoredStudent } from "./store.ts";
import { replayMatch } from "../db/replay.ts";

/** The option key under which the server hands a restore ticket to a new class room. */
export const CLASS_RESTORE = "classRestore";
/** How often the dashboard is refreshed and the phase clock checked. */
const TICK_MS = 1000;
/** The class snapshot goes out at most this often (arrivals and departures are coalesced). */
const CLASS_BROADCAST_MS = 150;
/** How long a call to a table in another process may take before it counts as not running. */
const REMOTE_TIMEOUT_MS = 5000;

interface ClassIdentity {
  facilitator: boolean;
  studentId: string | null;
  issued?: { studentToken?: string; facilitatorToken?: string };
}

interface Student extends StoredStudent {
  sessions: Set<string>;
}

type Reply = { ok: true } | ClassRefusal;

function refusal(code: ClassRefusal["code"], message: string): ClassRefusal {
  return { code, message };
}

function joinError(name: keyof typeof CLASS_JOIN_ERRORS, message: string): ServerError {
  return new ServerError(CLASS_JOIN_ERRORS[name], `${name}: ${message}`);
}


/** Restore tickets for class rooms: only the server can ask a new room to bring a session back. */
export const classRestoreTickets = new Map<string, string>();

export function scenarioSeats(s: Scenario): ScenarioSeats {
  return { id: s.id, title: s.title, deadlineRounds: s.deadline.rounds, delegations: s.delegations.map((d) => ({ id: d.id, name: d.name, seats: d.seats })) };
}

export class ClassRoom extends Room {
  private ctx!: ServerContext;
  private store!: ClassStore;
  private scenario!: Scenario;
  private seats!: ScenarioSeats;
  private options!: ClassOptions;
  sessionId = "";
  private code = "";
  private facilitatorTokenHash = "";
  private phaseClock!: PhaseClock;
  private tables = 0;
  private readonly matches = new Map<number, string>();
  private readonly tableCodes = new Map<number, string>();
  private readonly students = new Map<string, Student>();
  private readonly byToken = new Map<string, Student>();
  private scores: Record<string, number> = {};
  private readonly identities = new Map<string, ClassIdentity>();
  private readonly buckets = new Map<string, TokenBucket>();
  private creatorPending: string | null = null;
  /** Who created the session (its HTTP request's address and whether it showed the host key): its tables' bot work is charged to them. */
  private creator: { address: string; hostKeyShown: boolean } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private ticker: Delayed | null = null;
  private lastDashboard = "";
  /** Per table: how many moves the class room last saw there, and when that count last changed (the dashboard's "stalled"). */
  private readonly lastMoves = new Map<number, { moves: number; phase: string; at: number }>();
  private broadcastTimer: Delayed | null = null;
  /** The stand-ins for absent students have been placed (once per negotiation, and again after a restart: a no-op where people sit). */
  private absentFilled = false;
  /** Tables running in another process (several processes share Redis): their last known state and seating. */
  private readonly remote = new Map<number, { game: GameState; seating: ReturnType<LiveMatch["seating"]> }>();
  /**
   * Tables whose talks have ended, as they ended: an ended table's room closes once nobody is
   * connected, and the class still shows it (read back from the store after a restart).
   */
  private readonly finished = new Map<number, { game: GameState; seating: ReturnType<LiveMatch["seating"]> }>();
  private closed = false;

  // ---- lifecycle ---------------------------------------------------------------------------

  override async onCreate(raw: Record<string, unknown>): Promise<void> {
    this.ctx = context();
    this.store = new ClassStore(this.ctx.store.db);
    const ticket = typeof raw?.[CLASS_RESTORE] === "string" ? (raw[CLASS_RESTORE] as string) : null;
    const restoring = ticket !== null ? classRestoreTickets.get(ticket) : undefined;
    if (ticket !== null) classRestoreTickets.delete(ticket);
    if (restoring !== undefined) await this.restore(restoring);
    else await this.createSession(raw);
    void this.setPrivate(true);
    // A new session lives on once its facilitator has arrived; a restored one waits for its people.
    this.autoDispose = this.creatorPending !== null;
    for (const type of CLASS_REQUEST_TYPES) {
      this.onMessage(type, (client: Client, payload: unknown, ctx: MessageContext) => this.onRequest(type, client, payload, ctx));
    }
    this.onMessage("*", (client: Client, type: string | number) => {
      client.send(CLASS_MESSAGE.notice, { code: "unknown_message", message: `${String(type)}: no such message type` });
    });
    this.ticker = this.clock.setInterval(() => void this.tick(), TICK_MS);
  }

  private async createSession(raw: Record<string, unknown>): Promise<void> {
    const parsed = ClassOptions.safeParse(stripSdkFields(raw));
    if (!parsed.success) throw new ServerError(400, `bad_options: ${describeIssue("class", parsed.error)}`);
    const options = parsed.data;
    const scenario = this.ctx.catalog.get(options.scenario);
    if (!scenario) {
      throw new ServerError(404, `unknown_scenario: no scenario '${options.scenario}' (known: ${this.ctx.catalog.list().map((s) => s.id).join(", ")})`);
    }
    const problems = checkAgainstScenario(options, scenarioSeats(scenario));
    if (problems.length > 0) throw new ServerError(400, `bad_options: ${problems.join("; ")}`);
    let code = newJoinCode();
    for (let tries = 0; tries < 5 && ((await this.store.codeTaken(code)) || (await this.ctx.store.joinCodeTaken(code))); tries++) code = newJoinCode();
    const facilitatorToken = newToken();
    this.sessionId = newMatchId();
    this.roomId = this.sessionId;
    this.setup(scenario, options, code, hashToken(facilitatorToken), initialClock(Date.now()));
    await this.store.insertSession({
      id: this.sessionId,
      code,
      scenarioId: scenario.id,
      optionsJson: JSON.stringify(options),
      facilitatorTokenHash: this.facilitatorTokenHash,
      clock: this.phaseClock,
      createdAt: new Date().toISOString(),
    });
    this.creatorPending = facilitatorToken;
    const facts = requestFacts();
    // Null when the session was created on another process (through Redis) or restored: not charged then.
    if (facts) this.creator = { address: facts.address, hostKeyShown: facts.hostKeyShown };
    log.info("class session created", { sessionId: this.sessionId, scenario: scenario.id });
  }

  private async restore(id: string): Promise<void> {
    const stored = await this.store.load(id);
    if (!stored) throw new Error(`restore: no class session ${id}`);
    const options = ClassOptions.parse(JSON.parse(stored.optionsJson));
    const scenario = this.ctx.catalog.get(stored.scenarioId);
    if (!scenario) throw new Error(`restore: class session ${id} plays scenario '${stored.scenarioId}', which is no longer installed`);
    this.sessionId = stored.id;
    this.roomId = stored.id;
    this.setup(scenario, options, stored.code, stored.facilitatorTokenHash, stored.clock);
    this.tables = stored.tables;
    for (const [table, matchId] of stored.matches) {
      this.matches.set(table, matchId);
      const code = await this.store.tableJoinCode(matchId);
      if (code) this.tableCodes.set(table, code);
    }
    for (const s of stored.students) this.addStudent({ ...s, sessions: new Set() });
    this.scores = stored.scores;
    log.info("class session restored", { sessionId: id, phase: stored.clock.phase, students: stored.students.length, tables: stored.tables });
  }

  private setup(scenario: Scenario, options: ClassOptions, code: string, facilitatorTokenHash: string, clock: PhaseClock): void {
    this.scenario = scenario;
    this.seats = scenarioSeats(scenario);
    this.options = options;
    this.code = code;
    this.facilitatorTokenHash = facilitatorTokenHash;
    this.phaseClock = clock;
  }

  private addStudent(s: Student): void {
    this.students.set(s.id, s);
    this.byToken.set(s.tokenHash, s);
  }

  override onDispose(): void {
    this.ticker?.clear();
    // Created, but its facilitator never arrived: nobody holds its token, so it is closed for good.
    if (this.creatorPending !== null && this.sessionId) void this.store.close(this.sessionId).catch(() => undefined);
  }

  // ---- joining -----------------------------------------------------------------------------

  override async onAuth(_client: Client, raw: unknown): Promise<ClassIdentity> {
    const parsed = ClassJoinOptions.safeParse(raw ?? {});
    if (!parsed.success) throw joinError("bad_options", describeIssue("join", parsed.error));
    const options = parsed.data;
    if (this.creatorPending) {
      const facilitatorToken = this.creatorPending;
      this.creatorPending = null;
      return { facilitator: true, studentId: null, issued: { facilitatorToken } };
    }
    if (this.closed) throw joinError("class_closed", "this class session has been closed");
    if (options.facilitatorToken !== undefined) {
      if (!sameSecret(hashToken(options.facilitatorToken), this.facilitatorTokenHash)) throw joinError("bad_token", "this facilitator token does not belong to this class");
      return { facilitator: true, studentId: null };
    }
    if (options.studentToken !== undefined) {
      const student = this.byToken.get(hashToken(options.studentToken));
      if (!student) throw joinError("bad_token", "this student token does not belong to this class");
      return { facilitator: false, studentId: student.id };
    }
    const code = options.code !== undefined ? normalizeJoinCode(options.code) : null;
    if (code === null || code !== this.code) throw joinError("bad_code", "the class code does not match this class");
    if (options.name === undefined) throw joinError("bad_options", "join: field 'name' is required to join a class (your display name)");
    if (this.students.size >= MAX_STUDENTS) throw joinError("class_full", `this class already has ${MAX_STUDENTS} students, its limit`);
    return this.enqueue(async () => {
      const token = newToken();
      const student: Student = { id: newPersonId(), name: options.name!, tokenHash: hashToken(token), place: null, joinedAt: new Date().toISOString(), sessions: new Set() };
      this.addStudent(student);
      await this.store.insertStudent(this.sessionId, student);
      // Once the tables exist, a latecomer takes the first place left (a seat a bot keeps, or a team place).
      if (this.tables > 0 && this.phaseClock.phase !== "debrief") {
        const place = placeLatecomer(this.options, this.seats, this.tables, this.assignments());
        if (place) await this.place([{ id: student.id, place }]);
      }
      return { facilitator: false, studentId: student.id, issued: { studentToken: token } };
    });
  }

  override onJoin(client: Client, _options: unknown, identity: ClassIdentity): void {
    this.identities.set(client.sessionId, identity);
    this.buckets.set(client.sessionId, new TokenBucket(this.ctx.config.rateLimit.burst, this.ctx.config.rateLimit.perSecond));
    const student = identity.studentId ? this.students.get(identity.studentId) : undefined;
    student?.sessions.add(client.sessionId);
    if (identity.issued?.facilitatorToken) this.autoDispose = false;
    this.sendWelcome(client, identity);
    delete identity.issued;
    client.send(CLASS_MESSAGE.state, this.snapshotFor(identity, this.snapshot()));
    this.broadcastClass();
    if (student) this.sendSeat(client, student);
    if (identity.facilitator) client.send(CLASS_MESSAGE.dashboard, this.dashboard());
    else this.sendDebriefs(client);
  }

  override async onDrop(client: Client): Promise<void> {
    this.markAway(client);
    this.allowReconnection(client, this.ctx.config.reconnectSeconds).catch(() => undefined);
  }

  override onReconnect(client: Client): void {
    const identity = this.identities.get(client.sessionId);
    if (!identity) return;
    const student = identity.studentId ? this.students.get(identity.studentId) : undefined;
    student?.sessions.add(client.sessionId);
    this.sendWelcome(client, identity);
    client.send(CLASS_MESSAGE.state, this.snapshotFor(identity, this.snapshot()));
    this.broadcastClass();
    if (student) this.sendSeat(client, student);
    if (identity.facilitator) client.send(CLASS_MESSAGE.dashboard, this.dashboard());
    else this.sendDebriefs(client);
  }

  override onLeave(client: Client): void {
    this.markAway(client);
    this.identities.delete(client.sessionId);
    this.buckets.delete(client.sessionId);
  }

  private markAway(client: Client): void {
    const identity = this.identities.get(client.sessionId);
    const student = identity?.studentId ? this.students.get(identity.studentId) : undefined;
    student?.sessions.delete(client.sessionId);
    this.broadcastClass();
  }

  // ---- what clients receive ----------------------------------------------------------------

  private sendWelcome(client: Client, identity: ClassIdentity): void {
    const welcome: ClassWelcome = {
      sessionId: this.sessionId,
      code: formatJoinCode(this.code),
      role: identity.facilitator ? "facilitator" : "student",
      studentId: identity.studentId,
      serverTime: Date.now(),
    };
    if (identity.issued?.studentToken) welcome.studentToken = identity.issued.studentToken;
    if (identity.issued?.facilitatorToken) welcome.facilitatorToken = identity.issued.facilitatorToken;
    client.send(CLASS_MESSAGE.welcome, welcome);
  }

  /**
   * What this connection may see of the class: the facilitator every student and every table's
   * match id, a student only themself and their own table's id.
   */
  private snapshotFor(identity: ClassIdentity | undefined, full: ClassSnapshot): ClassSnapshot {
    if (identity?.facilitator) return full;
    const place = identity?.studentId ? this.students.get(identity.studentId)?.place : null;
    const mine = place ? full.matches[place.table] : undefined;
    return { ...full, students: full.students.filter((s) => s.id === identity?.studentId), matches: place && mine ? { [place.table]: mine } : {} };
  }

  /** A table's game as far as this process knows it (in memory, in another process, or ended). */
  private gameOf(table: number): GameState | null {
    return this.table(table)?.game() ?? this.remote.get(table)?.game ?? this.finished.get(table)?.game ?? null;
  }

  private lastDebrief = "";

  /**
   * During the debrief, each student's `class_debrief`: every table's outcome and their own
   * table's reveal. Sent when the outcomes change (checked every tick), and to `client` alone on
   * its join.
   */
  private sendDebriefs(client?: Client): void {
    if (this.phaseClock.phase !== "debrief") return;
    const tables: ClassDebrief["tables"] = [];
    for (let t = 1; t <= this.tables; t++) {
      const game = this.gameOf(t);
      tables.push({ table: t, phase: game?.phase ?? "missing", outcome: game?.phase === "ended" ? game.outcome : null });
    }
    const text = JSON.stringify(tables);
    if (!client && text === this.lastDebrief) return;
    if (!client) this.lastDebrief = text;
    const reveals = new Map<number, Reveal>();
    for (const c of client ? [client] : this.clients) {
      const identity = this.identities.get(c.sessionId);
      if (!identity || identity.facilitator || !identity.studentId) continue;
      const place = this.students.get(identity.studentId)?.place;
      let mine: ClassDebrief["mine"] = null;
      const game = place ? this.gameOf(place.table) : null;
      if (place && game?.phase === "ended") {
        if (!reveals.has(place.table)) reveals.set(place.table, reveal(game));
        mine = { table: place.table, reveal: reveals.get(place.table)! };
      }
      c.send(CLASS_MESSAGE.debrief, { tables, mine } satisfies ClassDebrief);
    }
  }

  private snapshot(): ClassSnapshot {
    let facilitatorConnected = false;
    for (const identity of this.identities.values()) if (identity.facilitator) facilitatorConnected = true;
    return {
      sessionId: this.sessionId,
      title: this.options.title ?? this.scenario.title,
      scenario: {
        id: this.scenario.id,
        title: this.scenario.title,
        delegations: this.scenario.delegations.map((d) => ({ id: d.id, name: d.name, bot: d.id in this.options.bots })),
        injects: this.scenario.injects.map((i) => ({ id: i.id, title: i.title, trigger: i.trigger === "facilitator" ? "facilitator" : `round ${i.trigger.round}` })),
      },
      phase: this.phaseClock.phase,
      endsAt: this.phaseClock.endsAt,
      pausedLeftMs: this.phaseClock.pausedLeftMs,
      tables: this.tables,
      plannedTables: this.plannedTables(),
      matches: Object.fromEntries(this.matches),
      teams: this.options.teams,
      criteria: criteriaOf(this.options),
      students: [...this.students.values()].map((s) => ({ id: s.id, name: s.name, connected: s.sessions.size > 0, place: s.place })),
      studentCount: this.students.size,
      tablesPaused: this.phaseClock.phase === "negotiation" && this.tablePhases().includes("paused") && !this.tablePhases().includes("running"),
      facilitatorConnected,
    };
  }

  /**
   * Send everyone the class as they may see it, at most every CLASS_BROADCAST_MS: a class arriving
   * at once costs one message per person per interval, not one per arrival.
   */
  private broadcastClass(): void {
    if (this.broadcastTimer || this.clients.length === 0) return;
    this.broadcastTimer = this.clock.setTimeout(() => {
      this.broadcastTimer = null;
      const full = this.snapshot();
      for (const client of this.clients) client.send(CLASS_MESSAGE.state, this.snapshotFor(this.identities.get(client.sessionId), full));
    }, CLASS_BROADCAST_MS);
  }

  private seatOf(student: Student): ClassSeat | null {
    const place = student.place;
    if (!place) return null;
    const matchId = this.matches.get(place.table);
    const code = this.tableCodes.get(place.table);
    if (!matchId || !code) return null;
    return { table: place.table, delegation: place.delegation, matchId, code };
  }

  private sendSeat(client: Client, student: Student): void {
    const seat = this.seatOf(student);
    if (seat) client.send(CLASS_MESSAGE.seat, seat);
  }

  private sendSeats(ids: Iterable<string>): void {
    for (const id of ids) {
      const student = this.students.get(id);
      if (!student) continue;
      for (const client of this.clients) if (student.sessions.has(client.sessionId)) this.sendSeat(client, student);
    }
  }

  /** Each table's phase, as far as this process knows (undefined: not running anywhere it can see). */
  private tablePhases(): (string | undefined)[] {
    return Array.from({ length: this.tables }, (_, i) => this.table(i + 1)?.game().phase ?? this.remote.get(i + 1)?.game.phase ?? this.finished.get(i + 1)?.game.phase);
  }

  private table(table: number): LiveMatch | undefined {
    const id = this.matches.get(table);
    return id ? this.ctx.live.get(id) : undefined;
  }

  private dashboard(): ClassDashboard {
    const rows = [];
    for (let t = 1; t <= this.tables; t++) {
      const live = this.table(t);
      const far = live ? undefined : (this.remote.get(t) ?? this.finished.get(t));
      const studentsAt = (delegation: string) => [...this.students.values()].filter((s) => s.place?.table === t && s.place.delegation === delegation).map((s) => s.name);
      const game = live ? live.game() : (far?.game ?? null);
      rows.push(tableRow(t, this.matches.get(t) ?? "", game, live ? live.seating() : (far?.seating ?? []), studentsAt, game ? this.lastMoveAt(t, game) : null));
    }
    return { rows, scores: { ...this.scores }, codes: Object.fromEntries(this.tableCodes) };
  }

  /** When the table last moved (or changed phase), as this room has seen it. */
  private lastMoveAt(table: number, game: GameState): number | null {
    if (game.phase === "waiting") return null;
    const seen = this.lastMoves.get(table);
    if (!seen || seen.moves !== game.moves.length || seen.phase !== game.phase) {
      const at = Date.now();
      this.lastMoves.set(table, { moves: game.moves.length, phase: game.phase, at });
      return at;
    }
    return seen.at;
  }

  private sendDashboard(force = false): void {
    const dashboard = this.dashboard();
    const text = JSON.stringify(dashboard);
    if (!force && text === this.lastDashboard) return;
    this.lastDashboard = text;
    for (const client of this.clients) if (this.identities.get(client.sessionId)?.facilitator) client.send(CLASS_MESSAGE.dashboard, dashboard);
  }

  private ticking = false;

  private async tick(): Promise<void> {
    // A slow remote call must not stack ticks up.
    if (this.closed || this.ticking) return;
    this.ticking = true;
    try {
      await this.tickOnce();
    } finally {
      this.ticking = false;
    }
  }

  private async tickOnce(): Promise<void> {
    await this.refreshRemote();
    // Students seated by the class who have not come to their table some time into the talks
    // (`standInAfterMinutes`): a bot keeps their delegation until they arrive (a delegation with
    // anyone at it is left alone).
    if (this.phaseClock.phase === "negotiation" && this.options.fillWithBots && !this.absentFilled && Date.now() - this.phaseClock.startedAt >= this.options.standInAfterMinutes * 60_000) {
      this.absentFilled = true;
      await this.enqueue(async () => {
        for (let t = 1; t <= this.tables; t++) for (const d of studentDelegations(this.options, this.seats)) await this.call(t, "standIn", [d.id]);
      }).catch((e: unknown) => log.error("class stand-ins failed", { sessionId: this.sessionId, error: e }));
    }
    // The clock ran out, or every table has ended its talks: the class moves on.
    const allEnded = this.phaseClock.phase === "negotiation" && this.tables > 0 && this.tablePhases().every((p) => p === "ended");
    if (phaseDue(this.phaseClock, Date.now()) || allEnded) {
      const next = nextPhase(this.phaseClock.phase);
      if (next) await this.enqueue(() => this.moveTo(next)).catch((e: unknown) => log.error("class phase change failed", { sessionId: this.sessionId, error: e }));
    }
    this.sendDashboard();
    this.sendDebriefs();
  }

  /** The state of the tables another process runs, for the dashboard (a remote call each per tick). */
  private async refreshRemote(): Promise<void> {
    for (let t = 1; t <= this.tables; t++) {
      const matchId = this.matches.get(t)!;
      const live = this.ctx.live.get(matchId);
      if (live) {
        this.remote.delete(t);
        if (live.game().phase === "ended" && !this.finished.has(t)) this.finished.set(t, { game: live.game(), seating: live.seating() });
        continue;
      }
      if (this.finished.has(t)) {
        this.remote.delete(t);
        continue;
      }
      try {
        // Listed nowhere: no process runs it (no point waiting for an answer).
        if (!(await Promise.resolve(matchMaker.getRoomById(matchId)))) throw new Error("not listed");
        const [game, seating] = await Promise.all([
          matchMaker.remoteRoomCall(matchId, "game", [], REMOTE_TIMEOUT_MS) as Promise<GameState>,
          matchMaker.remoteRoomCall(matchId, "seating", [], REMOTE_TIMEOUT_MS) as Promise<ReturnType<LiveMatch["seating"]>>,
        ]);
        this.remote.set(t, { game, seating });
        if (game.phase === "ended") this.finished.set(t, { game, seating });
      } catch {
        // Not running anywhere: ended (its room closed), or its process stopped (restored when next
        // called for; "missing" until then).
        this.remote.delete(t);
        const ended = await this.endedFromStore(matchId).catch(() => null);
        if (ended) this.finished.set(t, ended);
      }
    }
  }

  /** An ended table as the store holds it: its game replayed from the log, its seating from the seats. */
  private async endedFromStore(matchId: string): Promise<{ game: GameState; seating: ReturnType<LiveMatch["seating"]> } | null> {
    const stored = await this.ctx.store.loadMatch(matchId);
    if (!stored || stored.match.status !== "ended") return null;
    const game = replayMatch(stored);
    const seating = game.order.map((id) => {
      const bot = stored.seats.find((r) => r.kind === "bot" && r.delegation === id && Number(r.active) === 1);
      const members = stored.seats.filter((r) => r.kind === "person" && r.delegation === id).length;
      return { id, control: bot ? "bot" : "people", strategy: bot?.strategy ?? "", connected: 0, members };
    });
    return { game, seating };
  }

  // ---- requests ----------------------------------------------------------------------------

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async onRequest(type: ClassRequestType, client: Client, payload: unknown, ctx: MessageContext): Promise<unknown> {
    let reply: Reply;
    try {
      reply = await this.answer(type, client, payload);
    } catch (e) {
      log.error(`class ${type} failed`, { sessionId: this.sessionId, error: e });
      reply = refusal("internal_error", `${type}: the server failed; try again`);
    }
    if ("code" in reply) {
      if (ctx.id === undefined) client.send(CLASS_MESSAGE.notice, { ...reply, requestType: type });
      return ctx.reject(reply);
    }
    return reply;
  }

  private async answer(type: ClassRequestType, client: Client, payload: unknown): Promise<Reply> {
    const identity = this.identities.get(client.sessionId);
    if (!identity) return refusal("forbidden", `${type}: this connection has not joined the class`);
    if (!this.buckets.get(client.sessionId)?.take()) return refusal("rate_limited", `${type}: too many requests; retry shortly`);
    const parsed = ClassRequests[type].safeParse(payload ?? {});
    if (!parsed.success) return refusal("bad_request", describeIssue(type, parsed.error));
    if (type === "sync") {
      this.sendWelcome(client, identity);
      client.send(CLASS_MESSAGE.state, this.snapshotFor(identity, this.snapshot()));
      const student = identity.studentId ? this.students.get(identity.studentId) : undefined;
      if (student) this.sendSeat(client, student);
      if (identity.facilitator) client.send(CLASS_MESSAGE.dashboard, this.dashboard());
      return { ok: true };
    }
    if (!identity.facilitator) return refusal("forbidden", `${type}: only the class's facilitator may ${type.replace("_", " ")}`);
    const value = parsed.data as never;
    const reply = await this.enqueue(() => this.facilitatorRequest(type, value));
    this.broadcastClass();
    this.sendDashboard(true);
    return reply;
  }

  private async facilitatorRequest(type: Exclude<ClassRequestType, "sync">, value: never): Promise<Reply> {
    switch (type) {
      case "assign":
        return this.assignRequest(value as ClassRequestPayload<"assign">);
      case "auto_assign":
        return this.autoAssignRequest();
      case "phase":
        return this.moveTo((value as ClassRequestPayload<"phase">).to);
      case "pause":
      case "resume":
        return this.pauseRequest(type, (value as ClassRequestPayload<"pause">).table);
      case "extend":
        return this.extendRequest(value as ClassRequestPayload<"extend">);
      case "inject": {
        const v = value as ClassRequestPayload<"inject">;
        if (!this.scenario.injects.some((i) => i.id === v.injectId)) {
          return refusal("not_found", `inject: no inject '${v.injectId}' in ${this.scenario.id} (${this.scenario.injects.map((i) => i.id).join(", ") || "none"})`);
        }
        return this.toTables("fire_inject", { injectId: v.injectId }, v.table);
      }
      case "end": {
        const v = value as ClassRequestPayload<"end">;
        if (this.phaseClock.phase !== "negotiation") return refusal("bad_phase", `end: tables end during the negotiation (the class is in ${this.phaseClock.phase})`);
        if (this.tablePhases()[v.table - 1] === "ended") return refusal("bad_phase", `end: table ${v.table} has already ended`);
        return this.toTables("end", {}, v.table);
      }
      case "score":
        return this.scoreRequest(value as ClassRequestPayload<"score">);
      case "close":
        return this.closeRequest();
    }
  }

  private assignments(): Record<string, Place> {
    const out: Record<string, Place> = {};
    for (const s of this.students.values()) if (s.place) out[s.id] = s.place;
    return out;
  }

  /** Record new places and tell the students concerned where to go. */
  private async place(changes: { id: string; place: Place | null }[]): Promise<void> {
    await this.store.savePlaces(this.sessionId, changes);
    for (const c of changes) this.students.get(c.id)!.place = c.place;
    this.sendSeats(changes.map((c) => c.id));
  }

  /** Tables the class has or will have: fixed once created, else from the layout and the class's size. */
  private plannedTables(): number {
    return this.tables > 0 ? this.tables : tableCount(this.options, this.students.size);
  }

  private async assignRequest(v: ClassRequestPayload<"assign">): Promise<Reply> {
    const student = this.students.get(v.student);
    if (!student) return refusal("not_found", `assign: no student '${v.student}' in this class`);
    if (this.phaseClock.phase === "debrief") return refusal("bad_phase", "assign: the class is in its debrief");
    if (v.table === null || v.delegation === null) {
      await this.place([{ id: student.id, place: null }]);
      return { ok: true };
    }
    const place = { table: v.table, delegation: v.delegation };
    const problem = checkPlace(student.id, place, this.options, this.seats, this.plannedTables(), this.assignments());
    if (problem) return refusal("bad_request", problem);
    await this.place([{ id: student.id, place }]);
    return { ok: true };
  }

  private async autoAssignRequest(): Promise<Reply> {
    if (this.phaseClock.phase === "debrief") return refusal("bad_phase", "auto_assign: the class is in its debrief");
    const ids = [...this.students.values()].map((s) => s.id);
    // Before the tables exist everyone may move; afterwards only those still waiting are placed.
    const keep = this.tables > 0 ? this.assignments() : {};
    const { assignments, unplaced } = autoAssign(ids, this.options, this.seats, this.plannedTables(), keep);
    const changes = ids.filter((id) => !samePlace(this.students.get(id)!.place, assignments[id] ?? null)).map((id) => ({ id, place: assignments[id] ?? null }));
    await this.place(changes);
    if (unplaced.length > 0) return refusal("class_full", `auto_assign: ${unplaced.length} student(s) could not be placed: every place at the ${this.plannedTables()} table(s) is taken`);
    return { ok: true };
  }

  /** Move the class on: the tables are created with the preparation, started with the negotiation, ended for the debrief. */
  private async moveTo(to: ClassPhase): Promise<Reply> {
    const result = advancePhase(this.phaseClock, to, this.options, Date.now());
    if (!result.ok) return refusal(result.code, result.message);
    if (this.tables === 0) {
      // The tables' bot work (tables × rounds) counts against the creator's quota (server/http/quotas.ts).
      const work = this.plannedTables() * (this.options.rounds ?? this.scenario.deadline.rounds);
      const refused = this.creator ? this.ctx.quotas.takeBotRounds(this.creator.address, this.creator.hostKeyShown, work) : null;
      if (refused) return refusal("rate_limited", `${to}: ${refused.message}`);
      const planned = this.plannedTables();
      try {
        await this.createTables();
      } catch (e) {
        // The server refusing tables for now (at its table limit, or keeping its last places for
        // tables people play) is said to the facilitator, not logged as a fault.
        const named = /^(reserved_for_people|too_many_matches): /.exec(e instanceof Error ? e.message : "");
        if (!named) throw e;
        log.warn("class tables refused by the server for now", { sessionId: this.sessionId, reason: named[1], created: this.tables, planned });
        const why = named[1] === "reserved_for_people" ? "its last places are kept for tables people play, and these tables are played by bots only" : "it runs as many tables as it may";
        const next = this.tables === 0 ? "try again in a few minutes" : `${this.tables} of ${planned} tables are open; asking again goes on with those`;
        return refusal("table_refused", `${to}: the server cannot open the class's tables now (${why}); ${next}`);
      }
    }
    if (to === "negotiation") await this.startTables();
    if (to === "debrief") await this.toTables("end", {});
    this.phaseClock = result.clock;
    await this.store.saveClock(this.sessionId, this.phaseClock);
    log.info("class phase", { sessionId: this.sessionId, phase: to });
    this.broadcastClass();
    return { ok: true };
  }

  private async createTables(): Promise<void> {
    const count = this.plannedTables();
    const seats: Record<string, { kind: "bot"; strategy: string }> = {};
    for (const [d, strategy] of Object.entries(this.options.bots)) seats[d] = { kind: "bot", strategy };
    for (let t = 1; t <= count; t++) {
      const options: CreateOptionsInput = {
        scenario: this.scenario.id,
        seats: seats as CreateOptionsInput["seats"],
        startWhen: "facilitator",
        botTakeover: true,
        takeoverStrategy: this.options.fillStrategy,
        ...(this.options.secondsPerTurn !== undefined ? { secondsPerTurn: this.options.secondsPerTurn } : {}),
      };
      const room = await matchMaker.createRoom("negotiation", options);
      const live = this.ctx.live.get(room.roomId);
      const adopted = live ? await live.adopt() : ((await matchMaker.remoteRoomCall(room.roomId, "adopt", [])) as { joinCode: string } | null);
      if (!adopted) throw new Error(`table ${t}: the new table could not be adopted`);
      this.matches.set(t, room.roomId);
      this.tableCodes.set(t, adopted.joinCode);
      this.tables = t;
      await this.store.addTable(this.sessionId, t, room.roomId);
    }
    log.info("class tables created", { sessionId: this.sessionId, tables: count });
    this.sendSeats(this.students.keys());
  }

  private async startTables(): Promise<void> {
    const rounds = this.options.rounds !== undefined ? this.options.rounds - this.scenario.deadline.rounds : 0;
    const assigned = this.assignments();
    for (let t = 1; t <= this.tables; t++) {
      if (this.options.fillWithBots) {
        for (const d of studentDelegations(this.options, this.seats)) {
          if (!Object.values(assigned).some((p) => p.table === t && p.delegation === d.id)) await this.call(t, "standIn", [d.id]);
        }
      }
      if (rounds > 0) await this.call(t, "facilitate", ["extend", { rounds }]);
      await this.call(t, "facilitate", ["start", {}]);
    }
  }

  /** Call a table's server-side method: in this process through `ctx.live`, else through Colyseus's remote call. */
  private async call(table: number, method: "facilitate" | "standIn", args: unknown[]): Promise<{ ok: true } | { code: string; message: string }> {
    const matchId = this.matches.get(table);
    if (!matchId) return { code: "not_found", message: `no table ${table}` };
    // A table whose process has gone is brought back (here) before it is called.
    if (!this.ctx.live.has(matchId)) await cluster()?.ensureLive(matchId).catch(() => undefined);
    const live = this.ctx.live.get(matchId);
    try {
      if (live) {
        return method === "facilitate"
          ? await live.facilitate(args[0] as FacilitatorActionType, args[1] as Record<string, unknown>)
          : await live.standIn(args[0] as string);
      }
      return (await matchMaker.remoteRoomCall(matchId, method, args, REMOTE_TIMEOUT_MS)) as { ok: true } | { code: string; message: string };
    } catch (e) {
      return { code: "not_found", message: `table ${table} is not running (${e instanceof Error ? e.message : String(e)})` };
    }
  }

  /** A facilitator control at every table (no `table`) or one; refusals are gathered into one message. */
  private async toTables(type: FacilitatorActionType, payload: Record<string, unknown>, table?: number): Promise<Reply> {
    if (this.tables === 0) return refusal("bad_phase", `${type}: the class has no tables yet; start the preparation first`);
    if (table !== undefined && table > this.tables) return refusal("not_found", `${type}: field 'table' must be at most ${this.tables}`);
    const targets = table !== undefined ? [table] : Array.from({ length: this.tables }, (_, i) => i + 1);
    const refused: string[] = [];
    for (const t of targets) {
      // "Every table" means every table it applies to: ending skips the ended ones, pausing the ones
      // not running, resuming the ones not paused.
      const phase = this.tablePhases()[t - 1];
      if (table === undefined && ((type === "end" && phase === "ended") || (type === "pause" && phase !== "running") || (type === "resume" && phase !== "paused"))) continue;
      const reply = await this.call(t, "facilitate", [type, payload]);
      if ("code" in reply) refused.push(`table ${t}: ${reply.message}`);
    }
    return refused.length > 0 ? refusal("table_refused", refused.join("; ")) : { ok: true };
  }

  private async pauseRequest(type: "pause" | "resume", table?: number): Promise<Reply> {
    const preparing = this.phaseClock.phase === "preparation" && table === undefined;
    if (this.phaseClock.phase !== "negotiation" && !preparing) {
      return refusal("bad_phase", `${type}: the tables run only during the negotiation (the class is in ${this.phaseClock.phase}); the preparation's clock can be paused as a whole`);
    }
    // During the preparation only the class's clock stops: the tables have not started.
    const reply: Reply = preparing ? { ok: true } : await this.toTables(type, {}, table);
    if (table === undefined) {
      this.phaseClock = type === "pause" ? pauseClock(this.phaseClock, Date.now()) : resumeClock(this.phaseClock, Date.now());
      await this.store.saveClock(this.sessionId, this.phaseClock);
    }
    return reply;
  }

  private async extendRequest(v: ClassRequestPayload<"extend">): Promise<Reply> {
    if (v.minutes !== undefined) {
      const result = extendPhase(this.phaseClock, v.minutes, Date.now());
      if (!result.ok) return refusal(result.code, result.message);
      this.phaseClock = result.clock;
      await this.store.saveClock(this.sessionId, this.phaseClock);
    }
    if (v.rounds !== undefined) return this.toTables("extend", { rounds: v.rounds }, v.table);
    return { ok: true };
  }

  private async scoreRequest(v: ClassRequestPayload<"score">): Promise<Reply> {
    const problem = checkScore(v, Math.max(this.plannedTables(), 1), this.scenario.delegations.map((d) => d.id), criteriaOf(this.options));
    if (problem) return refusal("bad_request", problem);
    await this.store.setScore(this.sessionId, v.table, v.delegation, v.criterion, v.score);
    const key = scoreKey(v.table, v.delegation, v.criterion);
    if (v.score === null) delete this.scores[key];
    else this.scores[key] = v.score;
    return { ok: true };
  }

  private async closeRequest(): Promise<Reply> {
    this.closed = true;
    await this.store.close(this.sessionId);
    this.broadcast(CLASS_MESSAGE.notice, { code: "class_closed", message: "the facilitator closed this class session" });
    this.autoDispose = true;
    this.clock.setTimeout(() => void this.disconnect(), 100);
    return { ok: true };
  }
}

function samePlace(a: Place | null, b: Place | null): boolean {
  return a === b || (a !== null && b !== null && a.table === b.table && a.delegation === b.delegation);
}

/** The SDK adds fields of its own to create options; the session's schema is strict about the rest. */
function stripSdkFields(raw: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(raw ?? {}) };
  for (const key of Object.keys(copy)) if (key.startsWith("_") || key === CLASS_RESTORE) delete copy[key];
  return copy;
}

/** Bring back every open class session, each in a room with its old id (after the matches). */
export async function restoreClassSessions(ctx: ServerContext): Promise<number> {
  const store = new ClassStore(ctx.store.db);
  let restored = 0;
  for (const id of await store.openSessionIds()) {
    // With shared presence another process may run it already: leave it there.
    if (await Promise.resolve(matchMaker.getRoomById(id)).catch(() => null)) continue;
    const ticket = newToken();
    classRestoreTickets.set(ticket, id);
    try {
      await matchMaker.createRoom("class", { [CLASS_RESTORE]: ticket });
      restored++;
    } catch (e) {
      classRestoreTickets.delete(ticket);
      log.error("could not restore a class session", { sessionId: id, error: e });
    }
  }
  return restored;
}
