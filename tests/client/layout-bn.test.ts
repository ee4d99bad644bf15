// The negotiating table's words in Bangla (client/table/layout.ts, without Phaser): the round, the
// centre, the meter's caption, the seats' states and tags and the phase overlays from the "table"
// catalog, numbers in Bengali digits (or Latin ones when the reader asks), and no letter spacing on
// Bangla text (spaced out, Bengali conjuncts and vowel signs fall apart) while English capitals keep it.
import { afterEach, describe, expect, it } from "vitest";
import { setDigits, setLocale } from "../../client/i18n.ts";
import type { SeatInfo, TableView } from "../../client/net/view.ts";
import { layout, spacing, type TableInput } from "../../client/table/layout.ts";
import { publicScenario } from "../../shared/rules/view.ts";
import { fixture } from "../helpers/fixtures.ts";

const scenario = fixture("bilateral-test");
const pub = publicScenario(scenario);
const profile = scenario.delegations[0]!.profile;

function seat(id: string, name: string, over: Partial<SeatInfo> = {}): SeatInfo {
  return { id, name, required: true, control: "people", strategy: "", connected: 1, members: 1, maxMembers: 2, people: [{ id: `p-${id}`, name: "আমিনা", delegation: id, status: "connected", facilitator: false }], ...over };
}

function view(over: Partial<TableView> = {}): TableView {
  const pkg = Object.fromEntries(pub.issues.map((i) => [i.id, i.options[0]!.id]));
  return {
    matchId: "m1",
    scenarioId: pub.id,
    title: pub.title,
    protocol: "alternating",
    phase: "running",
    stage: "proposing",
    round: 3,
    deadlineRounds: 10,
    turn: "south",
    firstMover: "north",
    version: 12,
    tableVersion: 10,
    offer: { proposer: "south", round: 3, package: pkg, responses: {} },
    moves: [],
    statements: [],
    statementsTotal: 0,
    news: [],
    delegations: [seat("north", "Northern Agency"), seat("south", "Southern Agency", { control: "bot", strategy: "medium", connected: 0, people: [] })],
    observers: 0,
    facilitators: 1,
    timer: { running: true, endsAtLocal: 0, endsAtServer: 0, secondsLeft: 60, seconds: 120 },
    outcome: null,
    revealed: false,
    ...over,
  };
}

function at(over: Partial<TableView> = {}, connection: TableInput["connection"] = "connected") {
  return layout({ view: view(over), scenario: pub, me: "north", profile, connection }, { width: 1366, height: 768 });
}

afterEach(() => {
  setDigits("native");
  setLocale("en");
});

describe("the table's words in Bangla", () => {
  it("reads the round, the centre and the meter in Bangla with Bengali digits, unspaced", () => {
    setLocale("bn");
    const L = at();
    expect(L.round!.text).toBe("১০ দফার মধ্যে দফা ৩");
    expect(L.round!.letterSpacing ?? 0).toBe(0);
    expect(L.meter!.caption.text).toMatch(/^টেবিলের প্যাকেজের মূল্য আপনার কাছে [০-৯]+ · সরে দাঁড়ানোর সীমা [০-৯]+$/);
    expect(at({ offer: null }).centre!.text).toBe("টেবিলে কোনো প্যাকেজ নেই");
    expect(at({ phase: "waiting", offer: null }).centre!.text).toBe("টেবিল সাজানো হচ্ছে");
    const ended = at({ phase: "ended", offer: null, outcome: { agreement: true, reason: "agreement", package: view().offer!.package, round: 7, by: "" } });
    expect(ended.round!.text).toBe("দফা ৭-এ শেষ");
  });

  it("names the seats' state and tags in Bangla", () => {
    setLocale("bn");
    const L = at();
    const mine = L.seats.find((s) => s.mine)!;
    const bot = L.seats.find((s) => !s.mine)!;
    expect(mine.label.name).toBe("Northern Agency (আপনি)");
    expect(mine.label.state).toBe("সংযুক্ত");
    expect(bot.label.state).toMatch(/^বট · /);
    expect(bot.label.tags).toEqual(["পালা", "প্রস্তাব"]);
  });

  it("shows the phase overlays in Bangla, unspaced", () => {
    setLocale("bn");
    expect(at({ phase: "paused" }).overlay!.text.text).toBe("বিরতি");
    expect(at({}, "lost").overlay!.text.text).toBe("সংযোগ বিচ্ছিন্ন");
    expect(at({}, "reconnecting").overlay!.text).toMatchObject({ text: "আবার সংযোগ হচ্ছে…", letterSpacing: 0 });
  });

  it("uses Latin digits in Bangla when the reader asks", () => {
    setLocale("bn");
    setDigits("latin");
    expect(at().round!.text).toBe("১০ দফার মধ্যে দফা ৩".replace("১০", "10").replace("৩", "3"));
  });

  it("keeps English as it was, letter spacing on capitals", () => {
    expect(at().round).toMatchObject({ text: "ROUND 3 OF 10", letterSpacing: 2 });
    expect(at({ phase: "paused" }).overlay!.text).toMatchObject({ text: "PAUSED", letterSpacing: 6 });
    expect(spacing("ROUND 3 OF 10", 2)).toBe(2);
    expect(spacing("দফা ৩", 2)).toBe(0);
    expect(spacing("RECONNECTING…", 6)).toBe(6);
  });
});
