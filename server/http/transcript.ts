// Transcripts: the record of a match as JSON, CSV (RFC 4180) and Markdown. Built by replaying the
// log through the rules engine (in the export thread: exports.ts); while the match runs, only the
// events everyone may see (`eventsFor` an observer), after the end every event (the debrief shows
// everything) — except a class table's, whose full record only its facilitator reads.
import { apply, createGame, eventsFor } from "../../shared/rules/index.ts";
import type { GameEvent } from "../../shared/rules/types.ts";
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
  /** The delegation id (or facilitator / news) the event is about. */
  by: string;
  /** `by` as people read it: the delegation's name (facilitator / news as they are). */
  byName: string;
  /** Private messages: the delegation id addressed. */
  to: string;
  /** `to` as people read it: the delegation's name. */
  toName: string;
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

/** Delegation id → its name in the scenario (an unknown id stays as it is). */
type Names = (id: string) => string;

function namesOf(scenario: Pick<Scenario, "delegations"> | null): Names {
  const map = new Map((scenario?.delegations ?? []).map((d) => [d.id, d.name]));
  return (id) => map.get(id) ?? id;
}

/**
 * One event as a transcript entry. `round` is the round the event belongs to: the round of the
 * state before the action, or the round a `round_started` earlier in the same action began (an
 * inject scheduled for round 3 fires after "round 3" starts, and belongs to round 3).
 */
function entryFor(e: GameEvent, round: number, time: string, name: Names): TranscriptEntry | null {
  const base: TranscriptEntry = {
    version: e.version,
    time,
    round,
    event: e.type,
    by: "",
    byName: "",
    to: "",
    toName: "",
    channel: "",
    text: "",
    package: null,
    accept: null,
  };
  switch (e.type) {
    case "turn":
      return null; // implied by the moves around it
    case "started":
      return { ...base, by: "facilitator", byName: "facilitator", text: `${name(e.firstMover)} moves first` };
    case "round_started":
      return { ...base, round: e.round, text: e.turn ? `round ${e.round}; ${name(e.turn)} to move` : `round ${e.round}` };
    case "proposed":
      return { ...base, by: e.by, byName: name(e.by), package: { ...e.package }, text: e.counter ? "counter-proposal" : "proposal" };
    case "accepted":
    case "rejected":
      return { ...base, by: e.by, byName: name(e.by) };
    case "voted":
      return { ...base, by: e.by, byName: name(e.by), accept: e.accept, text: e.timeout ? "timed out" : "" };
    case "vote_closed":
      return {
        ...base,
        accept: e.adopted,
        text: `${e.adopted ? "adopted" : "not adopted"}; accept: ${e.accepts.map(name).join(", ") || "none"}; reject: ${e.rejects.map(name).join(", ") || "none"}`,
      };
    case "passed":
      return { ...base, by: e.by, byName: name(e.by), text: e.timeout ? "timed out" : "" };
    case "message": {
      const to = e.message.to ?? "";
      return { ...base, round: e.message.round, by: e.message.from, byName: name(e.message.from), to, toName: to ? name(to) : "", channel: e.message.channel, text: e.message.text };
    }
    case "inject_fired":
      return { ...base, by: "news", byName: "news", text: `${e.title}: ${e.text}` };
    case "profile_changed":
      return { ...base, by: e.delegation, byName: name(e.delegation), channel: "private", text: `inject ${e.injectId} changed the profile${e.note ? `: ${e.note}` : ""}` };
    case "paused":
    case "resumed":
      return { ...base, by: "facilitator", byName: "facilitator" };
    case "deadline_extended":
      return { ...base, by: "facilitator", byName: "facilitator", text: `+${e.rounds} rounds (deadline: round ${e.deadlineRounds})` };
    case "ended":
      return {
        ...base,
        by: e.outcome.by ?? "",
        byName: e.outcome.by ? name(e.outcome.by) : "",
        package: e.outcome.package ? { ...e.outcome.package } : null,
        accept: e.outcome.agreement,
        text: e.outcome.reason,
      };
  }
}

