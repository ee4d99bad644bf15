// The one way server code reaches a table (the class room, the tournament director, the HTTP
// reads): the table in this process through its `LiveMatch`, or — when several processes share
// Redis — the room in another process through Colyseus's `remoteRoomCall`, with a timeout. A table
// that runs nowhere (its process died) is restored here first when it is called (not when it is
// only looked at). Nothing else in the server calls `remoteRoomCall` on a table or reads `ctx.live`
// to act on one (a class room is called so by server/people/routes.ts; the HTTP reads and the
// tournament page read `ctx.live` for this process's tables only).
import { matchMaker } from "@colyseus/core";
import type { CreateOptionsInput, FacilitatorActionType } from "../shared/protocol/index.ts";
import type { GameState } from "../shared/rules/types.ts";
import type { LiveMatch } from "./rooms/live.ts";
import type { TableOwnerKind } from "./db/schema.ts";
import { log } from "./log.ts";

/** Each delegation's control and head counts, as the table shows them. */
export type Seating = ReturnType<LiveMatch["seating"]>;

/** What a look at a table gives: its game and its seating, as of now. */
export interface TableLook {
  game: GameState;
  seating: Seating;
}

/** The table runs nowhere this process can reach (not created, ended and closed, or its process gone and not restorable). */
export class TableUnreachable extends Error {
  override name = "TableUnreachable";
  constructor(
    readonly matchId: string,
    why: string,
  ) {
    super(`table ${matchId} is not running (${why})`);
  }
}

export interface TableAccessOptions {
  /** Match id → the room running it in this process. */
  live: ReadonlyMap<string, LiveMatch>;
  /** Whether other processes share the matchmaking (Redis): only then is a table elsewhere worth asking. */
  shared: boolean;
  /** Bring back a table whose process is gone (cluster.ensureLive); a no-op when it runs somewhere. */
  restore: (matchId: string) => Promise<void>;
  /** How long a call to a table in another process may take. */
  callTimeoutMs?: number;
  /** How long a look at a table in another process may take (the HTTP reads and the class dashboard). */
  lookTimeoutMs?: number;
}

const CALL_TIMEOUT_MS = 5000;
const LOOK_TIMEOUT_MS = 1000;

export class TableAccess {
  private readonly live: ReadonlyMap<string, LiveMatch>;
  private readonly shared: boolean;
  private readonly restoreTable: (matchId: string) => Promise<void>;
  private readonly callTimeoutMs: number;
  private readonly lookTimeoutMs: number;

  constructor(options: TableAccessOptions) {
    this.live = options.live;
    this.shared = options.shared;
    this.restoreTable = options.restore;
    this.callTimeoutMs = options.callTimeoutMs ?? CALL_TIMEOUT_MS;
    this.lookTimeoutMs = options.lookTimeoutMs ?? LOOK_TIMEOUT_MS;
  }

  /** The table when it runs in this process (its state read synchronously), else undefined. */
  local(matchId: string): LiveMatch | undefined {
    return this.live.get(matchId);
  }

  /** A new `negotiation` table (on whichever process Colyseus chooses); its match id. */
  async create(options: CreateOptionsInput): Promise<string> {
    return (await matchMaker.createRoom("negotiation", options)).roomId;
  }

  /**
   * The server takes the table it just created: its join code and facilitator token (null if
   * already taken). `owner` is stored with the match (a restored table plays on to its end).
   */
  adopt(matchId: string, owner: TableOwnerKind = "server"): Promise<Awaited<ReturnType<LiveMatch["adopt"]>>> {
    return this.call(matchId, (t) => t.adopt(owner), "adopt", [owner]);
  }

  /** A facilitator control (start, pause, resume, extend, fire_inject, end): the table's reply or refusal. */
  facilitate(matchId: string, type: FacilitatorActionType, payload: Record<string, unknown> = {}): Promise<Awaited<ReturnType<LiveMatch["facilitate"]>>> {
    return this.call(matchId, (t) => t.facilitate(type, payload), "facilitate", [type, payload]);
  }

  /** A bot keeps this delegation until someone joins it (left alone when someone is at it). */
  standIn(matchId: string, delegation: string): Promise<Awaited<ReturnType<LiveMatch["standIn"]>>> {
    return this.call(matchId, (t) => t.standIn(delegation), "standIn", [delegation]);
  }

