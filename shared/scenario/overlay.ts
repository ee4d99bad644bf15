// Scenario text in other languages: a per-language overlay (`scenarios/<id>/scenario.<lang>.yaml`)
// holds translations of a scenario's words, keyed by the original's ids. Numbers, ids, profiles and
// triggers never change with the language, so an overlay carries text only. Pure: the caller reads
// the files (server/scenarios.ts).
import YAML, { LineCounter, isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import { z } from "zod";
import type { Scenario } from "./schema.ts";
import { formatPath } from "./load.ts";

/** A language tag as overlays and clients name it: `bn`, `fr`, `pt-BR`. */
export const LangTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a language tag such as bn or pt-BR");

const Text = z.string().trim().min(1, "must not be empty");

const OptionText = z.strictObject({ label: Text.optional(), description: Text.optional() });
const IssueText = z.strictObject({
  title: Text.optional(),
  description: Text.optional(),
  options: z.record(z.string(), OptionText).optional(),
});
const DelegationText = z.strictObject({
  name: Text.optional(),
  publicBrief: Text.optional(),
  privateBrief: Text.optional(),
  /** Issue id → option id → the red line's reason. */
  redLines: z.record(z.string(), z.record(z.string(), Text)).optional(),
  /** Situation or issue id → the sentences, in the original's order (one for one). */
  phrases: z.record(z.string(), z.array(Text)).optional(),
});
const InjectText = z.strictObject({
  title: Text.optional(),
  text: Text.optional(),
  /** Delegation id → its private note (every change of that delegation in the inject). */
  notes: z.record(z.string(), Text).optional(),
});
const SourceText = z.strictObject({ fact: Text.optional(), source: Text.optional() });

/** One language's translation of a scenario. Every key is optional: what is missing stays in English. */
export const Overlay = z.strictObject({
  title: Text.optional(),
  summary: Text.optional(),
  /** In the original's order, one for one; `null` (or `{}`) skips one. */
  sources: z.array(SourceText.nullable()).optional(),
  delegations: z.record(z.string(), DelegationText).optional(),
  issues: z.record(z.string(), IssueText).optional(),
  injects: z.record(z.string(), InjectText).optional(),
  historicalOutcome: z.strictObject({ note: Text.optional() }).optional(),
});
export type Overlay = z.output<typeof Overlay>;

/** Language tag → overlay: how translations travel with a scenario. */
export type Translations = Readonly<Record<string, Overlay>>;

export interface OverlayResult {
  ok: boolean;
  overlay: Overlay | null;
  /** `file: line N: path: message` */
  errors: string[];
  /** Paths of the original's text with no translation (see `untranslated`). */
  untranslated: string[];
}

// ---------------------------------------------------------------------------------------------
// What a scenario has to translate, as paths (`issues.cirt.options.gov-network.label`): the names
// `untranslated` lists and `localize` marks as left in English.

/** The scenario's text, as path → English. Only non-empty texts count. */
export function textPaths(scenario: LocalizableScenario): Map<string, string> {
  const out = new Map<string, string>();
  const put = (path: string, text: string | undefined | null) => {
    if (typeof text === "string" && text.trim() !== "") out.set(path, text);
  };
  put("title", scenario.title);
  put("summary", scenario.summary);
  scenario.sources?.forEach((s, i) => {
    put(`sources[${i}].fact`, s.fact);
  });
  for (const d of scenario.delegations ?? []) {
    const base = `delegations.${d.id}`;
    put(`${base}.name`, d.name);
    put(`${base}.publicBrief`, d.publicBrief);
    put(`${base}.privateBrief`, d.privateBrief);
    for (const line of d.profile?.redLines ?? []) put(`${base}.redLines.${line.issue}.${line.option}`, line.reason);
    for (const [key, lines] of Object.entries(d.phrases ?? {})) lines.forEach((line, i) => put(`${base}.phrases.${key}[${i}]`, line));
  }
  for (const issue of scenario.issues ?? []) {
    const base = `issues.${issue.id}`;
    put(`${base}.title`, issue.title);
    put(`${base}.description`, issue.description);
    for (const o of issue.options) {
      put(`${base}.options.${o.id}.label`, o.label);
      put(`${base}.options.${o.id}.description`, o.description);
    }
  }
  for (const inject of scenario.injects ?? []) {
    const base = `injects.${inject.id}`;
    put(`${base}.title`, inject.title);
    put(`${base}.text`, inject.text);
    for (const c of inject.changes ?? []) put(`${base}.notes.${c.delegation}`, c.note);
  }
  put("historicalOutcome.note", scenario.historicalOutcome?.note);
  return out;
}

/** The overlay's text, as path → translation (same paths as `textPaths`). */
export function overlayPaths(overlay: Overlay): Map<string, string> {
  const out = new Map<string, string>();
  const put = (path: string, text: string | undefined | null) => {
    if (typeof text === "string") out.set(path, text);
  };
  put("title", overlay.title);
  put("summary", overlay.summary);
  overlay.sources?.forEach((s, i) => {
    put(`sources[${i}].fact`, s?.fact);
    put(`sources[${i}].source`, s?.source);
  });
  for (const [id, d] of Object.entries(overlay.delegations ?? {})) {
    const base = `delegations.${id}`;
    put(`${base}.name`, d.name);
    put(`${base}.publicBrief`, d.publicBrief);
    put(`${base}.privateBrief`, d.privateBrief);
    for (const [issue, options] of Object.entries(d.redLines ?? {})) {
      for (const [option, reason] of Object.entries(options)) put(`${base}.redLines.${issue}.${option}`, reason);
    }
    for (const [key, lines] of Object.entries(d.phrases ?? {})) lines.forEach((line, i) => put(`${base}.phrases.${key}[${i}]`, line));
  }
  for (const [id, issue] of Object.entries(overlay.issues ?? {})) {
    const base = `issues.${id}`;
    put(`${base}.title`, issue.title);
    put(`${base}.description`, issue.description);
    for (const [oid, o] of Object.entries(issue.options ?? {})) {
      put(`${base}.options.${oid}.label`, o.label);
      put(`${base}.options.${oid}.description`, o.description);
    }
  }
  for (const [id, inject] of Object.entries(overlay.injects ?? {})) {
    const base = `injects.${id}`;
    put(`${base}.title`, inject.title);
    put(`${base}.text`, inject.text);
    for (const [delegation, note] of Object.entries(inject.notes ?? {})) put(`${base}.notes.${delegation}`, note);
  }
  put("historicalOutcome.note", overlay.historicalOutcome?.note);
  return out;
}

/** The original's texts the overlay leaves in English, in the scenario's order. */
export function untranslated(scenario: Scenario, overlay: Overlay): string[] {
  const done = overlayPaths(overlay);
  return [...textPaths(scenario).keys()].filter((p) => !done.has(p));
}

// ---------------------------------------------------------------------------------------------
// Checking an overlay against its scenario.

/** Where a key of the overlay is: a YAML path (strings and numbers) and the message. */
interface KeyProblem {
  path: (string | number)[];
  message: string;
}

/** Every key of the overlay that names something the original does not have. */
export function overlayProblems(scenario: Scenario, overlay: Overlay): KeyProblem[] {
  const problems: KeyProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  if (overlay.sources && overlay.sources.length > scenario.sources.length) {
    for (let i = scenario.sources.length; i < overlay.sources.length; i++) {
      add(["sources", i], `the scenario has ${scenario.sources.length} sources; there is no source ${i + 1}`);
    }
  }
  const delegations = new Map(scenario.delegations.map((d) => [d.id, d]));
  for (const [id, d] of Object.entries(overlay.delegations ?? {})) {
    const original = delegations.get(id);
    if (!original) {
      add(["delegations", id], `no delegation "${id}" in the scenario (its delegations: ${[...delegations.keys()].join(", ")})`);
      continue;
    }
    for (const [issue, options] of Object.entries(d.redLines ?? {})) {
      for (const option of Object.keys(options)) {
        if (!original.profile.redLines.some((l) => l.issue === issue && l.option === option)) {
          add(["delegations", id, "redLines", issue, option], `delegation "${id}" has no red line on option "${option}" of issue "${issue}"`);
        } else if (!original.profile.redLines.some((l) => l.issue === issue && l.option === option && l.reason)) {
          add(["delegations", id, "redLines", issue, option], `the red line of "${id}" on "${issue}: ${option}" has no reason to translate`);
        }
      }
    }
    if (d.privateBrief !== undefined && original.privateBrief.trim() === "") {
      add(["delegations", id, "privateBrief"], `delegation "${id}" has no private brief to translate`);
    }
    for (const [key, lines] of Object.entries(d.phrases ?? {})) {
      const originals = original.phrases[key];
      if (!originals) {
        add(["delegations", id, "phrases", key], `delegation "${id}" has no phrases for "${key}"`);
      } else if (lines.length > originals.length) {
        add(["delegations", id, "phrases", key, originals.length], `delegation "${id}" has ${originals.length} phrase${originals.length === 1 ? "" : "s"} for "${key}", this list has ${lines.length} (one translation per phrase, in the same order)`);
      }
    }
  }
  const issues = new Map(scenario.issues.map((i) => [i.id, i]));
  for (const [id, issue] of Object.entries(overlay.issues ?? {})) {
    const original = issues.get(id);
    if (!original) {
      add(["issues", id], `no issue "${id}" in the scenario (its issues: ${[...issues.keys()].join(", ")})`);
      continue;
    }
    if (issue.description !== undefined && original.description.trim() === "") add(["issues", id, "description"], `issue "${id}" has no description to translate`);
    const options = new Set(original.options.map((o) => o.id));
    for (const [oid, o] of Object.entries(issue.options ?? {})) {
      if (!options.has(oid)) {
        add(["issues", id, "options", oid], `issue "${id}" has no option "${oid}" (its options: ${[...options].join(", ")})`);
        continue;
      }
      const opt = original.options.find((x) => x.id === oid)!;
      if (o.description !== undefined && opt.description.trim() === "") add(["issues", id, "options", oid, "description"], `option "${oid}" of issue "${id}" has no description to translate`);
    }
  }
  const injects = new Map(scenario.injects.map((i) => [i.id, i]));
  for (const [id, inject] of Object.entries(overlay.injects ?? {})) {
    const original = injects.get(id);
    if (!original) {
      add(["injects", id], `no inject "${id}" in the scenario (its injects: ${[...injects.keys()].join(", ") || "none"})`);
      continue;
    }
    for (const delegation of Object.keys(inject.notes ?? {})) {
      if (!original.changes.some((c) => c.delegation === delegation && c.note)) {
        add(["injects", id, "notes", delegation], `inject "${id}" has no note for delegation "${delegation}"`);
      }
    }
  }
  if (overlay.historicalOutcome?.note !== undefined && !scenario.historicalOutcome) {
    add(["historicalOutcome"], "the scenario records no historical outcome");
  }
  return problems;
}

/** The 1-based line of a key in the YAML document (the key itself, or its nearest existing parent). */
function lineOf(doc: YAML.Document.Parsed, counter: LineCounter, path: (string | number)[]): number | null {
  let node: unknown = doc.contents;
  let offset: number | null = (node as Node | null)?.range?.[0] ?? null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset === null ? null : counter.linePos(offset).line;
}

/** Parse and check the text of a `scenario.<lang>.yaml` against its scenario. `file` starts every message. */
export function parseOverlay(file: string, text: string, scenario: Scenario): OverlayResult {
  const counter = new LineCounter();
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: counter });
  const fail = (errors: string[]): OverlayResult => ({ ok: false, overlay: null, errors, untranslated: [] });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const where = e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "YAML";
    return fail([`${file}: ${where}: ${e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`]);
  }
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== "object" || Array.isArray(data)) return fail([`${file}: (top level): must be a mapping of translated fields`]);
  const at = (path: (string | number)[]) => {
    const line = lineOf(doc, counter, path);
    return line === null ? "" : `line ${line}: `;
  };
  const parsed = Overlay.safeParse(data);
  if (!parsed.success) {
    return fail(
      parsed.error.issues.map((issue) => {
        // An unknown key is reported at its parent: name the key and point at its line.
        const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
        const path = keys.length > 0 ? [...(issue.path as (string | number)[]), keys[0]!] : (issue.path as (string | number)[]);
        const message = keys.length > 0 ? `not a translatable field (${issue.message})` : issue.message;
        return `${file}: ${at(path)}${formatPath(path)}: ${message}`;
      }),
    );
  }
  const problems = overlayProblems(scenario, parsed.data);
  if (problems.length > 0) return fail(problems.map((p) => `${file}: ${at(p.path)}${formatPath(p.path)}: ${p.message}`));
  return { ok: true, overlay: parsed.data, errors: [], untranslated: untranslated(scenario, parsed.data) };
}

