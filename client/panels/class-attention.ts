// What on a class table wants the facilitator's eye, and the orders the dashboard's rows can be
// sorted in: pure functions of the dashboard rows (client/panels/class-dashboard.ts draws them).
import type { TableRow } from "../../shared/classroom/report.ts";
import { t } from "../i18n.ts";

/** No move at a running table for this long: it is stalled. */
export const STALLED_MS = 3 * 60_000;
/** The class's negotiation clock this close to its end: every running table is near the deadline. */
export const CLOCK_NEAR_MS = 2 * 60_000;

export type FlagKind = "missing" | "offline" | "empty" | "stalled" | "deadline";
export interface Flag {
  kind: FlagKind;
  label: string;
}
const FLAG_WEIGHT: Record<FlagKind, number> = { missing: 5, offline: 4, empty: 3, stalled: 2, deadline: 1 };

/** What on a table wants the facilitator's eye: a table not running, someone disconnected, a seat with no one, no move for a while, the deadline near. */
export function attention(row: TableRow, now: number, classLeftMs: number | null, name: (id: string) => string): Flag[] {
  if (row.phase === "missing") return [{ kind: "missing", label: t("table:attention.missing") }];
  if (row.phase === "ended") return [];
  const flags: Flag[] = [];
  const people = row.delegations.filter((d) => d.control !== "bot");
  const offline = people.filter((d) => d.members > 0 && d.connected < d.members);
  if (offline.length > 0) flags.push({ kind: "offline", label: t("table:attention.offline", { names: offline.map((d) => name(d.id)).join(t("table:log.comma")) }) });
  // Before the talks, a seat counts as empty only when a student was given it (the rest get a bot at the start).
  const empty = people.filter((d) => d.members === 0 && (row.phase !== "waiting" || d.students.length > 0));
  if (empty.length > 0) flags.push({ kind: "empty", label: t("table:attention.empty", { names: empty.map((d) => name(d.id)).join(t("table:log.comma")) }) });
  if (row.phase === "running") {
    if (row.lastMoveAt !== null && now - row.lastMoveAt >= STALLED_MS) flags.push({ kind: "stalled", label: t("table:attention.stalled", { minutes: Math.floor((now - row.lastMoveAt) / 60_000) }) });
    if (row.deadlineRounds > 0 && row.round >= row.deadlineRounds) flags.push({ kind: "deadline", label: t("table:attention.lastRound") });
    else if (classLeftMs !== null && classLeftMs <= CLOCK_NEAR_MS) flags.push({ kind: "deadline", label: t("table:attention.clockOut") });
  }
  return flags;
}

export type SortId = "attention" | "table" | "round" | "messages";
/** The orders, each with its name's catalog key. */
export const SORTS = [
  { id: "attention", key: "table:attention.sortAttention" },
  { id: "table", key: "table:attention.sortTable" },
  { id: "round", key: "table:attention.sortRound" },
  { id: "messages", key: "table:attention.sortMessages" },
] as const satisfies readonly { id: SortId; key: string }[];

export function sortRows<T extends { row: TableRow; flags: Flag[] }>(rows: T[], by: SortId): T[] {
  const weight = (f: Flag[]) => f.reduce((w, x) => w + FLAG_WEIGHT[x.kind] * 10, 0) + f.length;
  const ended = (r: TableRow) => (r.phase === "ended" ? 1 : 0);
  const messages = (r: TableRow) => r.delegations.reduce((n, d) => n + d.messages, 0);
  const key: Record<SortId, (a: T, b: T) => number> = {
    attention: (a, b) => weight(b.flags) - weight(a.flags) || ended(a.row) - ended(b.row),
    table: () => 0,
    round: (a, b) => ended(a.row) - ended(b.row) || a.row.round - b.row.round,
    messages: (a, b) => messages(a.row) - messages(b.row),
  };
  return [...rows].sort((a, b) => key[by](a, b) || a.row.table - b.row.table);
}
