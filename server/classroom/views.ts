// What each person in a class receives, as pure functions of the class's state: the welcome, the
// class snapshot (the facilitator sees every student and table, a student only themself and their
// own table), their seat, and their debrief. The room only sends them.
import type { ClassDebrief, ClassSeat, ClassSnapshot, ClassWelcome } from "../../shared/classroom/protocol.ts";
import { criteriaOf } from "../../shared/classroom/session.ts";
import { reveal } from "../../shared/rules/index.ts";
import type { GameState, Reveal } from "../../shared/rules/types.ts";
import { formatJoinCode } from "../tokens.ts";
import { plannedTables, type ClassState, type Student } from "./state.ts";

/** Who a connection is in the class, and the tokens to hand it once (on its first welcome). */
export interface ClassIdentity {
  facilitator: boolean;
  studentId: string | null;
  issued?: { studentToken?: string; facilitatorToken?: string };
  /** The person whose personal link alone let this connection in (closed when that link is revoked). */
  viaLinkOf?: string;
}

export function welcomeFor(state: ClassState, identity: ClassIdentity): ClassWelcome {
  const welcome: ClassWelcome = {
    sessionId: state.sessionId,
    code: formatJoinCode(state.code),
    role: identity.facilitator ? "facilitator" : "student",
    studentId: identity.studentId,
    serverTime: Date.now(),
  };
  if (identity.issued?.studentToken) welcome.studentToken = identity.issued.studentToken;
  if (identity.issued?.facilitatorToken) welcome.facilitatorToken = identity.issued.facilitatorToken;
  return welcome;
}

/** The whole class as the facilitator sees it. */
export function classSnapshot(state: ClassState, facilitatorConnected: boolean, tablePhases: (string | undefined)[]): ClassSnapshot {
  const { scenario, options } = state;
  return {
    sessionId: state.sessionId,
    title: options.title ?? scenario.title,
    scenario: {
      id: scenario.id,
      title: scenario.title,
      delegations: scenario.delegations.map((d) => ({ id: d.id, name: d.name, bot: d.id in options.bots })),
      injects: scenario.injects.map((i) => ({ id: i.id, title: i.title, trigger: i.trigger === "facilitator" ? "facilitator" : `round ${i.trigger.round}` })),
    },
    phase: state.phaseClock.phase,
    endsAt: state.phaseClock.endsAt,
    pausedLeftMs: state.phaseClock.pausedLeftMs,
    tables: state.tables,
    plannedTables: plannedTables(state),
    matches: Object.fromEntries(state.matches),
    teams: options.teams,
    criteria: criteriaOf(options),
    students: [...state.students.values()].map((s) => ({ id: s.id, name: s.name, connected: s.sessions.size > 0, place: s.place })),
    studentCount: state.students.size,
    tablesPaused: state.phaseClock.phase === "negotiation" && tablePhases.includes("paused") && !tablePhases.includes("running"),
    facilitatorConnected,
  };
}

/**
 * What this connection may see of the class: the facilitator every student and every table's
 * match id, a student only themself and their own table's id.
 */
export function snapshotFor(state: ClassState, identity: ClassIdentity | undefined, full: ClassSnapshot): ClassSnapshot {
  if (identity?.facilitator) return full;
  const place = identity?.studentId ? state.students.get(identity.studentId)?.place : null;
  const mine = place ? full.matches[place.table] : undefined;
  return { ...full, students: full.students.filter((s) => s.id === identity?.studentId), matches: place && mine ? { [place.table]: mine } : {} };
}

/** Where a student sits, once their table exists: table, delegation, match id and the table's code. */
export function seatOf(state: ClassState, student: Student): ClassSeat | null {
  const place = student.place;
  if (!place) return null;
  const matchId = state.matches.get(place.table);
  const code = state.tableCodes.get(place.table);
  if (!matchId || !code) return null;
  return { table: place.table, delegation: place.delegation, matchId, code };
}

/**
 * A student's debrief: every table's outcome and their own table's reveal (once it has ended).
 * `reveals` is shared across the students of one send, so a table is revealed once.
 */
export function debriefFor(
  state: ClassState,
  studentId: string,
  tables: ClassDebrief["tables"],
  gameOf: (table: number) => GameState | null,
  reveals: Map<number, Reveal>,
): ClassDebrief {
  const place = state.students.get(studentId)?.place;
  let mine: ClassDebrief["mine"] = null;
  const game = place ? gameOf(place.table) : null;
  if (place && game?.phase === "ended") {
    if (!reveals.has(place.table)) reveals.set(place.table, reveal(game));
    mine = { table: place.table, reveal: reveals.get(place.table)! };
  }
  return { tables, mine };
}
