// What every room and route of this process shares: the configuration, the store, the scenarios,
// the tables in memory and the way to reach any table, the cluster services. `startGameServer`
// (app.ts) builds it once and hands it on: the routes, the director and the class room type take it
// explicitly. Colyseus builds rooms itself (no constructor arguments, and create options travel
// through Redis as data), so the class room gets it through a subclass bound in app.ts
// (`classRoomType`); the negotiation room still reads it from `context()` below, one game server
// per process.
import type { ServerConfig } from "./config.ts";
import type { ScenarioCatalog } from "./catalog.ts";
import type { MatchStore } from "./db/store.ts";
import type { Quotas } from "./http/quotas.ts";
import type { LiveMatch } from "./rooms/live.ts";
import type { TableAccess } from "./tables.ts";
import type { Notifications } from "./notify/setup.ts";
import type { Timers } from "./table/timers.ts";

/**
 * What the rest of the server asks of the processes' shared services (cluster.ts `Cluster`),
 * declared here so the context does not import the cluster (which imports the rooms).
 */
export interface ClusterServices {
  readonly kind: "local" | "redis";
  /** The address clients must use to reach this process's WebSockets (empty: the one they asked). */
  readonly publicAddress: string;
  readonly isDraining: boolean;
  /** Answer other processes' requests for this process's listed tables. */
  serveListing<T>(local: () => T[]): Promise<void>;
  /** The listed tables of every process that answers in time (this one's at least). */
  gatherListings<T>(local: () => T[]): Promise<T[]>;
  /** A real round trip to Redis, when configured (null without it). */
  checkPresence(): Promise<{ ok: boolean; ms: number; error?: string } | null>;
}

export interface ServerContext {
  config: ServerConfig;
  store: MatchStore;
  catalog: ScenarioCatalog;
  /** Match id → the room running it. */
  live: Map<string, LiveMatch>;
  /** The one way to reach a table, here or in another process (server/tables.ts). */
  tables: TableAccess;
  /** Presence, driver, restores on demand and health of the processes sharing Redis (or this one alone). */
  cluster: ClusterServices;
  /** Creation quotas per client address and for the whole server. */
  quotas: Quotas;
  /** One-time tickets that let the server (and only the server) ask a new room to restore a match. */
  restoreTickets: Map<string, string>;
  /** The same for class sessions: ticket → class session id. */
  classRestoreTickets: Map<string, string>;
  /** E-mail and Web Push to people away from their tables (server/notify/). */
  notifications?: Notifications;
  /** The tables' clock (a test's FakeTimers, to play days of long turns without waiting); default the process's own. */
  tableTimers?: Timers;
}

let current: ServerContext | null = null;

export function setContext(ctx: ServerContext | null): void {
  current = ctx;
}

/** The started server's context, for the rooms Colyseus builds without arguments. */
export function context(): ServerContext {
  if (!current) throw new Error("the game server is not started (no server context)");
  return current;
}
