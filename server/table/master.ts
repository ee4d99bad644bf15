// The table master: one table's game, outside Colyseus. Every change goes through one pipeline:
// the serial queue → `apply` (the rules decide; a refusal is a value) → write the action to the
// log → commit it to memory → publish through an outbox (the synced state's patch, each seat's
// private side, the debrief, the end of the match). An answer waits for its commit.
//
// It is handed what it needs (ports.ts): a transport for the connections, the store, the timers
// and where to announce a match's end. Beside it: seating.ts (who sits where, seat tokens),
// turn-clock.ts (the turn timer), bots.ts (the bot driver), requests.ts (a connection's request),
// actions.ts (a decoded request to the engine's action, talk caps), seat-requests.ts (set_control,
// reassign), joining.ts (joins, drops, leaves), open.ts (a new table, a restored one), sends.ts
// (welcome, seat, statements payloads), empty-table.ts (closing a table nobody is at or nobody
// joined), server-controls.ts (facilitate, adopt, standIn, issueSeat), rooms/projection.ts.
import type { BotChoice, CreateOptions, Notice } from "../../shared/protocol/index.ts";
import { coachOn, MESSAGE } from "../../shared/protocol/index.ts";
import { apply, reveal } from "../../shared/rules/index.ts";
import type { GameAction, GameEvent, GameState } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { TableState } from "../../shared/state/table.ts";
import type { TurnClock } from "../db/store.ts";
import { log } from "../log.ts";
import { TableProjection } from "../rooms/projection.ts";
import { refusal, SerialQueue } from "../requests/pipeline.ts";
import { BotDriver } from "./bots.ts";
import { Outbox } from "./outbox.ts";
import type { TableEnv } from "./ports.ts";
import { TalkCount, type Reply } from "./actions.ts";
import { Seating, type ControlReason, type Session } from "./seating.ts";
import { seatSnapshot, seatUpdate, touchedBy, welcomeFor } from "./sends.ts";
import { EmptyTableTimers } from "./empty-table.ts";
import { LONG_TURN_MS, tablePolicy, TurnClockKeeper } from "./turn-clock.ts";
import type { TimerHandle } from "./timers.ts";
import { translationsOf } from "../scenarios.ts";
import { newsOf } from "../notify/news.ts";

/** What a table is made of, new or restored (open.ts). */
export interface TableSetup {
  matchId: string;
  scenario: Scenario;
  options: CreateOptions;
  game: GameState;
  joinCode: string;
  facilitatorTokenHash: string;
  created: string;
}

export class TableMaster {
  readonly matchId: string;
  readonly scenario: Scenario;
  readonly options: CreateOptions;
  readonly joinCode: string;
  readonly facilitatorTokenHash: string;
  readonly created: string;
  readonly listed: boolean;
  readonly reconnectSeconds: number;
  /** The coach is on for the people seated (sends.ts: the welcome's `coach`). */
  readonly coach: boolean;
  readonly queue = new SerialQueue();
  readonly seating: Seating;
  readonly bots: BotDriver;
  readonly clock: TurnClockKeeper;
  readonly talk: TalkCount;
  /** The timers that close a table nobody is at, or nobody joined. */
  readonly emptyTable: EmptyTableTimers;
  /** pending, open, running, ended, abandoned: as stored. */
  status = "pending";
  /** A new table waits for its creator's first join (onAuth), who becomes its facilitator. */
  creatorPending: { facilitatorToken: string } | null = null;
  /** The server is shutting down: leaving clients keep their seats, bots stop (the table is restored as it is). */
  shuttingDown = false;
  /** Closed for want of people: marked abandoned when the room goes. */
  abandoned = false;
  /**
   * A class's or a tournament's table (adopted by the server), or one restored after a restart
   * (whose owner this process cannot tell): it plays on to its end whoever is there.
   */
  mustFinish = false;
  /** Nobody is at the table: its bots and its turn clock wait until a person comes back (`rest`, `wake`). */
  resting = false;
  /** A restored table's wait for its people before it rests (`restUnlessRejoined`). */
  private restTimer: TimerHandle | null = null;
  /** Turns of an hour or more, or quiet hours: people come and go, the table never rests (see the constructor). */
  readonly longTurns: boolean;
  private gameState: GameState;
  private readonly projection: TableProjection;

