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
  /**
   * Trust the reverse proxy's `X-Forwarded-For`, `-Host` and `-Proto` headers (the client's
   * address, the public host). Off: they are ignored, and the socket's peer is the client.
   */
  trustProxy: boolean;
  /** When set, creating a table, a class or a tournament needs this key (`Authorization: Bearer` / `hostKey` option); joining with a code stays open. */
  hostKey: string;
  /** `GET /metrics` answers this machine and private networks; from anywhere else only with this token (`Authorization: Bearer`), or not at all when empty. */
  metricsToken: string;
  /** Creation quotas: token buckets per client address and for the whole server (see server/http/quotas.ts). */
  quotas: Quotas;
  /** Largest HTTP request body (bytes): a bigger declared length is refused (413) before it is read; a body streaming past it is cut off. */
  maxBodyBytes: number;
  /** WebSocket connections one client address may hold at once (0: no limit); more are refused at the upgrade (429). */
  maxConnectionsPerAddress: number;
  /** Per client address: public HTTP reads (records, transcripts, listings) as a burst, refilled per second. */
  readLimit: { burst: number; perSecond: number };
  /** A table created and never joined by anyone is closed after this long, and no longer counts against `maxMatches`. */
  unjoinedSeconds: number;
  /** Tables that only bots play (class and tournament tables without people) may fill `maxMatches` minus this many places. */
  matchesReservedForPeople: number;
  /** Retention (server/db/retention.ts): what is deleted, and when. */
  retention: Retention;
  /** The synced state keeps this many of the latest public statements; older ones are read through `statements` (paged). */
  statementWindow: number;
  /** Seats one table may ever hand out by fresh joins (rejoining with a seat token takes none). */
  maxSeatsPerTable: number;
  /** Statements, private messages and team notes one person may send at one table. */
  maxMessagesPerPerson: number;
  /** Statements, private messages and team notes at one table, all senders together. */
  maxMessagesPerTable: number;
  /** `smtp://…` or `smtps://…`: where notification e-mails are sent (server/notify/); empty: no e-mail (Web Push still works). */
  smtpUrl: string;
  /** The sender of notification e-mails (`Name <address>` or `address`); needed with `smtpUrl`. */
  mailFrom: string;
  /**
   * Where people open the game (`https://accord.example.org`, no trailing slash): the links in
   * notifications point there. Empty: the address each person opted in from (its `Host`).
   */
  publicUrl: string;
  /** Register the `bare` room used by the load benchmark as its baseline. */
  benchBareRoom: boolean;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
}

/** A token bucket's size and how fast it refills (per hour). */
export interface QuotaRate {
  burst: number;
  perHour: number;
}

export interface Quotas {
  /** Tables created over HTTP matchmaking, per client address. */
  tables: QuotaRate;
  /** Class sessions created, per client address. */
  classes: QuotaRate;
  /** Tournaments created, per client address. */
  tournaments: QuotaRate;
  /** Bot work a class or tournament may start (its tables × their rounds), per client address. */
  botRounds: QuotaRate;
  /** Every creation (table, class, tournament) from every address together. */
  global: QuotaRate;
}

export interface Retention {
  /** Tables that never saw an action (never started, abandoned, or ended unplayed) are deleted after this many minutes; 0 keeps them. */
  unplayedMinutes: number;
  /** Ended or abandoned tables that were played, ended classes and tournaments are deleted after this many days; 0 keeps them forever. */
  days: number;
  /** How often the server prunes by itself (minutes); 0: only `accord data prune`. */
  intervalMinutes: number;
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

function flag(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === "") return fallback;
  const v = value.toLowerCase();
  if (["1", "true", "yes", "on"].includes(v)) return true;
  if (["0", "false", "no", "off"].includes(v)) return false;
  throw new Error(`${name}: must be 1 or 0 (true or false), got '${value}'`);
}

/** `burst,perHour`, e.g. `60,120`. */
function rate(value: string | undefined, fallback: QuotaRate, name: string): QuotaRate {
  if (value === undefined || value === "") return fallback;
  const m = /^\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!m) throw new Error(`${name}: must be 'burst,perHour' (two numbers ≥ 0, e.g. '60,120'), got '${value}'`);
  return { burst: Number(m[1]), perHour: Number(m[2]) };
}

