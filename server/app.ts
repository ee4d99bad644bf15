// The game server: one process, Colyseus rooms over WebSockets, the HTTP API on the same port,
// the store, and the matches brought back from their logs at start.
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { defineRoom, defineServer, matchMaker, type RegisteredHandler, type Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { WebSocket as NodeWebSocket } from "ws";
import { ScenarioCatalog } from "./catalog.ts";
import type { ServerConfig } from "./config.ts";
import { Cluster } from "./cluster.ts";
import { guardMatchmaking } from "./matchmaking-guard.ts";
import { setContext, type ServerContext } from "./context.ts";
import { MatchStore } from "./db/store.ts";
import { startPruner } from "./db/pruner.ts";
import { createRoutes } from "./http/routes.ts";
import { installApi, limitConnections } from "./http/serve.ts";
import { frontDoor } from "./http/front-door.ts";
import { Quotas } from "./http/quotas.ts";
import { clientWarning, log, setLogBindings, setLogLevel } from "./log.ts";
import { classRoomType } from "./classroom/room.ts";
import { restoreClassSessions } from "./classroom/sessions.ts";
import { IndexedLocalDriver } from "./local-driver.ts";
import { startTournaments, stopTournaments } from "./tournaments/director.ts";
import { BareRoom } from "./rooms/bare.ts";
import { NegotiationRoom } from "./rooms/negotiation.ts";
import type { LiveMatch } from "./rooms/live.ts";
import { TableAccess } from "./tables.ts";
import { openNotifications, type NotificationOptions } from "./notify/setup.ts";
import type { Timers } from "./table/timers.ts";
import { MESSAGE } from "../shared/protocol/index.ts";

export interface GameServer {
  port: number;
  /** http://host:port (loopback when listening on every interface). */
  url: string;
  config: ServerConfig;
  context: ServerContext;
  colyseus: Server;
  /** Disconnect everyone, keep unfinished matches for the next start, close the store. */
  close(): Promise<void>;
  /**
   * SIGTERM: refuse new joins, tell every player, let the actions already accepted reach the
   * database, release this process's matches (another process restores them when players
   * rejoin), then close.
   */
  shutdown(): Promise<void>;
}

// WORKAROUND (Colyseus 0.18 on Node 20): Room#_onJoin checks `client.readyState !== WebSocket.OPEN`
// when a client reconnects, reading the global WebSocket that only Node 22 defines. Without it
// every reconnection fails with "WebSocket is not defined". `ws` is the class the transport uses.
if (typeof (globalThis as { WebSocket?: unknown }).WebSocket === "undefined") {
  (globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
}

/**
 * What Colyseus reports as an error but a client provoked: a frame it cannot decode, a frame over
 * the size limit, a socket reset, a message handler refusing garbage. These go to `warn` without a
 * stack, rate-limited (log.ts `clientWarning`); `error` stays for the server's own faults.
 */
const CLIENT_PROVOKED = [
  /couldn't decode message/i,
  /max payload size exceeded/i,
  /invalid (ws )?frame|invalid opcode|invalid utf-8|RSV[123] must be clear|MASK must be set/i,
  /ECONNRESET|EPIPE|write after end|socket hang up/i,
  /onMessage for .* not registered/i,
  /seat reservation expired|is already full|not found|room is locked/i,
];

/** Colyseus's log lines go through ours. */
function colyseusLogger() {
  const text = (args: unknown[]) => args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.stack ?? a.message : JSON.stringify(a))).join(" ");
  const firstLine = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ").split("\n")[0]!.slice(0, 300);
  // A failure while decoding what a client sent (msgpack, the room's message dispatch, ws's frame reader) is the client's.
  const decodingClientData = /RoomMessages\.onData|\._onMessage \(|ws\/lib\/receiver\.js/;
  const provoked = (args: unknown[]) => CLIENT_PROVOKED.some((p) => p.test(firstLine(args))) || decodingClientData.test(text(args));
  return {
    debug: (...args: unknown[]) => log.debug(`colyseus: ${text(args)}`),
    trace: (...args: unknown[]) => log.debug(`colyseus: ${text(args)}`),
    info: (...args: unknown[]) => log.debug(`colyseus: ${text(args)}`),
    warn: (...args: unknown[]) => (provoked(args) ? clientWarning("colyseus: client error", { detail: firstLine(args) }) : log.warn(`colyseus: ${firstLine(args)}`)),
    error: (...args: unknown[]) => (provoked(args) ? clientWarning("colyseus: client error", { detail: firstLine(args) }) : log.error(`colyseus: ${text(args)}`)),
  };
}

/**
 * @colyseus/schema prints its warnings with console.warn (on stdout's neighbour, outside the JSON
 * log): route them through the logger as one JSON line at warn, rate-limited.
 */
function routeConsoleWarnings(): void {
  const original = console.warn;
  if ((original as { accord?: boolean }).accord) return;
  const routed = (...args: unknown[]) => {
    const first = args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ").split("\n")[0]!.slice(0, 300);
    clientWarning("library warning", { detail: first });
  };
  (routed as { accord?: boolean }).accord = true;
  console.warn = routed;
}

let running = false;

/** What a test may hand the server besides its configuration. */
export interface StartOptions {
  /** The notifications' clock, mailer or people (tests); the defaults: real time, SMTP_URL, seats. */
  notifications?: NotificationOptions;
  /** The tables' clock (tests: FakeTimers); default the process's own timers. */
  tableTimers?: Timers;
}

/** Start the game server. One per process: Colyseus's matchmaker is a process-wide singleton. */
export async function startGameServer(config: ServerConfig, options: StartOptions = {}): Promise<GameServer> {
  if (running) throw new Error("a game server is already running in this process (Colyseus allows one)");
  running = true;
  let store: MatchStore | null = null;
  try {
    return await start(config, options, (s) => (store = s));
  } catch (e) {
    running = false;
    setContext(null);
    guardMatchmaking(null);
    await (store as MatchStore | null)?.close().catch((closing: unknown) => log.warn("could not close the store after a failed start", { error: closing }));
    throw e;
  }
}

async function start(config: ServerConfig, options: StartOptions, opened: (store: MatchStore) => void): Promise<GameServer> {
  setLogLevel(config.logLevel);
  routeConsoleWarnings();
  const store = await MatchStore.open(config);
  opened(store);
  const catalog = new ScenarioCatalog(config.scenariosDir);
  catalog.loadAll();
  const cluster = await Cluster.open(config, config.port);
  const live = new Map<string, LiveMatch>();
  // A table is called where it runs; one whose process is gone is restored here first (cluster.ts).
  const tables = new TableAccess({ live, shared: cluster.kind === "redis", restore: (matchId) => cluster.ensureLive(matchId) });
  const context: ServerContext = {
    config,
    store,
    catalog,
    live,
    tables,
    cluster,
    quotas: new Quotas(config.quotas),
    restoreTickets: new Map(),
    classRestoreTickets: new Map(),
  };
  context.notifications = await openNotifications(config, store.db, catalog, options.notifications);
  if (options.tableTimers) context.tableTimers = options.tableTimers;
  setContext(context);

  // Tables are created, joined by id (found through a join code or the listing) and reconnected to;
  // Colyseus's `join` / `joinOrCreate` would match strangers into any table.
  matchMaker.controller.exposedMethods = ["create", "joinById", "reconnect"];

  const rooms: Record<string, RegisteredHandler> = { negotiation: defineRoom(NegotiationRoom), class: defineRoom(classRoomType(context)) };
  if (config.benchBareRoom) rooms.bare = defineRoom(BareRoom);
  const colyseus = defineServer({
    rooms,
    // Node checks its header and request timeouts (http/serve.ts) every 30 s by default: a client
    // trickling its headers kept its socket for up to 40 s where 10 s is meant. Every second here.
    transport: new WebSocketTransport({ maxPayload: config.maxPayloadBytes, server: createHttpServer({ connectionsCheckingInterval: 1_000 }) }),
    // Alone, the listing finds a table by id without scanning every table (local-driver.ts).
    ...(cluster.presence ? { presence: cluster.presence, driver: cluster.driver } : { driver: new IndexedLocalDriver() }),
    ...(cluster.publicAddress ? { publicAddress: cluster.publicAddress } : {}),
    selectProcessIdToCreateRoom: () => cluster.selectProcessForNewTable(),
    greet: false,
    gracefullyShutdown: false,
    logger: colyseusLogger(),
  });
  await colyseus.listen(config.port, config.host);
  store.owner = matchMaker.processId;
  setLogBindings({ processId: matchMaker.processId });
  cluster.attach(context);
  installApi(colyseus.transport.server as HttpServer, createRoutes(context), frontDoor(config, context.quotas), colyseus.transport);
  limitConnections(colyseus.transport.server as HttpServer, config.maxConnectionsPerAddress, config.trustProxy);
  const address = colyseus.transport.server!.address() as AddressInfo;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const url = `http://${host}:${address.port}`;
  const restored = await cluster.restoreOrphans(context);
  // Class sessions after their tables, so a restored session finds its tables running.
  const classes = await restoreClassSessions(context);
  // Tournaments too: each records the tables that ended meanwhile and carries on.
  const tournaments = await startTournaments(context);
  const pruner = startPruner(store, config, () => context.live.keys());
  log.info(`game server listening on ${url}${url.includes(config.host) ? "" : ` (and every other address of this machine: HOST=${config.host})`}`, {
    scenarios: catalog.list().length,
    restored,
    classes,
    tournaments,
    presence: cluster.kind,
    database: store.kind,
    ...(cluster.publicAddress ? { publicAddress: cluster.publicAddress } : {}),
    ...(store.kind === "sqlite" ? { data: config.dataDir } : {}),
  });

  let closing: Promise<void> | null = null;
  const close = (drain: boolean) => {
    closing ??= (async () => {
      if (drain) {
        await cluster.drain();
        // Tell every player before the sockets close, so clients rejoin rather than report an error.
        for (const id of context.live.keys()) {
          matchMaker.getLocalRoomById(id)?.broadcast(MESSAGE.notice, {
            code: "server_shutdown",
            message: "this server is restarting; your table carries on: rejoin and it continues where it was",
          });
        }
      }
      stopTournaments(context);
      context.notifications?.notifier.stop();
      await colyseus.gracefullyShutdown(false);
      // Actions accepted before the shutdown are written before the store closes (store.close waits).
      if (drain) await store.releaseOwned().catch((e: unknown) => log.warn("could not release this process's matches", { error: e }));
      await pruner.stop();
      await store.close();
      setContext(null);
      guardMatchmaking(null);
      running = false;
    })();
    return closing;
  };
  return { port: address.port, url, config, context, colyseus, close: () => close(false), shutdown: () => close(true) };
}
