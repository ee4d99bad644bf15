// One person's place in a class session: the SDK connection to the `class` room (the only code
// that touches it), the tokens kept in localStorage so a reload comes back as the same student or
// facilitator, and the facilitator's exports over HTTP. Screens subscribe to its events.
import { needsHostKey, withHostKey } from "./host-key.ts";
import { Client, type Room } from "@colyseus/sdk";
import {
  CLASS_MESSAGE,
  type ClassDashboard,
  type ClassDebrief,
  type ClassJoinOptions,
  type ClassRefusal,
  type ClassRequestType,
  type ClassSeat,
  type ClassSnapshot,
  type ClassWelcome,
} from "../../shared/classroom/protocol.ts";
import type { ClassOptionsInput } from "../../shared/classroom/session.ts";
import { ApiError } from "./api.ts";
import { Emitter } from "./emitter.ts";
import { rememberClass, storedClass } from "./class-storage.ts";
import { serverOrigin } from "./server.ts";

export { storedClass, storedClasses } from "./class-storage.ts";

export interface ClassEvents extends Record<string, unknown> {
  welcome: ClassWelcome;
  state: ClassSnapshot;
  seat: ClassSeat;
  dashboard: ClassDashboard;
  debrief: ClassDebrief;
  notice: { code: string; message: string };
  connection: "connected" | "reconnecting" | "lost";
}

export type ClassResult = { ok: true } | ({ ok: false } & ClassRefusal);

/** A join or create refusal as one sentence (`bad_code: …` from the server). */
function connectMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/host_key_required/.test(message)) return "This server runs classes only for its host's teachers and organisers. Enter the host key (ask whoever runs this server).";
  if (/bad_code/.test(message)) return "No open class has this code. Check it with your facilitator.";
  if (/bad_token/.test(message)) return "This browser's pass for the class is no longer valid; join again with the code.";
  if (/class_closed/.test(message)) return "The facilitator has closed this class.";
  return message.replace(/^[a-z_]+: /, "") || "Could not reach the class.";
}

let current: ClassConnection | null = null;

/** The class connection kept while the student moves between the class and their table. */
export function currentClass(sessionId: string): ClassConnection | null {
  return current && current.sessionId === sessionId ? current : null;
}

export class ClassConnection {
  readonly events = new Emitter<ClassEvents>();
  sessionId = "";
  welcome: ClassWelcome | null = null;
  /** Server clock minus this browser's, measured once per welcome when it arrives (add it to Date.now() for the server's time). */
  clockOffsetMs = 0;
  snapshot: ClassSnapshot | null = null;
  seat: ClassSeat | null = null;
  dashboard: ClassDashboard | null = null;
  /** A student's class debrief (every table's outcome, their own table's reveal), once the class is in its debrief. */
  debrief: ClassDebrief | null = null;
  private room: Room | null = null;
  private readonly sdk = new Client(serverOrigin());

  private constructor() {}

  /** Create a class session: you are its facilitator. */
  static async create(options: ClassOptionsInput): Promise<ClassConnection> {
    const conn = new ClassConnection();
    try {
      conn.attach(await conn.sdk.create("class", withHostKey(options)));
    } catch (e) {
      throw Object.assign(new Error(connectMessage(e)), needsHostKey(e) ? { code: "host_key_required" } : {});
    }
    return conn.ready();
  }

  /** Join with the class code and a display name (a student's first visit). */
  static async joinWithCode(code: string, name: string): Promise<ClassConnection> {
    const found = await lookUpClass(code);
    const known = storedClass(found.sessionId);
    if (known?.studentToken || known?.facilitatorToken) return ClassConnection.resume(found.sessionId);
    return ClassConnection.open(found.sessionId, { code: found.code, name });
  }

  /** Back to a class this browser holds a pass for. */
  static async resume(sessionId: string): Promise<ClassConnection> {
    const live = currentClass(sessionId);
    if (live) return live;
    const known = storedClass(sessionId);
    if (!known?.studentToken && !known?.facilitatorToken) throw new Error("This browser has not joined this class; join with the class code from the home screen.");
    const options: ClassJoinOptions = known.facilitatorToken ? { facilitatorToken: known.facilitatorToken } : { studentToken: known.studentToken! };
    return ClassConnection.open(sessionId, options);
  }

  static canResume(sessionId: string): boolean {
    const known = storedClass(sessionId);
    return Boolean(known?.studentToken || known?.facilitatorToken);
  }

