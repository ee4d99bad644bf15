// Lessons after the game (shared/lessons): constructed games where each kind of lesson is known to
// occur (and its numbers are worked out by hand below), a well-played game that gives none, the
// ranking, and games the real bots play on the shipped scenarios.
import { describe, expect, it } from "vitest";
import { build, profile } from "../../shared/analysis/testing.ts";
import { botsFor, playGame } from "../../shared/bots/play.ts";
import { lessonsFor, type Lesson, type LessonGame } from "../../shared/lessons/lessons.ts";
import { CONCEPTS, RELATED, isConcept } from "../../shared/lessons/concepts.ts";
import type { Move, Outcome } from "../../shared/rules/types.ts";
import { reveal } from "../../shared/rules/view.ts";
import { loadScenarioFile, scenariosDir } from "../../server/scenarios.ts";

// Two issues, three options each; option o0 is worth 1 to p0 and 0 to p1, o1 0.5 to both, o2 0 to p0
// and 1 to p1. p0 cares for i0 (weight 0.8), p1 for i1 (0.8): the logroll (o0, o2) gives both 0.8.
// u0(a, b) = 0.8·v(a) + 0.2·v(b) and u1(a, b) = 0.2·(1 − v(a)) + 0.8·(1 − v(b)), v = 1, 0.5, 0.
const values = [
  [1, 0.5, 0],
  [1, 0.5, 0],
];
const flipped = [
  [0, 0.5, 1],
  [0, 0.5, 1],
];
const built = build([3, 3], [profile([0.8, 0.2], values, 0.3), profile([0.2, 0.8], flipped, 0.3)]);

const P = (a: number, b: number) => ({ i0: `o${a}`, i1: `o${b}` });
const u0 = (a: number, b: number) => 0.8 * values[0]![a]! + 0.2 * values[1]![b]!;
const u1 = (a: number, b: number) => 0.2 * flipped[0]![a]! + 0.8 * flipped[1]![b]!;

type Step = [round: number, by: "p0" | "p1", type: Move["type"], pkg?: [number, number], accept?: boolean];

function game(steps: Step[], outcome: Outcome | null, deadline = 10, protocol: "alternating" | "multilateral" = "alternating", parties = built): LessonGame {
  return {
    scenario: { protocol, issues: parties.issues, deadline: { rounds: deadline } },
    delegations: parties.parties.map((p) => ({ id: p.id, profile: p.profile })),
    moves: steps.map(([round, by, type, pkg, accept], k) => ({ version: k + 2, round, by, type, ...(pkg ? { package: P(pkg[0], pkg[1]) } : {}), ...(accept === undefined ? {} : { accept }) })),
    outcome,
  };
}

const deal = (a: number, b: number, round: number): Outcome => ({ agreement: true, reason: "agreement", package: P(a, b), utilities: { p0: u0(a, b), p1: u1(a, b) }, round });
const noDeal = (reason: Outcome["reason"], round: number, by?: string): Outcome => ({ agreement: false, reason, package: null, utilities: { p0: 0.3, p1: 0.3 }, round, ...(by ? { by } : {}) });

function only(lessons: Lesson[], kind: Lesson["kind"]): Lesson {
  const found = lessons.filter((l) => l.kind === kind);
  expect(found.map((l) => l.kind), JSON.stringify(lessons.map((l) => [l.kind, l.step]))).toEqual([kind]);
  return found[0]!;
}