  constructor(
    readonly env: TableEnv,
    readonly state: TableState,
    setup: TableSetup,
  ) {
    const { config, timers } = env;
    this.matchId = setup.matchId;
    this.scenario = setup.scenario;
    this.options = setup.options;
    this.gameState = setup.game;
    this.joinCode = setup.joinCode;
    this.facilitatorTokenHash = setup.facilitatorTokenHash;
    this.created = setup.created;
    this.listed = setup.options.listed;
    this.reconnectSeconds = setup.options.reconnectSeconds ?? config.reconnectSeconds;
    this.coach = coachOn(setup.options, setup.scenario.delegations.map((d) => d.id));
    this.talk = new TalkCount(config);
    this.emptyTable = new EmptyTableTimers(this.matchId, env, {
      // A long-turn table mid-game is not idle when nobody is connected: its people come back by the day.
      ended: () => this.gameState.phase === "ended" || (this.longTurns && this.gameState.phase !== "waiting"),
      abandon: (why) => {
        if (why === "unjoined") this.creatorPending = null;
        this.abandon();
      },
    });
    this.seating = new Seating(this.matchId, this.scenario, state, env.store, timers, this.options.takeoverStrategy);
    this.bots = new BotDriver(this.matchId, this.scenario, this.seating, timers, {
      game: () => this.gameState,
      enqueue: (task) => this.queue.run(task),
      perform: (action) => this.perform(action),
      delayMs: () => this.botDelay(),
      stopped: () => this.shuttingDown || this.resting,
    });
    const turnMs = (setup.options.secondsPerTurn ?? setup.scenario.deadline.secondsPerTurn) * 1000;
    const policy = tablePolicy(this.options, (delegation) => this.seating.zoneOf(delegation));
    this.clock = new TurnClockKeeper(timers, turnMs, state.timer, (version) => this.onTurnExpired(version), policy);
    // A long-turn table (turns of an hour or more, or quiet hours) goes on while nobody is at it:
    // its clock keeps running, its bots keep answering, and it is not closed as idle mid-game.
    this.longTurns = turnMs >= LONG_TURN_MS || this.options.quietHours !== undefined;
    state.matchId = this.matchId;
    this.projection = new TableProjection(state);
  }

  game(): GameState {
    return this.gameState;
  }

  now(): string {
    return new Date(this.env.timers.now()).toISOString();
  }

  // ---- the pipeline ------------------------------------------------------------------------

  /**
   * Apply, write, commit, publish: call it inside the queue. `requester`: the session whose
   * request this is (its frames for the action leave together, see TableTransport.holdFrames).
   */
  async perform(action: GameAction, requester?: string): Promise<Reply> {
    const before = this.gameState;
    const result = apply(before, action);
    if (!result.ok) {
      // A retry of an action already applied: answer as the first time did.
      if (result.code === "duplicate_action") return { ok: true, version: before.version, duplicate: true };
      return refusal(result.code, result.message);
    }
    const over = this.talk.refuse(action, before.messages.length);
    if (over) return over;
    // The turn clock this action leaves, logged with it so that a restart resumes the same turn.
    const clock = this.clock.after(result.state, this.env.timers.now());
    try {
      await this.env.store.appendEvent(this.matchId, result.state.version, action, clock);
    } catch (e) {
      log.error("could not write an action to the log", { matchId: this.matchId, type: action.type, error: e });
      return refusal("internal_error", `${action.type}: the action could not be saved; nothing changed (retry with the same requestId)`);
    }
    // The end is stored with the match before anyone hears of it, so that the match's record read
    // from any process after the reveal says it ended (the log stays the truth: a failure here is
    // logged, and a restart's replay marks it ended).
    if (before.phase !== "ended" && result.state.phase === "ended") {
      await this.env.store
        .updateMatch(this.matchId, { status: "ended", ended_at: this.now(), outcome_json: JSON.stringify(result.state.outcome) })
        .catch((e: unknown) => log.error("could not mark ended", { matchId: this.matchId, error: e }));
    }
    // Committed: memory follows the log.
    this.gameState = result.state;
    this.talk.count(action);
    this.afterCommit(before, result.events, clock, requester);
    return { ok: true, version: this.gameState.version };
  }

  private afterCommit(before: GameState, events: GameEvent[], clock: TurnClock | null, requester?: string): void {
    const game = this.gameState;
    const outbox = new Outbox();
    this.project();
    // Started (a table ended before it started, by its facilitator, never ran: it stays marked ended).
    if (before.phase === "waiting" && game.phase !== "waiting" && game.phase !== "ended") {
      this.status = "running";
      this.persist(this.env.store.updateMatch(this.matchId, { status: "running", started_at: this.now() }), "mark running");
    }
    const ended = before.phase !== "ended" && game.phase === "ended";
    if (ended) this.finish(outbox);
    this.clock.set(clock, game.tableVersion);
    if (requester !== undefined) outbox.hold(requester);
    outbox.patch();
    this.privateUpdates(outbox, events, ended);
    outbox.flush(this.env.transport, this.env.matchEnded);
    this.bots.schedule();
    if (this.env.notifier) this.notifyAway(before, events);
  }

