// One seat at one table: the SDK client and its room. This is the only module that touches the
// room. It turns schema changes (Callbacks.get(room)) and the server's direct messages into view
// events, sends the screens' intents as requests (`room.request`), keeps the seat token so a reload
// finds the same seat, and rides out dropped connections ("reconnecting…", then a rejoin).
import { withHostKey } from "./host-key.ts";
import { Callbacks, Client, type Room } from "@colyseus/sdk";
import { JOIN_ERRORS } from "../../shared/protocol/errors.ts";
import { applySeatUpdate, MESSAGE } from "../../shared/protocol/messages.ts";
import type {
  ActionReply,
  BotChoice,
  CreateOptionsInput,
  JoinOptionsInput,
  Notice,
  RequestRefusal,
  SeatSnapshot,
  SeatUpdate,
  StatementsPage,
  Welcome,
} from "../../shared/protocol/index.ts";
import type { Message, PublicScenario, Reveal } from "../../shared/rules/types.ts";
import { TableState } from "../../shared/state/table.ts";
import { api } from "./api.ts";
import { Emitter } from "./emitter.ts";
import { legalMoves, type LegalMoves } from "./legal.ts";
import { serverOrigin } from "./server.ts";
import { rememberTable, storedTable } from "./storage.ts";
import { scenarioText, type Translated } from "../scenario-text.ts";
import {
  joinStatements,
  prependStatements,
  toView,
  type MoveView,
  type NewsView,
  type Package,
  type Phase,
  type StatementRecord,
  type StatementView,
  type TableView,
} from "./view.ts";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "lost" | "closed";

export interface ConnectionEvents extends Record<string, unknown> {
  /** The whole table, after every change. */
  table: TableView;
  phase: { phase: Phase; previous: Phase | null };
  turn: { turn: string | null; previous: string | null };
  /** A move entered the log; `fresh` is false for what was already there when we (re)joined. */
  move: { move: MoveView; index: number; fresh: boolean };
  statement: { statement: StatementView; fresh: boolean };
  news: { news: NewsView; fresh: boolean };
  /** The seat's private side changed (brief, profile after an inject, private messages). */
  seat: SeatSnapshot;
  privateMessage: { message: Message; fresh: boolean };
  /** An inject changed our profile: its private note. */
  profileChanged: { injectId: string; note: string };
  welcome: Welcome;
  reveal: Reveal;
  notice: Notice;
  connection: ConnectionState;
  /** A request the server refused: the engine's or the room's code and message. */
  refusal: { type: string; code: string; message: string };
}

export type Result = { ok: true; version: number } | { ok: false; code: string; message: string };

/** A join or create refusal, named (`bad_code`, `delegation_full`…) with a sentence for people. */
export class ConnectError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ConnectError";
  }
}

const JOIN_NAMES = new Map<number, string>(Object.entries(JOIN_ERRORS).map(([name, code]) => [code, name]));

const FRIENDLY: Record<string, string> = {
  bad_code: "That join code does not match this table.",
  bad_token: "This seat is no longer yours (the facilitator may have moved you).",
  unknown_delegation: "That delegation is not at this table.",
  delegation_full: "That delegation already has all its members. Pick another, or watch as an observer.",
  bot_seat: "That delegation is played by a bot at this table.",
  match_over: "This negotiation is over. You can still watch it as an observer to see the debrief.",
  table_full: "This table has as many connections as it can take.",
  unknown_scenario: "The server does not know that scenario.",
  too_many_matches: "The server is full right now. Try again in a minute.",
  shutting_down: "The server is restarting. Try again in a moment.",
  unavailable: "The game service is briefly unavailable. Try again in a moment.",
  bad_options: "The server refused these table settings.",
  host_key_required: "This server creates tables only for its host's teachers and organisers. Enter the host key (ask whoever runs this server), or join a table with its code.",
};

function connectError(e: unknown): ConnectError {
  const err = e as { code?: number; message?: string };
  const text = err?.message ?? String(e);
  const named = /^([a-z_]+):\s*(.*)$/s.exec(text);
  const code = named?.[1] ?? (typeof err?.code === "number" ? JOIN_NAMES.get(err.code) : undefined) ?? "offline";
  if (code === "offline" && /fetch|network|ECONN|Failed/i.test(text)) {
    return new ConnectError("offline", "The game server cannot be reached. Check your connection and try again.");
  }
  return new ConnectError(code, FRIENDLY[code] ?? (named?.[2] || text || "The server refused the connection."));
}

