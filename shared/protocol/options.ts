// Room options: what `create("negotiation", options)` and `joinById(matchId, options)` carry.
import { z } from "zod";
import { canonicalZone, CLOCK_TIME } from "../clock/quiet-hours.ts";
import { BotChoice, hasVisibleCharacter, ShortId } from "./requests.ts";

/**
 * A display name: plain text, no control characters, no bidi overrides or isolates (a name that
 * reverses what follows it in a list), trimmed, with something visible in it. Never interpreted as
 * HTML anywhere.
 */
export const DisplayName = z
  .string()
  .max(60, "must be at most 60 characters")
  .transform((s) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ").replace(/[\u202a-\u202e\u2066-\u2069]/g, "").trim())
  .refine((s) => s.length > 0 && hasVisibleCharacter(s), "must not be empty");

const ClockTime = z.string().regex(CLOCK_TIME, "must be a time of day HH:MM (24-hour), such as 22:00");

/** A table's quiet hours: the turn clock does not run from `from` to `to` in the mover's time zone. */
export const QuietHoursOption = z
  .strictObject({ from: ClockTime, to: ClockTime })
  .refine((q) => q.from !== q.to, { message: "must differ from 'from' (quiet hours need a span)", path: ["to"] });

/** How a multilateral vote is timed: by the turn clock (the default), or open until every delegation has voted. */
export const VoteClock = z.enum(["turn", "until-all"], { message: "must be 'turn' or 'until-all'" });
export type VoteClock = z.infer<typeof VoteClock>;

/** An IANA time zone as the browser names it (Intl.DateTimeFormat().resolvedOptions().timeZone), kept in its canonical spelling. */
export const TimeZone = z
  .string()
  .max(64, "must be at most 64 characters")
  .transform((zone, ctx) => {
    const canonical = canonicalZone(zone);
    if (canonical === null) {
      ctx.addIssue({ code: "custom", message: "must be an IANA time zone such as Asia/Dhaka or Europe/Paris" });
      return z.NEVER;
    }
    return canonical;
  });

/** How a delegation is played at creation: by people (the default) or by a bot. */
export const SeatConfig = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("person") }),
  z.strictObject({ kind: z.literal("bot"), strategy: BotChoice.default("medium") }),
]);
export type SeatConfig = z.infer<typeof SeatConfig>;

/**
 * `create("negotiation", options)`. The creator's own join uses the same object, so the
 * creator may also take a delegation (`delegation`, solo practice). Unknown fields are ignored
 * (the SDK adds its own).
 */
/** Strict: a misspelled option (`secondPerTurn`) is refused by name, not silently left at its default. */
export const CreateOptions = z.strictObject({
  /** A scenario id, as listed by `GET /api/scenarios`. */
  scenario: ShortId,
  /** Delegation id → who plays it; delegations not named are played by people. */
  seats: z.record(ShortId, SeatConfig).default({}),
  /** Turn timer; default the scenario's `deadline.secondsPerTurn`. */
  secondsPerTurn: z.number().int("must be a whole number").min(5, "must be at least 5").max(7 * 24 * 3600, "must be at most 604800").optional(),
  /** Listed tables appear in `GET /api/matches` and need no join code; private ones (the default) do. */
  listed: z.boolean().default(false),
  /** A seat whose people have all left for good is played by a bot until one comes back. */
  botTakeover: z.boolean().default(true),
  /** The strategy of such a stand-in bot. */
  takeoverStrategy: BotChoice.default("medium"),
  /** How long a dropped client keeps its place; default the server's (120 s). */
  reconnectSeconds: z.number().int("must be a whole number").min(0, "must be at least 0").max(3600, "must be at most 3600").optional(),
  /** `full`: start by itself once every delegation played by people has one; `facilitator`: wait for `start`. */
  startWhen: z.enum(["full", "facilitator"]).default("full"),
  /** The game's seed (the rules' only source of chance); default random. */
  seed: z.number().int("must be a whole number").min(0, "must be at least 0").max(0xffffffff, "must be at most 4294967295").optional(),
  /** The creator's display name. */
  name: DisplayName.optional(),
  /** The creator also sits at this delegation (it must be played by people). */
  delegation: ShortId.optional(),
  /** The creator's IANA time zone, as the join option `timeZone` (their seat's quiet hours follow it). */
  timeZone: TimeZone.optional(),
  /** Observers need no join code (a tournament's spectators); seats still need a code or a seat token. */
  openToObservers: z.boolean().default(false),
  /** Bots move without a person-like pause (a tournament table of bots only plays at full speed). */
  fastBots: z.boolean().default(false),
  /** The turn clock stands still during these hours in the mover's time zone (a long-turn table). */
  quietHours: QuietHoursOption.optional(),
  /** Multilateral votes: `until-all` closes a vote only when every delegation has voted (the clock does not run during it). */
  voteClock: VoteClock.default("turn"),
  /**
   * The coach beside the table for the people seated (hints computed in their browser from their own
   * seat's view). Default: on at a solo table (the creator sits at a delegation and every other
   * delegation is a bot), off otherwise. A tournament's tables always have it off.
   */
  coach: z.boolean().optional(),
});
export type CreateOptions = z.infer<typeof CreateOptions>;

/** Whether a table created with these options has the coach on (the welcome's `coach`). */
export function coachOn(options: Pick<CreateOptions, "coach" | "delegation" | "seats">, delegations: readonly string[]): boolean {
  if (options.coach !== undefined) return options.coach;
  const me = options.delegation;
  return me !== undefined && delegations.every((d) => d === me || options.seats[d]?.kind === "bot");
}
/** What a client sends (defaults not yet applied). */
export type CreateOptionsInput = z.input<typeof CreateOptions>;

/**
 * `joinById(matchId, options)`. One of: a seat token (rejoin after a reload or a restart), a
 * facilitator token, or a role with the join code (the code is not needed at listed tables).
 */
export const JoinOptions = z.strictObject({
  role: z.enum(["delegation", "observer"]).optional(),
  /** With `role: "delegation"`: the delegation to sit at. */
  delegation: ShortId.optional(),
  /** The table's join code (`K7QX-M2PA`; case and dashes do not matter). */
  code: z.string().max(32, "must be at most 32 characters").optional(),
  seatToken: z.string().max(128, "must be at most 128 characters").optional(),
  facilitatorToken: z.string().max(128, "must be at most 128 characters").optional(),
  /** A personal link's secret (PROTOCOL.md §12): sits the connection at the seat its person holds at this table. */
  personToken: z.string().max(128, "must be at most 128 characters").optional(),
  name: DisplayName.optional(),
  /** This person's IANA time zone (the quiet hours of a seat follow the zone its people joined from). */
  timeZone: TimeZone.optional(),
});
export type JoinOptions = z.infer<typeof JoinOptions>;
export type JoinOptionsInput = z.input<typeof JoinOptions>;
