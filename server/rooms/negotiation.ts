// The `negotiation` room: one table on Colyseus. Only the hooks live here; the table itself is a
// master that does not know Colyseus (server/table/master.ts). The room hands it a transport
// (sends to a session, broadcast, patch, held frames, closing) and the server's store, and
// forwards each hook: create or restore, auth, join, drop, reconnect, leave, dispose, and every
// request message (through the shared request pipeline, server/requests/pipeline.ts).
import { type AuthContext, type Client, type MessageContext, Room, ServerError } from "@colyseus/core";
import { WebSocketClient } from "@colyseus/ws-transport";
import type { Socket } from "node:net";
import { JOIN_ERRORS, MESSAGE, REQUEST_TYPES, type FacilitatorActionType, type RequestRefusal, type RequestType } from "../../shared/protocol/index.ts";
import type { GameState } from "../../shared/rules/types.ts";
import type { TableOwnerKind } from "../db/schema.ts";
import { TableState } from "../../shared/state/table.ts";
import { context, type ServerContext } from "../context.ts";
import { log } from "../log.ts";
import { answerRequest } from "../requests/pipeline.ts";
import { checkPayloads } from "./frames.ts";
import { KeyedBuckets } from "./limits.ts";
import { connectionAddress } from "../http/address.ts";

/** New seats one address may take at a table at once, and then one every this many seconds. */
export const FRESH_SEATS_BURST = 20;
export const FRESH_SEAT_SECONDS = 10;
import { authorize, drop, join, leave, reconnect, sessionsViaLink } from "../table/joining.ts";
import type { TableMaster } from "../table/master.ts";
import { createTable, restoreTable } from "../table/open.ts";
import { TableRefusal, type TableTransport } from "../table/ports.ts";
import type { Reply } from "../table/actions.ts";
import { tableRequest } from "../table/requests.ts";
import { adopt, facilitate, issueSeat, standIn } from "../table/server-controls.ts";
import type { Identity } from "../table/seating.ts";
import { realTimers } from "../table/timers.ts";
import type { LiveMatch } from "./live.ts";
import { publishMatchEnded } from "./match-events.ts";
import { PeopleStore } from "../people/store.ts";

/** The option key under which the server hands a restore ticket to a new room. */
export const RESTORE_TICKET = "restoreTicket";

/**
 * The room's patch rate: how often Colyseus sends the synced state's pending changes on its own.
 * Each accepted action's patch is broadcast at once, and the turn timer and bot moves run on
 * timers of their own (server/table/timers.ts), so this periodic patch is only a safety net for a
 * change made without a broadcast: a coarse one will do. A 60 Hz tick per table costs a tenth of
 * a core per thousand tables for nothing; four a second still cost about 4% of a loaded server.
 */
export const PATCH_RATE_MS = 1000;

/** A join or create the table refused, as the protocol's Colyseus error (code and `name: message`). */
function asServerError(e: unknown): unknown {
  return e instanceof TableRefusal ? new ServerError(e.status, e.message) : e;
}

export class NegotiationRoom extends Room<{ state: TableState }> implements LiveMatch {
  override state = new TableState();
  override patchRate: number | null = PATCH_RATE_MS;

  private ctx!: ServerContext;
  private table!: TableMaster;
  /** Session id → its connection (replaced when it reconnects). */
  private readonly connections = new Map<string, Client>();
  /** New seats taken at this table, by client address (see onAuth). */
  private readonly freshSeats = new KeyedBuckets(FRESH_SEATS_BURST, 1 / FRESH_SEAT_SECONDS, 1_000);
  /** The session of the first seat reserved in this room: the one `create` reserves for the table's creator. */
  private creatorSession: string | null = null;
  /** The refusal for the frame being dispatched without its payload (one msgpackr cannot read: frames.ts), or null. */
  private readonly unreadablePayload = checkPayloads(this);

  get matchId(): string {
    return this.table?.matchId ?? "";
  }

