// The bot driver: each delegation a bot plays moves when the rules say it may, after a short,
// human-like pause, through the same pipeline as a person's request. A bot sees only `viewFor` of
// its own delegation. A bot that fails or is refused is logged; its turn then times out.
import { botSeed, createBot, type Bot } from "../../shared/bots/index.ts";
import type { BotChoice, RequestRefusal } from "../../shared/protocol/index.ts";
import { TALK_TYPES } from "../../shared/protocol/index.ts";
import { viewFor } from "../../shared/rules/index.ts";
// Who may move now is the rules' question (the same answer the bots and the client use).
import { delegationsToMove } from "../../shared/rules/legal.ts";
import type { GameAction, GameState, Message, SeatView } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { log } from "../log.ts";
import type { Seating } from "./seating.ts";
import type { TimerHandle, Timers } from "./timers.ts";

export interface BotDriverHooks {
  game(): GameState;
  /** Queue `task` in the table's serial queue. */
  enqueue(task: () => Promise<void>): Promise<void>;
  /** Apply, write, commit and publish a bot's action (in the queue). */
  perform(action: GameAction): Promise<{ ok: true } | RequestRefusal>;
  /** The pause before a bot moves, in ms (0: the next turn of the event loop). */
  delayMs(): number;
  /** The server is shutting down: no more moves (the table is restored as it is). */
  stopped(): boolean;
}

export class BotDriver {
  private readonly pending = new Map<string, TimerHandle>();
  /** What each bot has read of the game's messages: the first one not read, and those it may read before it. */
  private readonly read = new Map<string, { index: number; messages: Message[] }>();

  constructor(
    private readonly matchId: string,
    private readonly scenario: Scenario,
    private readonly seating: Seating,
    private readonly timers: Timers,
    private readonly hooks: BotDriverHooks,
  ) {}

  /** A bot for `delegation`, seeded from the table's seed, so a restored table's bot plays on alike. */
  newBot(delegation: string, strategy: BotChoice, seed: number): Bot {
    const d = this.scenario.delegations.find((x) => x.id === delegation);
    if (!d) throw new Error(`no delegation '${delegation}' in ${this.scenario.id}`);
    return createBot(strategy, { delegation, seed: botSeed(seed, strategy), phrases: d.phrases, talk: true });
  }

  /** Each bot that has to move gets a turn after its pause (once: a pending move is not scheduled again). */
  schedule(): void {
    const game = this.hooks.game();
    if (game.phase !== "running" || this.hooks.stopped()) return;
    for (const delegation of delegationsToMove(game)) {
      const control = this.seating.control.get(delegation);
      if (control?.mode !== "bot" || this.pending.has(delegation)) continue;
      const move = () => {
        this.pending.delete(delegation);
        this.hooks.enqueue(() => this.move(delegation)).catch((e: unknown) => log.error("bot move failed", { matchId: this.matchId, delegation, error: e }));
      };
      const delay = this.hooks.delayMs();
      this.pending.set(delegation, delay <= 0 ? this.timers.soon(move) : this.timers.after(delay, move));
    }
  }

  /** Cancel `delegation`'s pending move (its people took it back). */
  cancel(delegation: string): void {
    this.pending.get(delegation)?.clear();
    this.pending.delete(delegation);
  }

  /** Cancel every pending move (the end, the room closing). */
  cancelAll(): void {
    for (const timer of this.pending.values()) timer.clear();
    this.pending.clear();
  }

  /** Moves not yet made. */
  get waiting(): number {
    return this.pending.size;
  }

  /** One bot's move, in the queue: what it decides on its own view, applied as any action. */
  async move(delegation: string): Promise<void> {
    if (this.hooks.stopped()) return;
    const control = this.seating.control.get(delegation);
    if (control?.mode !== "bot" || !control.bot || !delegationsToMove(this.hooks.game()).includes(delegation)) return;
    const bot = control.bot;
    let action = this.decide(bot, delegation);
    if (!action) return;
    let result = await this.hooks.perform({ ...action, actionId: `bot:${action.actionId}` });
    if ("code" in result && result.code === "volume_limit") {
      // The table's talk is full: the bot keeps quiet and makes the move it was about to announce.
      const move = this.decide(bot, delegation);
      if (!move || TALK_TYPES.has(move.type)) return;
      action = move;
      result = await this.hooks.perform({ ...move, actionId: `bot:${move.actionId}` });
    }
    if ("code" in result) log.warn("bot move refused", { matchId: this.matchId, delegation, type: action.type, ...result });
  }

  /**
   * The delegation's view, its messages read since its last move only: viewFor filters the new
   * ones, and they join those read before (a pass over the whole record on every bot move made
   * each cost more the longer the game). The list is the driver's own, read during the move only.
   */
  viewOf(delegation: string): SeatView {
    const game = this.hooks.game();
    let seen = this.read.get(delegation);
    if (!seen || seen.index > game.messages.length) this.read.set(delegation, (seen = { index: 0, messages: [] }));
    const view = viewFor(seen.index === 0 ? game : { ...game, messages: game.messages.slice(seen.index) }, { kind: "delegation", id: delegation });
    for (const m of view.messages) seen.messages.push(m);
    seen.index = game.messages.length;
    return { ...view, messages: seen.messages };
  }

  private decide(bot: Bot, delegation: string): GameAction | null {
    try {
      // A bot sees what its delegation sees, nothing more.
      return bot.act(this.viewOf(delegation));
    } catch (e) {
      log.error("bot failed; the turn will time out", { matchId: this.matchId, delegation, error: e });
      return null;
    }
  }
}