let requestCounter = 0;
function newRequestId(): string {
  const random = typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID().slice(0, 13) : Math.random().toString(36).slice(2, 12);
  return `c${Date.now().toString(36)}-${++requestCounter}-${random}`;
}

type JoinPlan = { kind: "create"; options: CreateOptionsInput } | { kind: "join"; matchId: string; options: JoinOptionsInput };

export class TableConnection {
  readonly events = new Emitter<ConnectionEvents>();
  matchId = "";
  state: ConnectionState = "connecting";
  view: TableView | null = null;
  /** The scenario as the server sent it: English, with its translations. */
  scenarioSource: Translated<PublicScenario> | null = null;
  /** The scenario in the reader's language (client/scenario-text.ts): read it again after a change of language. */
  get scenario(): PublicScenario | null {
    return this.scenarioSource ? scenarioText(this.scenarioSource) : null;
  }
  welcome: Welcome | null = null;
  seat: SeatSnapshot | null = null;
  reveal: Reveal | null = null;
  /** Server clock minus ours (ms), from the welcome; null until one arrives. */
  private clockOffset: number | null = null;

  private readonly sdk = new Client(serverOrigin());
  private room: Room<unknown, TableState> | null = null;
  private unbind: (() => void)[] = [];
  private leaving = false;
  private rejoining = false;
  private readyPromise: Promise<void>;
  private resolveReady!: () => void;
  private rejectReady!: (e: unknown) => void;
  private pending: { moves: number[]; statements: number[]; news: number[]; phase?: [Phase | null, Phase]; turn?: [string | null, string | null] } = {
    moves: [],
    statements: [],
    news: [],
  };
  private seen = { moves: 0, statements: new Set<string>(), news: new Set<string>(), messages: new Set<string>(), synced: false };
  /**
   * The public statements this connection holds, oldest first and without a gap: earlier pages it
   * loaded, those that left the synced window while it watched, and the window. `from` is the
   * number of the first in the table's whole record (0: it holds them all).
   */
  private record: StatementRecord = { from: 0, statements: [] };
  private onlineHandler = () => {
    if (this.state === "lost") void this.rejoin();
  };

  private constructor() {
    this.readyPromise = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.readyPromise.catch(() => undefined);
    window.addEventListener("online", this.onlineHandler);
  }

  // ---- opening a connection ---------------------------------------------------------------

  /** Create a table (you become its facilitator; with `delegation`, you also sit there). */
  static async create(options: CreateOptionsInput): Promise<TableConnection> {
    return TableConnection.open({ kind: "create", options });
  }

  /** Join a table by id: a delegation seat or an observer's chair (with the join code if private). */
  static async join(matchId: string, options: JoinOptionsInput): Promise<TableConnection> {
    return TableConnection.open({ kind: "join", matchId, options });
  }

  /** After a reload: back to the seat this browser holds at the table (seat and/or facilitator token). */
  static async resume(matchId: string): Promise<TableConnection> {
    return TableConnection.open({ kind: "join", matchId, options: TableConnection.storedOptions(matchId) });
  }

  /** Whether this browser holds a seat, a facilitator token or an observer's code for the table. */
  static canResume(matchId: string): boolean {
    const t = storedTable(matchId);
    return Boolean(t && (t.seatToken || t.facilitatorToken || t.observer));
  }

  private static storedOptions(matchId: string): JoinOptionsInput {
    const t = storedTable(matchId);
    const options: JoinOptionsInput = {};
    if (t?.seatToken) options.seatToken = t.seatToken;
    if (t?.facilitatorToken) options.facilitatorToken = t.facilitatorToken;
    if (!options.seatToken && !options.facilitatorToken) {
      options.role = "observer";
      if (t?.joinCode) options.code = t.joinCode;
    }
    return options;
  }

  private static async open(plan: JoinPlan): Promise<TableConnection> {
    const conn = new TableConnection();
    try {
      const room =
        plan.kind === "create"
          ? await conn.sdk.create("negotiation", withHostKey(plan.options), TableState)
          : await conn.sdk.joinById(plan.matchId, plan.options, TableState);
      conn.matchId = room.roomId;
      if (plan.kind === "join" && plan.options.role === "observer") {
        rememberTable(room.roomId, { observer: true, joinCode: plan.options.code });
      }
      conn.attach(room);
      await conn.ready();
      return conn;
    } catch (e) {
      conn.dispose();
      throw e instanceof ConnectError ? e : connectError(e);
    }
  }

