// A class session: one scenario played at several tables at once, run by one facilitator. The
// session's shape (zod), its scorecard, and the default criteria. Pure: no I/O, no clock.
import { z } from "zod";
import { BotChoice, ShortId } from "../protocol/requests.ts";
import { DisplayName } from "../protocol/options.ts";
import { DEFAULT_CRITERIA } from "./criteria.ts";

/** At most this many tables in one class (a large lecture hall: 200 students in pairs). */
export const MAX_TABLES = 100;
/** At most this many students in one class. */
export const MAX_STUDENTS = 400;
export const MAX_CRITERIA = 8;

const minutes = (max: number) =>
  z.number("must be a number of minutes").min(0, "must be at least 0").max(max, `must be at most ${max}`);

/** How the class is split into tables: a fixed number, or as many as needed for N people each. */
export const TableLayout = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("count"), tables: z.number().int("must be a whole number").min(1, "must be at least 1").max(MAX_TABLES, `must be at most ${MAX_TABLES}`) }),
  z.strictObject({ kind: z.literal("per_table"), people: z.number().int("must be a whole number").min(1, "must be at least 1").max(50, "must be at most 50") }),
]);
export type TableLayout = z.infer<typeof TableLayout>;

/** One line of the scorecard: scored 1–4 per delegation, as a Cyber 9/12 judge does. */
export const Criterion = z.strictObject({
  id: ShortId,
  label: z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
  description: z.string().max(300, "must be at most 300 characters").default(""),
});
export type Criterion = z.infer<typeof Criterion>;

/** The lowest and highest score of a criterion. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 4;

export { DEFAULT_CRITERIA } from "./criteria.ts";

/** What a facilitator fills in to create a class session. */
export const ClassOptions = z.strictObject({
  /** A scenario id, as listed by `GET /api/scenarios`. */
  scenario: ShortId,
  /** Shown to the students; default the scenario's title. */
  title: z.string().trim().max(120, "must be at most 120 characters").optional(),
  layout: TableLayout.default({ kind: "count", tables: 1 }),
  /** Several people may share a delegation (up to the scenario's seats per delegation). */
  teams: z.boolean().default(false),
  /** Delegations a bot plays at every table (delegation id → strategy or difficulty). */
  bots: z.record(ShortId, BotChoice).default({}),
  /** Seats nobody is assigned to when the negotiation starts are played by a bot (else the class waits for people). */
  fillWithBots: z.boolean().default(true),
  /** A seated student who has not reached their table this long into the talks has a bot keep it until they arrive. */
  standInAfterMinutes: minutes(30).default(1),
  /** The strategy of the bots that fill empty seats. */
  fillStrategy: BotChoice.default("medium"),
  /** Reading the briefs before the talks; 0 skips straight to the negotiation when it starts. */
  preparationMinutes: minutes(240).default(10),
  /** The negotiation's clock for the whole class; when it runs out every table ends. Omitted: the round limit decides. */
  negotiationMinutes: minutes(600).optional(),
  /** The round limit at every table; default the scenario's. At least the scenario's (rounds can be added, not removed). */
  rounds: z.number().int("must be a whole number").min(1, "must be at least 1").max(200, "must be at most 200").optional(),
  /** Turn timer at every table; default the scenario's. */
  secondsPerTurn: z.number().int("must be a whole number").min(5, "must be at least 5").max(86400, "must be at most 86400").optional(),
  /** The coach beside the table for every student (hints from their own seat's view); off by default. */
  coach: z.boolean().default(false),
  /** The scorecard; default DEFAULT_CRITERIA. */
  criteria: z
    .array(Criterion)
    .min(1, "must have at least 1 criterion")
    .max(MAX_CRITERIA, `must have at most ${MAX_CRITERIA} criteria`)
    .refine((list) => new Set(list.map((c) => c.id)).size === list.length, "criterion ids must be different")
    .optional(),
  /** The facilitator's name, shown to the students. */
  facilitatorName: DisplayName.optional(),
});
export type ClassOptions = z.infer<typeof ClassOptions>;
export type ClassOptionsInput = z.input<typeof ClassOptions>;

