// The `class` room: one class session, as Colyseus hooks. Students and the facilitator connect with
// the class code; the room keeps who is connected, answers requests through the shared pipeline
// (server/requests/pipeline.ts), ticks the phase clock, and sends each person what they may see.
// The work is elsewhere: the session's state and its storage (state.ts, sessions.ts, store.ts),
// the facilitator's requests and the phase moves (facilitator.ts), the hand on the tables
// (table-control.ts), what the class knows of its tables (monitor.ts), what each person receives
// (views.ts); the rules in shared/classroom.
import { type Client, type Delayed, type MessageContext, Room, ServerError } from "@colyseus/core";
import { nextPhase, phaseDue } from "../../shared/classroom/phases.ts";
import { CLASS_JOIN_ERRORS, CLASS_MESSAGE, CLASS_REQUEST_TYPES, ClassJoinOptions, ClassRequests, type ClassDebrief, type ClassRequestType } from "../../shared/classroom/protocol.ts";
import { MAX_STUDENTS } from "../../shared/classroom/session.ts";
import { describeIssue } from "../../shared/protocol/index.ts";
import type { Reveal } from "../../shared/rules/types.ts";
import type { ServerContext } from "../context.ts";
import { requestFacts } from "../http/request-context.ts";
import { log } from "../log.ts";
import { answerRequest, decode, refusal, SerialQueue } from "../requests/pipeline.ts";
import { checkPayloads } from "../rooms/frames.ts";
import { TokenBucket } from "../rooms/limits.ts";
import { hashToken, newPersonId, newToken, normalizeJoinCode, sameSecret } from "../tokens.ts";
import { FacilitatorDesk, type FacilitatorRequest } from "./facilitator.ts";
import { TableMonitor } from "./monitor.ts";
import { freshClassCode, loadSession, openSession, takeRestoreTicket } from "./sessions.ts";
import { addStudent, type ClassState, type Student } from "./state.ts";
import { PeopleStore } from "../people/store.ts";
import { ClassStore } from "./store.ts";
import { TableControl, type Reply } from "./table-control.ts";
import { classSnapshot, debriefFor, seatOf, snapshotFor, welcomeFor, type ClassIdentity } from "./views.ts";

/** How often the dashboard is refreshed and the phase clock checked. */
const TICK_MS = 1000;
/** The class snapshot goes out at most this often (arrivals and departures are coalesced). */
const CLASS_BROADCAST_MS = 150;

function joinError(name: keyof typeof CLASS_JOIN_ERRORS, message: string): ServerError {
  return new ServerError(CLASS_JOIN_ERRORS[name], `${name}: ${message}`);
}

/**
 * The class room bound to a started server's context. Colyseus constructs rooms itself, without
 * arguments, so the context reaches the room through this subclass (made once in app.ts).
 */
export function classRoomType(ctx: ServerContext) {
  return class extends ClassRoom {
    protected override readonly ctx = ctx;
  };
}

export abstract class ClassRoom extends Room {
  protected abstract readonly ctx: ServerContext;
  private store!: ClassStore;
  private people!: PeopleStore;
  private session!: ClassState;
  private monitor!: TableMonitor;
  private desk!: FacilitatorDesk;
  private control!: TableControl;
  private readonly identities = new Map<string, ClassIdentity>();
  /** The refusal for the frame being dispatched without its payload (one msgpackr cannot read: rooms/frames.ts), or null. */
  private readonly unreadablePayload = checkPayloads(this);
  private readonly buckets = new Map<string, TokenBucket>();
  /** The facilitator token of a session just created, until its creator arrives to take it. */
  private creatorPending: string | null = null;
  private readonly queue = new SerialQueue();
  private ticker: Delayed | null = null;
  private broadcastTimer: Delayed | null = null;
  private lastDashboard = "";
  private lastDebrief = "";
  /** The stand-ins for absent students have been placed (once per negotiation, and again after a restart: a no-op where people sit). */
  private absentFilled = false;
  private ticking = false;

  // ---- lifecycle ---------------------------------------------------------------------------

