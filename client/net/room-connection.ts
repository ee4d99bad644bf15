// What a table's and a class's connections share: one SDK client and its room, attached with the
// handlers of the kind of room; a dropped socket ridden out by the SDK ("reconnecting…"), then a
// fresh join with the tokens this browser keeps, with back-off, until the server refuses for good
// ("lost"); refusals named by the server's codes (refusal.ts); requests answered or refused as
// values; and a `ready()` that resolves once the room's first messages are in, or rejects.
import { Client, type Room } from "@colyseus/sdk";
import { connectError, ConnectError, requestRefusal, type RefusalTable } from "./refusal.ts";
import { offlineText } from "./refusals.ts";
import { rejoinLoop } from "./rejoin.ts";
import { serverOrigin } from "./server.ts";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "lost" | "closed";

/** A request's whole reply, or the server's refusal (`offline` when no answer came). */
export type Answer<R> = { ok: true; reply: R } | { ok: false; code: string; message: string };

/** How long a request waits for its answer, and a connection for its first messages. */
export const REQUEST_TIMEOUT_MS = 20_000;
export const READY_TIMEOUT_MS = 30_000;

/** The sentences a connection shows when a request cannot be answered. */
export interface RequestTexts {
  /** No room right now (between a drop and the rejoin). */
  notConnected: string;
  /** The request left but no answer came (null: the SDK's own words). */
  notDelivered: string | null;
}

export abstract class RoomConnection<State> {
  state: ConnectionState = "connecting";
  protected readonly sdk = new Client(serverOrigin());
  protected room: Room<unknown, State> | null = null;
  /** Set once the connection is being closed on purpose: no rejoin after that. */
  protected leaving = false;
  private unbind: (() => void)[] = [];
  private rejoining = false;
  private readyState: "waiting" | "ready" | "failed" = "waiting";
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;
  private rejectReady!: (e: unknown) => void;
  private readyTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly onlineHandler = () => {
    if (this.state === "lost") void this.rejoin();
  };

  /** The room's id (`matchId`, `sessionId`). */
  protected abstract get roomId(): string;
  /** How this kind of room's refusals read. */
  protected abstract readonly refusals: RefusalTable;
  protected abstract readonly requestTexts: RequestTexts;
  /** Bind this kind of room's messages; returns the functions that unbind them. */
  protected abstract bind(room: Room<unknown, State>): (() => void)[];
  /** Whether everything `ready()` waits for has arrived. */
  protected abstract arrived(): boolean;
  /** A fresh join with the tokens this browser keeps, or null when it holds none. */
  protected abstract joinAgain(): Promise<Room<unknown, State>> | null;
  /** The connection's state changed (the subclass tells its screens). */
  protected abstract connectionChanged(state: ConnectionState): void;
  /** A rejoin was refused for good: tell the person why. */
  protected abstract refusedForGood(err: ConnectError): void;

  protected constructor() {
    this.readyPromise = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // Only marks the refusal as seen here: ready() hands the same promise, and its refusal, to whoever awaits it.
    this.readyPromise.catch(() => undefined);
    window.addEventListener("online", this.onlineHandler);
  }

  // ---- opening -----------------------------------------------------------------------------

  /** Connect (create or join), attach, and wait for the room's first messages; a failure is a `ConnectError`. */
  protected async connect(connect: () => Promise<Room<unknown, State>>): Promise<void> {
    try {
      this.attach(await connect());
      if (this.readyState === "waiting") this.readyTimer = setTimeout(() => this.failReady(new ConnectError("offline", offlineText())), READY_TIMEOUT_MS);
      await this.ready();
    } catch (e) {
      this.dispose();
      throw connectError(e, this.refusals);
    }
  }

  /** Resolves once the room's first messages have arrived; rejects if the connection failed first. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  /** Call when something `ready()` waits for has arrived. */
  protected checkReady(): void {
    if (this.readyState !== "waiting" || !this.arrived()) return;
    this.readyState = "ready";
    this.clearReadyTimer();
    this.resolveReady();
  }