  private static async open(sessionId: string, options: ClassJoinOptions): Promise<ClassConnection> {
    const conn = new ClassConnection();
    try {
      conn.attach(await conn.sdk.joinById(sessionId, options));
    } catch (e) {
      throw new Error(connectMessage(e));
    }
    if (options.name) rememberClass(sessionId, { name: options.name, code: options.code });
    return conn.ready();
  }

  private ready(): Promise<ClassConnection> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.welcome && this.snapshot) {
          off1();
          off2();
          resolve(this);
        }
      };
      const off1 = this.events.on("welcome", check);
      const off2 = this.events.on("state", check);
      check();
    });
  }

  private attach(room: Room): void {
    this.room = room;
    this.sessionId = room.roomId;
    if (current && current !== this) void current.leave();
    current = this;
    room.reconnection.minUptime = 0;
    room.onMessage(CLASS_MESSAGE.welcome, (w: ClassWelcome) => {
      this.welcome = w;
      this.clockOffsetMs = w.serverTime - Date.now();
      rememberClass(w.sessionId, { code: w.code, studentToken: w.studentToken, facilitatorToken: w.facilitatorToken });
      this.events.emit("welcome", w);
    });
    room.onMessage(CLASS_MESSAGE.state, (s: ClassSnapshot) => {
      this.snapshot = s;
      this.events.emit("state", s);
    });
    room.onMessage(CLASS_MESSAGE.seat, (s: ClassSeat) => {
      this.seat = s;
      this.events.emit("seat", s);
    });
    room.onMessage(CLASS_MESSAGE.dashboard, (d: ClassDashboard) => {
      this.dashboard = d;
      this.events.emit("dashboard", d);
    });
    room.onMessage(CLASS_MESSAGE.debrief, (d: ClassDebrief) => {
      this.debrief = d;
      this.events.emit("debrief", d);
    });
    room.onMessage(CLASS_MESSAGE.notice, (n: { code: string; message: string }) => this.events.emit("notice", n));
    room.onDrop(() => this.events.emit("connection", "reconnecting"));
    room.onReconnect(() => {
      this.events.emit("connection", "connected");
      void room.request("sync", {}).catch(() => undefined);
    });
    room.onLeave(() => {
      if (current === this) current = null;
      this.events.emit("connection", "lost");
    });
  }

  get facilitator(): boolean {
    return this.welcome?.role === "facilitator";
  }

  /** The facilitator's token, kept in this browser: it alone reads the class tables' full records. */
  get facilitatorToken(): string | undefined {
    return storedClass(this.sessionId)?.facilitatorToken;
  }

  /** A class request; the refusal comes back as `{ ok: false, code, message }`. */
  async request(type: ClassRequestType, payload: Record<string, unknown> = {}): Promise<ClassResult> {
    if (!this.room) return { ok: false, code: "forbidden", message: "not connected to the class" };
    try {
      await this.room.request(type as never, payload as never);
      return { ok: true };
    } catch (e) {
      const reason = (e as { reason?: ClassRefusal }).reason;
      return { ok: false, ...(reason ?? { code: "bad_request", message: (e as Error).message }) } as ClassResult;
    }
  }

  /** The facilitator's export (`students.csv` or `transcripts.md`), as text. */
  async exportText(file: "students.csv" | "transcripts.md"): Promise<string> {
    const token = storedClass(this.sessionId)?.facilitatorToken;
    const res = await fetch(`${serverOrigin()}/api/classes/${encodeURIComponent(this.sessionId)}/${file}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
      throw new ApiError(res.status, body?.error?.code ?? "http_error", body?.error?.message ?? `The server answered ${res.status}.`);
    }
    return res.text();
  }

  async leave(): Promise<void> {
    if (current === this) current = null;
    await this.room?.leave(true).catch(() => undefined);
  }
}

/** A class code → the session's id (404 `bad_code` when no open class has it). */
export async function lookUpClass(code: string): Promise<{ sessionId: string; code: string }> {
  let res: Response;
  try {
    res = await fetch(`${serverOrigin()}/api/classes/join/${encodeURIComponent(code.replace(/[\s-]/g, ""))}`);
  } catch {
    throw new ApiError(0, "offline", "The game server cannot be reached. Check your connection and try again.");
  }
  const body = (await res.json().catch(() => null)) as { sessionId?: string; code?: string; error?: { code: string; message: string } } | null;
  if (!res.ok) {
    const message = body?.error?.code === "bad_code" ? "No open class has this code. Check it with your facilitator." : (body?.error?.message ?? `The server answered ${res.status}.`);
    throw new ApiError(res.status, body?.error?.code ?? "http_error", message);
  }
  return { sessionId: body!.sessionId!, code: body!.code! };
}
