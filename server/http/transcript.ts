// Transcripts: the record of a match as JSON, CSV (RFC 4180) and Markdown. Built by replaying the
// log through the rules engine (in the export thread: exports.ts); while the match runs, only the
// events everyone may see (`eventsFor` an observer), after the end every event (the debrief shows
// everything) — except a class table's, whose full record only its facilitator reads.
import { apply, createGame, eventsFor } from "../../shared/rules/index.ts";
import type { GameEvent, GameState } from "../../shared/rules/types.ts";
import { tableUtilities } from "../../shared/classroom/report.ts";
import type { Package, Scenario } from "../../shared/scenario/schema.ts";
import type { LoggedAction } from "../db/store.ts";
import { csvField } from "../../shared/csv.ts";
import { createTranslator, type Translator } from "../../shared/i18n/index.ts";

/** English, as the JSON transcript and the exports without `?lang` read. */
const ENGLISH = createTranslator("en");

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
  /** What `text` says, kept so the Markdown and the CSV can say it in the reader's language (not exported). */
  say?: Say;
}

/** What an entry's `text` says, before it is put in words. */
export type Say =
  | { kind: "movesFirst"; name: string }
  | { kind: "round"; round: number; turn: string | null }
  | { kind: "proposal"; counter: boolean }
  | { kind: "timedOut" }
  | { kind: "voteClosed"; adopted: boolean; accepts: string[]; rejects: string[] }
  | { kind: "inject"; title: string; text: string }
  | { kind: "profile"; inject: string; note?: string }
  | { kind: "extended"; rounds: number; deadline: number };

/** A whole number as the reader's digits, never grouped (versions, rounds). */
function whole(tr: Translator, n: number): string {
  return tr.number(n, { useGrouping: false });
}

/** An entry's `text` in the reader's language (in English: exactly the `text` of the JSON transcript). */
export function entryText(e: Pick<TranscriptEntry, "text" | "say">, tr: Translator): string {
  const say = e.say;
  if (!say) return e.text;
  const none = () => tr.t("exports:text.none");
  switch (say.kind) {
    case "movesFirst":
      return tr.t("exports:text.movesFirst", { name: say.name });
    case "round":
      return say.turn ? tr.t("exports:text.roundTurn", { round: whole(tr, say.round), name: say.turn }) : tr.t("exports:text.round", { round: whole(tr, say.round) });
    case "proposal":
      return say.counter ? tr.t("exports:text.counterProposal") : tr.t("exports:text.proposal");
    case "timedOut":
      return tr.t("exports:text.timedOut");
    case "voteClosed":
      return tr.t("exports:text.voteClosed", {
        result: say.adopted ? tr.t("exports:text.adopted") : tr.t("exports:text.notAdopted"),
        accepts: say.accepts.join(", ") || none(),
        rejects: say.rejects.join(", ") || none(),
      });
    case "inject":
      return tr.t("exports:text.inject", { title: say.title, text: say.text });
    case "profile":
      return say.note ? tr.t("exports:text.profileChangedNote", { inject: say.inject, note: say.note }) : tr.t("exports:text.profileChanged", { inject: say.inject });
    case "extended":
      return tr.t("exports:text.extended", { rounds: whole(tr, say.rounds), deadline: whole(tr, say.deadline) });
  }
}

/** An entry with its words: `text` in English, and what it says kept for other languages. */
function said(entry: TranscriptEntry, say: Say): TranscriptEntry {
  return { ...entry, text: entryText({ text: "", say }, ENGLISH), say };
}

export interface Transcript {
  matchId: string;
  scenario: { id: string; title: string; protocol: string };
  /** "public": what every seat saw (while the match runs; a class table's for anyone but its facilitator); "full": every channel, after the end. */
  record: "public" | "full";
  entries: TranscriptEntry[];
  /** The full record of an ended table: what each delegation's outcome was worth (the Markdown's debrief; not in the JSON). */
  debrief?: TranscriptDebrief;
}

