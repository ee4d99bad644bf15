// The words of a notification, in the person's language (shared/i18n, the `notify` namespace):
// an e-mail (subject, plain text, simple HTML, with the table's link and the unsubscribe link) and
// a Web Push payload (title, body, the table's link). Pure: the caller gives the names and links.
import { createTranslator, type Locale } from "../../shared/i18n/index.ts";
import type { NewsKind } from "./news.ts";

/** One thing to tell, with its delegation's name in the reader's language. */
export interface NewsLine {
  kind: NewsKind;
  delegation: string;
}

export interface MessageFacts {
  locale: Locale;
  /** The table's name in the reader's language (its scenario's title). */
  table: string;
  items: readonly NewsLine[];
  /** Items left out of a long group (counted in the subject). */
  more?: number;
  /** The table in the web client. */
  link: string;
}

export interface MailText {
  subject: string;
  text: string;
  html: string;
}

export interface PushPayload {
  title: string;
  body: string;
  /** Opened when the notification is clicked (client/sw.js). */
  url: string;
  /** One notification per table on the device: a newer one replaces it. */
  tag: string;
}

const LINE = {
  your_move: "notify:item.your_move",
  private_message: "notify:item.private_message",
  inject: "notify:item.inject",
} as const satisfies Record<NewsKind, string>;

const SUBJECT = {
  your_move: "notify:subject.your_move",
  private_message: "notify:subject.private_message",
  inject: "notify:subject.inject",
} as const satisfies Record<NewsKind, string>;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function headline(facts: MessageFacts): { title: string; lines: string[] } {
  const tr = createTranslator(facts.locale);
  const count = facts.items.length + (facts.more ?? 0);
  const title = count === 1 ? tr.t(SUBJECT[facts.items[0]!.kind], { table: facts.table }) : tr.t("notify:subject.grouped", { count, table: facts.table });
  const lines = facts.items.map((i) => tr.t(LINE[i.kind], { delegation: i.delegation }));
  if (facts.more) lines.push(tr.t("notify:item.more", { count: facts.more }));
  return { title, lines };
}

/** An e-mail: the news, the table's link, why it came, and how to stop it. */
export function mailText(facts: MessageFacts, unsubscribe: string): MailText {
  const tr = createTranslator(facts.locale);
  const { title, lines } = headline(facts);
  const text = [
    ...lines.map((l) => `- ${l}`),
    "",
    `${tr.t("notify:mail.open")}: ${facts.link}`,
    "",
    "-- ",
    tr.t("notify:mail.why"),
    `${tr.t("notify:mail.stop")}: ${unsubscribe}`,
    "",
  ].join("\n");
  const html = [
    `<!doctype html><html lang="${facts.locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    `<body style="font-family: sans-serif; line-height: 1.5; color: #1b2430">`,
    `<h1 style="font-size: 1.2em">${escapeHtml(title)}</h1>`,
    `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`,
    `<p><a href="${escapeHtml(facts.link)}" style="display: inline-block; padding: 0.5em 1em; background: #1f4e79; color: #fff; text-decoration: none; border-radius: 4px">${escapeHtml(tr.t("notify:mail.open"))}</a></p>`,
    `<hr><p style="font-size: 0.85em; color: #555">${escapeHtml(tr.t("notify:mail.why"))} <a href="${escapeHtml(unsubscribe)}">${escapeHtml(tr.t("notify:mail.stop"))}</a></p>`,
    `</body></html>`,
  ].join("\n");
  return { subject: title, text, html };
}

/**
 * The one e-mail an address gets before it is confirmed: what was asked, the link that confirms
 * it (good for `hours`), and that ignoring it is enough when someone else asked.
 */
export function confirmText(locale: Locale, email: string, link: string, hours: number): MailText {
  const tr = createTranslator(locale);
  const subject = tr.t("notify:confirmMail.subject");
  const lines = [tr.t("notify:confirmMail.asked", { email }), tr.t("notify:confirmMail.expires", { count: hours })];
  const text = [...lines, "", `${tr.t("notify:confirmMail.button")}: ${link}`, "", "-- ", tr.t("notify:confirmMail.ignore"), ""].join("\n");
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family: sans-serif; line-height: 1.5; color: #1b2430">`,
    `<h1 style="font-size: 1.2em">${escapeHtml(subject)}</h1>`,
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(link)}" style="display: inline-block; padding: 0.5em 1em; background: #1f4e79; color: #fff; text-decoration: none; border-radius: 4px">${escapeHtml(tr.t("notify:confirmMail.button"))}</a></p>`,
    `<hr><p style="font-size: 0.85em; color: #555">${escapeHtml(tr.t("notify:confirmMail.ignore"))}</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject, text, html };
}

/** A Web Push payload (shown by client/sw.js). */
export function pushPayload(facts: MessageFacts, matchId: string): PushPayload {
  const { title, lines } = headline(facts);
  return { title, body: lines.join("\n"), url: facts.link, tag: `table-${matchId}` };
}

/** The web client's page of a table, under the origin the person opted in from. */
export function tableLink(origin: string, matchId: string): string {
  return `${origin.replace(/\/+$/, "")}/#/table/${encodeURIComponent(matchId)}`;
}
