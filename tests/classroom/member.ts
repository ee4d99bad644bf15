// A person in a class session for the server tests: a real SDK connection to the `class` room and
// everything the room told them (welcome, class snapshot, their table, the dashboard, notices).
import type { Room } from "@colyseus/sdk";
import { RecordingClient, type RecordingRoom } from "../server/harness.ts";
import type { ClassDashboard, ClassJoinOptions, ClassRefusal, ClassSeat, ClassSnapshot, ClassWelcome } from "../../shared/classroom/protocol.ts";
import type { ClassOptionsInput } from "../../shared/classroom/session.ts";

export class ClassMember {
  welcome: ClassWelcome | null = null;
  snapshot: ClassSnapshot | null = null;
  seat: ClassSeat | null = null;
  dashboard: ClassDashboard | null = null;
  notices: { code: string; message: string }[] = [];
  private waiters = new Set<() => void>();

  constructor(
    readonly room: Room,
    readonly label: string,
  ) {
    room.reconnection.enabled = false;
    room.onMessage("class_welcome", (m: ClassWelcome) => this.set(() => (this.welcome = m)));
    room.onMessage("class", (m: ClassSnapshot) => this.set(() => (this.snapshot = m)));
    room.onMessage("class_seat", (m: ClassSeat) => this.set(() => (this.seat = m)));
    room.onMessage("class_dashboard", (m: ClassDashboard) => this.set(() => (this.dashboard = m)));
    room.onMessage("class_notice", (m: { code: string; message: string }) => this.set(() => this.notices.push(m)));
  }

  static async create(url: string, options: ClassOptionsInput, label = "facilitator"): Promise<ClassMember> {
    const room = await new RecordingClient(url).create("class", options);
    return new ClassMember(room, label);
  }

  static async join(url: string, sessionId: string, options: ClassJoinOptions, label = "student"): Promise<ClassMember> {
    const room = await new RecordingClient(url).joinById(sessionId, options);
    return new ClassMember(room, label);
  }

  /** Every raw frame the class room sent this member, as received. */
  frames(): Uint8Array[] {
    return (this.room as unknown as RecordingRoom).frames;
  }

  private set(change: () => unknown): void {
    change();
    for (const w of [...this.waiters]) w();
  }

  /** Resolves with the first truthy value of `check`, evaluated now and after every message. */
  waitFor<T>(check: () => T | null | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = () => {
        const value = check();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.label}: timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(run);
      };
      this.waiters.add(run);
      run();
    });
  }

  /** A class request; `{ ok: true }` or the refusal, never a thrown rejection. */
  async request(type: string, payload: Record<string, unknown> = {}): Promise<{ ok: true } | ClassRefusal> {
    try {
      return (await this.room.request(type as never, payload as never)) as { ok: true };
    } catch (e) {
      const reason = (e as { reason?: ClassRefusal }).reason;
      if (reason) return reason;
      throw e;
    }
  }

  async leave(): Promise<void> {
    await this.room.leave(true).catch(() => undefined);
  }
}
