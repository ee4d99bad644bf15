// The vocabulary of the rules engine: the state of one table, the actions that change it, the
// events they produce, and the errors a refused action returns. Everything here is plain,
// JSON-serialisable data (the scenario is held by reference and never changes).
//
// Immutable by contract: a state, and everything a state, a view or an event points to, is never
// changed once built. `apply` shares what an action leaves alone between the old and the new
// state, `viewFor` and `eventsFor` hand out that shared data as it is, and the types say so:
// every field is `readonly`, every list a `readonly` array. Copy what you need to change.
import type { Package, Profile, Scenario } from "../scenario/schema.ts";
import type { AppliedIds } from "./applied-ids.ts";

export type { Package, Profile };

/** Read-only all the way down (for data shared between states, views and events). */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A package as the engine holds it (issue id → option id): shared, never changed. */
export type ReadonlyPackage = Readonly<Package>;

/** A delegation's profile as the engine holds it: shared between states and views, never changed. */
export type ReadonlyProfile = DeepReadonly<Profile>;

export type Phase = "waiting" | "running" | "paused" | "ended";

/** Who an action comes from: a delegation (its people or its bot), the facilitator, or the server's clock. */
export type Actor = { kind: "delegation"; id: string } | { kind: "facilitator" } | { kind: "system" };

/** The package currently on the table and what each delegation has said to it. */
export interface TableOffer {
  readonly package: ReadonlyPackage;
  readonly proposer: string;
  readonly round: number;
  /** Delegation id → its answer so far (alternating: acceptances; multilateral: votes). */
  readonly responses: Readonly<Record<string, "accept" | "reject">>;
}

export type Channel = "public" | "private" | "team";

export interface Message {
  readonly id: string;
  readonly channel: Channel;
  readonly from: string;
  /** Private messages: the one delegation addressed. */
  readonly to?: string;
  readonly text: string;
  readonly round: number;
  readonly version: number;
  /** A bot's statement: the phrases it was composed from, so each reader can read it in their language. */
  readonly phrase?: PhraseRef;
}

/**
 * One part of a bot's statement: a sentence of the speaking delegation's scenario phrases
 * (`kind: "phrase"`, `key` a situation or issue id, `index` its place in that list) or a general
 * template (`kind: "template"`, `key` the situation, `index` the template) filled with an issue's
 * title and an option's label (ids; "" when the template names none) and the speaker's name.
 */
export interface PhrasePart {
  readonly kind: "phrase" | "template";
  readonly key: string;
  readonly index: number;
  readonly issue: string;
  readonly option: string;
}
/** A bot's statement as phrases: its parts, said one after the other (the text joins them with a space). */
export type PhraseRef = readonly PhrasePart[];

export type EndReason = "agreement" | "walked_away" | "deadline" | "ended_by_facilitator";

export interface Outcome {
  readonly agreement: boolean;
  readonly reason: EndReason;
  /** The deal, or null when there is none. */
  readonly package: ReadonlyPackage | null;
  /** Delegation id → utility (its reservation value when there is no deal). */
  readonly utilities: Readonly<Record<string, number>>;
  readonly round: number;
  /** The delegation that walked away, when one did. */
  readonly by?: string;
}

export interface GameState {
  readonly scenario: Scenario;
  readonly seed: number;
  /** The seeded generator's internal state; the only source of chance in the rules. */
  readonly rng: number;
  /** Grows by one with every accepted action. */
  readonly version: number;
  /** The version at which the table last changed (a move made against an older version is stale). */
  readonly tableVersion: number;
  readonly phase: Phase;
  /** 1-based; 0 before the start. */
  readonly round: number;
  /** Rounds allowed (the scenario's deadline plus extensions). */
  readonly deadlineRounds: number;
  /** Delegation order: delegations in scenario order. */
  readonly order: readonly string[];
  /** Who moved first in round 1 (the chair in a chaired multilateral); null before the start. */
  readonly firstMover: string | null;
  /** The adoption rule: the scenario's required delegations (both ways of marking them) and the quorum. */
  readonly agreement: { readonly required: readonly string[]; readonly quorum: number };
  /** The delegation to move (alternating: whose turn; multilateral: the proposer of this round), or null. */
  readonly turn: string | null;
  /** Multilateral: `proposing` until a package is tabled, then `voting`. Alternating: always `proposing`. */
  readonly stage: "proposing" | "voting";
  readonly table: TableOffer | null;
  /**
   * Current profiles: the scenario's, changed by the injects fired so far. Private to each
   * delegation. Frozen at run time too: one copy of a scenario's profiles serves all its games.
   */
  readonly profiles: Readonly<Record<string, ReadonlyProfile>>;
  readonly firedInjects: readonly string[];
  readonly messages: readonly Message[];
  /** Every move made, in order (proposals, answers, votes, passes, timeouts), for the log of moves and the bots. */
  readonly moves: readonly Move[];
  /** The action ids applied so far, oldest first (shared with the game's other states; JSON: a list). */
  readonly actionIds: AppliedIds;
  readonly outcome: Outcome | null;
}

