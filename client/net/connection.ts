// One seat at one table: the SDK client and its room. This is the only module that touches the
// room. It turns schema changes (Callbacks.get(room)) and the server's direct messages into view
// events, sends the screens' intents as requests (`room.request`), keeps the seat token so a reload
// finds the same seat, and rides out dropped connections ("reconnecting…", then a rejoin): the
// room, the rejoin and the refusals are RoomConnection's (room-connection.ts), shared with the class.
import { withHostKey } from "./host-key.ts";
import { Callbacks, type Room } from "@colyseus/sdk";
import { JOIN_ERRORS } from "../../shared/protocol/errors.ts";
import { applySeatUpdate, MESSAGE } from "../../shared/protocol/messages.ts";
import type {
  ActionReply,
  BotChoice,
  CreateOptionsInput,
  JoinOptionsInput,
  Notice,
  RequestPayload,
  RequestType,
  SeatSnapshot,
  SeatUpdate,
  StatementsPage,
  Welcome,
} from "../../shared/protocol/index.ts";
import type { Message, PublicScenario, Reveal } from "../../shared/rules/types.ts";
import { TableState } from "../../shared/state/table.ts";
import { api, ApiError } from "./api.ts";
import { Emitter } from "./emitter.ts";
import { legalMoves, type LegalMoves } from "./legal.ts";
import { ConnectError, type RefusalTable } from "./refusal.ts";
import { CONNECT_SENTENCES, notConnectedText, notDeliveredText, refusedConnectionText } from "./refusals.ts";
import { RoomConnection, type Answer, type ConnectionState, type RequestTexts } from "./room-connection.ts";
import { personalLink, rememberTable, storedTable } from "./storage.ts";
import { scenarioText, tableText, type Translated } from "../scenario-text.ts";
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

export { ConnectError } from "./refusal.ts";
export type { ConnectionState } from "./room-connection.ts";

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

/** The table's refusals: the join codes of `JOIN_ERRORS`, a sentence per name. */
const TABLE_REFUSALS: RefusalTable = {
  joinCodes: JOIN_ERRORS,
  // The sentences (the "errors" catalog, client/net/refusals.ts) in the reader's language when shown.
  sentences: CONNECT_SENTENCES,
  get fallback() {
    return refusedConnectionText();
  },
};

let requestCounter = 0;
function newRequestId(): string {
  const random = typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID().slice(0, 13) : Math.random().toString(36).slice(2, 12);
  return `c${Date.now().toString(36)}-${++requestCounter}-${random}`;
}

type JoinPlan = { kind: "create"; options: CreateOptionsInput } | { kind: "join"; matchId: string; options: JoinOptionsInput };

/** The request types that are game actions: they carry a request id and the version this seat saw. */
export type ActionType = { [T in RequestType]: RequestPayload<T> extends { requestId: string; version: number } ? T : never }[RequestType];
/** A game action's own fields (the request id and the version are added when it is sent). */
export type ActionFields<T extends ActionType> = Omit<RequestPayload<T>, "requestId" | "version">;

export class TableConnection extends RoomConnection<TableState> {
  readonly events = new Emitter<ConnectionEvents>();
  matchId = "";
  /** The table as the server syncs it: its title and delegation names in English. */
  viewSource: TableView | null = null;
  /** The table in the reader's language (client/scenario-text.ts `tableText`): read it again after a change of language. */
  get view(): TableView | null {
    return this.viewSource ? tableText(this.viewSource, this.scenarioSource) : null;
  }
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

  protected readonly refusals = TABLE_REFUSALS;
  protected readonly requestTexts: RequestTexts = {
    get notConnected() {
      return notConnectedText();
    },
    get notDelivered() {
      return notDeliveredText();
    },
  };
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

  private constructor() {
    super();
  }

  protected get roomId(): string {
    return this.matchId;
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
    return Boolean(t && (t.seatToken || t.facilitatorToken || t.observer || (t.viaLink && personalLink())));
  }

