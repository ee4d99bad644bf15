// The database tables, as Kysely sees them: one `Database` for every table the migrations create
// (matches and their log; class sessions, 0003; tournaments, 0002), so every store and query is
// typed by the same interface. Portable column types only (text, integer), so the same queries
// run on SQLite and PostgreSQL; times are ISO-8601 text, flags 0/1.
import type { Insertable, Selectable, Updateable } from "kysely";
import type { ClassPhase } from "../../shared/classroom/phases.ts";
import type { TournamentGame } from "../../shared/tournaments/index.ts";

/** pending: created, its creator not yet in; open: waiting to start; running: started; ended; abandoned. */
export type MatchStatus = "pending" | "open" | "running" | "ended" | "abandoned";

export interface MatchesTable {
  id: string;
  scenario_id: string;
  /** The scenario as it was when the match was created: the log replays against exactly this. */
  scenario_json: string;
  seed: number;
  /** The creation options (CreateOptions), as checked. */
  options_json: string;
  join_code: string;
  facilitator_token_hash: string;
  listed: number;
  status: MatchStatus;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  /** The outcome with utilities, once ended. */
  outcome_json: string | null;
  /** The Colyseus process id of the process running it (0005_match_owner); null once released. */
  owner: string | null;
  /** Who needs it finished (0010_match_owner_kind): null, nobody (a table people opened); see TableOwnerKind. */
  owner_kind: TableOwnerKind | null;
}

/**
 * Who adopted a table and needs it played to its end: a class session, a tournament, the server
 * without saying which (`server`), or `unknown`: an unfinished match from before the column.
 */
export type TableOwnerKind = "class" | "tournament" | "server" | "unknown";

/** A person's seat (with the hash of their seat token) or a bot seat at one delegation. */
export interface SeatsTable {
  id: string;
  match_id: string;
  /** Null: a person who only observes (reassigned away from a delegation). */
  delegation: string | null;
  kind: "person" | "bot";
  token_hash: string | null;
  /** Bots: the strategy. */
  strategy: string | null;
  name: string;
  /** Bots: 1 while the bot plays the delegation. People: 1 while the seat is valid. */
  active: number;
  created_at: string;
  /** People: the IANA time zone they last joined from (0009_long_turns); null if never sent. */
  time_zone: string | null;
}

/** The append-only log: every accepted action of a match, in order; `seq` is the version it produced. */
export interface EventsTable {
  match_id: string;
  seq: number;
  action_json: string;
  created_at: string;
  /** The turn clock after this action (0004_turn_deadline): when the turn runs out (epoch ms), while it runs. */
  turn_ends_at: number | null;
  /** The turn clock after this action: what was left of the turn (ms), while paused. */
  turn_left_ms: number | null;
}

// ---- class sessions (0003_class_sessions) ----------------------------------------------------

export interface ClassSessionsTable {
  id: string;
  code: string;
  scenario_id: string;
  /** The ClassOptions as checked. */
  options_json: string;
  facilitator_token_hash: string;
  phase: ClassPhase;
  phase_started_at: string;
  phase_ends_at: string | null;
  paused_left_ms: number | null;
  /** Tables created so far (0 until the preparation begins). */
  tables: number;
  closed: number;
  created_at: string;
}

export interface ClassStudentsTable {
  id: string;
  session_id: string;
  name: string;
  token_hash: string;
  table_no: number | null;
  delegation: string | null;
  joined_at: string;
}

export interface ClassTablesTable {
  session_id: string;
  table_no: number;
  match_id: string;
}

export interface ClassScoresTable {
  session_id: string;
  table_no: number;
  delegation: string;
  criterion: string;
  score: number;
}

// ---- tournaments (0002_tournaments) -------------------------------------------------------------

/** waiting: created, not started; running; finished; cancelled. */
export type TournamentStatus = "waiting" | "running" | "finished" | "cancelled";

export interface TournamentsTable {
  id: string;
  name: string;
  format: string;
  /** Scenario ids, round r plays scenarios[(r − 1) mod n]. */
  scenarios_json: string;
  rounds: number;
  /** TournamentOptions (below), as checked. */
  options_json: string;
  organiser_token_hash: string;
  status: TournamentStatus;
  /** 0 before the start. */
  current_round: number;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
}

