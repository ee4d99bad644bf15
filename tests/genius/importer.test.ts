// The GENIUS importer on hand-written fixtures: utilities computed by hand, ids, order, the
// scenario's shape, and one clear line for each refusal.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { utility } from "../../shared/analysis/utility.ts";
import {
  anacYear,
  classifyGeniusFiles,
  importGenius,
  importGeniusFiles,
  sanitizeId,
  scenarioToYaml,
  type GeniusFile,
  type GeniusImportOptions,
  type GeniusImportResult,
} from "../../shared/scenario/genius.ts";
import { Scenario } from "../../shared/scenario/schema.ts";
import { fixture, fixtureFolder } from "./fixtures.ts";

const domain = fixture("basic/trade_domain.xml");
const buyer = fixture("basic/buyer.xml");
const seller = fixture("basic/seller.xml");

function imported(result: GeniusImportResult): Scenario {
  if (!result.ok) throw new Error(`expected an import, got: ${result.error}`);
  return Scenario.parse(result.scenario);
}

function refusal(result: GeniusImportResult): { error: string; reason: string; file: string | null } {
  if (result.ok) throw new Error("expected a refusal, got a scenario");
  expect(result.error).not.toContain("\n");
  return result;
}

function importWith(profile: GeniusFile, opts?: GeniusImportOptions): GeniusImportResult {
  return importGenius(domain, [buyer, profile], opts);
}

describe("a two-party GENIUS domain", () => {
  const result = importGenius(domain, [buyer, seller], { year: 2012 });
  const scenario = imported(result);
  const [b, s] = scenario.delegations;

  it("passes the schema and is bilateral", () => {
    expect(scenario.protocol).toBe("alternating");
    expect(scenario.deadline.rounds).toBe(30);
    expect(scenario.year).toBe(2012);
    expect(scenario.id).toBe("trade");
    expect(scenario.title).toBe("trade (GENIUS domain)");
    expect(scenario.agreement).toEqual({ required: [] });
  });

  it("names the delegations after the profile files, in the order given", () => {
    expect(scenario.delegations.map((d) => [d.id, d.name])).toEqual([
      ["buyer", "buyer"],
      ["seller", "seller"],
    ]);
    const reversed = imported(importGenius(domain, [seller, buyer]));
    expect(reversed.delegations.map((d) => d.id)).toEqual(["seller", "buyer"]);
  });

  it("keeps the domain's issues and options, with sanitised ids and the original text as titles and labels", () => {
    expect(scenario.issues.map((i) => [i.id, i.title])).toEqual([
      ["Price", "Price (€)"],
      ["Delivery-time", "Delivery time"],
    ]);
    expect(scenario.issues[1]!.options.map((o) => [o.id, o.label])).toEqual([
      ["1-week", "1 week"],
      ["2-weeks", "2 weeks"],
      ["a-month", "a month"],
    ]);
  });

  it("divides each evaluation by the issue's highest evaluation and keeps the weights as written", () => {
    expect(b!.profile.weights).toEqual({ Price: 0.6, "Delivery-time": 0.4 });
    expect(b!.profile.values).toEqual({
      Price: { low: 1, medium: 0.75, high: 0.5, premium: 0.25 },
      "Delivery-time": { "1-week": 1, "2-weeks": 0.5, "a-month": 0 },
    });
    // The seller's file lists weights first and issues in reverse order: matched by index.
    expect(s!.profile.weights).toEqual({ Price: 0.3, "Delivery-time": 0.7 });
    expect(s!.profile.values).toEqual({
      Price: { low: 0.25, medium: 0.5, high: 0.75, premium: 1 },
      "Delivery-time": { "1-week": 0, "2-weeks": 0.5, "a-month": 1 },
    });
  });

  it("gives the utilities computed by hand", () => {
    const pkg = { Price: "medium", "Delivery-time": "2-weeks" };
    expect(utility(b!.profile, pkg)).toBeCloseTo(0.6 * 0.75 + 0.4 * 0.5, 12); // 0.65
    expect(utility(s!.profile, pkg)).toBeCloseTo(0.3 * 0.5 + 0.7 * 0.5, 12); // 0.5
    const sellerBest = { Price: "premium", "Delivery-time": "a-month" };
    expect(utility(b!.profile, sellerBest)).toBeCloseTo(0.15, 12);
    expect(utility(s!.profile, sellerBest)).toBeCloseTo(1, 12);
  });

  it("reads the reservation value, 0 when absent", () => {
    expect(b!.profile.reservationValue).toBe(0.25);
    expect(s!.profile.reservationValue).toBe(0);
  });

  it("says it is an imported GENIUS domain, and that the discount factor is not modelled", () => {
    for (const d of scenario.delegations) {
      expect(d.publicBrief).toMatch(/GENIUS/);
      expect(d.privateBrief).toContain(`${d.name}.xml`);
    }
    expect(b!.privateBrief).toMatch(/Price \(€\) \(weight 0\.6, best for you: low\)/);
    expect(b!.privateBrief).toMatch(/worth 0\.25/);
    expect(scenario.summary).toMatch(/GENIUS negotiation domain trade_domain\.xml/);
    expect(scenario.summary).toContain("The discount factor in the GENIUS files (buyer.xml: 0.8) is not modelled.");
    expect(result.ok && result.notes).toContain("The discount factor in the GENIUS files (buyer.xml: 0.8) is not modelled.");
  });

  it("dumps to YAML that reads back as the same scenario", () => {
    if (!result.ok) throw new Error(result.error);
    const text = scenarioToYaml(result.scenario);
    expect(parse(text)).toEqual(result.scenario);
    expect(Scenario.parse(parse(text))).toEqual(scenario);
  });

  it("takes an id, a title and a deadline from the options", () => {
    const s2 = imported(importGenius(domain, [buyer, seller], { id: "trade-2012", title: "Trade talks", rounds: 12 }));
    expect([s2.id, s2.title, s2.deadline.rounds, s2.year]).toEqual(["trade-2012", "Trade talks", 12, 2000]);
    expect(refusal(importGenius(domain, [buyer, seller], { id: "not an id" })).error).toMatch(/scenario id "not an id"/);
  });
});

