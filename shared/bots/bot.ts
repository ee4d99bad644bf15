// The bot contract and the machinery every strategy shares. A bot's only input is its seat's
// `SeatView` (what `viewFor` gives its delegation) plus its own memory and seeded generator, so by
// its types it cannot read another delegation's profile. Strategies follow the BOA split of the
// GENIUS literature: a bidding strategy (`target`, `offer`), an acceptance strategy (`accepts`)
// and, for the Diplomat, an opponent model.
import { mayMove, positionOf } from "../rules/legal.ts";
import { seededRandom } from "../rules/rng.ts";
import type { GameAction, Move, SeatView } from "../rules/types.ts";
import type { Decision, Situation } from "./decision.ts";
import { MoveReader, type MoveObserver } from "./opponent.ts";
import { composeStatement, type Phrases } from "./statements.ts";
import { crossesRedLine, EPS, indexOfPackage, ownSpace, positionFor, sharedPackageOf, utilityAt, type OwnSpace } from "./space.ts";

export type { Decision, Situation } from "./decision.ts";

/** A bot negotiates one game for one delegation: make a new one for the next game. */
export interface Bot {
  /** The strategy's name in the registry (`boulware`, `diplomat`, …). */
  readonly strategy: string;
  /** The delegation this bot negotiates for. */
  readonly delegation: string;
  /**
   * The delegation's next action, decided from what its seat sees; null when it has nothing to do
   * now (not its turn, already voted, the negotiation not running). A bot may return a public
   * `statement` first and its move on the next call.
   */
  act(view: SeatView): GameAction | null;
}

export interface BotOptions {
  delegation: string;
  /** Seeds the bot's own generator (the random bot, the choice of sentences). */
  seed?: number;
  /** The delegation's own lines from the scenario (`delegations[].phrases`), keyed by issue id or situation. */
  phrases?: Phrases;
  /** Say a short sentence before proposing, accepting or rejecting (default true). */
  talk?: boolean;
}