/** The debrief of an ended table, by delegation in scenario order: the profiles it ended with (after the injects). */
export interface TranscriptDebrief {
  agreement: boolean;
  reason: string;
  by: string;
  delegations: { id: string; name: string; utility: number; walkAway: number; advantage: number }[];
}

function debriefOf(scenario: Scenario, state: GameState, name: Names): TranscriptDebrief | undefined {
  const outcome = state.outcome;
  if (state.phase !== "ended" || !outcome) return undefined;
  // Plain copies of the final profiles (the state's are read-only).
  const profiles = Object.fromEntries(
    state.order.map((d) => {
      const p = state.profiles[d]!;
      return [d, { weights: { ...p.weights }, values: Object.fromEntries(Object.entries(p.values).map(([i, v]) => [i, { ...v }])), reservationValue: p.reservationValue, redLines: p.redLines.map((l) => ({ ...l })) }];
    }),
  );
  const worth = tableUtilities({ table: 0, issues: scenario.issues, profiles, outcome, messages: {} }) ?? {};
  return {
    agreement: outcome.agreement,
    reason: outcome.reason,
    by: outcome.by ? name(outcome.by) : "",
    delegations: state.order.map((id) => ({ id, name: name(id), utility: worth[id]?.utility ?? 0, walkAway: profiles[id]!.reservationValue, advantage: worth[id]?.advantage ?? 0 })),
  };
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
      return said({ ...base, by: "facilitator", byName: "facilitator" }, { kind: "movesFirst", name: name(e.firstMover) });
    case "round_started":
      return said({ ...base, round: e.round }, { kind: "round", round: e.round, turn: e.turn ? name(e.turn) : null });
    case "proposed":
      return said({ ...base, by: e.by, byName: name(e.by), package: { ...e.package } }, { kind: "proposal", counter: e.counter });
    case "accepted":
    case "rejected":
      return { ...base, by: e.by, byName: name(e.by) };
    case "voted":
      return e.timeout ? said({ ...base, by: e.by, byName: name(e.by), accept: e.accept }, { kind: "timedOut" }) : { ...base, by: e.by, byName: name(e.by), accept: e.accept };
    case "vote_closed":
      return said({ ...base, accept: e.adopted }, { kind: "voteClosed", adopted: e.adopted, accepts: e.accepts.map(name), rejects: e.rejects.map(name) });
    case "passed":
      return e.timeout ? said({ ...base, by: e.by, byName: name(e.by) }, { kind: "timedOut" }) : { ...base, by: e.by, byName: name(e.by) };
    case "message": {
      const to = e.message.to ?? "";
      return { ...base, round: e.message.round, by: e.message.from, byName: name(e.message.from), to, toName: to ? name(to) : "", channel: e.message.channel, text: e.message.text };
    }
    case "inject_fired":
      return said({ ...base, by: "news", byName: "news" }, { kind: "inject", title: e.title, text: e.text });
    case "profile_changed":
      return said({ ...base, by: e.delegation, byName: name(e.delegation), channel: "private" }, { kind: "profile", inject: e.injectId, ...(e.note ? { note: e.note } : {}) });
    case "paused":
    case "resumed":
      return { ...base, by: "facilitator", byName: "facilitator" };
    case "deadline_extended":
      return said({ ...base, by: "facilitator", byName: "facilitator" }, { kind: "extended", rounds: e.rounds, deadline: e.deadlineRounds });
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
  const debrief = record === "full" ? debriefOf(scenario, state, name) : undefined;
  return { matchId, scenario: { id: scenario.id, title: scenario.title, protocol: scenario.protocol }, record, entries, ...(debrief ? { debrief } : {}) };
}

// ---- CSV (RFC 4180) -------------------------------------------------------------------------

