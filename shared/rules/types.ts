// The vocabulary of the rules engine: the state of one table, the actions that change it, the
// events they produce, and the errors a refused action returns. Everything here is plain,
// JSON-serialisable data (the scenario is held by reference and never changes).
import type { Package, Profile, Scenario } from "../scenario/schema.ts";

export type Phase = "waiting" | "running" | "paused" | "ended";

/** Who an action comes from: a delegation (its people or its bot), the facilitator, or the server's clock. */
export type Actor = { kind: "delegation"; id: string } | { kind: "facilitator" } | { kind: "system" };

/** The package currently on the table and what each delegation has said to it. */
export interface TableOffer {
  package: Package;
  proposer: string;
  round: number;
  /** Delegation id → its answer so far (alternating: acceptances; multilateral: votes). */
  responses: Record<string, "accept" | "reject">;
}

export type Channel = "public" | "private" | "team";

export interface Message {
  id: string;
  channel: Channel;
  from: string;
  /** Private messages: the one delegation addressed. */
  to?: string;
  text: string;
  round: number;
  version: number;
}

export type EndReason = "agreement" | "walked_away" | "deadline" | "ended_by_facilitator";

export interface Outcome {
  agreement: boolean;
  reason: EndReason;
  /** The deal, or null when there is none. */
  package: Package | null;
  /** Delegation id → utility (its reservation value when there is no deal). */
  utilities: Record<string, number>;
  round: number;
  /** The delegation that walked away, when one did. */
  by?: string;
}

export interface GameState {
  readonly scenario: Scenario;
  seed: number;
  /** The seeded generator's internal state; the only source of chance in the rules. */
  rng: number;
  /** Grows by one with every accepted action. */
  version: number;
  /** The version at which the table last changed (a move made against an older version is stale). */
  tableVersion: number;
  phase: Phase;
  /** 1-based; 0 before the start. */
  round: number;
  /** Rounds allowed (the scenario's deadline plus extensions). */
  deadlineRounds: number;
  /** Delegation order: delegations in scenario order. */
  order: string[];
  /** Who moved first in round 1 (the chair in a chaired multilateral); null before the start. */
  firstMover: string | null;
  /** The adoption rule: the scenario's required delegations (both ways of marking them) and the quorum. */
  agreement: { required: string[]; quorum: number };
  /** The delegation to move (alternating: whose turn; multilateral: the proposer of this round), or null. */
  turn: string | null;
  /** Multilateral: `proposing` until a package is tabled, then `voting`. Alternating: always `proposing`. */
  stage: "proposing" | "voting";
  table: TableOffer | null;
  /** Current profiles: the scenario's, changed by the injects fired so far. Private to each delegation. */
  profiles: Record<string, Profile>;
  firedInjects: string[];
  messages: Message[];
  /** Every move made, in order (proposals, answers, votes, passes, timeouts), for the log of moves and the bots. */
  moves: Move[];
  actionIds: string[];
  outcome: Outcome | null;
}

export interface Move {
  version: number;
  round: number;
  by: string;
  type: "propose" | "counter" | "accept" | "reject" | "vote" | "pass" | "walk_away" | "timeout";
  package?: Package;
  accept?: boolean;
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
    | { type: "statement"; text: string }
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

export type ApplyResult =
  | { ok: true; state: GameState; events: GameEvent[] }
  | { ok: false; code: ErrorCode; message: string };

/** Who may see an event: everyone at the table, or only the listed delegations. */
export type Audience = "all" | { delegations: string[] };

export type GameEvent = { audience: Audience; version: number } & (
  | { type: "started"; firstMover: string }
  | { type: "round_started"; round: number; turn: string | null }
  | { type: "turn"; delegation: string }
  | { type: "proposed"; by: string; package: Package; counter: boolean }
  | { type: "accepted"; by: string }
  | { type: "rejected"; by: string }
  | { type: "voted"; by: string; accept: boolean; timeout?: boolean }
  /** Multilateral: every delegation has voted on the tabled package. */
  | { type: "vote_closed"; adopted: boolean; accepts: string[]; rejects: string[] }
  | { type: "passed"; by: string; timeout: boolean }
  | { type: "message"; message: Message }
  | { type: "inject_fired"; injectId: string; title: string; text: string }
  /** Private: what an inject changed for one delegation. */
  | { type: "profile_changed"; delegation: string; injectId: string; note?: string }
  | { type: "paused" }
  | { type: "resumed" }
  | { type: "deadline_extended"; rounds: number; deadlineRounds: number }
  | { type: "ended"; outcome: PublicOutcome }
);

/** The outcome as everyone may see it before the reveal: the deal, not the utilities. */
export interface PublicOutcome {
  agreement: boolean;
  reason: EndReason;
  package: Package | null;
  round: number;
  by?: string;
}

/** The scenario as any seat may see it: no profiles, no private briefs, no injects not yet fired. */
export interface PublicScenario {
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
}

/** Who is looking: one delegation's seat, an observer, or the facilitator. */
export type Viewer = { kind: "delegation"; id: string } | { kind: "observer" } | { kind: "facilitator" };

/** What one viewer may see. Built only by `viewFor`; nothing else decides what a seat sees. */
export interface SeatView {
  viewer: Viewer;
  scenario: PublicScenario;
  version: number;
  tableVersion: number;
  phase: Phase;
  round: number;
  deadlineRounds: number;
  turn: string | null;
  stage: GameState["stage"];
  table: TableOffer | null;
  moves: Move[];
  /** Public statements, plus (for a delegation) its private messages and team notes. */
  messages: Message[];
  firedInjects: { id: string; title: string; text: string }[];
  /** The delegation's own private side; absent for observers and the facilitator. */
  me?: {
    delegation: string;
    privateBrief: string;
    profile: Profile;
    /** Private notes of the injects that changed this delegation's profile. */
    injectNotes: { injectId: string; note: string }[];
  };
  /** Facilitator only: the injects they may fire. */
  injects?: { id: string; title: string; trigger: Scenario["injects"][number]["trigger"]; fired: boolean }[];
  outcome: PublicOutcome | null;
  /** The delegation's own result once the negotiation has ended. */
  myUtility?: number;
}

/** The debrief: everything, for everyone, once the negotiation is over. Built only by `reveal`. */
export interface Reveal {
  scenario: PublicScenario;
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
