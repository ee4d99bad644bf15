// The listing of rooms when this process runs alone (no Redis): Colyseus's LocalDriver, with a
// room found by its id in constant time. Its findOne scans every listed room, and every join,
// reconnection and table call looks a table up by id, so a restart's rejoins at 1,000 tables cost a
// million comparisons (issue 16: ~1.5 s of CPU in Query.applyFilter while 1,000 people rejoined).
// A lookup by anything else, or sorted, is Colyseus's own.
import { LocalDriver, type IRoomCache, type SortOptions } from "@colyseus/core";

export class IndexedLocalDriver extends LocalDriver {
  private readonly byId = new Map<string, IRoomCache>();

  override findOne(conditions: Partial<IRoomCache>, sortOptions?: SortOptions): Promise<IRoomCache> {
    const id = conditions.roomId;
    if (sortOptions !== undefined || typeof id !== "string" || Object.keys(conditions).length !== 1) return super.findOne(conditions, sortOptions);
    // Colyseus answers a missing room with undefined (its type says otherwise).
    if (!this.has(id)) return Promise.resolve(undefined as unknown as IRoomCache);
    const room = this.byId.get(id);
    // Listed without passing through insert or persist (never, today): Colyseus's scan finds it.
    return room !== undefined && room.roomId === id ? Promise.resolve(room) : super.findOne(conditions);
  }

  override async insert(room: IRoomCache): Promise<boolean> {
    const inserted = await super.insert(room);
    if (inserted) this.byId.set(room.roomId, room);
    return inserted;
  }

  override persist(room: IRoomCache, create = false): boolean {
    const persisted = super.persist(room, create);
    if (persisted) this.byId.set(room.roomId, room);
    return persisted;
  }

  override remove(roomId: string): boolean {
    this.byId.delete(roomId);
    return super.remove(roomId);
  }

  override clear(): void {
    this.byId.clear();
    super.clear();
  }
}
