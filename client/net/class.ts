// One person's place in a class session: the SDK connection to the `class` room (the only code
// that touches it), the tokens kept in localStorage so a reload comes back as the same student or
// facilitator, and the facilitator's exports over HTTP. Screens subscribe to its events. The room,
// the rejoin with back-off and the refusals are RoomConnection's (room-connection.ts), as for a table.
import { withHostKey } from "./host-key.ts";
import type { Room } from "@colyseus/sdk";
import {
  CLASS_JOIN_ERRORS,
  CLASS_REFUSAL_CODES,
  CLASS_MESSAGE,
  type ClassDashboard,
  type ClassDebrief,
  type ClassJoinOptions,
  type ClassRefusal,
  type ClassRequestPayload,
  type ClassRequestType,
  type ClassSeat,
  type ClassSnapshot,
  type ClassWelcome,
} from "../../shared/classroom/protocol.ts";
import type { ClassOptionsInput } from "../../shared/classroom/session.ts";
import { ApiError, langQuery } from "./api.ts";
import { CLASS_SENTENCES, classText, classUnreachableText, apiRefusalText, notJoinedText, offlineText } from "./refusals.ts";
import { Emitter } from "./emitter.ts";
import { rememberClass, storedClass } from "./class-storage.ts";
import { personalLink } from "./storage.ts";
import type { ConnectError, RefusalTable } from "./refusal.ts";
import { RoomConnection, type ConnectionState, type RequestTexts } from "./room-connection.ts";
import { serverOrigin } from "./server.ts";

export { storedClass, storedClasses } from "./class-storage.ts";

export interface ClassEvents extends Record<string, unknown> {
  welcome: ClassWelcome;
  state: ClassSnapshot;
  seat: ClassSeat;
  dashboard: ClassDashboard;
  debrief: ClassDebrief;
  notice: { code: string; message: string };
  connection: ConnectionState;
}

/** A class request's answer: done, or the room's refusal (`offline` when no answer came). */
export type ClassResult = { ok: true } | { ok: false; code: ClassRefusal["code"] | "offline"; message: string };

/** The class room's refusals: the join codes of `CLASS_JOIN_ERRORS`, a sentence per name; other names show the server's words. */
const CLASS_REFUSALS: RefusalTable = {
  joinCodes: CLASS_JOIN_ERRORS,
  // The sentences and the fallback in the reader's language at the moment they are shown.
  sentences: CLASS_SENTENCES,
  get fallback() {
    return classUnreachableText(true);
  },
};

function isClassRefusalCode(code: string): code is ClassRefusal["code"] {
  return (CLASS_REFUSAL_CODES as readonly string[]).includes(code);
}

let current: ClassConnection | null = null;

/** The class connection kept while the student moves between the class and their table. */
export function currentClass(sessionId: string): ClassConnection | null {
  return current && current.sessionId === sessionId ? current : null;
}

export class ClassConnection extends RoomConnection<unknown> {
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
  protected readonly refusals = CLASS_REFUSALS;
  protected readonly requestTexts: RequestTexts = {
    get notConnected() {
      return classUnreachableText(false);
    },
    notDelivered: null,
  };

  private constructor() {
    super();
  }

  protected get roomId(): string {
    return this.sessionId;
  }

  /** Create a class session: you are its facilitator. */
  static async create(options: ClassOptionsInput): Promise<ClassConnection> {
    const conn = new ClassConnection();
    await conn.connect(() => conn.sdk.create("class", withHostKey(options)));
    return conn;
  }

  /** Join with the class code and a display name (a student's first visit). */
  static async joinWithCode(code: string, name: string): Promise<ClassConnection> {
    const found = await lookUpClass(code);
    const known = storedClass(found.sessionId);
    if (known?.studentToken || known?.facilitatorToken) return ClassConnection.resume(found.sessionId);
    return ClassConnection.open(found.sessionId, { code: found.code, name, ...ClassConnection.linkOptions() });
  }

  /** Back to a class this browser holds a pass for. */
  static async resume(sessionId: string): Promise<ClassConnection> {
    const live = currentClass(sessionId);
    if (live) return live;
    const options = ClassConnection.storedOptions(sessionId) ?? ClassConnection.linkOptions();
    if (!options) throw new Error(notJoinedText());
    return ClassConnection.open(sessionId, options);
  }

  static canResume(sessionId: string): boolean {
    return ClassConnection.storedOptions(sessionId) !== null;
  }

  /** The pass this browser keeps for the class: the facilitator's token, else the student's; null without one. */
  private static storedOptions(sessionId: string): ClassJoinOptions | null {
    const known = storedClass(sessionId);
    if (known?.facilitatorToken) return { facilitatorToken: known.facilitatorToken };
    if (known?.studentToken) return { studentToken: known.studentToken, ...ClassConnection.linkOptions() };
    return null;
  }

