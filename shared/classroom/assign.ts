// Who sits where: the auto-assign that balances the class across tables and delegations, the place
// of a latecomer, and the check of a facilitator's own pick. Pure functions over plain data.
import { type ClassOptions, type ScenarioSeats, seatsPerDelegation, studentDelegations } from "./session.ts";

/** A student's place: table (1-based) and delegation. */
export interface Place {
  table: number;
  delegation: string;
}

/** Student id → place; students not in it wait to be placed. */
export type Assignments = Readonly<Record<string, Place>>;

/**
 * Every student place of the class, in the order they are filled: first one person per delegation
 * at every table (delegation by delegation, table by table, so each table gets people before any
 * gets a second delegation), then a second member for each delegation (teams), and so on.
 */
export function placeOrder(options: ClassOptions, scenario: ScenarioSeats, tables: number): Place[] {
  const delegations = studentDelegations(options, scenario);
  const depth = Math.max(0, ...delegations.map((d) => seatsPerDelegation(options, d)));
  const order: Place[] = [];
  for (let level = 0; level < depth; level++) {
    for (const d of delegations) {
      if (level >= seatsPerDelegation(options, d)) continue;
      for (let table = 1; table <= tables; table++) order.push({ table, delegation: d.id });
    }
  }
  return order;
}

function placeKey(p: Place): string {
  return `${p.table}/${p.delegation}`;
}

/** How many students hold each place now. */
export function occupancy(assignments: Assignments): Map<string, number> {
  const taken = new Map<string, number>();
  for (const p of Object.values(assignments)) taken.set(placeKey(p), (taken.get(placeKey(p)) ?? 0) + 1);
  return taken;
}

export interface AutoAssignResult {
  assignments: Record<string, Place>;
  /** Students for whom no place remained (more students than places), in join order. */
  unplaced: string[];
}

/**
 * Place every student not in `keep` (the places that must not move, such as people already
 * playing), in join order, balancing tables and delegations (see `placeOrder`).
 */
export function autoAssign(
  studentIds: readonly string[],
  options: ClassOptions,
  scenario: ScenarioSeats,
  tables: number,
  keep: Assignments = {},
): AutoAssignResult {
  const assignments: Record<string, Place> = {};
  for (const [id, place] of Object.entries(keep)) if (studentIds.includes(id)) assignments[id] = { ...place };
  const taken = occupancy(assignments);
  const free: Place[] = [];
  // One entry per free place, so a delegation with room for three appears three times, level by level.
  const seen = new Map<string, number>();
  for (const p of placeOrder(options, scenario, tables)) {
    const k = placeKey(p);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n > (taken.get(k) ?? 0)) free.push(p);
  }
  const unplaced: string[] = [];
  let next = 0;
  for (const id of studentIds) {
    if (assignments[id]) continue;
    const place = free[next++];
    if (place) assignments[id] = { ...place };
    else unplaced.push(id);
  }
  return { assignments, unplaced };
}

/**
 * A latecomer's place: the first place left in the filling order (a delegation nobody sits at,
 * which a bot keeps once the talks have begun, comes before a second team member), or null when
 * the class is full.
 */
export function placeLatecomer(options: ClassOptions, scenario: ScenarioSeats, tables: number, assignments: Assignments): Place | null {
  const taken = occupancy(assignments);
  const seen = new Map<string, number>();
  for (const p of placeOrder(options, scenario, tables)) {
    const k = placeKey(p);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n > (taken.get(k) ?? 0)) return p;
  }
  return null;
}

/** Whether `student` may be put at `place` by hand; null when so, else the message naming what is wrong. */
export function checkPlace(
  student: string,
  place: Place,
  options: ClassOptions,
  scenario: ScenarioSeats,
  tables: number,
  assignments: Assignments,
): string | null {
  if (!Number.isInteger(place.table) || place.table < 1 || place.table > tables) {
    return `assign: field 'table' must be between 1 and ${tables} (the class has ${tables} table${tables === 1 ? "" : "s"})`;
  }
  const d = scenario.delegations.find((x) => x.id === place.delegation);
  if (!d) return `assign: field 'delegation' names no delegation of ${scenario.id} (${scenario.delegations.map((x) => x.id).join(", ")})`;
  if (place.delegation in options.bots) return `assign: field 'delegation': ${place.delegation} is played by a bot in this class`;
  let members = 0;
  for (const [id, p] of Object.entries(assignments)) if (id !== student && p.table === place.table && p.delegation === place.delegation) members++;
  const max = seatsPerDelegation(options, d);
  if (members >= max) return `assign: ${d.name} at table ${place.table} already has ${max} ${max === 1 ? "person" : "people"}`;
  return null;
}
