// Scenario translations and bot statements through the real server: the scenario endpoint carries
// the public parts of each overlay, and a bot's statement on the wire carries its phrase reference
// beside the English text, so a client renders it in its reader's language.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixtures, Player, startTestServer, type TestServer } from "./harness.ts";
import { statementPhrase } from "../../client/net/view.ts";
import { renderStatement } from "../../shared/bots/statements.ts";
import { createTranslator } from "../../shared/i18n/index.ts";
import { localize, type Overlay } from "../../shared/scenario/overlay.ts";
import { Scenario } from "../../shared/scenario/schema.ts";
import type { PhraseRef, PublicScenario } from "../../shared/rules/types.ts";

let t: TestServer;
let scenario: Scenario;

const OVERLAY = `
title: আঞ্চলিক সাইবার রীতি (পরীক্ষা)
delegations:
  alpha: { name: আলফা, privateBrief: আপনি বাধ্যতামূলক ভাষা চান। }
  beta: { name: বেটা }
  gamma:
    name: গামা
    phrases:
      accept: [গামা এতে স্বাক্ষর করতে পারে।]
      reject: [গামার পক্ষে এটি সম্ভব নয়।]
      assistance: [সহায়তাই আমাদের কাছে সব।]
  delta:
    name: ডেল্টা
    phrases:
      reject: [ডেল্টা তহবিলের জন্য অর্থ দেবে না।]
issues:
  language: { title: ভাষা, options: { binding: { label: বাধ্যতামূলক অঙ্গীকার }, voluntary: { label: স্বেচ্ছামূলক রীতি } } }
  assistance: { title: সহায়তা, options: { fund: { label: একটি যৌথ তহবিল }, training: { label: প্রশিক্ষণ কর্মসূচি }, none: { label: কোনো সহায়তা নয় } } }
injects:
  summit:
    title: শীর্ষ সম্মেলনের ঘোষণা
    text: নেতারা আগামী মাসে বৈঠক করবেন এবং স্বাক্ষরের জন্য একটি খসড়া চান।
    notes: { beta: শীর্ষ সম্মেলন আপনার হিসাব বদলে দেয়। }
`;

beforeAll(async () => {
  const dir = copyFixtures();
  const file = join(dir, "multilateral-test", "scenario.yaml");
  const data = YAML.parse(readFileSync(file, "utf8"));
  data.delegations[2].phrases = { accept: ["Gamma can sign this."], reject: ["Gamma cannot go along."], assistance: ["Assistance is everything to us."] };
  data.delegations[3].phrases = { reject: ["Delta will not pay for a fund."] };
  data.injects[0].changes[0].note = "The summit changes your calculus.";
  writeFileSync(file, YAML.stringify(data));
  writeFileSync(join(dir, "multilateral-test", "scenario.bn.yaml"), OVERLAY);
  scenario = Scenario.parse(data);
  t = await startTestServer({ scenariosDir: dir });
});

afterAll(async () => {
  await t.close();
});