/** `Name <a@b.c>` or `a@b.c`: the sender of notification e-mails, needed when SMTP_URL is set. */
function mailFromOf(value: string | undefined, smtpUrl: string): string {
  const v = (value ?? "").trim();
  if (v === "") {
    if (smtpUrl !== "") throw new Error("MAIL_FROM: needed with SMTP_URL (the sender of notification e-mails, e.g. 'Cyber Accord <accord@example.org>')");
    return "";
  }
  if (!/^([^<>\r\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/.test(v)) throw new Error(`MAIL_FROM: not an e-mail address ('Name <a@b.c>' or 'a@b.c'), got '${v}'`);
  return v;
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
  trustProxy: false,
  hostKey: "",
  metricsToken: "",
  quotas: {
    // A class of 60 behind one school address may all start solo practice at once, then one more each an hour.
    tables: { burst: 60, perHour: 120 },
    classes: { burst: 5, perHour: 10 },
    tournaments: { burst: 10, perHour: 20 },
    // A class of 40 tables of 30 rounds is 1,200.
    botRounds: { burst: 5_000, perHour: 10_000 },
    global: { burst: 600, perHour: 6_000 },
  },
  maxBodyBytes: 64 * 1024,
  // A lecture hall of 150 behind one school address, each with a class tab and a table tab, and room to spare.
  maxConnectionsPerAddress: 500,
  readLimit: { burst: 60, perSecond: 10 },
  unjoinedSeconds: 180,
  matchesReservedForPeople: 50,
  retention: { unplayedMinutes: 60, days: 90, intervalMinutes: 15 },
  statementWindow: 200,
  maxSeatsPerTable: 200,
  maxMessagesPerPerson: 1_000,
  maxMessagesPerTable: 10_000,
  smtpUrl: "",
  mailFrom: "",
  publicUrl: "",
  benchBareRoom: false,
  logLevel: "info",
};

/** The configuration from environment variables; every one is optional (see docs/ARCHITECTURE.md, "Configuration"). */
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
    trustProxy: flag(env.TRUST_PROXY, DEFAULTS.trustProxy, "TRUST_PROXY"),
    hostKey: env.HOST_KEY ?? "",
    metricsToken: env.METRICS_TOKEN ?? "",
    quotas: {
      tables: rate(env.QUOTA_TABLES, DEFAULTS.quotas.tables, "QUOTA_TABLES"),
      classes: rate(env.QUOTA_CLASSES, DEFAULTS.quotas.classes, "QUOTA_CLASSES"),
      tournaments: rate(env.QUOTA_TOURNAMENTS, DEFAULTS.quotas.tournaments, "QUOTA_TOURNAMENTS"),
      botRounds: rate(env.QUOTA_BOT_ROUNDS, DEFAULTS.quotas.botRounds, "QUOTA_BOT_ROUNDS"),
      global: rate(env.QUOTA_GLOBAL, DEFAULTS.quotas.global, "QUOTA_GLOBAL"),
    },
    maxBodyBytes: num(env.MAX_BODY_BYTES, DEFAULTS.maxBodyBytes, "MAX_BODY_BYTES"),
    maxConnectionsPerAddress: num(env.MAX_CONNECTIONS_PER_ADDRESS, DEFAULTS.maxConnectionsPerAddress, "MAX_CONNECTIONS_PER_ADDRESS"),
    readLimit: {
      burst: num(env.READ_LIMIT_BURST, DEFAULTS.readLimit.burst, "READ_LIMIT_BURST"),
      perSecond: num(env.READ_LIMIT_PER_SECOND, DEFAULTS.readLimit.perSecond, "READ_LIMIT_PER_SECOND"),
    },
    unjoinedSeconds: num(env.UNJOINED_SECONDS, DEFAULTS.unjoinedSeconds, "UNJOINED_SECONDS"),
    matchesReservedForPeople: num(env.MATCHES_RESERVED_FOR_PEOPLE, DEFAULTS.matchesReservedForPeople, "MATCHES_RESERVED_FOR_PEOPLE"),
    retention: {
      unplayedMinutes: num(env.RETAIN_UNPLAYED_MINUTES, DEFAULTS.retention.unplayedMinutes, "RETAIN_UNPLAYED_MINUTES"),
      days: num(env.RETAIN_DAYS, DEFAULTS.retention.days, "RETAIN_DAYS"),
      intervalMinutes: num(env.PRUNE_INTERVAL_MINUTES, DEFAULTS.retention.intervalMinutes, "PRUNE_INTERVAL_MINUTES"),
    },
    statementWindow: num(env.STATEMENT_WINDOW, DEFAULTS.statementWindow, "STATEMENT_WINDOW"),
    maxSeatsPerTable: num(env.MAX_SEATS_PER_TABLE, DEFAULTS.maxSeatsPerTable, "MAX_SEATS_PER_TABLE"),
    maxMessagesPerPerson: num(env.MAX_MESSAGES_PER_PERSON, DEFAULTS.maxMessagesPerPerson, "MAX_MESSAGES_PER_PERSON"),
    maxMessagesPerTable: num(env.MAX_MESSAGES_PER_TABLE, DEFAULTS.maxMessagesPerTable, "MAX_MESSAGES_PER_TABLE"),
    smtpUrl: urlOf(env.SMTP_URL, ["smtp:", "smtps:"], "SMTP_URL"),
    mailFrom: mailFromOf(env.MAIL_FROM, urlOf(env.SMTP_URL, ["smtp:", "smtps:"], "SMTP_URL")),
    publicUrl: urlOf(env.PUBLIC_URL, ["https:", "http:"], "PUBLIC_URL").replace(/\/+$/, ""),
    benchBareRoom: env.BENCH_BARE_ROOM === "1",
    logLevel: oneOf(env.LOG_LEVEL, ["debug", "info", "warn", "error", "silent"] as const, DEFAULTS.logLevel, "LOG_LEVEL"),
  };
}
