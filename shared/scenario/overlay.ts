// Scenario text in other languages: a per-language overlay (`scenarios/<id>/scenario.<lang>.yaml`)
// holds translations of a scenario's words, keyed by the original's ids. Numbers, ids, profiles and
// triggers never change with the language, so an overlay carries text only. Pure, and free of the
// YAML parser so that the client can apply overlays: reading and checking a file is overlay-check.ts.
import { z } from "zod";
import type { Scenario } from "./schema.ts";

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
  /**
   * The teaching notes' learning objectives (facilitator.md's "## Learning objectives" section,
   * without its heading), as Markdown, translated whole: the Teach page shows them before a class
   * is set up. Not part of scenario.yaml, so `untranslated` and the key check leave it out;
   * tests/i18n/objectives.test.ts holds each translation to its original's numbered points.
   */
  objectives: Text.optional(),
});
export type Overlay = z.output<typeof Overlay>;

/** Language tag → overlay: how translations travel with a scenario. */
export type Translations = Readonly<Record<string, Overlay>>;


// ---------------------------------------------------------------------------------------------
// What a scenario has to translate, as paths (`issues.cirt.options.gov-network.label`): the names
// `untranslated` lists and `localize` marks as left in English.

/** A list field, or none when the object holds something else there (a summary's issue count). */
function list<T>(value: readonly T[] | undefined | null): readonly T[] {
  return isList(value) ? value : [];
}

function isList<T>(value: readonly T[] | undefined | null): value is readonly T[] {
  return Array.isArray(value);
}

/** The scenario's text, as path → English. Only non-empty texts count. */
export function textPaths(scenario: LocalizableScenario): Map<string, string> {
  const out = new Map<string, string>();
  const put = (path: string, text: string | undefined | null) => {
    if (typeof text === "string" && text.trim() !== "") out.set(path, text);
  };
  put("title", scenario.title);
  put("summary", scenario.summary);
  list(scenario.sources).forEach((s, i) => {
    put(`sources[${i}].fact`, s.fact);
  });
  for (const d of list(scenario.delegations)) {
    const base = `delegations.${d.id}`;
    put(`${base}.name`, d.name);
    put(`${base}.publicBrief`, d.publicBrief);
    put(`${base}.privateBrief`, d.privateBrief);
    for (const line of d.profile?.redLines ?? []) put(`${base}.redLines.${line.issue}.${line.option}`, line.reason);
    for (const [key, lines] of Object.entries(d.phrases ?? {})) lines.forEach((line, i) => put(`${base}.phrases.${key}[${i}]`, line));
  }
  for (const issue of list(scenario.issues)) {
    const base = `issues.${issue.id}`;
    put(`${base}.title`, issue.title);
    put(`${base}.description`, issue.description);
    for (const o of issue.options) {
      put(`${base}.options.${o.id}.label`, o.label);
      put(`${base}.options.${o.id}.description`, o.description);
    }
  }
  for (const inject of list(scenario.injects)) {
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
  if (isList(scenario.sources)) {
    out.sources = scenario.sources.map((s, i) => ({
      ...s,
      fact: pick(`sources[${i}].fact`, s.fact),
      source: pick(`sources[${i}].source`, s.source),
    }));
  }
  if (isList(scenario.delegations)) {
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
      } else if (overlay.delegations?.[d.id]?.phrases) {
        // The public scenario carries no phrases of its own: the translated ones are what a reader
        // renders bot statements from (a missing one makes the statement fall back to its English).
        copy.phrases = overlay.delegations[d.id]!.phrases;
      }
      return copy;
    });
  }
  if (isList(scenario.issues)) {
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
  if (isList(scenario.injects)) {
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
 * reasons, injects and the historical outcome. What `GET /api/scenarios/:id` carries (the
 * learning objectives included: their English is public too).
 */
export function publicOverlay(overlay: Overlay): Overlay {
  const out: Overlay = {};
  if (overlay.title !== undefined) out.title = overlay.title;
  if (overlay.summary !== undefined) out.summary = overlay.summary;
  // Public in English too (GET /api/materials/scenario/:id).
  if (overlay.objectives !== undefined) out.objectives = overlay.objectives;
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

/** Who reads a seat's translations: what its `seat` message shows it in English. */
export interface OverlayReader {
  /** The reader's delegation (null for an observer or a facilitator without a seat). */
  delegation: string | null;
  facilitator: boolean;
  /** Injects fired so far: their news is public. */
  firedInjects: readonly string[];
  /** Once the negotiation has ended everything is revealed, translations included. */
  ended: boolean;
}

/**
 * The private part of an overlay one seat may read: its delegation's private brief and red-line
 * reasons, the fired injects' news and its own notes on them, the facilitator's inject titles;
 * once the negotiation has ended, the whole overlay (the debrief reveals everything). What the
 * `seat` message carries beside the public part `GET /api/scenarios/:id` gives everyone.
 */
export function seatOverlay(overlay: Overlay, reader: OverlayReader): Overlay {
  if (reader.ended) return overlay;
  const out: Overlay = {};
  const own = reader.delegation ? overlay.delegations?.[reader.delegation] : undefined;
  if (own && reader.delegation && (own.privateBrief !== undefined || own.redLines)) {
    const mine: NonNullable<Overlay["delegations"]>[string] = {};
    if (own.privateBrief !== undefined) mine.privateBrief = own.privateBrief;
    if (own.redLines) mine.redLines = own.redLines;
    out.delegations = { [reader.delegation]: mine };
  }
  const injects: NonNullable<Overlay["injects"]> = {};
  for (const [id, inject] of Object.entries(overlay.injects ?? {})) {
    const fired = reader.firedInjects.includes(id);
    const entry: NonNullable<Overlay["injects"]>[string] = {};
    if (inject.title !== undefined && (fired || reader.facilitator)) entry.title = inject.title;
    if (inject.text !== undefined && fired) entry.text = inject.text;
    const note = reader.delegation ? inject.notes?.[reader.delegation] : undefined;
    if (fired && note !== undefined && reader.delegation) entry.notes = { [reader.delegation]: note };
    if (Object.keys(entry).length > 0) injects[id] = entry;
  }
  if (Object.keys(injects).length > 0) out.injects = injects;
  return out;
}