  /** The personal link this browser holds, if any (PROTOCOL §11, §12): it records the student with the person, or rejoins as them. */
  private static linkOptions(): { personToken: string } | null {
    const link = personalLink();
    return link ? { personToken: link } : null;
  }

  private static async open(sessionId: string, options: ClassJoinOptions): Promise<ClassConnection> {
    const conn = new ClassConnection();
    await conn.connect(() => conn.sdk.joinById(sessionId, options));
    if (options.name) rememberClass(sessionId, { name: options.name, code: options.code });
    return conn;
  }

  /** Ready once the welcome and the class have arrived. */
  protected arrived(): boolean {
    return Boolean(this.welcome && this.snapshot);
  }

  protected joinAgain(): Promise<Room<unknown, unknown>> | null {
    const options = ClassConnection.storedOptions(this.sessionId) ?? ClassConnection.linkOptions();
    return options ? this.sdk.joinById(this.sessionId, options) : null;
  }

  protected connectionChanged(state: ConnectionState): void {
    if ((state === "lost" || state === "closed") && current === this) current = null;
    this.events.emit("connection", state);
  }

  protected refusedForGood(err: ConnectError): void {
    this.events.emit("notice", { code: err.code, message: err.message });
  }

  protected bind(room: Room<unknown, unknown>): (() => void)[] {
    this.sessionId = room.roomId;
    if (current && current !== this) void current.leave();
    current = this;
    return [
      room.onMessage(CLASS_MESSAGE.welcome, (w: ClassWelcome) => {
        this.welcome = w;
        this.clockOffsetMs = w.serverTime - Date.now();
        rememberClass(w.sessionId, { code: w.code, studentToken: w.studentToken, facilitatorToken: w.facilitatorToken });
        this.checkReady();
        this.events.emit("welcome", w);
      }),
      room.onMessage(CLASS_MESSAGE.state, (s: ClassSnapshot) => {
        this.snapshot = s;
        this.checkReady();
        this.events.emit("state", s);
      }),
      room.onMessage(CLASS_MESSAGE.seat, (s: ClassSeat) => {
        this.seat = s;
        this.events.emit("seat", s);
      }),
      room.onMessage(CLASS_MESSAGE.dashboard, (d: ClassDashboard) => {
        this.dashboard = d;
        this.events.emit("dashboard", d);
      }),
      room.onMessage(CLASS_MESSAGE.debrief, (d: ClassDebrief) => {
        this.debrief = d;
        this.events.emit("debrief", d);
      }),
      room.onMessage(CLASS_MESSAGE.notice, (n: { code: string; message: string }) => this.events.emit("notice", n)),
    ];
  }

  get facilitator(): boolean {
    return this.welcome?.role === "facilitator";
  }

  /** The facilitator's token, kept in this browser: it alone reads the class tables' full records. */
  get facilitatorToken(): string | undefined {
    return storedClass(this.sessionId)?.facilitatorToken;
  }

  /** A class request; the refusal comes back as `{ ok: false, code, message }`. */
  async request<T extends ClassRequestType>(type: T, payload: ClassRequestPayload<T>): Promise<ClassResult> {
    const answer = await this.call<unknown>(type, payload);
    if (answer.ok) return { ok: true };
    return { ok: false, code: isClassRefusalCode(answer.code) ? answer.code : "offline", message: answer.message };
  }

  /** The facilitator's export (`students.csv` or `transcripts.md`), as text. */
  async exportText(file: "students.csv" | "transcripts.md"): Promise<string> {
    const token = storedClass(this.sessionId)?.facilitatorToken;
    const res = await fetch(`${serverOrigin()}/api/classes/${encodeURIComponent(this.sessionId)}/${file}${langQuery()}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
      throw new ApiError(res.status, body?.error?.code ?? "http_error", apiRefusalText(res.status, body?.error?.code, body?.error?.message));
    }
    return res.text();
  }
}

/** A class code → the session's id (404 `bad_code` when no open class has it). */
export async function lookUpClass(code: string): Promise<{ sessionId: string; code: string }> {
  let res: Response;
  try {
    res = await fetch(`${serverOrigin()}/api/classes/join/${encodeURIComponent(code.replace(/[\s-]/g, ""))}`);
  } catch {
    throw new ApiError(0, "offline", offlineText());
  }
  const body = (await res.json().catch(() => null)) as { sessionId?: string; code?: string; error?: { code: string; message: string } } | null;
  if (!res.ok) {
    const message = body?.error?.code === "bad_code" ? classText("bad_code", "") : apiRefusalText(res.status, body?.error?.code, body?.error?.message);
    throw new ApiError(res.status, body?.error?.code ?? "http_error", message);
  }
  return { sessionId: body!.sessionId!, code: body!.code! };
}
