// The importer's own small GENIUS inputs, written by code at test time instead of kept as XML
// files: a two-issue trade (a domain, a buyer, a seller written in another order, GENIUS's
// pareto.xml output), a three-party summit, and one broken input per refusal the importer knows.
// Real domains are the ANAC ones, read in place from ../shared/data/genius (see files.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GeniusFile } from "../../shared/scenario/genius.ts";

interface Item {
  value: string;
  evaluation?: number;
}
interface Issue {
  index: number;
  name: string;
  items: Item[];
}
interface Weight {
  index: number;
  value: number;
}

const attrs = (a: Record<string, string | number | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join("");

/** An issue; domains name its type three ways (`vtype` too), as GENIUS's own domain files do. */
function issueXml(issue: Issue, vtype?: "discrete"): string {
  const items = issue.items.map((it, i) => `<item${attrs({ index: i + 1, value: it.value, evaluation: it.evaluation })}></item>`);
  return [`<issue${attrs({ index: issue.index, name: issue.name, vtype, type: "discrete", etype: "discrete" })}>`, ...items, "</issue>"].join("\n");
}

const weightXml = (w: Weight) => `<weight${attrs({ index: w.index, value: w.value })}></weight>`;
const objectiveOpen = (name: string) => `<objective${attrs({ index: 0, name, type: "objective", etype: "objective" })}>`;

/** A GENIUS domain: the issues and their options, no evaluations. */
function domainXml(objective: string, issues: Issue[], extraIssues = ""): string {
  const bare = issues.map((i) => ({ ...i, items: i.items.map((it) => ({ value: it.value })) }));
  return [
    "<negotiation_template>",
    `<utility_space${attrs({ number_of_issues: issues.length + (extraIssues ? 1 : 0) })}>`,
    objectiveOpen(objective),
    ...bare.map((i) => issueXml(i, "discrete")),
    ...(extraIssues ? [extraIssues] : []),
    "</objective>",
    "</utility_space>",
    "</negotiation_template>",
  ].join("\n");
}

/** A GENIUS linear-additive profile; `weightsFirst` lists the weights before the issues, as some files do. */
function profileXml(
  objective: string,
  issues: Issue[],
  weights: Weight[],
  options: { weightsFirst?: boolean; discount?: number; reservation?: number; type?: string } = {},
): string {
  const body = options.weightsFirst ? [...weights.map(weightXml), ...issues.map((i) => issueXml(i))] : [...issues.map((i) => issueXml(i)), ...weights.map(weightXml)];
  return [
    `<utility_space${attrs({ type: options.type })}>`,
    objectiveOpen(objective),
    ...body,
    "</objective>",
    ...(options.discount !== undefined ? [`<discount_factor value="${options.discount}"></discount_factor>`] : []),
    ...(options.reservation !== undefined ? [`<reservation value="${options.reservation}"></reservation>`] : []),
    "</utility_space>",
  ].join("\n");
}

const price = (e: (number | undefined)[] = []): Issue => ({
  index: 1,
  name: "Price (€)",
  items: ["low", "medium", "high", "premium"].map((value, i) => ({ value, evaluation: e[i] })),
});
const delivery = (e: number[] = []): Issue => ({
  index: 2,
  name: "Delivery time",
  items: ["1 week", "2 weeks", "a month"].map((value, i) => ({ value, evaluation: e[i] })),
});
const grade = (e: number[] = []): Issue => ({ index: 1, name: "Grade", items: ["A+", "A-", "B"].map((value, i) => ({ value, evaluation: e[i] })) });
const venue = (e: number[] = []): Issue => ({ index: 2, name: "Venue", items: ["Dhaka", "Geneva"].map((value, i) => ({ value, evaluation: e[i] })) });
const halves: Weight[] = [
  { index: 1, value: 0.5 },
  { index: 2, value: 0.5 },
];
/** A hyper-rectangle utility (a non-linear GENIUS profile), which the importer refuses. */
const hyperRectangle = '<utility maxutility="10">\n<ufun type="PlainUfun" weight="1" aggregation="sum">\n<hyperRectangle utility="10">\n<INCLUDES index="1" min="1" max="2"/>\n</hyperRectangle>\n</ufun>\n</utility>';

const seller: Issue[] = [
  { index: 2, name: "Delivery time", items: [{ value: "a month", evaluation: 6 }, { value: "1 week", evaluation: 0 }, { value: "2 weeks", evaluation: 3 }] },
  price([1, 2, 3, 4]),
];

const FIXTURES: Record<string, string> = {
  "basic/trade_domain.xml": domainXml("Trade", [price(), delivery()]),
  "basic/buyer.xml": profileXml("Trade", [price([4, 3, 2, 1]), delivery([10, 5, 0])], [{ index: 1, value: 0.6 }, { index: 2, value: 0.4 }], { discount: 0.8, reservation: 0.25 }),
  // Weights first, in reverse order, items out of order: the importer matches by name, not position.
  "basic/seller.xml": profileXml("Trade", seller, [{ index: 2, value: 0.7 }, { index: 1, value: 0.3 }], { weightsFirst: true }),
  "basic/pareto.xml": "0.15, 1.0\n0.65, 0.5\n1.0, 0.0\n",
  "three/summit.xml": domainXml("Summit", [grade(), venue()]),
  "three/alpha.xml": profileXml("Summit", [grade([3, 2, 1]), venue([1, 2])], halves, { reservation: 0.1 }),
  "three/beta.xml": profileXml("Summit", [grade([1, 2, 4]), venue([5, 1])], [{ index: 1, value: 0.25 }, { index: 2, value: 0.75 }], { reservation: 0.2 }),
  "three/gamma.xml": profileXml("Summit", [grade([2, 2, 1]), venue([0, 0])], [{ index: 1, value: 0.9 }, { index: 2, value: 0.1 }], { reservation: 0.3 }),
  "bad/integer_domain.xml": domainXml(
    "Trade",
    [{ index: 1, name: "Price (€)", items: [{ value: "low" }, { value: "high" }] }],
    '<issue index="2" name="Quantity" type="integer" vtype="integer" etype="integer" lowerbound="1" upperbound="10"/>',
  ),
  "bad/hyper.xml": `<utility_space>\n${objectiveOpen("Trade")}\n${hyperRectangle}\n</objective>\n</utility_space>`,
  "bad/nonlinear.xml": `<utility_space type="nonlinear">\n${objectiveOpen("Trade")}\n${issueXml(price())}\n${hyperRectangle}\n</objective>\n</utility_space>`,
  "bad/malformed.xml": `<utility_space>\n${objectiveOpen("Trade")}\n<issue index="1" name="Price (€)" type="discrete" etype="discrete">\n<item index="1" value="low" evaluation="4">\n</issue>\n</objective>\n</utility_space>`,
  "bad/not_genius.xml": '<project name="something else">\n<item value="low"/>\n</project>',
  "bad/no_weights.xml": profileXml("Trade", [price([4, 3, 2, 1]), delivery([10, 5, 0])], [], { reservation: 0 }),
  "bad/mismatch.xml": profileXml(
    "Trade",
    [price([4, 3, 2, 1]), { index: 2, name: "Warranty", items: [{ value: "1 year", evaluation: 1 }, { value: "2 years", evaluation: 2 }] }],
    halves,
  ),
  "bad/missing_evaluation.xml": profileXml("Trade", [price([4, 3, undefined, 1]), delivery([10, 5, 0])], halves),
  "bad/unknown_value.xml": profileXml(
    "Trade",
    [price([4, 3, 2, 1]), { ...delivery([10, 5, 0]), items: [...delivery([10, 5, 0]).items, { value: "next day", evaluation: 20 }] }],
    halves,
  ),
  "bad/weights_sum.xml": profileXml("Trade", [price([4, 3, 2, 1]), delivery([10, 5, 0])], [{ index: 1, value: 0.5 }, { index: 2, value: 0.4 }]),
};

/** A fixture by its path, e.g. `basic/buyer.xml`. */
export function fixture(path: string): GeniusFile {
  const xml = FIXTURES[path];
  if (xml === undefined) throw new Error(`no GENIUS fixture '${path}'`);
  return { name: path.split("/").pop()!, xml };
}

/** The fixtures of a folder (`basic`, `three`), in natural name order, as readGeniusFolder gives them. */
export function fixtureFolder(folder: string): GeniusFile[] {
  return Object.keys(FIXTURES)
    .filter((p) => p.startsWith(`${folder}/`))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
    .map(fixture);
}

/** Write a folder's fixtures under `dir` (for the CLI, which reads files); returns the folder written. */
export function writeFixtureFolder(folder: string, dir: string): string {
  const out = join(dir, folder);
  mkdirSync(out, { recursive: true });
  for (const f of fixtureFolder(folder)) writeFileSync(join(out, f.name), f.xml);
  return out;
}
