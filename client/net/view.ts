// The table as the screens see it: plain objects copied out of the synced schema state, so no
// screen holds (or can change) a live schema instance, and every screen draws from one snapshot.
import { deadlineAfter, type QuietRule } from "../../shared/clock/quiet-hours.ts";
import type { TableState } from "../../shared/state/table.ts";
import type { PhrasePart, PhraseRef } from "../../shared/rules/types.ts";

export type Package = Record<string, string>;

export interface OfferView {
  proposer: string;
  round: number;
  package: Package;
  responses: Record<string, "accept" | "reject">;
}

export interface MoveView {
  version: number;
  round: number;
  by: string;
  type: "propose" | "counter" | "accept" | "reject" | "vote" | "pass" | "walk_away" | "timeout";
  package: Package | null;
  vote: "accept" | "reject" | null;
}

export interface StatementView {
  id: string;
  from: string;
  text: string;
  round: number;
  version: number;
  /** A bot's statement: the phrases it was made of (client/scenario-text.ts renders it in the reader's language). */
  phrase?: PhraseRef;
}

export interface NewsView {
  id: string;
  title: string;
  text: string;
  /** Language tag → the news in that language ("" where untranslated): client/scenario-text.ts `newsText`. */
  translations?: Record<string, { title: string; text: string }>;
}

export interface PersonView {
  id: string;
  name: string;
  delegation: string;
  status: "connected" | "reconnecting" | "away";
  facilitator: boolean;
}

export interface SeatInfo {
  id: string;
  name: string;
  required: boolean;
  control: "people" | "bot";
  strategy: string;
  connected: number;
  members: number;
  maxMembers: number;
  people: PersonView[];
}

export interface TimerView {
  running: boolean;
  /** Local clock (Date.now()) at which the turn times out, when running. */
  endsAtLocal: number;
  /** The server's `endsAt` (server clock), to tell a new turn from the same one. */
  endsAtServer: number;
  secondsLeft: number;
  seconds: number;
  /** The table's quiet hours (null without), the zone this turn's clock follows ("" none), and a vote without a clock. */
  quiet?: { from: string; to: string } | null;
  zone?: string;
  untilAll?: boolean;
}

export interface OutcomeView {
  agreement: boolean;
  reason: string;
  package: Package | null;
  round: number;
  by: string;
}

export type Phase = "waiting" | "running" | "paused" | "ended";

export interface TableView {
  matchId: string;
  scenarioId: string;
  title: string;
  protocol: "alternating" | "multilateral";
  phase: Phase;
  stage: "proposing" | "voting";
  round: number;
  deadlineRounds: number;
  turn: string | null;
  firstMover: string | null;
  version: number;
  tableVersion: number;
  offer: OfferView | null;
  /** The latest moves only (the server keeps a window of them in the synced state). */
  moves: MoveView[];
  /** Moves so far, the earlier ones no longer in `moves` included (absent: `moves.length`). */
  movesTotal?: number;
  /** The latest public statements only (the server keeps a window of them in the synced state). */
  statements: StatementView[];
  /** Public statements so far: the `statementsTotal − statements.length` earlier ones are paged in by the connection. */
  statementsTotal: number;
  news: NewsView[];
  delegations: SeatInfo[];
  observers: number;
  facilitators: number;
  timer: TimerView;
  outcome: OutcomeView | null;
  revealed: boolean;
}

/** A synced move's package: JSON text `{"issue":"option",…}` on proposals, absent otherwise (docs/PROTOCOL.md §5). */
export function movePackage(text: string | undefined): Record<string, string> | null {
  if (!text) return null;
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`a move's package is not an object: ${text.slice(0, 80)}`);
  const out: Record<string, string> = {};
  for (const [issue, option] of Object.entries(parsed)) if (typeof option === "string") out[issue] = option;
  return out;
}

