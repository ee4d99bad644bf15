// What every room and route of this process shares: the configuration, the store, the scenarios
// and the tables in memory. Colyseus builds rooms itself (no constructor arguments), so they find
// it here; there is one game server per process.
import type { ServerConfig } from "./config.ts";
import type { ScenarioCatalog } from "./catalog.ts";
import type { MatchStore } from "./db/store.ts";
import type { Quotas } from "./http/quotas.ts";
import type { LiveMatch } from "./rooms/live.ts";

export interface ServerContext {
  config: ServerConfig;
  store: MatchStore;
  catalog: ScenarioCatalog;
  /** Match id → the room running it. */
  live: Map<string, LiveMatch>;
  /** Creation quotas per client address and for the whole server. */
  quotas: Quotas;
  /** One-time tickets that let the server (and only the server) ask a new room to restore a match. */
  restoreTickets: Map<string, string>;
}

let current: ServerContext | null = null;

export function setContext(ctx: ServerContext | null): void {
  current = ctx;
}

export function context(): ServerContext {
  if (!current) throw new Error("the game server is not started (no server context)");
  return current;
}
