// Reading scenarios from disk: the file-system side of shared/scenario/load.ts.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseScenario, type CheckOptions, type LoadResult } from "../shared/scenario/load.ts";
import type { Overlay, Translations } from "../shared/scenario/overlay.ts";
import { parseOverlay } from "../shared/scenario/overlay-check.ts";
import { PLAIN_ID, type Scenario } from "../shared/scenario/schema.ts";

/** The project's folder: above server/ here, or above dist/server/ when run from the bundle (bin/build-server.js). */
export const projectRoot = ((here) => (existsSync(join(here, "..", "package.json")) ? resolve(here, "..") : resolve(here, "..", "..")))(dirname(fileURLToPath(import.meta.url)));
export const scenariosDir = join(projectRoot, "scenarios");

/** How a path is shown in messages: relative to the working directory when that is shorter. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

/** A scenario folder or its scenario.yaml → the YAML file's path. */
export function scenarioFile(path: string): string {
  return existsSync(path) && statSync(path).isDirectory() ? join(path, "scenario.yaml") : path;
}

export function loadScenarioFile(path: string, options: CheckOptions = {}): LoadResult {
  const file = scenarioFile(resolve(path));
  const shown = displayPath(file);
  if (!existsSync(file)) return { ok: false, errors: [`${shown}: no such file`], warnings: [] };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { ok: false, errors: [`${shown}: cannot read: ${(e as Error).message}`], warnings: [] };
  }
  return parseScenario(shown, text, options);
}

/** The ids of the scenarios shipped in scenarios/ (folders holding a scenario.yaml). */
export function scenarioIds(dir = scenariosDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "scenario.yaml")))
    .map((e) => e.name)
    .sort();
}

/** A path to a scenario (folder or YAML), or the id of one in scenarios/. */
export function resolveScenario(pathOrId: string, options: CheckOptions = {}, dir = scenariosDir): LoadResult {
  if (existsSync(pathOrId)) return loadScenarioFile(pathOrId, options);
  if (PLAIN_ID.test(pathOrId) && existsSync(join(dir, pathOrId, "scenario.yaml"))) {
    return loadScenarioFile(join(dir, pathOrId), options);
  }
  const known = scenarioIds(dir);
  return {
    ok: false,
    errors: [`${pathOrId}: no such file, and no scenario with that id (known ids: ${known.length ? known.join(", ") : "none"})`],
    warnings: [],
  };
}

export interface TranslationsResult {
  /** Language tag → overlay, for every overlay file that checked out. */
  translations: Record<string, Overlay>;
  /** `file: line N: path: message`, for the overlay files that did not. */
  errors: string[];
  /** One line per language listing what its overlay leaves in English. */
  warnings: string[];
}

const OVERLAY_FILE = /^scenario\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.yaml$/;

/**
 * The translations next to a scenario: every `scenario.<lang>.yaml` in its folder (`path` is the
 * folder or its scenario.yaml), checked against the scenario.
 */
export function loadTranslations(path: string, scenario: Scenario): TranslationsResult {
  const dir = dirname(scenarioFile(resolve(path)));
  const out: TranslationsResult = { translations: {}, errors: [], warnings: [] };
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const lang = OVERLAY_FILE.exec(name)?.[1];
    if (!lang || lang === "en") continue;
    const file = join(dir, name);
    const shown = displayPath(file);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      out.errors.push(`${shown}: cannot read: ${(e as Error).message}`);
      continue;
    }
    const result = parseOverlay(shown, text, scenario);
    if (!result.ok || !result.overlay) {
      out.errors.push(...result.errors);
      continue;
    }
    out.translations[lang] = result.overlay;
    if (result.untranslated.length > 0) {
      out.warnings.push(`${shown}: ${result.untranslated.length} text${result.untranslated.length === 1 ? "" : "s"} left in English in ${lang}: ${result.untranslated.join(", ")}`);
    }
  }
  return out;
}

/**
 * The translations of a scenario object the catalog loaded, by identity: a table's game holds its
 * scenario by reference, so what it sends each seat can find them without being handed them. A
 * scenario object from elsewhere (a restored table's stored copy) gets those of the catalog's
 * scenario with its id: an overlay only replaces text the scenario has, so one checked against a
 * later version of the file still reads safely (what it does not name stays English).
 */
const registered = new WeakMap<Scenario, Translations>();
const byId = new Map<string, Translations>();

export function registerTranslations(scenario: Scenario, translations: Translations): void {
  registered.set(scenario, translations);
  byId.set(scenario.id, translations);
}

export function translationsOf(scenario: Scenario): Translations {
  return registered.get(scenario) ?? byId.get(scenario.id) ?? {};
}
