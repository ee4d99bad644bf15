// The next suggested game or drill, from the ladder alone, by one rule the page explains:
//   1. Nothing yet: an easy game.
//   2. The last two games at the same level both reached a deal with an advantage of at least
//      half: the next level up (easy → medium → hard), same scenario and delegation.
//   3. An idea never drilled: its drill (find the trade, then hold your walk-away, then read
//      priorities), on the scenario of the last game when it has one.
//   4. The idea whose last three drills average lowest, when that is under 70: its drill again.
//   5. Otherwise another game at the last level.
import { DRILLS } from "../../shared/drills/catalog.ts";
import { DRILL_KINDS, type DrillKind } from "../../shared/drills/drill.ts";
import type { Entry, GameEntry } from "./ladder.ts";

export const GOOD_ADVANTAGE = 0.5;
export const WEAK_IDEA = 70;
const LEVELS = ["easy", "medium", "hard"] as const;
type Level = (typeof LEVELS)[number];

export type Suggestion =
  | { kind: "first" }
  | { kind: "harder"; from: Level; to: Level; scenario: string; delegation: string }
  | { kind: "drill"; reason: "untried" | "weakest"; idea: DrillKind; drill: string; mean: number | null }
  | { kind: "again"; level: string; scenario: string; delegation: string };

const good = (g: GameEntry) => g.agreement && g.advantage >= GOOD_ADVANTAGE;

function drillFor(idea: DrillKind, scenario: string | null): string {
  const of = DRILLS.filter((d) => d.kind === idea);
  return (of.find((d) => d.scenario === scenario) ?? of[0])!.id;
}

export function suggest(entries: readonly Entry[]): Suggestion {
  if (entries.length === 0) return { kind: "first" };
  const games = entries.filter((e): e is GameEntry => e.kind === "game");
  const last = games.at(-1) ?? null;
  const prev = games.at(-2) ?? null;
  if (last && prev && last.difficulty === prev.difficulty && good(last) && good(prev)) {
    const at = LEVELS.indexOf(last.difficulty as Level);
    if (at >= 0 && at < LEVELS.length - 1) return { kind: "harder", from: LEVELS[at]!, to: LEVELS[at + 1]!, scenario: last.scenario, delegation: last.delegation };
  }
  const scenario = last?.scenario ?? null;
  const drills = entries.filter((e) => e.kind === "drill");
  const untried = DRILL_KINDS.find((k) => !drills.some((d) => d.idea === k));
  if (untried) return { kind: "drill", reason: "untried", idea: untried, drill: drillFor(untried, scenario), mean: null };
  let weakest: { idea: DrillKind; mean: number } | null = null;
  for (const idea of DRILL_KINDS) {
    const recent = drills.filter((d) => d.idea === idea).slice(-3);
    const mean = recent.reduce((a, d) => a + d.score, 0) / recent.length;
    if (!weakest || mean < weakest.mean) weakest = { idea, mean };
  }
  if (weakest && weakest.mean < WEAK_IDEA) return { kind: "drill", reason: "weakest", idea: weakest.idea, drill: drillFor(weakest.idea, scenario), mean: weakest.mean };
  if (!last) return { kind: "first" };
  return { kind: "again", level: last.difficulty, scenario: last.scenario, delegation: last.delegation };
}
