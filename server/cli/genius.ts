// `accord genius import`: read the XML files, convert with shared/scenario/genius.ts, check the
// result like any scenario, and write OUT/scenario.yaml.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { importGenius, scenarioToYaml } from "../../shared/scenario/genius.ts";
import { checkScenario } from "../../shared/scenario/load.ts";
import { displayPath } from "../scenarios.ts";
import type { Io } from "./io.ts";

function readXml(path: string): { name: string; xml: string } | string {
  if (!existsSync(path)) return `${path}: no such file`;
  if (statSync(path).isDirectory()) return `${path}: is a folder, expected a GENIUS XML file`;
  return { name: basename(path), xml: readFileSync(path, "utf8") };
}

export function geniusImportCommand(domainPath: string, profilePaths: string[], opts: { out: string; id?: string; normalizeWeights?: boolean }, io: Io): number {
  const files = [domainPath, ...profilePaths].map(readXml);
  const missing = files.find((f): f is string => typeof f === "string");
  if (missing) {
    io.err(missing);
    return 1;
  }
  const [domain, ...profiles] = files as { name: string; xml: string }[];
  const imported = importGenius(domain!, profiles, {
    ...(opts.id ? { id: opts.id } : {}),
    normalizeWeights: Boolean(opts.normalizeWeights),
  });
  if (!imported.ok) {
    io.err(imported.error);
    return 1;
  }
  const target = join(opts.out, "scenario.yaml");
  const checked = checkScenario(displayPath(target), imported.scenario, { purpose: "analysis" });
  if (!checked.ok) {
    // The import is faithful, but the scenario would not load: say why rather than write it.
    io.err(checked.errors[0]!);
    return 1;
  }
  if (existsSync(opts.out) && !statSync(opts.out).isDirectory()) {
    io.err(`${opts.out}: exists and is not a folder`);
    return 1;
  }
  mkdirSync(opts.out, { recursive: true });
  writeFileSync(target, scenarioToYaml(imported.scenario));
  const s = checked.scenario;
  io.out(`wrote ${displayPath(target)}: ${s.id}, ${s.delegations.length} delegations, ${s.issues.length} issues`);
  for (const note of imported.notes) io.out(`  note: ${note}`);
  for (const w of checked.warnings) io.out(`  warning: ${w}`);
  return 0;
}
