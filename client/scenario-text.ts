// Scenario text in the reader's language. The server sends a scenario with its translations
// (`translations: { bn: overlay }`, docs/PROTOCOL.md); here the overlay of the active locale is put
// in place (shared/scenario/overlay.ts `localize`), what it leaves untranslated stays English and is
// marked `lang="en"`, and a bot's statement is rendered from its phrase reference.
import { localize, type Localized, type LocalizableScenario, type Overlay, type Translations } from "../shared/scenario/overlay.ts";
import { renderStatement, type StatementScenario } from "../shared/bots/statements.ts";
import type { PhraseRef } from "../shared/rules/types.ts";
import { digits, locale, t } from "./i18n.ts";

/** A scenario as the server sends it, with the translations it carries (absent from older servers). */
export type Translated<S> = S & { readonly translations?: Translations };

const LATIN = "0123456789";
/** Bengali digits (০–৯) in a translation read as Latin ones when the reader asks for Latin digits in Bangla. */
function latinDigits(text: string): string {
  return text.replace(/[০-৯]/g, (d) => LATIN[d.charCodeAt(0) - 0x09e6]!);
}

function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === "string") return f(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T;
  return value;
}

const cache = new WeakMap<object, Map<string, Localized<LocalizableScenario>>>();

/** The scenario in the active locale (cached per scenario, locale and digits). */
export function localized<S extends LocalizableScenario>(scenario: Translated<S>): Localized<S> {
  const lang = locale();
  const key = `${lang}/${digits()}`;
  let byKey = cache.get(scenario);
  if (!byKey) cache.set(scenario, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit as Localized<S>;
  let overlay: Overlay | undefined = lang === "en" ? undefined : scenario.translations?.[lang];
  if (overlay && digits() === "latin") overlay = mapStrings(overlay, latinDigits);
  const out: Localized<S> = overlay ? localize(scenario, overlay, lang) : { scenario, lang: "en", english: new Set() };
  byKey.set(key, out as Localized<LocalizableScenario>);
  return out;
}

/** The scenario as the reader reads it: `localized(scenario).scenario`. */
export function scenarioText<S extends LocalizableScenario>(scenario: Translated<S>): S {
  return localized(scenario).scenario;
}

/**
 * Attributes for an element showing the scenario text at `path` (as shared/scenario/overlay.ts
 * `textPaths` names it): `lang="en"` and a title saying so when the reader's language has no
 * translation of it, so the English is visibly English (and pronounced, hyphenated and set as such).
 */
export function textLang(scenario: Translated<LocalizableScenario>, path: string): Record<string, string> {
  if (locale() === "en") return {};
  const l = localized(scenario);
  if (l.lang !== "en" && !l.english.has(path)) return {};
  return { lang: "en", "data-untranslated": "", title: t("scenario:untranslated") };
}

/** A statement's text for the reader: a bot's rendered from its phrase reference, a person's as written. */
export function statementText(statement: { from: string; text: string; phrase?: PhraseRef | readonly { kind: string; key: string; index: number; issue: string; option: string }[] | null }, scenario: Translated<StatementScenario & LocalizableScenario> | null): { text: string; lang?: string } {
  const phrase = statement.phrase;
  if (!phrase || phrase.length === 0 || !scenario || locale() === "en") return { text: statement.text };
  const l = localized(scenario);
  const text = renderStatement(phrase as PhraseRef, statement.from, l.scenario, t);
  return text === null ? { text: statement.text, lang: "en" } : { text };
}

/** What of a seat `seat-text` reads: its private side and the translations the server sent it. */
interface SeatLike<M> {
  readonly me: M | null;
  readonly translations?: Translations;
}
type MeLike = {
  readonly delegation: string;
  readonly privateBrief: string;
  readonly injectNotes: readonly { readonly injectId: string; readonly note: string }[];
  readonly profile: { readonly redLines: readonly { readonly issue: string; readonly option: string; readonly reason?: string | undefined }[] };
};

function seatOverlayNow(seat: { readonly translations?: Translations } | null): Overlay | undefined {
  const lang = locale();
  if (lang === "en" || !seat?.translations?.[lang]) return undefined;
  const overlay = seat.translations[lang]!;
  return digits() === "latin" ? mapStrings(overlay, latinDigits) : overlay;
}

/** The seat's private side in the reader's language: its private brief, red-line reasons and inject notes (English where untranslated). */
const meCache = new WeakMap<object, { key: string; me: unknown }>();

export function seatMe<M extends MeLike>(seat: SeatLike<M> | null): M | null {
  const me = seat?.me ?? null;
  const overlay = seatOverlayNow(seat);
  if (!me || !overlay) return me;
  // The same object for the same seat and language, so a screen that redraws on a new `me` does not redraw for nothing.
  const key = `${locale()}/${digits()}`;
  const hit = meCache.get(seat!);
  if (hit && hit.key === key) return hit.me as M;
  const out = localMe(me, overlay);
  meCache.set(seat!, { key, me: out });
  return out;
}

function localMe<M extends MeLike>(me: M, overlay: Overlay): M {
  const own = overlay.delegations?.[me.delegation];
  return {
    ...me,
    privateBrief: own?.privateBrief ?? me.privateBrief,
    profile: { ...me.profile, redLines: me.profile.redLines.map((l) => (l.reason === undefined ? l : { ...l, reason: own?.redLines?.[l.issue]?.[l.option] ?? l.reason })) },
    injectNotes: me.injectNotes.map((n) => ({ ...n, note: overlay.injects?.[n.injectId]?.notes?.[me.delegation] ?? n.note })),
  };
}

/** A fired inject's news in the reader's language, with `lang: "en"` when it has no translation. */
export function newsText(
  news: { id: string; title: string; text: string; translations?: Record<string, { title: string; text: string }> },
  seat: { readonly translations?: Translations } | null,
): { title: string; text: string; lang?: string } {
  if (locale() === "en") return { title: news.title, text: news.text };
  // The synced news carries its translations; a seat's translations hold the news fired before it joined too.
  const synced = news.translations?.[locale()];
  const fromSeat = seatOverlayNow(seat)?.injects?.[news.id];
  const pick = (s: string | undefined) => (s ? (digits() === "latin" ? latinDigits(s) : s) : undefined);
  const tr = { title: pick(synced?.title) ?? fromSeat?.title, text: pick(synced?.text) ?? fromSeat?.text };
  if (!tr.title && !tr.text) return { title: news.title, text: news.text, lang: "en" };
  return { title: tr.title ?? news.title, text: tr.text ?? news.text };
}

/** `el` marked as English (`lang="en"`, a title saying the translation is missing) when the scenario text at `path` has no translation in the reader's language. */
export function marked<E extends HTMLElement>(el: E, scenario: Translated<LocalizableScenario> | null, path: string): E {
  if (!scenario) return el;
  for (const [name, value] of Object.entries(textLang(scenario, path))) el.setAttribute(name, value);
  return el;
}

const revealCache = new WeakMap<object, { key: string; reveal: unknown }>();

/**
 * The debrief in the reader's language: the scenario, every delegation's name, private brief and
 * red-line reasons, every inject with its notes, and the historical outcome, from the seat's
 * translations (the whole overlay once the negotiation has ended). English where untranslated.
 */
export function revealText<R extends RevealLike>(reveal: R | null, seat: { readonly translations?: Translations } | null): R | null {
  const overlay = seatOverlayNow(seat);
  if (!reveal || !overlay) return reveal;
  const key = `${locale()}/${digits()}`;
  const hit = revealCache.get(reveal);
  if (hit && hit.key === key) return hit.reveal as R;
  const lang = locale();
  const scenario = localize(reveal.scenario, overlay, lang).scenario;
  const { scenario: rest } = localize(
    { delegations: reveal.delegations, injects: reveal.injects, historicalOutcome: reveal.historicalOutcome ?? undefined },
    overlay,
    lang,
  );
  const delegations = (rest.delegations ?? reveal.delegations).map((d, i) => {
    const before = reveal.delegations[i]!.initialProfile;
    const reasons = new Map(d.profile.redLines.map((l) => [`${l.issue}/${l.option}`, l.reason]));
    return { ...d, initialProfile: { ...before, redLines: before.redLines.map((l) => (l.reason === undefined ? l : { ...l, reason: reasons.get(`${l.issue}/${l.option}`) ?? l.reason })) } };
  });
  const out = { ...reveal, scenario, delegations, injects: rest.injects ?? reveal.injects, historicalOutcome: reveal.historicalOutcome ? rest.historicalOutcome! : reveal.historicalOutcome } as R;
  revealCache.set(reveal, { key, reveal: out });
  return out;
}

type RedLineLike = { readonly issue: string; readonly option: string; readonly reason?: string | undefined };
interface RevealLike {
  readonly scenario: LocalizableScenario;
  readonly delegations: readonly {
    readonly id: string;
    readonly name: string;
    readonly privateBrief: string;
    readonly initialProfile: { readonly redLines: readonly RedLineLike[] };
    readonly profile: { readonly redLines: readonly RedLineLike[] };
  }[];
  readonly injects: readonly { readonly id: string; readonly title: string; readonly text: string; readonly changes: readonly { readonly delegation: string; readonly note?: string | undefined }[] }[];
  readonly historicalOutcome: { readonly note: string } | null;
}

const tableCache = new WeakMap<object, { key: string; view: unknown }>();

/**
 * The synced table in the reader's language: its title (when it is the scenario's own, not a class's
 * chosen title) and its delegations' names from the scenario's translation. The same object while
 * neither the table nor the language changes.
 */
export function tableText<V extends { title: string; delegations: readonly { id: string; name: string }[] }>(
  view: V,
  scenario: Translated<{ title: string; delegations: readonly { id: string; name: string }[] }> | null,
): V {
  if (!scenario || locale() === "en" || !scenario.translations?.[locale()]) return view;
  const key = `${locale()}/${digits()}`;
  const hit = tableCache.get(view);
  if (hit && hit.key === key) return hit.view as V;
  const local = localized(scenario).scenario;
  const names = new Map(local.delegations.map((d) => [d.id, d.name]));
  const out = {
    ...view,
    title: view.title === scenario.title ? local.title : view.title,
    delegations: view.delegations.map((d) => ({ ...d, name: names.get(d.id) ?? d.name })),
  };
  tableCache.set(view, { key, view: out });
  return out;
}

/** The facilitator's inject list with each title in the reader's language (from the seat's translations). */
export function injectTitles<I extends { id: string; title: string }>(injects: readonly I[], seat: { readonly translations?: Translations } | null): I[] {
  const overlay = seatOverlayNow(seat);
  if (!overlay?.injects) return [...injects];
  return injects.map((i) => (overlay.injects?.[i.id]?.title ? { ...i, title: overlay.injects[i.id]!.title! } : i));
}

/** A scenario of the list (`GET /api/scenarios`) with its title, summary and delegation names in the reader's language. */
export function summaryText<S extends { title: string; summary: string; delegations: readonly { id: string; name: string }[]; translations?: Translations }>(s: S): S {
  const lang = locale();
  let overlay = lang === "en" ? undefined : s.translations?.[lang];
  if (!overlay) return s;
  if (digits() === "latin") overlay = mapStrings(overlay, latinDigits);
  return {
    ...s,
    title: overlay.title ?? s.title,
    summary: overlay.summary ?? s.summary,
    delegations: s.delegations.map((d) => ({ ...d, name: overlay.delegations?.[d.id]?.name ?? d.name })),
  };
}

/** The teacher's materials in the reader's language (their whole translation comes with them); the notes (facilitator.md) stay as written. */
export function materialsText<
  M extends {
    title: string;
    summary: string;
    sources: { fact: string; source: string; date?: string }[];
    issues: { id: string; title: string; options: { id: string; label: string }[] }[];
    delegations: { id: string; name: string; publicBrief: string; privateBrief: string; redLines: { issue: string; option: string; reason?: string }[] }[];
    translations?: Translations;
  },
>(m: M): M {
  const lang = locale();
  let overlay = lang === "en" ? undefined : m.translations?.[lang];
  if (!overlay) return m;
  if (digits() === "latin") overlay = mapStrings(overlay, latinDigits);
  const o = overlay;
  return {
    ...m,
    title: o.title ?? m.title,
    summary: o.summary ?? m.summary,
    sources: m.sources.map((s, i) => ({ ...s, fact: o.sources?.[i]?.fact ?? s.fact })),
    issues: m.issues.map((i) => ({ ...i, title: o.issues?.[i.id]?.title ?? i.title, options: i.options.map((op) => ({ ...op, label: o.issues?.[i.id]?.options?.[op.id]?.label ?? op.label })) })),
    delegations: m.delegations.map((d) => {
      const od = o.delegations?.[d.id];
      return {
        ...d,
        name: od?.name ?? d.name,
        publicBrief: od?.publicBrief ?? d.publicBrief,
        privateBrief: od?.privateBrief ?? d.privateBrief,
        redLines: d.redLines.map((l) => (l.reason === undefined ? l : { ...l, reason: od?.redLines?.[l.issue]?.[l.option] ?? l.reason })),
      };
    }),
  };
}
