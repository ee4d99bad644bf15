// Who sits at which table, in which delegation, each round of a hosted tournament. Pure and
// deterministic: the same entrants, history and standings give the same round.
//
// A table needs one entrant per delegation of the round's scenario (k of them). The algorithms:
//
// - Short tables, no byes. When the field does not divide into tables of k, one table gets the
//   remainder and house bots fill its empty delegations (strategy `HOUSE_BOT`). House bots are
//   not entrants: they have no standing, and their results count for nobody. The entrants at the
//   short table still play a full game, which counts for them as any other (a bye point would not
//   fit a score that is a mean). Who sits there: the entrants with the fewest games against house
//   bots so far, the lowest ranked first (Swiss) or by the rotation (round-robin).
// - Round-robin, two delegations: the circle method with Berger's alternation. Entrant n−1 (or a
//   house bot when the field is odd) stays put, the others turn one place each round; over a cycle
//   of n−1 rounds everyone meets everyone once, and each entrant's count of each role differs by
//   at most one. Rounds beyond a cycle repeat it with the roles swapped.
// - Round-robin, three or more delegations: entrants in seed order, turned one place each round,
//   grouped as Swiss groups them (fewest rematches), without regard to score.
// - Swiss: entrants ranked by the current standings; the highest-ranked unseated entrant opens a
//   table and takes the next highest who have met nobody at it; a depth-first search backs up
//   when the last tables cannot be filled that way, so a rematch happens only when no grouping
//   avoids one (or the search budget runs out: then each table takes the companions with the
//   fewest past meetings).
// - Roles: each table's delegations go to its entrants in the way that keeps everyone's role
//   counts most even (least sum of squared counts over all orderings, ties to the first found).

/** The strategy of the house bots that fill short tables. */
export const HOUSE_BOT = "medium";

export type Format = "round-robin" | "swiss";

/** One delegation of a table: the entrant who plays it, or null for a house bot. */
export interface TableSeat {
  delegation: string;
  entrant: string | null;
}

/** A table: its seats in the scenario's delegation order. */
export type TablePlan = TableSeat[];

/** What pairing needs to know of a game already planned (finished or not). */
export interface PastTable {
  seats: readonly TableSeat[];
}

/** Whether two entrants have sat at one table, and how often. */
export class Meetings {
  private readonly counts = new Map<string, number>();

  constructor(tables: readonly PastTable[] = []) {
    for (const t of tables) this.add(t.seats.map((s) => s.entrant));
  }

  private static key(a: string, b: string): string {
    return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  }

  add(entrants: readonly (string | null)[]): void {
    const people = entrants.filter((e): e is string => e !== null);
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        const key = Meetings.key(people[i]!, people[j]!);
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      }
    }
  }

  count(a: string, b: string): number {
    return this.counts.get(Meetings.key(a, b)) ?? 0;
  }
}

/** entrant → delegation → games played in it. */
export function roleCounts(tables: readonly PastTable[]): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const t of tables) {
    for (const s of t.seats) {
      if (s.entrant === null) continue;
      const mine = counts.get(s.entrant) ?? new Map<string, number>();
      mine.set(s.delegation, (mine.get(s.delegation) ?? 0) + 1);
      counts.set(s.entrant, mine);
    }
  }
  return counts;
}

function houseGames(tables: readonly PastTable[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const t of tables) {
    if (!t.seats.some((s) => s.entrant === null)) continue;
    for (const s of t.seats) if (s.entrant !== null) n.set(s.entrant, (n.get(s.entrant) ?? 0) + 1);
  }
  return n;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  const out: T[][] = [];
  items.forEach((item, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([item, ...rest]);
  });
  return out;
}

/**
 * Give a group's members the delegations so that role counts stay most even. `group` may hold
 * nulls (house bots), which take whatever is left. Updates `counts` with the choice.
 */
