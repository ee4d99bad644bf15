// A table master for unit tests, without sockets: the real master, store (SQLite in a temp
// folder), scenario catalog and rules; fake time (FakeTimers: nothing waits); and a transport that
// records what would leave for each connection, in order.
import { rmSync } from "node:fs";
import type { CreateOptionsInput, JoinOptionsInput } from "../../shared/protocol/index.ts";
import { TableState } from "../../shared/state/table.ts";
import { ScenarioCatalog } from "../../server/catalog.ts";
import type { ServerConfig } from "../../server/config.ts";
import { MatchStore } from "../../server/db/store.ts";
import type { MatchEnded } from "../../server/rooms/match-events.ts";
import { authorize, join } from "../../server/table/joining.ts";
import type { TableMaster } from "../../server/table/master.ts";
import { createTable } from "../../server/table/open.ts";
import { adopt } from "../../server/table/server-controls.ts";
import type { TableEnv, TableStore, TableTransport } from "../../server/table/ports.ts";
import { FakeTimers } from "../../server/table/timers.ts";
import { testConfig } from "../server/harness.ts";

/** One thing the table did through its transport (or its end-of-match announcement). */
export type Sent =
  | { kind: "send"; to: string; type: string; message: unknown }
  | { kind: "broadcast"; type: string; message: unknown }
  | { kind: "patch" }
  | { kind: "hold"; to: string }
  | { kind: "ended"; event: MatchEnded }
  | { kind: "close" };

export class RecordingTransport implements TableTransport {
  readonly sent: Sent[] = [];
  open = 0;
  closeWhenEmptyNow = true;

  send(to: string, type: string, message: unknown): void {
    this.sent.push({ kind: "send", to, type, message });
  }
  broadcast(type: string, message: unknown): void {
    this.sent.push({ kind: "broadcast", type, message });
  }
  broadcastPatch(): void {
    this.sent.push({ kind: "patch" });
  }
  holdFrames(to: string): void {
    this.sent.push({ kind: "hold", to });
  }
  connections(): number {
    return this.open;
  }
  closeWhenEmpty(close: boolean): void {
    this.closeWhenEmptyNow = close;
  }
  close(): void {
    this.sent.push({ kind: "close" });
  }
  /** The messages of `type` sent to `to`. */
  to(to: string, type: string): unknown[] {
    return this.sent.flatMap((s) => (s.kind === "send" && s.to === to && s.type === type ? [s.message] : []));
  }
}

export interface TestTable {
  table: TableMaster;
  timers: FakeTimers;
  transport: RecordingTransport;
  store: MatchStore;
  ended: MatchEnded[];
  /** Seat a connection (`sessionId`) with these join options, as the room's onAuth + onJoin would. */
  seat(sessionId: string, options: JoinOptionsInput): Promise<void>;
  close(): Promise<void>;
}

export interface TableOptions {
  config?: Partial<ServerConfig>;
  /** Wrap the real store (to watch or fail its writes). */
  store?: (real: MatchStore) => TableStore;
}

/** A new table of `create` options, adopted by the server (no creator awaited), with its join code. */
export async function openTable(create: CreateOptionsInput, options: TableOptions = {}): Promise<TestTable & { joinCode: string }> {
  const config = testConfig(options.config);
  const store = await MatchStore.open(config);
  const catalog = new ScenarioCatalog(config.scenariosDir);
  catalog.loadAll();
  const timers = new FakeTimers();
  const transport = new RecordingTransport();
  const ended: MatchEnded[] = [];
  const env: TableEnv = {
    config,
    store: options.store ? options.store(store) : store,
    catalog,
    timers,
    transport,
    matchEnded: (event) => {
      ended.push(event);
      transport.sent.push({ kind: "ended", event });
    },
    tablesRunning: () => 0,
  };
  const table = await createTable(env, new TableState(), create);
  const adopted = await adopt(table);
  if (!adopted) throw new Error("the new table was not adoptable");
  return {
    table,
    timers,
    transport,
    store,
    ended,
    joinCode: adopted.joinCode,
    async seat(sessionId, joinOptions) {
      const identity = await authorize(table, joinOptions, false);
      transport.open++;
      await join(table, sessionId, identity);
    },
    async close() {
      table.dispose();
      await store.close();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
