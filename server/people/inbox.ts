// The inbox: every table a person holds a seat at, across their devices, with what waits for them
// there — whether it is their move, when the turn runs out, statements and private messages since
// they last looked, injects fired since then. Built from each table's game (in memory wherever it
// runs, through TableAccess; else its stored log replayed) and the turn clock the log keeps.
import { delegationsToMove } from "../../shared/rules/legal.ts";
import type { GameState } from "../../shared/rules/types.ts";
import type { ServerContext } from "../context.ts";
import { log } from "../log.ts";
import { replayMatch, storedScenario } from "../db/replay.ts";
import type { InboxClass, InboxEntry, InboxTournament } from "../../shared/protocol/people.ts";
import type { HeldSeat, PeopleStore } from "./store.ts";

/** A table's game now: from memory where it runs, else its log replayed (null when it cannot be read). */
async function gameOf(ctx: ServerContext, matchId: string, status: string): Promise<GameState | null> {
  const look = await ctx.tables.look(matchId);
  if (look) return look.game;
  if (status === "abandoned") return null;
  const stored = await ctx.store.loadMatch(matchId);
  if (!stored) return null;
  try {
    return replayMatch(stored);
  } catch (e) {
    // The inbox still lists the table (without its news); the broken log is the operator's to know.
    log.warn("inbox: a table's stored log does not replay", { matchId, error: e instanceof Error ? e.message : String(e) });
    return null;
  }
}

/** The turn clock after a match's last action, as its log keeps it. */
async function clockOf(ctx: ServerContext, matchId: string): Promise<{ endsAt: number | null; leftMs: number | null }> {
  const row = await ctx.store.db.selectFrom("events").select(["turn_ends_at", "turn_left_ms"]).where("match_id", "=", matchId).orderBy("seq", "desc").limit(1).executeTakeFirst();
  return { endsAt: row?.turn_ends_at == null ? null : Number(row.turn_ends_at), leftMs: row?.turn_left_ms == null ? null : Number(row.turn_left_ms) };
}

export function entryOf(seat: HeldSeat, row: { scenario_id: string; status: string }, game: GameState, clock: { endsAt: number | null; leftMs: number | null }, title: string): InboxEntry {
  const me = seat.delegation;
  const live = game.phase === "running" || game.phase === "paused";
  const yourMove = me !== null && game.phase === "running" && delegationsToMove(game).includes(me);
  let unreadStatements = 0;
  let unreadMessages = 0;
  for (const m of game.messages) {
    if (m.version <= seat.seenVersion) continue;
    if (m.channel === "public" && m.from !== me) unreadStatements++;
    else if (m.channel === "private" && me !== null && m.to === me) unreadMessages++;
  }
  return {
    matchId: seat.matchId,
    scenarioId: row.scenario_id,
    title,
    delegation: me,
    delegationName: game.scenario.delegations.find((d) => d.id === me)?.name ?? null,
    status: row.status,
    phase: game.phase,
    round: game.round,
    version: game.version,
    yourMove,
    turnEndsAt: live && game.phase === "running" ? clock.endsAt : null,
    turnLeftMs: game.phase === "paused" ? clock.leftMs : null,
    unreadStatements,
    unreadMessages,
    newInjects: Math.max(0, game.firedInjects.length - seat.seenInjects),
  };
}

/** A table that is over, from its row alone: no move, no clock, nothing counted as unread. */
function overEntry(seat: HeldSeat, row: { scenario_id: string; scenario_json: string; status: string; id: string }, title: string): InboxEntry {
  let delegationName: string | null = null;
  try {
    delegationName = storedScenario(row).delegations.find((d) => d.id === seat.delegation)?.name ?? null;
  } catch (e) {
    log.warn("inbox: a table's stored scenario does not read", { matchId: row.id, error: e instanceof Error ? e.message : String(e) });
    delegationName = null;
  }
  return {
    matchId: seat.matchId,
    scenarioId: row.scenario_id,
    title,
    delegation: seat.delegation,
    delegationName,
    status: row.status,
    phase: "ended",
    round: 0,
    version: 0,
    yourMove: false,
    turnEndsAt: null,
    turnLeftMs: null,
    unreadStatements: 0,
    unreadMessages: 0,
    newInjects: 0,
  };
}

/** Sorted: your move first (soonest deadline first), then running tables, then the rest (newest first). */
function rank(e: InboxEntry): number {
  if (e.yourMove) return 0;
  if (e.phase === "running" || e.phase === "paused") return 1;
  if (e.phase === "waiting") return 2;
  return 3;
}

