import { describe, expect, it } from "vitest";
import { Scenario } from "./schema.ts";
import { localize, publicOverlay, seatOverlay, untranslated } from "./overlay.ts";
import { parseOverlay } from "./overlay-check.ts";
import { fixtureData } from "../../tests/helpers/fixtures.ts";

const FILE = "scenarios/x/scenario.bn.yaml";

function scenario(): Scenario {
  const data = fixtureData("multilateral-test");
  data.delegations[0]!.phrases = { accept: ["We can sign this.", "Agreed."], language: ["Words must bind."] };
  data.delegations[0]!.profile.redLines = [{ issue: "assistance", option: "fund", reason: "No fund, ever." }];
  data.injects![0]!.changes![0]!.note = "The summit changes your calculus.";
  return Scenario.parse(data);
}

const FULL = `
title: আঞ্চলিক সাইবার রীতি (পরীক্ষা)
summary: চারটি রাষ্ট্র সাইবার রীতির একটি সংক্ষিপ্ত ঘোষণায় ভোট দেয়।
delegations:
  alpha:
    name: আলফা
    publicBrief: আলফা ঘোষণার খসড়া তৈরি করেছে।
    privateBrief: আপনি বাধ্যতামূলক ভাষা চান।
    redLines:
      assistance:
        fund: কোনো তহবিল নয়, কখনোই নয়।
    phrases:
      accept: [আমরা এতে স্বাক্ষর করতে পারি।, সম্মত।]
      language: [ভাষাকে বাধ্যতামূলক হতে হবে।]
  beta: { name: বেটা, publicBrief: বেটা একটি বড় আঞ্চলিক শক্তি।, privateBrief: আপনি বাধ্যতামূলক ভাষা অপছন্দ করেন। }
  gamma: { name: গামা, publicBrief: গামা সীমিত সক্ষমতার একটি ছোট রাষ্ট্র।, privateBrief: সহায়তাই আপনার কাছে সব। }
  delta: { name: ডেল্টা, publicBrief: ডেল্টা একটি দাতা রাষ্ট্র।, privateBrief: "আপনি প্রশিক্ষণের জন্য অর্থ দেবেন, তহবিলের জন্য নয়।" }
issues:
  language:
    title: ভাষা
    options:
      binding: { label: বাধ্যতামূলক অঙ্গীকার }
      voluntary: { label: স্বেচ্ছামূলক রীতি }
  assistance:
    title: সহায়তা
    options:
      fund: { label: একটি যৌথ তহবিল }
      training: { label: প্রশিক্ষণ কর্মসূচি }
      none: { label: কোনো সহায়তা নয় }
injects:
  summit:
    title: শীর্ষ সম্মেলনের ঘোষণা
    text: নেতারা আগামী মাসে বৈঠক করবেন এবং স্বাক্ষরের জন্য একটি পাঠ চান।
    notes:
      beta: শীর্ষ সম্মেলন আপনার হিসাব বদলে দেয়।
`;

describe("a translation overlay", () => {
  it("accepts a complete translation and finds nothing left in English", () => {
    const result = parseOverlay(FILE, FULL, scenario());
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.untranslated).toEqual([]);
  });

  it("names a key the original does not have, with its file and line", () => {
    const text = FULL.replace("      none: { label: কোনো সহায়তা নয় }", "      none: { label: কোনো সহায়তা নয় }\n      loans: { label: ঋণ }");
    const line = text.split("\n").findIndex((l) => l.includes("loans:")) + 1;
    const result = parseOverlay(FILE, text, scenario());
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([`${FILE}: line ${line}: issues.assistance.options.loans: issue "assistance" has no option "loans" (its options: fund, training, none)`]);
  });

  it("names an unknown delegation, an extra phrase and a field that is not text", () => {
    const text = `
delegations:
  omega: { name: ওমেগা }
  alpha:
    phrases:
      accept: [এক।, দুই।, তিন।]
issues:
  language:
    weight: 0.5
`;
    const result = parseOverlay(FILE, text, scenario());
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([`${FILE}: line 9: issues.language.weight: not a translatable field (Unrecognized key: "weight")`]);
    const structural = parseOverlay(FILE, text.replace("    weight: 0.5\n", "    title: ভাষা\n"), scenario());
    expect(structural.errors).toEqual([
      `${FILE}: line 3: delegations.omega: no delegation "omega" in the scenario (its delegations: alpha, beta, gamma, delta)`,
      `${FILE}: line 6: delegations.alpha.phrases.accept[2]: delegation "alpha" has 2 phrases for "accept", this list has 3 (one translation per phrase, in the same order)`,
    ]);
  });

  it("reports a YAML mistake with its line", () => {
    const result = parseOverlay(FILE, "title: ক\ntitle: খ\n", scenario());
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatch(/^scenarios\/x\/scenario\.bn\.yaml: line 2, column 1: /);
  });

  it("lists what a partial translation leaves in English, in the scenario's order", () => {
    const result = parseOverlay(FILE, "title: আঞ্চলিক সাইবার রীতি\nissues:\n  language: { title: ভাষা }\n", scenario());
    expect(result.ok).toBe(true);
    expect(result.untranslated).toContain("summary");
    expect(result.untranslated).toContain("delegations.alpha.phrases.accept[1]");
    expect(result.untranslated).toContain("issues.language.options.binding.label");
    expect(result.untranslated).toContain("injects.summit.notes.beta");
    expect(result.untranslated).not.toContain("title");
    expect(result.untranslated).not.toContain("issues.language.title");
    // Empty descriptions have nothing to translate.
    expect(result.untranslated).not.toContain("issues.language.description");
  });
});

