// The reader's language on this browser: the active locale (remembered in localStorage "accord.locale",
// first guessed from navigator.languages: Bangla if any starts with "bn"), the digits setting
// ("accord.digits": Bengali or Latin digits in Bangla), and the current Translator. Screens call `t()`
// and `fmt` and re-render on `onLocaleChange`; <html lang> follows the locale so CSS picks the font.
import { createTranslator, guessLocale, isLocale, type Digits, type Locale, type Translator } from "../shared/i18n/index.ts";

export type { Digits, Locale, Translator };

const LOCALE_KEY = "accord.locale";
const DIGITS_KEY = "accord.digits";

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    // Storage blocked: the browser's own language and digits, as on a first visit.
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private browsing without storage: the choice holds until the page closes.
  }
}

function initialLocale(): Locale {
  const saved = stored(LOCALE_KEY);
  if (isLocale(saved)) return saved;
  return guessLocale(typeof navigator === "undefined" ? [] : navigator.languages ?? [navigator.language]);
}

function initialDigits(): Digits {
  return stored(DIGITS_KEY) === "latin" ? "latin" : "native";
}

/** The current Translator (a live binding: importers always see the active language). */
export let fmt: Translator = createTranslator(initialLocale(), { digits: initialDigits() });

/** The text of `ns:path.to.key` in the active language. */
export function t(key: string, vars?: Record<string, unknown>): string {
  return fmt.t(key, vars);
}

export function locale(): Locale {
  return fmt.locale;
}

export function digits(): Digits {
  return fmt.digits;
}

const listeners = new Set<() => void>();

/** Called after every change of language or digits; returns the unsubscribe. */
export function onLocaleChange(callback: () => void): () => void {
  listeners.add(callback);
  return () => listeners.delete(callback);
}

function apply(next: Translator): void {
  fmt = next;
  applyDocument();
  for (const cb of [...listeners]) cb();
}

/** <html lang>, and the Bengali face asked for before the first Bangla paint needs it. */
function applyDocument(): void {
  if (typeof document === "undefined") return;
  document.documentElement.lang = fmt.locale;
  // Numbered lists count in the reader's digits too (styles.css).
  document.documentElement.dataset.digits = fmt.digits;
  if (fmt.locale === "bn" && document.fonts) {
    // Only a head start: a face that does not load leaves the browser's fallback font, nothing to tell the reader.
    void document.fonts.load('16px "Noto Sans Bengali"', "বাংলা").catch(() => undefined);
    void document.fonts.load('600 16px "Noto Sans Bengali"', "বাংলা").catch(() => undefined);
  }
}
applyDocument();

export function setLocale(next: Locale): void {
  store(LOCALE_KEY, next);
  if (next === fmt.locale) return;
  apply(createTranslator(next, { digits: fmt.digits }));
}

export function setDigits(next: Digits): void {
  store(DIGITS_KEY, next);
  if (next === fmt.digits) return;
  apply(createTranslator(fmt.locale, { digits: next }));
}
