// Exports in the reader's language (issue 17): a transcript's Markdown and CSV, and a class's CSV
// headings and transcripts, in Bangla with `?lang=bn` — headings, event words, end reasons and
// numbers in the reader's language, what players wrote as written, the scenario's words through its translation —
// and exactly as before without the parameter. First the builders, then through the real server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTranscript, transcriptCsv, transcriptJson } from "../../server/http/transcript.ts";
import { transcriptMarkdown } from "../../server/http/transcript-markdown.ts";
import { studentCsv } from "../../shared/classroom/report.ts";
import { DEFAULT_CRITERIA } from "../../shared/classroom/criteria.ts";
import { createTranslator } from "../../shared/i18n/index.ts";
import { createGame } from "../../shared/rules/index.ts";
import { AS_FACILITATOR, Script } from "../../shared/rules/testing.ts";
import { ClassMember } from "../classroom/member.ts";
import { fixture } from "../helpers/fixtures.ts";
import { Player, startTestServer, tempDir, type TestServer } from "./harness.ts";
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { checkScenario } from "../../shared/scenario/load.ts";
import { localize, Overlay } from "../../shared/scenario/overlay.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

const scenario = fixture("bilateral-test");
const bn = createTranslator("bn");
const BANGLA_STATEMENT = "আমরা তথ্যের বিষয়ে একমত; *জোর দিয়ে* বলছি।";

/** A Bangla statement and an English one, passes until round 3 (its inject fires), a proposal, a vote-free end by the facilitator. */
function played() {
  const script = new Script(createGame(scenario, 1));
  script.do(AS_FACILITATOR, { type: "start" });
  script.do("north", { type: "statement", text: BANGLA_STATEMENT });
  script.do("south", { type: "statement", text: "We agree on the facts." });
  while (script.state.round < 3) script.do(script.state.turn!, { type: "pass" });
  script.do(script.state.turn!, { type: "propose", package: { notification: "h24", funding: "split", scope: "critical" } });
  script.do(AS_FACILITATOR, { type: "end" });
  const actions = script.log.map((action, i) => ({ seq: i + 1, action, createdAt: `2026-01-01T00:00:${String(i).padStart(2, "0")}Z`, clock: null }));
  return buildTranscript("m1", scenario, 1, actions, "full");
}