export function assignRoles(group: readonly (string | null)[], roles: readonly string[], counts: Map<string, Map<string, number>>): TablePlan {
  const seats = group.length;
  if (seats !== roles.length) throw new Error(`a table of ${seats} entrants for ${roles.length} delegations`);
  let best: (string | null)[] = group.slice();
  let bestCost = Infinity;
  const cost = (order: readonly (string | null)[]) =>
    order.reduce((sum, e, i) => {
      if (e === null) return sum;
      const c = (counts.get(e)?.get(roles[i]!) ?? 0) + 1;
      return sum + c * c;
    }, 0);
  // Up to 6 delegations (720 orderings) try them all; beyond, keep the order given.
  for (const order of seats <= 6 ? permutations(group) : [group.slice()]) {
    const c = cost(order);
    if (c < bestCost) {
      bestCost = c;
      best = order;
    }
  }
  const plan = best.map((entrant, i) => ({ delegation: roles[i]!, entrant }));
  for (const s of plan) {
    if (s.entrant === null) continue;
    const mine = counts.get(s.entrant) ?? new Map<string, number>();
    mine.set(s.delegation, (mine.get(s.delegation) ?? 0) + 1);
    counts.set(s.entrant, mine);
  }
  return plan;
}

/** How many nodes the rematch-avoiding search may visit before it settles for fewest rematches. */
export const SEARCH_BUDGET = 50_000;

/**
 * Split `order` (best first, length a multiple of k) into groups of k: each group opened by the
 * best entrant left, with no two members who have met, searching depth-first; null when no such
 * grouping exists or the budget runs out.
 */
export function groupsWithoutRematch(order: readonly string[], k: number, met: Meetings, budget = SEARCH_BUDGET): string[][] | null {
  let visits = 0;
  const used = new Array<boolean>(order.length).fill(false);
  const groups: string[][] = [];
  const fits = (group: readonly string[], candidate: string) => group.every((g) => met.count(g, candidate) === 0);

  const fillTable = (group: string[], from: number): boolean => {
    if (++visits > budget) return false;
    if (group.length === k) {
      groups.push(group.slice());
      if (nextTable()) return true;
      groups.pop();
      return false;
    }
    for (let i = from; i < order.length; i++) {
      if (used[i] || !fits(group, order[i]!)) continue;
      used[i] = true;
      group.push(order[i]!);
      if (fillTable(group, i + 1)) return true;
      group.pop();
      used[i] = false;
      if (visits > budget) return false;
    }
    return false;
  };
  const nextTable = (): boolean => {
    const first = used.indexOf(false);
    if (first === -1) return true;
    used[first] = true;
    const ok = fillTable([order[first]!], first + 1);
    if (!ok) used[first] = false;
    return ok;
  };
  return nextTable() ? groups : null;
}

/** Greedy grouping when no rematch-free one was found: each table takes the companions it has met least. */
export function groupsWithFewestRematches(order: readonly string[], k: number, met: Meetings): string[][] {
  const left = order.slice();
  const groups: string[][] = [];
  while (left.length > 0) {
    const group = [left.shift()!];
    while (group.length < k && left.length > 0) {
      let bestIndex = 0;
      let bestMeetings = Infinity;
      left.forEach((candidate, i) => {
        const m = group.reduce((sum, g) => sum + met.count(g, candidate), 0);
        if (m < bestMeetings) {
          bestMeetings = m;
          bestIndex = i;
        }
      });
      group.push(left.splice(bestIndex, 1)[0]!);
    }
    groups.push(group);
  }
  return groups;
}

export interface RoundInput {
  format: Format;
  /** Entrant ids in seed order (the order they were entered). */
  entrants: readonly string[];
  /** The delegations of this round's scenario, in scenario order. */
  roles: readonly string[];
  /** 1-based. */
  round: number;
  /** Every table of the earlier rounds. */
  history: readonly PastTable[];
  /** Swiss: entrant ids best first (the standings); ignored by round-robin. */
  ranking?: readonly string[];
}

