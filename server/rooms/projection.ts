// Project what an observer may see onto the synced table state. The input is always
// `viewFor(state, { kind: "observer" })`, so nothing the engine keeps private can reach the
// schema: the filtering happens once, in viewFor. Lists only grow (moves, statements, news), so
// only new entries are appended; the offer is rebuilt when the package on the table changes.
// Moves are a window too (`moveWindow`, `movesTotal`), like the statements below.
// Statements are a window: only the latest `statementWindow` stay in the synced list (the oldest
// leave it as new ones come), `statementsTotal` counts them all, and the room's `statements`
// request pages the earlier ones from the engine's record.
import { viewFor } from "../../shared/rules/index.ts";
import type { GameState, SeatView } from "../../shared/rules/types.ts";
import { MoveEntry, News, NewsText, Offer, PublicOutcome, Statement, type TableState } from "../../shared/state/table.ts";
import type { Translations } from "../../shared/scenario/overlay.ts";

function setIfChanged<K extends keyof TableState>(state: TableState, key: K, value: TableState[K]): void {
  if (state[key] !== value) state[key] = value;
}

function fillMap(target: { set(k: string, v: string): unknown; clear(): void; size: number }, source: Record<string, string>): void {
  target.clear();
  for (const [k, v] of Object.entries(source)) target.set(k, v);
}

/** The public statements the synced state keeps (the server's `statementWindow`, 200 by default). */
export const DEFAULT_STATEMENT_WINDOW = 200;

/**
 * The moves the synced state keeps: a game's moves grow without bound, and every MoveEntry kept
 * (with its package map) costs memory for as long as the table runs; the whole record stays in
 * the engine's state and the event log (the public record and the debrief carry all of them).
 */
export const DEFAULT_MOVE_WINDOW = 200;

/**
 * `publicBefore`: the public statements before the view's first message. A table that has projected
 * its record up to some message passes the observer's view of the messages after it only (with
 * the count of those before), so that an action costs the same early or late in a long game; by
 * default the view holds the whole record.
 */
export function projectView(
  state: TableState,
  view: SeatView,
  statementWindow = DEFAULT_STATEMENT_WINDOW,
  translations: Translations = {},
  moveWindow = DEFAULT_MOVE_WINDOW,
  publicBefore = 0,
): void {
  if (view.viewer.kind !== "observer") throw new Error("projectView: only the observer's view may be synced to every client");
  setIfChanged(state, "phase", view.phase);
  setIfChanged(state, "stage", view.stage);
  setIfChanged(state, "round", view.round);
  setIfChanged(state, "deadlineRounds", view.deadlineRounds);
  setIfChanged(state, "turn", view.turn ?? "");
  setIfChanged(state, "version", view.version);
  setIfChanged(state, "tableVersion", view.tableVersion);

  const table = view.table;
  if (!table) {
    if (state.offer !== undefined) state.offer = undefined;
  } else {
    let offer = state.offer;
    const same =
      offer !== undefined &&
      offer.proposer === table.proposer &&
      offer.round === table.round &&
      offer.package.size === Object.keys(table.package).length &&
      Object.entries(table.package).every(([k, v]) => offer!.package.get(k) === v);
    if (!same || !offer) {
      offer = new Offer();
      offer.proposer = table.proposer;
      offer.round = table.round;
      fillMap(offer.package, table.package);
      state.offer = offer;
    }
    for (const [id, answer] of Object.entries(table.responses)) {
      if (offer.responses.get(id) !== answer) offer.responses.set(id, answer);
    }
    for (const id of [...offer.responses.keys()]) if (!(id in table.responses)) offer.responses.delete(id);
  }

  // A window like the statements': new moves are appended, the oldest leave its start.
  const moves = view.moves.length;
  const kept = Math.max(0, Math.floor(moveWindow));
  for (let i = Math.max(state.movesTotal, moves - kept); i < moves; i++) {
    const m = view.moves[i]!;
    const entry = new MoveEntry();
    entry.version = m.version;
    entry.round = m.round;
    entry.by = m.by;
    entry.type = m.type;
    // Only a proposal carries a package, as JSON text (a map per move costs several times more).
    if (m.package) entry.package = JSON.stringify(m.package);
    entry.vote = m.accept === undefined ? "" : m.accept ? "accept" : "reject";
    state.moves.push(entry);
  }
  while (state.moves.length > kept) state.moves.shift();
  setIfChanged(state, "movesTotal", moves);

  // An observer reads public statements only, in order, so its list continues where the state's
  // ends; of many new ones at once (a restored table) only those the window keeps are added.
  const total = publicBefore + view.messages.length;
  const window = Math.max(0, Math.floor(statementWindow));
  const from = Math.max(state.statementsTotal, total - window);
  if (from < publicBefore) throw new Error(`projectView: statements ${from}–${publicBefore - 1} are not in this view and were never projected`);
  for (let i = from; i < total; i++) {
    const m = view.messages[i - publicBefore]!;
    if (m.channel !== "public") throw new Error(`projectView: message ${m.id} is ${m.channel}; the observer's view must hold public ones only`);
    const statement = new Statement({ id: m.id, from: m.from, text: m.text, round: m.round, version: m.version });
    // Only a bot's statement has phrases (as JSON text); a person's leaves the field absent.
    if (m.phrase && m.phrase.length > 0) statement.phrase = JSON.stringify(m.phrase.map(({ kind, key, index, issue, option }) => ({ kind, key, index, issue, option })));
    state.statements.push(statement);
  }
  while (state.statements.length > window) state.statements.shift();
  setIfChanged(state, "statementsTotal", total);

  for (let i = state.news.length; i < view.firedInjects.length; i++) {
    const n = view.firedInjects[i]!;
    const news = new News({ id: n.id, title: n.title, text: n.text });
    // Fired news is public: its translations go to everyone with it.
    for (const [lang, overlay] of Object.entries(translations)) {
      const tr = overlay.injects?.[n.id];
      if (tr?.title !== undefined || tr?.text !== undefined) news.translations.set(lang, new NewsText({ title: tr.title ?? "", text: tr.text ?? "" }));
    }
    state.news.push(news);
  }

  if (view.outcome && state.outcome === undefined) {
    const o = new PublicOutcome();
    o.agreement = view.outcome.agreement;
    o.reason = view.outcome.reason;
    if (view.outcome.package) fillMap(o.package, view.outcome.package);
    o.round = view.outcome.round;
    o.by = view.outcome.by ?? "";
    state.outcome = o;
  }
}

/**
 * One table's projection, action after action: it remembers how far it has read the game's
 * messages, so that only the messages since the last action go through viewFor's filter (a pass
 * over the whole record on every action made each one cost more the longer the game).
 */
export class TableProjection {
  /** The first message not yet read, and the public ones before it. */
  private index = 0;
  private publicCount = 0;

  constructor(private readonly state: TableState) {}

  project(game: GameState, statementWindow: number, translations: Translations): void {
    if (this.index > game.messages.length) this.index = this.publicCount = 0;
    const view = viewFor(this.index === 0 ? game : { ...game, messages: game.messages.slice(this.index) }, { kind: "observer" });
    projectView(this.state, view, statementWindow, translations, DEFAULT_MOVE_WINDOW, this.publicCount);
    this.index = game.messages.length;
    this.publicCount += view.messages.length;
  }
}