  /** A seat for a person the server names: their seat token, or the table's refusal. */
  issueSeat(matchId: string, delegation: string, name: string): Promise<Awaited<ReturnType<LiveMatch["issueSeat"]>>> {
    return this.call(matchId, (t) => t.issueSeat(delegation, name), "issueSeat", [delegation, name]);
  }

  /**
   * Close the connections that came through a person's (revoked) personal link, wherever the table
   * runs; 0 when it runs nowhere (a table is not restored for this: nobody is connected to it).
   */
  async signOutPerson(matchId: string, personId: string): Promise<number> {
    const live = this.live.get(matchId);
    if (live) return live.signOutPerson(personId);
    if (!(await this.listedElsewhere(matchId))) return 0;
    try {
      return await matchMaker.remoteRoomCall<LiveMatch, "signOutPerson">(matchId, "signOutPerson", [personId], this.callTimeoutMs);
    } catch (e) {
      // The link is revoked all the same (it is refused at the next join); the connections there stay open until they leave.
      log.warn("could not close a revoked personal link's connections at a table in another process", { matchId, error: e instanceof Error ? e.message : String(e) });
      return 0;
    }
  }

  /**
   * The table's game and seating, wherever it runs; null when it runs nowhere this process can
   * reach (it is not restored for a look: a look must stay cheap).
   */
  async look(matchId: string): Promise<TableLook | null> {
    const live = this.live.get(matchId);
    if (live) return { game: live.game(), seating: live.seating() };
    if (!(await this.listedElsewhere(matchId))) return null;
    try {
      const [game, seating] = await Promise.all([
        matchMaker.remoteRoomCall<LiveMatch, "game">(matchId, "game", [], this.lookTimeoutMs),
        matchMaker.remoteRoomCall<LiveMatch, "seating">(matchId, "seating", [], this.lookTimeoutMs),
      ]);
      return { game, seating };
    } catch {
      // Listed, but its process did not answer in time (stopping, or gone a moment ago): not reachable now.
      return null;
    }
  }

  /** Each delegation's seating, wherever the table runs; undefined when it runs nowhere reachable. */
  async seating(matchId: string): Promise<Seating | undefined> {
    const live = this.live.get(matchId);
    if (live) return live.seating();
    if (!(await this.listedElsewhere(matchId))) return undefined;
    try {
      return await matchMaker.remoteRoomCall<LiveMatch, "seating">(matchId, "seating", [], this.lookTimeoutMs);
    } catch {
      // As in look(): listed, but its process did not answer in time, so it is not reachable now.
      return undefined;
    }
  }

  /**
   * Run `method` on the table: here when it runs here (restored here first if its process is gone),
   * else in the process that lists it. Throws TableUnreachable when it runs nowhere reachable.
   */
  private async call<R>(matchId: string, here: (table: LiveMatch) => Promise<R>, method: keyof LiveMatch & string, args: unknown[]): Promise<R> {
    let restoreFailed = "";
    if (!this.live.has(matchId)) {
      // A failed restore check (Redis or the database hiccuping) is not the end: the table may run elsewhere.
      await this.restoreTable(matchId).catch((e: unknown) => {
        restoreFailed = `; restoring it failed: ${e instanceof Error ? e.message : String(e)}`;
      });
    }
    const live = this.live.get(matchId);
    if (live) return here(live);
    if (!(await this.listedElsewhere(matchId))) throw new TableUnreachable(matchId, `no process runs it${restoreFailed}`);
    try {
      // Why the cast: remoteRoomCall's answer comes back through Redis as plain data of the method's return type.
      return (await matchMaker.remoteRoomCall<LiveMatch>(matchId, method, args, this.callTimeoutMs)) as R;
    } catch (e) {
      throw new TableUnreachable(matchId, e instanceof Error ? e.message : String(e));
    }
  }

  /** Whether another process lists the table (only with shared matchmaking; a failed lookup counts as no). */
  private async listedElsewhere(matchId: string): Promise<boolean> {
    if (!this.shared) return false;
    const listing = await withTimeout(Promise.resolve(matchMaker.getRoomById(matchId)), this.lookTimeoutMs).catch(() => null);
    return Boolean(listing) && listing!.processId !== matchMaker.processId;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
