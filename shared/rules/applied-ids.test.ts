import { describe, expect, it } from "vitest";
import { AppliedIds } from "./applied-ids.ts";
import { deepFreeze } from "./per-scenario.ts";

function ids(n: number, from: AppliedIds = AppliedIds.none(), prefix = "a"): AppliedIds[] {
  const states = [from];
  for (let i = 0; i < n; i++) states.push(states.at(-1)!.with(`${prefix}${i}`));
  return states;
}

describe("AppliedIds: a game's applied action ids, shared by its states", () => {
  it("each state sees exactly its own ids, however many came after it", () => {
    const states = ids(500);
    for (const [k, s] of states.entries()) {
      expect(s.length).toBe(k);
      expect([...s]).toEqual(Array.from({ length: k }, (_, i) => `a${i}`));
      expect(s.toJSON()).toEqual([...s]);
      expect(JSON.stringify({ actionIds: s })).toBe(JSON.stringify({ actionIds: [...s] }));
      if (k > 0) expect(s.has(`a${k - 1}`)).toBe(true);
      // The ids applied after this state are not this state's.
      expect(s.has(`a${k}`)).toBe(false);
      expect(s.at(k)).toBeUndefined();
      expect(s.at(-1)).toBeUndefined();
    }
    expect(states[250]!.at(249)).toBe("a249");
  });

  it("a second action tried on an older state starts a history of its own, and neither sees the other's", () => {
    const main = ids(100);
    const older = main[40]!;
    const branch = ids(10, older, "b");
    const tip = branch.at(-1)!;
    expect(tip.length).toBe(50);
    expect(tip.has("a39")).toBe(true);
    expect(tip.has("a40")).toBe(false);
    expect(tip.has("b9")).toBe(true);
    expect([...tip].slice(38, 42)).toEqual(["a38", "a39", "b0", "b1"]);
    // The main history is as it was, and still grows.
    const last = main.at(-1)!;
    expect(last.has("b0")).toBe(false);
    expect(last.has("a99")).toBe(true);
    const more = last.with("a100");
    expect(more.length).toBe(101);
    expect(older.length).toBe(40);
    expect([...older]).toEqual(Array.from({ length: 40 }, (_, i) => `a${i}`));
    // Both branches can be extended again from the same state.
    const twice = [older.with("c"), older.with("d")];
    expect(twice.map((s) => [...s].at(-1))).toEqual(["c", "d"]);
    expect(twice[0]!.has("d")).toBe(false);
    expect(twice[1]!.has("c")).toBe(false);
  });

  it("works on a deep-frozen state (its record is not part of what freezing reaches)", () => {
    const state = { actionIds: ids(3).at(-1)! };
    deepFreeze(state);
    expect(Object.isFrozen(state.actionIds)).toBe(true);
    const next = state.actionIds.with("x");
    expect([...next]).toEqual(["a0", "a1", "a2", "x"]);
    expect(state.actionIds.length).toBe(3);
  });
});