  /** The step's news for delegations played by people none of whom is connected now (server/notify/): queued, never awaited. */
  private notifyAway(before: GameState, events: GameEvent[]): void {
    try {
      const away = [...this.seating.control].filter(([d, c]) => c.mode !== "bot" && this.seating.connectedOf(d) === 0);
      if (away.length === 0) return; // the usual step: everyone is here, no news to work out
      const news = newsOf(before, this.gameState, events).filter((n) => away.some(([d]) => d === n.delegation));
      if (news.length > 0) this.env.notifier!.tableStep({ matchId: this.matchId, scenarioId: this.scenario.id, news });
    } catch (e) {
      log.warn("could not hand a step to the notifier", { matchId: this.matchId, error: e });
    }
  }

  private finish(outbox: Outbox): void {
    const game = this.gameState;
    this.status = "ended";
    this.bots.cancelAll();
    this.state.revealed = true;
    // The table stays open for the debrief while anyone is connected.
    this.env.transport.closeWhenEmpty(true);
    log.info("match ended", { matchId: this.matchId, reason: game.outcome?.reason, version: game.version });
    outbox.ended({ matchId: this.matchId, scenarioId: this.scenario.id, outcome: game.outcome, version: game.version });
  }

  /**
   * Private events go to the seats they are addressed to, as a `seat_update` (only what changed);
   * the end sends everyone their whole seat (with their utility) and the reveal.
   */
  private privateUpdates(outbox: Outbox, events: GameEvent[], ended: boolean): void {
    const { delegations: touched, injectFired } = touchedBy(events);
    if (ended || touched.size > 0 || injectFired) {
      for (const session of this.seating.sessions.values()) {
        const delegation = this.seating.delegationOf(session);
        const facilitatorInjects = session.identity.facilitator && injectFired;
        if (ended) outbox.send(session.id, MESSAGE.seat, seatSnapshot(this.gameState, delegation, session.identity.facilitator, events));
        else if ((delegation !== null && touched.has(delegation)) || facilitatorInjects) {
          outbox.send(session.id, MESSAGE.seatUpdate, seatUpdate(this.gameState, delegation, facilitatorInjects, events));
        }
      }
    }
    if (ended) {
      outbox.broadcast(MESSAGE.reveal, reveal(this.gameState));
      for (const session of this.seating.sessions.values()) session.revealSent = true;
    }
  }

  /** The observer's view onto the synced state. */
  project(): void {
    this.projection.project(this.gameState, this.env.config.statementWindow, translationsOf(this.scenario));
    // Public (the engine announces it to everyone in its `started` event), though not part of a view.
    const firstMover = this.gameState.firstMover ?? "";
    if (this.state.firstMover !== firstMover) this.state.firstMover = firstMover;
  }

  // ---- sends to one connection -------------------------------------------------------------

  sendWelcome(session: Session): void {
    const welcome = welcomeFor(this, session.identity, this.seating.personOf(session.identity), this.env.timers.now());
    this.env.transport.send(session.id, MESSAGE.welcome, welcome);
  }

  sendSeat(session: Session, events: GameEvent[]): void {
    this.env.transport.send(session.id, MESSAGE.seat, seatSnapshot(this.gameState, this.seating.delegationOf(session), session.identity.facilitator, events));
  }

  sendReveal(session: Session): void {
    this.env.transport.send(session.id, MESSAGE.reveal, reveal(this.gameState));
    session.revealSent = true;
  }

  /** A notice to the delegation's people and the facilitators. */
  notifyDelegation(delegation: string, notice: Notice): void {
    for (const session of this.seating.sessions.values()) {
      if (this.seating.delegationOf(session) === delegation || session.identity.facilitator) this.env.transport.send(session.id, MESSAGE.notice, notice);
    }
  }

  // ---- who plays a delegation --------------------------------------------------------------

  /** Hand a delegation to a bot or back to its people, and record it. */
  async changeControl(delegation: string, mode: "people" | "bot", strategy: BotChoice, reason: ControlReason): Promise<void> {
    const control = this.seating.controlOf(delegation);
    if (mode === "bot") {
      if (control.mode !== "bot" || control.strategy !== strategy) control.bot = this.bots.newBot(delegation, strategy, this.gameState.seed);
    } else {
      control.bot = null;
      this.bots.cancel(delegation);
    }
    control.mode = mode;
    control.strategy = strategy;
    control.reason = reason;
    await this.seating.recordControl(delegation);
    this.seating.refresh();
  }

