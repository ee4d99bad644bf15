// Building one export of a match from its stored log: the record's game part (`reveal`, or the
// observer's `view` with the outcome) and the transcripts (JSON, CSV, Markdown). Pure apart from
// reading SQLite: it runs in the export thread (export-worker.ts), which reads the rows itself, or
// is handed them (PostgreSQL). The answer is UTF-8 bytes, so the thread can transfer them.
import Database from "better-sqlite3";
import { replay, reveal, viewFor } from "../../shared/rules/index.ts";
import type { GameAction, GameState } from "../../shared/rules/types.ts";
import { localize, type Overlay } from "../../shared/scenario/overlay.ts";
import { storedScenario } from "../db/replay.ts";
import type { LoggedAction } from "../db/store.ts";
import { messageCounts } from "../../shared/classroom/report.ts";
import { createTranslator, type Locale } from "../../shared/i18n/index.ts";
import { buildTranscript, transcriptCsv, transcriptJson } from "./transcript.ts";
import { transcriptMarkdown } from "./transcript-markdown.ts";

/** `record`: the match record's game part; `json` `csv` `md`: the transcript; `summary`: what a class's students.csv needs. */
export type ExportFormat = "record" | "json" | "csv" | "md" | "summary";
export type RecordKind = "public" | "full";

/** The stored rows an export is built from. */
export interface ExportRows {
  scenarioJson: string;
  seed: number;
  actions: LoggedAction[];
}

export interface ExportJob {
  matchId: string;
  format: ExportFormat;
  record: RecordKind;
  /** Only the log up to this version (a running table's version when it was asked); null: all of it. */
  upTo: number | null;
  /** Where the rows come from: the SQLite file (read here), or the rows themselves. */
  source: { file: string } | { rows: ExportRows };
  /** The reader's language of a CSV or Markdown transcript (`?lang=`); English when absent. */
  lang?: Locale;
  /**
   * The scenario's translation into `lang` (the catalog's overlay, shared/scenario/overlay.ts): its
   * words (names, issues, options, injects) are put in place before a CSV or Markdown transcript is
   * written; what it leaves untranslated stays English. Absent: the stored English scenario's words.
   */
  overlay?: Overlay;
}

/** What a class's per-student export needs of a table: its order, final profiles, outcome and each delegation's message count. */
export function summaryPart(game: GameState): string {
  return JSON.stringify({ order: game.order, profiles: Object.fromEntries(game.order.map((d) => [d, game.profiles[d]])), outcome: game.outcome, messages: messageCounts(game) });
}

/** The record's game part as JSON text: `{"reveal":…}` when full, `{"view":…,"outcome":…}` when public. */
export function recordPart(game: GameState, record: RecordKind): string {
  if (record === "full") return JSON.stringify({ reveal: reveal(game) });
  return JSON.stringify({ view: viewFor(game, { kind: "observer" }), outcome: game.phase === "ended" ? game.outcome : null });
}

function readSqlite(file: string, matchId: string, upTo: number | null): ExportRows | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const match = db.prepare("select scenario_json, seed from matches where id = ?").get(matchId) as { scenario_json: string; seed: number } | undefined;
    if (!match) return null;
    const rows = (
      upTo === null
        ? db.prepare("select seq, action_json, created_at from events where match_id = ? order by seq").all(matchId)
        : db.prepare("select seq, action_json, created_at from events where match_id = ? and seq <= ? order by seq").all(matchId, upTo)
    ) as { seq: number; action_json: string; created_at: string }[];
    return {
      scenarioJson: match.scenario_json,
      seed: Number(match.seed),
      actions: rows.map((r) => ({ seq: Number(r.seq), action: JSON.parse(r.action_json) as GameAction, createdAt: r.created_at, clock: null })),
    };
  } finally {
    db.close();
  }
}

/** Build one export; null when the match is not in the store. Throws when the log does not replay. */
export function buildExport(job: ExportJob): Uint8Array | null {
  const rows = "rows" in job.source ? job.source.rows : readSqlite(job.source.file, job.matchId, job.upTo);
  if (!rows) return null;
  const actions = job.upTo === null ? rows.actions : rows.actions.filter((a) => a.seq <= job.upTo!);
  // Read as every stored scenario is (db/replay.ts): a row that does not parse names the match.
  const scenario = storedScenario({ id: job.matchId, scenario_json: rows.scenarioJson });
  let text: string;
  if (job.format === "record" || job.format === "summary") {
    const game = replay(scenario, rows.seed, actions.map((a) => a.action));
    text = job.format === "record" ? recordPart(game, job.record) : summaryPart(game);
  } else {
    // Only the transcripts for people speak the reader's language; the JSON stays the stored English.
    const words = job.overlay && job.lang && job.lang !== "en" && job.format !== "json" ? localize(scenario, job.overlay, job.lang).scenario : scenario;
    const t = buildTranscript(job.matchId, words, rows.seed, actions, job.record);
    const tr = createTranslator(job.lang ?? "en");
    text = job.format === "json" ? transcriptJson(t) : job.format === "csv" ? transcriptCsv(t, tr) : transcriptMarkdown(t, words, tr);
  }
  return Buffer.from(text, "utf8");
}
