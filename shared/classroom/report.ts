// What a class session produced: each table's dashboard row (public facts only), and the
// assessment export, one CSV row per student with the table's deal, the delegation's utility and
// advantage (shared/analysis, as the debrief computes them), messages sent and the scores.
import { dealAnalysis } from "../analysis/deal.ts";
import { outcomeSpace, utility } from "../analysis/utility.ts";
import type { GameState, Outcome, Phase } from "../rules/types.ts";
import type { Issue, Package, Profile } from "../scenario/schema.ts";
import type { Place } from "./assign.ts";
import { type Criterion, scoreKey } from "./session.ts";
import { createTranslator, type Translator } from "../i18n/index.ts";

/** The export's words without `?lang`: English, as it always read. */
const ENGLISH = createTranslator("en");

/**
 * One table on the facilitator's dashboard: public facts, no message content, no profile; and
 * what only the facilitator may see, each delegation's value of the package on the table.
 */
export interface TableRow {
  table: number;
  matchId: string;
  /** "missing" when the table's room is not running on this server now. */
  phase: Phase | "missing";
  round: number;
  deadlineRounds: number;
  turn: string | null;
  stage: "proposing" | "voting";
  /** The package on the table, who tabled it, and each delegation's answer so far. */
  offer: { proposer: string; package: Package; responses: Record<string, "accept" | "reject"> } | null;
  /** Null while the talks go on; then whether they ended in a deal. */
  agreement: boolean | null;
  endReason: string | null;
  firedInjects: string[];
  /** Server epoch ms of the table's last move (a proposal, an answer, a vote, a pass, a timeout) or start, as the class room saw it; null before. */
  lastMoveAt: number | null;
  delegations: {
    id: string;
    control: string;
    connected: number;
    members: number;
    /** Public statements, private messages and team notes sent by this delegation: a count, never the text. */
    messages: number;
    /** The students assigned here (display names). */
    students: string[];
    /** This delegation's value (0–1, its current profile) of the package on the table; null with nothing on it. The facilitator's only. */
    value: number | null;
  }[];
}

/** Messages sent per delegation, every channel counted, nothing of their content. */
export function messageCounts(game: Pick<GameState, "messages" | "order">): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(game.order.map((d) => [d, 0]));
  for (const m of game.messages) if (m.from in counts) counts[m.from]! += 1;
  return counts;
}

/** A table's dashboard row from its game state and seating. */
export function tableRow(
  table: number,
  matchId: string,
  game: GameState | null,
  seating: readonly { id: string; control: string; connected: number; members: number }[],
  studentsAt: (delegation: string) => string[],
  lastMoveAt: number | null = null,
): TableRow {
  if (!game) {
    return { table, matchId, phase: "missing", round: 0, deadlineRounds: 0, turn: null, stage: "proposing", offer: null, agreement: null, endReason: null, firedInjects: [], lastMoveAt, delegations: [] };
  }
  const counts = messageCounts(game);
  return {
    table,
    matchId,
    phase: game.phase,
    round: game.round,
    deadlineRounds: game.deadlineRounds,
    turn: game.turn,
    stage: game.stage,
    offer: game.table ? { proposer: game.table.proposer, package: { ...game.table.package }, responses: { ...game.table.responses } } : null,
    agreement: game.outcome ? game.outcome.agreement : null,
    endReason: game.outcome ? game.outcome.reason : null,
    firedInjects: [...game.firedInjects],
    lastMoveAt,
    delegations: game.order.map((id) => {
      const seat = seating.find((s) => s.id === id);
      const profile = game.profiles[id];
      const value = game.table && profile ? Math.round(utility(profile as Profile, game.table.package as Package) * 10_000) / 10_000 : null;
      return { id, control: seat?.control ?? "people", connected: seat?.connected ?? 0, members: seat?.members ?? 0, messages: counts[id] ?? 0, students: studentsAt(id), value };
    }),
  };
}

/** What the export needs of one table: its issues, its profiles after its injects, its outcome. */
export interface TableResult {
  table: number;
  issues: readonly Issue[];
  /** Delegation id → the profile its utility is judged by (after the injects fired at this table), scenario order. */
  profiles: Readonly<Record<string, Profile>>;
  outcome: Outcome | null;
  messages: Readonly<Record<string, number>>;
  /** Delegation id → its name in the scenario, as the export shows it (an id missing here is shown as it is). */
  delegationNames?: Readonly<Record<string, string>>;
}