describe("a three-party GENIUS domain", () => {
  const files = fixtureFolder("three");
  const byName = (n: string) => files.find((f) => f.name === n)!;
  const result = importGenius(byName("summit.xml"), [byName("gamma.xml"), byName("alpha.xml"), byName("beta.xml")]);
  const scenario = imported(result);

  it("is multilateral, and every delegation must accept", () => {
    expect(scenario.protocol).toBe("multilateral");
    expect(scenario.deadline.rounds).toBe(10);
    expect(scenario.delegations.map((d) => d.id)).toEqual(["gamma", "alpha", "beta"]);
    expect(scenario.agreement).toEqual({ required: ["gamma", "alpha", "beta"], quorum: 3 });
  });

  it("keeps option ids unique when their text sanitises to the same id", () => {
    expect(scenario.issues[0]!.options.map((o) => [o.id, o.label])).toEqual([
      ["A", "A+"],
      ["A-2", "A-"],
      ["B", "B"],
    ]);
  });

  it("computes each party's utilities", () => {
    const [gamma, alpha, beta] = scenario.delegations;
    const pkg = { Grade: "A-2", Venue: "Dhaka" };
    expect(utility(alpha!.profile, pkg)).toBeCloseTo(0.5 * (2 / 3) + 0.5 * (1 / 2), 12);
    expect(utility(beta!.profile, pkg)).toBeCloseTo(0.25 * (2 / 4) + 0.75 * 1, 12);
    expect(utility(gamma!.profile, pkg)).toBeCloseTo(0.9 * 1, 12);
    expect(scenario.delegations.map((d) => d.profile.reservationValue)).toEqual([0.3, 0.1, 0.2]);
  });

  it("gives 0 to every option of an issue whose evaluations are all 0, as GENIUS does, and says so", () => {
    const gamma = scenario.delegations[0]!;
    expect(gamma.profile.values.Venue).toEqual({ Dhaka: 0, Geneva: 0 });
    expect(gamma.profile.weights.Venue).toBe(0.1);
    expect(result.ok && result.notes.join(" ")).toMatch(/gamma\.xml: every evaluation of "Venue" is 0/);
  });
});

