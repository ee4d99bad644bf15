// Everything the server can be told, from the environment (npm start) or directly (tests, bench).
import { join, resolve } from "node:path";
import { projectRoot, scenariosDir } from "./scenarios.ts";

export interface ServerConfig {
  /** 0 picks a free port (tests). */
  port: number;
  host: string;
  /** SQLite lives here (`accord.sqlite`) unless `databaseUrl` names another database. */
  dataDir: string;
  /** `postgres://…` switches to PostgreSQL (needs the `pg` package); empty: SQLite in `dataDir`. */
  databaseUrl: string;
  /** `redis://…`: share matchmaking and the room listing with every process on this Redis; empty: one process alone. */
  redisUrl: string;
  /**
   * Where clients reach this process's WebSockets (`host:port` or `host/prefix`, no scheme), handed
   * out in seat reservations when several processes share Redis. Empty: the address clients asked.
   */
  publicAddress: string;
  /** On SIGTERM, wait at most this long for tables to close and their writes to land. */
  shutdownGraceMs: number;
  /** SQLite durability: NORMAL survives a killed process (WAL); FULL also survives a power cut, at a cost per commit. */
  sqliteSynchronous: "NORMAL" | "FULL";
  scenariosDir: string;
  /** The built web client, served at `/` when the folder exists. */
  clientDir: string;
  /** A bot waits this long (uniformly between min and max) before it moves, like a person would. */
  botDelayMs: { min: number; max: number };
  /** Default reconnection window for a dropped client (a table may set its own). */
  reconnectSeconds: number;
  /** Per-client request budget: a burst, refilled at `perSecond`; beyond it requests get `rate_limited`. */
  rateLimit: { burst: number; perSecond: number };
  /** Hard cap: a client sending more frames than this in a second is disconnected (Colyseus's own check). */
  maxMessagesPerSecond: number;
  /** Largest WebSocket frame accepted; bigger ones close the connection (ws's own check). */
  maxPayloadBytes: number;
  /** Tables in memory at once; `create` is refused beyond it. */
  maxMatches: number;
  /** An unfinished table with nobody connected for this long is abandoned (kept in the database, no longer restored). */
  idleMinutes: number;
  /** Register the `bare` room used by the load benchmark as its baseline. */
  benchBareRoom: boolean;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
}

function num(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: must be a number ≥ 0, got '${value}'`);
  return n;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined || value === "") return fallback;
  const v = value.toLowerCase();
  const found = allowed.find((a) => a.toLowerCase() === v);
  if (!found) throw new Error(`${name}: must be one of ${allowed.join(", ")}, got '${value}'`);
  return found;
}

function urlOf(value: string | undefined, schemes: string[], name: string): string {
  if (value === undefined || value === "") return "";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name}: not a URL: '${value}'`);
  }
  if (!schemes.includes(url.protocol)) throw new Error(`${name}: must start with ${schemes.map((s) => `${s}//`).join(" or ")}, got '${url.protocol}'`);
  return value;
}

/** `host:port` or `host/prefix`: the SDK prepends ws:// or wss:// itself. */
function publicAddressOf(value: string | undefined): string {
  if (value === undefined || value === "") return "";
  if (/^[a-z]+:\/\//i.test(value)) throw new Error(`PUBLIC_ADDRESS: give host[:port][/prefix] without a scheme, got '${value}'`);
  if (!/^[A-Za-z0-9.\-\[\]:]+(\/[A-Za-z0-9._~\-/]*)?$/.test(value)) throw new Error(`PUBLIC_ADDRESS: not a host[:port][/prefix]: '${value}'`);
  return value.replace(/\/+$/, "");
}

export const DEFAULTS: ServerConfig = {
  port: 2567,
  host: "0.0.0.0",
  dataDir: join(projectRoot, "data"),
  databaseUrl: "",
  redisUrl: "",
  publicAddress: "",
  shutdownGraceMs: 10_000,
  sqliteSynchronous: "NORMAL",
  scenariosDir,
  clientDir: join(projectRoot, "client", "dist"),
  botDelayMs: { min: 1500, max: 4000 },
  reconnectSeconds: 120,
  rateLimit: { burst: 20, perSecond: 5 },
  maxMessagesPerSecond: 60,
  maxPayloadBytes: 16 * 1024,
  maxMatches: 5000,
  idleMinutes: 24 * 60,
  benchBareRoom: false,
  logLevel: "info",
};

/** The configuration from environment variables; every one is optional (see docs/ARCHITECTURE-server.md). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const delay = env.BOT_DELAY_MS?.split("-");
  const botMin = num(delay?.[0], DEFAULTS.botDelayMs.min, "BOT_DELAY_MS");
  const botMax = num(delay?.[1] ?? delay?.[0], DEFAULTS.botDelayMs.max, "BOT_DELAY_MS");
  return {
    port: num(env.PORT, DEFAULTS.port, "PORT"),
    host: env.HOST || DEFAULTS.host,
    dataDir: env.DATA_DIR ? resolve(env.DATA_DIR) : DEFAULTS.dataDir,
    databaseUrl: env.DATABASE_URL ?? "",
    redisUrl: urlOf(env.REDIS_URL, ["redis:", "rediss:"], "REDIS_URL"),
    publicAddress: publicAddressOf(env.PUBLIC_ADDRESS),
    shutdownGraceMs: num(env.SHUTDOWN_GRACE_MS, DEFAULTS.shutdownGraceMs, "SHUTDOWN_GRACE_MS"),
    sqliteSynchronous: oneOf(env.SQLITE_SYNCHRONOUS, ["NORMAL", "FULL"] as const, DEFAULTS.sqliteSynchronous, "SQLITE_SYNCHRONOUS"),
    scenariosDir: env.SCENARIOS_DIR ? resolve(env.SCENARIOS_DIR) : DEFAULTS.scenariosDir,
    clientDir: env.CLIENT_DIR ? resolve(env.CLIENT_DIR) : DEFAULTS.clientDir,
    botDelayMs: { min: Math.min(botMin, botMax), max: Math.max(botMin, botMax) },
    reconnectSeconds: num(env.RECONNECT_SECONDS, DEFAULTS.reconnectSeconds, "RECONNECT_SECONDS"),
    rateLimit: {
      burst: num(env.RATE_LIMIT_BURST, DEFAULTS.rateLimit.burst, "RATE_LIMIT_BURST"),
      perSecond: num(env.RATE_LIMIT_PER_SECOND, DEFAULTS.rateLimit.perSecond, "RATE_LIMIT_PER_SECOND"),
    },
    maxMessagesPerSecond: num(env.MAX_MESSAGES_PER_SECOND, DEFAULTS.maxMessagesPerSecond, "MAX_MESSAGES_PER_SECOND"),
    maxPayloadBytes: num(env.MAX_PAYLOAD_BYTES, DEFAULTS.maxPayloadBytes, "MAX_PAYLOAD_BYTES"),
    maxMatches: num(env.MAX_MATCHES, DEFAULTS.maxMatches, "MAX_MATCHES"),
    idleMinutes: num(env.IDLE_MINUTES, DEFAULTS.idleMinutes, "IDLE_MINUTES"),
    benchBareRoom: env.BENCH_BARE_ROOM === "1",
    logLevel: oneOf(env.LOG_LEVEL, ["debug", "info", "warn", "error", "silent"] as const, DEFAULTS.logLevel, "LOG_LEVEL"),
  };
}
