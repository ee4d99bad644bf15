// The synced table: what every client at a table (delegation members, observers, the facilitator)
// receives as Colyseus state. It holds only what `viewFor(state, { kind: "observer" })` shows,
// so nothing private ever enters it: profiles, private briefs, private messages, team notes and
// inject notes travel as direct messages to their own seat (see shared/protocol/messages.ts).
import { schema, t, type SchemaType } from "@colyseus/schema";
// Every client that decodes this state gets flat strings (why: ./flat-strings.ts).
import "./flat-strings.ts";

/** The package on the table and each delegation's answer so far. */
export const Offer = schema(
  {
    proposer: t.string().default(""),
    round: t.uint16().default(0),
    /** Issue id → option id. */
    package: t.map("string"),
    /** Delegation id → "accept" | "reject". */
    responses: t.map("string"),
  },
  "Offer",
);
export type Offer = SchemaType<typeof Offer>;

/** One entry of the log of moves: proposals, answers, votes, passes, timeouts. */
export const MoveEntry = schema(
  {
    version: t.uint32().default(0),
    round: t.uint16().default(0),
    by: t.string().default(""),
    /** propose | counter | accept | reject | vote | pass | walk_away | timeout */
    type: t.string().default(""),
    /**
     * propose and counter: the package as JSON text, `{"issue":"option",…}`; absent (undefined) on
     * every other move. Text, not a map: a map per move cost ~0.9 kB of memory (its own change
     * tree), a string ~0.1 kB (tests/bench/state-size.bench.ts).
     */
    package: t.string().optional(),
    /** vote (and a timed-out vote): "accept" | "reject"; otherwise "". */
    vote: t.string().default(""),
  },
  "MoveEntry",
);
export type MoveEntry = SchemaType<typeof MoveEntry>;

/** A public statement at the table. */
export const Statement = schema(
  {
    id: t.string().default(""),
    from: t.string().default(""),
    text: t.string().default(""),
    round: t.uint16().default(0),
    version: t.uint32().default(0),
    /**
     * A bot's statement: the phrases it was made of (`PhraseRef` in shared/rules/types.ts), for
     * reading it in another language, as JSON text `[{"kind","key","index","issue","option"},…]`;
     * absent (undefined) on people's. Text, not a list of schemas: a two-part list cost ~1.7 kB of
     * memory per statement, the text ~0.2 kB (tests/bench/state-size.bench.ts).
     */
    phrase: t.string().optional(),
  },
  "Statement",
);
export type Statement = SchemaType<typeof Statement>;

/** An inject as everyone reads it (its private changes are sent to the delegations concerned only). */
/** A fired inject's news in another language, from the scenario's translation ("" where it has none). */
export const NewsText = schema(
  {
    title: t.string().default(""),
    text: t.string().default(""),
  },
  "NewsText",
);
export type NewsText = SchemaType<typeof NewsText>;

export const News = schema(
  {
    id: t.string().default(""),
    title: t.string().default(""),
    text: t.string().default(""),
    /** Language tag → the news in that language (docs/PROTOCOL.md §8.2); empty when the scenario has no translation of it. */
    translations: t.map(NewsText),
  },
  "News",
);
export type News = SchemaType<typeof News>;

/** A delegation's seat: who plays it and how many people sit at it. */
export const DelegationSeat = schema(
  {
    id: t.string().default(""),
    name: t.string().default(""),
    required: t.boolean().default(false),
    /** "people" or "bot". */
    control: t.string().default(""),
    /** The bot's strategy when `control` is "bot"; otherwise "". */
    strategy: t.string().default(""),
    /** People connected now. */
    connected: t.uint8().default(0),
    /** People holding a seat at this delegation (connected or not). */
    members: t.uint8().default(0),
    /** The scenario's limit of people for this delegation. */
    maxMembers: t.uint8().default(0),
  },
  "DelegationSeat",
);
export type DelegationSeat = SchemaType<typeof DelegationSeat>;

/** A person at the table (a delegation member, or a facilitator who also plays). */
export const Person = schema(
  {
    id: t.string().default(""),
    name: t.string().default(""),
    /** The delegation, or "" for a person who only observes. */
    delegation: t.string().default(""),
    /** "connected" | "reconnecting" (dropped, within the window) | "away". */
    status: t.string().default(""),
    facilitator: t.boolean().default(false),
  },
  "Person",
);
export type Person = SchemaType<typeof Person>;

