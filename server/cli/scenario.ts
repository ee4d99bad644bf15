// `accord scenario validate` and `accord scenario analyze`.
import { join } from "node:path";
import { loadScenarioFile, loadTranslations, resolveScenario, scenarioIds, scenariosDir, displayPath } from "../scenarios.ts";
import { analyzeScenario, type ScenarioAnalysis } from "../../shared/analysis/report.ts";
import type { Io } from "./io.ts";

export function validateCommand(paths: string[], io: Io): number {
  const targets = paths.length > 0 ? paths : scenarioIds().map((id) => join(scenariosDir, id));
  if (targets.length === 0) {
    io.err(`accord: no scenarios found in ${displayPath(scenariosDir)}`);
    return 1;
  }
  let failed = 0;
  for (const target of targets) {
    const loaded = loadScenarioFile(target);
    // Its translations (scenario.<lang>.yaml beside it): their errors fail it, their gaps warn.
    const tr = loaded.ok ? loadTranslations(target, loaded.scenario) : null;
    const result = tr && tr.errors.length > 0 ? { ...loaded, ok: false as const, errors: tr.errors } : loaded;
    result.warnings = [...result.warnings, ...(tr?.warnings ?? [])];
    const name = loaded.ok ? loaded.scenario.id : displayPath(target);
    if (!result.ok) {
      failed++;
      io.out(`${name}: ${result.errors.length} error${result.errors.length === 1 ? "" : "s"}`);
      for (const e of result.errors) io.out(`  error: ${e}`);
    } else if (result.warnings.length > 0) {
      io.out(`${name}: OK with ${result.warnings.length} warning${result.warnings.length === 1 ? "" : "s"}`);
    } else {
      io.out(`${name}: OK`);
    }
    for (const w of result.warnings) io.out(`  warning: ${w}`);
  }
  return failed > 0 ? 1 : 0;
}

export function analyzeCommand(pathOrId: string, json: boolean, io: Io): number {
  const result = resolveScenario(pathOrId, { purpose: "analysis" });
  if (!result.ok) {
    for (const e of result.errors) io.err(e);
    return 1;
  }
  // On stderr, so that --json output stays one object.
  for (const w of result.warnings) io.err(`warning: ${w}`);
  const analysis = analyzeScenario(result.scenario);
  if (json) io.out(JSON.stringify(analysis));
  else for (const line of analysisTable(result.scenario.title, analysis)) io.out(line);
  return 0;
}

const fmt = (u: number) => u.toFixed(3);

function analysisTable(title: string, a: ScenarioAnalysis): string[] {
  const names = a.delegations;
  const width = Math.max(12, ...names.map((n) => n.length + 2));
  const row = (label: string, cells: string[]) => label.padEnd(22) + cells.map((c) => c.padStart(width)).join("");
  const point = (label: string, p: ScenarioAnalysis["nash"]) =>
    p ? [row(label, p.utilities.map(fmt)), `${" ".repeat(22)}${describePackage(p.package)}`] : [row(label, names.map(() => "none"))];
  return [
    `${title}`,
    `${a.outcomes} packages, ${a.pareto.length} on the Pareto frontier, opposition ${fmt(a.opposition)}`,
    "",
    row("", names),
    row("reservation value", a.reservation.map(fmt)),
    row("best possible", a.best.map(fmt)),
    ...point("Nash point", a.nash),
    ...point("Kalai-Smorodinsky", a.kalaiSmorodinsky),
    ...point("maximum welfare", a.maxWelfare),
    ...(a.historical ? point("historical outcome", a.historical) : []),
  ];
}

function describePackage(pkg: Record<string, string>): string {
  return Object.entries(pkg)
    .map(([issue, option]) => `${issue}=${option}`)
    .join(", ");
}