  /** Nobody of this delegation is left: a bot plays it, if the table allows. */
  async seatLeftForGood(delegation: string): Promise<void> {
    const control = this.seating.controlOf(delegation);
    if (control.mode === "bot" || !this.options.botTakeover || this.gameState.phase === "ended") return;
    if (this.seating.connectedOf(delegation) > 0 || this.seating.droppedOf(delegation) > 0) return;
    await this.changeControl(delegation, "bot", this.options.takeoverStrategy, "takeover");
    this.bots.schedule();
    this.notifyDelegation(delegation, {
      code: "bot_took_seat",
      message: `everyone at ${delegation} left; a bot plays it until someone rejoins with their seat token`,
      delegation,
    });
  }

  /** `startWhen: full`: start once every delegation played by people has at least one person. */
  maybeAutoStart(): void {
    if (this.options.startWhen !== "full" || this.gameState.phase !== "waiting") return;
    for (const d of this.scenario.delegations) {
      if (this.seating.controlOf(d.id).mode === "bot") continue;
      if (this.seating.connectedOf(d.id) < Math.max(1, d.seats.min)) return;
    }
    this.queue
      .run(() => this.perform({ type: "start", actionId: "auto-start", version: this.gameState.version, by: { kind: "facilitator" } }))
      .catch((e: unknown) => log.error("auto-start failed", { matchId: this.matchId, error: e }));
  }

  // ---- time: the turn, the bots' pauses, an empty table ------------------------------------

  /**
   * Just restored after a restart, nobody connected: its people have their reconnection window to
   * come back; if none has by then and no class or tournament needs it finished, it rests.
   */
  restUnlessRejoined(): void {
    if (this.mustFinish) return;
    const ms = this.reconnectSeconds * 1000;
    if (ms <= 0) return this.restIfUnattended();
    this.restTimer = this.env.timers.after(ms, () => {
      this.restTimer = null;
      this.restIfUnattended();
    });
  }

  /**
   * Nobody is at the table (every person gone past their reconnection window) and no class or
   * tournament needs it finished: it rests instead of playing bot against bot. Its bots stop and
   * its turn clock keeps the time the turn had left; nothing is applied or logged, so the game is
   * exactly where it was when a person comes back (`wake`).
   */
  restIfUnattended(): void {
    const phase = this.gameState.phase;
    if (this.resting || this.mustFinish || this.shuttingDown || (phase !== "running" && phase !== "paused")) return;
    // A long-turn table waits for its absent people by the clock (unless only bots play it now).
    if (this.longTurns && [...this.seating.control.values()].some((c) => c.mode === "people")) return;
    if (this.env.transport.connections() > 0) return;
    for (const person of this.seating.people.values()) if (person.sessions.size > 0 || person.dropped.size > 0) return;
    this.resting = true;
    this.bots.cancelAll();
    this.clock.hold(this.env.timers.now());
    log.info("table resting: nobody at it", { matchId: this.matchId, version: this.gameState.version });
  }

  /** A person is back at a resting table: the turn runs on with the time it had left, and the bots play again. */
  wake(): void {
    if (!this.resting) return;
    this.resting = false;
    this.clock.release(this.env.timers.now());
    this.bots.schedule();
    log.info("table awake", { matchId: this.matchId, version: this.gameState.version });
  }

  private onTurnExpired(tableVersion: number): void {
    this.queue
      .run(async () => {
        const game = this.gameState;
        if (game.phase !== "running" || game.tableVersion !== tableVersion) return;
        const result = await this.perform({ type: "timeout", actionId: `timeout@${game.version}`, version: game.version, by: { kind: "system" } });
        if ("code" in result) log.warn("timeout refused", { matchId: this.matchId, ...result });
      })
      .catch((e: unknown) => log.error("turn timeout failed", { matchId: this.matchId, error: e }));
  }

  private botDelay(): number {
    const { min, max } = this.env.config.botDelayMs;
    return this.options.fastBots ? 0 : min + Math.random() * (max - min);
  }

  /** Closed as abandoned: nobody connected for `idleMinutes`, or nobody joined within `unjoinedSeconds` (empty-table.ts). */
  abandon(): void {
    this.abandoned = true;
    this.env.transport.closeWhenEmpty(true);
    this.env.transport.close();
  }

  /** The room goes: stop every timer; a table never joined, or abandoned mid-game, is marked so. */
  dispose(): void {
    this.emptyTable.clear();
    this.restTimer?.clear();
    this.clock.stop();
    this.bots.cancelAll();
    if (this.shuttingDown) return;
    if (this.status === "pending" || (this.abandoned && this.gameState.phase !== "ended")) {
      this.status = "abandoned";
      this.persist(this.env.store.updateMatch(this.matchId, { status: "abandoned" }), "mark abandoned");
    }
  }

  /** A write nobody waits for: its failure is logged. */
  persist(write: Promise<unknown>, what: string): void {
    write.catch((e: unknown) => log.error(`could not ${what}`, { matchId: this.matchId, error: e }));
  }
}
