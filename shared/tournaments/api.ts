// The tournament HTTP API's bodies and answers (docs/PROTOCOL.md, "Hosted tournaments"). The
// server checks bodies with these schemas; the client builds them and reads the answers.
import { z } from "zod";
import { DisplayName } from "../protocol/options.ts";
import { BotChoice, ShortId } from "../protocol/requests.ts";
import type { Format, TableSeat } from "./pairing.ts";
import type { GameResult, Standing } from "./standings.ts";

export const EntrantInput = z.discriminatedUnion("kind", [
  /** A person: they get a personal entrant code and link. */
  z.strictObject({ kind: z.literal("person"), name: DisplayName }),
  /** A bot: a strategy (hardliner, boulware, linear, conceder, tit-for-tat, random, diplomat) or a difficulty (easy, medium, hard). */
  z.strictObject({ kind: z.literal("bot"), strategy: BotChoice, name: DisplayName.optional() }),
]);
export type EntrantInput = z.infer<typeof EntrantInput>;

export const CreateTournament = z
  .strictObject({
    name: DisplayName.default("Tournament"),
    /** Scenario ids; round r plays scenarios[(r − 1) mod n]. */
    scenarios: z.array(ShortId).min(1, "must name at least one scenario").max(10, "must name at most 10 scenarios"),
    /** Default: round-robin up to 8 entrants, Swiss beyond. */
    format: z.enum(["round-robin", "swiss"]).optional(),
    /** Default: a full round-robin cycle, or ⌈log₂ n⌉ Swiss rounds. */
    rounds: z.number().int("must be a whole number").min(1, "must be at least 1").max(50, "must be at most 50").optional(),
    entrants: z.array(EntrantInput).min(2, "must list at least 2 entrants").max(256, "must list at most 256 entrants"),
    /** The tables' turn timer; default each scenario's. */
    secondsPerTurn: z.number().int("must be a whole number").min(5, "must be at least 5").max(7 * 24 * 3600, "must be at most 604800").optional(),
    /** Tables of bots only: `instant` plays them at full speed; `table` uses the server's bot delay (watchable). */
    botPace: z.enum(["instant", "table"]).default("instant"),
    /**
     * Once the organiser starts a table that still waits for people, how long an entrant has to sit
     * down before a bot stands in for them (it steps aside when they arrive). 0: at once.
     */
    standInAfterMinutes: z.number().min(0, "must be at least 0").max(60, "must be at most 60").default(1),
    /** Listed tournaments appear in `GET /api/tournaments` (and on the home screen) for spectators; every tournament is open to anyone with its id. */
    listed: z.boolean().default(false),
  })
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.entrants.forEach((e, i) => {
      if (e.name === undefined) return;
      const key = e.name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: ["entrants", i, "name"], message: `must differ from entrants[${first}].name ('${e.name}')` });
      else seen.set(key, i);
    });
  });
export type CreateTournament = z.infer<typeof CreateTournament>;
export type CreateTournamentInput = z.input<typeof CreateTournament>;

/** `POST /api/tournaments/:id/stand-in`: a bot now for one absent entrant of the current round (their entrant id), or for every one. */
export const StandInRequest = z.strictObject({ entrant: z.string().regex(/^e\d{1,3}$/, "must be an entrant id such as 'e2'").optional() });
export type StandInRequest = z.infer<typeof StandInRequest>;

/** The answer to `POST /api/tournaments/:id/stand-in`: the tournament, and how many absent entrants a bot now plays for. */
export interface StandInAnswer {
  standIns: number;
}

/** The answer to `POST /api/tournaments` (201). The organiser token and entrant codes are shown once. */
export interface TournamentCreated {
  id: string;
  organiserToken: string;
  /** The tournament's public page (standings, live tables). */
  page: string;
  entrants: { id: string; name: string; kind: "person" | "bot"; strategy: string | null; code?: string; link?: string }[];
}

export interface TournamentTableSummary {
  round: number;
  table: number;
  scenario: string;
  matchId: string | null;
  status: "running" | "ended" | "void";
  /** The table's phase while it is live (waiting, running, paused). */
  phase?: string;
  seats: (TableSeat & { name: string })[];
  result: GameResult | null;
}

/** `GET /api/tournaments`: the listed tournaments, newest first. */
export interface TournamentListing {
  id: string;
  name: string;
  format: Format;
  status: "waiting" | "running" | "finished" | "cancelled";
  currentRound: number;
  rounds: number;
  createdAt: string;
}

/** `GET /api/tournaments/:id`: everything public. */
export interface TournamentSummary {
  id: string;
  name: string;
  format: Format;
  scenarios: string[];
  rounds: number;
  status: "waiting" | "running" | "finished" | "cancelled";
  currentRound: number;
  /** Minutes an entrant has, once the organiser starts their table, before a bot stands in. */
  standInAfterMinutes: number;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  entrants: { id: string; name: string; kind: "person" | "bot"; strategy: string | null }[];
  tables: TournamentTableSummary[];
  standings: Standing[];
}

/** `GET /api/tournaments/:id/me` with the entrant code: where to play now. */
export interface EntrantView {
  tournament: { id: string; name: string; status: TournamentSummary["status"]; currentRound: number; rounds: number };
  entrant: { id: string; name: string };
  /** The table to sit at now, with the seat token to join it; null between rounds or at the end. */
  table: { round: number; table: number; matchId: string; delegation: string; scenario: string; seatToken: string } | null;
  standing: Standing | null;
}
