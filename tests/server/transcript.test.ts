// The transcript exports as people read them: delegation names (never ids) in the Markdown and the
// CSV, each event under the round it happened in, ordinary punctuation left alone, and player text
// still unable to inject HTML or Markdown markup.
import { describe, expect, it } from "vitest";
import { createGame } from "../../shared/rules/index.ts";
import { AS_FACILITATOR, Script } from "../../shared/rules/testing.ts";
import { buildTranscript, transcriptCsv } from "../../server/http/transcript.ts";
import { markdownText, transcriptMarkdown } from "../../server/http/transcript-markdown.ts";
import { fixture } from "../helpers/fixtures.ts";

const scenario = fixture("bilateral-test");

/** North says something, both pass until round 3 (whose inject fires), then south (first mover with seed 1) proposes and the facilitator ends it. */
function played(text: string) {
  const script = new Script(createGame(scenario, 1));
  script.do(AS_FACILITATOR, { type: "start" });
  script.do("north", { type: "statement", text }); // anyone may speak at any time
  while (script.state.round < 3) script.do(script.state.turn!, { type: "pass" });
  script.do(script.state.turn!, { type: "propose", package: { notification: "h24", funding: "split", scope: "critical" } });
  script.do(AS_FACILITATOR, { type: "end" });
  const actions = script.log.map((action, i) => ({ seq: i + 1, action, createdAt: `2026-01-01T00:00:${String(i).padStart(2, "0")}Z`, clock: null }));
  return buildTranscript("m1", scenario, 1, actions, "full");
}

describe("the Markdown transcript", () => {
  it("leaves ordinary punctuation alone", () => {
    const plain = "We agree on the facts. Funding is 21.5 million (background-investigation, per year)! Costs: 3+4 = 7; R&D #1?";
    expect(markdownText(plain)).toBe(plain);
    expect(markdownText("snake_case stays; 2 > 1")).toBe("snake_case stays; 2 > 1");
  });

  it("keeps player text from becoming HTML or Markdown markup", () => {
    expect(markdownText('<b>bold</b> <img src=x onerror=alert(1)> <script>')).toBe("&lt;b&gt;bold&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt; &lt;script&gt;");
    expect(markdownText("&amp; &#60;")).toBe("&amp;amp; &amp;#60;");
    expect(markdownText("[click](http://evil) ![img](x) **loud** _quiet_ `code` ~~gone~~ a|b")).toBe(
      "\\[click\\](http://evil) !\\[img\\](x) \\*\\*loud\\*\\* \\_quiet\\_ \\`code\\` \\~\\~gone\\~\\~ a\\|b",
    );
    expect(markdownText("a \\*b")).toBe("a \\\\\\*b");
    // Line breaks stay inside the list item, and no later line starts a block.
    expect(markdownText("one\n# heading\n> quote\n- item\n1. first\n    code\n===\n---")).toBe(
      ["one", "\\# heading", "\\> quote", "\\- item", "1\\. first", "code", "\\===", "\\---"].join("  \n  "),
    );
  });

  it("names delegations and lists each event under its own round", () => {
    const t = played("We agree on the facts.");
    const md = transcriptMarkdown(t, scenario);
    expect(md).toContain("Northern Agency (public): We agree on the facts.");
    expect(md).toMatch(/Southern Agency moves first/);
    expect(md).toMatch(/Southern Agency tables a proposal: Notification deadline: Within 24 hours;/);
    expect(md).toMatch(/passed · Northern Agency/);
    expect(md).toMatch(/the negotiation ends: ended by the facilitator/);
    expect(md).not.toMatch(/\b(north|south)\b/);
    // Every entry's round never goes back, and round 3's inject comes after "round 3" under round 3.
    const rounds = [...md.matchAll(/round (\d+)\*\*/g)].map((m) => Number(m[1]));
    expect(rounds).toEqual([...rounds].sort((a, b) => a - b));
    const inject = t.entries.find((e) => e.event === "inject_fired")!;
    expect(inject.round).toBe(3);
    expect(t.entries.indexOf(inject)).toBeGreaterThan(t.entries.findIndex((e) => e.event === "round_started" && e.round === 3));
    expect(md).toMatch(/round 3\*\* · [^\n]* — inject fired · news — /);
  });
});

describe("the transcript CSV", () => {
  it("gives delegation names, with the ids as the last columns", () => {
    const csv = transcriptCsv(played("Fine.")).split("\r\n");
    expect(csv[0]).toBe("version,time,round,event,by,to,channel,text,package,accept,by_id,to_id");
    const statement = csv.find((l) => l.includes(",message,"))!;
    expect(statement).toMatch(/^\d+,[^,]+,1,message,Northern Agency,,public,Fine\.,,,north,$/);
    expect(csv.find((l) => l.includes(",proposed,"))).toMatch(/,3,proposed,Southern Agency,.*,south,$/);
  });
});
