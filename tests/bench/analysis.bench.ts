// Timing the analysis on 3-party spaces of 1,000,000 packages (6 issues × 10 options), seeded.
// - random: random weights and values (most options are dominated within their issue);
// - trade-off: parties 0 and 1 rank every issue's options in opposite orders, so no option is dominated;
// - constant-sum: every issue splits a fixed value three ways, so all 1,000,000 packages are on the
//   frontier — the worst case: the output alone is a million points.
import { pathToFileURL } from "node:url";
import type { Issue } from "../../shared/scenario/schema.ts";
import { outcomeSpace, type Party, type OutcomeSpace } from "../../shared/analysis/utility.ts";
import {
  bargainingPoints,
  bestFor,
  dealAnalysis,
  kalaiSmorodinsky,
  maxWelfare,
  nashPoint,
  packageAt,
  paretoFrontier,
  scenarioStats,
  utilities,
  zoneOfAgreement,
} from "../../shared/analysis/index.ts";

const ISSUES = 6;
const OPTIONS = 10;
const PARTIES = 3;

/** mulberry32: a small seeded generator, so every run measures the same space. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function benchSpace(seed: number, kind: "random" | "trade-off" | "constant-sum"): OutcomeSpace {
  const random = rng(seed);
  const issues: Issue[] = Array.from({ length: ISSUES }, (_, i) => ({
    id: `issue${i}`,
    title: `Issue ${i}`,
    description: "",
    options: Array.from({ length: OPTIONS }, (_, o) => ({ id: `o${o}`, label: `Option ${o}`, description: "" })),
  }));
  // Constant-sum: a random three-way split of each option, the same for every party's weights.
  const split = issues.map((issue) =>
    issue.options.map(() => {
      const parts = Array.from({ length: PARTIES }, () => random());
      const total = parts.reduce((a, b) => a + b, 0);
      return parts.map((x) => x / total);
    }),
  );
  const parties: Party[] = Array.from({ length: PARTIES }, (_, p) => {
    const raw = issues.map(() => (kind === "constant-sum" ? 1 : random() + 0.05));
    const total = raw.reduce((a, b) => a + b, 0);
    return {
      id: `party${p}`,
      profile: {
        weights: Object.fromEntries(issues.map((issue, i) => [issue.id, raw[i]! / total])),
        values: Object.fromEntries(
          issues.map((issue, i) => [
            issue.id,
            Object.fromEntries(
              issue.options.map((option, o) => {
                const t = o / (OPTIONS - 1);
                if (kind === "constant-sum") return [option.id, split[i]![o]![p]!];
                if (kind === "trade-off" && p < 2) return [option.id, p === 0 ? t : 1 - t];
                return [option.id, random()];
              }),
            ),
          ]),
        ),
        reservationValue: 0.3 + 0.2 * random(),
        redLines: [],
      },
    };
  });
  return outcomeSpace(issues, parties);
}

/** Wall time (performance.now) and this process's CPU time: the latter stays honest on a busy machine. */
function time<T>(label: string, f: () => T): T {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = f();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(`  ${label.padEnd(30)} ${wall.toFixed(1).padStart(8)} ms  (cpu ${cpuMs.toFixed(0).padStart(5)} ms)`);
  return result;
}

function benchOne(name: string, space: OutcomeSpace): void {
  console.log(`${name}: ${space.size.toLocaleString("en")} packages, ${space.partyIds.length} parties`);
  const table = time("utilities (table)", () => utilities(space));
  const frontier = time("pareto frontier", () => paretoFrontier(space));
  time("nash", () => nashPoint(space));
  time("kalai-smorodinsky", () => kalaiSmorodinsky(space));
  time("max welfare", () => maxWelfare(space));
  time("bargaining points (one pass)", () => bargainingPoints(space));
  time("best for party 0", () => bestFor(space, 0));
  time("zone of agreement", () => zoneOfAgreement(space, [true, true, true], 3));
  const stats = time("scenarioStats (all)", () => scenarioStats(space));
  time("dealAnalysis (with stats)", () => dealAnalysis(space, packageAt(space, 123_456), stats));
  const merged = stats.pareto.multiplicity.reduce((a, b) => a + b, 0);
  console.log(`  frontier size ${frontier.size} (${merged} packages), table ${table.size} rows, nash index ${stats.nash?.index ?? "none"}`);
}

export async function run(): Promise<void> {
  for (const kind of ["random", "trade-off", "constant-sum"] as const) benchOne(kind, benchSpace(42, kind));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