describe("refusals: one line naming the file and the reason", () => {
  it("refuses an integer issue", () => {
    const r = refusal(importGenius(fixture("bad/integer_domain.xml"), [buyer, seller]));
    expect(r.error).toBe('integer_domain.xml: issue "Quantity" is of type integer; only discrete issues can be imported');
    expect(r.reason).toBe("non-discrete");
  });

  it("refuses a real issue, and an integer issue with an evaluator in a profile", () => {
    const real = domain.xml.replace(
      '<issue index="2" name="Delivery time" vtype="discrete" type="discrete" etype="discrete">',
      '<issue index="2" name="Delivery time" vtype="real" type="real" etype="real" lowerbound="0" upperbound="1">',
    );
    expect(refusal(importGenius({ name: "real.xml", xml: real }, [buyer, seller])).error).toBe(
      'real.xml: issue "Delivery time" is of type real; only discrete issues can be imported',
    );
    const evaluator = seller.xml.replace(
      /<issue index="2"[\s\S]*?<\/issue>/,
      '<issue index="2" name="Delivery time" type="integer" etype="integer" lowerbound="1" upperbound="3"><evaluator ftype="linear" slope="-0.5" offset="1"/></issue>',
    );
    const r = refusal(importWith({ name: "int-profile.xml", xml: evaluator }));
    expect(r.error).toBe('int-profile.xml: issue "Delivery time" is of type integer; only discrete issues can be imported');
  });

  it("refuses a nonlinear utility space, by its type or by its elements", () => {
    expect(refusal(importWith(fixture("bad/nonlinear.xml"))).error).toBe(
      'nonlinear.xml: the utility space is of type "nonlinear"; only linear additive profiles can be imported',
    );
    const r = refusal(importWith(fixture("bad/hyper.xml")));
    expect(r.error).toBe("hyper.xml: nonlinear utility space (<utility> element); only linear additive profiles can be imported");
    expect(r.reason).toBe("nonlinear");
  });

  it("refuses a profile without weights", () => {
    const r = refusal(importWith(fixture("bad/no_weights.xml")));
    expect(r.error).toBe("no_weights.xml: the profile has no issue weights (<weight> elements)");
    expect(r.reason).toBe("no-weights");
    const oneMissing = buyer.xml.replace('<weight index="2" value="0.4"></weight>', "");
    expect(refusal(importWith({ name: "one.xml", xml: oneMissing })).error).toBe(
      'one.xml: issue "Delivery time" (index 2) has no weight',
    );
  });

  it("refuses malformed XML and files that are not GENIUS", () => {
    const r = refusal(importWith(fixture("bad/malformed.xml")));
    expect(r.error).toMatch(/^malformed\.xml: not well-formed XML \(line \d+: .+\)$/);
    expect(r.reason).toBe("not-xml");
    expect(refusal(importWith(fixture("bad/not_genius.xml"))).error).toBe(
      "not_genius.xml: not a GENIUS preference profile (root element <project>, expected <utility_space>)",
    );
    expect(refusal(importGenius(fixture("bad/not_genius.xml"), [buyer, seller])).error).toBe(
      "not_genius.xml: not a GENIUS domain file (root element <project>, expected <negotiation_template>)",
    );
    expect(refusal(importWith({ name: "empty.xml", xml: "  \n" })).error).toBe("empty.xml: the file is empty");
    expect(refusal(importWith({ name: "text.xml", xml: "0.5, 1.0\n" })).error).toMatch(/^text\.xml: not well-formed XML/);
    expect(refusal(importGenius(buyer, [buyer, seller])).error).toBe(
      "buyer.xml: this is a preference profile (it has weights or evaluations), not a domain file",
    );
    expect(refusal(importWith(domain)).error).toBe(
      "trade_domain.xml: this is a domain file (<negotiation_template>), not a preference profile",
    );
  });

  it("refuses profiles whose issues or values do not match the domain", () => {
    const r = refusal(importWith(fixture("bad/mismatch.xml")));
    expect(r.error).toBe('mismatch.xml: issue 2 is named "Warranty" but "Delivery time" in the domain file trade_domain.xml');
    expect(r.reason).toBe("mismatch");
    expect(refusal(importWith(fixture("bad/unknown_value.xml"))).error).toBe(
      'unknown_value.xml: issue "Delivery time": the value "next day" is not in the domain file trade_domain.xml',
    );
    const extra = buyer.xml.replace(
      "</objective>",
      '<issue index="3" name="Colour" type="discrete"><item index="1" value="red" evaluation="1"/></issue></objective>',
    );
    expect(refusal(importWith({ name: "extra.xml", xml: extra })).error).toBe(
      'extra.xml: issue "Colour" (index 3) is not in the domain file trade_domain.xml',
    );
    const missing = buyer.xml.replace(/<issue index="2"[\s\S]*?<\/issue>/, "");
    expect(refusal(importWith({ name: "missing.xml", xml: missing })).error).toBe(
      'missing.xml: the domain\'s issue "Delivery time" (index 2) is missing from the profile',
    );
  });

  it("refuses a value without an evaluation (GENIUS calls such a profile incomplete)", () => {
    const r = refusal(importWith(fixture("bad/missing_evaluation.xml")));
    expect(r.error).toBe('missing_evaluation.xml: issue "Price (€)": the value "high" has no evaluation');
    expect(r.reason).toBe("incomplete");
  });

  it("refuses weights that do not sum to 1, unless asked to rescale them", () => {
    const r = refusal(importWith(fixture("bad/weights_sum.xml")));
    expect(r.error).toBe(
      "weights_sum.xml: the issue weights sum to 0.9, not 1; GENIUS uses weights as written, and rescaling them must be asked for (--normalize-weights)",
    );
    expect(r.reason).toBe("weights-sum");
    const result = importWith(fixture("bad/weights_sum.xml"), { normalizeWeights: true });
    const s = imported(result);
    expect(s.delegations[1]!.profile.weights.Price).toBeCloseTo(0.5 / 0.9, 15);
    expect(s.delegations[1]!.profile.weights["Delivery-time"]).toBeCloseTo(0.4 / 0.9, 15);
    expect(s.summary).toContain("The issue weights were rescaled to sum to 1 in weights_sum.xml (sum 0.9).");
    // Floating noise below 1e-6 is kept as written.
    const noisy = buyer.xml.replace('value="0.4"', 'value="0.4000000004"');
    expect(imported(importWith({ name: "noisy.xml", xml: noisy })).delegations[1]!.profile.weights["Delivery-time"]).toBe(
      0.4000000004,
    );
  });

  it("refuses fewer than two profiles", () => {
    expect(refusal(importGenius(domain, [buyer])).error).toBe(
      "trade_domain.xml: only one preference profile (buyer.xml) given; a negotiation needs at least 2",
    );
    const r = refusal(importGenius(domain, []));
    expect(r.error).toBe("trade_domain.xml: no preference profile given; a negotiation needs at least 2");
    expect(r.reason).toBe("too-few-profiles");
  });

  it("refuses bad numbers", () => {
    const neg = buyer.xml.replace('evaluation="3"', 'evaluation="-3"');
    expect(refusal(importWith({ name: "neg.xml", xml: neg })).error).toBe(
      'neg.xml: issue "Price (€)": the evaluation "-3" of "medium" is not a number ≥ 0',
    );
    const rv = buyer.xml.replace('<reservation value="0.25">', '<reservation value="1.5">');
    expect(refusal(importWith({ name: "rv.xml", xml: rv })).error).toBe(
      'rv.xml: the reservation value "1.5" is not a number in [0,1]',
    );
  });
});

