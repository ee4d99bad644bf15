// The message catalogs (issue 17): every key in English is in Bangla and the other way round, every
// key the code uses exists, and every key in the catalogs is used by the code (written literally as
// "ns:path.to.key" in client/, server/ or shared/; plural keys without their _one/_other suffix).
// And the translator itself: plurals, interpolation, fallback to English, Bengali or Latin digits,
// percentages, dates and lists through Intl.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGS, NAMESPACES } from "../../shared/i18n/catalog/index.ts";
import { createTranslator, guessLocale, intlLocaleOf, LOCALES, type Catalogs } from "../../shared/i18n/index.ts";

const root = join(import.meta.dirname, "..", "..");
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every leaf of a catalog as "ns:path.to.key" → text. */
function leaves(ns: string, obj: object, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(`${ns}:${path}`, v);
    else if (v && typeof v === "object") for (const [kk, vv] of leaves(ns, v, path)) out.set(kk, vv);
    else throw new Error(`${ns}:${path} is neither text nor a group (${typeof v})`);
  }
  return out;
}

function catalogOf(locale: keyof typeof CATALOGS): Map<string, string> {
  const all = new Map<string, string>();
  for (const ns of NAMESPACES) {
    const cat = CATALOGS[locale][ns] as object | undefined;
    if (!cat) throw new Error(`${locale} has no catalog for the namespace ${ns}`);
    for (const [k, v] of leaves(ns, cat)) all.set(k, v);
  }
  return all;
}

/** The source files the key scan reads: TypeScript under client/, server/, shared/ (not the catalogs, not builds). */
function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry === "node_modules" || entry === "dist" || entry.startsWith(".")) continue;
    if (path === join(root, "shared", "i18n", "catalog")) continue;
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|tsx|js|mjs)$/.test(entry)) out.push(path);
  }
  return out;
}

const KEY_IN_CODE = new RegExp(`["'\`]((?:${NAMESPACES.join("|")}):[A-Za-z0-9_.-]+)["'\`]`, "g");

function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const dir of ["client", "server", "shared"]) {
    for (const file of sources(join(root, dir))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(KEY_IN_CODE)) if (!used.has(m[1]!)) used.set(m[1]!, relative(root, file));
    }
  }
  return used;
}

function vars(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^,}\s]+)/g)].map((m) => m[1]!))].sort();
}

