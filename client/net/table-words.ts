// A table's words — its scenario's title and a delegation's name — in the reader's language, for the
// lists that name tables by what the browser stored or the server listed (both in English: the
// scenario as written). The translations come with the scenario summaries (`/api/scenarios`), asked
// for once per page; until they are here, or where a scenario has no translation, the English shows
// marked as English (`lang="en"`), so a Bangla screen never shows English words as if they were Bangla.
import { locale } from "../i18n.ts";
import { summaryText } from "../scenario-text.ts";
import { h } from "../ui/dom.ts";
import { api, type ScenarioSummary } from "./api.ts";

let summaries: Map<string, ScenarioSummary> | null = null;
let asking: Promise<void> | null = null;
const waiting = new Set<() => void>();

function ask(): void {
  if (asking) return;
  asking = api.scenarios().then(
    (list) => {
      summaries = new Map(list.map((s) => [s.id, s]));
      for (const cb of [...waiting]) cb();
      waiting.clear();
    },
    // Not answered (offline, a server restarting): the English stays, marked, and the next list asks again.
    () => {
      asking = null;
      waiting.clear();
    },
  );
}

export interface TableWords {
  title: string;
  /** The delegation's name (undefined when no delegation was asked for or known). */
  seat: string | undefined;
  /** The words are the English given, on a screen in another language. */
  english: boolean;
}

/**
 * The words for a table of scenario `scenarioId` (and delegation `delegation`), falling back to the
 * English given. `redraw` is called once if the translations are still on their way.
 */
export function tableWords(scenarioId: string | undefined, delegation: string | undefined, given: { title?: string; seat?: string }, redraw?: () => void): TableWords {
  const fallback = (): TableWords => ({ title: given.title ?? scenarioId ?? "", seat: given.seat ?? delegation, english: locale() !== "en" });
  if (locale() === "en") return { ...fallback(), english: false };
  if (!summaries) {
    if (redraw) waiting.add(redraw);
    ask();
    return fallback();
  }
  const summary = scenarioId ? summaries.get(scenarioId) : undefined;
  const translated = summary?.translations?.[locale()];
  if (!summary || !translated?.title) return fallback();
  const text = summaryText(summary);
  return { title: text.title, seat: (delegation && text.delegations.find((d) => d.id === delegation)?.name) || given.seat || delegation, english: false };
}

/** Attributes for an element holding the words: `lang="en"` while they are the English. */
export function wordsLang(words: TableWords): { lang?: string } {
  return words.english ? { lang: "en" } : {};
}

/**
 * A sentence of the catalog with a name in it (`{{name}}`), the name in its own element marked as
 * English where it is: "আপনার আসন: <span lang=en>United States</span>".
 */
export function withName(sentence: (name: string) => string, name: string, english: boolean): (string | HTMLElement)[] {
  if (!english) return [sentence(name)];
  const marker = "\u{E000}";
  const [before = "", after = ""] = sentence(marker).split(marker);
  return [before, h("span", { lang: "en", text: name }), after].filter((x) => x !== "");
}