describe("a translated scenario", () => {
  it("comes with the public parts of its translations, and nothing private", async () => {
    const res = await fetch(`${t.url}/api/scenarios/multilateral-test`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PublicScenario & { translations: Record<string, Overlay> };
    expect(body.title).toBe("Regional cyber norms (test)");
    const bn = body.translations.bn!;
    expect(bn.title).toBe("আঞ্চলিক সাইবার রীতি (পরীক্ষা)");
    expect(bn.issues!.assistance!.options!.fund!.label).toBe("একটি যৌথ তহবিল");
    expect(bn.delegations!.gamma!.phrases!.assistance).toEqual(["সহায়তাই আমাদের কাছে সব।"]);
    // Private briefs and injects stay out of the public endpoint, in every language.
    expect(bn.delegations!.alpha).toEqual({ name: "আলফা" });
    expect(bn.injects).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain("বাধ্যতামূলক ভাষা চান");
    // What the client does with it: the Bangla scenario.
    expect(localize(body, bn, "bn").scenario.delegations.map((d) => d.name)).toEqual(["আলফা", "বেটা", "গামা", "ডেল্টা"]);
  });

  it("comes in the scenario list with its translated title, summary and delegation names only", async () => {
    const list = (await (await fetch(`${t.url}/api/scenarios`)).json()) as { scenarios: { id: string; translations: Record<string, Overlay> }[] };
    const mine = list.scenarios.find((s) => s.id === "multilateral-test")!;
    expect(mine.translations.bn).toEqual({
      title: "আঞ্চলিক সাইবার রীতি (পরীক্ষা)",
      delegations: { alpha: { name: "আলফা" }, beta: { name: "বেটা" }, gamma: { name: "গামা" }, delta: { name: "ডেল্টা" } },
    });
    expect(list.scenarios.find((s) => s.id === "bilateral-test")!.translations).toEqual({});
  });

  it("a scenario without translations says so with an empty map", async () => {
    const body = (await (await fetch(`${t.url}/api/scenarios/bilateral-test`)).json()) as { translations: unknown };
    expect(body.translations).toEqual({});
  });
});

describe("a bot's statement on the wire", () => {
  it("carries its phrase reference beside the English text, and renders in Bangla from the overlay", async () => {
    const host = await Player.create(
      t.url,
      {
        scenario: "multilateral-test",
        startWhen: "facilitator",
        seats: { alpha: { kind: "bot", strategy: "diplomat" }, beta: { kind: "bot", strategy: "diplomat" }, gamma: { kind: "bot", strategy: "diplomat" }, delta: { kind: "bot", strategy: "diplomat" } },
      },
      "facilitator",
    );
    await host.waitFor(() => host.welcome, "the facilitator's welcome");
    await host.must("start");
    await host.waitFor(() => host.state.phase === "ended", "the bots to finish the game", 30_000);
    const statements = [...host.state.statements];
    expect(statements.length).toBeGreaterThan(0);
    const en = createTranslator("en");
    const bn = createTranslator("bn");
    const overlay = ((await (await fetch(`${t.url}/api/scenarios/multilateral-test`)).json()) as { translations: Record<string, Overlay> }).translations.bn!;
    const publicBn = localize({ issues: scenario.issues, delegations: scenario.delegations.map((d) => ({ id: d.id, name: d.name })) }, overlay, "bn").scenario;
    for (const s of statements) {
      const phrase: PhraseRef = statementPhrase(s.phrase);
      expect(phrase.length, s.text).toBeGreaterThan(0);
      // The English text is exactly what the reference says in English.
      expect(renderStatement(phrase, s.from, scenario, en.t)).toBe(s.text);
      // A Bangla reader's client renders it from the translations the scenario endpoint gave it.
      const text = renderStatement(phrase, s.from, publicBn, bn.t);
      expect(text, s.text).not.toBeNull();
      expect(text).not.toMatch(/[A-Za-z]{3,}/);
    }
    // The scenario's own lines are among them, not only the general templates.
    expect(statements.some((s) => statementPhrase(s.phrase).some((p) => p.kind === "phrase"))).toBe(true);

    // The statements request (earlier statements) carries the same reference.
    const page = (await host.room.request("statements", {})) as { statements: { id: string; text: string; phrase?: PhraseRef }[] };
    expect(page.statements.map((s) => s.text)).toEqual(statements.map((s) => s.text));
    expect(page.statements.every((s) => (s.phrase?.length ?? 0) > 0)).toBe(true);
    await host.leave();
  });
});

describe("a seat's translations", () => {
  it("carry its own private brief and, once fired, the inject's news: never another delegation's secrets", async () => {
    const alpha = await Player.create(
      t.url,
      { scenario: "multilateral-test", delegation: "alpha", startWhen: "facilitator", seats: { beta: { kind: "bot", strategy: "diplomat" }, gamma: { kind: "bot", strategy: "diplomat" }, delta: { kind: "bot", strategy: "diplomat" } } },
      "alpha",
    );
    const seat = await alpha.waitFor(() => alpha.seat?.translations && alpha.seat, "alpha's seat with its translations");
    const bn = seat.translations!.bn!;
    expect(bn.delegations).toEqual({ alpha: { privateBrief: "আপনি বাধ্যতামূলক ভাষা চান।" } });
    // The facilitator sees the inject's title before it fires, never its news.
    expect(bn.injects).toEqual({ summit: { title: "শীর্ষ সম্মেলনের ঘোষণা" } });
    await alpha.must("start");
    await alpha.must("fire_inject", { injectId: "summit" });
    await alpha.waitFor(() => alpha.seat?.translations?.bn?.injects?.summit?.text, "the inject's news in Bangla");
    const after = alpha.seat!.translations!.bn!;
    expect(after.injects!.summit).toEqual({ title: "শীর্ষ সম্মেলনের ঘোষণা", text: "নেতারা আগামী মাসে বৈঠক করবেন এবং স্বাক্ষরের জন্য একটি খসড়া চান।" });
    // The synced news carries its translation, for every reader (those who get no seat_update too).
    await alpha.waitFor(() => alpha.state.news.length === 1, "the news in the synced state");
    const news = alpha.state.news[0]!;
    expect(news.title).toBe("Summit announced");
    expect(news.translations.get("bn")?.toJSON()).toEqual({ title: "শীর্ষ সম্মেলনের ঘোষণা", text: "নেতারা আগামী মাসে বৈঠক করবেন এবং স্বাক্ষরের জন্য একটি খসড়া চান।" });
    // Beta's private note stays beta's.
    expect(JSON.stringify(alpha.seats.map((s) => s.translations))).not.toContain("হিসাব বদলে দেয়");
    await alpha.leave();
  });
});