describe("sorting a folder's files", () => {
  it("tells the domain from the profiles and skips GENIUS's pareto.xml", () => {
    const sorted = classifyGeniusFiles(fixtureFolder("basic"));
    expect(sorted.domain?.name).toBe("trade_domain.xml");
    expect(sorted.profiles.map((f) => f.name)).toEqual(["buyer.xml", "seller.xml"]);
    expect(sorted.skipped).toEqual([{ name: "pareto.xml", reason: "GENIUS's Pareto frontier output, not a domain or a profile" }]);
    expect(sorted.error).toBeUndefined();
  });

  it("imports a folder in one call, and says when no domain can be found", () => {
    const s = imported(importGeniusFiles(fixtureFolder("three")));
    expect(s.delegations.map((d) => d.id)).toEqual(["alpha", "beta", "gamma"]);
    const r = refusal(importGeniusFiles([buyer, seller]));
    expect(r.error).toBe("no GENIUS domain file (root <negotiation_template>) among buyer.xml, seller.xml");
    const two = classifyGeniusFiles([fixture("basic/trade_domain.xml"), fixture("three/summit.xml"), buyer]);
    expect(two.domain?.name).toBe("trade_domain.xml");
    const ambiguous = classifyGeniusFiles([fixture("three/summit.xml"), { name: "other.xml", xml: fixture("three/summit.xml").xml }]);
    expect(ambiguous.domain).toBeNull();
    expect(ambiguous.error).toBe("several GENIUS domain files, cannot tell which to use: summit.xml, other.xml");
  });

  it("skips files that are not XML or not GENIUS, and keeps nonlinear profiles as profiles", () => {
    const sorted = classifyGeniusFiles([domain, fixture("bad/malformed.xml"), fixture("bad/not_genius.xml"), fixture("bad/nonlinear.xml")]);
    expect(sorted.skipped.map((s) => s.name)).toEqual(["malformed.xml", "not_genius.xml"]);
    expect(sorted.profiles.map((f) => f.name)).toEqual(["nonlinear.xml"]);
  });
});

describe("helpers", () => {
  it("sanitises ids", () => {
    expect(sanitizeId("Price ($)")).toBe("Price");
    expect(sanitizeId("0:00-2:59 prices [cents/kWh]")).toBe("0-00-2-59-prices-cents-kWh");
    expect(sanitizeId("Café crème")).toBe("Cafe-creme");
    expect(sanitizeId("$$")).toBe("");
  });

  it("reads the ANAC year from a folder path", () => {
    expect(anacYear("/data/genius/anac/y2012/CarA")).toBe(2012);
    expect(anacYear("y2016/Atlas3")).toBe(2016);
    expect(anacYear("/data/other/CarA")).toBeUndefined();
  });
});
