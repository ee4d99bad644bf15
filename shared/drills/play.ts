// A drill played through the rules engine, in-process (the browser needs no server table): the
// learner's moves are actions `apply` checks like any other; the partner answers at once. In
// `hold` and `read` the partner is one of the game's own bots (Boulware, Linear) seeing only its
// SeatView; in `trade` it is the drill's referee, which knows the frontier: it accepts any package
// on or near it that is worth its walk-away, and otherwise counters with the issue-by-issue
// compromise. Deterministic from the seed.
import { apply, createGame, mayMove, positionOf, viewFor } from "../rules/index.ts";
import type { GameAction, GameState, Package } from "../rules/types.ts";
import type { Scenario } from "../scenario/schema.ts";
import { createBot } from "../bots/registry.ts";
import type { Bot } from "../bots/bot.ts";
import { drillCompromise, drillSpace, frontierDistance, NEAR_FRONTIER, PARTNER_STRATEGY, utilitiesIn, type DrillDef, type DrillSpace } from "./drill.ts";

/** What the learner may do (the table's own moves, minus passing and plain rejecting). */
export type DrillMove = { type: "propose"; package: Package } | { type: "counter"; package: Package } | { type: "accept" } | { type: "walk_away" };

export type MoveResult = { ok: true } | { ok: false; code: string; message: string };

export class DrillGame {
  readonly ds: DrillSpace;
  readonly player: string;
  readonly partner: string;
  private game: GameState;
  private readonly bot: Bot | null;
  private readonly offer: Package;
  private n = 0;

  constructor(
    readonly scenario: Scenario,
    readonly def: DrillDef,
    readonly seed: number,
  ) {
    this.ds = drillSpace(scenario);
    this.player = scenario.delegations[0]!.id;
    this.partner = scenario.delegations[1]!.id;
    this.offer = drillCompromise(scenario);
    const strategy = PARTNER_STRATEGY[def.kind];
    this.bot = strategy === "frontier" ? null : createBot(strategy, { delegation: this.partner, seed, talk: false });
    this.game = createGame(scenario, seed);
    this.step({ type: "start", actionId: "start", version: 0, by: { kind: "facilitator" } });
    this.partnerMoves();
  }

  get state(): GameState {
    return this.game;
  }

  get over(): boolean {
    return this.game.phase === "ended";
  }

  /** The learner's turn now (and the game running). */
  get myTurn(): boolean {
    return mayMove(positionOf(this.game), this.player);
  }

  /** The learner's move; refused moves change nothing and say why. */
  move(m: DrillMove): MoveResult {
    const action = { ...m, actionId: `me-${this.n++}`, version: this.game.version, by: { kind: "delegation" as const, id: this.player } } as GameAction;
    const r = apply(this.game, action);
    if (!r.ok) return { ok: false, code: r.code, message: r.message };
    this.game = r.state;
    this.partnerMoves();
    return { ok: true };
  }

  /** Each side's utility for a package (learner, partner). */
  utilities(pkg: Readonly<Package>): number[] {
    return utilitiesIn(this.ds, pkg);
  }

  private step(action: GameAction): void {
    const r = apply(this.game, action);
    if (!r.ok) throw new Error(`drill ${this.def.id}: the ${action.by.kind}'s ${action.type} was refused (${r.code}): ${r.message}`);
    this.game = r.state;
  }

  private partnerMoves(): void {
    for (let guard = 0; mayMove(positionOf(this.game), this.partner); guard++) {
      if (guard > 20) throw new Error(`drill ${this.def.id}: the partner does not end its turn`);
      this.step(this.partnerAction());
    }
  }

  private partnerAction(): GameAction {
    const base = { actionId: `partner-${this.game.version}`, version: this.game.version, by: { kind: "delegation" as const, id: this.partner } };
    if (this.bot) {
      const action = this.bot.act(viewFor(this.game, { kind: "delegation", id: this.partner }));
      return action ?? { type: "pass", ...base };
    }
    const table = this.game.table;
    if (table && table.proposer === this.player) {
      const pkg = { ...table.package };
      const u = this.utilities(pkg);
      const r = this.scenario.delegations[1]!.profile.reservationValue;
      if (u[1]! >= r - 1e-9 && frontierDistance(this.ds, pkg) <= NEAR_FRONTIER + 1e-9) return { type: "accept", ...base };
      return { type: "counter", package: { ...this.offer }, ...base };
    }
    if (table && table.proposer === this.partner) return { type: "pass", ...base };
    return { type: "propose", package: { ...this.offer }, ...base };
  }
}