  override async onCreate(raw: Record<string, unknown>): Promise<void> {
    this.store = new ClassStore(this.ctx.store.db);
    this.people = new PeopleStore(this.ctx.store.db);
    const ticket = takeRestoreTicket(this.ctx, raw);
    // Who created the session (its HTTP request's address, whether it showed the host key): its
    // tables' bot work is charged to them. Null when created on another process (through Redis) or restored.
    let creator: { address: string; hostKeyShown: boolean } | null = null;
    if (ticket?.sessionId !== undefined) {
      this.session = await loadSession(this.ctx, this.store, ticket.sessionId);
    } else {
      const opened = await openSession(this.ctx, this.store, raw);
      this.session = opened.state;
      this.creatorPending = opened.facilitatorToken;
      const facts = requestFacts();
      if (facts) creator = { address: facts.address, hostKeyShown: facts.hostKeyShown };
    }
    this.roomId = this.session.sessionId;
    this.monitor = new TableMonitor(this.ctx.tables, this.ctx.store, this.session);
    this.control = new TableControl(this.ctx.tables, this.store, this.session, () => this.monitor.phases());
    this.desk = new FacilitatorDesk(this.session, this.store, this.control, () => this.monitor.phases(), this.ctx.quotas, creator, {
      seatsChanged: (ids) => this.sendSeats(ids),
      studentRemoved: (id) => {
        const message = "removed: the facilitator took you out of this class";
        for (const client of this.clients) {
          if (this.identities.get(client.sessionId)?.studentId !== id) continue;
          client.send(CLASS_MESSAGE.notice, { code: "removed", message });
          client.leave(CLASS_JOIN_ERRORS.bad_token, message);
        }
      },
      codeChanged: () => {
        for (const client of this.clients) {
          const identity = this.identities.get(client.sessionId);
          if (identity?.facilitator) client.send(CLASS_MESSAGE.welcome, welcomeFor(this.session, identity));
        }
        this.broadcastClass();
      },
      classChanged: () => this.broadcastClass(),
      close: () => {
        this.broadcast(CLASS_MESSAGE.notice, { code: "class_closed", message: "the facilitator closed this class session" });
        this.autoDispose = true;
        this.clock.setTimeout(() => void this.disconnect(), 100);
      },
    }, () => freshClassCode(this.ctx, this.store));
    void this.setPrivate(true);
    // A new session lives on once its facilitator has arrived; a restored one waits for its people.
    this.autoDispose = this.creatorPending !== null;
    for (const type of CLASS_REQUEST_TYPES) {
      this.onMessage(type, (client: Client, payload: unknown, ctx: MessageContext) => {
        const unreadable = this.unreadablePayload(type);
        return answerRequest(
          { type, ctx, notice: (n) => client.send(CLASS_MESSAGE.notice, n), internalMessage: `${type}: the server failed; try again` },
          () => (unreadable ? Promise.resolve(unreadable) : this.answer(type, client, payload)),
          (e) => log.error(`class ${type} failed`, { sessionId: this.session.sessionId, error: e }),
        );
      });
    }
    this.onMessage("*", (client: Client, type: string | number) => {
      client.send(CLASS_MESSAGE.notice, { code: "unknown_message", message: `${String(type)}: no such message type` });
    });
    this.ticker = this.clock.setInterval(() => void this.tick(), TICK_MS);
  }

  override onDispose(): void {
    this.ticker?.clear();
    // Created, but its facilitator never arrived: nobody holds its token, so it is closed for good.
    if (this.creatorPending !== null && this.session) {
      const sessionId = this.session.sessionId;
      void this.store.close(sessionId).catch((e: unknown) => log.warn("could not close a class session nobody took", { sessionId, error: e }));
    }
  }

  /**
   * The person's personal link was revoked: close every connection that came in through it alone,
   * with a notice (server/people/routes.ts calls it, through `matchMaker.remoteRoomCall` wherever the class runs).
   */
  signOutPerson(personId: string): number {
    let closed = 0;
    for (const client of this.clients) {
      if (this.identities.get(client.sessionId)?.viaLinkOf !== personId) continue;
      client.send(CLASS_MESSAGE.notice, { code: "link_revoked", message: "link_revoked: the personal link this device came through was revoked" });
      client.leave(CLASS_JOIN_ERRORS.link_revoked, "link_revoked: the personal link this device came through was revoked");
      closed++;
    }
    return closed;
  }

  // ---- joining -----------------------------------------------------------------------------