describe("the message catalogs", () => {
  const en = catalogOf("en");
  // Every language beside English (Bangla today; a third language joins LOCALES and CATALOGS).
  const translations = LOCALES.filter((l) => l !== "en").map((l) => [l, catalogOf(l)] as const);

  it("has every English key in every other language, and no key English lacks", () => {
    expect(translations.map(([l]) => l)).toContain("bn");
    const problems: string[] = [];
    for (const [locale, cat] of translations) {
      for (const k of en.keys()) if (!cat.has(k)) problems.push(`${k} is missing in ${locale}`);
      for (const k of cat.keys()) if (!en.has(k)) problems.push(`${k} is in ${locale} but not in en`);
    }
    expect(problems).toEqual([]);
    expect(en.size).toBeGreaterThan(100);
  });

  it("has no empty text, and each translation fills in the same {{variables}} as the English", () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      for (const [k, v] of catalogOf(locale)) if (!v.trim()) problems.push(`${locale} ${k} is empty`);
    }
    for (const [locale, cat] of translations) {
      for (const [k, v] of en) {
        const b = cat.get(k);
        if (b !== undefined && vars(b).join(",") !== vars(v).join(",")) problems.push(`${k}: en {{${vars(v).join(", ")}}} but ${locale} {{${vars(b).join(", ")}}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("has every key the code uses, in both languages (plural keys through their _one/_other forms)", () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(100);
    const missing: string[] = [];
    for (const [key, file] of used) {
      for (const [locale, cat] of [["en", en] as const, ...translations]) {
        const found = cat.has(key) || (cat.has(`${key}_one`) && cat.has(`${key}_other`));
        if (!found) missing.push(`${key} (used in ${file}) is not in ${locale}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("uses every key it holds: a key no code names is dead text", () => {
    const used = usedKeys();
    const unused = [...en.keys()].filter((k) => !used.has(k) && !used.has(k.replace(PLURAL, "")));
    expect(unused).toEqual([]);
  });

  it("writes no digit into a translation: numbers are filled in, so they follow the reader's digits setting", () => {
    // The digits setting's own two labels, an example join code and a standard's name are not numbers.
    const ASIS = new Set(["screens:shell.digitsNative", "screens:shell.digitsLatin", "screens:home.joinForm.badCode", "practice:problem.format"]);
    const problems: string[] = [];
    for (const [locale, cat] of translations) {
      for (const [k, v] of cat) {
        if (ASIS.has(k)) continue;
        const own = v.replace(/\{\{[^}]*\}\}/g, "");
        if (/[0-9\u09E6-\u09EF]/.test(own)) problems.push(`${locale} ${k}: ${v}`);
      }
    }
    expect(problems).toEqual([]);
    for (const k of ASIS) expect(en.has(k), `${k} is no longer a key`).toBe(true);
  });

  it("writes plural keys as a complete set: _one and _other together", () => {
    const broken: string[] = [];
    for (const [locale, cat] of [["en", en] as const, ...translations]) {
      for (const k of cat.keys()) {
        const m = PLURAL.exec(k);
        if (!m) continue;
        const base = k.replace(PLURAL, "");
        if (!cat.has(`${base}_one`) || !cat.has(`${base}_other`)) broken.push(`${locale} ${k}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe("createTranslator", () => {
  // A small catalog of its own, so each behaviour is shown on a known text; the same i18next setup as the app's.
  const catalogs: Catalogs = {
    en: { t: { hello: "Hello, {{name}}", seats_one: "{{count}} seat", seats_other: "{{count}} seats", onlyEnglish: "Only in English", score: "{{points}} points" } },
    bn: { t: { hello: "স্বাগতম, {{name}}", seats_one: "{{count}}টি আসন", seats_other: "{{count}}টি আসন", score: "{{points}} পয়েন্ট" } },
  };

  it("picks the plural form by Intl.PluralRules and fills in the count in the reader's digits", () => {
    const en = createTranslator("en", { catalogs });
    expect(en.t("t:seats", { count: 1 })).toBe("1 seat");
    expect(en.t("t:seats", { count: 2 })).toBe("2 seats");
    expect(en.t("t:seats", { count: 1500 })).toBe("1,500 seats");
    const bn = createTranslator("bn", { catalogs });
    expect(bn.t("t:seats", { count: 1 })).toBe("১টি আসন");
    expect(bn.t("t:seats", { count: 3 })).toBe("৩টি আসন");
    expect(createTranslator("bn", { catalogs, digits: "latin" }).t("t:seats", { count: 3 })).toBe("3টি আসন");
  });

  it("interpolates names as written (no HTML escaping: the DOM gets text nodes) and numbers in the locale's digits", () => {
    const bn = createTranslator("bn", { catalogs });
    expect(bn.t("t:hello", { name: "Amina & <Rahman>" })).toBe("স্বাগতম, Amina & <Rahman>");
    expect(bn.t("t:score", { points: 42 })).toBe("৪২ পয়েন্ট");
    expect(createTranslator("en", { catalogs }).t("t:score", { points: 42 })).toBe("42 points");
  });

  it("falls back to English for a key Bangla lacks, and to the key's path when English lacks it too", () => {
    const bn = createTranslator("bn", { catalogs });
    expect(bn.t("t:onlyEnglish")).toBe("Only in English");
    expect(bn.t("t:nowhere")).toBe("nowhere");
  });

  it("formats numbers, percentages, dates and lists through Intl: Bengali digits in Bangla unless Latin is asked for", () => {
    const bn = createTranslator("bn");
    const latn = createTranslator("bn", { digits: "latin" });
    const en = createTranslator("en");
    expect(bn.number(1234567)).toBe("১২,৩৪,৫৬৭");
    expect(latn.number(1234567)).toBe("12,34,567");
    expect(en.number(1234567)).toBe("1,234,567");
    expect(bn.percent(0.42)).toBe("৪২%");
    expect(latn.percent(0.425, 1)).toBe("42.5%");
    expect(en.percent(0.0498, 2)).toBe("4.98%");
    const d = new Date(Date.UTC(2026, 11, 6, 9, 5));
    expect(bn.date(d, { timeZone: "UTC", dateStyle: "long" })).toBe("৬ ডিসেম্বর, ২০২৬");
    expect(latn.date(d, { timeZone: "UTC", dateStyle: "long" })).toBe("6 ডিসেম্বর, 2026");
    expect(en.date(d, { timeZone: "UTC", dateStyle: "long" })).toBe("December 6, 2026");
    expect(bn.time(d)).toMatch(/[০-৯]/);
    expect(bn.dateTime(d)).toMatch(/[০-৯]/);
    expect(bn.list(["যুক্তরাষ্ট্র", "চীন", "ভারত"])).toBe("যুক্তরাষ্ট্র, চীন এবং ভারত");
    expect(en.list(["US", "China"])).toBe("US and China");
  });

  it("reads the app's catalogs: the same key in each language, English when asked for English", () => {
    expect(createTranslator("en").t("screens:match.status.yourMove")).toBe("Your move");
    expect(createTranslator("bn").t("screens:match.status.yourMove")).toBe("আপনার পালা");
    expect(createTranslator("bn").t("screens:debrief.verdict.better", { count: 12 })).toBe("সরে দাঁড়ানোর চেয়ে ১২ পয়েন্ট ভালো।");
  });

  it("guesses Bangla from any bn language tag, English otherwise", () => {
    expect(guessLocale(["en-GB", "bn-BD"])).toBe("bn");
    expect(guessLocale(["bn"])).toBe("bn");
    expect(guessLocale(["en-US", "fr"])).toBe("en");
    expect(guessLocale([])).toBe("en");
    expect(intlLocaleOf("bn", "latin")).toBe("bn-u-nu-latn");
    expect(intlLocaleOf("en", "latin")).toBe("en");
  });
});