export interface StudentResult {
  name: string;
  table: number | null;
  /** The delegation's id. */
  delegation: string | null;
  /** The delegation's name, as the screens show it. */
  delegationName: string | null;
  /** Null while the table has not ended. */
  dealReached: boolean | null;
  utility: number | null;
  advantage: number | null;
  messagesSent: number | null;
  scores: Record<string, number | null>;
}

/** Each delegation's utility and advantage at a table that has ended (advantage as `dealAnalysis` defines it). */
export function tableUtilities(result: TableResult): Record<string, { utility: number; advantage: number }> | null {
  if (!result.outcome) return null;
  const parties = Object.entries(result.profiles).map(([id, profile]) => ({ id, profile }));
  const space = outcomeSpace(result.issues, parties);
  const deal = result.outcome.agreement && result.outcome.package ? ({ ...result.outcome.package } as Package) : null;
  const analysis = dealAnalysis(space, deal);
  const out: Record<string, { utility: number; advantage: number }> = {};
  for (const p of analysis.parties) out[p.id] = { utility: result.outcome.utilities[p.id] ?? p.utility, advantage: p.advantage };
  return out;
}

/** One row per student, in the order given. */
export function studentResults(
  students: readonly { name: string; place: Place | null }[],
  tables: readonly TableResult[],
  scores: Readonly<Record<string, number>>,
  criteria: readonly Criterion[],
  /** The class scenario's delegation names, for students whose table has no result to export (yet). */
  delegationNames: Readonly<Record<string, string>> = {},
): StudentResult[] {
  const byTable = new Map(tables.map((t) => [t.table, { result: t, utilities: tableUtilities(t) }]));
  return students.map((s) => {
    const scored: Record<string, number | null> = {};
    for (const c of criteria) scored[c.id] = s.place ? (scores[scoreKey(s.place.table, s.place.delegation, c.id)] ?? null) : null;
    const t = s.place ? byTable.get(s.place.table) : undefined;
    const mine = t?.utilities && s.place ? t.utilities[s.place.delegation] : undefined;
    return {
      name: s.name,
      table: s.place?.table ?? null,
      delegation: s.place?.delegation ?? null,
      delegationName: s.place ? (t?.result.delegationNames?.[s.place.delegation] ?? delegationNames[s.place.delegation] ?? s.place.delegation) : null,
      dealReached: t?.result.outcome ? t.result.outcome.agreement : null,
      utility: mine?.utility ?? null,
      advantage: mine?.advantage ?? null,
      messagesSent: t && s.place ? (t.result.messages[s.place.delegation] ?? 0) : null,
      scores: scored,
    };
  });
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; a leading =+-@ is defused for spreadsheets. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function num(x: number | null): string {
  return x === null ? "" : String(Math.round(x * 10_000) / 10_000);
}

/** A utility or an advantage on the screens' scale: whole points out of 100 (an advantage as a percentage). */
function points(x: number | null): string {
  return x === null ? "" : String(Math.round(x * 100));
}

/**
 * The per-student CSV: name, table, delegation (its name), deal reached, utility in points (0–100,
 * as the screens show it), advantage in percent (as the debrief shows it), messages sent, one
 * column per criterion; then the delegation's id and the raw utility and advantage (0–1). Headings
 * and yes/no in the reader's language (`tr`, English by default); the values stay plain (Latin digits).
 */
export function studentCsv(rows: readonly StudentResult[], criteria: readonly Criterion[], tr: Translator = ENGLISH): string {
  const header = [
    tr.t("exports:students.name"),
    tr.t("exports:students.table"),
    tr.t("exports:students.delegation"),
    tr.t("exports:students.dealReached"),
    tr.t("exports:students.utility"),
    tr.t("exports:students.advantage"),
    tr.t("exports:students.messagesSent"),
    ...criteria.map((c) => tr.t("exports:students.score", { criterion: c.id })),
    tr.t("exports:students.delegationId"),
    tr.t("exports:students.utilityRaw"),
    tr.t("exports:students.advantageRaw"),
  ];
  const lines = [header.map(csvCell).join(",")];
  for (const r of rows) {
    const cells = [
      r.name,
      r.table === null ? "" : String(r.table),
      r.delegationName ?? r.delegation ?? "",
      r.dealReached === null ? "" : r.dealReached ? tr.t("exports:csv.yes") : tr.t("exports:csv.no"),
      points(r.utility),
      points(r.advantage),
      r.messagesSent === null ? "" : String(r.messagesSent),
      ...criteria.map((c) => (r.scores[c.id] == null ? "" : String(r.scores[c.id]))),
      r.delegation ?? "",
      num(r.utility),
      num(r.advantage),
    ];
    lines.push(cells.map(csvCell).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}