describe("localize", () => {
  it("puts the translation in place and keeps ids, numbers and the rest", () => {
    const original = scenario();
    const overlay = parseOverlay(FILE, FULL, original).overlay!;
    const { scenario: bn, english, lang } = localize(original, overlay, "bn");
    expect(lang).toBe("bn");
    expect(english.size).toBe(0);
    expect(bn.title).toBe("আঞ্চলিক সাইবার রীতি (পরীক্ষা)");
    expect(bn.issues[1]!.options.map((o) => [o.id, o.label])).toEqual([
      ["fund", "একটি যৌথ তহবিল"],
      ["training", "প্রশিক্ষণ কর্মসূচি"],
      ["none", "কোনো সহায়তা নয়"],
    ]);
    expect(bn.delegations[0]!.phrases.accept).toEqual(["আমরা এতে স্বাক্ষর করতে পারি।", "সম্মত।"]);
    expect(bn.delegations[0]!.profile.redLines[0]).toEqual({ issue: "assistance", option: "fund", reason: "কোনো তহবিল নয়, কখনোই নয়।" });
    expect(bn.delegations[0]!.profile.weights).toEqual(original.delegations[0]!.profile.weights);
    expect(bn.injects[0]!.changes[0]).toMatchObject({ delegation: "beta", reservationValue: 0.3, note: "শীর্ষ সম্মেলন আপনার হিসাব বদলে দেয়।" });
    // The original is untouched.
    expect(original.title).toBe("Regional cyber norms (test)");
    expect(original.delegations[0]!.phrases.accept).toEqual(["We can sign this.", "Agreed."]);
  });

  it("leaves untranslated text in English and says which", () => {
    const original = scenario();
    const overlay = parseOverlay(FILE, "title: আঞ্চলিক সাইবার রীতি\n", original).overlay!;
    const { scenario: bn, english } = localize(original, overlay, "bn");
    expect(bn.title).toBe("আঞ্চলিক সাইবার রীতি");
    expect(bn.summary).toBe(original.summary);
    expect(english.has("summary")).toBe(true);
    expect(english.has("title")).toBe(false);
    expect([...english]).toEqual(untranslated(original, overlay));
  });

  it("works on the public scenario a client holds, which has no profiles or injects", () => {
    const original = scenario();
    const overlay = publicOverlay(parseOverlay(FILE, FULL, original).overlay!);
    const pub = { title: original.title, issues: original.issues, delegations: original.delegations.map((d) => ({ id: d.id, name: d.name, publicBrief: d.publicBrief })) };
    const { scenario: bn } = localize(pub, overlay, "bn");
    expect(bn.delegations.map((d) => d.name)).toEqual(["আলফা", "বেটা", "গামা", "ডেল্টা"]);
    // The public scenario has no phrases of its own: the translated ones come in (bots' statements render from them).
    expect(Object.keys(bn.delegations[0]!)).toEqual(["id", "name", "publicBrief", "phrases"]);
    expect(Object.keys(bn.delegations[1]!)).toEqual(["id", "name", "publicBrief"]);
  });

  it("keeps private briefs, red lines, injects and the outcome out of the public overlay", () => {
    const overlay = parseOverlay(FILE, FULL, scenario()).overlay!;
    const pub = publicOverlay(overlay);
    expect(pub.injects).toBeUndefined();
    expect(pub.delegations!.alpha).toEqual({ name: "আলফা", publicBrief: "আলফা ঘোষণার খসড়া তৈরি করেছে।", phrases: overlay.delegations!.alpha!.phrases });
    expect(JSON.stringify(pub)).not.toContain("বাধ্যতামূলক ভাষা চান");
  });
});

describe("seatOverlay", () => {
  const overlay = () => parseOverlay(FILE, FULL, scenario()).overlay!;

  it("gives a delegation its own private brief and red lines, and nothing of an inject not yet fired", () => {
    const mine = seatOverlay(overlay(), { delegation: "alpha", facilitator: false, firedInjects: [], ended: false });
    expect(mine).toEqual({ delegations: { alpha: { privateBrief: "আপনি বাধ্যতামূলক ভাষা চান।", redLines: { assistance: { fund: "কোনো তহবিল নয়, কখনোই নয়।" } } } } });
  });

  it("gives a fired inject's news to everyone and its note only to the delegation it concerns", () => {
    const observer = seatOverlay(overlay(), { delegation: null, facilitator: false, firedInjects: ["summit"], ended: false });
    expect(observer).toEqual({ injects: { summit: { title: "শীর্ষ সম্মেলনের ঘোষণা", text: "নেতারা আগামী মাসে বৈঠক করবেন এবং স্বাক্ষরের জন্য একটি পাঠ চান।" } } });
    const beta = seatOverlay(overlay(), { delegation: "beta", facilitator: false, firedInjects: ["summit"], ended: false });
    expect(beta.injects!.summit!.notes).toEqual({ beta: "শীর্ষ সম্মেলন আপনার হিসাব বদলে দেয়।" });
  });

  it("gives everything once the negotiation has ended", () => {
    expect(seatOverlay(overlay(), { delegation: null, facilitator: false, firedInjects: [], ended: true })).toEqual(overlay());
  });
});