/** `by` and `to` are the delegations' names; their ids follow as the last two columns. The headings in the reader's language. */
function csvColumns(tr: Translator): string[] {
  return [
    tr.t("exports:csv.version"),
    tr.t("exports:csv.time"),
    tr.t("exports:csv.round"),
    tr.t("exports:csv.event"),
    tr.t("exports:csv.by"),
    tr.t("exports:csv.to"),
    tr.t("exports:csv.channel"),
    tr.t("exports:csv.text"),
    tr.t("exports:csv.package"),
    tr.t("exports:csv.accept"),
    tr.t("exports:csv.byId"),
    tr.t("exports:csv.toId"),
  ];
}

/** The transcript as JSON: the entries as documented (what they say is already in `text`). */
export function transcriptJson(t: Transcript): string {
  const { debrief: _debrief, ...rest } = t;
  return JSON.stringify({ ...rest, entries: t.entries.map(({ say: _say, ...entry }) => entry) });
}

/** `by` as people read it: the delegation's name, or the facilitator and the news in the reader's language. */
function byWords(e: TranscriptEntry, tr: Translator): string {
  if (e.by === "facilitator" && e.byName === "facilitator") return tr.t("exports:transcript.facilitator");
  if (e.by === "news" && e.byName === "news") return tr.t("exports:transcript.news");
  return e.byName;
}

function packageText(pkg: Package | null): string {
  return pkg ? Object.entries(pkg).map(([issue, option]) => `${issue}=${option}`).join("; ") : "";
}

/**
 * The transcript as CSV: headings, the `by` of the facilitator and the news, what each entry says and
 * yes/no in the reader's language (English unless asked); codes, times, numbers and ids as they are.
 */
