// Transcripts: the record of a match as JSON, CSV (RFC 4180) and Markdown. Built by replaying the
// log through the rules engine (in the export thread: exports.ts); while the match runs, only the
// events everyone may see (`eventsFor` an observer), after the end every event (the debrief shows
// everything) — except a class table's, whose full record only its facilitator reads.
import { apply, createGame, eventsFor } from "../../shared/rules/index.ts";
import type { GameEvent, GameState, PhraseRef } from "../../shared/rules/types.ts";
import { renderStatement, type StatementScenario } from "../../shared/bots/statements.ts";
import { tableUtilities } from "../../shared/classroom/report.ts";
import type { Package, Scenario } from "../../shared/scenario/schema.ts";
import type { LoggedAction } from "../db/store.ts";
import { csvField } from "../../shared/csv.ts";
import { createTranslator, type Translator } from "../../shared/i18n/index.ts";

/** English, as the JSON transcript and the exports without `?lang` read. */
export const ENGLISH = createTranslator("en");

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
  | { kind: "extended"; rounds: number; deadline: number }
  /** A bot's statement: rebuilt from its phrases in the scenario as the reader reads it (the text is the stored English). */
  | { kind: "statement"; phrase: PhraseRef; from: string; scenario: StatementScenario };

/** A whole number as the reader's digits, never grouped (versions, rounds). */
export function whole(tr: Translator, n: number): string {
  return tr.number(n, { useGrouping: false });
}

/** An entry's `text` in the reader's language (in English: exactly the `text` of the JSON transcript). */
export function entryText(e: Pick<TranscriptEntry, "text" | "say">, tr: Translator): string {
  const say = e.say;
  if (!say) return e.text;
  const none = () => tr.t("exports:text.none");
  switch (say.kind) {
    case "statement":
      return tr.locale === "en" ? e.text : (renderStatement(say.phrase, say.from, say.scenario, (key, vars) => tr.t(key, vars)) ?? e.text);
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
function entryFor(e: GameEvent, round: number, time: string, name: Names, scenario: Scenario): TranscriptEntry | null {
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
      const entry = { ...base, round: e.message.round, by: e.message.from, byName: name(e.message.from), to, toName: to ? name(to) : "", channel: e.message.channel, text: e.message.text };
      return e.message.phrase ? { ...entry, say: { kind: "statement", phrase: e.message.phrase, from: e.message.from, scenario } } : entry;
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
      const entry = entryFor(e, round, logged.createdAt, name, scenario);
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
export function byWords(e: TranscriptEntry, tr: Translator): string {
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