/** The turn timer. Clients count down from `endsAt` (server epoch ms) or show `secondsLeft` when paused. */
export const TurnTimer = schema(
  {
    /** Whether the clock is running. */
    running: t.boolean().default(false),
    /** Server time (ms since the epoch) at which the turn times out; 0 when not running. */
    endsAt: t.float64().default(0),
    /** Seconds left: as of when `endsAt` was set while running (not updated as it runs down), frozen while paused. */
    secondsLeft: t.uint32().default(0),
    /** The length of a turn. */
    seconds: t.uint32().default(0),
    /** The table's quiet hours (`HH:MM`, "" without): the clock stands still between them in `zone`. */
    quietFrom: t.string().default(""),
    quietTo: t.string().default(""),
    /** The IANA zone whose quiet hours this turn follows (its mover's); "" when none apply (a bot's turn, no zone known, no quiet hours). */
    zone: t.string().default(""),
    /** A multilateral vote open until every delegation has voted (`voteClock: "until-all"`): no clock runs. */
    untilAll: t.boolean().default(false),
  },
  "TurnTimer",
);
export type TurnTimer = SchemaType<typeof TurnTimer>;

/** The outcome as everyone may see it before the reveal: the deal, not the utilities. */
export const PublicOutcome = schema(
  {
    agreement: t.boolean().default(false),
    /** agreement | walked_away | deadline | ended_by_facilitator */
    reason: t.string().default(""),
    /** The deal (empty when there is none). */
    package: t.map("string"),
    round: t.uint16().default(0),
    /** The delegation that walked away, or "". */
    by: t.string().default(""),
  },
  "PublicOutcome",
);
export type PublicOutcome = SchemaType<typeof PublicOutcome>;

export const TableState = schema(
  {
    matchId: t.string().default(""),
    scenarioId: t.string().default(""),
    title: t.string().default(""),
    /** "alternating" | "multilateral". */
    protocol: t.string().default(""),
    /** "waiting" | "running" | "paused" | "ended". */
    phase: t.string().default(""),
    /** "proposing" | "voting" (multilateral); always "proposing" in alternating. */
    stage: t.string().default(""),
    round: t.uint16().default(0),
    deadlineRounds: t.uint16().default(0),
    /** The delegation to move (alternating) or the proposer of the round (multilateral); "" when none. */
    turn: t.string().default(""),
    /** Who moved first in round 1 (announced to everyone at the start); "" before it. */
    firstMover: t.string().default(""),
    /** Grows by one with every accepted action: send it back as `version` with every action. */
    version: t.uint32().default(0),
    /** The version at which the table last changed; a table move made against an older version is stale. */
    tableVersion: t.uint32().default(0),
    offer: t.ref(Offer).optional(),
    /**
     * The latest moves only (the server's move window, 200 by default), oldest first;
     * `movesTotal − moves.length` earlier ones are in the match's record (GET /api/matches/:id, docs/PROTOCOL.md §8).
     */
    moves: t.array(MoveEntry),
    /**
     * The latest public statements only (the server's statement window, 200 by default), oldest
     * first; `statementsTotal − statements.length` earlier ones are read with the `statements` request.
     */
    statements: t.array(Statement),
    /** Public statements so far, the earlier ones no longer in `statements` included. */
    statementsTotal: t.uint32().default(0),
    news: t.array(News),
    /** In scenario order. */
    delegations: t.array(DelegationSeat),
    /** Person id → person. */
    people: t.map(Person),
    observers: t.uint16().default(0),
    facilitators: t.uint8().default(0),
    timer: t.ref(TurnTimer),
    outcome: t.ref(PublicOutcome).optional(),
    /** The debrief reveal has been sent (the `reveal` message). */
    revealed: t.boolean().default(false),
    /** Moves so far, the earlier ones no longer in `moves` included (last, so the fields before keep their places). */
    movesTotal: t.uint32().default(0),
  },
  "TableState",
);
export type TableState = SchemaType<typeof TableState>;
