// Reading and checking a `scenario.<lang>.yaml` against its scenario: every key must name something
// the original has (an error naming the file, the line and the key), and what it leaves untranslated
// is listed. Pure: the caller reads the file (server/scenarios.ts).
import YAML, { LineCounter, isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import type { Scenario } from "./schema.ts";
import { formatPath } from "./load.ts";
import { Overlay, untranslated } from "./overlay.ts";

export interface OverlayResult {
  ok: boolean;
  overlay: Overlay | null;
  /** `file: line N: path: message` */
  errors: string[];
  /** Paths of the original's text with no translation (see `untranslated`). */
  untranslated: string[];
}

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