  /** Resolves once the state, the welcome and the scenario have arrived. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  private checkReady(): void {
    if (this.view && this.welcome && this.scenario) this.resolveReady();
  }

  // ---- the room ----------------------------------------------------------------------------

  private attach(room: Room<unknown, TableState>): void {
    this.detach();
    this.room = room;
    room.reconnection.maxRetries = 12;
    room.reconnection.maxDelay = 4000;
    // Short sessions deserve a reconnection too (the default waits 5 s of uptime).
    room.reconnection.minUptime = 0;
    this.setState("connected");

    const callbacks = Callbacks.get(room);
    this.unbind.push(
      callbacks.listen("phase", (phase, previous) => {
        this.pending.phase = [(previous || null) as Phase | null, phase as Phase];
      }),
      callbacks.listen("turn", (turn, previous) => {
        this.pending.turn = [previous || null, turn || null];
      }),
      callbacks.onAdd("moves", (_move, index) => {
        this.pending.moves.push(index);
      }),
      callbacks.onAdd("statements", (_statement, index) => {
        this.pending.statements.push(index);
      }),
      callbacks.onAdd("news", (_news, index) => {
        this.pending.news.push(index);
      }),
    );

    const onState = (state: TableState) => this.onStatePatch(state);
    room.onStateChange(onState);
    this.unbind.push(() => room.onStateChange.remove(onState));

    this.unbind.push(
      room.onMessage(MESSAGE.welcome, (w: Welcome) => this.onWelcome(w)),
      room.onMessage(MESSAGE.seat, (s: SeatSnapshot) => this.onSeat(s)),
      room.onMessage(MESSAGE.seatUpdate, (u: SeatUpdate) => this.onSeatUpdate(u)),
      room.onMessage(MESSAGE.reveal, (r: Reveal) => {
        this.reveal = r;
        this.events.emit("reveal", r);
      }),
      room.onMessage(MESSAGE.notice, (n: Notice) => this.events.emit("notice", n)),
    );

    const onDrop = () => this.setState("reconnecting");
    const onReconnect = () => {
      this.setState("connected");
      // The server resends the welcome and the seat; ask again in case a frame was lost.
      void this.room?.request("sync", {}).catch(() => undefined);
    };
    const onLeave = () => {
      if (this.leaving) return;
      void this.rejoin();
    };
    const onError = (code: number, message?: string) => console.warn(`room error ${code}: ${message ?? ""}`);
    room.onDrop(onDrop);
    room.onReconnect(onReconnect);
    room.onLeave(onLeave);
    room.onError(onError);
    this.unbind.push(
      () => room.onDrop.remove(onDrop),
      () => room.onReconnect.remove(onReconnect),
      () => room.onLeave.remove(onLeave),
      () => room.onError.remove(onError),
    );
  }

  private detach(): void {
    for (const fn of this.unbind.splice(0)) {
      try {
        fn();
      } catch {
        // already gone
      }
    }
    this.room = null;
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.events.emit("connection", state);
  }

  /** The SDK gave up reconnecting (or the server restarted): a fresh join with the stored tokens. */
  async rejoin(): Promise<void> {
    if (this.rejoining || this.leaving || !this.matchId) return;
    this.rejoining = true;
    this.setState("reconnecting");
    const options = TableConnection.storedOptions(this.matchId);
    try {
      for (let attempt = 0; attempt < 10 && !this.leaving; attempt++) {
        try {
          const room = await this.sdk.joinById(this.matchId, options, TableState);
          if (this.leaving) {
            void room.leave(true);
            return;
          }
          this.attach(room);
          return;
        } catch (e) {
          const err = connectError(e);
          // A server that is stopping or cannot reach Redis (several servers) asks to try again.
          const transient = err.code === "offline" || err.code === "shutting_down" || err.code === "unavailable";
          if (!transient && !/timeout|closed|ECONN|fetch/i.test(err.message)) {
            // Refused for good (the seat is gone, the table ended and closed).
            this.setState("lost");
            this.events.emit("notice", { code: err.code, message: err.message });
            return;
          }
          await new Promise((r) => setTimeout(r, Math.min(8000, 500 * 2 ** attempt)));
        }
      }
      if (!this.leaving) this.setState("lost");
    } finally {
      this.rejoining = false;
    }
  }

