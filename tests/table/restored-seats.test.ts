// After a restart every person rejoins with their seat token at once: a restored table finds each
// person's seat in the rows its restore already read, without asking the store again (issue 16),
// and answers exactly as the store would — the same person, a wrong token refused, and a later
// rejoin (after the person's row may have changed) read from the store again.
import { afterEach, describe, expect, it } from "vitest";
import type { Welcome } from "../../shared/protocol/index.ts";
import { TableState } from "../../shared/state/table.ts";
import type { MatchStore } from "../../server/db/store.ts";
import { authorize, join, leave } from "../../server/table/joining.ts";
import type { TableMaster } from "../../server/table/master.ts";
import { restoreTable } from "../../server/table/open.ts";
import type { TableStore } from "../../server/table/ports.ts";
import { reassign } from "../../server/table/seat-requests.ts";
import { openTable, RecordingTransport, type TestTable } from "./table.ts";

let open: TestTable | null = null;
let restored: TableMaster | null = null;

afterEach(async () => {
  if (restored) {
    restored.shuttingDown = true;
    restored.dispose();
    restored = null;
  }
  await open?.close();
  open = null;
});

/** The real store, counting the seat lookups a rejoin makes (store.personSeat). */
function countingStore(real: MatchStore): { store: TableStore; personSeats: () => number } {
  let n = 0;
  const store: TableStore = {
    insertMatch: (row) => real.insertMatch(row),
    updateMatch: (id, patch) => real.updateMatch(id, patch),
    joinCodeTaken: (code) => real.joinCodeTaken(code),
    loadMatch: (id) => real.loadMatch(id),
    personSeat: (match, hash) => {
      n++;
      return real.personSeat(match, hash);
    },
    insertSeat: (row) => real.insertSeat(row),
    updateSeat: (id, patch) => real.updateSeat(id, patch),
    appendEvent: (...args) => real.appendEvent(...args),
  };
  return { store, personSeats: () => n };
}

/** A table with a person at each delegation, killed and restored: their seat tokens and ids, and the restored table. */
async function restoredTable(): Promise<{ table: TableMaster; tokens: Record<string, string>; ids: Record<string, string>; personSeats: () => number }> {
  const t = await openTable({ scenario: "bilateral-test" });
  open = t;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const delegation of ["north", "south"]) {
    await t.seat(delegation, { role: "delegation", delegation, code: t.joinCode });
    const welcome = t.transport.to(delegation, "welcome").at(-1) as Welcome;
    tokens[delegation] = welcome.seatToken!;
    ids[delegation] = welcome.personId!;
  }
  await t.table.queue.idle();
  // The process stops: nobody leaves (the seats stay with their people), the table is gone.
  t.table.shuttingDown = true;
  t.table.dispose();
  const { store, personSeats } = countingStore(t.store);
  const table = await restoreTable({ ...t.table.env, store, transport: new RecordingTransport() }, new TableState(), t.table.matchId);
  restored = table;
  return { table, tokens, ids, personSeats };
}

describe("a restored table's rejoins", () => {
  it("seat each person from the rows the restore read, without a query each", async () => {
    const { table, tokens, ids, personSeats } = await restoredTable();
    for (const delegation of ["north", "south"]) {
      const identity = await authorize(table, { seatToken: tokens[delegation] }, false);
      expect(identity).toMatchObject({ personId: ids[delegation], facilitator: false });
      expect(table.seating.people.get(ids[delegation]!)?.delegation).toBe(delegation);
    }
    expect(personSeats()).toBe(0);
  });

  it("refuse a token that is not this table's, as before (asking the store)", async () => {
    const { table, tokens, personSeats } = await restoredTable();
    await expect(authorize(table, { seatToken: "not-a-token-of-this-table" }, false)).rejects.toMatchObject({ status: 4403, message: expect.stringMatching(/^bad_token: /) });
    expect(personSeats()).toBe(1);
    // The person whose token it is still rejoins.
    await expect(authorize(table, { seatToken: tokens.south }, false)).resolves.toMatchObject({ personId: expect.any(String) });
  });

  it("read a later rejoin from the store: a person moved meanwhile comes back where they were moved", async () => {
    const { table, tokens, ids, personSeats } = await restoredTable();
    const identity = await authorize(table, { seatToken: tokens.south }, false);
    await join(table, "south-1", identity);
    // The facilitator moves south's person to the observers; they leave for good.
    expect(await reassign(table, { person: ids.south!, delegation: null })).toMatchObject({ ok: true });
    await leave(table, "south-1");
    expect(table.seating.people.has(ids.south!)).toBe(false);
    const again = await authorize(table, { seatToken: tokens.south }, false);
    expect(again.personId).toBe(ids.south);
    expect(table.seating.people.get(ids.south!)?.delegation).toBeNull();
    expect(personSeats()).toBe(1);
  });
});