/** Mixes a game seed and a delegation id into the seed of that delegation's bot. */
export function botSeed(seed: number, delegation: string): number {
  let h = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < delegation.length; i++) h = Math.imul(h ^ delegation.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

/** Elapsed share of the deadline: a round has one move per delegation in both protocols. */
export function elapsed(view: SeatView): number {
  const moves = view.moves;
  let inRound = 0;
  for (let k = moves.length - 1; k >= 0 && moves[k]!.round === view.round; k--) inRound++;
  const perRound = view.scenario.delegations.length;
  const t = (view.round - 1 + Math.min(1, inRound / perRound)) / view.deadlineRounds;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

export abstract class BotBase implements Bot {
  abstract readonly strategy: string;
  readonly delegation: string;
  protected readonly random: () => number;
  /** Accept anything at or above the reservation value in the last round (every strategy but the Hardliner). */
  protected deadlineAcceptance = true;
  private readonly phrases: Phrases;
  private readonly talk: boolean;
  private current: OwnSpace | null = null;
  private spaceInjects = -1;
  private readonly reader: MoveReader;
  private readonly observer: MoveObserver = {
    proposal: (by, index) => this.observeProposal(by, index, by === this.delegation),
    answer: (by, index, accept) => this.observeAnswer(by, index, accept),
  };
  private pending: { tableVersion: number; moves: number; decision: Decision } | null = null;
  /** Action ids are `<delegation>@<version>`. */
  private readonly idPrefix: string;

  constructor(options: BotOptions) {
    this.delegation = options.delegation;
    this.idPrefix = `${options.delegation}@`;
    this.reader = new MoveReader(options.delegation);
    this.random = seededRandom(botSeed(options.seed ?? 0, options.delegation));
    this.phrases = options.phrases ?? {};
    this.talk = options.talk ?? true;
  }

  act(view: SeatView): GameAction | null {
    const me = view.me;
    if (!me || me.delegation !== this.delegation || !mayMove(positionOf(view), this.delegation)) return null;
    const pending = this.pending;
    this.pending = null;
    if (pending && pending.tableVersion === view.tableVersion && pending.moves === view.moves.length) {
      return this.action(view, pending.decision);
    }
    // Profiles change only when an inject fires: look the space up again only then.
    if (this.current === null || view.firedInjects.length !== this.spaceInjects) {
      const space = ownSpace(view.scenario.issues, me.profile);
      if (space !== this.current) {
        this.current = space;
        this.profileChanged(space);
      }
      this.spaceInjects = view.firedInjects.length;
    }
    const space = this.current;
    this.observe(view.moves, space);
    // The table always holds the last package tabled (a reject or a new round clears it).
    const table = view.table ? (this.reader.tabled >= 0 ? this.reader.tabled : indexOfPackage(space, view.table.package)) : -1;
    const situation: Situation = {
      view,
      me: this.delegation,
      space,
      t: elapsed(view),
      lastRound: view.round >= view.deadlineRounds,
      multilateral: view.scenario.protocol === "multilateral",
      table,
      tableProposer: view.table?.proposer ?? null,
    };
    const decision = this.decide(situation);
    if (this.talk && decision.type !== "pass") {
      const said = composeStatement(decision, situation, this.phrases, this.random);
      if (said !== null) {
        this.pending = { tableVersion: view.tableVersion, moves: view.moves.length, decision };
        return {
          type: "statement",
          text: said.text,
          phrase: said.phrase,
          actionId: this.idPrefix + view.version,
          version: view.version,
          by: { kind: "delegation", id: this.delegation },
        };
      }
    }
    return this.action(view, decision);
  }

  private action(view: SeatView, decision: Decision): GameAction {
    // Object literals, not spreads: this runs on every move of every game.
    const actionId = this.idPrefix + view.version;
    const version = view.version;
    const by = { kind: "delegation" as const, id: this.delegation };
    switch (decision.type) {
      case "propose":
      case "counter":
        return { type: decision.type, package: sharedPackageOf(this.current!, decision.index), actionId, version, by };
      case "vote":
        return { type: "vote", accept: decision.accept, actionId, version, by };
      default:
        return { type: decision.type, actionId, version, by };
    }
  }

  /** Feeds the moves made since the last decision to the strategy's memory (through the shared `MoveReader`). */
  private observe(moves: readonly Move[], space: OwnSpace): void {
    this.reader.read(moves, space, this.observer);
  }

  /** The delegation's own space as of the last decision (null before the first). */
  protected get space(): OwnSpace | null {
    return this.current;
  }

  /** A delegation tabled package `index` (`own` when it was this bot). */
  protected observeProposal(_by: string, _index: number, _own: boolean): void {}

  /** Another delegation accepted or rejected (voted for or against) package `index`. */
  protected observeAnswer(_by: string, _index: number, _accept: boolean): void {}

  /** The space changed (the first call, or an inject changed this delegation's profile). */
  protected profileChanged(_space: OwnSpace): void {}

  /** The own utility the bot aims for now; called once per decision. */
  protected abstract target(s: Situation): number;

  /** The package to table at this target (default: the least good one still at or above it). */
  protected offer(s: Situation, target: number): number {
    const order = s.space.order;
    if (order.length === 0) return -1;
    const position = positionFor(s.space, target);
    return order[position < 0 ? 0 : position]!;
  }

  /**
   * AC_next: accept a package worth at least the least good package the bot would offer now;
   * in the last round, anything at or above the reservation value. Never one crossing a red line.
   */
  protected accepts(s: Situation, index: number, target: number): boolean {
    if (index < 0 || crossesRedLine(s.space, index)) return false;
    const u = utilityAt(s.space, index);
    if (u < s.space.reservation - EPS) return false;
    const position = positionFor(s.space, target);
    const next = position < 0 ? s.space.best : s.space.utils[position]!;
    if (u >= next - EPS) return true;
    return this.deadlineAcceptance && s.lastRound;
  }

  /** The protocol's decision tree; the random bot replaces it. */
  protected decide(s: Situation): Decision {
    const table = s.view.table;
    const target = this.target(s);
    if (s.multilateral) {
      if (s.view.stage === "proposing") {
        const index = this.offer(s, target);
        return index < 0 ? { type: "pass" } : { type: "propose", index };
      }
      return { type: "vote", accept: this.accepts(s, s.table, target) };
    }
    if (table && table.proposer !== this.delegation) {
      // Our acceptance stands until the others answer.
      if (table.responses[this.delegation] === "accept") return { type: "pass" };
      if (this.accepts(s, s.table, target)) return { type: "accept" };
      const index = this.offer(s, target);
      return index < 0 ? { type: "reject" } : { type: "counter", index };
    }
    const index = this.offer(s, target);
    if (index < 0 || (table && index === s.table)) return { type: "pass" };
    return { type: "propose", index };
  }
}
