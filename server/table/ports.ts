// What the table master is handed (boardgame.io's master is handed its transport and storage the
// same way): a transport for what leaves for the connections, a store for what is kept, the
// clock's timers, and where the end of a match is announced. The Colyseus room implements the
// transport; tests hand in their own.
import type { ServerConfig } from "../config.ts";
import type { ScenarioCatalog } from "../catalog.ts";
import type { MatchStore } from "../db/store.ts";
import type { MatchEnded } from "../rooms/match-events.ts";
import type { Timers } from "./timers.ts";
import type { TableStep } from "../notify/news.ts";

/** Sends to the table's connections, each named by its session id. */
export interface TableTransport {
  send(sessionId: string, type: string, message: unknown): void;
  broadcast(type: string, message: unknown): void;
  /** Send the synced state's pending changes now. */
  broadcastPatch(): void;
  /** Hold this connection's outgoing frames until the current microtasks have run (one write, see holdFrames). */
  holdFrames(sessionId: string): void;
  /** Connections open now (dropped ones inside their reconnection window excluded). */
  connections(): number;
  /** Close the room once its last connection leaves (`true`), or keep it open while empty. */
  closeWhenEmpty(close: boolean): void;
  /** Close the room now. */
  close(): void;
}

/** The part of the match store a table writes and reads. */
export type TableStore = Pick<
  MatchStore,
  "insertMatch" | "updateMatch" | "joinCodeTaken" | "loadMatch" | "appendEvent" | "personSeat" | "insertSeat" | "updateSeat"
>;

export interface TableEnv {
  config: ServerConfig;
  store: TableStore;
  catalog: ScenarioCatalog;
  timers: Timers;
  transport: TableTransport;
  /** Announce a table's end to the rest of the server (tournaments, classes). */
  matchEnded(event: MatchEnded): void;
  /** Tables this process runs now (against `maxMatches`). */
  tablesRunning(): number;
  /** Where the table hands what its absent people should hear about (server/notify/); none: nobody is told. */
  notifier?: TableNotifier;
  /** People's personal links (server/people/): the seat a link holds at this table; none: joins by link are refused. */
  people?: PersonLinks;
}

/** What a table asks of people's personal links: the seat a link (by its secret's hash) holds at a match. */
export interface PersonLinks {
  seatForLink(linkHash: string, matchId: string): Promise<{ personId: string; seatTokenHash: string } | null>;
}

/** Takes a step's news for the people who are away (e-mail, Web Push): it only queues, never waits, never throws. */
export interface TableNotifier {
  tableStep(step: TableStep): void;
}

/** A join or a create the table refuses: the protocol's status code and `name: message`. */
export class TableRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "TableRefusal";
  }
}
