// Where the negotiating table puts things (client/table/layout.ts), without Phaser: every delegation
// gets a seat, on the canvas, its emblem and its name clear of every other seat's, for two to seven
// delegations on a laptop (1366×768) and a phone (390×844), with your own seat at the bottom; the
// package's cards on the canvas and apart; the words the table shows for its phases.
import { describe, expect, it } from "vitest";
import { publicScenario } from "../../shared/rules/view.ts";
import type { PublicScenario, ReadonlyProfile } from "../../shared/rules/types.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { resolveScenario, scenarioIds } from "../../server/scenarios.ts";
import type { SeatInfo, TableView } from "../../client/net/view.ts";
import { estimateLines, layout, type Rect, type TableInput, type TableLayout } from "../../client/table/layout.ts";

const SHIPPED: Scenario[] = scenarioIds().map((id) => {
  const loaded = resolveScenario(id);
  if (!loaded.ok) throw new Error(`${id}: ${loaded.errors.join("; ")}`);
  return loaded.scenario;
});

/** The real delegation names of every shipped scenario, longest first: the hardest labels to place. */
const NAMES = [...new Set(SHIPPED.flatMap((s) => s.delegations.map((d) => d.name)))].sort((a, b) => b.length - a.length);

/** The shipped scenario with the most issues, seated with `n` delegations named as real ones are. */
function tableOf(n: number): { scenario: PublicScenario; profile: ReadonlyProfile } {
  const base = [...SHIPPED].sort((a, b) => b.issues.length - a.issues.length)[0]!;
  const pub = publicScenario(base);
  const delegations = NAMES.slice(0, n).map((name, i) => ({ ...pub.delegations[i % pub.delegations.length]!, id: `d${i}`, name }));
  return { scenario: { ...pub, delegations }, profile: base.delegations[0]!.profile };
}

function seat(id: string, name: string, over: Partial<SeatInfo> = {}): SeatInfo {
  return {
    id,
    name,
    required: false,
    control: "people",
    strategy: "",
    connected: 1,
    members: 1,
    maxMembers: 2,
    people: [{ id: `p-${id}`, name: `Amina Rahman-Chowdhury ${id}`, delegation: id, status: "connected", facilitator: false }],
    ...over,
  };
}

function viewOf(scenario: PublicScenario, over: Partial<TableView> = {}): TableView {
  const ids = scenario.delegations.map((d) => d.id);
  const pkg = Object.fromEntries(scenario.issues.map((i) => [i.id, i.options[0]!.id]));
  return {
    matchId: "m1",
    scenarioId: scenario.id,
    title: scenario.title,
    protocol: ids.length > 2 ? "multilateral" : "alternating",
    phase: "running",
    stage: "proposing",
    round: 3,
    deadlineRounds: 10,
    turn: ids[1]!,
    firstMover: ids[0]!,
    version: 12,
    tableVersion: 10,
    offer: { proposer: ids[1]!, round: 3, package: pkg, responses: { [ids[0]!]: "accept" } },
    moves: [],
    statements: [],
    statementsTotal: 0,
    news: [],
    delegations: scenario.delegations.map((d, i) => seat(d.id, d.name, i === 2 ? { control: "bot", strategy: "tit-for-tat", connected: 0, people: [] } : {})),
    observers: 0,
    facilitators: 1,
    timer: { running: true, endsAtLocal: 0, endsAtServer: 0, secondsLeft: 60, seconds: 120 },
    outcome: null,
    revealed: false,
    ...over,
  };
}

const SIZES = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The square round a seat's ring (the turn timer's ring is 1.3 radii out). */
function ring(s: { x: number; y: number; r: number }): Rect {
  const r = s.r * 1.3;
  return { x: s.x - r, y: s.y - r, w: 2 * r, h: 2 * r };
}

function inside(inner: Rect, outer: Rect): boolean {
  return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.w <= outer.x + outer.w + 0.5 && inner.y + inner.h <= outer.y + outer.h + 0.5;
}

function laidOut(n: number, size: { width: number; height: number }, me: string | null, withProfile = true): { input: TableInput; L: TableLayout } {
  const { scenario, profile } = tableOf(n);
  const input: TableInput = { view: viewOf(scenario), scenario, me, profile: withProfile && me ? profile : null, connection: "connected" };
  return { input, L: layout(input, size) };
}

