// The tournament director: runs hosted tournaments on real `negotiation` tables. For each round it
// pairs the entrants (shared/tournaments), plans the tables in the database, creates each as a
// negotiation room the server adopts (no creator, spectators need no code), seats bots by
// configuration and people through seat tokens it issues when they ask (round-tables.ts `seatFor`), starts tables
// of bots only itself (people's tables start when everyone has sat down), records each result
// when the table ends (`onMatchEnded`), and pairs the next round once every table of the round has
// ended.
//
// Restart: the server restores unfinished tables first; then `start` rescans every running
// tournament: games whose table ended while nobody listened are recorded from the stored log,
// planned tables never created are created, tables of bots that never started are started, and a
// finished round moves on. Recording is guarded in the database (a game is recorded once, a round
// closed once), so a rescan and a late event, or two processes, cannot count a game twice.
import { gameResult, pairRound, standings, type TournamentGame } from "../../shared/tournaments/index.ts";
import type { CreateTournament } from "../../shared/tournaments/api.ts";
import type { ServerContext } from "../context.ts";
import { replayMatch } from "../db/replay.ts";
import { log } from "../log.ts";
import { onMatchEnded } from "../rooms/match-events.ts";
import { DEFAULT_STAND_IN_MINUTES, planTournament, TournamentRefusal, type CreatedTournament } from "./entrants.ts";
import { RoundTables } from "./round-tables.ts";
import { TournamentStore, type TournamentRecord } from "./store.ts";

/** How long after a failed task the tournament is rescanned. */
const RETRY_MS = 10_000;

