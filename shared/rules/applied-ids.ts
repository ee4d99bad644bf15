// The action ids a game has applied: what makes a retried action apply once (`duplicate_action`).
//
// A state's ids are its parent's plus one, so the states of a game form a history and share one
// growing record: each `AppliedIds` sees the first `length` ids of it, and `with` on the newest
// one appends to the record in place (nothing any state sees changes: older ones see fewer ids).
// `with` on an older one — a second action tried on the same state, say one the server refused
// after applying it — copies its ids into a record of its own first. So an action costs the same
// early or late in a long game: copying the whole list on every action (as a plain array must)
// made each table's current list a young object large enough to be copied by every scavenge and
// promoted, and the garbage grew with the game's length (issue 16).
//
// Immutable by contract, like every part of a state: `length` and what `has`, `at` and iteration
// answer never change. Its JSON is the plain list of ids, oldest first (a state's bytes are as
// they were when this was an array).

/** One game's record of applied ids, shared by its states; `index` maps an id to its position. */
interface Record {
  readonly ids: string[];
  readonly index: Map<string, number>;
}

export class AppliedIds implements Iterable<string> {
  readonly #record: Record;
  /** How many ids this state has applied (the first `length` of the record). */
  readonly length: number;

  private constructor(record: Record, length: number) {
    this.#record = record;
    this.length = length;
  }

  /** A new game's: none yet (a record of its own, never shared with another game). */
  static none(): AppliedIds {
    return new AppliedIds({ ids: [], index: new Map() }, 0);
  }

  /** Whether `id` is among this state's ids. */
  has(id: string): boolean {
    const at = this.#record.index.get(id);
    return at !== undefined && at < this.length;
  }

  /** The id applied at `position` (0: the first), or undefined past the end. */
  at(position: number): string | undefined {
    return position >= 0 && position < this.length ? this.#record.ids[position] : undefined;
  }

  /** These ids and then `id` (which must not be among them: `apply` refuses a duplicate first). */
  with(id: string): AppliedIds {
    let record = this.#record;
    if (record.ids.length !== this.length) {
      // An older state of the history: its own record, with only the ids it has.
      const ids = record.ids.slice(0, this.length);
      const index = new Map<string, number>();
      for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
      record = { ids, index };
    }
    record.index.set(id, record.ids.length);
    record.ids.push(id);
    return new AppliedIds(record, this.length + 1);
  }

  *[Symbol.iterator](): Iterator<string> {
    const ids = this.#record.ids;
    for (let i = 0; i < this.length; i++) yield ids[i]!;
  }

  /** The ids, oldest first, as a new array. */
  toJSON(): string[] {
    return this.#record.ids.slice(0, this.length);
  }
}