  override async onAuth(_client: Client, raw: unknown): Promise<ClassIdentity> {
    const s = this.session;
    if (this.creatorPending) {
      // The creator's options are the creation's, checked when the class was created.
      const facilitatorToken = this.creatorPending;
      this.creatorPending = null;
      return { facilitator: true, studentId: null, issued: { facilitatorToken } };
    }
    const parsed = ClassJoinOptions.safeParse(raw ?? {});
    if (!parsed.success) throw joinError("bad_options", describeIssue("join", parsed.error));
    const options = parsed.data;
    if (s.closed) throw joinError("class_closed", "this class session has been closed");
    if (options.facilitatorToken !== undefined) {
      if (!sameSecret(hashToken(options.facilitatorToken), s.facilitatorTokenHash)) throw joinError("bad_token", "this facilitator token does not belong to this class");
      return { facilitator: true, studentId: null };
    }
    // A personal link (PROTOCOL §11, §12). Alone, it is the pass: revoked or unknown, the join is
    // refused. Beside the device's own pass (a student token, or the code and a name), it only
    // records the student with the person: a link that no longer works records nothing and does not
    // stop the device's own pass (as a table's seat token goes before its personToken).
    let personId: string | null = null;
    if (options.personToken !== undefined) {
      const alone = options.studentToken === undefined && options.code === undefined;
      const held = await this.people.studentForLink(hashToken(options.personToken), s.sessionId);
      if (!held && alone) throw joinError("link_revoked", "this personal link was revoked (or never made)");
      personId = held?.personId ?? null;
      if (held && alone) {
        const student = held.studentId ? s.students.get(held.studentId) : undefined;
        if (!student) throw joinError("bad_token", "this personal link holds no student of this class (join once with the class code or your student token on a device that holds the link)");
        return { facilitator: false, studentId: student.id, viaLinkOf: held.personId };
      }
    }
    if (options.studentToken !== undefined) {
      const student = s.byToken.get(hashToken(options.studentToken));
      if (!student) throw joinError("bad_token", "this student token does not belong to this class");
      if (personId !== null) await this.people.addClass(personId, s.sessionId, student.id);
      return { facilitator: false, studentId: student.id };
    }
    const code = options.code !== undefined ? normalizeJoinCode(options.code) : null;
    if (code === null || code !== s.code) throw joinError("bad_code", "the class code does not match this class");
    const name = options.name;
    if (name === undefined) throw joinError("bad_options", "join: field 'name' is required to join a class (your display name)");
    if (s.students.size >= MAX_STUDENTS) throw joinError("class_full", `this class already has ${MAX_STUDENTS} students, its limit`);
    return this.queue.run(async () => {
      const token = newToken();
      const student: Student = { id: newPersonId(), name, tokenHash: hashToken(token), place: null, joinedAt: new Date().toISOString(), sessions: new Set() };
      addStudent(s, student);
      await this.store.insertStudent(s.sessionId, student);
      await this.desk.placeLatecomer(student.id);
      if (personId !== null) await this.people.addClass(personId, s.sessionId, student.id);
      return { facilitator: false, studentId: student.id, issued: { studentToken: token } };
    });
  }

  override onJoin(client: Client, _options: unknown, identity: ClassIdentity): void {
    this.identities.set(client.sessionId, identity);
    this.buckets.set(client.sessionId, new TokenBucket(this.ctx.config.rateLimit.burst, this.ctx.config.rateLimit.perSecond));
    if (identity.issued?.facilitatorToken) this.autoDispose = false;
    this.greet(client, identity);
    delete identity.issued;
  }

  override async onDrop(client: Client): Promise<void> {
    this.markAway(client);
    // A client that does not come back in time is simply gone (its onLeave follows): nothing to report.
    this.allowReconnection(client, this.ctx.config.reconnectSeconds).catch(() => undefined);
  }

  override onReconnect(client: Client): void {
    const identity = this.identities.get(client.sessionId);
    if (identity) this.greet(client, identity);
  }

  override onLeave(client: Client): void {
    this.markAway(client);
    this.identities.delete(client.sessionId);
    this.buckets.delete(client.sessionId);
  }

  /** A connection arrives (or comes back): the welcome, the class, their seat, the dashboard or their debrief. */
  private greet(client: Client, identity: ClassIdentity): void {
    const student = identity.studentId ? this.session.students.get(identity.studentId) : undefined;
    student?.sessions.add(client.sessionId);
    client.send(CLASS_MESSAGE.welcome, welcomeFor(this.session, identity));
    client.send(CLASS_MESSAGE.state, snapshotFor(this.session, identity, this.snapshot()));
    this.broadcastClass();
    if (student) this.sendSeat(client, student);
    if (identity.facilitator) client.send(CLASS_MESSAGE.dashboard, this.monitor.dashboard());
    else this.sendDebriefs(client);
  }

  private markAway(client: Client): void {
    const identity = this.identities.get(client.sessionId);
    const student = identity?.studentId ? this.session.students.get(identity.studentId) : undefined;
    student?.sessions.delete(client.sessionId);
    this.broadcastClass();
  }

  // ---- what clients receive ----------------------------------------------------------------