  private onStatePatch(state: TableState): void {
    if (!state.matchId) return;
    const previous = this.view;
    const view = toView(state, previous, this.clockOffset);
    this.view = view;
    if (!this.matchId) this.matchId = view.matchId;
    if (!this.scenario && view.scenarioId) {
      api.scenario(view.scenarioId).then(
        (scenario) => {
          this.scenarioSource = scenario;
          const seat = scenario.delegations.find((d) => d.id === this.delegation);
          rememberTable(this.matchId, { scenarioId: scenario.id, title: scenario.title, delegationName: seat?.name });
          this.checkReady();
          if (this.view) this.events.emit("table", this.view);
        },
        (e: unknown) => this.rejectReady(e),
      );
    }
    this.record = joinStatements(this.record, view);
    this.checkReady();
    this.events.emit("table", view);

    // The first state of the first connection is history; everything after is news.
    const fresh = this.seen.synced;
    const pending = this.pending;
    this.pending = { moves: [], statements: [], news: [] };
    if (pending.phase && (pending.phase[0] !== pending.phase[1] || !previous)) {
      this.events.emit("phase", { phase: pending.phase[1], previous: previous?.phase ?? null });
    }
    if (pending.turn && pending.turn[0] !== pending.turn[1]) this.events.emit("turn", { turn: pending.turn[1], previous: pending.turn[0] });
    for (let i = this.seen.moves; i < view.moves.length; i++) {
      this.events.emit("move", { move: view.moves[i]!, index: i, fresh });
    }
    this.seen.moves = Math.max(this.seen.moves, view.moves.length);
    for (const statement of view.statements) {
      if (this.seen.statements.has(statement.id)) continue;
      this.seen.statements.add(statement.id);
      this.events.emit("statement", { statement, fresh });
    }
    for (const news of view.news) {
      if (this.seen.news.has(news.id)) continue;
      this.seen.news.add(news.id);
      this.events.emit("news", { news, fresh });
    }
    this.seen.synced = true;
  }

  /** Every public statement this connection holds, oldest first (see `earlierStatements` for those not loaded). */
  statements(): readonly StatementView[] {
    return this.record.statements;
  }

  /** How many earlier public statements are not loaded yet (`loadEarlierStatements` pages them in). */
  earlierStatements(): number {
    return this.record.from;
  }

  /** Page in up to `limit` (≤ 100) earlier public statements; emits `table` when they have come. */
  async loadEarlierStatements(limit = 50): Promise<Result> {
    const before = this.record.from;
    if (before === 0) return { ok: true, version: this.view?.version ?? 0 };
    const answer = await this.call<StatementsPage>("statements", { before, limit });
    if (!answer.ok) return answer;
    const page = answer.reply;
    // Only what joins on (another page may have come meanwhile).
    const record = prependStatements(this.record, page);
    if (record !== this.record) {
      this.record = record;
      if (this.view) this.events.emit("table", this.view);
    }
    return { ok: true, version: page.version };
  }

  private onWelcome(welcome: Welcome): void {
    this.welcome = welcome;
    if (typeof welcome.serverTime === "number") this.clockOffset = welcome.serverTime - Date.now();
    this.matchId = welcome.matchId;
    rememberTable(welcome.matchId, {
      seatToken: welcome.seatToken,
      facilitatorToken: welcome.facilitatorToken,
      joinCode: welcome.joinCode,
      delegation: welcome.role.delegation ?? undefined,
      createdAt: welcome.facilitatorToken ? new Date().toISOString() : undefined,
    });
    this.checkReady();
    this.events.emit("welcome", welcome);
  }

  /** Only what an action changed: applied to the last snapshot (which always comes first: on join, on reconnection). */
  private onSeatUpdate(update: SeatUpdate): void {
    if (this.seat === null) {
      // Cannot happen in order; if it did, ask for the whole seat again.
      void this.room?.request("sync", {}).catch(() => undefined);
      return;
    }
    this.onSeat(applySeatUpdate(this.seat, update));
  }

  private onSeat(seat: SeatSnapshot): void {
    const fresh = this.seat !== null;
    this.seat = seat;
    for (const message of seat.messages) {
      if (this.seen.messages.has(message.id)) continue;
      this.seen.messages.add(message.id);
      this.events.emit("privateMessage", { message, fresh });
    }
    for (const e of seat.events) {
      if (e.type === "profile_changed" && e.note) this.events.emit("profileChanged", { injectId: e.injectId, note: e.note });
    }
    this.events.emit("seat", seat);
  }

