// Transcripts: the record of a match as JSON, CSV (RFC 4180) and Markdown. Built by replaying the
// log through the rules engine (in the export thread: exports.ts); while the match runs, only the
// events everyone may see (`eventsFor` an observer), after the end every event (the debrief shows
// everything) — except a class table's, whose full record only its facilitator reads.
import { apply, createGame, eventsFor } from "../../shared/rules/index.ts";
import type { GameEvent, GameState } from "../../shared/rules/types.ts";
import type { Package, Scenario } from "../../shared/scenario/schema.ts";
import type { LoggedAction } from "../db/store.ts";
import { csvField } from "../../shared/csv.ts";

export interface TranscriptEntry {
  /** The version the action produced (the event log's sequence number). */
  version: number;
  /** When the action was accepted (ISO-8601). */
  time: string;
  round: number;
  /** The event: started, proposed, accepted, rejected, voted, vote_closed, passed, message, inject_fired, … */
  event: string;
  /** The delegation (or facilitator / system) the event is about. */
  by: string;
  /** Private messages: the delegation addressed. */
  to: string;
  /** Messages: public, private or team. */
  channel: string;
  /** What was said, announced or noted; for moves, a short description. */
  text: string;
  /** Proposals and the deal: issue id → option id. */
  package: Package | null;
  /** Votes: true for accept, false for reject. */
  accept: boolean | null;
}

export interface Transcript {
  matchId: string;
  scenario: { id: string; title: string; protocol: string };
  /** "public": what every seat saw (while the match runs; a class table's for anyone but its facilitator); "full": every channel, after the end. */
  record: "public" | "full";
  entries: TranscriptEntry[];
}

function entryFor(e: GameEvent, before: GameState, time: string): TranscriptEntry | null {
  const base: TranscriptEntry = {
    version: e.version,
    time,
    round: before.round,
    event: e.type,
    by: "",
    to: "",
    channel: "",
    text: "",
    package: null,
    accept: null,
  };
  switch (e.type) {
    case "turn":
      return null; // implied by the moves around it
    case "started":
      return { ...base, by: "facilitator", text: `${e.firstMover} moves first` };
    case "round_started":
      return { ...base, round: e.round, text: e.turn ? `round ${e.round}; ${e.turn} to move` : `round ${e.round}` };
    case "proposed":
      return { ...base, by: e.by, package: { ...e.package }, text: e.counter ? "counter-proposal" : "proposal" };
    case "accepted":
    case "rejected":
      return { ...base, by: e.by };
    case "voted":
      return { ...base, by: e.by, accept: e.accept, text: e.timeout ? "timed out" : "" };
    case "vote_closed":
      return {
        ...base,
        accept: e.adopted,
        text: `${e.adopted ? "adopted" : "not adopted"}; accept: ${e.accepts.join(" ") || "none"}; reject: ${e.rejects.join(" ") || "none"}`,
      };
    case "passed":
      return { ...base, by: e.by, text: e.timeout ? "timed out" : "" };
    case "message":
      return { ...base, round: e.message.round, by: e.message.from, to: e.message.to ?? "", channel: e.message.channel, text: e.message.text };
    case "inject_fired":
      return { ...base, by: "news", text: `${e.title}: ${e.text}` };
    case "profile_changed":
      return { ...base, by: e.delegation, channel: "private", text: `inject ${e.injectId} changed the profile${e.note ? `: ${e.note}` : ""}` };
    case "paused":
    case "resumed":
      return { ...base, by: "facilitator" };
    case "deadline_extended":
      return { ...base, by: "facilitator", text: `+${e.rounds} rounds (deadline: round ${e.deadlineRounds})` };
    case "ended":
      return {
        ...base,
        by: e.outcome.by ?? "",
        package: e.outcome.package ? { ...e.outcome.package } : null,
        accept: e.outcome.agreement,
        text: e.outcome.reason,
      };
  }
}

