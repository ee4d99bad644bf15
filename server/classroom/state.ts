// What a class room holds about its session, in one object the room's parts share (the requests,
// the table control, the monitor, the views): the scenario and options, the phase clock, the
// students and their places, the tables and the facilitator's scores. Plain data and a few pure
// reads; it is saved through ClassStore by whoever changes it.
import type { Place } from "../../shared/classroom/assign.ts";
import type { PhaseClock } from "../../shared/classroom/phases.ts";
import { tableCount, type ClassOptions, type ScenarioSeats } from "../../shared/classroom/session.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { StoredStudent } from "./store.ts";

/** A student, and the connections they have open to the class now. */
export interface Student extends StoredStudent {
  sessions: Set<string>;
}

export interface ClassState {
  sessionId: string;
  scenario: Scenario;
  seats: ScenarioSeats;
  options: ClassOptions;
  /** The class code, as stored (no dash). */
  code: string;
  facilitatorTokenHash: string;
  phaseClock: PhaseClock;
  /** Tables created so far (0 until the preparation begins). */
  tables: number;
  /** Table number → match id. */
  readonly matches: Map<number, string>;
  /** Table number → the table's join code (handed to the students seated there). */
  readonly tableCodes: Map<number, string>;
  readonly students: Map<string, Student>;
  /** Student token hash → student. */
  readonly byToken: Map<string, Student>;
  /** scoreKey → 1..4. */
  scores: Record<string, number>;
  closed: boolean;
}

export function scenarioSeats(s: Scenario): ScenarioSeats {
  return { id: s.id, title: s.title, deadlineRounds: s.deadline.rounds, delegations: s.delegations.map((d) => ({ id: d.id, name: d.name, seats: d.seats })) };
}

export function newClassState(sessionId: string, scenario: Scenario, options: ClassOptions, code: string, facilitatorTokenHash: string, phaseClock: PhaseClock): ClassState {
  return {
    sessionId,
    scenario,
    seats: scenarioSeats(scenario),
    options,
    code,
    facilitatorTokenHash,
    phaseClock,
    tables: 0,
    matches: new Map(),
    tableCodes: new Map(),
    students: new Map(),
    byToken: new Map(),
    scores: {},
    closed: false,
  };
}

export function addStudent(state: ClassState, s: Student): void {
  state.students.set(s.id, s);
  state.byToken.set(s.tokenHash, s);
}

export function removeStudent(state: ClassState, s: Student): void {
  state.students.delete(s.id);
  state.byToken.delete(s.tokenHash);
}

/** Student id → place, for every student who has one. */
export function assignments(state: ClassState): Record<string, Place> {
  const out: Record<string, Place> = {};
  for (const s of state.students.values()) if (s.place) out[s.id] = s.place;
  return out;
}

/** Tables the class has or will have: fixed once created, else from the layout and the class's size. */
export function plannedTables(state: ClassState): number {
  return state.tables > 0 ? state.tables : tableCount(state.options, state.students.size);
}

export function samePlace(a: Place | null, b: Place | null): boolean {
  return a === b || (a !== null && b !== null && a.table === b.table && a.delegation === b.delegation);
}