/** The tables of one round. Every entrant sits at exactly one table. */
export function pairRound(input: RoundInput): TablePlan[] {
  const { entrants, roles, round, history } = input;
  const k = roles.length;
  if (k < 2) throw new Error("a tournament table needs at least two delegations");
  if (entrants.length === 0) return [];
  const counts = roleCounts(history);
  const met = new Meetings(history);

  if (input.format === "round-robin" && k === 2) return circleRound(entrants, roles, round, counts);

  // The order tables are formed in: the ranking (Swiss) or the seed order turned (round-robin).
  let order: string[];
  if (input.format === "swiss") {
    const ranked = (input.ranking ?? []).filter((e) => entrants.includes(e));
    order = [...ranked, ...entrants.filter((e) => !ranked.includes(e))];
  } else {
    const shift = (round - 1) % entrants.length;
    order = [...entrants.slice(shift), ...entrants.slice(0, shift)];
  }

  // The short table, if any: the remainder, chosen among those with the fewest house games, lowest first.
  const remainder = order.length % k;
  let short: string[] = [];
  if (remainder > 0) {
    const house = houseGames(history);
    const fromBottom = order.slice().reverse();
    short = fromBottom
      .map((e, i) => ({ e, i, h: house.get(e) ?? 0 }))
      .sort((a, b) => a.h - b.h || a.i - b.i)
      .slice(0, remainder)
      .map((x) => x.e);
    order = order.filter((e) => !short.includes(e));
  }
  const groups = groupsWithoutRematch(order, k, met) ?? groupsWithFewestRematches(order, k, met);
  const tables = groups.map((g) => assignRoles(g, roles, counts));
  if (short.length > 0) {
    const group: (string | null)[] = [...short, ...new Array<null>(k - short.length).fill(null)];
    tables.push(assignRoles(group, roles, counts));
  }
  return tables;
}

/**
 * Round `round` of the circle method with Berger's alternation (two delegations). An odd field
 * gets a house bot as its fixed point.
 */
function circleRound(entrants: readonly string[], roles: readonly string[], round: number, counts: Map<string, Map<string, number>>): TablePlan[] {
  const players: (string | null)[] = entrants.length % 2 === 0 ? entrants.slice() : [...entrants, null];
  const n = players.length;
  const m = n - 1;
  if (n === 2) {
    const swap = round % 2 === 0;
    return [[{ delegation: roles[0]!, entrant: players[swap ? 1 : 0]! }, { delegation: roles[1]!, entrant: players[swap ? 0 : 1]! }]];
  }
  const cycle = Math.floor((round - 1) / m);
  const r = (round - 1) % m;
  const pairs: [number, number][] = [r % 2 === 0 ? [r, m] : [m, r]];
  for (let i = 1; i < n / 2; i++) {
    const a = (r + i) % m;
    const b = (r - i + m) % m;
    pairs.push(i % 2 === 1 ? [b, a] : [a, b]);
  }
  const tables = pairs.map(([first, second]) => {
    const [x, y] = cycle % 2 === 0 ? [first, second] : [second, first];
    return [
      { delegation: roles[0]!, entrant: players[x]! },
      { delegation: roles[1]!, entrant: players[y]! },
    ];
  });
  for (const t of tables) {
    for (const s of t) {
      if (s.entrant === null) continue;
      const mine = counts.get(s.entrant) ?? new Map<string, number>();
      mine.set(s.delegation, (mine.get(s.delegation) ?? 0) + 1);
      counts.set(s.entrant, mine);
    }
  }
  return tables;
}

/** Rounds in a full round-robin: everyone meets everyone once (two delegations), or as near as groups allow. */
export function roundRobinRounds(entrants: number, delegations: number): number {
  if (delegations === 2) return Math.max(1, entrants % 2 === 0 ? entrants - 1 : entrants);
  return Math.max(1, Math.ceil((entrants - 1) / (delegations - 1)));
}

/** Swiss rounds to tell a field apart: ⌈log₂ n⌉, at least one. */
export function swissRounds(entrants: number): number {
  return Math.max(1, Math.ceil(Math.log2(Math.max(2, entrants))));
}

/** The format a field gets when the organiser names none: round-robin up to 8 entrants, Swiss beyond. */
export function defaultFormat(entrants: number): Format {
  return entrants <= 8 ? "round-robin" : "swiss";
}
