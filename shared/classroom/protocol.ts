// The `class` room's messages: what students and the facilitator send (zod, one schema per
// request, answered through `room.request`) and what the room sends them.
import { z } from "zod";
import { DisplayName } from "../protocol/options.ts";
import { ShortId } from "../protocol/requests.ts";
import type { Place } from "./assign.ts";
import { CLASS_PHASES, type ClassPhase } from "./phases.ts";
import type { Outcome, Phase, Refusal, Reveal } from "../rules/types.ts";
import type { TableRow } from "./report.ts";
import { type Criterion, MAX_TABLES, ScoreInput } from "./session.ts";

/** `joinById(sessionId, options)`: a student's first join (code + name), a rejoin (student token, or a personal link's `personToken`), or the facilitator. */
export const ClassJoinOptions = z.strictObject({
  code: z.string().max(32, "must be at most 32 characters").optional(),
  name: DisplayName.optional(),
  studentToken: z.string().max(128, "must be at most 128 characters").optional(),
  facilitatorToken: z.string().max(128, "must be at most 128 characters").optional(),
  /** A personal link's secret (PROTOCOL §12): alone, rejoin as the student it holds in this class; with a first join or a student token, record that student with the person. */
  personToken: z.string().min(1, "must not be empty").max(128, "must be at most 128 characters").optional(),
});
export type ClassJoinOptions = z.input<typeof ClassJoinOptions>;

const table = z.number().int("must be a whole number").min(1, "must be at least 1").max(MAX_TABLES, `must be at most ${MAX_TABLES}`);

/** The facilitator's requests (everyone else is refused with `forbidden`), and `sync` for anyone. */
export const ClassRequests = {
  /** Put a student at a table and delegation, or back to waiting (`table: null`). */
  assign: z.strictObject({ student: ShortId, table: table.nullable(), delegation: ShortId.nullable() }),
  /**
   * Take a student out of the class (someone who should not be there: a leaked code, a name given
   * twice): their place is freed, their connections to the class are closed, their student token
   * stops working. A seat they already took at a table stays the table's (its own controls apply).
   */
  remove_student: z.strictObject({ student: ShortId }),
  /** A new class code (the old one, leaked beyond the room, stops working; students already in keep their place). */
  new_code: z.strictObject({}),
  /** Place every waiting student, balancing tables and delegations. */
  auto_assign: z.strictObject({}),
  /** Move the whole class to a later phase. */
  phase: z.strictObject({ to: z.enum(CLASS_PHASES) }),
  /** Pause or resume every table (no `table`) or one. */
  pause: z.strictObject({ table: table.optional() }),
  resume: z.strictObject({ table: table.optional() }),
  /** Add minutes to the class's clock and/or rounds at every table (or one). */
  extend: z
    .strictObject({
      minutes: z.number().int("must be a whole number").min(1, "must be at least 1").max(240, "must be at most 240").optional(),
      rounds: z.number().int("must be a whole number").min(1, "must be at least 1").max(50, "must be at most 50").optional(),
      table: table.optional(),
    })
    .refine((v) => v.minutes !== undefined || v.rounds !== undefined, "give 'minutes', 'rounds' or both"),
  /** End the talks at one table now (every table: `phase` to the debrief). */
  end: z.strictObject({ table }),
  /** Fire a scenario inject at every table (no `table`) or one. */
  inject: z.strictObject({ injectId: ShortId, table: table.optional() }),
  score: ScoreInput,
  /** End the session: its room closes; the exports stay. */
  close: z.strictObject({}),
  /** Anyone: send me my welcome, the class and (facilitator) the dashboard again. */
  sync: z.strictObject({}),
} as const;
export type ClassRequestType = keyof typeof ClassRequests;
export type ClassRequestPayload<T extends ClassRequestType> = z.infer<(typeof ClassRequests)[T]>;
export const CLASS_REQUEST_TYPES = Object.keys(ClassRequests) as ClassRequestType[];

