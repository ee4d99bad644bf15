// The GENIUS importer on the ANAC 2010–2016 domains (read in place at ../shared/data/genius/anac,
// never copied into the project). Every folder is either imported into a valid scenario whose
// utilities agree with an independent reading of the GENIUS files, or refused for a legitimate
// reason. Skipped, saying so, when the data is absent.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { utility } from "../../shared/analysis/utility.ts";
import {
  anacYear,
  classifyGeniusFiles,
  importGenius,
  scenarioToYaml,
  type GeniusImportResult,
} from "../../shared/scenario/genius.ts";
import { Scenario } from "../../shared/scenario/schema.ts";
import { anacDir, readGeniusFolder } from "./files.ts";
import { referenceDomain, referenceProfile, referenceUtility } from "./reference.ts";

const present = existsSync(anacDir);
if (!present) console.log(`GENIUS ANAC data not found at ${anacDir}: the ANAC import tests are skipped.`);

/** `y2012/CarA` and so on, in order. */
const folders = present
  ? readdirSync(anacDir)
      .filter((y) => /^y\d{4}$/.test(y))
      .sort()
      .flatMap((y) =>
        readdirSync(join(anacDir, y), { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => `${y}/${e.name}`)
          .sort((a, b) => a.localeCompare(b, "en", { numeric: true })),
      )
  : [];

/** Refusals that are the data's, not the importer's: what our linear additive model cannot hold. */
const LEGITIMATE = new Set(["non-discrete", "nonlinear", "weights-sum"]);
/** Domains known to be outside the model (integer issues, or nonlinear utility). */
const KNOWN_NONLINEAR = /^y2014\//;
const KNOWN_INTEGER = ["y2015/group9-killer_robot", "y2015/group9-vacation", "y2016/AgentHp2", "y2016/Grandma", "y2016/YXAgent"];

interface Outcome {
  folder: string;
  result: GeniusImportResult;
  /** For weight-sum refusals: the import with `normalizeWeights`. */
  rescaled?: GeniusImportResult;
  parties: number;
  checkedBids: number;
}
const outcomes: Outcome[] = [];

/** A small seeded generator, so that the sampled bids are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Compares `utility()` on the imported profiles with GENIUS's formula applied to the raw files by
 * the independent reader, on every package of small domains and on sampled packages of large ones.
 */
function checkAgainstReference(folder: string, scenario: Scenario, rescale: boolean): number {
  const sorted = classifyGeniusFiles(readGeniusFolder(join(anacDir, folder)));
  const domain = referenceDomain(sorted.domain!.xml);
  const profiles = sorted.profiles.map((p) => referenceProfile(p.xml));
  expect(domain.map((i) => i.name.trim())).toEqual(scenario.issues.map((i) => i.title));
  expect(domain.map((i) => i.values.map((v) => v.trim()))).toEqual(scenario.issues.map((i) => i.options.map((o) => o.label)));
  const size = scenario.issues.reduce((n, i) => n * i.options.length, 1);
  const random = lcg(folder.length * 7919 + size);
  const count = Math.min(size, 400);
  for (let k = 0; k < count; k++) {
    // Every package in order when the space is small, random ones otherwise.
    let rest = k;
    const picks = scenario.issues.map((issue) => {
      const n = issue.options.length;
      if (size > count) return Math.floor(random() * n);
      const o = rest % n;
      rest = Math.floor(rest / n);
      return o;
    });
    const pkg: Record<string, string> = {};
    const bid = new Map<string, string>();
    scenario.issues.forEach((issue, i) => {
      pkg[issue.id] = issue.options[picks[i]!]!.id;
      bid.set(domain[i]!.index, domain[i]!.values[picks[i]!]!);
    });
    scenario.delegations.forEach((d, p) => {
      const expected = referenceUtility(domain, profiles[p]!, bid, rescale);
      expect(Math.abs(utility(d.profile, pkg) - expected), `${folder} ${d.id} ${JSON.stringify(pkg)}`).toBeLessThan(1e-9);
    });
  }
  scenario.delegations.forEach((d, p) => {
    expect(d.profile.reservationValue).toBe(profiles[p]!.reservation);
  });
  return count;
}

function checkScenario(folder: string, result: GeniusImportResult, rescale: boolean): { parties: number; bids: number } {
  if (!result.ok) throw new Error(result.error);
  const scenario = Scenario.parse(result.scenario);
  for (const d of scenario.delegations) {
    const sum = Object.values(d.profile.weights).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 1), `${folder} ${d.id} weights`).toBeLessThanOrEqual(1e-6);
    for (const issue of scenario.issues) {
      expect(d.profile.weights[issue.id]).toBeGreaterThanOrEqual(0);
      for (const option of issue.options) {
        const v = d.profile.values[issue.id]![option.id]!;
        expect(v >= 0 && v <= 1, `${folder} ${d.id} ${issue.id}.${option.id} = ${v}`).toBe(true);
      }
    }
  }
  expect(scenario.protocol).toBe(scenario.delegations.length > 2 ? "multilateral" : "alternating");
  expect(scenario.year).toBe(anacYear(folder));
  expect(parse(scenarioToYaml(result.scenario))).toEqual(result.scenario);
  return { parties: scenario.delegations.length, bids: checkAgainstReference(folder, scenario, rescale) };
}

