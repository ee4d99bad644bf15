// What the class dashboard flags on a table (client/panels/class-attention.ts) and the order of the
// rows: a table not running, someone disconnected, a seat with no one, no move for three minutes,
// the last round or the class's clock nearly out; flagged tables first, ended ones last.
import { describe, expect, it } from "vitest";
import { attention, sortRows } from "../../client/panels/class-attention.ts";
import type { TableRow } from "../../shared/classroom/report.ts";

const NOW = 10_000_000;
const name = (id: string) => id.toUpperCase();

function row(table: number, over: Partial<TableRow> = {}, delegations: Partial<TableRow["delegations"][number]>[] = [{}, {}]): TableRow {
  return {
    table,
    matchId: `m${table}`,
    phase: "running",
    round: 2,
    deadlineRounds: 10,
    turn: "a",
    stage: "proposing",
    offer: null,
    agreement: null,
    endReason: null,
    firedInjects: [],
    lastMoveAt: NOW - 10_000,
    delegations: delegations.map((d, i) => ({ id: ["a", "b", "c"][i]!, control: "people", connected: 1, members: 1, messages: 0, students: ["S"], value: null, ...d })),
    ...over,
  };
}

const kinds = (r: TableRow, classLeftMs: number | null = null) => attention(r, NOW, classLeftMs, name).map((f) => f.kind);

describe("the dashboard's attention flags", () => {
  it("leave a table that is fine alone", () => {
    expect(kinds(row(1))).toEqual([]);
  });

  it("flag a disconnected delegation and a seat with no one, by name; bots count as there", () => {
    const flags = attention(row(1, {}, [{ connected: 0 }, { members: 0, connected: 0 }, { control: "bot", members: 0, connected: 0 }]), NOW, null, name);
    expect(flags.map((f) => f.kind)).toEqual(["offline", "empty"]);
    expect(flags[0]!.label).toBe("A disconnected");
    expect(flags[1]!.label).toBe("no one at B");
  });

  it("before the talks, flag only the empty seats a student was given (the others get a bot at the start)", () => {
    expect(kinds(row(1, { phase: "waiting", lastMoveAt: null }, [{ members: 0, connected: 0, students: [] }, {}]))).toEqual([]);
    expect(kinds(row(1, { phase: "waiting", lastMoveAt: null }, [{ members: 0, connected: 0, students: ["Gus"] }, {}]))).toEqual(["empty"]);
  });

  it("flag a running table with no move for three minutes, and not a paused one", () => {
    expect(kinds(row(1, { lastMoveAt: NOW - 3 * 60_000 }))).toEqual(["stalled"]);
    expect(attention(row(1, { lastMoveAt: NOW - 4 * 60_000 - 5000 }), NOW, null, name)[0]!.label).toBe("no move for 4 min");
    expect(kinds(row(1, { lastMoveAt: NOW - 2 * 60_000 }))).toEqual([]);
    expect(kinds(row(1, { phase: "paused", lastMoveAt: NOW - 10 * 60_000 }))).toEqual([]);
  });

  it("flag the last round, or the class's clock nearly out", () => {
    expect(kinds(row(1, { round: 10 }))).toEqual(["deadline"]);
    expect(kinds(row(1), 90_000)).toEqual(["deadline"]);
    expect(kinds(row(1), 5 * 60_000)).toEqual([]);
  });

  it("flag a table not running anywhere, and nothing on an ended one", () => {
    expect(kinds(row(1, { phase: "missing", delegations: [] }))).toEqual(["missing"]);
    expect(kinds(row(1, { phase: "ended", agreement: false }, [{ connected: 0 }, {}]))).toEqual([]);
  });
});

describe("the dashboard's row order", () => {
  const rows = [row(1, { phase: "ended", agreement: true }), row(2), row(3, { round: 10 }), row(4, {}, [{ connected: 0 }, {}]), row(5, { round: 1 }, [{ messages: 9 }, {}])].map((r) => ({ row: r, flags: attention(r, NOW, null, name) }));
  const order = (by: Parameters<typeof sortRows>[1]) => sortRows(rows, by).map((r) => r.row.table);

  it("puts the tables that need attention first (worst first), ended tables last", () => {
    expect(order("attention")).toEqual([4, 3, 2, 5, 1]);
  });

  it("sorts by table number, by round (ended last) and by messages", () => {
    expect(order("table")).toEqual([1, 2, 3, 4, 5]);
    expect(order("round")).toEqual([5, 2, 4, 3, 1]);
    expect(order("messages")).toEqual([1, 2, 3, 4, 5]);
  });
});