  get listed(): boolean {
    return this.table?.listed ?? false;
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  override async onCreate(options: Record<string, unknown>): Promise<void> {
    this.ctx = context();
    // Colyseus's `create` reserves its creator's seat right after onCreate; note whose it is (a
    // Colyseus internal, `_reserveSeat`, like holdFramesAtJoin's: tests/server/game.test.ts covers it).
    const room = this as unknown as { _reserveSeat: (sessionId: string, ...rest: unknown[]) => unknown };
    const reserve = room._reserveSeat;
    room._reserveSeat = (sessionId: string, ...rest: unknown[]) => {
      this.creatorSession ??= sessionId;
      return reserve.call(this, sessionId, ...rest);
    };
    this.maxMessagesPerSecond = this.ctx.config.maxMessagesPerSecond;
    const ticket = typeof options?.[RESTORE_TICKET] === "string" ? options[RESTORE_TICKET] : null;
    const restoring = ticket !== null ? this.ctx.restoreTickets.get(ticket) : undefined;
    if (ticket !== null) this.ctx.restoreTickets.delete(ticket);
    const env = {
      config: this.ctx.config,
      store: this.ctx.store,
      catalog: this.ctx.catalog,
      timers: this.ctx.tableTimers ?? realTimers,
      transport: this.transport(),
      matchEnded: publishMatchEnded,
      tablesRunning: () => this.ctx.live.size,
      notifier: this.ctx.notifications?.notifier,
      people: new PeopleStore(this.ctx.store.db),
    };
    try {
      this.table = restoring !== undefined ? await restoreTable(env, this.state, restoring) : await createTable(env, this.state, options);
    } catch (e) {
      throw asServerError(e);
    }
    this.roomId = this.table.matchId;
    // Tables are found by id or join code, never by Colyseus's own matchmaking queries.
    this.setPrivate(true).catch((e: unknown) => log.error("could not make a table private", { matchId: this.matchId, error: e }));
    for (const type of REQUEST_TYPES) {
      this.onMessage(type, (client: Client, payload: unknown, ctx: MessageContext) => this.onRequest(type, client, payload, ctx));
    }
    // A `send` of an unknown type would otherwise disconnect the sender.
    this.onMessage("*", (client: Client, type: string | number) => {
      client.send(MESSAGE.notice, { code: "unknown_message", message: `${String(type)}: no such message type` });
    });
    this.ctx.live.set(this.table.matchId, this);
  }

  override onBeforeShutdown(): void {
    // Leaving clients must not hand seats to bots: the match is restored as it is on the next start.
    if (this.table) this.table.shuttingDown = true;
    super.onBeforeShutdown();
  }

  override onDispose(): void {
    if (!this.table) return;
    if (this.ctx.live.get(this.table.matchId) === this) this.ctx.live.delete(this.table.matchId);
    this.table.dispose();
  }

  // ---- joining -----------------------------------------------------------------------------

  override async onAuth(client: Client, raw: unknown, context?: AuthContext): Promise<Identity> {
    try {
      return await authorize(this.table, raw, client.sessionId === this.creatorSession, () => {
        // A fresh seat: from one address a burst, then one every FRESH_SEAT_SECONDS (a join-and-leave
        // loop would otherwise use up the table's MAX_SEATS_PER_TABLE in seconds).
        const address = connectionAddress(client, context?.headers, this.ctx.config.trustProxy);
        if (!this.freshSeats.take(address)) {
          const wait = Math.max(1, Math.ceil(this.freshSeats.retryAfter(address)));
          throw new TableRefusal(JOIN_ERRORS.rate_limited, `rate_limited: this address has taken ${FRESH_SEATS_BURST} new seats at this table in a short while; the next in ${wait} s (a seat token rejoins at any time)`);
        }
      });
    } catch (e) {
      throw asServerError(e);
    }
  }

  override async onJoin(client: Client, _options: unknown, identity: Identity): Promise<void> {
    this.connections.set(client.sessionId, client);
    await join(this.table, client.sessionId, identity);
    this.holdFramesAtJoin(client);
  }

  override onDrop(client: Client): void {
    drop(this.table, client.sessionId);
    const seconds = this.table.reconnectSeconds;
    if (seconds > 0 && !this.table.shuttingDown) {
      // Rejected when the window closes (expected): onLeave follows and handles the seat.
      this.allowReconnection(client, seconds).catch((e: unknown) => log.debug("reconnection window closed", { matchId: this.matchId, reason: e }));
    }
  }

  override onReconnect(client: Client): void {
    this.connections.set(client.sessionId, client);
    reconnect(this.table, client.sessionId);
    this.holdFramesAtJoin(client);
  }

  /**
   * The messages sent to a joining connection (welcome, seat) wait in Colyseus until the client
   * acknowledges the join, its next message; Colyseus then sends the whole state and those messages,
   * each in a write of its own. Held for that message (holdFrames), they leave in one write: two
   * system calls fewer per join, which a restart's thousand rejoins make at once (issue 16).
   */
  private holdFramesAtJoin(client: Client): void {
    if (client instanceof WebSocketClient) client.ref.prependOnceListener("message", () => this.holdFrames(client.sessionId));
  }

  override async onLeave(client: Client): Promise<void> {
    try {
      await leave(this.table, client.sessionId);
    } finally {
      this.connections.delete(client.sessionId);
    }
  }

  // ---- requests ----------------------------------------------------------------------------

  private onRequest(type: RequestType, client: Client, payload: unknown, ctx: MessageContext): Promise<unknown> {
    const unreadable = this.unreadablePayload(type);
    return answerRequest(
      { type, ctx, notice: (n) => client.send(MESSAGE.notice, n), internalMessage: `${type}: the server failed; nothing changed` },
      () => (unreadable ? Promise.resolve(unreadable) : tableRequest(this.table, client.sessionId, type, payload)),
      (e) => log.error(`${type} failed`, { matchId: this.matchId, error: e }),
    );
  }

  // ---- what the table sends, through this room ---------------------------------------------

  private transport(): TableTransport {
    return {
      send: (sessionId, type, message) => this.connections.get(sessionId)?.send(type, message),
      broadcast: (type, message) => this.broadcast(type, message),
      broadcastPatch: () => void this.broadcastPatch(),
      holdFrames: (sessionId) => this.holdFrames(sessionId),
      connections: () => this.clients.length,
      closeWhenEmpty: (close) => {
        this.autoDispose = close;
      },
      close: () => {
        this.disconnect().catch((e: unknown) => log.error("could not close a table", { matchId: this.matchId, error: e }));
      },
    };
  }

  /**
   * Hold the requester's outgoing frames until the promises of this action have settled, then send
   * them together: its patch, any seat update and the answer leave in one write instead of two or
   * three (each write is a system call, the largest cost of an action). Nothing is reordered, and
   * nothing waits past this turn of the event loop: the answer is sent in the same microtask run.
   * Other clients' patches go out at once, before the requester learns its action was accepted;
   * those the step also sends a message (a seat update) are held the same way (table/outbox.ts),
   * so their patch and message leave together, in this same turn of the event loop.
   */
  private holdFrames(sessionId: string): void {
    const client = this.connections.get(sessionId);
    // Only the WebSocket transport has a socket to hold (its `ref` is the public `ws` WebSocket).
    if (!(client instanceof WebSocketClient)) return;
    // Why the cast: `ws` keeps its net.Socket private (`_socket`) and has no cork of its own.
    const socket = (client.ref as unknown as { _socket?: Socket })._socket;
    if (!socket || socket.destroyed || typeof socket.cork !== "function") return;
    socket.cork();
    // A tick queued from a microtask runs once the microtask queue is empty, so after the answer.
    process.nextTick(() => socket.uncork());
  }

  // ---- for the HTTP API and the server (LiveMatch) -----------------------------------------

  game(): GameState {
    return this.table.game();
  }

  status(): string {
    return this.table.status;
  }

  createdAt(): string {
    return this.table.created;
  }

  seating(): { id: string; control: string; strategy: string; connected: number; members: number }[] {
    return this.state.delegations.map((d) => ({ id: d.id, control: d.control, strategy: d.strategy, connected: d.connected, members: d.members }));
  }

  adopt(owner?: TableOwnerKind): Promise<{ joinCode: string; facilitatorToken: string } | null> {
    return adopt(this.table, owner);
  }

  standIn(delegation: string): Promise<Reply> {
    return standIn(this.table, delegation);
  }

  /**
   * Callable in-process through `ctx.live` or, from another process, with
   * `matchMaker.remoteRoomCall(roomId, "facilitate", [type, payload])`.
   */
  facilitate(type: FacilitatorActionType, payload: Record<string, unknown> = {}): Promise<Reply> {
    return facilitate(this.table, type, payload);
  }

  issueSeat(delegation: string, name: string): Promise<{ seatToken: string; personId: string } | RequestRefusal> {
    return issueSeat(this.table, delegation, name);
  }

  async signOutPerson(personId: string): Promise<number> {
    const ids = sessionsViaLink(this.table, personId);
    for (const id of ids) {
      const client = this.connections.get(id);
      if (!client) continue;
      client.send(MESSAGE.notice, { code: "link_revoked", message: "link_revoked: the personal link this device came through was revoked" });
      client.leave(JOIN_ERRORS.link_revoked, "link_revoked: the personal link this device came through was revoked");
    }
    return ids.length;
  }
}