// ---------------------------------------------------------------------------------------------
// Applying an overlay.

/** The parts of a scenario `localize` reads: the whole scenario, the public one, or a reveal's. */
export interface LocalizableScenario {
  title?: string;
  summary?: string;
  sources?: readonly { readonly fact: string; readonly source: string; readonly date?: string | undefined }[];
  delegations?: readonly {
    readonly id: string;
    readonly name?: string;
    readonly publicBrief?: string;
    readonly privateBrief?: string;
    readonly profile?: { readonly redLines?: readonly { readonly issue: string; readonly option: string; readonly reason?: string | undefined }[] };
    readonly phrases?: Readonly<Record<string, readonly string[]>>;
  }[];
  issues?: readonly {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly options: readonly { readonly id: string; readonly label: string; readonly description: string }[];
  }[];
  injects?: readonly {
    readonly id: string;
    readonly title: string;
    readonly text: string;
    readonly changes?: readonly { readonly delegation: string; readonly note?: string | undefined }[];
  }[];
  historicalOutcome?: { readonly note: string } | null;
}

export interface Localized<S> {
  /** The scenario with every translated text in place; the rest as the original wrote it. */
  scenario: S;
  /** The language of the translated text (`en` when there was no overlay). */
  lang: string;
  /** Paths (as `textPaths` names them) whose text is still the original English. */
  english: ReadonlySet<string>;
}

