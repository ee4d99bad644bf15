// Reading scenarios from disk: the file-system side of shared/scenario/load.ts.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseScenario, type CheckOptions, type LoadResult } from "../shared/scenario/load.ts";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
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
  if (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(pathOrId) && existsSync(join(dir, pathOrId, "scenario.yaml"))) {
    return loadScenarioFile(join(dir, pathOrId), options);
  }
  const known = scenarioIds(dir);
  return {
    ok: false,
    errors: [`${pathOrId}: no such file, and no scenario with that id (known ids: ${known.length ? known.join(", ") : "none"})`],
    warnings: [],
  };
}