describe("the Markdown transcript in Bangla", () => {
  const t = played();
  const md = transcriptMarkdown(t, scenario, bn);
  const lines = md.split("\n").filter((l) => l.startsWith("- "));

  it("reads the headings, events and end in Bangla, with Bengali digits", () => {
    expect(md.startsWith(`# কার্যবিবরণী: ${scenario.title}\n`)).toBe(true);
    expect(md).toContain("দৃশ্যপট `bilateral-test` · পর্যায়ক্রমিক প্রস্তাব · পূর্ণ বিবরণ (আলোচনা শেষ হয়েছে)");
    expect(lines).toHaveLength(t.entries.length);
    // Every entry's head: its version and round in Bengali digits, never Latin ones.
    for (const line of lines) expect(line).toMatch(/^- \*\*সং\. [০-৯]+ · দফা [০-৯]+\*\* · \d{4}-\d\d-\d\dT[\d:]+Z — /);
    expect(md).toContain("Southern Agency প্রথমে পদক্ষেপ নেবে");
    expect(md).toContain("দফা শুরু — দফা ৩; ");
    expect(md).toMatch(/পালা ছেড়ে দেওয়া · (Northern|Southern) Agency/);
    expect(md).toContain("Southern Agency একটি প্রস্তাব উত্থাপন করেছে: Notification deadline: Within 24 hours;");
    expect(md).toContain("— আলোচনা শেষ: সঞ্চালক শেষ করেছেন");
    // The inject is news in Bangla; its title and text are the scenario's words.
    const inject = t.entries.find((e) => e.event === "inject_fired")!;
    expect(md).toContain(`আকস্মিক ঘটনা · সংবাদ — ${inject.text}`);
    // None of the English template is left.
    for (const english of ["# Transcript", "Match `", "round ", "moves first", "tables a", "the negotiation ends", "(public)", "news", "facilitator", "full record"]) expect(md).not.toContain(english);
  });

  it("ends the full record with the debrief: the outcome and each delegation's points, walk-away and advantage", () => {
    const tail = md.slice(md.indexOf("\n## পর্যালোচনা\n"));
    expect(tail).toContain("ফলাফল: সঞ্চালক শেষ করেছেন।");
    expect(tail).toContain("| প্রতিনিধিদল | পয়েন্ট | সরে দাঁড়ানোর সীমা | বাড়তি লাভ |");
    // No deal: each delegation gets its walk-away value (after the inject), no advantage.
    for (const id of ["north", "south"]) {
      const d = scenario.delegations.find((x) => x.id === id)!;
      const walkAway = Math.round(t.debrief!.delegations.find((x) => x.id === id)!.walkAway * 100);
      const bengali = String(walkAway).replace(/\d/g, (c) => "০১২৩৪৫৬৭৮৯"[Number(c)]!);
      expect(tail).toContain(`| ${d.name} | ${bengali} | ${bengali} | ০% |`);
    }
    expect(transcriptMarkdown(t, scenario)).toContain("\n## Debrief\n\nOutcome: ended by the facilitator.\n");
    // While the table runs (the public record) there is no debrief.
    const running = buildTranscript("m1", scenario, 1, [], "public");
    expect(transcriptMarkdown(running, scenario, bn)).not.toContain("পর্যালোচনা");
  });

  it("keeps what people wrote as written, escaped as in English", () => {
    expect(md).toContain("Northern Agency (প্রকাশ্য): আমরা তথ্যের বিষয়ে একমত; \\*জোর দিয়ে\\* বলছি।");
    expect(md).toContain("Southern Agency (প্রকাশ্য): We agree on the facts.");
  });

  it("uses Latin digits in Bangla when the reader asks for them", () => {
    const latin = transcriptMarkdown(t, scenario, createTranslator("bn", { digits: "latin" }));
    expect(latin).toContain("দফা শুরু — দফা 3; ");
    expect(latin).not.toMatch(/[০-৯]/);
  });

  it("reads as before in English, and the JSON is the same in every language", () => {
    expect(transcriptMarkdown(t, scenario)).toBe(transcriptMarkdown(t, scenario, createTranslator("en")));
    expect(transcriptMarkdown(t, scenario)).toMatch(/^# Transcript: /);
    const json = JSON.parse(transcriptJson(t)) as { entries: Record<string, unknown>[] };
    // The JSON's entries carry exactly the documented fields.
    expect(Object.keys(json.entries[0]!).sort()).toEqual(["accept", "by", "byName", "channel", "event", "package", "round", "text", "time", "to", "toName", "version"]);
    expect(json.entries.find((e) => e.event === "started")!.text).toBe("Southern Agency moves first");
  });
});

describe("the CSV headings in Bangla", () => {
  it("names the transcript's columns in Bangla and keeps codes, ids and Latin digits in the cells", () => {
    const csv = transcriptCsv(played(), bn).split("\r\n");
    expect(csv[0]).toBe("সংস্করণ,সময়,দফা,ঘটনা,পক্ষ,প্রাপক,চ্যানেল,লেখা,প্যাকেজ,গ্রহণ,পক্ষ_আইডি,প্রাপক_আইডি");
    const statement = csv.find((l) => l.includes(",message,") && l.includes("আমরা"))!;
    expect(statement).toMatch(/^\d+,[^,]+,1,message,Northern Agency,,public,আমরা তথ্যের বিষয়ে একমত; \*জোর দিয়ে\* বলছি।,,,north,$/);
    expect(csv.find((l) => l.includes(",started,"))).toMatch(/,started,সঞ্চালক,,,Southern Agency প্রথমে পদক্ষেপ নেবে,,,facilitator,$/);
    // English, as it always was.
    expect(transcriptCsv(played()).split("\r\n")[0]).toBe("version,time,round,event,by,to,channel,text,package,accept,by_id,to_id");
  });

  it("names the class CSV's columns in Bangla, one score column per criterion", () => {
    const criteria = DEFAULT_CRITERIA.map((c) => ({ ...c }));
    const rows = [{ name: "আমিনা রহমান", table: 1, delegation: "north", delegationName: "Northern Agency", dealReached: true, utility: 0.7234, advantage: 0.41, messagesSent: 3, scores: { understanding: 4 } }];
    const csv = studentCsv(rows, criteria, bn).split("\r\n");
    expect(csv[0]).toBe(
      ["নাম", "টেবিল", "প্রতিনিধিদল", "সমঝোতা_হয়েছে", "উপযোগিতা", "বাড়তি_লাভ", "পাঠানো_বার্তা", ...criteria.map((c) => `নম্বর_${c.id}`), "প্রতিনিধিদল_আইডি", "উপযোগিতা_মূল", "বাড়তি_লাভ_মূল"].join(","),
    );
    expect(csv[1]).toBe("আমিনা রহমান,1,Northern Agency,হ্যাঁ,72,41,3,4,,,,,north,0.7234,0.41");
    expect(studentCsv(rows, criteria).split("\r\n")[0]).toMatch(/^name,table,delegation,deal_reached,utility,advantage,messages_sent,score_understanding,/);
  });
});

describe("?lang on the server's exports", () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer();
  });

  afterAll(async () => {
    await t?.close();
  });

  it("answers a table's transcript in the language asked for, English without it, and names a language it lacks", async () => {
    const north = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", seats: { south: { kind: "bot", strategy: "hardliner" } } }, "north");
    await north.waitFor(() => north.state.phase === "running", "the start");
    await north.must("statement", { text: BANGLA_STATEMENT });
    await north.must("end");
    await north.waitFor(() => north.reveal, "the reveal");
    const base = `${t.url}/api/matches/${north.matchId}`;

    const md = await fetch(`${base}/transcript.md?lang=bn`);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toContain("text/markdown");
    const mdText = await md.text();
    expect(mdText).toMatch(/^# কার্যবিবরণী: /);
    expect(mdText).toContain("Northern Agency (প্রকাশ্য): আমরা তথ্যের বিষয়ে একমত; \\*জোর দিয়ে\\* বলছি।");
    expect(mdText).toContain("আলোচনা শেষ: সঞ্চালক শেষ করেছেন");

    const english = await (await fetch(`${base}/transcript.md`)).text();
    expect(english).toMatch(/^# Transcript: /);
    expect(english).toContain("the negotiation ends: ended by the facilitator");
    expect(await (await fetch(`${base}/transcript.md?lang=en`)).text()).toBe(english);

    const csv = await (await fetch(`${base}/transcript.csv?lang=bn`)).text();
    expect(csv.startsWith("সংস্করণ,সময়,দফা,ঘটনা,")).toBe(true);
    // The JSON is for programs: the same bytes whatever the language.
    expect(await (await fetch(`${base}/transcript.json?lang=bn`)).text()).toBe(await (await fetch(`${base}/transcript.json`)).text());

    const bad = await fetch(`${base}/transcript.md?lang=fr`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: "bad_request", message: "query parameter 'lang': 'fr' is not a language of this server (en, bn)" } });
    await north.leave();
  });

  it("answers a class's CSV and transcripts with Bangla headings", async () => {
    const facilitator = await ClassMember.create(t.url, { scenario: "bilateral-test", layout: { kind: "count", tables: 1 }, preparationMinutes: 0 });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the facilitator's welcome");
    const student = await ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: "আমিনা" }, "Amina");
    await student.waitFor(() => student.welcome, "the student's welcome");
    await facilitator.waitFor(() => facilitator.snapshot?.students.length === 1, "the student in the class");
    const auth = { headers: { authorization: `Bearer ${welcome.facilitatorToken}` } };

    const csv = (await (await fetch(`${t.url}/api/classes/${welcome.sessionId}/students.csv?lang=bn`, auth)).text()).split("\r\n");
    expect(csv[0]).toMatch(/^নাম,টেবিল,প্রতিনিধিদল,সমঝোতা_হয়েছে,উপযোগিতা,বাড়তি_লাভ,পাঠানো_বার্তা,নম্বর_understanding,/);
    expect(csv[1]).toMatch(/^আমিনা,/);
    const english = await (await fetch(`${t.url}/api/classes/${welcome.sessionId}/students.csv`, auth)).text();
    expect(english).toMatch(/^name,table,delegation,deal_reached,/);

    const md = await (await fetch(`${t.url}/api/classes/${welcome.sessionId}/transcripts.md?lang=bn`, auth)).text();
    expect(md.startsWith(`# ক্লাস ${welcome.sessionId}: প্রতিটি টেবিলের কার্যবিবরণী`)).toBe(true);
    expect((await fetch(`${t.url}/api/classes/${welcome.sessionId}/transcripts.md?lang=xx`, auth)).status).toBe(400);
    await student.leave();
    await facilitator.leave();
  });
});