export async function inboxOf(ctx: ServerContext, people: PeopleStore, personId: string): Promise<InboxEntry[]> {
  const seats = await people.seatsOf(personId);
  if (seats.length === 0) return [];
  const rows = await ctx.store.db
    .selectFrom("matches")
    .select(["id", "scenario_id", "scenario_json", "status"])
    .where("id", "in", [...new Set(seats.map((s) => s.matchId))])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const entries: InboxEntry[] = [];
  for (const seat of seats) {
    const row = byId.get(seat.matchId);
    // A table deleted by retention is gone from the inbox too.
    if (!row) continue;
    const title = ctx.catalog.get(row.scenario_id)?.title ?? storedScenario(row).title;
    if ((row.status === "ended" || row.status === "abandoned") && !ctx.tables.local(seat.matchId)) {
      // Over: nothing waits there, so its log is not replayed on every read of the inbox.
      entries.push(overEntry(seat, row, title));
      continue;
    }
    const game = await gameOf(ctx, seat.matchId, row.status);
    if (!game) continue;
    const clock = await clockOf(ctx, seat.matchId);
    entries.push(entryOf(seat, row, game, clock, title));
  }
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const r = rank(a.e) - rank(b.e);
      if (r !== 0) return r;
      if (a.e.yourMove && b.e.yourMove) return (a.e.turnEndsAt ?? Infinity) - (b.e.turnEndsAt ?? Infinity);
      return a.i - b.i;
    })
    .map(({ e }) => e)
    .filter((e, i, all) => all.findIndex((x) => x.matchId === e.matchId && x.delegation === e.delegation) === i);
}

/** What the person has seen of a table now: its version and injects fired (for markSeen). */
export async function seenNow(ctx: ServerContext, matchId: string): Promise<{ version: number; injects: number } | null> {
  const row = await ctx.store.db.selectFrom("matches").select(["status"]).where("id", "=", matchId).executeTakeFirst();
  if (!row) return null;
  const game = await gameOf(ctx, matchId, row.status);
  return game ? { version: game.version, injects: game.firedInjects.length } : null;
}

/** The classes the person holds (classes deleted by retention, or students gone, are left out). */
export async function classesOf(ctx: ServerContext, people: PeopleStore, personId: string): Promise<InboxClass[]> {
  const held = await people.classesOf(personId);
  if (held.length === 0) return [];
  const db = ctx.store.db;
  const sessions = new Map((await db.selectFrom("class_sessions").select(["id", "scenario_id", "options_json", "phase", "closed"]).where("id", "in", held.map((c) => c.sessionId)).execute()).map((r) => [r.id, r]));
  const students = new Map((await db.selectFrom("class_students").select(["id", "session_id", "table_no", "delegation"]).where("id", "in", held.map((c) => c.studentId)).execute()).map((r) => [`${r.session_id}/${r.id}`, r]));
  const tables = await db.selectFrom("class_tables").select(["session_id", "table_no", "match_id"]).where("session_id", "in", held.map((c) => c.sessionId)).execute();
  const out: InboxClass[] = [];
  for (const c of held) {
    const session = sessions.get(c.sessionId);
    const student = students.get(`${c.sessionId}/${c.studentId}`);
    if (!session || !student) continue;
    let title: string | undefined;
    try {
      const options = JSON.parse(session.options_json) as { title?: unknown };
      if (typeof options.title === "string" && options.title !== "") title = options.title;
    } catch (e) {
      // Written by the server as JSON: a row that does not parse is listed under its scenario's title, and said.
      log.warn("inbox: a class's stored options are not JSON", { sessionId: c.sessionId, error: e instanceof Error ? e.message : String(e) });
      title = undefined;
    }
    const tableNo = student.table_no == null ? null : Number(student.table_no);
    out.push({
      sessionId: c.sessionId,
      title: title ?? ctx.catalog.get(session.scenario_id)?.title ?? session.scenario_id,
      phase: session.phase,
      closed: Number(session.closed) === 1,
      studentId: c.studentId,
      table: tableNo === null ? null : { table: tableNo, matchId: tables.find((t) => t.session_id === c.sessionId && Number(t.table_no) === tableNo)?.match_id ?? null, delegation: student.delegation },
    });
  }
  return out;
}

/** The tournament entries the person holds (tournaments deleted by retention are left out). */
export async function entriesOf(ctx: ServerContext, people: PeopleStore, personId: string): Promise<InboxTournament[]> {
  const held = await people.entriesOf(personId);
  if (held.length === 0) return [];
  const db = ctx.store.db;
  const ids = held.map((e) => e.tournamentId);
  const tournaments = new Map((await db.selectFrom("tournaments").select(["id", "name", "status", "current_round", "rounds"]).where("id", "in", ids).execute()).map((r) => [r.id, r]));
  const entrants = await db.selectFrom("tournament_entrants").select(["tournament_id", "id", "name"]).where("tournament_id", "in", ids).execute();
  const out: InboxTournament[] = [];
  for (const e of held) {
    const t = tournaments.get(e.tournamentId);
    const entrant = entrants.find((x) => x.tournament_id === e.tournamentId && x.id === e.entrantId);
    if (!t || !entrant) continue;
    out.push({ tournamentId: t.id, name: t.name, status: t.status, currentRound: Number(t.current_round), rounds: Number(t.rounds), entrantId: entrant.id, entrantName: entrant.name });
  }
  return out;
}