describe.skipIf(!present)("the ANAC 2010–2016 GENIUS domains", () => {
  it("finds the 143 domain folders", () => {
    expect(folders).toHaveLength(143);
  });

  it.each(folders)("%s: imported, or refused for a legitimate reason", (folder) => {
    const files = readGeniusFolder(join(anacDir, folder));
    const sorted = classifyGeniusFiles(files);
    expect(sorted.error, folder).toBeUndefined();
    expect(sorted.profiles.length, folder).toBeGreaterThanOrEqual(2);
    for (const s of sorted.skipped) expect(s.name, `${folder}: skipped ${s.name} (${s.reason})`).toBe("pareto.xml");
    const opts = { year: anacYear(folder), title: folder.split("/")[1]! };
    const result = importGenius(sorted.domain!, sorted.profiles, opts);
    const outcome: Outcome = { folder, result, parties: sorted.profiles.length, checkedBids: 0 };
    outcomes.push(outcome);
    if (result.ok) {
      outcome.checkedBids = checkScenario(folder, result, false).bids;
      return;
    }
    expect(result.error).not.toContain("\n");
    expect(result.file, result.error).not.toBeNull();
    expect(LEGITIMATE.has(result.reason), result.error).toBe(true);
    if (KNOWN_NONLINEAR.test(folder)) expect(result.reason, result.error).toBe("nonlinear");
    if (KNOWN_INTEGER.includes(folder)) expect(result.reason, result.error).toBe("non-discrete");
    if (result.reason === "weights-sum") {
      // Linear additive domains whose weights are off: they import once rescaling is asked for.
      outcome.rescaled = importGenius(sorted.domain!, sorted.profiles, { ...opts, normalizeWeights: true });
      outcome.checkedBids = checkScenario(folder, outcome.rescaled, true).bids;
    }
  });

  it("GENIUS's pareto.xml files belong to nonlinear domains only, so they cannot check the import", () => {
    const withPareto = folders.filter((f) => existsSync(join(anacDir, f, "pareto.xml")));
    for (const folder of withPareto) {
      // Not XML: one line "u1, u2" per frontier point, without the bids themselves.
      const lines = readFileSync(join(anacDir, folder, "pareto.xml"), "utf8").split("\n").filter((l) => l.trim() !== "");
      for (const line of lines) {
        const us = line.split(",").map(Number);
        expect(us.length).toBe(2);
        for (const u of us) expect(u >= 0 && u <= 1).toBe(true);
      }
      const outcome = outcomes.find((o) => o.folder === folder);
      expect(outcome && !outcome.result.ok && outcome.result.reason, folder).toBe("nonlinear");
    }
    console.log(
      `${withPareto.length} folders carry GENIUS's pareto.xml (utility pairs without bids): ${withPareto.join(", ")}; ` +
        "all nonlinear, hence refused: the import is checked instead against an independent reading of the XML files.",
    );
  });

  it("summary", () => {
    expect(outcomes).toHaveLength(folders.length);
    const imported = outcomes.filter((o) => o.result.ok);
    const refused = (reason: string) =>
      outcomes.filter((o) => !o.result.ok && o.result.reason === reason).map((o) => o.folder);
    const integer = refused("non-discrete");
    const nonlinear = refused("nonlinear");
    const weights = refused("weights-sum");
    const multi = imported.filter((o) => o.parties > 2);
    const bids = outcomes.reduce((n, o) => n + o.checkedBids * o.parties, 0);
    console.log(
      [
        `${imported.length} of ${folders.length} ANAC domains imported (${multi.length} of them with 3 or more parties); ` +
          `refused: ${integer.length} with integer issues, ${nonlinear.length} nonlinear, ${weights.length} whose weights do not sum to 1.`,
        `  integer issues: ${integer.join(", ")}`,
        `  nonlinear: ${nonlinear.join(", ")}`,
        `  weights not summing to 1 (all ${weights.length} import with normalizeWeights): ${weights
          .map((f) => {
            const o = outcomes.find((x) => x.folder === f)!;
            return o.result.ok ? f : `${f} [${o.result.error.split(": ")[0]}]`;
          })
          .join(", ")}`,
        `  ${bids} utilities checked against the independent reading of the GENIUS files.`,
      ].join("\n"),
    );
    expect(imported.length + integer.length + nonlinear.length + weights.length).toBe(folders.length);
    expect(weights.every((f) => outcomes.find((o) => o.folder === f)!.rescaled?.ok)).toBe(true);
  });
});
