// Several game processes as one service (DESIGN principle 6: scale by configuration). With
// REDIS_URL, Colyseus's Redis presence and driver share matchmaking and the room listing: a client
// asking any process is handed a seat on the process that runs the table, with that process's
// public address. Without it, one process with in-memory presence, as before.
//
// What Colyseus does not know about, this module adds:
// - a table is restored on demand: a `joinById` for a match that is unfinished in the database but
//   running nowhere (its process died) restores it here from the event log. The `owner` column
//   (migration 0005_match_owner) is the guard: a process takes a match over only from an owner
//   that is gone, with a compare-and-set, so two processes never both restore it;
// - Redis going away: joins get a clear `unavailable` error instead of hanging, /healthz fails, and
//   when Redis comes back this process lists its tables again (Redis may have lost them);
// - a clean shutdown (SIGTERM): no new joins, players told, matches released for others.
import { type MatchMakerDriver, matchMaker, type Presence, requestFromIPC, ServerError, subscribeIPC } from "@colyseus/core";
import type { Redis } from "ioredis";
import type { ServerConfig } from "./config.ts";
import type { ServerContext } from "./context.ts";
import { log } from "./log.ts";
import { guardMatchmaking } from "./matchmaking-guard.ts";
import { RESTORE_TICKET } from "./rooms/negotiation.ts";
import { dropReadAhead, readAheadMatches } from "./table/open.ts";
import { newToken } from "./tokens.ts";
import { isId } from "../shared/protocol/ids.ts";

export type PresenceKind = "local" | "redis";

/** The answer of a dependency check: how long it took, or why it failed. */
export interface Check {
  ok: boolean;
  ms: number;
  error?: string;
}


/** Each process answers on this channel + its process id with its listed tables. */
const LISTING_CHANNEL = "accord:tables:";

/** How long a health check waits for Redis (or the database) before it says so. */
export const REDIS_TIMEOUT_MS = 1000;

/** How long a matchmaking request (create, join) may take with several processes. */
const MATCHMAKING_TIMEOUT_MS = 15_000;

