// The rejoin's policy, as a loop that owns no socket and no clock: fresh joins with the stored
// tokens until one is taken, the server refuses for good (refusal.ts's `isTransient`), the
// connection is closed meanwhile, or the attempts run out; between two attempts a wait that
// doubles (`backoffDelay`). `RoomConnection.rejoin` runs it with the SDK and real time; the tests
// with a recorded wait (tests/client/refusal.test.ts).
import { isTransient, type ConnectError } from "./refusal.ts";

/** The rejoin's patience: this many fresh joins before the connection counts as lost. */
export const REJOIN_ATTEMPTS = 10;

/**
 * How long to wait after failed rejoin attempt `attempt` (0-based): doubling from 500 ms up to 8 s, a
 * random half of it added so a class of browsers that lost the same server do not all knock at
 * once when it comes back (`random` in [0, 1)).
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(8000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export type RejoinOutcome<T> =
  | { kind: "joined"; room: T }
  /** Refused for good: the seat is gone, the table ended and closed, the class was closed. */
  | { kind: "refused"; error: ConnectError }
  /** Out of attempts (or nothing to rejoin with); the last failure, if any. */
  | { kind: "gave_up"; error: ConnectError | null }
  /** The connection was closed on purpose meanwhile (the room is left if it came anyway). */
  | { kind: "stopped" };

export interface RejoinPlan<T> {
  /** One fresh join; null when this browser holds nothing to rejoin with. */
  join(): Promise<T> | null;
  /** A failed join, named (`connectError` with the room's refusal table). */
  classify(e: unknown): ConnectError;
  /** Whether the connection has been closed on purpose. */
  stopped(): boolean;
  wait(ms: number): Promise<void>;
  /** The room that came after all, when the connection was closed meanwhile. */
  discard(room: T): void;
  attempts?: number;
  delay?: (attempt: number) => number;
}

export async function rejoinLoop<T>(plan: RejoinPlan<T>): Promise<RejoinOutcome<T>> {
  const attempts = plan.attempts ?? REJOIN_ATTEMPTS;
  const delay = plan.delay ?? ((attempt: number) => backoffDelay(attempt));
  let last: ConnectError | null = null;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await plan.wait(delay(attempt - 1));
    if (plan.stopped()) return { kind: "stopped" };
    const joining = plan.join();
    if (!joining) return { kind: "gave_up", error: last };
    try {
      const room = await joining;
      if (plan.stopped()) {
        plan.discard(room);
        return { kind: "stopped" };
      }
      return { kind: "joined", room };
    } catch (e) {
      last = plan.classify(e);
      if (!isTransient(last.code)) return { kind: "refused", error: last };
    }
  }
  return { kind: "gave_up", error: last };
}
