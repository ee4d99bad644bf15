// The client's scenario text in the reader's language, from what the server sends: the scenario
// endpoint's public translations and the seat's own. Untranslated text stays English and says so.
import { afterEach, describe, expect, it } from "vitest";
import { localized, materialsText, newsText, revealText, scenarioText, seatMe, statementText, summaryText, tableText, textLang } from "../../client/scenario-text.ts";
import { setDigits, setLocale } from "../../client/i18n.ts";
import type { Overlay } from "../../shared/scenario/overlay.ts";

const scenario = {
  id: "x",
  title: "Regional cyber norms",
  summary: "Four states vote.",
  delegations: [
    { id: "alpha", name: "Alpha", publicBrief: "Alpha drafted it." },
    { id: "beta", name: "Beta", publicBrief: "Beta is large." },
  ],
  issues: [{ id: "language", title: "Language", description: "", options: [{ id: "binding", label: "Binding commitments", description: "" }] }],
  translations: {
    bn: {
      title: "আঞ্চলিক সাইবার রীতি ২০২১",
      delegations: { alpha: { name: "আলফা", phrases: { reject: ["আলফা রাজি নয়।"] } }, beta: { name: "বেটা" } },
      issues: { language: { title: "ভাষা", options: { binding: { label: "বাধ্যতামূলক অঙ্গীকার" } } } },
    } satisfies Overlay,
  },
};

afterEach(() => {
  setLocale("en");
  setDigits("native");
});

describe("scenario text for the reader", () => {
  it("is the English original for an English reader", () => {
    setLocale("en");
    expect(scenarioText(scenario).title).toBe("Regional cyber norms");
    expect(textLang(scenario, "summary")).toEqual({});
  });

  it("is Bangla where translated, English (marked lang=en) where not", () => {
    setLocale("bn");
    const bn = scenarioText(scenario);
    expect(bn.title).toBe("আঞ্চলিক সাইবার রীতি ২০২১");
    expect(bn.issues[0]!.options[0]!.label).toBe("বাধ্যতামূলক অঙ্গীকার");
    expect(bn.summary).toBe("Four states vote.");
    expect(textLang(scenario, "summary")).toMatchObject({ lang: "en" });
    expect(textLang(scenario, "title")).toEqual({});
    // The same object while nothing changes (screens compare).
    expect(localized(scenario)).toBe(localized(scenario));
  });

  it("follows the digits setting: Latin digits in Bangla on request", () => {
    setLocale("bn");
    setDigits("latin");
    expect(scenarioText(scenario).title).toBe("আঞ্চলিক সাইবার রীতি 2021");
  });

  it("renders a bot's statement from its phrase reference; a person's stays as written", () => {
    setLocale("bn");
    const bot = { from: "alpha", text: "Alpha cannot agree.", phrase: [{ kind: "phrase" as const, key: "reject", index: 0, issue: "", option: "" }] };
    expect(statementText(bot, scenario)).toEqual({ text: "আলফা রাজি নয়।" });
    const template = { from: "beta", text: 'We cannot accept "Binding commitments" on Language.', phrase: [{ kind: "template" as const, key: "reject", index: 0, issue: "language", option: "binding" }] };
    expect(statementText(template, scenario).text).toContain("বাধ্যতামূলক অঙ্গীকার");
    // Beta has no translated line 0 for "reject": its English, marked.
    expect(statementText({ ...bot, from: "beta" }, scenario)).toEqual({ text: "Alpha cannot agree.", lang: "en" });
    expect(statementText({ from: "beta", text: "Hello, colleagues." }, scenario)).toEqual({ text: "Hello, colleagues." });
  });

  it("reads the seat's private brief, red lines, notes and news from the seat's translations", () => {
    const seat = {
      me: {
        delegation: "alpha",
        privateBrief: "You want binding language.",
        injectNotes: [{ injectId: "summit", note: "The summit matters." }],
        profile: { weights: {}, redLines: [{ issue: "language", option: "binding", reason: "Never." }] },
      },
      translations: {
        bn: {
          delegations: { alpha: { privateBrief: "আপনি বাধ্যতামূলক ভাষা চান।", redLines: { language: { binding: "কখনো নয়।" } } } },
          injects: { summit: { title: "শীর্ষ সম্মেলন", text: "নেতারা বৈঠক করবেন।", notes: { alpha: "শীর্ষ সম্মেলন গুরুত্বপূর্ণ।" } } },
        },
      },
    };
    setLocale("en");
    expect(seatMe(seat)).toBe(seat.me);
    setLocale("bn");
    const me = seatMe(seat)!;
    expect(me.privateBrief).toBe("আপনি বাধ্যতামূলক ভাষা চান।");
    expect(me.profile.redLines[0]!.reason).toBe("কখনো নয়।");
    expect(me.injectNotes[0]!.note).toBe("শীর্ষ সম্মেলন গুরুত্বপূর্ণ।");
    expect(newsText({ id: "summit", title: "Summit", text: "Leaders meet." }, seat)).toEqual({ title: "শীর্ষ সম্মেলন", text: "নেতারা বৈঠক করবেন।" });
    expect(newsText({ id: "other", title: "Other", text: "News." }, seat)).toEqual({ title: "Other", text: "News.", lang: "en" });
    // The synced news carries its own translations (for readers who get no seat_update when it fires).
    expect(newsText({ id: "other", title: "Other", text: "News.", translations: { bn: { title: "অন্য খবর", text: "" } } }, null)).toEqual({ title: "অন্য খবর", text: "News." });
  });
});