/** The criteria a session scores with. */
export function criteriaOf(options: ClassOptions): readonly Criterion[] {
  return options.criteria ?? DEFAULT_CRITERIA;
}

/** What the scenario must offer a session: its delegations (id, name, seats), its round limit. */
export interface ScenarioSeats {
  id: string;
  title: string;
  deadlineRounds: number;
  delegations: readonly { id: string; name: string; seats: { min: number; max: number } }[];
}

/**
 * The checks zod cannot make alone, against the scenario: bot delegations exist, some delegation
 * is left to people, the round limit is not below the scenario's. One message per mistake.
 */
export function checkAgainstScenario(options: ClassOptions, scenario: ScenarioSeats): string[] {
  const problems: string[] = [];
  const ids = scenario.delegations.map((d) => d.id);
  for (const id of Object.keys(options.bots)) {
    if (!ids.includes(id)) problems.push(`class: field 'bots.${id}' names no delegation of ${scenario.id} (${ids.join(", ")})`);
  }
  if (ids.every((id) => id in options.bots)) problems.push(`class: field 'bots': every delegation is a bot; leave at least one to the students`);
  if (options.rounds !== undefined && options.rounds < scenario.deadlineRounds) {
    problems.push(`class: field 'rounds' must be at least ${scenario.deadlineRounds}, the scenario's own limit (rounds can be added, not removed)`);
  }
  return problems;
}

/** Delegations played by students (not by a configured bot), in scenario order. */
export function studentDelegations(options: ClassOptions, scenario: ScenarioSeats): ScenarioSeats["delegations"] {
  return scenario.delegations.filter((d) => !(d.id in options.bots));
}

/** People per delegation: the scenario's maximum with teams, one without. */
export function seatsPerDelegation(options: ClassOptions, delegation: { seats: { max: number } }): number {
  return options.teams ? Math.max(1, delegation.seats.max) : 1;
}

/** How many tables the class has for `students` people. */
export function tableCount(options: ClassOptions, students: number): number {
  if (options.layout.kind === "count") return options.layout.tables;
  return Math.min(MAX_TABLES, Math.max(1, Math.ceil(students / options.layout.people)));
}

/** A delegation's scores at one table: criterion id → 1..4. */
export const ScoreInput = z.strictObject({
  table: z.number().int("must be a whole number").min(1, "must be at least 1").max(MAX_TABLES, `must be at most ${MAX_TABLES}`),
  delegation: ShortId,
  criterion: ShortId,
  /** 1–4, or null to clear the score. */
  score: z.number().int("must be a whole number").min(SCORE_MIN, `must be at least ${SCORE_MIN}`).max(SCORE_MAX, `must be at most ${SCORE_MAX}`).nullable(),
});
export type ScoreInput = z.infer<typeof ScoreInput>;

/** Whether a score names a table, delegation and criterion of this session; null when it does, else the message. */
export function checkScore(score: ScoreInput, tables: number, delegations: readonly string[], criteria: readonly Criterion[]): string | null {
  if (score.table > tables) return `score: field 'table' must be at most ${tables} (the class has ${tables} table${tables === 1 ? "" : "s"})`;
  if (!delegations.includes(score.delegation)) return `score: field 'delegation' names no delegation of the scenario (${delegations.join(", ")})`;
  if (!criteria.some((c) => c.id === score.criterion)) return `score: field 'criterion' names no criterion of this session (${criteria.map((c) => c.id).join(", ")})`;
  return null;
}

/** The key of one score: table, delegation, criterion. */
export function scoreKey(table: number, delegation: string, criterion: string): string {
  return `${table}/${delegation}/${criterion}`;
}