export interface TournamentEntrantsTable {
  tournament_id: string;
  id: string;
  /** Seed order, from 0. */
  position: number;
  name: string;
  kind: "person" | "bot";
  strategy: string | null;
  /** People: the hash of their entrant code. */
  code_hash: string | null;
}

export interface TournamentRoundsTable {
  tournament_id: string;
  round: number;
  scenario_id: string;
  status: "running" | "done";
  started_at: string;
  ended_at: string | null;
}

export interface TournamentGamesTable {
  tournament_id: string;
  round: number;
  table_no: number;
  scenario_id: string;
  /** Null until the table is created (planned first, so a restart can finish creating a round). */
  match_id: string | null;
  seats_json: string;
  status: TournamentGame["status"];
  result_json: string | null;
  created_at: string;
  ended_at: string | null;
}

// ---- people: personal links (0007_people) ------------------------------------------------------

/** A person: one identity across devices, carried by their personal link (its secret stored only as a hash). */
export interface PeopleTable {
  id: string;
  link_hash: string;
  created_at: string;
  /** When the current link was made (revoking makes a new one). */
  link_made_at: string;
}

/** A seat a person holds: the `seats` row by id (never its token), and what they have seen of the table. */
export interface PersonSeatsTable {
  person_id: string;
  seat_id: string;
  match_id: string;
  delegation: string | null;
  /** The table's version when the person last looked. */
  seen_version: number;
  /** Injects fired when the person last looked. */
  seen_injects: number;
  added_at: string;
}

/** A person's e-mail opt-in (0008_notify): where, in which language, and the server address their links use. */
export interface NotifyEmailTable {
  person_id: string;
  email: string;
  locale: string;
  /** `https://host[:port]` the person opted in from: the links in their messages point there. */
  origin: string;
  created_at: string;
  /** When the person followed the confirmation link (0011_notify_confirm); null: nothing but the confirmation is mailed. */
  confirmed_at: string | null;
  /** The confirmation link's token, hashed; null once confirmed. */
  confirm_hash: string | null;
  confirm_expires_at: string | null;
}

/** One confirmation e-mail sent (0011_notify_confirm): counted for the limits per address and per requester. */
export interface NotifyConfirmSentTable {
  id: string;
  /** The address, lower-cased. */
  email: string;
  person_id: string;
  sent_at: string;
}

/** One browser's Web Push subscription for a person (0008_notify); `id` is a hash of the person and the endpoint. */
export interface NotifyPushTable {
  id: string;
  person_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  locale: string;
  origin: string;
  created_at: string;
}

/** The one-click unsubscribe token of one e-mail sent, stored only hashed (0008_notify). */
export interface NotifyUnsubscribeTable {
  token_hash: string;
  person_id: string;
  created_at: string;
}

/** A class membership a person holds (0012_people_classes): the student by id, never their token. */
export interface PersonClassesTable {
  person_id: string;
  session_id: string;
  student_id: string;
  added_at: string;
}

/** A tournament entry a person holds (0012_people_classes): the entrant by id, never their code. */
export interface PersonEntriesTable {
  person_id: string;
  tournament_id: string;
  entrant_id: string;
  added_at: string;
}

/** Every table of the database, as Kysely sees it. */
export interface Database {
  matches: MatchesTable;
  seats: SeatsTable;
  events: EventsTable;
  class_sessions: ClassSessionsTable;
  class_students: ClassStudentsTable;
  class_tables: ClassTablesTable;
  class_scores: ClassScoresTable;
  tournaments: TournamentsTable;
  tournament_entrants: TournamentEntrantsTable;
  tournament_rounds: TournamentRoundsTable;
  tournament_games: TournamentGamesTable;
  notify_email: NotifyEmailTable;
  notify_push: NotifyPushTable;
  notify_unsubscribe: NotifyUnsubscribeTable;
  notify_confirm_sent: NotifyConfirmSentTable;
  people: PeopleTable;
  person_seats: PersonSeatsTable;
  person_classes: PersonClassesTable;
  person_entries: PersonEntriesTable;
}

export type MatchRow = Selectable<MatchesTable>;
export type NewMatchRow = Insertable<MatchesTable>;
export type MatchPatch = Updateable<MatchesTable>;
export type SeatRow = Selectable<SeatsTable>;
export type NewSeatRow = Insertable<SeatsTable>;
export type SeatPatch = Updateable<SeatsTable>;
export type EventRow = Selectable<EventsTable>;