export function transcriptCsv(t: Transcript, tr: Translator = ENGLISH): string {
  const lines = [csvColumns(tr).map(csvField).join(",")];
  for (const e of t.entries) {
    const cells = [
      String(e.version),
      e.time,
      String(e.round),
      e.event,
      byWords(e, tr),
      e.toName,
      e.channel,
      entryText(e, tr),
      packageText(e.package),
      e.accept === null ? "" : e.accept ? tr.t("exports:csv.yes") : tr.t("exports:csv.no"),
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

function packageLabels(scenario: Scenario | null, pkg: Package, tr: Translator): string {
  return Object.entries(pkg)
    .map(([issueId, optionId]) => {
      const issue = scenario?.issues.find((i) => i.id === issueId);
      const option = issue?.options.find((o) => o.id === optionId);
      return tr.t("exports:transcript.option", { issue: markdownText(issue?.title ?? issueId), option: markdownText(option?.label ?? optionId) });
    })
    .join("; ");
}

/** An end reason in words (the JSON and CSV keep the code). */
function endWords(reason: string, by: string, tr: Translator): string {
  switch (reason) {
    case "agreement":
      return tr.t("exports:end.agreement");
    case "walked_away":
      return by ? tr.t("exports:end.walkedAway", { name: markdownText(by) }) : tr.t("exports:end.someoneWalkedAway");
    case "deadline":
      return tr.t("exports:end.deadline");
    case "ended_by_facilitator":
      return tr.t("exports:end.facilitator");
    default:
      return markdownText(reason.replace(/_/g, " "));
  }
}

/** The transcript's events as the Markdown names them. */
const EVENT_KEYS = {
  started: "exports:event.started",
  round_started: "exports:event.round_started",
  proposed: "exports:event.proposed",
  accepted: "exports:event.accepted",
  rejected: "exports:event.rejected",
  voted: "exports:event.voted",
  vote_closed: "exports:event.vote_closed",
  passed: "exports:event.passed",
  message: "exports:event.message",
  inject_fired: "exports:event.inject_fired",
  profile_changed: "exports:event.profile_changed",
  paused: "exports:event.paused",
  resumed: "exports:event.resumed",
  deadline_extended: "exports:event.deadline_extended",
  ended: "exports:event.ended",
} as const;

function eventWords(event: string, tr: Translator): string {
  return Object.hasOwn(EVENT_KEYS, event) ? tr.t(EVENT_KEYS[event as keyof typeof EVENT_KEYS]) : markdownText(event.replace(/_/g, " "));
}

/** The transcript for people, as Markdown in the reader's language (English unless asked); what players wrote stays as written. */
export function transcriptMarkdown(t: Transcript, scenario: Scenario | null, tr: Translator = ENGLISH): string {
  const out: string[] = [];
  out.push(tr.t("exports:transcript.title", { title: markdownText(t.scenario.title) }));
  out.push("");
  out.push(
    tr.t("exports:transcript.header", {
      matchId: t.matchId,
      scenario: t.scenario.id,
      protocol: t.scenario.protocol === "multilateral" ? tr.t("exports:transcript.multilateral") : t.scenario.protocol === "alternating" ? tr.t("exports:transcript.alternating") : t.scenario.protocol,
      record: t.record === "full" ? tr.t("exports:transcript.recordFull") : tr.t("exports:transcript.recordPublic"),
    }),
  );
  out.push("");
  for (const e of t.entries) {
    const head = tr.t("exports:transcript.head", { version: whole(tr, e.version), round: whole(tr, e.round), time: e.time });
    const who = e.byName ? markdownText(byWords(e, tr)) : "";
    const text = entryText(e, tr);
    let line: string;
    switch (e.event) {
      case "message": {
        const words = { who, to: markdownText(e.toName), text: markdownText(e.text) };
        line = e.channel === "private" ? tr.t("exports:transcript.messagePrivate", words) : e.channel === "team" ? tr.t("exports:transcript.messageTeam", words) : tr.t("exports:transcript.messagePublic", words);
        break;
      }
      case "proposed": {
        const words = { who, package: e.package ? packageLabels(scenario, e.package, tr) : "" };
        line = e.say?.kind === "proposal" && e.say.counter ? tr.t("exports:transcript.tablesCounter", words) : tr.t("exports:transcript.tablesProposal", words);
        break;
      }
      case "voted":
        line = e.accept ? tr.t("exports:transcript.votesAccept", { who }) : tr.t("exports:transcript.votesReject", { who });
        if (text) line = tr.t("exports:transcript.note", { line, note: markdownText(text) });
        break;
      case "ended": {
        const reason = endWords(e.text, e.byName, tr);
        line = e.package ? tr.t("exports:transcript.endsWithDeal", { reason, package: packageLabels(scenario, e.package, tr) }) : tr.t("exports:transcript.ends", { reason });
        break;
      }
      default: {
        const words = { event: eventWords(e.event, tr), who, text: markdownText(text) };
        line = who
          ? text
            ? tr.t("exports:transcript.otherByText", words)
            : tr.t("exports:transcript.otherBy", words)
          : text
            ? tr.t("exports:transcript.otherText", words)
            : tr.t("exports:transcript.other", words);
      }
    }
    out.push(tr.t("exports:transcript.line", { head, line }));
  }
  if (t.debrief) out.push(...debriefMarkdown(t.debrief, tr));
  out.push("");
  return out.join("\n");
}

/** The debrief of an ended table as a Markdown section: the outcome, then each delegation's points, walk-away and advantage. */
function debriefMarkdown(d: TranscriptDebrief, tr: Translator): string[] {
  const points = (u: number) => whole(tr, Math.round(u * 100));
  const rows = d.delegations.map((x) => `| ${markdownText(x.name)} | ${points(x.utility)} | ${points(x.walkAway)} | ${tr.percent(x.advantage)} |`);
  return [
    "",
    tr.t("exports:debrief.title"),
    "",
    tr.t("exports:debrief.outcome", { outcome: endWords(d.reason, d.by, tr) }),
    "",
    `| ${tr.t("exports:debrief.delegation")} | ${tr.t("exports:debrief.utility")} | ${tr.t("exports:debrief.walkAway")} | ${tr.t("exports:debrief.advantage")} |`,
    "| --- | ---: | ---: | ---: |",
    ...rows,
    "",
    tr.t("exports:debrief.note", { max: 100 }),
  ];
}