/** A synced statement's phrases: JSON text on a bot's statement, absent on a person's (docs/PROTOCOL.md §5). */
export function statementPhrase(text: string | undefined): PhrasePart[] {
  if (!text) return [];
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error(`a statement's phrase is not a list: ${text.slice(0, 80)}`);
  return parsed.map((p: Partial<Record<keyof PhrasePart, unknown>>) => ({
    kind: p.kind === "template" ? "template" : "phrase",
    key: String(p.key ?? ""),
    index: Number(p.index ?? 0),
    issue: String(p.issue ?? ""),
    option: String(p.option ?? ""),
  }));
}

function mapToRecord<V>(map: { forEach(cb: (value: V, key: string) => void): void } | undefined): Record<string, V> {
  const out: Record<string, V> = {};
  map?.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/**
 * `endsAt` is server time: `clockOffset` (server minus local, from the welcome's `serverTime`)
 * turns it into ours. Without an offset, `secondsLeft` (computed by the server at the same moment)
 * guards against a skewed local clock; with quiet hours it is running time, spent around them.
 */
function localEnd(endsAt: number, secondsLeft: number, receivedAt: number, clockOffset: number | null, rule: QuietRule | null): number {
  if (!endsAt) return 0;
  if (clockOffset !== null) return endsAt - clockOffset;
  const byCount = deadlineAfter(receivedAt, secondsLeft * 1000, rule);
  return Math.abs(endsAt - byCount) > 2500 ? byCount : endsAt;
}

export function toView(state: TableState, previous: TableView | null, clockOffset: number | null = null, receivedAt = Date.now()): TableView {
  const people: PersonView[] = [];
  state.people?.forEach((p) => {
    people.push({ id: p.id, name: p.name, delegation: p.delegation, status: (p.status || "away") as PersonView["status"], facilitator: p.facilitator });
  });
  const delegations: SeatInfo[] = [];
  state.delegations?.forEach((d) => {
    delegations.push({
      id: d.id,
      name: d.name,
      required: d.required,
      control: d.control === "bot" ? "bot" : "people",
      strategy: d.strategy,
      connected: d.connected,
      members: d.members,
      maxMembers: d.maxMembers,
      people: people.filter((p) => p.delegation === d.id),
    });
  });

  // A window (the latest moves): new ones come at its end and the oldest leave its start. Reuse
  // the copies we already made, matched by their number in the whole game (one action, a
  // timeout, can make several moves of the same version).
  const movesKept = state.moves?.length ?? 0;
  const firstMove = Math.max(state.movesTotal ?? 0, movesKept) - movesKept;
  const same = previous !== null && previous.matchId === state.matchId;
  const previousFirst = same ? (previous.movesTotal ?? previous.moves.length) - previous.moves.length : 0;
  const moves: MoveView[] = [];
  for (let i = 0; i < movesKept; i++) {
    const m = state.moves.at(i)!;
    const known = same ? previous.moves[firstMove + i - previousFirst] : undefined;
    if (known && firstMove + i >= previousFirst) {
      moves.push(known);
      continue;
    }
    moves.push({
      version: m.version,
      round: m.round,
      by: m.by,
      type: m.type as MoveView["type"],
      package: movePackage(m.package),
      vote: m.vote === "accept" || m.vote === "reject" ? m.vote : null,
    });
  }
  // A window: new statements come at its end and the oldest leave its start. Reuse the copies we
  // already made, matched by id.
  const known = new Map<string, StatementView>();
  if (previous && previous.matchId === state.matchId) for (const s of previous.statements) known.set(s.id, s);
  const statements: StatementView[] = [];
  state.statements?.forEach((m) => {
    const seen = known.get(m.id);
    if (seen) return void statements.push(seen);
    const phrase = statementPhrase(m.phrase);
    statements.push(phrase.length > 0 ? { id: m.id, from: m.from, text: m.text, round: m.round, version: m.version, phrase } : { id: m.id, from: m.from, text: m.text, round: m.round, version: m.version });
  });
  const news: NewsView[] = [];
  state.news?.forEach((n) => {
    const translations: Record<string, { title: string; text: string }> = {};
    n.translations?.forEach((tr, lang) => (translations[lang] = { title: tr.title, text: tr.text }));
    news.push(Object.keys(translations).length > 0 ? { id: n.id, title: n.title, text: n.text, translations } : { id: n.id, title: n.title, text: n.text });
  });

  const offer = state.offer
    ? {
        proposer: state.offer.proposer,
        round: state.offer.round,
        package: mapToRecord<string>(state.offer.package),
        responses: mapToRecord<string>(state.offer.responses) as Record<string, "accept" | "reject">,
      }
    : null;

  const t = state.timer;
  const sameTimer = previous !== null && t !== undefined && previous.timer.running === t.running && previous.timer.endsAtServer === t.endsAt;
  const timer: TimerView = t
    ? {
        running: t.running,
        endsAtLocal: sameTimer ? previous!.timer.endsAtLocal : t.running ? localEnd(t.endsAt, t.secondsLeft, receivedAt, clockOffset, t.zone && t.quietFrom && t.quietTo ? { quiet: { from: t.quietFrom, to: t.quietTo }, zone: t.zone } : null) : 0,
        endsAtServer: t.endsAt,
        secondsLeft: t.secondsLeft,
        seconds: t.seconds,
        quiet: t.quietFrom && t.quietTo ? { from: t.quietFrom, to: t.quietTo } : null,
        zone: t.zone ?? "",
        untilAll: t.untilAll ?? false,
      }
    : { running: false, endsAtLocal: 0, endsAtServer: 0, secondsLeft: 0, seconds: 0, quiet: null, zone: "", untilAll: false };

  const o = state.outcome;
  return {
    matchId: state.matchId,
    scenarioId: state.scenarioId,
    title: state.title,
    protocol: state.protocol === "multilateral" ? "multilateral" : "alternating",
    phase: (state.phase || "waiting") as Phase,
    stage: state.stage === "voting" ? "voting" : "proposing",
    round: state.round,
    deadlineRounds: state.deadlineRounds,
    turn: state.turn || null,
    firstMover: state.firstMover || null,
    version: state.version,
    tableVersion: state.tableVersion,
    offer,
    moves,
    movesTotal: Math.max(state.movesTotal ?? 0, moves.length),
    statements,
    statementsTotal: Math.max(state.statementsTotal ?? 0, statements.length),
    news,
    delegations,
    observers: state.observers,
    facilitators: state.facilitators,
    timer,
    outcome: o
      ? { agreement: o.agreement, reason: o.reason, package: o.package.size > 0 ? mapToRecord<string>(o.package) : null, round: o.round, by: o.by }
      : null,
    revealed: state.revealed,
  };
}

/**
 * Public statements a client holds, oldest first and without a gap; `from` is the first one's
 * number in the table's whole record (0: all of them).
 */
export interface StatementRecord {
  from: number;
  statements: readonly StatementView[];
}

/**
 * The synced window joined onto what the client already holds: statements that slid out of the
 * window while it watched stay; after a gap (a long disconnection) the window alone.
 */
export function joinStatements(record: StatementRecord, view: Pick<TableView, "statements" | "statementsTotal">): StatementRecord {
  const windowFrom = view.statementsTotal - view.statements.length;
  const end = record.from + record.statements.length;
  if (end === view.statementsTotal && record.statements.at(-1)?.id === view.statements.at(-1)?.id) return record;
  if (record.statements.length === 0 || end < windowFrom || record.from > windowFrom) return { from: windowFrom, statements: view.statements };
  return { from: record.from, statements: [...record.statements.slice(0, windowFrom - record.from), ...view.statements] };
}

/** An earlier page (`statements` request) put in front of the record, when it joins on. */
export function prependStatements(record: StatementRecord, page: { from: number; statements: readonly StatementView[] }): StatementRecord {
  if (page.from + page.statements.length !== record.from) return record;
  return { from: page.from, statements: [...page.statements, ...record.statements] };
}

/** Seconds left on the turn timer now. */
export function secondsLeft(timer: TimerView, now = Date.now()): number {
  if (timer.running && timer.endsAtLocal > 0) return Math.max(0, (timer.endsAtLocal - now) / 1000);
  return timer.secondsLeft;
}

export function delegationName(view: TableView | null, id: string | null | undefined): string {
  if (!id) return "";
  return view?.delegations.find((d) => d.id === id)?.name ?? id;
}
