// Standings: the score is the mean advantage; ties fall to agreement rate, games, opponents' score,
// then name; games without a result and house bots count for nobody.
import { describe, expect, it } from "vitest";
import { resultsCsv, standings, standingsCsv, type Entrant, type SeatResult, type TournamentGame } from "./index.ts";

const people = (...names: string[]): Entrant[] => names.map((name, i) => ({ id: `e${i + 1}`, name, kind: "person", strategy: null }));

let table = 0;
function game(agreement: boolean, ...seats: [entrant: string | null, advantage: number][]): TournamentGame {
  const results: SeatResult[] = seats.map(([entrant, advantage], i) => ({ delegation: `d${i}`, entrant, utility: 0.5 + advantage / 2, advantage }));
  return {
    round: 1,
    table: ++table,
    scenario: "s",
    matchId: `m${table}`,
    status: "ended",
    seats: results.map(({ delegation, entrant }) => ({ delegation, entrant })),
    result: { agreement, reason: agreement ? "agreement" : "deadline", rounds: 3, seats: results },
  };
}

describe("standings", () => {
  it("ranks by mean advantage over the games played", () => {
    const rows = standings(people("Ann", "Bob", "Cy"), [game(true, ["e1", 0.2], ["e2", 0.6]), game(true, ["e1", 0.4], ["e3", 0.1])]);
    expect(rows.map((r) => [r.name, r.games, Number(r.score.toFixed(6))])).toEqual([
      ["Bob", 1, 0.6],
      ["Ann", 2, 0.3],
      ["Cy", 1, 0.1],
    ]);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it("breaks ties by agreement rate, then games, then opponents' score, then name", () => {
    // Equal scores (0.5): Dee agreed every time, Ann once in two, so Dee first.
    let rows = standings(people("Ann", "Dee", "X", "Y"), [game(false, ["e1", 0.5], ["e3", 0]), game(true, ["e1", 0.5], ["e4", 0]), game(true, ["e2", 0.5], ["e4", 0])]);
    expect(rows.slice(0, 2).map((r) => r.name)).toEqual(["Dee", "Ann"]);
    // Equal score and rate: more games first.
    rows = standings(people("Ann", "Dee", "X"), [game(true, ["e1", 0.5], ["e3", 0]), game(true, ["e2", 0.5], ["e3", 0]), game(true, ["e2", 0.5], ["e3", 0])]);
    expect(rows.slice(0, 2).map((r) => r.name)).toEqual(["Dee", "Ann"]);
    // Equal score, rate and games: the one who met the stronger opponent first.
    rows = standings(people("Ann", "Dee", "Weak", "Strong"), [game(true, ["e1", 0.5], ["e3", 0.1]), game(true, ["e2", 0.5], ["e4", 0.3])]);
    expect(rows.map((r) => r.name)).toEqual(["Dee", "Ann", "Strong", "Weak"]);
    expect(rows.find((r) => r.name === "Dee")!.opponentsScore).toBeCloseTo(0.3);
    // Everything equal: by name.
    rows = standings(people("Zed", "Amy"), [game(true, ["e1", 0.4], ["e2", 0.4])]);
    expect(rows.map((r) => r.name)).toEqual(["Amy", "Zed"]);
  });

  it("leaves out house bots, running and void games; entrants without games stand at zero", () => {
    const running: TournamentGame = { ...game(true, ["e1", 0.9], ["e2", 0.9]), status: "running", result: null };
    const void_: TournamentGame = { ...game(true, ["e1", 0.9], ["e2", 0.9]), status: "void", result: null };
    const rows = standings(people("Ann", "Bob"), [game(true, ["e1", 0.4], [null, 0.8]), running, void_]);
    expect(rows.map((r) => [r.name, r.games, r.score, r.opponentsScore])).toEqual([
      ["Ann", 1, 0.4, 0],
      ["Bob", 0, 0, 0],
    ]);
  });

  it("exports CSV with a header and one line per entrant, names kept as text", () => {
    const rows = standings(people("=cmd", "Bob, Jr."), [game(true, ["e1", 0.25], ["e2", 0.5])]);
    expect(standingsCsv(rows).split("\r\n")).toEqual([
      "rank,entrant,name,kind,games,score,agreement_rate,mean_utility,opponents_score",
      '1,e2,"Bob, Jr.",person,1,0.5,1,0.75,0.25',
      "2,e1,'=cmd,person,1,0.25,1,0.625,0.5",
      "",
    ]);
  });
});

describe("the results CSV", () => {
  it("names each delegation, with its id in the last column; house bots as house", () => {
    const g = game(true, ["e1", 0.25], [null, 0.5]);
    const csv = resultsCsv(people("Ann"), [g], (scenario, d) => `${scenario}:${d === "d0" ? "North, Inc." : "South"}`).split("\r\n");
    expect(csv[0]).toBe("round,table,scenario,match,status,delegation,entrant,name,agreement,utility,advantage,delegation_id");
    expect(csv[1]).toBe(`1,${g.table},s,${g.matchId},ended,"s:North, Inc.",e1,Ann,true,0.625,0.25,d0`);
    expect(csv[2]).toBe(`1,${g.table},s,${g.matchId},ended,s:South,house,house bot,true,0.75,0.5,d1`);
  });
});