describe("the seats round the table", () => {
  for (const size of SIZES) {
    for (let n = 2; n <= 7; n++) {
      it(`${n} delegations at ${size.width}×${size.height}: every one has a seat and a label on the canvas, clear of the others`, () => {
        for (const me of [null, "d0", `d${n - 1}`]) {
          const { L } = laidOut(n, size, me);
          expect(L.seats.map((s) => s.id).sort()).toEqual(Array.from({ length: n }, (_, i) => `d${i}`).sort());
          const canvas: Rect = { x: 0, y: 0, w: size.width, h: L.meter ? L.meter.y : size.height };
          for (const s of L.seats) {
            expect(inside(ring(s), canvas), `${s.id}'s emblem at (${s.x.toFixed(0)}, ${s.y.toFixed(0)}) leaves the canvas`).toBe(true);
            expect(inside(s.label.box, canvas), `${s.id}'s label ${JSON.stringify(s.label.box)} leaves the canvas`).toBe(true);
          }
          for (const a of L.seats) {
            for (const b of L.seats) {
              if (a === b) continue;
              expect(overlaps(ring(a), ring(b)), `${a.id} and ${b.id} overlap (me: ${me})`).toBe(false);
              expect(overlaps(a.label.box, ring(b)), `${a.id}'s label covers ${b.id}'s emblem (me: ${me})`).toBe(false);
              expect(overlaps(a.label.box, b.label.box), `${a.id}'s and ${b.id}'s labels overlap (me: ${me})`).toBe(false);
            }
          }
        }
      });
    }
  }

  it("puts your own seat at the bottom, nearest you, named as yours", () => {
    for (const size of SIZES) {
      for (let n = 2; n <= 7; n++) {
        const me = `d${n - 2}`;
        const { L } = laidOut(n, size, me);
        const mine = L.seats.find((s) => s.id === me)!;
        expect(mine.mine).toBe(true);
        expect(mine.label.name).toMatch(/\(you\)$/);
        expect(Math.max(...L.seats.map((s) => s.y))).toBe(mine.y);
        expect(mine.x).toBeCloseTo(size.width / 2, 5);
      }
    }
  });

  it("marks who is to move, who tabled the package, who answered it and how, and a bot's strategy", () => {
    const { L } = laidOut(4, SIZES[0]!, "d0");
    const [d0, d1, d2, d3] = ["d0", "d1", "d2", "d3"].map((id) => L.seats.find((s) => s.id === id)!);
    expect(d1!.toMove).toBe(true);
    expect(d1!.label.tags).toEqual(["TO MOVE", "TABLED"]);
    expect(d0!.response).toBe("accept");
    expect(d3!.response).toBeNull();
    expect(d2!.dot).toBe("bot");
    expect(d2!.label.state).toMatch(/^Bot · /);
    expect(d0!.label.state).toBe("Connected");
    expect(d3!.label.state).toBe("Amina Rahman-Chowdhury d3");
  });
});

describe("the package on the table", () => {
  for (const size of SIZES) {
    it(`at ${size.width}×${size.height}: one card per issue, on the canvas, none over another or over a seat`, () => {
      for (let n = 2; n <= 7; n++) {
        const { input, L } = laidOut(n, size, "d0");
        expect(L.cards.map((c) => c.issueId)).toEqual(input.scenario.issues.map((i) => i.id));
        const canvas: Rect = { x: 0, y: 0, w: size.width, h: L.meter!.y };
        for (const c of L.cards) {
          expect(inside(c, canvas), `card ${c.issueId} leaves the canvas`).toBe(true);
          expect(c.w).toBeGreaterThan(60);
          expect(c.option.length).toBeGreaterThan(0);
          for (const s of L.seats) expect(overlaps(c, ring(s)), `card ${c.issueId} covers ${s.id}`).toBe(false);
          for (const d of L.cards) if (d !== c) expect(overlaps(c, d), `cards ${c.issueId} and ${d.issueId} overlap`).toBe(false);
        }
      }
    });
  }

  it("shows what the package is worth to you against your walk-away line, and each card's value", () => {
    const { input, L } = laidOut(2, SIZES[0]!, "d0");
    expect(L.meter).not.toBeNull();
    expect(L.meter!.walkAway).toBe(input.profile!.reservationValue);
    expect(L.meter!.utility).not.toBeNull();
    expect(L.meter!.caption.text).toMatch(/^The package on the table is worth \d+ to you · walk-away \d+$/);
    expect(L.meter!.caption.tone).toBe(L.meter!.utility! >= L.meter!.walkAway ? "green" : "red");
    for (const c of L.cards) expect(c.value).toBe(input.profile!.values[c.issueId]![input.view.offer!.package[c.issueId]!]);
  });

  it("without a seat there is no meter and no values on the cards", () => {
    const { L } = laidOut(3, SIZES[0]!, null);
    expect(L.meter).toBeNull();
    for (const c of L.cards) expect(c.value).toBeNull();
  });
});

describe("the words on the felt", () => {
  const { scenario } = tableOf(3);
  const at = (over: Partial<TableView>, connection: TableInput["connection"] = "connected") => layout({ view: viewOf(scenario, over), scenario, me: "d0", profile: null, connection }, SIZES[0]!);

  it("says what the table is waiting for, the round, and the end", () => {
    expect(at({ phase: "waiting", offer: null }).centre?.text).toBe("The table is being set");
    expect(at({ phase: "waiting", offer: null }).round).toBeNull();
    expect(at({ offer: null }).centre?.text).toBe("No package on the table");
    expect(at({ offer: null }).round?.text).toBe("ROUND 3 OF 10");
    const ended = at({ phase: "ended", offer: null, outcome: { agreement: true, reason: "agreement", package: null, round: 7, by: "" } });
    expect(ended.centre?.text).toBe("Agreement");
    expect(ended.round?.text).toBe("ENDED IN ROUND 7");
  });

  it("veils the table while paused, reconnecting or lost", () => {
    expect(at({}).overlay).toBeNull();
    expect(at({ phase: "paused" }).overlay?.text.text).toBe("PAUSED");
    expect(at({}, "reconnecting").overlay?.text.text).toBe("RECONNECTING…");
    expect(at({}, "lost").overlay?.text.text).toBe("CONNECTION LOST");
  });
});

describe("the label estimate", () => {
  it("wraps long words and long names onto more lines as the width shrinks", () => {
    expect(estimateLines("Shanghai Cooperation Organisation", 14, 1000)).toBe(1);
    expect(estimateLines("Shanghai Cooperation Organisation", 14, 120)).toBeGreaterThan(1);
    expect(estimateLines("a\nb", 14, 1000)).toBe(2);
  });
});