  private static storedOptions(matchId: string): JoinOptionsInput {
    const t = storedTable(matchId);
    const options: JoinOptionsInput = {};
    if (t?.seatToken) options.seatToken = t.seatToken;
    if (t?.facilitatorToken) options.facilitatorToken = t.facilitatorToken;
    // A seat this device reached through its person's personal link (the inbox): the link is the credential.
    const link = personalLink();
    if (!options.seatToken && t?.viaLink && link) options.personToken = link;
    if (!options.seatToken && !options.facilitatorToken && !options.personToken) {
      options.role = "observer";
      if (t?.joinCode) options.code = t.joinCode;
    }
    return options;
  }

  /** Every join carries this browser's IANA time zone: a long table's quiet hours follow its movers' zones. */
  private static withZone<T extends object>(options: T): T & { timeZone?: string } {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return timeZone ? { ...options, timeZone } : options;
  }

  private static async open(plan: JoinPlan): Promise<TableConnection> {
    const conn = new TableConnection();
    await conn.connect(async () => {
      const room: Room<unknown, TableState> =
        plan.kind === "create"
          ? await conn.sdk.create("negotiation", withHostKey(TableConnection.withZone(plan.options)), TableState)
          : await conn.sdk.joinById(plan.matchId, TableConnection.withZone(plan.options), TableState);
      conn.matchId = room.roomId;
      if (plan.kind === "join" && plan.options.role === "observer") {
        rememberTable(room.roomId, { observer: true, joinCode: plan.options.code });
      }
      return room;
    });
    return conn;
  }

  /** Ready once the state, the welcome and the scenario have arrived (`ready()`). */
  protected arrived(): boolean {
    return Boolean(this.view && this.welcome && this.scenario);
  }

  protected joinAgain(): Promise<Room<unknown, TableState>> {
    return this.sdk.joinById(this.matchId, TableConnection.withZone(TableConnection.storedOptions(this.matchId)), TableState);
  }

  protected connectionChanged(state: ConnectionState): void {
    this.events.emit("connection", state);
  }

  protected refusedForGood(err: ConnectError): void {
    this.events.emit("notice", { code: err.code, message: err.message });
  }

  // ---- the room ----------------------------------------------------------------------------

  protected bind(room: Room<unknown, TableState>): (() => void)[] {
    const callbacks = Callbacks.get(room);
    const onState = (state: TableState) => this.onStatePatch(state);
    room.onStateChange(onState);
    return [
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
      () => room.onStateChange.remove(onState),
      room.onMessage(MESSAGE.welcome, (w: Welcome) => this.onWelcome(w)),
      room.onMessage(MESSAGE.seat, (s: SeatSnapshot) => this.onSeat(s)),
      room.onMessage(MESSAGE.seatUpdate, (u: SeatUpdate) => this.onSeatUpdate(u)),
      room.onMessage(MESSAGE.reveal, (r: Reveal) => {
        this.reveal = r;
        this.events.emit("reveal", r);
      }),
      room.onMessage(MESSAGE.notice, (n: Notice) => this.events.emit("notice", n)),
    ];
  }

