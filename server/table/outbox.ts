// What one committed step publishes, gathered while the step runs and sent once it has been
// written (the outbox): nothing leaves for a connection, and no end of match is announced, before
// the step's action is in the log. `flush` sends it in the order it was put in.
import type { MatchEnded } from "../rooms/match-events.ts";
import type { TableTransport } from "./ports.ts";

type Outgoing =
  | { kind: "hold"; sessionId: string }
  | { kind: "patch" }
  | { kind: "send"; sessionId: string; type: string; message: unknown }
  | { kind: "broadcast"; type: string; message: unknown }
  | { kind: "ended"; event: MatchEnded };

export class Outbox {
  private readonly items: Outgoing[] = [];

  /** The requester's frames for this step leave together (see TableTransport.holdFrames), even if it is sent nothing but the patch. */
  hold(sessionId: string): this {
    this.items.push({ kind: "hold", sessionId });
    return this;
  }

  patch(): this {
    this.items.push({ kind: "patch" });
    return this;
  }

  send(sessionId: string, type: string, message: unknown): this {
    this.items.push({ kind: "send", sessionId, type, message });
    return this;
  }

  broadcast(type: string, message: unknown): this {
    this.items.push({ kind: "broadcast", type, message });
    return this;
  }

  ended(event: MatchEnded): this {
    this.items.push({ kind: "ended", event });
    return this;
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * Send everything, in order, and empty the outbox. Every connection this step sends a message
   * to besides the patch (the requester, the seats a private event touched) is held first, so that
   * its patch and its messages leave in one socket write (TableTransport.holdFrames).
   */
  flush(transport: TableTransport, matchEnded: (event: MatchEnded) => void): void {
    const items = this.items.splice(0);
    const held = new Set<string>();
    for (const item of items) {
      if ((item.kind === "hold" || item.kind === "send") && !held.has(item.sessionId)) {
        held.add(item.sessionId);
        transport.holdFrames(item.sessionId);
      }
    }
    for (const item of items) {
      switch (item.kind) {
        case "hold":
          break;
        case "patch":
          transport.broadcastPatch();
          break;
        case "send":
          transport.send(item.sessionId, item.type, item.message);
          break;
        case "broadcast":
          transport.broadcast(item.type, item.message);
          break;
        case "ended":
          matchEnded(item.event);
          break;
      }
    }
  }
}
