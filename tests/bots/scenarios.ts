// Scenarios for the bot tests and the benchmark: the fixtures, variants built in code, and a few
// GENIUS domains imported in place from the team's data folder (never copied into the project).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "../../shared/rules/rng.ts";
import { importGeniusFiles } from "../../shared/scenario/genius.ts";
import { Scenario, type ScenarioInput } from "../../shared/scenario/schema.ts";
import { fixture, geniusDir } from "../helpers/fixtures.ts";

export const bilateral = fixture("bilateral-test");
export const multilateral = fixture("multilateral-test");

/** The bilateral fixture with a 30-round deadline (the benchmark's bilateral case). */
export const bilateral30: Scenario = { ...bilateral, deadline: { ...bilateral.deadline, rounds: 30 } };

/** A multilateral negotiation built in code: `parties` delegations, random linear profiles, the first three required. */
export function syntheticMultilateral(parties = 5, issues = 4, options = 4, seed = 1, rounds = 10): Scenario {
  const random = seededRandom(seed);
  const issueList = Array.from({ length: issues }, (_, i) => ({
    id: `issue-${i + 1}`,
    title: `Issue ${i + 1}`,
    options: Array.from({ length: options }, (_, o) => ({ id: `o${o + 1}`, label: `Option ${o + 1}` })),
  }));
  const delegations = Array.from({ length: parties }, (_, p) => {
    const raw = issueList.map(() => 0.2 + random());
    const sum = raw.reduce((a, b) => a + b, 0);
    const weights = Object.fromEntries(issueList.map((issue, i) => [issue.id, raw[i]! / sum]));
    // Weights that sum to exactly 1 after rounding: the last takes the remainder.
    const ids = issueList.map((i) => i.id);
    const rounded = ids.slice(0, -1).map((id) => Math.round(weights[id]! * 1e6) / 1e6);
    rounded.push(Math.round((1 - rounded.reduce((a, b) => a + b, 0)) * 1e6) / 1e6);
    const values = Object.fromEntries(
      issueList.map((issue) => {
        const best = Math.floor(random() * options);
        return [issue.id, Object.fromEntries(issue.options.map((o, k) => [o.id, k === best ? 1 : Math.round(random() * 100) / 100]))];
      }),
    );
    return {
      id: `party-${p + 1}`,
      name: `Party ${p + 1}`,
      publicBrief: `Party ${p + 1} of a synthetic negotiation.`,
      privateBrief: `Secret brief of party ${p + 1}: its priorities are its own.`,
      required: p < 3,
      profile: {
        weights: Object.fromEntries(ids.map((id, i) => [id, rounded[i]!])),
        values,
        reservationValue: 0.3,
      },
    };
  });
  const input: ScenarioInput = {
    id: `synthetic-${parties}`,
    title: `Synthetic ${parties}-party negotiation`,
    year: 2024,
    summary: "Built in code for tests and benchmarks.",
    protocol: "multilateral",
    deadline: { rounds },
    delegations,
    issues: issueList,
    agreement: { quorum: parties - 1 },
  };
  return Scenario.parse(input);
}

/**
 * Two delegations whose best packages differ, and each one's best is still worth more than the
 * other's reservation value: a deal is there to be had, and only stubbornness prevents it.
 */
export const opposedBests: Scenario = Scenario.parse({
  id: "opposed-bests",
  title: "Opposed bests (test)",
  year: 2024,
  summary: "Each side prefers a different text, and either text beats walking away for both.",
  protocol: "alternating",
  deadline: { rounds: 10 },
  delegations: [
    {
      id: "east",
      name: "East",
      publicBrief: "East wants the first text.",
      privateBrief: "East's secret: the first text matters most.",
      profile: { weights: { text: 1 }, values: { text: { first: 1, middle: 0.5, last: 0.4 } }, reservationValue: 0.3 },
    },
    {
      id: "west",
      name: "West",
      publicBrief: "West wants the last text.",
      privateBrief: "West's secret: the last text matters most.",
      profile: { weights: { text: 1 }, values: { text: { first: 0.4, middle: 0.5, last: 1 } }, reservationValue: 0.3 },
    },
  ],
  issues: [
    {
      id: "text",
      title: "Text",
      options: [
        { id: "first", label: "First text" },
        { id: "middle", label: "Middle text" },
        { id: "last", label: "Last text" },
      ],
    },
  ],
});

/** A few ANAC domains of different shapes: two small bilateral, one large bilateral, two multilateral. */
export const GENIUS_SAMPLE = ["y2011/Grocery", "y2012/CarA", "y2013/Kitchen", "y2015/group2-dinner", "y2016/Maxoops"];

/** The sample GENIUS domains as scenarios, or null (with the reason) when the data folder is absent. */
export function geniusScenarios(rounds?: number): { scenarios: Scenario[]; missing: string | null } {
  const root = existsSync(join(geniusDir, "anac")) ? join(geniusDir, "anac") : null;
  if (root === null) return { scenarios: [], missing: `GENIUS data not found at ${join(geniusDir, "anac")}` };
  const scenarios: Scenario[] = [];
  for (const name of GENIUS_SAMPLE) {
    const dir = join(root, name);
    if (!existsSync(dir)) return { scenarios: [], missing: `GENIUS domain ${dir} not found` };
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".xml"))
      .sort()
      .map((f) => ({ name: f, xml: readFileSync(join(dir, f), "utf8") }));
    const imported = importGeniusFiles(files, { normalizeWeights: true, ...(rounds !== undefined ? { rounds } : {}) });
    if (!imported.ok) throw new Error(`${name}: ${imported.error}`);
    scenarios.push(Scenario.parse(imported.scenario));
  }
  return { scenarios, missing: null };
}