/** Replay the log, keeping the events the record may show. Throws if the log is corrupt. */
export function buildTranscript(matchId: string, scenario: Scenario, seed: number, actions: readonly LoggedAction[], record: "public" | "full"): Transcript {
  let state = createGame(scenario, seed);
  const entries: TranscriptEntry[] = [];
  for (const logged of actions) {
    const result = apply(state, logged.action);
    if (!result.ok) throw new Error(`match ${matchId}: logged action ${logged.seq} was refused on replay (${result.code})`);
    const events = record === "full" ? result.events : eventsFor(result.events, { kind: "observer" });
    for (const e of events) {
      const entry = entryFor(e, state, logged.createdAt);
      if (entry) entries.push(entry);
    }
    state = result.state;
  }
  return { matchId, scenario: { id: scenario.id, title: scenario.title, protocol: scenario.protocol }, record, entries };
}

// ---- CSV (RFC 4180) -------------------------------------------------------------------------

const CSV_COLUMNS = ["version", "time", "round", "event", "by", "to", "channel", "text", "package", "accept"] as const;

function packageText(pkg: Package | null): string {
  return pkg ? Object.entries(pkg).map(([issue, option]) => `${issue}=${option}`).join("; ") : "";
}

export function transcriptCsv(t: Transcript): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const e of t.entries) {
    const cells = [
      String(e.version),
      e.time,
      String(e.round),
      e.event,
      e.by,
      e.to,
      e.channel,
      e.text,
      packageText(e.package),
      e.accept === null ? "" : e.accept ? "yes" : "no",
    ];
    lines.push(cells.map(csvField).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

// ---- Markdown --------------------------------------------------------------------------------

/**
 * Player text as inert Markdown: HTML is escaped (no tag is ever interpreted) and every Markdown
 * control character is backslash-escaped, so a statement cannot become a link, an image or a heading.
 */
export function markdownText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, "\\$1")
    .replace(/\r?\n/g, "  \n  ");
}

function packageLabels(scenario: Scenario | null, pkg: Package): string {
  return Object.entries(pkg)
    .map(([issueId, optionId]) => {
      const issue = scenario?.issues.find((i) => i.id === issueId);
      const option = issue?.options.find((o) => o.id === optionId);
      return `${markdownText(issue?.title ?? issueId)}: ${markdownText(option?.label ?? optionId)}`;
    })
    .join("; ");
}

export function transcriptMarkdown(t: Transcript, scenario: Scenario | null): string {
  const out: string[] = [];
  out.push(`# Transcript: ${markdownText(t.scenario.title)}`);
  out.push("");
  out.push(
    `Match \`${t.matchId}\` · scenario \`${t.scenario.id}\` · ${t.scenario.protocol} · ` +
      (t.record === "full" ? "full record (the negotiation is over)" : "public record (what an observer sees)"),
  );
  out.push("");
  for (const e of t.entries) {
    const head = `**v${e.version} · round ${e.round}** · ${e.time}`;
    const who = e.by ? markdownText(e.by) : "";
    let line: string;
    switch (e.event) {
      case "message": {
        const where = e.channel === "private" ? `to ${markdownText(e.to)}, private` : e.channel === "team" ? "team note" : "public";
        line = `${who} (${where}): ${markdownText(e.text)}`;
        break;
      }
      case "proposed":
        line = `${who} tables a ${e.text}: ${e.package ? packageLabels(scenario, e.package) : ""}`;
        break;
      case "voted":
        line = `${who} votes ${e.accept ? "accept" : "reject"}${e.text ? ` (${markdownText(e.text)})` : ""}`;
        break;
      case "ended":
        line = `the negotiation ends: ${markdownText(e.text)}${e.package ? ` — ${packageLabels(scenario, e.package)}` : ""}`;
        break;
      default:
        line = `${markdownText(e.event.replace(/_/g, " "))}${who ? ` · ${who}` : ""}${e.text ? ` — ${markdownText(e.text)}` : ""}`;
    }
    out.push(`- ${head} — ${line}`);
  }
  out.push("");
  return out.join("\n");
}
