// A bot's statement carries the phrases it was made of, so every reader can read it in their
// language: rendered from the English scenario it is exactly the English text; rendered from a
// translated scenario it is the translation.
import { describe, expect, it } from "vitest";
import { botsFor, playGame } from "./play.ts";
import { renderStatement, TEMPLATES, TEMPLATE_KEYS } from "./statements.ts";
import { Scenario } from "../scenario/schema.ts";
import { localize } from "../scenario/overlay.ts";
import { parseOverlay } from "../scenario/overlay-check.ts";
import { createTranslator } from "../i18n/index.ts";
import { fixtureData } from "../../tests/helpers/fixtures.ts";
import type { Message } from "../rules/types.ts";

function scenario(): Scenario {
  const data = fixtureData("multilateral-test");
  data.delegations[0]!.phrases = {
    accept: ["Alpha can sign this."],
    reject: ["Alpha cannot sign this.", "Not on these terms."],
    language: ["Words must bind."],
    assistance: ["A fund is not the answer."],
  };
  data.delegations[1]!.phrases = { reject: ["Beta says no."], language: ["Voluntary norms are enough."] };
  return Scenario.parse(data);
}

const OVERLAY = `
delegations:
  alpha:
    name: আলফা
    phrases:
      accept: [আলফা এতে স্বাক্ষর করতে পারে।]
      reject: [আলফা এতে স্বাক্ষর করতে পারে না।, এই শর্তে নয়।]
      language: [ভাষাকে বাধ্যতামূলক হতে হবে।]
      assistance: [তহবিল সমাধান নয়।]
  beta:
    name: বেটা
    phrases:
      reject: [বেটা না বলছে।]
      language: [স্বেচ্ছামূলক রীতিই যথেষ্ট।]
  gamma: { name: গামা }
  delta: { name: ডেল্টা }
issues:
  language:
    title: ভাষা
    options: { binding: { label: বাধ্যতামূলক অঙ্গীকার }, voluntary: { label: স্বেচ্ছামূলক রীতি } }
  assistance:
    title: সহায়তা
    options: { fund: { label: একটি যৌথ তহবিল }, training: { label: প্রশিক্ষণ কর্মসূচি }, none: { label: কোনো সহায়তা নয় } }
`;

/** Every bot statement of a few talking games of the fixture. */
function botStatements(s: Scenario): Message[] {
  const out: Message[] = [];
  for (const seed of [1, 2, 3, 4]) {
    const bots = botsFor(s, seed, Object.fromEntries(s.delegations.map((d) => [d.id, "diplomat"])), { talk: true });
    const game = playGame(s, seed, bots);
    out.push(...game.state.messages.filter((m) => m.channel === "public"));
  }
  return out;
}

describe("a bot's statement", () => {
  const s = scenario();
  const said = botStatements(s);

  it("carries its phrase reference, which rebuilds the English text exactly", () => {
    expect(said.length).toBeGreaterThan(5);
    const en = createTranslator("en");
    for (const m of said) {
      expect(m.phrase, m.text).toBeDefined();
      expect(renderStatement(m.phrase!, m.from, s, en.t)).toBe(m.text);
    }
    // Both kinds occur: the scenario's own lines and the general templates.
    expect(said.some((m) => m.phrase!.some((p) => p.kind === "phrase"))).toBe(true);
    expect(said.some((m) => m.phrase!.some((p) => p.kind === "template"))).toBe(true);
  });

  it("renders in Bangla from the scenario's overlay and the catalog", () => {
    const overlay = parseOverlay("scenario.bn.yaml", OVERLAY, s);
    expect(overlay.errors).toEqual([]);
    const bnScenario = localize(s, overlay.overlay, "bn").scenario;
    const bn = createTranslator("bn");
    for (const m of said) {
      const text = renderStatement(m.phrase!, m.from, bnScenario, bn.t)!;
      expect(text).not.toBe(m.text);
      // Every part is Bangla: no English word of the original is left.
      expect(text, m.text).not.toMatch(/[A-Za-z]{3,}/);
    }
    // A line on an issue, said after the first sentence, is the delegation's own translated line.
    const twoParts = said.filter((m) => m.phrase!.length === 2);
    expect(twoParts.length).toBeGreaterThan(0);
    for (const m of twoParts) {
      const part = m.phrase![1]!;
      const line = bnScenario.delegations.find((d) => d.id === m.from)!.phrases[part.key]![part.index]!;
      expect(renderStatement(m.phrase!, m.from, bnScenario, bn.t)!.endsWith(` ${line}`)).toBe(true);
    }
    // A template names the issue and option in Bangla.
    const template = said.find((m) => m.phrase![0]!.kind === "template" && m.phrase![0]!.issue !== "");
    expect(template).toBeDefined();
    const rendered = renderStatement(template!.phrase!, template!.from, bnScenario, bn.t)!;
    const issue = bnScenario.issues.find((i) => i.id === template!.phrase![0]!.issue)!;
    expect(rendered).toContain(issue.title);
  });

  it("falls back (null) when the reference names a phrase the reader's scenario lacks", () => {
    expect(renderStatement([{ kind: "phrase", key: "reject", index: 5, issue: "", option: "" }], "alpha", s, createTranslator("en").t)).toBeNull();
    expect(renderStatement([{ kind: "template", key: "propose", index: 0, issue: "nope", option: "" }], "alpha", s, createTranslator("en").t)).toBeNull();
  });

  it("has one catalog key per general template, in the same order", () => {
    const en = createTranslator("en");
    for (const [situation, keys] of Object.entries(TEMPLATE_KEYS)) {
      const templates = TEMPLATES[situation as keyof typeof TEMPLATES];
      expect(keys.length).toBe(templates.length);
      keys.forEach((key, i) => {
        expect(en.t(key, { issue: "I", option: "O", name: "N" })).toBe(templates[i]!.replace("{issue}", "I").replace("{option}", "O").replace("{name}", "N"));
      });
    }
  });
});