  protected failReady(e: unknown): void {
    if (this.readyState !== "waiting") return;
    this.readyState = "failed";
    this.clearReadyTimer();
    this.rejectReady(e);
  }

  private clearReadyTimer(): void {
    if (this.readyTimer !== null) clearTimeout(this.readyTimer);
    this.readyTimer = null;
  }

  // ---- the room ----------------------------------------------------------------------------

  private attach(room: Room<unknown, State>): void {
    this.detach();
    this.room = room;
    room.reconnection.maxRetries = 12;
    room.reconnection.maxDelay = 4000;
    // Short sessions deserve a reconnection too (the default waits 5 s of uptime).
    room.reconnection.minUptime = 0;
    this.setState("connected");
    this.unbind.push(...this.bind(room));

    const onDrop = () => this.setState("reconnecting");
    const onReconnect = () => {
      this.setState("connected");
      // The server resends what it sends on joining; ask again in case a frame was lost.
      this.resync();
    };
    const onLeave = (code: number, reason?: string) => {
      if (this.leaving) return;
      // Gone before the first messages: opening failed (the caller hears it from `ready()`).
      if (this.readyState === "waiting") return this.failReady({ code, message: reason ?? "" });
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
      } catch (e) {
        // The room already let go of it.
        console.debug("unbinding a room handler failed", e);
      }
    }
    this.room = null;
  }

  protected setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.connectionChanged(state);
  }

  /** The SDK gave up reconnecting (or the server restarted): fresh joins with the stored tokens, backing off, until one is taken or refused for good. */
  async rejoin(): Promise<void> {
    if (this.rejoining || this.leaving || !this.roomId) return;
    this.rejoining = true;
    this.setState("reconnecting");
    try {
      const outcome = await rejoinLoop({
        join: () => this.joinAgain(),
        classify: (e) => connectError(e, this.refusals),
        stopped: () => this.leaving,
        wait: (ms) => new Promise((r) => setTimeout(r, ms)),
        discard: (room) => void room.leave(true).catch((e: unknown) => console.debug("leaving the room failed", e)),
      });
      if (outcome.kind === "joined") this.attach(outcome.room);
      else if (outcome.kind === "refused") {
        this.setState("lost");
        this.refusedForGood(outcome.error);
      } else if (outcome.kind === "gave_up") this.setState("lost");
    } finally {
      this.rejoining = false;
    }
  }

  // ---- requests ----------------------------------------------------------------------------

  /** A request and its whole reply, or the refusal. */
  protected async call<R>(type: string, payload: object): Promise<Answer<R>> {
    const room = this.room;
    if (!room) return { ok: false, code: "offline", message: this.requestTexts.notConnected };
    try {
      const reply: R = await room.request(type, payload, { timeout: REQUEST_TIMEOUT_MS });
      return { ok: true, reply };
    } catch (e) {
      const reason = requestRefusal(e);
      if (reason) return { ok: false, code: reason.code, message: reason.message };
      return { ok: false, code: "offline", message: this.requestTexts.notDelivered ?? (e instanceof Error ? e.message : String(e)) };
    }
  }

  /** Ask the room to send what it sends on joining again (`sync`, the same request in both rooms). */
  protected resync(): void {
    void this.call("sync", {}).then((answer) => {
      if (!answer.ok) console.warn(`sync refused: ${answer.code}: ${answer.message}`);
    });
  }

  // ---- the end -----------------------------------------------------------------------------

  /** Leave the room for good (the tokens stay stored: the place can be taken back). */
  async leave(): Promise<void> {
    this.leaving = true;
    const room = this.room;
    this.dispose();
    if (room) await room.leave(true).catch((e: unknown) => console.debug("leaving the room failed", e));
  }

  protected dispose(): void {
    this.leaving = true;
    this.clearReadyTimer();
    window.removeEventListener("online", this.onlineHandler);
    this.detach();
    this.setState("closed");
  }
}