export class TournamentDirector {
  readonly store: TournamentStore;
  /** The current round's tables: created, started, seats issued, stand-ins. */
  readonly tables: RoundTables;
  private unsubscribe: (() => void) | null = null;
  /** One task at a time per tournament (recording, pairing, organiser actions). */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Per tournament: the timer that has bots stand in for absent entrants of a started round. */
  private readonly standInTimers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly ctx: ServerContext) {
    this.store = new TournamentStore(ctx.store.db);
    this.tables = new RoundTables(ctx.tables, ctx.catalog, this.store);
  }

  /** Follow tables as they end, then catch up with whatever happened while the server was down. */
  async start(): Promise<number> {
    this.unsubscribe = await onMatchEnded((event) => void this.tableEnded(event.matchId));
    const ids = await this.store.runningIds();
    for (const id of ids) await this.serial(id, () => this.rescan(id));
    return ids.length;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.standInTimers.values()) clearTimeout(timer);
    this.standInTimers.clear();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private serial<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.catch((e: unknown) => {
      if (this.stopped || e instanceof TournamentRefusal) return;
      // The server refusing a table for now (at its table limit, or keeping its last places for
      // tables people play: a table of bots only) is no fault of ours: a warning, and a retry.
      const refused = /^(reserved_for_people|too_many_matches):/.exec(e instanceof Error ? e.message : "");
      if (refused) log.warn("tournament table refused by the server for now; retrying shortly", { tournamentId: id, reason: refused[1], message: (e as Error).message });
      else log.error("tournament task failed; retrying shortly", { tournamentId: id, error: e });
      // A table that could not be created (the server at its table limit, a store hiccup): the
      // rescan creates what is missing and records what ended, as after a restart.
      setTimeout(() => {
        // A failed rescan is logged by serial (and retried), so its promise has nothing more to say.
        if (!this.stopped) void this.serial(id, () => this.rescan(id)).catch(() => undefined);
      }, RETRY_MS).unref();
    });
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return run;
  }

  // ---- organiser actions -------------------------------------------------------------------

  async create(body: CreateTournament): Promise<CreatedTournament> {
    const planned = planTournament(this.ctx.catalog, body);
    await this.store.insert(planned.record, planned.entrants);
    log.info("tournament created", { tournamentId: planned.record.id, format: planned.record.format, rounds: planned.record.rounds, entrants: planned.entrants.length });
    return planned;
  }


  /** Start round 1. */
  begin(id: string): Promise<TournamentRecord> {
    return this.serial(id, async () => {
      const t = await this.mustGet(id);
      if (t.status !== "waiting") throw new TournamentRefusal(409, "conflict", `start: the tournament is ${t.status}, not waiting`);
      await this.store.update(id, { status: "running", started_at: new Date().toISOString() });
      await this.nextRound({ ...t, status: "running" });
      return (await this.store.get(id))!;
    });
  }

  /** Stop the tournament: live tables end (by the facilitator), no further round. */
  cancel(id: string): Promise<TournamentRecord> {
    return this.serial(id, async () => {
      const t = await this.mustGet(id);
      if (t.status === "finished" || t.status === "cancelled") throw new TournamentRefusal(409, "conflict", `cancel: the tournament is already ${t.status}`);
      await this.store.update(id, { status: "cancelled", ended_at: new Date().toISOString() });
      this.clearStandIns(id);
      await this.tables.endRunning(id);
      return (await this.store.get(id))!;
    });
  }

  /**
   * Start the current round's tables that still wait for people. Entrants who have not sat down
   * `standInAfterMinutes` later get a bot in their place (it steps aside when they arrive).
   */
  startTables(id: string): Promise<number> {
    return this.serial(id, async () => {
      const t = await this.mustGet(id);
      if (t.status !== "running") throw new TournamentRefusal(409, "conflict", `start_tables: the tournament is ${t.status}, not running`);
      const started = await this.tables.startWaiting(t);
      this.scheduleStandIns(t);
      return started;
    });
  }

  /**
   * The organiser's swap: a bot now for one absent entrant of the current round (`entrant`), or for
   * every absent one; a table still waiting then starts. An entrant who is at their table keeps it.
   * Returns how many absent entrants a bot now plays for.
   */
  standInNow(id: string, entrant?: string): Promise<number> {
    return this.serial(id, async () => {
      const t = await this.mustGet(id);
      if (t.status !== "running") throw new TournamentRefusal(409, "conflict", `stand_in: the tournament is ${t.status}, not running`);
      if (entrant !== undefined) {
        const known = (await this.store.entrants(id)).find((e) => e.id === entrant);
        if (!known) throw new TournamentRefusal(404, "not_found", `stand_in: no entrant '${entrant}' in this tournament`);
        if (known.kind !== "person") throw new TournamentRefusal(409, "conflict", `stand_in: ${known.name} is a bot already`);
      }
      return this.tables.standInAbsent(t, entrant);
    });
  }

  /** Arm (or re-arm) the stand-in clock of the tournament's current round. */
  private scheduleStandIns(t: TournamentRecord): void {
    this.clearStandIns(t.id);
    const minutes = t.options.standInAfterMinutes ?? DEFAULT_STAND_IN_MINUTES;
    const round = t.currentRound;
    const timer = setTimeout(() => {
      this.standInTimers.delete(t.id);
      if (this.stopped) return;
      void this.serial(t.id, async () => {
        const now = await this.store.get(t.id);
        if (!now || now.status !== "running" || now.currentRound !== round) return;
        const count = await this.tables.standInAbsent(now);
        if (count > 0) log.info("tournament stand-ins for absent entrants", { tournamentId: t.id, round, standIns: count });
      }).catch(() => undefined); // logged by serial
    }, minutes * 60_000);
    timer.unref();
    this.standInTimers.set(t.id, timer);
  }

  private clearStandIns(id: string): void {
    const timer = this.standInTimers.get(id);
    if (timer) clearTimeout(timer);
    this.standInTimers.delete(id);
  }


  private async mustGet(id: string): Promise<TournamentRecord> {
    const t = await this.store.get(id);
    if (!t) throw new TournamentRefusal(404, "not_found", `no tournament '${id}'`);
    return t;
  }

  // ---- entrants ----------------------------------------------------------------------------


  // ---- rounds and tables -------------------------------------------------------------------

  private async nextRound(t: TournamentRecord): Promise<void> {
    const round = t.currentRound + 1;
    const scenarioId = t.scenarios[(round - 1) % t.scenarios.length]!;
    const scenario = this.ctx.catalog.get(scenarioId);
    if (!scenario) throw new Error(`round ${round}: scenario '${scenarioId}' is no longer on this server`);
    const entrants = await this.store.entrants(t.id);
    const games = await this.store.games(t.id);
    const ranking = standings(entrants, games).map((s) => s.entrant);
    const tables = pairRound({
      format: t.format,
      entrants: entrants.map((e) => e.id),
      roles: scenario.delegations.map((d) => d.id),
      round,
      history: games,
      ranking,
    });
    await this.store.planRound(t.id, round, scenarioId, tables);
    log.info("tournament round paired", { tournamentId: t.id, round, tables: tables.length });
    await this.tables.createTables({ ...t, currentRound: round });
  }


  // ---- results -----------------------------------------------------------------------------

  private async tableEnded(matchId: string): Promise<void> {
    if (this.stopped) return;
    const found = await this.store.gameOfMatch(matchId).catch((e: unknown) => {
      log.error("tournament: could not look up the game of an ended table", { matchId, error: e });
      return null;
    });
    if (!found) return;
    await this.serial(found.tournamentId, async () => {
      await this.record(found.tournamentId, found.game);
      await this.advance(found.tournamentId);
    });
  }

  /**
   * Record a game from its stored log (the record is the truth: the log is written before a table
   * changes, so it holds the final action even if the match row is not yet marked ended).
   * Returns whether the game is now finished.
   */
  private async record(tournamentId: string, game: TournamentGame): Promise<boolean> {
    if (game.status !== "running" || !game.matchId) return game.status !== "running";
    const stored = await this.ctx.store.loadMatch(game.matchId);
    if (!stored) {
      await this.store.finishGame(tournamentId, game.round, game.table, "void", null);
      return true;
    }
    const state = replayMatch(stored);
    if (state.phase === "ended") {
      this.tables.forgetSeats(game);
      if (await this.store.finishGame(tournamentId, game.round, game.table, "ended", gameResult(state, game.seats))) {
        log.info("tournament game recorded", { tournamentId, round: game.round, table: game.table, matchId: game.matchId, agreement: state.outcome?.agreement });
      }
      return true;
    }
    if (stored.match.status === "abandoned") {
      await this.store.finishGame(tournamentId, game.round, game.table, "void", null);
      log.warn("tournament game void: its table was abandoned", { tournamentId, matchId: game.matchId });
      return true;
    }
    return false;
  }

  /**
   * When every game of the current round is finished: close it, then pair the next or finish.
   * Only the task that closes the round goes on (several processes hear every table end); a
   * rescan (`recovering`) also goes on from a round closed before a stop.
   */
  private async advance(tournamentId: string, recovering = false): Promise<void> {
    const t = await this.store.get(tournamentId);
    if (!t || t.status !== "running") return;
    const games = (await this.store.games(tournamentId)).filter((g) => g.round === t.currentRound);
    if (games.some((g) => g.status === "running")) return;
    const closed = await this.store.finishRound(tournamentId, t.currentRound);
    if (!closed && !recovering) return;
    if (t.currentRound >= t.rounds) {
      await this.store.update(tournamentId, { status: "finished", ended_at: new Date().toISOString() });
      log.info("tournament finished", { tournamentId, rounds: t.rounds });
      return;
    }
    await this.nextRound(t);
  }

  /** After a restart: bring the current round up to date and move on if it is done. */
  private async rescan(tournamentId: string): Promise<void> {
    const t = await this.store.get(tournamentId);
    if (!t || t.status !== "running") return;
    if (t.currentRound === 0) {
      await this.nextRound(t);
      return;
    }
    for (const g of await this.store.games(tournamentId)) {
      if (g.round !== t.currentRound || g.status !== "running" || !g.matchId) continue;
      const stored = await this.ctx.store.loadMatch(g.matchId);
      if (stored && stored.actions.length === 0 && (stored.match.status === "pending" || stored.match.status === "abandoned")) {
        // Created but not adopted before the stop (so given up at start): nobody played it; create it anew.
        await this.store.db.updateTable("tournament_games").set({ match_id: null }).where("match_id", "=", g.matchId).execute();
        continue;
      }
      if (await this.record(tournamentId, g)) continue;
      const live = this.ctx.tables.local(g.matchId);
      if (live && live.game().phase === "waiting" && live.seating().every((d) => d.control === "bot")) {
        await this.ctx.tables.facilitate(g.matchId, "start");
      }
    }
    await this.tables.createTables(t);
    // Tables of the current round already under way (the organiser started them before the stop):
    // the absent entrants' clock starts over.
    const started = (await this.store.games(tournamentId)).some((g) => {
      const live = g.round === t.currentRound && g.status === "running" && g.matchId ? this.ctx.tables.local(g.matchId) : undefined;
      return live !== undefined && live.game().phase !== "waiting" && live.seating().some((d) => d.control !== "bot");
    });
    if (started) this.scheduleStandIns(t);
    await this.advance(tournamentId, true);
  }
}

const directors = new WeakMap<ServerContext, TournamentDirector>();

/** The director of this server (one per server context). */
export function directorFor(ctx: ServerContext): TournamentDirector {
  let d = directors.get(ctx);
  if (!d) {
    d = new TournamentDirector(ctx);
    directors.set(ctx, d);
  }
  return d;
}

/** At start, after the unfinished tables are restored: follow tables, and catch up. Returns the running tournaments. */
export function startTournaments(ctx: ServerContext): Promise<number> {
  return directorFor(ctx).start();
}

export function stopTournaments(ctx: ServerContext): void {
  directors.get(ctx)?.stop();
}