  private onStatePatch(state: TableState): void {
    if (!state.matchId) return;
    const previous = this.viewSource;
    const view = toView(state, previous, this.clockOffset);
    this.viewSource = view;
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
        // The API's own sentence (`ApiError`: its code and a message for people).
        (e: unknown) => this.failReady(e instanceof ApiError ? new ConnectError(e.code, e.message) : e),
      );
    }
    this.record = joinStatements(this.record, view);
    this.checkReady();
    this.events.emit("table", this.view!);

    // The first state of the first connection is history; everything after is news.
    const fresh = this.seen.synced;
    const pending = this.pending;
    this.pending = { moves: [], statements: [], news: [] };
    if (pending.phase && (pending.phase[0] !== pending.phase[1] || !previous)) {
      this.events.emit("phase", { phase: pending.phase[1], previous: previous?.phase ?? null });
    }
    if (pending.turn && pending.turn[0] !== pending.turn[1]) this.events.emit("turn", { turn: pending.turn[1], previous: pending.turn[0] });
    // `index`: the move's number in the whole game (the synced list is a window of the latest).
    const movesTotal = view.movesTotal ?? view.moves.length;
    const firstKept = movesTotal - view.moves.length;
    for (let i = Math.max(this.seen.moves, firstKept); i < movesTotal; i++) {
      this.events.emit("move", { move: view.moves[i - firstKept]!, index: i, fresh });
    }
    this.seen.moves = Math.max(this.seen.moves, movesTotal);
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
    const answer = await this.ask<"statements", StatementsPage>("statements", { before, limit });
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
      this.resync();
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

  /** A request and its whole reply, or the refusal (also emitted as `refusal`). */
  private async ask<T extends RequestType, R>(type: T, payload: RequestPayload<T>): Promise<Answer<R>> {
    return this.send<R>(type, payload);
  }

  private async send<R>(type: RequestType, payload: object): Promise<Answer<R>> {
    const answer = await this.call<R>(type, payload);
    if (!answer.ok) this.events.emit("refusal", { type, code: answer.code, message: answer.message });
    return answer;
  }

  private static result(answer: Answer<ActionReply>): Result {
    return answer.ok ? { ok: true, version: answer.reply.version } : answer;
  }

  /** A request that is not a game action (`set_control`, `reassign`), answered with the table's version. */
  private async request<T extends RequestType>(type: T, payload: RequestPayload<T>): Promise<Result> {
    return TableConnection.result(await this.ask<T, ActionReply>(type, payload));
  }

  /** A game action: its own fields, with a fresh request id and the version this seat has seen. */
  private async act<T extends ActionType>(type: T, fields: ActionFields<T>): Promise<Result> {
    return TableConnection.result(await this.send<ActionReply>(type, { ...fields, requestId: newRequestId(), version: this.view?.version ?? 0 }));
  }

  propose(pkg: Package): Promise<Result> {
    return this.act("propose", { package: pkg });
  }
  counter(pkg: Package): Promise<Result> {
    return this.act("counter", { package: pkg });
  }
  accept(): Promise<Result> {
    return this.act("accept", {});
  }
  reject(): Promise<Result> {
    return this.act("reject", {});
  }
  walkAway(): Promise<Result> {
    return this.act("walk_away", {});
  }
  pass(): Promise<Result> {
    return this.act("pass", {});
  }
  vote(accept: boolean): Promise<Result> {
    return this.act("vote", { accept });
  }
  say(channel: "public" | "private" | "team", text: string, to?: string): Promise<Result> {
    if (channel === "public") return this.act("statement", { text });
    if (channel === "team") return this.act("team_note", { text });
    // Without a recipient the server refuses it (bad_request naming 'to'), as it always did.
    return this.act("private_message", { to: to ?? "", text });
  }

  // The facilitator's controls.
  start(): Promise<Result> {
    return this.act("start", {});
  }
  pause(): Promise<Result> {
    return this.act("pause", {});
  }
  resume(): Promise<Result> {
    return this.act("resume", {});
  }
  end(): Promise<Result> {
    return this.act("end", {});
  }
  extend(rounds: number): Promise<Result> {
    return this.act("extend", { rounds });
  }
  fireInject(injectId: string): Promise<Result> {
    return this.act("fire_inject", { injectId });
  }
  forceTimeout(): Promise<Result> {
    return this.act("timeout", {});
  }
  setControl(delegation: string, control: "people" | "bot", strategy?: BotChoice): Promise<Result> {
    return this.request("set_control", strategy ? { delegation, control, strategy } : { delegation, control });
  }

  // ---- the end -----------------------------------------------------------------------------

  protected override dispose(): void {
    super.dispose();
    this.events.clear();
  }
}
