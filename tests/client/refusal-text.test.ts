// Refusals as people read them (client/net/refusals.ts): every refusal code docs/PROTOCOL.md lists
// for a table's requests (§7.4), its joins and creations (§2, §3) and a class (§11) has a sentence
// of its own in English and in Bangla; a code the client does not know shows the server's own
// sentence without its `name:` prefix.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "../../client/i18n.ts";
import { classText, connectText, refusalText } from "../../client/net/refusals.ts";
import { projectRoot } from "../helpers/fixtures.ts";

const protocol = readFileSync(join(projectRoot, "docs", "PROTOCOL.md"), "utf8");

/** The section of PROTOCOL.md from `heading` to the next heading of its level or higher. */
function section(heading: string): string {
  const start = protocol.indexOf(heading);
  expect(start, `PROTOCOL.md has ${heading}`).toBeGreaterThanOrEqual(0);
  const rest = protocol.slice(start + heading.length);
  const next = rest.search(/\n#{2,3} /);
  return next < 0 ? rest : rest.slice(0, next);
}

/** The codes in the first column of a section's tables (`code` cells). */
function firstColumnCodes(text: string): string[] {
  const codes = new Set<string>();
  for (const line of text.split("\n")) {
    const cell = /^\| ([^|]+) \|/.exec(line)?.[1];
    if (!cell) continue;
    for (const m of cell.matchAll(/`([a-z_]+)`/g)) codes.add(m[1]!);
  }
  return [...codes];
}

/** The codes a join or creation refusal's message may start with (the second column of §2's and §3's tables). */
function nameColumnCodes(text: string): string[] {
  const codes = new Set<string>();
  for (const line of text.split("\n")) {
    const cell = /^\| [^|]+ \| ([^|]+) \|/.exec(line)?.[1];
    if (!cell) continue;
    for (const m of cell.matchAll(/`([a-z_]+):?`/g)) codes.add(m[1]!);
  }
  return [...codes];
}

afterEach(() => setLocale("en"));

describe("refusals at a table (PROTOCOL §7.4)", () => {
  // `duplicate_action` is never sent (a duplicate is answered ok).
  const codes = firstColumnCodes(section("### 7.4 Error codes")).filter((c) => c !== "duplicate_action" && c !== "code");

  it("finds the documented codes", () => {
    expect(codes).toEqual(expect.arrayContaining(["stale_version", "not_your_turn", "red_line", "volume_limit", "rate_limited", "text_too_long"]));
    expect(codes.length).toBeGreaterThanOrEqual(30);
  });

  it("has a sentence of its own for each, in English and in Bangla", () => {
    for (const lang of ["en", "bn"] as const) {
      setLocale(lang);
      const seen = new Set<string>();
      for (const code of codes) {
        const server = `${code}: the server's own words`;
        const text = refusalText(code, server);
        expect(text, `${lang} ${code}`).not.toBe("the server's own words");
        // A sentence, not the code itself (`not_your_turn`).
        if (code.includes("_")) expect(text).not.toContain(code);
        seen.add(text);
        if (lang === "bn") expect(text, `${code} in Bangla`).toMatch(/[\u0980-\u09ff]/);
      }
      // Different codes read differently (not one catch-all sentence).
      expect(seen.size).toBeGreaterThan(codes.length * 0.8);
    }
  });

  it("reads numbers in the reader's digits", () => {
    setLocale("bn");
    expect(refusalText("text_too_long", "statement: field 'text' must be at most 2000 characters")).toContain("২,০০০");
    setLocale("en");
    expect(refusalText("text_too_long", "statement: field 'text' must be at most 2000 characters")).toBe("That text is too long (at most 2,000 characters).");
  });

  it("shows the server's sentence, without its name, for a code it does not know", () => {
    setLocale("bn");
    expect(refusalText("brand_new_code", "brand_new_code: propose: something new happened")).toBe("propose: something new happened");
  });
});

describe("refused joins and creations (PROTOCOL §2, §3) and a class's refusals (§11)", () => {
  it("words every documented join and creation refusal in both languages", () => {
    const after = (text: string, from: string) => text.slice(text.indexOf(from));
    const codes = [...nameColumnCodes(after(section("## 2. Creating a table"), "Creation errors")), ...nameColumnCodes(after(section("## 3. Finding and joining a table"), "Join errors"))];
    expect(codes).toEqual(expect.arrayContaining(["bad_code", "delegation_full", "match_over", "unknown_scenario", "host_key_required", "reserved_for_people"]));
    for (const lang of ["en", "bn"] as const) {
      setLocale(lang);
      for (const code of codes) {
        const text = connectText(code, `${code}: raw`);
        expect(text, `${lang} ${code}`).not.toBe("raw");
        if (lang === "bn") expect(text, `${code} in Bangla`).toMatch(/[\u0980-\u09ff]/);
      }
    }
  });

  it("words every class refusal named in §11", () => {
    const text = section("## 11. Class sessions");
    const refusals = /Refusals: ([^\n]+(?:\n[^\n]+)*?)\.\n/.exec(text)?.[1] ?? "";
    const codes = [...refusals.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
    const joins = [...(/Join refusals[^.]*: ([^\n]+(?:\n[^\n]+)*?)\.\n/.exec(text)?.[1] ?? "").matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
    expect(codes).toEqual(expect.arrayContaining(["bad_phase", "table_refused", "no_deadline"]));
    expect(joins).toEqual(expect.arrayContaining(["bad_code", "class_closed"]));
    for (const lang of ["en", "bn"] as const) {
      setLocale(lang);
      for (const code of [...codes, ...joins.filter((c) => c !== "bad_options")]) {
        const out = classText(code, `${code}: raw`);
        expect(out, `${lang} ${code}`).not.toBe("raw");
        if (lang === "bn") expect(out, `${code} in Bangla`).toMatch(/[\u0980-\u09ff]/);
      }
    }
  });
});
