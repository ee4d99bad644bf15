// Every linear ANAC domain goes through the command line as a user runs it
// (`accord genius import`, then `accord scenario analyze --json`), and the printed frontier and
// Nash point are checked against a brute-force computation over every package, with utilities
// taken from the independent reading of the GENIUS files in reference.ts. Skipped, saying so,
// when the ANAC data is absent.
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../server/cli/main.ts";
import { classifyGeniusFiles } from "../../shared/scenario/genius.ts";
import { anacDir, readGeniusFolder } from "./files.ts";
import { referenceDomain, referenceProfile, referenceUtility } from "./reference.ts";

const present = existsSync(anacDir);
if (!present) console.log(`GENIUS ANAC data not found at ${anacDir}: the ANAC analysis tests are skipped.`);

const folders = present
  ? readdirSync(anacDir)
      .filter((y) => /^y\d{4}$/.test(y))
      .sort()
      .flatMap((y) => readdirSync(join(anacDir, y)).sort().map((f) => `${y}/${f}`))
  : [];

async function accord(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "accord", ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

interface Brute {
  frontier: number[][];
  nash: { utilities: number[]; product: number } | null;
}

const EPS = 1e-9;

/** Every package's utilities from the reference reader, then a plain sort-and-filter frontier and an argmax Nash. */
function bruteForce(folder: string, rescale: boolean, withFrontier: boolean): Brute {
  const sorted = classifyGeniusFiles(readGeniusFolder(join(anacDir, folder)));
  const domain = referenceDomain(sorted.domain!.xml);
  const profiles = sorted.profiles.map((p) => referenceProfile(p.xml));
  // GENIUS utility is additive: a bid's utility is the all-first-values bid's plus, per issue, what
  // changing that one issue's value adds. Both come from GENIUS's formula on whole bids.
  const contribution = profiles.map((profile) =>
    domain.map((issue) =>
      issue.values.map((value) => {
        const bid = new Map(domain.map((i) => [i.index, i === issue ? value : i.values[0]!]));
        const base = new Map(domain.map((i) => [i.index, i.values[0]!]));
        return referenceUtility(domain, profile, bid, rescale) - referenceUtility(domain, profile, base, rescale);
      }),
    ),
  );
  // Utility of the all-first-values bid, to which the per-issue differences are added.
  const origin = profiles.map((profile) => referenceUtility(domain, profile, new Map(domain.map((i) => [i.index, i.values[0]!])), rescale));
  const reservation = profiles.map((p) => p.reservation);
  const parties = profiles.length;
  const points: number[][] = [];
  let nash: Brute["nash"] = null;
  const digits = domain.map(() => 0);
  for (;;) {
    const u = origin.map((o, p) => digits.reduce((sum, d, i) => sum + contribution[p]![i]![d]!, o));
    if (withFrontier) points.push(u);
    if (u.every((x, p) => x >= reservation[p]! - EPS)) {
      const product = u.reduce((acc, x, p) => acc * (x - reservation[p]!), 1);
      if (!nash || product > nash.product + EPS) nash = { utilities: u, product };
    }
    let i = domain.length - 1;
    while (i >= 0 && ++digits[i]! === domain[i]!.values.length) digits[i--] = 0;
    if (i < 0) break;
  }
  const frontier: number[][] = [];
  if (withFrontier) {
    // Lexicographically descending; a point is on the frontier unless an earlier kept point dominates it.
    points.sort((a, b) => {
      for (let p = 0; p < parties; p++) if (Math.abs(a[p]! - b[p]!) > EPS) return b[p]! - a[p]!;
      return 0;
    });
    for (const u of points) {
      const dominated = frontier.some((f) => f.every((x, p) => x >= u[p]! - EPS));
      if (!dominated) frontier.push(u);
    }
  }
  return { frontier, nash };
}

/** The largest spaces where the quadratic frontier filter above stays quick. */
const FRONTIER_LIMIT = 400_000;

describe.skipIf(!present)("ANAC domains through `accord genius import` and `accord scenario analyze --json`", () => {
  const imported: string[] = [];
  const refused: string[] = [];

  it.each(folders)("%s", async (folder) => {
    const sorted = classifyGeniusFiles(readGeniusFolder(join(anacDir, folder)));
    expect(sorted.domain, `${folder}: no domain file found`).not.toBeNull();
    const paths = [sorted.domain!, ...sorted.profiles].map((f) => join(anacDir, folder, f.name));
    const out = join(mkdtempSync(join(tmpdir(), "accord-anac-")), "scenario");
    let run = await accord("genius", "import", "--out", out, ...paths);
    let rescale = false;
    if (run.code !== 0 && /weights sum to/.test(run.err)) {
      rescale = true;
      run = await accord("genius", "import", "--normalize-weights", "--out", out, ...paths);
    }
    if (run.code !== 0) {
      // Only what the linear additive model cannot hold may be refused, in one line.
      expect(run.err.split("\n")).toHaveLength(1);
      expect(run.err).toMatch(/of type integer|nonlinear|not linear/i);
      refused.push(`${folder} (${run.err.replace(/^[^:]*: /, "")})`);
      return;
    }
    imported.push(folder + (rescale ? " (weights rescaled)" : ""));
    const analyzed = await accord("scenario", "analyze", out, "--json");
    expect(analyzed.code, analyzed.err).toBe(0);
    const analysis = JSON.parse(analyzed.out) as { outcomes: number; pareto: number[][]; nash: { utilities: number[] } | null };
    const withFrontier = analysis.outcomes <= FRONTIER_LIMIT && (sorted.profiles.length === 2 || analysis.outcomes <= 40_000);
    const brute = bruteForce(folder, rescale, withFrontier);
    if (withFrontier) {
      expect(analysis.pareto.length, `${folder}: frontier size`).toBe(brute.frontier.length);
      analysis.pareto.forEach((u, k) => u.forEach((x, p) => expect(x).toBeCloseTo(brute.frontier[k]![p]!, 9)));
    }
    if (brute.nash === null) expect(analysis.nash).toBeNull();
    else {
      const reservation = sorted.profiles.map((f) => referenceProfile(f.xml).reservation);
      const product = (u: number[]) => u.reduce((acc, x, p) => acc * (x - reservation[p]!), 1);
      // Ties may pick a different package; the Nash product must be the maximum.
      expect(product(analysis.nash!.utilities)).toBeCloseTo(brute.nash.product, 9);
    }
  });

  it("summary", () => {
    console.log(
      `ANAC: ${imported.length} of ${folders.length} domains imported and analysed` +
        ` (${imported.filter((f) => f.includes("rescaled")).length} with --normalize-weights); ${refused.length} refused:\n  ` +
        refused.join("\n  "),
    );
    expect(imported.length + refused.length).toBe(folders.length);
  });
});
