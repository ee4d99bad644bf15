// Turning the text of a scenario.yaml into a checked Scenario. Pure: the caller reads the file
// and passes its name, which every message starts with.
import YAML from "yaml";
import type { z } from "zod";
import { Scenario } from "./schema.ts";
import { teachingChecks, type Finding } from "./checks.ts";

export type { Finding } from "./checks.ts";

export type LoadResult =
  | { ok: true; scenario: Scenario; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

/** `delegations[1].profile.weights` from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out || "(top level)";
}

function zodMessages(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    // For unknown keys zod names them in the message; keep its words but make them ours.
    return `${file}: ${formatPath(issue.path)}: ${issue.message}`;
  });
}

export interface CheckOptions {
  /**
   * `play` (the default) refuses a scenario no table could settle; `analysis` only warns about it,
   * since an outcome space without a zone of agreement can still be studied.
   */
  purpose?: "play" | "analysis";
}

/** Validate a scenario object that has already been parsed from YAML or JSON. */
export function checkScenario(file: string, data: unknown, options: CheckOptions = {}): LoadResult {
  const parsed = Scenario.safeParse(data);
  if (!parsed.success) return { ok: false, errors: zodMessages(file, parsed.error), warnings: [] };
  const findings: Finding[] = teachingChecks(parsed.data);
  const line = (f: Finding) => `${file}: ${f.path}: ${f.message}`;
  const isError = (f: Finding) => f.level === "error" && !(f.playability && options.purpose === "analysis");
  const errors = findings.filter(isError).map(line);
  const warnings = findings.filter((f) => !isError(f)).map(line);
  if (errors.length > 0) return { ok: false, errors, warnings };
  return { ok: true, scenario: parsed.data, warnings };
}

/** Parse and validate the text of a scenario.yaml. */
export function parseScenario(file: string, text: string, options: CheckOptions = {}): LoadResult {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const where = e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "YAML";
    // yaml's pretty message repeats the position and adds a code excerpt: keep the words only.
    const words = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    return { ok: false, errors: [`${file}: ${where}: ${words}`], warnings: [] };
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, errors: [`${file}: (top level): must be a mapping of scenario fields`], warnings: [] };
  }
  return checkScenario(file, data, options);
}