export interface Move {
  readonly version: number;
  readonly round: number;
  readonly by: string;
  readonly type: "propose" | "counter" | "accept" | "reject" | "vote" | "pass" | "walk_away" | "timeout";
  readonly package?: ReadonlyPackage;
  readonly accept?: boolean;
}

interface ActionBase {
  /** Unique per action, chosen by the sender: an action is applied at most once. */
  actionId: string;
  /** The state version the sender saw. */
  version: number;
  by: Actor;
}

export type GameAction = ActionBase &
  (
    | { type: "propose"; package: Package }
    | { type: "counter"; package: Package }
    | { type: "accept" }
    | { type: "reject" }
    | { type: "walk_away" }
    | { type: "vote"; accept: boolean }
    | { type: "pass" }
    | { type: "statement"; text: string; phrase?: PhraseRef }
    | { type: "private_message"; to: string; text: string }
    | { type: "team_note"; text: string }
    | { type: "timeout" }
    | { type: "start" }
    | { type: "pause" }
    | { type: "resume" }
    | { type: "fire_inject"; injectId: string }
    | { type: "extend"; rounds: number }
    | { type: "end" }
  );

export type ActionType = GameAction["type"];

export type ErrorCode =
  | "bad_action"
  | "duplicate_action"
  | "stale_version"
  | "not_started"
  | "already_started"
  | "paused"
  | "not_paused"
  | "negotiation_over"
  | "not_your_turn"
  | "not_allowed"
  | "wrong_protocol"
  | "wrong_stage"
  | "nothing_on_table"
  | "own_offer"
  | "already_voted"
  | "unknown_delegation"
  | "unknown_issue"
  | "unknown_option"
  | "incomplete_package"
  | "red_line"
  | "unknown_inject"
  | "inject_already_fired"
  | "empty_text"
  | "text_too_long"
  /** Propose while another delegation's offer is on the table (alternating: counter it instead). */
  | "offer_on_table"
  /** A bug in the rules engine, never a player's fault; `apply` returns it instead of throwing. */
  | "internal_error";

/**
 * Why something was refused: a code a program can act on and a message naming what was wrong.
 * The one shape of every refusal: the engine's (`ApplyResult`), a table's answer to a request
 * (`RequestRefusal`, shared/protocol) and the class room's (`ClassRefusal`, shared/classroom).
 */
export interface Refusal<C extends string = string> {
  code: C;
  message: string;
}

/** Accepted: the next state and the events (a fresh list; the events themselves are shared, read-only data). */
export type ApplyResult = { ok: true; state: GameState; events: GameEvent[] } | ({ ok: false } & Refusal<ErrorCode>);

/** Who may see an event: everyone at the table, or only the listed delegations. */
export type Audience = "all" | { readonly delegations: readonly string[] };

/** An event. Events share the state's data (packages, messages): read-only, like the state. */
export type GameEvent = { readonly audience: Audience; readonly version: number } & (
  | { readonly type: "started"; readonly firstMover: string }
  | { readonly type: "round_started"; readonly round: number; readonly turn: string | null }
  | { readonly type: "turn"; readonly delegation: string }
  | { readonly type: "proposed"; readonly by: string; readonly package: ReadonlyPackage; readonly counter: boolean }
  | { readonly type: "accepted"; readonly by: string }
  | { readonly type: "rejected"; readonly by: string }
  | { readonly type: "voted"; readonly by: string; readonly accept: boolean; readonly timeout?: boolean }
  /** Multilateral: every delegation has voted on the tabled package. */
  | {
      readonly type: "vote_closed";
      readonly adopted: boolean;
      readonly accepts: readonly string[];
      readonly rejects: readonly string[];
    }
  | { readonly type: "passed"; readonly by: string; readonly timeout: boolean }
  | { readonly type: "message"; readonly message: Message }
  | { readonly type: "inject_fired"; readonly injectId: string; readonly title: string; readonly text: string }
  /** Private: what an inject changed for one delegation. */
  | { readonly type: "profile_changed"; readonly delegation: string; readonly injectId: string; readonly note?: string }
  | { readonly type: "paused" }
  | { readonly type: "resumed" }
  | { readonly type: "deadline_extended"; readonly rounds: number; readonly deadlineRounds: number }
  | { readonly type: "ended"; readonly outcome: PublicOutcome }
);

