// The tables of a tournament's current round: created from the round's plan as `negotiation`
// tables the server adopts, seat tokens issued to the people who ask for theirs, started, and bots
// standing in for absent entrants. Every call goes through server/tables.ts, wherever the table runs.
import type { CreateOptionsInput } from "../../shared/protocol/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { HOUSE_BOT, type TournamentGame } from "../../shared/tournaments/index.ts";
import type { ScenarioCatalog } from "../catalog.ts";
import { log } from "../log.ts";
import type { TableAccess } from "../tables.ts";
import type { StoredEntrant, TournamentRecord, TournamentStore } from "./store.ts";

export class RoundTables {
  /** Seat tokens already issued this process: `${matchId}/${entrantId}`. */
  private readonly seats = new Map<string, string>();

  constructor(
    private readonly tables: TableAccess,
    private readonly catalog: ScenarioCatalog,
    private readonly store: TournamentStore,
  ) {}

  /** Start the current round's tables that still wait (for people); how many started. */
  async startWaiting(t: TournamentRecord): Promise<number> {
    let started = 0;
    for (const g of await this.store.games(t.id)) {
      if (g.round !== t.currentRound || g.status !== "running" || !g.matchId) continue;
      const live = this.tables.local(g.matchId);
      if (live && live.game().phase !== "waiting") continue;
      const reply = await this.tables.facilitate(g.matchId, "start").catch((e: unknown) => this.unreachable(t.id, g.matchId!, "start", e));
      if (reply && "ok" in reply) started++;
    }
    return started;
  }

  /** End every table still running (a cancelled tournament), by the facilitator. */
  async endRunning(tournamentId: string): Promise<void> {
    for (const g of await this.store.games(tournamentId)) {
      if (g.status === "running" && g.matchId) await this.tables.facilitate(g.matchId, "end").catch((e: unknown) => this.unreachable(tournamentId, g.matchId!, "end", e));
    }
  }

  /** A recorded game's seat tokens are no longer handed out. */
  forgetSeats(game: TournamentGame): void {
    for (const s of game.seats) this.seats.delete(`${game.matchId}/${s.entrant}`);
  }

  /**
   * A bot for every person of the current round (or only `only`) with nobody at their delegation;
   * tables still waiting start. The table decides who is absent (`standIn` leaves a delegation with
   * anyone at it alone), so the count is what the table reports where it runs in this process.
   */
  async standInAbsent(t: TournamentRecord, only?: string): Promise<number> {
    const people = new Set((await this.store.entrants(t.id)).filter((e) => e.kind === "person").map((e) => e.id));
    let count = 0;
    for (const g of await this.store.games(t.id)) {
      if (g.round !== t.currentRound || g.status !== "running" || !g.matchId) continue;
      const seats = g.seats.filter((s) => s.entrant !== null && people.has(s.entrant) && (only === undefined || s.entrant === only));
      if (seats.length === 0) continue;
      for (const s of seats) {
        const live = this.tables.local(g.matchId);
        const before = live?.seating().find((d) => d.id === s.delegation)?.control;
        const reply = await this.tables.standIn(g.matchId, s.delegation).catch((e: unknown) => this.unreachable(t.id, g.matchId!, "stand_in", e));
        if (!reply || !("ok" in reply)) continue;
        const after = live ? live.seating().find((d) => d.id === s.delegation)?.control : "bot";
        if (before !== "bot" && after === "bot") count++;
      }
      const live = this.tables.local(g.matchId);
      if (!live || live.game().phase === "waiting") await this.tables.facilitate(g.matchId, "start").catch((e: unknown) => this.unreachable(t.id, g.matchId!, "start", e));
    }
    return count;
  }

  /** The entrant's table of the current round and a seat token for it, or null when they have none now. */
  async seatFor(tournamentId: string, entrant: StoredEntrant): Promise<{ game: TournamentGame; delegation: string; seatToken: string } | null> {
    const t = await this.store.get(tournamentId);
    if (!t || t.status !== "running") return null;
    const games = await this.store.games(tournamentId);
    const game = games.find((g) => g.round === t.currentRound && g.status === "running" && g.matchId && g.seats.some((s) => s.entrant === entrant.id));
    if (!game?.matchId) return null;
    const delegation = game.seats.find((s) => s.entrant === entrant.id)!.delegation;
    const key = `${game.matchId}/${entrant.id}`;
    let seatToken = this.seats.get(key);
    if (!seatToken) {
      const reply = await this.tables.issueSeat(game.matchId, delegation, entrant.name);
      if ("code" in reply) {
        if (reply.code === "match_over") return null;
        throw new Error(`issue_seat refused: ${reply.code}: ${reply.message}`);
      }
      seatToken = reply.seatToken;
      this.seats.set(key, seatToken);
    }
    return { game, delegation, seatToken };
  }

  /** Create every planned table of the current round that has no match yet. */
  async createTables(t: TournamentRecord): Promise<void> {
    const entrants = new Map((await this.store.entrants(t.id)).map((e) => [e.id, e]));
    for (const g of await this.store.games(t.id)) {
      if (g.round !== t.currentRound || g.matchId !== null || g.status !== "running") continue;
      const scenario = this.catalog.get(g.scenario);
      if (!scenario) throw new Error(`round ${g.round}: scenario '${g.scenario}' is no longer on this server`);
      await this.createTable(t, g, scenario, entrants);
    }
  }

  private async createTable(t: TournamentRecord, g: TournamentGame, scenario: Scenario, entrants: Map<string, StoredEntrant>): Promise<void> {
    const seats: Record<string, { kind: "bot"; strategy: string }> = {};
    let people = 0;
    for (const s of g.seats) {
      const e = s.entrant === null ? null : entrants.get(s.entrant)!;
      if (e === null) seats[s.delegation] = { kind: "bot", strategy: HOUSE_BOT };
      else if (e.kind === "bot") seats[s.delegation] = { kind: "bot", strategy: e.strategy! };
      else people++;
    }
    const options: CreateOptionsInput = {
      scenario: scenario.id,
      seats: seats as CreateOptionsInput["seats"],
      listed: false,
      startWhen: "full",
      openToObservers: true,
      // Never a coach at a tournament's table: its results are ranked.
      coach: false,
      fastBots: people === 0 && t.options.botPace === "instant",
      ...(t.options.secondsPerTurn !== undefined ? { secondsPerTurn: t.options.secondsPerTurn } : {}),
    };
    const matchId = await this.tables.create(options);
    // Recorded before it is adopted: a stop in between leaves a pending match, which the rescan replaces.
    await this.store.setMatch(t.id, g.round, g.table, matchId);
    const adopted = await this.tables.adopt(matchId, "tournament");
    if (!adopted) throw new Error(`table ${matchId}: could not be adopted`);
    log.info("tournament table created", { tournamentId: t.id, round: g.round, table: g.table, matchId, people });
    if (people === 0) await this.tables.facilitate(matchId, "start");
  }

  /** A table the director could not reach: logged, and the task goes on (the rescan catches up). */
  unreachable(tournamentId: string, matchId: string, what: string, e: unknown): null {
    log.warn(`tournament: ${what} did not reach its table`, { tournamentId, matchId, error: e instanceof Error ? e.message : String(e) });
    return null;
  }
}
