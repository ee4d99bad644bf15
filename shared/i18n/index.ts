// Every string a person reads, in their language: i18next over typed catalogs (shared/i18n/catalog/<locale>/<ns>.ts),
// shared by the client and the server (exports). Numbers, dates and percentages go through Intl with the
// active locale; Bangla reads Bengali digits (০১২৩) unless the reader asks for Latin ones (`-u-nu-latn`).
// Keys are written literally in the code as "ns:path.to.key" (tests/i18n/catalog.test.ts checks both
// languages have them and that the code uses them); plurals through i18next's _one/_other suffixes.
import i18next, { type FormatterModule, type i18n } from "i18next";
import { CATALOGS, NAMESPACES } from "./catalog/index.ts";

export type Locale = "en" | "bn";
export const LOCALES: readonly Locale[] = ["en", "bn"];
/** What each language calls itself (the switcher's labels). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: "English", bn: "বাংলা" };
export const DEFAULT_LOCALE: Locale = "en";

/** Bengali digits (০১২৩) or Latin digits (0123) in Bangla; English always reads Latin digits. */
export type Digits = "native" | "latin";

export type { Catalog } from "./catalog/types.ts";
export { NAMESPACES };

export interface Translator {
  readonly locale: Locale;
  readonly digits: Digits;
  /** The BCP 47 tag Intl formats with (`bn`, `bn-u-nu-latn`, `en`). */
  readonly intlLocale: string;
  /** The text of `ns:path.to.key` with `{{name}}` filled in (numbers formatted like `number()`); `count` picks the plural. */
  t(key: string, vars?: Record<string, unknown>): string;
  number(n: number, opts?: Intl.NumberFormatOptions): string;
  /** `x` in [0,1] as a percentage with `digits` decimals (42%, ৪২%). */
  percent(x: number, digits?: number): string;
  date(d: Date | number, opts?: Intl.DateTimeFormatOptions): string;
  time(d: Date | number): string;
  dateTime(d: Date | number): string;
  /** "A, B and C" in the active language. */
  list(items: readonly string[]): string;
}

export function isLocale(x: unknown): x is Locale {
  return typeof x === "string" && (LOCALES as readonly string[]).includes(x);
}

/**
 * The locale a list of language tags (navigator.languages, Accept-Language) asks for: the first tag
 * naming a language the game has beside English (Bangla if any is `bn…`), else English.
 */
export function guessLocale(languages: readonly string[] | undefined): Locale {
  for (const tag of languages ?? []) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary) && primary !== DEFAULT_LOCALE) return primary;
  }
  return DEFAULT_LOCALE;
}

export function intlLocaleOf(locale: Locale, digits: Digits = "native"): string {
  return locale === "bn" && digits === "latin" ? "bn-u-nu-latn" : locale;
}

/** Catalogs by language and namespace (the app's are CATALOGS; a test may bring its own). */
export type Catalogs = { readonly [L in Locale]?: { readonly [ns: string]: object } };

const instances = new WeakMap<object, Map<Locale, i18n>>();

function instanceFor(locale: Locale, catalogs: Catalogs): i18n {
  let byLocale = instances.get(catalogs);
  if (!byLocale) instances.set(catalogs, (byLocale = new Map()));
  let inst = byLocale.get(locale);
  if (inst) return inst;
  // Numbers interpolated into a message are formatted per call (the digits setting), so the formatter
  // reads the Intl locale from the call's options.
  const formatter: FormatterModule = {
    type: "formatter",
    init: () => undefined,
    add: () => undefined,
    addCached: () => undefined,
    format: (value: unknown, _format: string | undefined, _lng: string | undefined, options?: Record<string, unknown>) => {
      const tag = typeof options?.["intlLocale"] === "string" ? (options["intlLocale"] as string) : locale;
      if (typeof value === "number" && Number.isFinite(value)) return new Intl.NumberFormat(tag).format(value);
      return value === undefined || value === null ? "" : String(value);
    },
  };
  inst = i18next.createInstance();
  inst.use(formatter).init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    resources: catalogs as Record<string, Record<string, object>>,
    ns: [...new Set(Object.values(catalogs).flatMap((byNs) => Object.keys(byNs ?? {})))],
    defaultNS: "common",
    nsSeparator: ":",
    keySeparator: ".",
    returnNull: false,
    returnEmptyString: false,
    initAsync: false,
    interpolation: { escapeValue: false, alwaysFormat: true },
  } as Parameters<i18n["init"]>[0]);
  byLocale.set(locale, inst);
  return inst;
}

/**
 * The reader's words and formats. A key missing in `locale` falls back to English; a key missing in
 * English too reads as its path (never blank). `catalogs` defaults to the app's.
 */
export function createTranslator(locale: Locale, options: { digits?: Digits; catalogs?: Catalogs } = {}): Translator {
  const digits: Digits = options.digits ?? "native";
  const tag = intlLocaleOf(locale, digits);
  const inst = instanceFor(locale, options.catalogs ?? CATALOGS);
  const fixed = inst.getFixedT(locale);
  const numberFormat = new Intl.NumberFormat(tag);
  return {
    locale,
    digits,
    intlLocale: tag,
    t: (key, vars) => fixed(key, { ...(vars ?? {}), intlLocale: tag }) as string,
    number: (n, opts) => (opts ? new Intl.NumberFormat(tag, opts) : numberFormat).format(n),
    percent: (x, d = 0) => new Intl.NumberFormat(tag, { style: "percent", minimumFractionDigits: d, maximumFractionDigits: d }).format(x),
    date: (d, opts) => new Intl.DateTimeFormat(tag, opts ?? { dateStyle: "medium" }).format(d),
    time: (d) => new Intl.DateTimeFormat(tag, { timeStyle: "short" }).format(d),
    dateTime: (d) => new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short" }).format(d),
    list: (items) => new Intl.ListFormat(tag, { style: "long", type: "conjunction" }).format(items),
  };
}
