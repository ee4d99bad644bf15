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