/**
 * The scenario in another language: every text the overlay translates replaced, everything else
 * (ids, numbers, profiles, and the text it does not translate) as it was. Pure; the input is not
 * changed. With no overlay, the scenario itself, all of it English.
 */
export function localize<S extends LocalizableScenario>(scenario: S, overlay: Overlay | null | undefined, lang = "bn"): Localized<S> {
  const all = textPaths(scenario);
  if (!overlay) return { scenario, lang: "en", english: new Set(all.keys()) };
  const tr = overlayPaths(overlay);
  const english = new Set([...all.keys()].filter((p) => !tr.has(p)));
  const pick = (path: string, original: string) => tr.get(path) ?? original;
  const out: Record<string, unknown> = { ...(scenario as object) };
  if (scenario.title !== undefined) out.title = pick("title", scenario.title);
  if (scenario.summary !== undefined) out.summary = pick("summary", scenario.summary);
  if (scenario.sources) {
    out.sources = scenario.sources.map((s, i) => ({
      ...s,
      fact: pick(`sources[${i}].fact`, s.fact),
      source: pick(`sources[${i}].source`, s.source),
    }));
  }
  if (scenario.delegations) {
    out.delegations = scenario.delegations.map((d) => {
      const base = `delegations.${d.id}`;
      const copy: Record<string, unknown> = { ...d };
      if (d.name !== undefined) copy.name = pick(`${base}.name`, d.name);
      if (d.publicBrief !== undefined) copy.publicBrief = pick(`${base}.publicBrief`, d.publicBrief);
      if (d.privateBrief !== undefined) copy.privateBrief = pick(`${base}.privateBrief`, d.privateBrief);
      if (d.profile?.redLines) {
        copy.profile = {
          ...d.profile,
          redLines: d.profile.redLines.map((l) => (l.reason === undefined ? l : { ...l, reason: pick(`${base}.redLines.${l.issue}.${l.option}`, l.reason) })),
        };
      }
      if (d.phrases) {
        copy.phrases = Object.fromEntries(Object.entries(d.phrases).map(([key, lines]) => [key, lines.map((line, i) => pick(`${base}.phrases.${key}[${i}]`, line))]));
      }
      return copy;
    });
  }
  if (scenario.issues) {
    out.issues = scenario.issues.map((issue) => {
      const base = `issues.${issue.id}`;
      return {
        ...issue,
        title: pick(`${base}.title`, issue.title),
        description: pick(`${base}.description`, issue.description),
        options: issue.options.map((o) => ({
          ...o,
          label: pick(`${base}.options.${o.id}.label`, o.label),
          description: pick(`${base}.options.${o.id}.description`, o.description),
        })),
      };
    });
  }
  if (scenario.injects) {
    out.injects = scenario.injects.map((inject) => {
      const base = `injects.${inject.id}`;
      return {
        ...inject,
        title: pick(`${base}.title`, inject.title),
        text: pick(`${base}.text`, inject.text),
        ...(inject.changes
          ? { changes: inject.changes.map((c) => (c.note === undefined ? c : { ...c, note: pick(`${base}.notes.${c.delegation}`, c.note) })) }
          : {}),
      };
    });
  }
  if (scenario.historicalOutcome) out.historicalOutcome = { ...scenario.historicalOutcome, note: pick("historicalOutcome.note", scenario.historicalOutcome.note) };
  return { scenario: out as S, lang, english };
}

/**
 * The overlay without what a public reader may not see before the end: private briefs, red-line
 * reasons, injects and the historical outcome. What `GET /api/scenarios/:id` carries.
 */
export function publicOverlay(overlay: Overlay): Overlay {
  const out: Overlay = {};
  if (overlay.title !== undefined) out.title = overlay.title;
  if (overlay.summary !== undefined) out.summary = overlay.summary;
  if (overlay.sources) out.sources = overlay.sources;
  if (overlay.issues) out.issues = overlay.issues;
  if (overlay.delegations) {
    out.delegations = Object.fromEntries(
      Object.entries(overlay.delegations).map(([id, d]) => {
        const pub: NonNullable<Overlay["delegations"]>[string] = {};
        if (d.name !== undefined) pub.name = d.name;
        if (d.publicBrief !== undefined) pub.publicBrief = d.publicBrief;
        if (d.phrases) pub.phrases = d.phrases;
        return [id, pub];
      }),
    );
  }
  return out;
}
