// IndexedLocalDriver (server/local-driver.ts) answers every lookup as Colyseus's LocalDriver does:
// by id through its index, by anything else through Colyseus's scan, rooms removed or cleared gone.
import { LocalDriver, type IRoomCache } from "@colyseus/core";
import { describe, expect, it } from "vitest";
import { IndexedLocalDriver } from "../../server/local-driver.ts";

function listing(roomId: string, extra: Partial<IRoomCache> = {}): IRoomCache {
  return { roomId, name: "negotiation", processId: "p1", clients: 0, maxClients: 10, locked: false, private: true, publicAddress: undefined, metadata: {}, ...extra } as IRoomCache;
}

describe("IndexedLocalDriver", () => {
  it("finds what LocalDriver finds, by id and otherwise", async () => {
    const ours = new IndexedLocalDriver();
    const theirs = new LocalDriver();
    for (const [i, id] of ["a1", "b2", "c3", "d4"].entries()) {
      const extra = { clients: i, locked: i === 2 };
      expect(await ours.insert(listing(id, extra))).toBe(await theirs.insert(listing(id, extra)));
    }
    // A second listing with an id already listed is refused by both.
    expect(await ours.insert(listing("b2"))).toBe(false);
    expect(await theirs.insert(listing("b2"))).toBe(false);
    ours.persist(listing("e5"), true);
    theirs.persist(listing("e5"), true);

    for (const id of ["a1", "b2", "c3", "d4", "e5", "zz"]) {
      expect(await ours.findOne({ roomId: id })).toEqual(await theirs.findOne({ roomId: id }));
    }
    expect((await ours.findOne({ roomId: "c3" })).locked).toBe(true);
    // Not by id alone: Colyseus's own lookup.
    expect(await ours.findOne({ roomId: "c3", locked: false })).toBeUndefined();
    expect((await ours.findOne({ locked: true })).roomId).toBe("c3");
    expect((await ours.findOne({ name: "negotiation" }, { clients: -1 })).roomId).toEqual((await theirs.findOne({ name: "negotiation" }, { clients: -1 })).roomId);

    ours.remove("b2");
    theirs.remove("b2");
    expect(await ours.findOne({ roomId: "b2" })).toBeUndefined();
    expect(await theirs.findOne({ roomId: "b2" })).toBeUndefined();
    expect(await ours.insert(listing("b2", { clients: 7 }))).toBe(true);
    expect((await ours.findOne({ roomId: "b2" })).clients).toBe(7);

    ours.clear();
    expect(await ours.findOne({ roomId: "a1" })).toBeUndefined();
    expect(ours.query({})).toEqual([]);
  });
});
