// No import cycles in the sources: dependency-cruiser walks every import (type-only ones too)
// under shared/, server/, client/ and bin/ with the rules in .dependency-cruiser.cjs, and the test
// fails listing each cycle, each devDependency imported by code the server runs, and each import
// that resolves to nothing (which would hide cycles). By hand: npx depcruise shared server client bin
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { cruise, type ICruiseResult, type IConfiguration } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const FOLDERS = ["shared", "server", "client", "bin"];
const config = createRequire(import.meta.url)(path.join(root, ".dependency-cruiser.cjs")) as IConfiguration;

/** The project's own source files, as paths relative to the root. */
function sources(folder: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, folder), { withFileTypes: true })) {
    const rel = `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "dist") out.push(...sources(rel));
    } else if (/\.(ts|js|mjs)$/.test(entry.name)) {
      out.push(rel);
    }
  }
  return out;
}

describe("module structure", () => {
  it("has no import cycles, no devDependency in what the server runs, no import resolving to nothing", async () => {
    const reported = await cruise(FOLDERS, {
      ...config.options,
      baseDir: root,
      validate: true,
      ruleSet: { forbidden: config.forbidden ?? [] },
    });
    const result = reported.output as ICruiseResult;
    // Every source file was read: a file the tool could not parse would hide its imports.
    const cruised = new Set(result.modules.map((m) => m.source));
    const missed = FOLDERS.flatMap(sources).filter((file) => !cruised.has(file));
    expect(missed, "source files dependency-cruiser did not read").toEqual([]);

    const cycles = new Map<string, string>();
    const problems: string[] = [];
    for (const v of result.summary.violations) {
      if (v.rule.name === "no-circular" && v.cycle) {
        const modules = [...new Set([v.from, ...v.cycle.map((step) => step.name)])].sort();
        cycles.set(modules.join(" + "), `cycle: ${v.from} > ${v.cycle.map((step) => step.name).join(" > ")}`);
      } else {
        problems.push(`${v.rule.name}: ${v.from} → ${v.to}`);
      }
    }
    problems.push(...cycles.values());
    expect(problems).toEqual([]);
  });
});