  // ---- who I am ---------------------------------------------------------------------------

  get delegation(): string | null {
    return this.welcome?.role.delegation ?? null;
  }

  get isFacilitator(): boolean {
    return this.welcome?.role.facilitator ?? false;
  }

  get isObserver(): boolean {
    return this.welcome?.role.observer ?? true;
  }

  get joinCode(): string | null {
    return this.welcome?.joinCode ?? storedTable(this.matchId)?.joinCode ?? null;
  }

  legal(): LegalMoves {
    return legalMoves(this.view, this.delegation, this.seat?.me?.profile);
  }

  // ---- intents -----------------------------------------------------------------------------

  private async request(type: string, payload: Record<string, unknown>): Promise<Result> {
    const answer = await this.call<ActionReply>(type, payload);
    return answer.ok ? { ok: true, version: answer.reply.version } : answer;
  }

  /** A request and its whole reply, or the refusal (also emitted as `refusal`). */
  private async call<T>(type: string, payload: Record<string, unknown>): Promise<{ ok: true; reply: T } | { ok: false; code: string; message: string }> {
    const room = this.room;
    if (!room) {
      const refusal = { ok: false as const, code: "offline", message: "Not connected to the table right now; try again in a moment." };
      this.events.emit("refusal", { type, code: refusal.code, message: refusal.message });
      return refusal;
    }
    try {
      return { ok: true, reply: (await room.request(type, payload, { timeout: 20_000 })) as T };
    } catch (e) {
      const reason = (e as { reason?: RequestRefusal }).reason;
      const refusal = reason
        ? { ok: false as const, code: reason.code, message: reason.message }
        : { ok: false as const, code: "offline", message: "The move did not reach the server; check your connection." };
      this.events.emit("refusal", { type, code: refusal.code, message: refusal.message });
      return refusal;
    }
  }

  /** A game action: a fresh request id and the version this seat has seen. */
  private act(type: string, extra: Record<string, unknown> = {}): Promise<Result> {
    return this.request(type, { requestId: newRequestId(), version: this.view?.version ?? 0, ...extra });
  }

  propose(pkg: Package): Promise<Result> {
    return this.act("propose", { package: pkg });
  }
  counter(pkg: Package): Promise<Result> {
    return this.act("counter", { package: pkg });
  }
  accept(): Promise<Result> {
    return this.act("accept");
  }
  reject(): Promise<Result> {
    return this.act("reject");
  }
  walkAway(): Promise<Result> {
    return this.act("walk_away");
  }
  pass(): Promise<Result> {
    return this.act("pass");
  }
  vote(accept: boolean): Promise<Result> {
    return this.act("vote", { accept });
  }
  say(channel: "public" | "private" | "team", text: string, to?: string): Promise<Result> {
    if (channel === "public") return this.act("statement", { text });
    if (channel === "team") return this.act("team_note", { text });
    return this.act("private_message", { to, text });
  }

  // The facilitator's controls.
  start(): Promise<Result> {
    return this.act("start");
  }
  pause(): Promise<Result> {
    return this.act("pause");
  }
  resume(): Promise<Result> {
    return this.act("resume");
  }
  end(): Promise<Result> {
    return this.act("end");
  }
  extend(rounds: number): Promise<Result> {
    return this.act("extend", { rounds });
  }
  fireInject(injectId: string): Promise<Result> {
    return this.act("fire_inject", { injectId });
  }
  forceTimeout(): Promise<Result> {
    return this.act("timeout");
  }
  setControl(delegation: string, control: "people" | "bot", strategy?: BotChoice): Promise<Result> {
    return this.request("set_control", strategy ? { delegation, control, strategy } : { delegation, control });
  }

  // ---- the end -----------------------------------------------------------------------------

  /** Leave the table for good (the seat token stays stored: the seat can be taken back). */
  async leave(): Promise<void> {
    this.leaving = true;
    const room = this.room;
    this.dispose();
    if (room) await room.leave(true).catch(() => undefined);
  }

  private dispose(): void {
    window.removeEventListener("online", this.onlineHandler);
    this.detach();
    this.setState("closed");
    this.events.clear();
  }
}