export const CLASS_MESSAGE = {
  /** On every join and reconnection: who you are in the class. */
  welcome: "class_welcome",
  /** The class as everyone may see it: phase, students and their places. */
  state: "class",
  /** Student: the table to join (sent when you are placed or moved, and on every join). */
  seat: "class_seat",
  /** Facilitator: every table's live row and the scores. */
  dashboard: "class_dashboard",
  /** Student, during the class's debrief: every table's outcome, and their own table's reveal. */
  debrief: "class_debrief",
  notice: "class_notice",
} as const;

export interface ClassWelcome {
  sessionId: string;
  /** The class code to hand out, `K7QX-M2PA`. */
  code: string;
  role: "facilitator" | "student";
  studentId: string | null;
  /** Once, on a student's first join: keep it to come back (`joinById(sessionId, { studentToken })`). */
  studentToken?: string;
  /** Once, to the creator: keep it; it alone can change the session and read its exports. */
  facilitatorToken?: string;
  serverTime: number;
}

export interface ClassStudent {
  id: string;
  name: string;
  connected: boolean;
  place: Place | null;
}

export interface ClassSnapshot {
  sessionId: string;
  title: string;
  scenario: { id: string; title: string; delegations: { id: string; name: string; bot: boolean }[]; injects: { id: string; title: string; trigger: string }[] };
  phase: ClassPhase;
  /** When the phase ends by itself (server ms), null without a deadline; `pausedLeftMs` while paused. */
  endsAt: number | null;
  pausedLeftMs: number | null;
  /** Tables the class has (0 before they are set). */
  tables: number;
  /** Tables it has or will have: fixed once set, else from the layout and the class's size now. */
  plannedTables: number;
  /**
   * Table number → match id (once the tables exist): every table for the facilitator, only their
   * own table for a student (a class table's full record is its facilitator's alone).
   */
  matches: Record<number, string>;
  teams: boolean;
  criteria: readonly Criterion[];
  /** The facilitator: every student; a student: only themself. */
  students: ClassStudent[];
  studentCount: number;
  /** During the negotiation: no table is running and at least one is paused. */
  tablesPaused: boolean;
  facilitatorConnected: boolean;
}

export interface ClassSeat {
  table: number;
  delegation: string;
  matchId: string;
  /** The table's join code: with `role: "delegation"` and `delegation`, it seats you there. */
  code: string;
}

/**
 * What the class debrief shows a student: every table's outcome (the deal and each delegation's
 * utility: numbers, no text), and the reveal of their own table (what that table's room revealed
 * to everyone at it). No other table's private briefs, messages or notes.
 */
export interface ClassDebrief {
  tables: { table: number; phase: Phase | "missing"; outcome: Outcome | null }[];
  /** Null when the student sat at no table, or theirs has not ended. */
  mine: { table: number; reveal: Reveal } | null;
}

export interface ClassDashboard {
  rows: TableRow[];
  /** scoreKey (table/delegation/criterion) → 1..4. */
  scores: Record<string, number>;
  /** Table number → its join code, so the facilitator can watch any table. */
  codes: Record<number, string>;
}

/** A refused class request's reason (`error.reason` of the rejected `room.request`). */
/** Every code a class request may be refused with (`ClassRefusal["code"]`). */
export const CLASS_REFUSAL_CODES = ["bad_request", "forbidden", "not_found", "bad_phase", "class_full", "table_refused", "no_deadline", "rate_limited", "internal_error"] as const;
export type ClassRefusal = Refusal<(typeof CLASS_REFUSAL_CODES)[number]>;

/** Join refusals of the class room (the SDK error's code), message starting with the name. */
export const CLASS_JOIN_ERRORS = {
  bad_options: 4400,
  bad_code: 4401,
  bad_token: 4403,
  class_full: 4429,
  class_closed: 4430,
  link_revoked: 4411,
} as const;