describe("the debrief for the reader", () => {
  it("reads every brief, inject and the historical outcome from the seat's translations once ended", () => {
    const profile = { weights: {}, values: {}, reservationValue: 0.3, redLines: [{ issue: "language", option: "binding", reason: "Never." }] };
    const reveal = {
      scenario: { title: "Regional cyber norms", summary: "Four states vote.", issues: scenario.issues, delegations: scenario.delegations },
      historicalOutcome: { package: { language: "binding" }, note: "What happened." },
      delegations: [{ id: "alpha", name: "Alpha", privateBrief: "You want binding language.", initialProfile: profile, profile }],
      injects: [{ id: "summit", title: "Summit", text: "Leaders meet.", trigger: "facilitator" as const, fired: true, changes: [{ delegation: "alpha", note: "It matters." }] }],
    };
    const seat = {
      translations: {
        bn: {
          title: "আঞ্চলিক সাইবার রীতি",
          delegations: { alpha: { name: "আলফা", privateBrief: "আপনি বাধ্যতামূলক ভাষা চান।", redLines: { language: { binding: "কখনো নয়।" } } } },
          injects: { summit: { title: "শীর্ষ সম্মেলন", notes: { alpha: "এটি গুরুত্বপূর্ণ।" } } },
          historicalOutcome: { note: "যা ঘটেছিল।" },
        } satisfies Overlay,
      },
    };
    setLocale("en");
    expect(revealText(reveal, seat)).toBe(reveal);
    setLocale("bn");
    const bn = revealText(reveal, seat)!;
    expect(bn.scenario.title).toBe("আঞ্চলিক সাইবার রীতি");
    expect(bn.scenario.summary).toBe("Four states vote.");
    expect(bn.delegations[0]).toMatchObject({ name: "আলফা", privateBrief: "আপনি বাধ্যতামূলক ভাষা চান।" });
    expect(bn.delegations[0]!.initialProfile.redLines[0]!.reason).toBe("কখনো নয়।");
    expect(bn.delegations[0]!.profile.redLines[0]!.reason).toBe("কখনো নয়।");
    expect(bn.injects[0]).toMatchObject({ title: "শীর্ষ সম্মেলন", text: "Leaders meet.", changes: [{ delegation: "alpha", note: "এটি গুরুত্বপূর্ণ।" }] });
    expect(bn.historicalOutcome).toEqual({ package: { language: "binding" }, note: "যা ঘটেছিল।" });
    expect(reveal.delegations[0]!.privateBrief).toBe("You want binding language.");
  });
});

describe("the synced table for the reader", () => {
  it("names the delegations and the scenario's title in the reader's language; a class's own title stays", () => {
    const view = { title: "Regional cyber norms", round: 2, delegations: [{ id: "alpha", name: "Alpha" }, { id: "beta", name: "Beta" }] };
    setLocale("en");
    expect(tableText(view, scenario)).toBe(view);
    setLocale("bn");
    const bn = tableText(view, scenario);
    expect(bn).toMatchObject({ title: "আঞ্চলিক সাইবার রীতি ২০২১", round: 2, delegations: [{ name: "আলফা" }, { name: "বেটা" }] });
    expect(tableText(view, scenario)).toBe(bn);
    expect(tableText({ ...view, title: "Class 9B, Tuesday" }, scenario).title).toBe("Class 9B, Tuesday");
  });
});

describe("the scenario list for the reader", () => {
  it("titles, summaries and delegation names in the reader's language; the rest as sent", () => {
    const summary = { id: "x", title: "Regional cyber norms", summary: "Four states vote.", year: 2021, issues: 2, delegations: [{ id: "alpha", name: "Alpha" }, { id: "beta", name: "Beta" }], translations: { bn: { title: "আঞ্চলিক সাইবার রীতি ২০২১", delegations: { alpha: { name: "আলফা" } } } } };
    setLocale("en");
    expect(summaryText(summary)).toBe(summary);
    setLocale("bn");
    expect(summaryText(summary)).toMatchObject({ title: "আঞ্চলিক সাইবার রীতি ২০২১", summary: "Four states vote.", issues: 2, delegations: [{ name: "আলফা" }, { name: "Beta" }] });
  });
});

describe("the teacher's materials for the reader", () => {
  it("briefs, red lines, issues and sources in the reader's language; the rest as sent", () => {
    const m = {
      title: "Regional cyber norms",
      summary: "Four states vote.",
      notes: "## Timing",
      sources: [{ fact: "A fact.", source: "A document" }],
      issues: [{ id: "language", title: "Language", options: [{ id: "binding", label: "Binding commitments" }] }],
      delegations: [{ id: "alpha", name: "Alpha", publicBrief: "Public.", privateBrief: "Private.", redLines: [{ issue: "language", option: "binding", reason: "Never." }] }],
      translations: { bn: { sources: [{ fact: "একটি তথ্য।" }], delegations: { alpha: { privateBrief: "গোপন।", redLines: { language: { binding: "কখনো নয়।" } } } }, issues: { language: { title: "ভাষা" } } } },
    };
    setLocale("en");
    expect(materialsText(m)).toBe(m);
    setLocale("bn");
    const bn = materialsText(m);
    expect(bn).toMatchObject({ title: "Regional cyber norms", notes: "## Timing", sources: [{ fact: "একটি তথ্য।", source: "A document" }], issues: [{ title: "ভাষা", options: [{ label: "Binding commitments" }] }] });
    expect(bn.delegations[0]).toMatchObject({ name: "Alpha", publicBrief: "Public.", privateBrief: "গোপন।", redLines: [{ reason: "কখনো নয়।" }] });
  });
});