  private snapshot() {
    let facilitatorConnected = false;
    for (const identity of this.identities.values()) if (identity.facilitator) facilitatorConnected = true;
    return classSnapshot(this.session, facilitatorConnected, this.monitor.phases());
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
      for (const client of this.clients) client.send(CLASS_MESSAGE.state, snapshotFor(this.session, this.identities.get(client.sessionId), full));
    }, CLASS_BROADCAST_MS);
  }

  private sendSeat(client: Client, student: Student): void {
    const seat = seatOf(this.session, student);
    if (seat) client.send(CLASS_MESSAGE.seat, seat);
  }

  private sendSeats(ids: Iterable<string>): void {
    for (const id of ids) {
      const student = this.session.students.get(id);
      if (!student) continue;
      for (const client of this.clients) if (student.sessions.has(client.sessionId)) this.sendSeat(client, student);
    }
  }

  /**
   * During the debrief, each student's `class_debrief`: every table's outcome and their own
   * table's reveal. Sent when the outcomes change (checked every tick), and to `client` alone on
   * its join.
   */
  private sendDebriefs(client?: Client): void {
    if (this.session.phaseClock.phase !== "debrief") return;
    const tables: ClassDebrief["tables"] = this.monitor.debriefTables();
    const text = JSON.stringify(tables);
    if (!client && text === this.lastDebrief) return;
    if (!client) this.lastDebrief = text;
    const reveals = new Map<number, Reveal>();
    for (const c of client ? [client] : this.clients) {
      const identity = this.identities.get(c.sessionId);
      if (!identity || identity.facilitator || !identity.studentId) continue;
      c.send(CLASS_MESSAGE.debrief, debriefFor(this.session, identity.studentId, tables, (t) => this.monitor.gameOf(t), reveals));
    }
  }

  private sendDashboard(force = false): void {
    const dashboard = this.monitor.dashboard();
    const text = JSON.stringify(dashboard);
    if (!force && text === this.lastDashboard) return;
    this.lastDashboard = text;
    for (const client of this.clients) if (this.identities.get(client.sessionId)?.facilitator) client.send(CLASS_MESSAGE.dashboard, dashboard);
  }

  // ---- the clock ---------------------------------------------------------------------------

  private async tick(): Promise<void> {
    // A slow remote call must not stack ticks up.
    if (this.session.closed || this.ticking) return;
    this.ticking = true;
    try {
      await this.tickOnce();
    } catch (e) {
      log.error("class tick failed", { sessionId: this.session.sessionId, error: e });
    } finally {
      this.ticking = false;
    }
  }

  private async tickOnce(): Promise<void> {
    const s = this.session;
    await this.monitor.refresh();
    // Students seated by the class who have not come to their table some time into the talks
    // (`standInAfterMinutes`): a bot keeps their delegation until they arrive (a delegation with
    // anyone at it is left alone).
    if (s.phaseClock.phase === "negotiation" && s.options.fillWithBots && !this.absentFilled && Date.now() - s.phaseClock.startedAt >= s.options.standInAfterMinutes * 60_000) {
      this.absentFilled = true;
      await this.queue.run(() => this.control.standInForAbsent()).catch((e: unknown) => log.error("class stand-ins failed", { sessionId: s.sessionId, error: e }));
    }
    // The clock ran out, or every table has ended its talks: the class moves on.
    const allEnded = s.phaseClock.phase === "negotiation" && s.tables > 0 && this.monitor.phases().every((p) => p === "ended");
    if (phaseDue(s.phaseClock, Date.now()) || allEnded) {
      const next = nextPhase(s.phaseClock.phase);
      if (next) {
        const reply = await this.queue.run(() => this.desk.moveTo(next)).catch((e: unknown) => {
          log.error("class phase change failed", { sessionId: s.sessionId, error: e });
          return null;
        });
        if (reply && "code" in reply) log.warn("class phase change refused", { sessionId: s.sessionId, to: next, code: reply.code, message: reply.message });
      }
    }
    this.sendDashboard();
    this.sendDebriefs();
  }

  // ---- requests ----------------------------------------------------------------------------

  private async answer(type: ClassRequestType, client: Client, payload: unknown): Promise<Reply> {
    const identity = this.identities.get(client.sessionId);
    if (!identity) return refusal("forbidden", `${type}: this connection has not joined the class`);
    if (!this.buckets.get(client.sessionId)?.take()) return refusal("rate_limited", `${type}: too many requests; retry shortly`);
    const decoded = decode(ClassRequests, type, payload);
    if (!decoded.ok) return decoded.refusal;
    if (type === "sync") {
      // Everything this connection may see again (no broadcast, no debrief: those follow their own changes).
      client.send(CLASS_MESSAGE.welcome, welcomeFor(this.session, identity));
      client.send(CLASS_MESSAGE.state, snapshotFor(this.session, identity, this.snapshot()));
      const student = identity.studentId ? this.session.students.get(identity.studentId) : undefined;
      if (student) this.sendSeat(client, student);
      if (identity.facilitator) client.send(CLASS_MESSAGE.dashboard, this.monitor.dashboard());
      return { ok: true };
    }
    if (!identity.facilitator) return refusal("forbidden", `${type}: only the class's facilitator may ${type.replace("_", " ")}`);
    // Why the cast: TypeScript does not tie `decoded.value`'s type to the narrowed `type`; decode checked it against ClassRequests[type].
    const request = { type, value: decoded.value } as FacilitatorRequest;
    const reply = await this.queue.run(() => this.desk.request(request));
    this.broadcastClass();
    this.sendDashboard(true);
    return reply;
  }
}
