// The database tables, as Kysely sees them. Portable column types only (text, integer), so the
// same queries run on SQLite and PostgreSQL; times are ISO-8601 text, flags 0/1.
import type { Insertable, Selectable, Updateable } from "kysely";

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
}

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

export interface Tables {
  matches: MatchesTable;
  seats: SeatsTable;
  events: EventsTable;
}

export type MatchRow = Selectable<MatchesTable>;
export type NewMatchRow = Insertable<MatchesTable>;
export type MatchPatch = Updateable<MatchesTable>;
export type SeatRow = Selectable<SeatsTable>;
export type NewSeatRow = Insertable<SeatsTable>;
export type SeatPatch = Updateable<SeatsTable>;
export type EventRow = Selectable<EventsTable>;