describe("lessons after the game", () => {
  it("a game traded well from a firm opening to the logroll gives no lesson", () => {
    const g = game(
      [
        [1, "p0", "propose", [0, 0]],
        [1, "p1", "counter", [2, 2]],
        [2, "p0", "counter", [0, 1]],
        [2, "p1", "counter", [1, 2]],
        [3, "p0", "counter", [0, 2]],
        [3, "p1", "accept"],
      ],
      deal(0, 2, 3),
    );
    expect(lessonsFor(g, "p0")).toEqual([]);
    expect(lessonsFor(g, "p1")).toEqual([]);
  });

  it("value given away: a concession that costs me 0.4 and gives the other side 0.1", () => {
    // Rounds past the first 30% of the deadline, so the concession is not also an early one.
    const g = game(
      [
        [12, "p0", "propose", [0, 1]],
        [12, "p1", "counter", [2, 2]],
        [13, "p0", "counter", [1, 1]],
        [13, "p1", "counter", [2, 2]],
        [14, "p0", "counter", [0, 2]],
        [14, "p1", "accept"],
      ],
      deal(0, 2, 14),
      30,
    );
    const l = only(lessonsFor(g, "p0"), "given-away");
    expect(l).toMatchObject({ step: 3, round: 13, concept: "logrolling", package: P(1, 1) });
    expect(l.numbers.gain).toBeCloseTo(u0(0, 1) - u0(1, 1)); // 0.4
    expect(l.numbers.others).toBeCloseTo(u1(1, 1) - u1(0, 1)); // 0.1
    expect(l.size).toBeCloseTo(0.3);
  });

  it("a missed Pareto improvement: accepting (o1, o1) when (o0, o2) gave me 0.3 more and the other side 0.3 more", () => {
    const g = game(
      [
        [5, "p0", "propose", [0, 0]],
        [5, "p1", "counter", [1, 1]],
        [6, "p0", "accept"],
      ],
      deal(1, 1, 6),
    );
    const lessons = lessonsFor(g, "p0");
    const l = only(lessons, "missed-pareto");
    expect(l).toMatchObject({ step: 3, round: 6, concept: "pareto-efficiency", package: P(1, 1), better: P(0, 2) });
    expect(l.numbers.mine).toBeCloseTo(0.5);
    expect(l.numbers.gain).toBeCloseTo(0.3);
    expect(l.numbers.others).toBeCloseTo(0.3);
    // It turned down nothing better and conceded in the middle rounds: nothing else to say.
    expect(lessons).toHaveLength(1);
  });

  it("an early concession (anchoring): 86% of the range gone in round 1", () => {
    const g = game(
      [
        [1, "p0", "propose", [1, 2]],
        [1, "p1", "accept"],
      ],
      deal(1, 2, 1),
    );
    const l = only(lessonsFor(g, "p0"), "early-concession");
    // Ideal 1, walk-away 0.3, range 0.7; (o1, o2) is worth 0.4: 0.6 conceded, 0.6 / 0.7 of the range.
    expect(l).toMatchObject({ step: 1, round: 1, concept: "anchoring" });
    expect(l.numbers.share).toBeCloseTo(0.6 / 0.7);
    expect(l.size).toBeCloseTo(0.6 - 0.7 / 10);
    expect(lessonsFor(g, "p1")).toEqual([]);
  });

  it("an early accept below the walk-away: the concession counts the range only, the rest is the accept's own lesson", () => {
    const lessons = lessonsFor(game([[1, "p1", "propose", [2, 0]], [1, "p0", "accept"]], deal(2, 0, 1)), "p0");
    expect(lessons.map((l) => [l.kind, l.step])).toEqual([
      ["missed-pareto", 2],
      ["early-concession", 2],
      ["accepted-below", 2],
    ]);
    // (o0, o1) gives 0.9 and 0.4 against 0.2 and 0.2: the largest gain for p0 that costs p1 nothing.
    expect(lessons[0]!.size).toBeCloseTo(0.7);
    expect(lessons[0]!.better).toEqual(P(0, 1));
    // The whole range (1 − 0.3) conceded in round 1 of 10, less a steady pace's 0.07; no share above 100%.
    expect(lessons[1]!.numbers.share).toBe(1);
    expect(lessons[1]!.size).toBeCloseTo(0.7 - 0.07);
    expect(lessons[2]!.size).toBeCloseTo(0.1);
  });

  it("a late concession (deadline effects): firm for eight rounds, then 0.6 in round 9", () => {
    const steps: Step[] = [];
    for (let r = 1; r <= 8; r++) steps.push([r, "p0", r === 1 ? "propose" : "counter", [0, 0]], [r, "p1", "counter", [2, 2]]);
    steps.push([9, "p0", "counter", [1, 2]], [9, "p1", "accept"]);
    const l = only(lessonsFor(game(steps, deal(1, 2, 9)), "p0"), "late-concession");
    expect(l).toMatchObject({ step: 17, round: 9, concept: "deadline-effects" });
    expect(l.size).toBeCloseTo(0.6);
    expect(l.numbers.share).toBeCloseTo(0.6 / 0.7);
  });

  it("no deal at the deadline after never moving: the Nash share of 0.5 lost", () => {
    const steps: Step[] = [];
    for (let r = 1; r <= 10; r++) steps.push([r, "p0", r === 1 ? "propose" : "counter", [0, 0]], [r, "p1", "counter", [2, 2]]);
    const lessons = lessonsFor(game(steps, noDeal("deadline", 10)), "p0");
    const l = only(lessons, "late-concession");
    // Surpluses over 0.3: (o0, o2) 0.5 × 0.5 is the largest product; p0's share is 0.5.
    expect(l.numbers.gain).toBeCloseTo(0.5);
    expect(l.step).toBe(19);
  });

  it("accepting below the walk-away (reservation value), and below an offer made earlier", () => {
    const below = lessonsFor(game([[4, "p1", "propose", [2, 0]], [4, "p0", "accept"]], deal(2, 0, 4)), "p0");
    const a = below.find((l) => l.kind === "accepted-below")!;
    expect(a).toMatchObject({ step: 2, concept: "reservation-value" });
    expect(a.numbers.mine).toBeCloseTo(0.2);
    expect(a.numbers.walkAway).toBeCloseTo(0.3);
    expect(a.size).toBeCloseTo(0.1);
    // The same accept also missed (o0, o2), worth 0.6 more to p0 and 0.6 more to p1: that one is larger, so first.
    expect(below[0]!.kind).toBe("missed-pareto");

    const earlier = lessonsFor(
      game(
        [
          [4, "p1", "propose", [0, 1]],
          [4, "p0", "counter", [0, 0]],
          [5, "p1", "counter", [1, 1]],
          [5, "p0", "accept"],
        ],
        deal(1, 1, 5),
      ),
      "p0",
    );
    const b = earlier.find((l) => l.kind === "accepted-below")!;
    expect(b).toMatchObject({ step: 4, concept: "reservation-value" });
    expect(b.numbers.reference).toBeCloseTo(0.9);
    expect(b.size).toBeCloseTo(0.4);
    // Countering the 0.9 offer and ending with 0.5: turned down 0.4 (BATNA).
    const c = earlier.find((l) => l.kind === "turned-down")!;
    expect(c).toMatchObject({ step: 2, concept: "batna" });
    expect(c.size).toBeCloseTo(0.4);
  });

  it("an offer that crossed my red line was never available: no lesson holds it up against what I accepted", () => {
    const steps: Step[] = [
      [1, "p1", "propose", [0, 1]],
      [1, "p0", "counter", [0, 0]],
      [2, "p1", "counter", [1, 2]],
      [2, "p0", "accept"],
    ];
    const kinds = (g: LessonGame) => lessonsFor(g, "p0").map((l) => l.kind).sort();
    // Without a red line, (o0, o1) at 0.9 was there for the taking: accepted 0.4 below it, and turned it down.
    expect(kinds(game(steps, deal(1, 2, 2)))).toEqual(["accepted-below", "early-concession", "turned-down"]);
    // With p0's red line on issue 1's option 1, (o0, o1) could never be signed by p0.
    const red = build([3, 3], [profile([0.8, 0.2], values, 0.3), profile([0.2, 0.8], flipped, 0.3)], [[0, 1, 1]]);
    expect(kinds(game(steps, deal(1, 2, 2), 10, "alternating", red))).toEqual(["early-concession"]);
  });

  it("walking away from an offer worth more than the walk-away (BATNA)", () => {
    const lessons = lessonsFor(game([[5, "p1", "propose", [1, 1]], [5, "p0", "walk_away"]], noDeal("walked_away", 5, "p0")), "p0");
    const l = only(lessons, "walked-away");
    expect(l).toMatchObject({ step: 2, concept: "batna", package: P(1, 1) });
    expect(l.size).toBeCloseTo(0.2);
    // Walking away from an offer below the walk-away is no mistake.
    expect(lessonsFor(game([[5, "p1", "propose", [2, 2]], [5, "p0", "walk_away"]], noDeal("walked_away", 5, "p0")), "p0")).toEqual([]);
  });

  it("multilateral: a vote that alone sank a package worth more than the deadline gave; not when the others sank it too", () => {
    const three = build(
      [3, 3],
      [profile([0.8, 0.2], values, 0.3), profile([0.2, 0.8], flipped, 0.3), profile([0.5, 0.5], [[0.5, 1, 0], [0.5, 1, 0]], 0.3)],
    );
    const vote = (p0: boolean, p2: boolean, outcome: Outcome) =>
      ({
        ...game([[3, "p1", "propose", [1, 1]]], outcome, 3, "multilateral", three),
        moves: [
          { version: 2, round: 3, by: "p1", type: "propose", package: P(1, 1) },
          { version: 3, round: 3, by: "p2", type: "vote", accept: p2 },
          { version: 4, round: 3, by: "p0", type: "vote", accept: p0 },
        ],
      }) as LessonGame;
    const alone = lessonsFor(vote(false, true, noDeal("deadline", 3)), "p0");
    const l = alone.find((x) => x.kind === "turned-down")!;
    expect(l).toMatchObject({ step: 3, concept: "batna", package: P(1, 1) });
    expect(l.size).toBeCloseTo(0.5 - 0.3);
    expect(lessonsFor(vote(false, false, noDeal("deadline", 3)), "p0").find((x) => x.kind === "turned-down")).toBeUndefined();
    // (o1, o1) gives 0.5, 0.5, 1: nothing is at least as good for p2 (its ideal), so no Pareto lesson for p0.
    const adopted: Outcome = { agreement: true, reason: "agreement", package: P(1, 1), utilities: { p0: 0.5, p1: 0.5, p2: 1 }, round: 3 };
    expect(lessonsFor(vote(true, true, adopted), "p0").find((x) => x.kind === "missed-pareto")).toBeUndefined();
  });

  it("multilateral: a yes to a text that then failed cost nothing; the yes that made a deal below an earlier one it could have had did", () => {
    const three = build([3, 3], [profile([0.8, 0.2], values, 0.3), profile([0.2, 0.8], flipped, 0.3), profile([0.5, 0.5], [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]], 0.1)]);
    const mv = (version: number, round: number, by: string, type: Move["type"], extra: Partial<Move> = {}): Move => ({ version, round, by, type, ...extra });
    // Round 1: p2 tables (o0, o1), worth 0.9 to p0; p1 votes for it, p0 against: p0 alone sank it.
    // Round 2: p1 tables (o1, o2), worth 0.4 to p0; everyone votes for it: the deal.
    const moves: Move[] = [
      mv(2, 1, "p2", "propose", { package: P(0, 1) }),
      mv(3, 1, "p1", "vote", { accept: true }),
      mv(4, 1, "p0", "vote", { accept: false }),
      mv(5, 2, "p1", "propose", { package: P(1, 2) }),
      mv(6, 2, "p2", "vote", { accept: true }),
      mv(7, 2, "p0", "vote", { accept: true }),
    ];
    const base = game([], null, 10, "multilateral", three);
    const deal12: Outcome = { agreement: true, reason: "agreement", package: P(1, 2), utilities: { p0: u0(1, 2), p1: u1(1, 2), p2: 0.5 }, round: 2 };
    const lessons = lessonsFor({ ...base, moves, outcome: deal12 }, "p0");
    const below = lessons.find((l) => l.kind === "accepted-below")!;
    expect(below).toMatchObject({ step: 6, concept: "reservation-value" });
    expect(below.numbers.reference).toBeCloseTo(0.9);
    expect(below.size).toBeCloseTo(0.5);
    // Had p1 voted against round 1's text too, it was never p0's to take: no lesson holds it up.
    const sunk = moves.map((m) => (m.version === 3 ? { ...m, accept: false } : m));
    const kinds = lessonsFor({ ...base, moves: sunk, outcome: deal12 }, "p0").map((l) => l.kind);
    expect(kinds).not.toContain("accepted-below");
    expect(kinds).not.toContain("turned-down");
    // A yes to a text that failed is no accept below anything.
    const failed: Outcome = { agreement: false, reason: "deadline", package: null, utilities: { p0: 0.3, p1: 0.3, p2: 0.1 }, round: 2 };
    const noDealMoves = moves.map((m) => (m.version === 6 ? { ...m, accept: false } : m));
    expect(lessonsFor({ ...base, moves: noDealMoves, outcome: failed }, "p0").map((l) => l.kind)).not.toContain("accepted-below");
  });

  it("ranks by size, keeps to three, and gives the same lessons every time", () => {
    const steps: Step[] = [
      [1, "p1", "propose", [0, 1]],
      [1, "p0", "counter", [0, 0]],
      [2, "p1", "counter", [1, 1]],
      [2, "p0", "counter", [2, 0]],
      [3, "p1", "counter", [2, 1]],
      [3, "p0", "accept"],
    ];
    const g = game(steps, deal(2, 1, 3));
    const first = lessonsFor(g, "p0");
    expect(first.length).toBe(3);
    for (let i = 1; i < first.length; i++) expect(first[i - 1]!.size).toBeGreaterThanOrEqual(first[i]!.size);
    expect(new Set(first.map((l) => l.kind)).size).toBe(3);
    expect(lessonsFor(g, "p0")).toEqual(first);
    expect(lessonsFor(g, "p0", { limit: 1 })).toEqual([first[0]]);
    expect(lessonsFor(g, "nobody")).toEqual([]);
  });

  it("on bot games of the shipped scenarios: at most three, each about a move of the delegation, concepts with glossary pages", () => {
    for (const id of ["us-china-2015", "sco-code-of-conduct-2015"]) {
      const loaded = loadScenarioFile(`${scenariosDir}/${id}`);
      if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
      const scenario = loaded.scenario;
      let total = 0;
      for (const seed of [1, 2, 3]) {
        const names = Object.fromEntries(scenario.delegations.map((d, i) => [d.id, i === 0 ? "conceder" : "boulware"] as const));
        const played = playGame(scenario, seed, botsFor(scenario, seed, names, { talk: false }));
        const r = reveal(played.state);
        for (const d of scenario.delegations) {
          const lessons = lessonsFor(r, d.id, { deadlineRounds: played.state.deadlineRounds });
          expect(lessons.length).toBeLessThanOrEqual(3);
          for (const l of lessons) {
            expect(r.moves[l.step - 1]!.by).toBe(d.id);
            expect(isConcept(l.concept)).toBe(true);
            expect(l.size).toBeGreaterThan(0);
          }
          total += lessons.length;
        }
      }
      // Conceders and Boulwares between them leave something to learn from.
      expect(total, id).toBeGreaterThan(0);
    }
  });

  it("every concept's glossary page links only to other concepts", () => {
    for (const c of CONCEPTS) {
      expect(RELATED[c].length).toBeGreaterThan(0);
      for (const r of RELATED[c]) {
        expect(isConcept(r)).toBe(true);
        expect(r).not.toBe(c);
      }
    }
  });
});
