// The ladder: this browser's record of every solo game and every drill (no account: localStorage,
// one versioned JSON document), exported and imported as a file. Everything read — from storage or
// from a file — is checked with zod; a file that does not pass is refused with one sentence naming
// the first thing wrong and where (`entries[2].advantage: …`), never half-imported.
import { z } from "zod";
import { DRILL_KINDS } from "../../shared/drills/drill.ts";

export const LADDER_FORMAT = "cyber-accord-ladder";
export const LADDER_VERSION = 1;
const KEY = "accord:ladder";

const When = z.iso.datetime();
const Points = z.number().min(-1).max(2);

export const GameEntry = z.strictObject({
  kind: z.literal("game"),
  /** The table's id: a game is recorded once. */
  id: z.string().min(1).max(80),
  at: When,
  scenario: z.string().min(1).max(120),
  delegation: z.string().min(1).max(120),
  /** easy, medium, hard, or "custom" when the bots were chosen one by one. */
  difficulty: z.string().min(1).max(40),
  /** The bots' strategy (as the table names it). */
  strategy: z.string().min(1).max(40),
  agreement: z.boolean(),
  reason: z.string().max(40),
  utility: Points,
  walkAway: Points,
  advantage: z.number().min(-100).max(100),
  paretoDistance: z.number().min(0).max(2).nullable(),
});

export const DrillEntry = z.strictObject({
  kind: z.literal("drill"),
  id: z.string().min(1).max(80),
  at: When,
  drill: z.string().min(1).max(120),
  idea: z.enum(DRILL_KINDS),
  scenario: z.string().min(1).max(120),
  seed: z.number().int(),
  score: z.number().int().min(0).max(100),
  agreement: z.boolean(),
  utility: Points,
  walkAway: Points,
  advantage: z.number().min(-100).max(100),
  paretoDistance: z.number().min(0).max(2).nullable(),
});

export const Entry = z.discriminatedUnion("kind", [GameEntry, DrillEntry]);
export type GameEntry = z.infer<typeof GameEntry>;
export type DrillEntry = z.infer<typeof DrillEntry>;
export type Entry = z.infer<typeof Entry>;

export const LadderFile = z.strictObject({
  format: z.literal(LADDER_FORMAT),
  version: z.literal(LADDER_VERSION),
  entries: z.array(Entry).max(20_000),
});
export type Ladder = z.infer<typeof LadderFile>;

/** Why a text is not a ladder: what (one of the practice namespace's `problem` sentences) and where. */
export interface LadderProblem {
  what: "notJson" | "notLadder" | "version" | "type" | "missing" | "range" | "unknownField" | "choice" | "format" | "other";
  /** Where in the file, as `entries[2].advantage` ("" for the whole file). */
  where: string;
}

export const empty = (): Ladder => ({ format: LADDER_FORMAT, version: LADDER_VERSION, entries: [] });

function pathOf(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let at = data;
  for (const p of path) {
    if (!at || typeof at !== "object") return undefined;
    at = (at as Record<PropertyKey, unknown>)[p];
  }
  return at;
}

/** A text as a ladder, or the first problem with it. */
export function parseLadder(text: string): { ok: true; ladder: Ladder } | { ok: false; problem: LadderProblem } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: { what: "notJson", where: "" } };
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || (data as { format?: unknown }).format !== LADDER_FORMAT) {
    return { ok: false, problem: { what: "notLadder", where: "" } };
  }
  if ((data as { version?: unknown }).version !== LADDER_VERSION) return { ok: false, problem: { what: "version", where: "version" } };
  const r = LadderFile.safeParse(data);
  if (r.success) return { ok: true, ladder: r.data };
  const issue = r.error.issues[0]!;
  const where = pathOf(issue.path);
  const what: LadderProblem["what"] =
    issue.code === "invalid_type"
      ? valueAt(data, issue.path) === undefined
        ? "missing"
        : "type"
      : issue.code === "too_big" || issue.code === "too_small"
        ? "range"
        : issue.code === "unrecognized_keys"
          ? "unknownField"
          : issue.code === "invalid_value" || issue.code === "invalid_union"
            ? "choice"
            : issue.code === "invalid_format"
              ? "format"
              : "other";
  const keys = issue.code === "unrecognized_keys" ? (issue as { keys: string[] }).keys : [];
  return { ok: false, problem: { what, where: keys.length ? `${where ? `${where}.` : ""}${keys[0]}` : where } };
}

/** Entries of both, each id once (the later copy kept), in time order. */
export function merge(a: readonly Entry[], b: readonly Entry[]): Entry[] {
  const byId = new Map<string, Entry>();
  for (const e of [...a, ...b]) byId.set(`${e.kind}:${e.id}`, e);
  return [...byId.values()].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
}

export function ladderText(ladder: Ladder): string {
  return `${JSON.stringify(ladder, null, 2)}\n`;
}

// ---- this browser's copy ---------------------------------------------------------------------

/** What is stored here, with the problem when the stored copy could not be read (it is then kept as it was, not overwritten, until the learner clears it). */
export function readStored(storage: Pick<Storage, "getItem"> = localStorage): { ladder: Ladder; problem: LadderProblem | null } {
  let raw: string | null = null;
  try {
    raw = storage.getItem(KEY);
  } catch {
    // Storage blocked: nothing stored here, as on a first visit.
    raw = null;
  }
  if (raw === null) return { ladder: empty(), problem: null };
  const r = parseLadder(raw);
  return r.ok ? { ladder: r.ladder, problem: null } : { ladder: empty(), problem: r.problem };
}

function write(ladder: Ladder, storage: Pick<Storage, "setItem">): boolean {
  try {
    storage.setItem(KEY, JSON.stringify(ladder));
    return true;
  } catch {
    // Storage full or blocked: the caller says the record was not kept.
    return false;
  }
}

/** Adds an entry (a game or drill already recorded is not recorded twice). False when the stored copy is unreadable or storage refuses. */
export function record(entry: Entry, storage: Pick<Storage, "getItem" | "setItem"> = localStorage): boolean {
  const checked = Entry.safeParse(entry);
  if (!checked.success) {
    console.error("ladder: an entry that does not fit the ladder's format was not recorded", checked.error.issues[0]);
    return false;
  }
  const { ladder, problem } = readStored(storage);
  if (problem) return false;
  if (ladder.entries.some((e) => e.kind === entry.kind && e.id === entry.id)) return true;
  return write({ ...ladder, entries: merge(ladder.entries, [checked.data]) }, storage);
}

/** Imports a file's text: merged into what is stored. */
export function importText(text: string, storage: Pick<Storage, "getItem" | "setItem"> = localStorage): { ok: true; added: number } | { ok: false; problem: LadderProblem } {
  const r = parseLadder(text);
  if (!r.ok) return r;
  const { ladder, problem } = readStored(storage);
  const before = problem ? [] : ladder.entries;
  const entries = merge(before, r.ladder.entries);
  write({ ...empty(), entries }, storage);
  return { ok: true, added: entries.length - before.length };
}

export function clearStored(storage: Pick<Storage, "removeItem"> = localStorage): void {
  try {
    storage.removeItem(KEY);
  } catch {
    // nothing stored, nothing to clear
  }
}
