import { describe, expect, it } from "vitest";
import type { Profile } from "../scenario/schema.ts";
import { csvCell, studentCsv, studentResults, type TableResult } from "./report.ts";
import { ClassOptions, DEFAULT_CRITERIA, checkAgainstScenario } from "./session.ts";

const issues = [
  { id: "x", title: "X", description: "", options: [{ id: "lo", label: "Low" }, { id: "hi", label: "High" }] },
] as unknown as TableResult["issues"];
const profile = (lo: number, hi: number, r: number): Profile => ({ weights: { x: 1 }, values: { x: { lo, hi } }, reservationValue: r, redLines: [] }) as unknown as Profile;

describe("the per-student export", () => {
  it("gives each student their delegation's utility, advantage, messages and scores", () => {
    const table: TableResult = {
      table: 1,
      issues,
      profiles: { a: profile(0, 1, 0.2), b: profile(1, 0, 0.2) },
      outcome: { agreement: true, reason: "agreement", package: { x: "hi" }, utilities: { a: 1, b: 0 }, round: 2 },
      messages: { a: 3, b: 0 },
      delegationNames: { a: "Alpha Republic", b: "Beta, Inc." },
    };
    const rows = studentResults(
      [
        { name: "Ann", place: { table: 1, delegation: "a" } },
        { name: "Bo", place: { table: 1, delegation: "b" } },
        { name: "Late", place: null },
      ],
      [table],
      { "1/a/strategy": 4 },
      DEFAULT_CRITERIA,
    );
    expect(rows[0]).toMatchObject({ table: 1, delegation: "a", dealReached: true, utility: 1, advantage: 1, messagesSent: 3 });
    expect(rows[0]!.scores.strategy).toBe(4);
    // Below its reservation value: a negative advantage, (0 − 0.2)/(1 − 0.2).
    expect(rows[1]!.advantage).toBeCloseTo(-0.25, 10);
    expect(rows[2]).toMatchObject({ table: null, dealReached: null, utility: null });
    expect(rows[1]).toMatchObject({ delegation: "b", delegationName: "Beta, Inc." });
    const csv = studentCsv(rows, DEFAULT_CRITERIA).split("\r\n");
    // Delegations by name, utility in points and advantage in percent as the screens show them;
    // the delegation's id and the raw values (0–1) as the last columns.
    expect(csv[0]).toBe(`name,table,delegation,deal_reached,utility,advantage,messages_sent,${DEFAULT_CRITERIA.map((c) => `score_${c.id}`).join(",")},delegation_id,utility_raw,advantage_raw`);
    expect(csv[1]).toBe("Ann,1,Alpha Republic,yes,100,100,3,,,4,,,a,1,1");
    expect(csv[2]).toBe('Bo,1,"Beta, Inc.",yes,0,-25,0,,,,,,b,0,-0.25');
    expect(csv[3]).toBe("Late,,,,,,,,,,,,,,");
  });

  it("gives a utility of 0.733 as 73 points, as the screen does", () => {
    const table: TableResult = {
      table: 2,
      issues,
      profiles: { a: profile(0.733, 1, 0.5), b: profile(1, 0, 0.2) },
      outcome: { agreement: true, reason: "agreement", package: { x: "lo" }, utilities: { a: 0.733, b: 1 }, round: 4 },
      messages: {},
    };
    const [row] = studentResults([{ name: "Cy", place: { table: 2, delegation: "a" } }], [table], {}, []);
    // The class's names stand in for a table without any; with none at all, the id.
    const [named] = studentResults([{ name: "Di", place: { table: 9, delegation: "b" } }], [table], {}, [], { b: "Beta" });
    expect(named).toMatchObject({ delegation: "b", delegationName: "Beta", utility: null });
    // No names given: the id stands in.
    expect(studentCsv([row!], []).split("\r\n")[1]).toBe("Cy,2,a,yes,73,47,0,a,0.733,0.466");
  });

  it("quotes and defuses cells a spreadsheet would misread", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("-0.25")).toBe("-0.25");
  });
});

describe("the session's options", () => {
  it("names each mistake against the scenario", () => {
    const seats = { id: "s", title: "S", deadlineRounds: 6, delegations: [{ id: "a", name: "A", seats: { min: 1, max: 1 } }, { id: "b", name: "B", seats: { min: 1, max: 1 } }] };
    expect(checkAgainstScenario(ClassOptions.parse({ scenario: "s", bots: { a: "easy", b: "easy" }, rounds: 3 }), seats)).toEqual([
      "class: field 'bots': every delegation is a bot; leave at least one to the students",
      "class: field 'rounds' must be at least 6, the scenario's own limit (rounds can be added, not removed)",
    ]);
    const bad = ClassOptions.safeParse({ scenario: "s", layout: { kind: "count", tables: 0 } });
    expect(bad.success).toBe(false);
  });
});
