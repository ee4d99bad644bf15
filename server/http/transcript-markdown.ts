// A transcript as Markdown: the record of a table for people to read (transcript.md, the class's
// transcripts.md), in the reader's language; a statement's text is escaped so that what a
// delegation wrote never becomes a heading, a list or a link. The transcript itself is built in
// transcript.ts.
import type { Package, Scenario } from "../../shared/scenario/schema.ts";
import type { Translator } from "../../shared/i18n/index.ts";
import { byWords, ENGLISH, entryText, whole, type Transcript, type TranscriptDebrief } from "./transcript.ts";

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
        const words = { who, to: markdownText(e.toName), text: markdownText(text) };
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