/** Replay the log, keeping the events the record may show. Throws if the log is corrupt. */
export function buildTranscript(matchId: string, scenario: Scenario, seed: number, actions: readonly LoggedAction[], record: "public" | "full"): Transcript {
  let state = createGame(scenario, seed);
  const name = namesOf(scenario);
  const entries: TranscriptEntry[] = [];
  for (const logged of actions) {
    const result = apply(state, logged.action);
    if (!result.ok) throw new Error(`match ${matchId}: logged action ${logged.seq} was refused on replay (${result.code})`);
    const events = record === "full" ? result.events : eventsFor(result.events, { kind: "observer" });
    // Events after a round_started in the same action (the round's injects) belong to the new round.
    let round = state.round;
    for (const e of events) {
      if (e.type === "round_started") round = e.round;
      const entry = entryFor(e, round, logged.createdAt, name);
      if (entry) entries.push(entry);
    }
    state = result.state;
  }
  return { matchId, scenario: { id: scenario.id, title: scenario.title, protocol: scenario.protocol }, record, entries };
}

// ---- CSV (RFC 4180) -------------------------------------------------------------------------

/** `by` and `to` are the delegations' names; their ids follow as the last two columns. */
const CSV_COLUMNS = ["version", "time", "round", "event", "by", "to", "channel", "text", "package", "accept", "by_id", "to_id"] as const;

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
      e.byName,
      e.toName,
      e.channel,
      e.text,
      packageText(e.package),
      e.accept === null ? "" : e.accept ? "yes" : "no",
      e.by,
      e.to,
    ];
    lines.push(cells.map(csvField).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

// ---- Markdown --------------------------------------------------------------------------------

/** A line's start that Markdown would read as a block: heading, quote, list, rule, setext line, fence, table. */
const BLOCK_START = /^([#>+*=|~`-])|^(\d{1,9})([.)])/;

/** One line of player text, inline: only what Markdown or HTML would act on, where it would act. */
function markdownInline(line: string): string {
  return (
    line
      // A backslash before punctuation would escape it: keep it a backslash.
      .replace(/\\(?=[!-/:-@[-`{-~])/g, "\\\\")
      // HTML: a tag (or a comment, an autolink) is written as text; an entity stays literal.
      .replace(/&(?=#?[0-9A-Za-z]+;)/g, "&amp;")
      .replace(/<([A-Za-z/!?][^<>]*)>/g, "&lt;$1&gt;")
      .replace(/<(?=[A-Za-z/!?])/g, "&lt;")
      // Code spans, emphasis, strikethrough, links and images, table cells.
      .replace(/([`*~[\]|])/g, "\\$1")
      // `_` emphasises only at a word's edge (snake_case stays as it is).
      .replace(/_/g, (u, at: number, all: string) => (/[\p{L}\p{N}]/u.test(all[at - 1] ?? "") && /[\p{L}\p{N}]/u.test(all[at + 1] ?? "") ? u : "\\_"))
  );
}

/**
 * Player text as inert Markdown inside a list item: HTML tags, entities and Markdown markup
 * (emphasis, code, links, images, headings, quotes, lists, rules, tables) are escaped where
 * Markdown would act on them, and ordinary punctuation is left alone ("facts.", "21.5",
 * "background-investigation"). Line breaks stay line breaks within the item.
 */
export function markdownText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((raw, i) => {
      let line = markdownInline(raw);
      if (i > 0) {
        // A continuation line: no indented code block, and no block markup at its start.
        line = line.replace(/^[ \t]+/, "");
        const m = BLOCK_START.exec(line);
        if (m) line = m[1] ? `\\${line}` : `${m[2]}\\${line.slice(m[2]!.length)}`;
      }
      return line;
    })
    .join("  \n  ");
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

/** An end reason in words (the JSON and CSV keep the code). */
function endWords(reason: string, by: string): string {
  switch (reason) {
    case "agreement":
      return "agreement reached";
    case "walked_away":
      return by ? `${markdownText(by)} walked away` : "a delegation walked away";
    case "deadline":
      return "no agreement before the deadline";
    case "ended_by_facilitator":
      return "ended by the facilitator";
    default:
      return markdownText(reason.replace(/_/g, " "));
  }
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
    const who = e.byName ? markdownText(e.byName) : "";
    let line: string;
    switch (e.event) {
      case "message": {
        const where = e.channel === "private" ? `to ${markdownText(e.toName)}, private` : e.channel === "team" ? "team note" : "public";
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
        line = `the negotiation ends: ${endWords(e.text, e.byName)}${e.package ? ` — ${packageLabels(scenario, e.package)}` : ""}`;
        break;
      default:
        line = `${markdownText(e.event.replace(/_/g, " "))}${who ? ` · ${who}` : ""}${e.text ? ` — ${markdownText(e.text)}` : ""}`;
    }
    out.push(`- ${head} — ${line}`);
  }
  out.push("");
  return out.join("\n");
}