/** The outcome as everyone may see it before the reveal: the deal, not the utilities. */
export interface PublicOutcome {
  readonly agreement: boolean;
  readonly reason: EndReason;
  readonly package: ReadonlyPackage | null;
  readonly round: number;
  readonly by?: string;
}

/**
 * The scenario as any seat may see it: no profiles, no private briefs, no injects not yet fired.
 * Built once per scenario and shared by every view of it (frozen at run time too).
 */
export type PublicScenario = DeepReadonly<{
  id: string;
  title: string;
  year: number;
  summary: string;
  sources: Scenario["sources"];
  protocol: Scenario["protocol"];
  chair?: string;
  deadline: Scenario["deadline"];
  delegations: { id: string; name: string; publicBrief: string; seats: { min: number; max: number }; required: boolean }[];
  issues: Scenario["issues"];
  agreement: { required: string[]; quorum: number };
}>;

/** Who is looking: one delegation's seat, an observer, or the facilitator. */
export type Viewer = { kind: "delegation"; id: string } | { kind: "observer" } | { kind: "facilitator" };

/**
 * What one viewer may see. Built only by `viewFor`; nothing else decides what a seat sees.
 * A view is a fresh object, but what it holds is shared with the state (the moves, the table,
 * the messages, the profile) or with every view of the scenario: read-only, never to be changed.
 */
export interface SeatView {
  readonly viewer: Viewer;
  readonly scenario: PublicScenario;
  readonly version: number;
  readonly tableVersion: number;
  readonly phase: Phase;
  readonly round: number;
  readonly deadlineRounds: number;
  readonly turn: string | null;
  readonly stage: GameState["stage"];
  readonly table: TableOffer | null;
  readonly moves: readonly Move[];
  /** Public statements, plus (for a delegation) its private messages and team notes. */
  readonly messages: readonly Message[];
  readonly firedInjects: readonly { readonly id: string; readonly title: string; readonly text: string }[];
  /** The delegation's own private side; absent for observers and the facilitator. */
  readonly me?: {
    readonly delegation: string;
    readonly privateBrief: string;
    readonly profile: ReadonlyProfile;
    /** Private notes of the injects that changed this delegation's profile. */
    readonly injectNotes: readonly { readonly injectId: string; readonly note: string }[];
  };
  /** Facilitator only: the injects they may fire. */
  readonly injects?: readonly {
    readonly id: string;
    readonly title: string;
    readonly trigger: DeepReadonly<Scenario["injects"][number]["trigger"]>;
    readonly fired: boolean;
  }[];
  readonly outcome: PublicOutcome | null;
  /** The delegation's own result once the negotiation has ended. */
  readonly myUtility?: number;
}

/** The debrief: everything, for everyone, once the negotiation is over. Built only by `reveal`. */
export interface Reveal {
  scenario: PublicScenario;
  /** What really happened, for the debrief chart; null when the scenario records none. */
  historicalOutcome: { package: Package; note: string } | null;
  delegations: {
    id: string;
    name: string;
    privateBrief: string;
    /** The profile as the scenario wrote it. */
    initialProfile: Profile;
    /** The profile after the injects fired (the one the outcome's utilities use). */
    profile: Profile;
  }[];
  injects: {
    id: string;
    title: string;
    text: string;
    trigger: Scenario["injects"][number]["trigger"];
    fired: boolean;
    changes: Scenario["injects"][number]["changes"];
  }[];
  /** Every message on every channel. */
  messages: Message[];
  moves: Move[];
  outcome: Outcome | null;
  version: number;
  round: number;
  phase: Phase;
}
