// What GET /api/people/me answers (docs/PROTOCOL.md §12): a person's tables, classes and tournament
// entries across their devices. The server builds it (server/people/inbox.ts), the web client reads it
// (client/net/people.ts): one definition of the wire shape for both.

/** One table of the inbox (PROTOCOL §12 InboxEntry). */
export interface InboxEntry {
  matchId: string;
  scenarioId: string;
  title: string;
  delegation: string | null;
  delegationName: string | null;
  /** The stored status: pending, open, running, ended, abandoned. */
  status: string;
  /** The game's phase: waiting, running, paused, ended. */
  phase: string;
  round: number;
  version: number;
  /** It is this delegation's move (or vote) now. */
  yourMove: boolean;
  /** When the running turn ends (epoch ms), or null (no clock, or paused). */
  turnEndsAt: number | null;
  /** What was left of the turn (ms) while the table is paused, or null. */
  turnLeftMs: number | null;
  /** Public statements by others since the person last looked. */
  unreadStatements: number;
  /** Private messages to this delegation since then. */
  unreadMessages: number;
  /** Injects fired since then. */
  newInjects: number;
}

/** One class the person is a student of (PROTOCOL §12 InboxClass). */
export interface InboxClass {
  sessionId: string;
  title: string;
  /** The class's phase (shared/classroom/phases.ts CLASS_PHASES). */
  phase: string;
  closed: boolean;
  studentId: string;
  /** The student's table, if seated: its number, the match and the delegation. */
  table: { table: number; matchId: string | null; delegation: string | null } | null;
}

/** One tournament entry of the person (PROTOCOL §12 InboxTournament). */
export interface InboxTournament {
  tournamentId: string;
  name: string;
  status: "waiting" | "running" | "finished" | "cancelled";
  currentRound: number;
  rounds: number;
  entrantId: string;
  entrantName: string;
}

/** Everything GET /api/people/me lists: tables, classes, tournament entries. */
export interface Holdings {
  tables: InboxEntry[];
  classes: InboxClass[];
  tournaments: InboxTournament[];
}