describe("the scenario's own words in a Bangla transcript", () => {
  // The Bangladesh scenario (translated in full) in a catalog of its own: delegation names, issue
  // titles and option labels come from its overlay when the reader reads Bangla.
  const ID = "bangladesh-capacity-building";
  const source = join(import.meta.dirname, "..", "..", "scenarios", ID);
  const english = parse(readFileSync(join(source, "scenario.yaml"), "utf8")) as { delegations: { id: string; name: string }[]; issues: { id: string; title: string; options: { id: string; label: string }[] }[] };
  const overlay = parse(readFileSync(join(source, "scenario.bn.yaml"), "utf8")) as { delegations: Record<string, { name: string }>; issues: Record<string, { title: string; options: Record<string, { label: string }> }> };
  let t: TestServer;

  beforeAll(async () => {
    const dir = tempDir("scenarios");
    cpSync(source, join(dir, ID), { recursive: true });
    t = await startTestServer({ scenariosDir: dir });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("names the proposer and the options of a tabled package in Bangla, and in English without ?lang", async () => {
    const others = english.delegations.map((d) => d.id).filter((d) => d !== "gov");
    const gov = await Player.create(t.url, { scenario: ID, delegation: "gov", seats: Object.fromEntries(others.map((d) => [d, { kind: "bot", strategy: "linear" }])) }, "gov");
    await gov.waitFor(() => gov.state.phase === "running", "the start");
    // Whoever proposes first tables a package: the government its best option on every issue.
    const values = (await gov.waitFor(() => gov.seat?.me?.profile.values, "the government's profile"));
    const best = Object.fromEntries(Object.entries(values).map(([issue, v]) => [issue, Object.entries(v).sort((a, b) => b[1] - a[1])[0]![0]]));
    await gov.waitFor(() => gov.state.offer || (gov.state.turn === "gov" && gov.state.stage === "proposing") || undefined, "the first proposer's turn");
    if (!gov.state.offer) await gov.must("propose", { package: best });
    const offer = await gov.waitFor(() => gov.state.offer ?? undefined, "the tabled package");
    const proposer = offer.proposer;
    const [issue, option] = [...offer.package.entries()][0]!;
    await gov.must("end");
    await gov.waitFor(() => gov.state.phase === "ended" || undefined, "the end");
    const base = `${t.url}/api/matches/${gov.matchId}`;

    const md = await (await fetch(`${base}/transcript.md?lang=bn`)).text();
    const bnName = overlay.delegations[proposer]!.name;
    const bnIssue = overlay.issues[issue]!;
    const enIssue = english.issues.find((i) => i.id === issue)!;
    expect(bnName).not.toBe(english.delegations.find((d) => d.id === proposer)!.name);
    expect(md).toContain(`${bnName} একটি প্রস্তাব উত্থাপন করেছে: ${bnIssue.title}: ${bnIssue.options[option]!.label}`);
    // The proposal's line has no English option label left (a bot's statement may still quote one: statements stay as sent).
    const proposal = md.split("\n").find((l) => l.includes("একটি প্রস্তাব উত্থাপন করেছে"))!;
    for (const o of enIssue.options) expect(proposal).not.toContain(o.label);
    // The proposer's name in Bangla in the CSV's `by` column (quoted when it holds a comma).
    const csv = await (await fetch(`${base}/transcript.csv?lang=bn`)).text();
    expect(csv).toContain(bnName.includes(",") ? `,"${bnName}",` : `,${bnName},`);

    const en = await (await fetch(`${base}/transcript.md`)).text();
    expect(en).toContain(`${english.delegations.find((d) => d.id === proposer)!.name} tables a`);
    expect(en).toContain(enIssue.options.find((o) => o.id === option)!.label);
    await gov.leave();
  });
});

describe("a bot's statement in a Bangla transcript", () => {
  // A bot speaks from its scenario's phrases; a Bangla transcript rebuilds the statement from the
  // overlay's phrases (as the game screens do), an English one keeps the stored text.
  const source = join(import.meta.dirname, "..", "..", "scenarios", "bangladesh-capacity-building");
  const loaded = checkScenario("scenario.yaml", parse(readFileSync(join(source, "scenario.yaml"), "utf8")));
  if (!loaded.ok) throw new Error("the Bangladesh scenario does not load");
  const bangladesh = loaded.scenario;
  const overlay = Overlay.parse(parse(readFileSync(join(source, "scenario.bn.yaml"), "utf8")));
  const gov = bangladesh.delegations.find((d) => d.id === "gov")!;
  const english = gov.phrases!.opening![1]!;
  const bangla = (overlay.delegations?.gov?.phrases as Record<string, string[]> | undefined)?.opening?.[1];

  function spoken(scenario: Scenario) {
    const script = new Script(createGame(bangladesh, 1));
    script.do(AS_FACILITATOR, { type: "start" });
    script.do("gov", { type: "statement", text: english, phrase: [{ kind: "phrase", key: "opening", index: 1, issue: "", option: "" }] });
    const actions = script.log.map((action, i) => ({ seq: i + 1, action, createdAt: `2026-01-01T00:00:0${i}Z`, clock: null }));
    return buildTranscript("m1", scenario, 1, actions, "public");
  }

  it("is read from the overlay's phrases in Bangla, and as stored in English and JSON", () => {
    expect(bangla).toBeTruthy();
    const words = localize(bangladesh, overlay, "bn").scenario;
    const md = transcriptMarkdown(spoken(words), words, bn);
    expect(md).toContain(bangla!);
    expect(md).not.toContain(english);
    const en = spoken(bangladesh);
    expect(transcriptMarkdown(en, bangladesh)).toContain(english);
    expect(transcriptJson(spoken(words))).toContain(JSON.stringify(english).slice(1, -1));
  });
});