/** How long a join waits for another process's restore of its table (inside the matchmaking timeout). */
const LISTING_WAIT_MS = 12_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** How long `run` took, or why it failed: a dependency check. */
export async function timed(run: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  try {
    await run();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (e) {
    return { ok: false, ms: Math.round(performance.now() - started), error: e instanceof Error ? e.message : String(e) };
  }
}

/** The shared services of a process: presence and driver for Colyseus, and their health. */
export class Cluster {
  private draining = false;
  private readonly restoring = new Map<string, Promise<void>>();
  private ctx: ServerContext | null = null;

  private constructor(
    readonly kind: PresenceKind,
    readonly presence: Presence | undefined,
    readonly driver: MatchMakerDriver | undefined,
    private readonly redis: Redis | null,
    /** The address clients must use to reach this process's WebSockets (empty: the one they asked). */
    readonly publicAddress: string,
  ) {}

  /** Connect to Redis when configured (and fail clearly when it cannot be reached). */
  static async open(config: ServerConfig, port: number): Promise<Cluster> {
    if (!config.redisUrl) return new Cluster("local", undefined, undefined, null, config.publicAddress);
    // Loaded only when configured: a process alone starts without them (issue 16: a restart's start-up).
    const [{ Redis }, { RedisPresence }, { RedisDriver }] = await Promise.all([import("ioredis"), import("@colyseus/redis-presence"), import("@colyseus/redis-driver")]);
    const redis = new Redis(config.redisUrl, {
      // Reconnect quickly after an outage. Commands issued meanwhile wait for the connection
      // (Colyseus fires some without awaiting them: a rejection there would be unhandled); joins
      // are refused at once instead (admit) and the health check has its own timeout.
      retryStrategy: (times) => Math.min(100 * times, 1000),
      maxRetriesPerRequest: null,
      connectTimeout: 2000,
      lazyConnect: true,
    });
    redis.on("error", () => undefined); // reported by the health check and the joins, not per retry
    try {
      await withTimeout(redis.connect(), 5000, "Redis");
    } catch (e) {
      redis.disconnect();
      throw new Error(`REDIS_URL: cannot reach Redis at ${redactUrl(config.redisUrl)} (${e instanceof Error ? e.message : String(e)})`);
    }
    let publicAddress = config.publicAddress;
    if (!publicAddress) {
      const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
      publicAddress = `${host}:${port}`;
      log.warn(`PUBLIC_ADDRESS is not set: other processes send this one's players to ${publicAddress}; set it to an address clients can reach`);
    }
    const driverClient = redis.duplicate();
    driverClient.on("error", () => undefined);
    const cluster = new Cluster("redis", new RedisPresence(redis), new RedisDriver(driverClient), redis, publicAddress);
    let connected = true;
    redis.on("close", () => {
      if (!connected) return;
      connected = false;
      log.warn("Redis connection lost: joins are refused until it is back; tables in progress carry on");
    });
    redis.on("ready", () => {
      connected = true;
      void cluster.relist();
    });
    return cluster;
  }

  /** Bind to the started server's context, and guard Colyseus's matchmaking entry point with it. */
  attach(ctx: ServerContext): void {
    this.ctx = ctx;
    guardMatchmaking(this);
  }

  /**
   * Before a matchmaking request (create, join by id, reconnect) reaches Colyseus: refuse it when
   * it cannot work now, and bring back the table a join names if its process is gone.
   */
  async beforeMatchmaking(method: string, roomNameOrId: string): Promise<void> {
    this.admit();
    if (method === "joinById" || method === "reconnect") await this.ensureLive(roomNameOrId);
  }

  /** Colyseus's answer to a matchmaking request, bounded in time when Redis carries it. */
  boundMatchmaking<T>(answer: Promise<T>): Promise<T> {
    if (this.kind === "local") return answer;
    // Redis can vanish without the connection noticing (a network partition): a join must not hang.
    return withTimeout(answer, MATCHMAKING_TIMEOUT_MS, "matchmaking").catch((e: unknown) => {
      if (e instanceof Error && e.message.startsWith("matchmaking: no answer")) {
        throw new ServerError(503, `unavailable: matchmaking did not answer within ${MATCHMAKING_TIMEOUT_MS / 1000} s; try again in a moment`);
      }
      throw e;
    });
  }

  /** Refuse matchmaking, with a message a person understands, when it cannot work right now. */
  private admit(): void {
    if (this.draining) throw new ServerError(503, "shutting_down: this server is restarting; ask again and another one will answer");
    if (this.redis && this.redis.status !== "ready") {
      throw new ServerError(503, "unavailable: matchmaking cannot reach its shared service (Redis); try again in a moment");
    }
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Which of these Colyseus process ids are running: a process listens on its channel `p:<id>`
   * while its Redis connection lives, and a killed process's connection closes with it.
   * (PUBSUB NUMSUB: constant time per process, unlike a pattern over every room's channel.)
   */
  async aliveProcesses(ids: string[]): Promise<Set<string>> {
    const alive = new Set(ids.filter((id) => id === matchMaker.processId));
    const others = ids.filter((id) => id !== matchMaker.processId);
    if (!this.redis || others.length === 0) return alive;
    const reply = (await this.redis.pubsub("NUMSUB", ...others.map((id) => `p:${id}`))) as (string | number)[];
    for (let i = 0; i < reply.length; i += 2) if (Number(reply[i + 1]) > 0) alive.add(String(reply[i]).slice(2));
    return alive;
  }

  async processAlive(processId: string): Promise<boolean> {
    return (await this.aliveProcesses([processId])).has(processId);
  }

  /** Colyseus's choice of process for a new table, among processes that are alive and not leaving. */
  async selectProcessForNewTable(): Promise<string> {
    const me = matchMaker.processId;
    if (this.kind === "local") return me;
    const stats = await matchMaker.stats.fetchAll();
    const alive = await this.aliveProcesses(stats.map((s) => s.processId));
    const candidates = stats.filter((s) => (s.processId === me ? !this.draining : alive.has(s.processId)));
    candidates.sort((a, b) => a.roomCount - b.roomCount);
    return candidates[0]?.processId ?? me;
  }

  /**
   * A join names this match: make sure it runs somewhere. If it is unfinished in the database and
   * its process is gone, restore it here. At most one restore per match at a time in a process,
   * and the owner compare-and-set makes it one across processes.
   */
  async ensureLive(matchId: string): Promise<void> {
    const ctx = this.ctx;
    if (!ctx || !isId(matchId)) return;
    // A table this process is restoring is in `live` before Colyseus can seat anyone at it: wait for the restore.
    if (ctx.live.has(matchId) && !this.restoring.has(matchId)) return;
    await this.once(matchId, () => this.restoreIfOrphaned(ctx, matchId));
  }

  /** One restore of a match at a time in this process (a join and the start-up may ask together). */
  private once(matchId: string, run: () => Promise<void>): Promise<void> {
    let pending = this.restoring.get(matchId);
    if (!pending) {
      pending = run().finally(() => this.restoring.delete(matchId));
      this.restoring.set(matchId, pending);
    }
    return pending;
  }

  private async restoreIfOrphaned(ctx: ServerContext, matchId: string): Promise<void> {
    if (ctx.live.has(matchId)) return;
    const listing = await matchMaker.driver.findOne({ roomId: matchId });
    if (listing && (await this.processAlive(listing.processId))) {
      // Listed by another process a moment ago, its room perhaps not listening yet (listingState()).
      if (listing.processId !== matchMaker.processId) await this.waitUntilListening(matchId, listing.processId, true);
      return;
    }
    const row = await ctx.store.ownerOf(matchId);
    if (!row || (row.status !== "open" && row.status !== "running")) return;
    // Listed nowhere but its owner lives: it is restoring the table right now, or lists it again
    // after Redis lost it. Either way the listing is a moment away.
    if (row.owner !== null && row.owner !== matchMaker.processId && (await this.processAlive(row.owner))) {
      await this.waitUntilListening(matchId, row.owner);
      return;
    }
    if (listing) await matchMaker.driver.remove(matchId);
    if (row.owner !== matchMaker.processId && !(await ctx.store.claimMatch(matchId, row.owner))) {
      // Another process took it over a moment ago: let its restore finish before joining it.
      const taker = (await ctx.store.ownerOf(matchId))?.owner;
      if (taker) await this.waitUntilListening(matchId, taker);
      return;
    }
    try {
      await restoreHere(ctx, matchId);
    } catch (e) {
      // The join then fails as for any table that runs nowhere; the reason is for the operator.
      log.warn("could not restore a match on demand", { matchId, error: e instanceof Error ? e.message : String(e) });
      return;
    }
    log.info("match restored on demand", { matchId, previousOwner: row.owner });
  }

  /**
   * Answer other processes' requests for this process's listed tables (GET /api/matches shows the
   * tables of every process): `local` builds them from this process's rooms.
   */
  async serveListing<T>(local: () => T[]): Promise<void> {
    this.localListing = local;
    if (this.kind === "local" || this.listingServed) return;
    this.listingServed = true;
    await subscribeIPC(this.presence!, `${LISTING_CHANNEL}${matchMaker.processId}`, () => this.localListing());
  }

  /** The listed tables of every process that answers in time (this one's at least). */
  async gatherListings<T>(local: () => T[]): Promise<T[]> {
    if (this.kind === "local") return local();
    const others = await withTimeout(
      (async () => {
        const alive = await this.aliveProcesses((await matchMaker.stats.fetchAll()).map((s) => s.processId));
        return [...alive].filter((id) => id !== matchMaker.processId).map((id) => `${LISTING_CHANNEL}${id}`);
      })(),
      REDIS_TIMEOUT_MS,
      "Redis",
      // Redis not answering in time: this process's tables alone (a lost connection is logged when it drops).
    ).catch(() => [] as string[]);
    const answers = await Promise.all(
      // A process that does not answer in time (stopping, or gone) is left out of the listing, as documented above.
      others.map((channel) => (requestFromIPC(this.presence!, channel, "list", [], REDIS_TIMEOUT_MS) as Promise<T[]>).catch(() => [] as T[])),
    );
    return [...local(), ...answers.flat()];
  }

  private localListing: () => unknown[] = () => [];
  private listingServed = false;

  /**
   * Wait until `owner`, which is restoring the match, has it listed and listening: as long as that
   * process lives (a busy process may take seconds over one restore; a fixed short wait then failed
   * the join with "room not found" while the table was a moment away), and at most LISTING_WAIT_MS.
   * `listed`: it was listed already, so its listing going away (the room closing) ends the wait too.
   */
  private async waitUntilListening(matchId: string, owner: string, listed = false): Promise<void> {
    const deadline = Date.now() + LISTING_WAIT_MS;
    let nextLifeCheck = Date.now() + 1000;
    while (Date.now() < deadline) {
      const now = await this.listingState(matchId);
      if (now === "listening" || (listed && now === "unlisted")) return;
      if (Date.now() >= nextLifeCheck) {
        if (!(await this.processAlive(owner))) return;
        nextLifeCheck = Date.now() + 1000;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Whether the match is listed, and its room answering on its Redis channel. Colyseus lists a new room before it
   * subscribes to the room's channel (`$<roomId>`, as MatchMaker's getRoomChannel names it): a
   * seat asked for in between is never answered, and the join fails two seconds later with
   * "already full". Whoever creates a room never sees that gap; a process waiting for another's
   * restore does.
   */
  private async listingState(matchId: string): Promise<"unlisted" | "listed" | "listening"> {
    if (!(await matchMaker.driver.findOne({ roomId: matchId }))) return "unlisted";
    if (!this.redis) return "listening";
    const reply = (await this.redis.pubsub("NUMSUB", `$${matchId}`)) as (string | number)[];
    return Number(reply[1]) > 0 ? "listening" : "listed";
  }

  /**
   * At start: bring back every unfinished match whose process is gone. The owners are looked at
   * once for all; the matches are taken (a compare-and-set each, one statement per batch and
   * previous owner) and read (three reads per batch) RESTORE_BATCH at a time, then restored one by
   * one, the event loop let go before each: a person who comes back meanwhile is served at once,
   * their table restored on demand first (ensureLive) and skipped here.
   */
  async restoreOrphans(ctx: ServerContext): Promise<number> {
    const me = matchMaker.processId;
    // Tables whose creator never arrived, on processes that are gone, can never be joined.
    // (This process's own are spared: it listens already, a table may be being created.)
    const alive = this.kind === "local" ? [] : [...(await this.aliveProcesses((await matchMaker.stats.fetchAll()).map((s) => s.processId)))];
    await ctx.store.abandonPending([me, ...alive]);
    const rows = await ctx.store.unfinishedMatchOwners();
    const owners = [...new Set(rows.map((r) => r.owner).filter((o): o is string => o !== null && o !== me))];
    const living = await this.aliveProcesses(owners);
    const orphans = rows.filter((r) => r.owner === null || r.owner === me || !living.has(r.owner));
    let restored = 0;
    for (let i = 0; i < orphans.length; i += RESTORE_BATCH) {
      const batch = orphans.slice(i, i + RESTORE_BATCH).filter((r) => !ctx.live.has(r.id) && !this.restoring.has(r.id));
      const taken = batch.filter((r) => r.owner === me).map((r) => r.id);
      const byOwner = new Map<string | null, string[]>();
      for (const r of batch) if (r.owner !== me) byOwner.set(r.owner, [...(byOwner.get(r.owner) ?? []), r.id]);
      for (const [owner, ids] of byOwner) taken.push(...(await ctx.store.claimMatches(ids, owner)));
      readAheadMatches(ctx.store, await ctx.store.loadMatches(taken));
      for (const id of taken) {
        await new Promise((resolve) => setImmediate(resolve));
        await this.once(id, async () => {
          if (ctx.live.has(id)) return;
          try {
            await restoreHere(ctx, id);
            restored++;
          } catch (e) {
            log.error("could not restore a match", { matchId: id, error: e });
          }
        });
        dropReadAhead(ctx.store, id);
      }
    }
    return restored;
  }

  /** Redis is back: list this process and its tables again (a restarted Redis forgot them). */
  private async relist(): Promise<void> {
    if (this.draining || matchMaker.state !== matchMaker.MatchMakerState.READY) return;
    try {
      await matchMaker.stats.persist(true);
      await matchMaker.restoreMissingRoomCaches();
      log.info("Redis is reachable: this process and its tables are listed", { processId: matchMaker.processId });
    } catch (e) {
      log.warn("could not list this process's tables again after a Redis outage", { error: e });
    }
  }

  /** /healthz: a real round trip to Redis, when configured. */
  async checkPresence(): Promise<Check | null> {
    if (!this.redis) return null;
    const redis = this.redis;
    return timed(() => {
      if (redis.status !== "ready") return Promise.reject(new Error(`not connected (${redis.status})`));
      return withTimeout(redis.ping(), REDIS_TIMEOUT_MS, "Redis");
    });
  }

  /** SIGTERM: refuse new joins and take this process out of the choice for new tables. */
  async drain(): Promise<void> {
    this.draining = true;
    if (this.kind !== "redis") return;
    // Not fatal: the process still refuses joins itself; others only may pick it for a new table meanwhile.
    await withTimeout(Promise.resolve(matchMaker.stats.excludeProcess(matchMaker.processId)), REDIS_TIMEOUT_MS, "Redis").catch((e: unknown) =>
      log.warn("could not take this process out of the choice for new tables", { error: e instanceof Error ? e.message : String(e) }),
    );
  }
}

/** Matches a restart's sweep takes and reads at once (restoreOrphans). */
const RESTORE_BATCH = 100;

/** Restore a match in this process (never routed elsewhere: the ticket lives here). */
export async function restoreHere(ctx: ServerContext, matchId: string): Promise<void> {
  const ticket = newToken();
  ctx.restoreTickets.set(ticket, matchId);
  try {
    await matchMaker.handleCreateRoom("negotiation", { [RESTORE_TICKET]: ticket });
  } finally {
    ctx.restoreTickets.delete(ticket);
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}
