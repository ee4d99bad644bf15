// The ladder's record (client/practice/ladder.ts) and its suggestion (suggest.ts), without a
// browser: a Map stands in for localStorage.
import { describe, expect, it } from "vitest";
import { clearStored, empty, importText, ladderText, parseLadder, readStored, record, type DrillEntry, type GameEntry } from "../../client/practice/ladder.ts";
import { suggest } from "../../client/practice/suggest.ts";

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

let clock = Date.parse("2026-12-01T10:00:00Z");
const at = () => new Date((clock += 60_000)).toISOString();

function game(over: Partial<GameEntry> = {}): GameEntry {
  return { kind: "game", id: `m${clock}`, at: at(), scenario: "us-china-2015", delegation: "us", difficulty: "easy", strategy: "easy", agreement: true, reason: "agreement", utility: 0.6, walkAway: 0.4, advantage: 0.6, paretoDistance: 0.01, ...over };
}
function drill(over: Partial<DrillEntry> = {}): DrillEntry {
  return { kind: "drill", id: `d${clock}`, at: at(), drill: "us-china-2015.trade", idea: "trade", scenario: "us-china-2015", seed: 1, score: 80, agreement: true, utility: 0.7, walkAway: 0.4, advantage: 0.5, paretoDistance: 0, ...over };
}

describe("the ladder's record", () => {
  it("records each game once, exports, clears and imports the file back", () => {
    const s = memory();
    const g = game();
    expect(record(g, s)).toBe(true);
    expect(record(g, s)).toBe(true);
    expect(record(drill(), s)).toBe(true);
    const text = ladderText(readStored(s).ladder);
    expect(readStored(s).ladder.entries).toHaveLength(2);
    clearStored(s);
    expect(readStored(s).ladder.entries).toHaveLength(0);
    expect(importText(text, s)).toEqual({ ok: true, added: 2 });
    expect(readStored(s).ladder.entries.map((e) => e.id)).toEqual(JSON.parse(text).entries.map((e: { id: string }) => e.id));
    // Importing the same file again adds nothing.
    expect(importText(text, s)).toEqual({ ok: true, added: 0 });
  });

  it("refuses a bad file with what was wrong and where, and changes nothing", () => {
    const s = memory();
    record(game(), s);
    const good = JSON.parse(ladderText(readStored(s).ladder));
    const bad = (f: (x: any) => void) => {
      const copy = structuredClone(good);
      f(copy);
      return JSON.stringify(copy);
    };
    expect(parseLadder("{ not json")).toEqual({ ok: false, problem: { what: "notJson", where: "" } });
    expect(parseLadder(JSON.stringify({ entries: [] }))).toEqual({ ok: false, problem: { what: "notLadder", where: "" } });
    expect(parseLadder(bad((x) => (x.version = 2)))).toEqual({ ok: false, problem: { what: "version", where: "version" } });
    expect(parseLadder(bad((x) => (x.entries[0].advantage = "high")))).toEqual({ ok: false, problem: { what: "type", where: "entries[0].advantage" } });
    expect(parseLadder(bad((x) => delete x.entries[0].scenario))).toEqual({ ok: false, problem: { what: "missing", where: "entries[0].scenario" } });
    expect(parseLadder(bad((x) => (x.entries[0].extra = 1)))).toEqual({ ok: false, problem: { what: "unknownField", where: "entries[0].extra" } });
    expect(parseLadder(bad((x) => (x.entries[0].at = "yesterday")))).toEqual({ ok: false, problem: { what: "format", where: "entries[0].at" } });
    expect(parseLadder(bad((x) => (x.entries[0].kind = "match"))).ok).toBe(false);
    const before = readStored(s).ladder;
    expect(importText(bad((x) => (x.entries[0].utility = 7)), s)).toEqual({ ok: false, problem: { what: "range", where: "entries[0].utility" } });
    expect(readStored(s).ladder).toEqual(before);
  });

  it("a damaged stored copy is reported, not overwritten by the next record", () => {
    const s = memory();
    s.setItem("accord:ladder", "{broken");
    expect(readStored(s)).toEqual({ ladder: empty(), problem: { what: "notJson", where: "" } });
    expect(record(game(), s)).toBe(false);
    expect(s.m.get("accord:ladder")).toBe("{broken");
  });
});

describe("the next suggested game", () => {
  it("follows its rule step by step", () => {
    expect(suggest([])).toEqual({ kind: "first" });
    const one = [game({ advantage: 0.7 })];
    expect(suggest(one)).toMatchObject({ kind: "drill", reason: "untried", idea: "trade", drill: "us-china-2015.trade" });
    const two = [...one, game({ advantage: 0.55 })];
    expect(suggest(two)).toEqual({ kind: "harder", from: "easy", to: "medium", scenario: "us-china-2015", delegation: "us" });
    // A weak second result, or two at different levels: no step up.
    expect(suggest([...one, game({ advantage: 0.2 })])).toMatchObject({ kind: "drill", reason: "untried" });
    expect(suggest([...one, game({ difficulty: "medium", advantage: 0.9 })])).toMatchObject({ kind: "drill" });
    expect(suggest([...two, game({ difficulty: "hard" }), game({ difficulty: "hard" })])).toMatchObject({ kind: "drill" });
    const drilled = [game({ advantage: 0.1 }), drill({ idea: "trade", score: 90 }), drill({ idea: "hold", drill: "us-china-2015.hold", score: 40 }), drill({ idea: "read", drill: "us-china-2015.read", score: 67 })];
    expect(suggest(drilled)).toEqual({ kind: "drill", reason: "weakest", idea: "hold", drill: "us-china-2015.hold", mean: 40 });
    const strong = [...drilled, drill({ idea: "hold", score: 100 }), drill({ idea: "hold", score: 100 }), drill({ idea: "read", score: 100 })];
    expect(suggest(strong)).toEqual({ kind: "again", level: "easy", scenario: "us-china-2015", delegation: "us" });
  });
});
