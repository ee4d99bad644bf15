// A tournament's results and standings. A game's result comes from its final state with the
// analytics' own measures (advantage (u − r)/(max − r) against the profiles the game ended with,
// as `accord tournament` and the debrief compute it); the standings from those results alone, so
// anyone holding the stored games can recompute them.
//
// Score = mean advantage over the games played (0 for a game without a deal, 1 at one's best
// signable package). Ties are broken, in order, by: agreement rate (higher first), games played
// (more first), opponents' score (the mean score of the entrants met, game by game; a Buchholz for
// a mean score), then name, then entrant id (both in code-point order), so the order is total.
import { dealAnalysis } from "../analysis/index.ts";
import { measuresFor, type Measures } from "../bots/tournament.ts";
import { csvDocument } from "../csv.ts";
import type { EndReason, GameState } from "../rules/types.ts";
import type { TableSeat } from "./pairing.ts";

/** One delegation's result in a game. */
export interface SeatResult extends TableSeat {
  utility: number;
  advantage: number;
}

/** What a finished game gives the standings. */
export interface GameResult {
  agreement: boolean;
  reason: EndReason;
  /** The round of the negotiation it ended in. */
  rounds: number;
  seats: SeatResult[];
}

/** A tournament game as stored: where it sat, and its result once it has one. */
export interface TournamentGame {
  round: number;
  table: number;
  scenario: string;
  matchId: string | null;
  /** running: being played (or not yet created); ended: has a result; void: lost (abandoned), counts for nobody. */
  status: "running" | "ended" | "void";
  seats: TableSeat[];
  result: GameResult | null;
}

export interface Entrant {
  id: string;
  name: string;
  kind: "person" | "bot";
  /** Bots: the strategy or difficulty. */
  strategy: string | null;
}

export interface Standing {
  rank: number;
  entrant: string;
  name: string;
  kind: "person" | "bot";
  games: number;
  /** Mean advantage over the games played (0 before any). */
  score: number;
  agreementRate: number;
  meanUtility: number;
  /** The mean score of the opponents met, over every game (0 before any). */
  opponentsScore: number;
}

/**
 * The analytics' measures by scenario, then by the profiles a game ended with (injects change
 * them): invisible (they follow from the scenario and profiles) and freed with the scenario.
 */
const measuresByScenario = new WeakMap<GameState["scenario"], Map<string, Measures>>();

/** A finished game's result, with the analytics' advantage for each delegation. */
export function gameResult(state: GameState, seats: readonly TableSeat[]): GameResult {
  const outcome = state.outcome;
  if (state.phase !== "ended" || !outcome) throw new Error("gameResult: the game has not ended");
  let measures = measuresByScenario.get(state.scenario);
  if (!measures) measuresByScenario.set(state.scenario, (measures = new Map()));
  const m = measuresFor(state, measures);
  const deal = dealAnalysis(m.space, outcome.package, m.context);
  return {
    agreement: outcome.agreement,
    reason: outcome.reason,
    rounds: outcome.round,
    seats: state.order.map((delegation, i) => ({
      delegation,
      entrant: seats.find((s) => s.delegation === delegation)?.entrant ?? null,
      utility: outcome.utilities[delegation]!,
      advantage: deal.parties[i]!.advantage,
    })),
  };
}

/** The standings from the games that have a result; entrants without games stand at 0. */
export function standings(entrants: readonly Entrant[], games: readonly TournamentGame[]): Standing[] {
  const played = games.filter((g) => g.status === "ended" && g.result !== null);
  const sums = new Map(entrants.map((e) => [e.id, { games: 0, advantage: 0, utility: 0, agreements: 0 }]));
  for (const g of played) {
    for (const s of g.result!.seats) {
      const sum = s.entrant === null ? undefined : sums.get(s.entrant);
      if (!sum) continue;
      sum.games++;
      sum.advantage += s.advantage;
      sum.utility += s.utility;
      if (g.result!.agreement) sum.agreements++;
    }
  }
  const score = (id: string) => {
    const s = sums.get(id)!;
    return s.games > 0 ? s.advantage / s.games : 0;
  };
  const opponents = new Map(entrants.map((e) => [e.id, { total: 0, n: 0 }]));
  for (const g of played) {
    const here = g.result!.seats.map((s) => s.entrant).filter((e): e is string => e !== null && sums.has(e));
    for (const e of here) {
      const o = opponents.get(e)!;
      for (const other of here) {
        if (other === e) continue;
        o.total += score(other);
        o.n++;
      }
    }
  }
  const rows = entrants.map((e) => {
    const s = sums.get(e.id)!;
    const o = opponents.get(e.id)!;
    return {
      rank: 0,
      entrant: e.id,
      name: e.name,
      kind: e.kind,
      games: s.games,
      score: score(e.id),
      agreementRate: s.games > 0 ? s.agreements / s.games : 0,
      meanUtility: s.games > 0 ? s.utility / s.games : 0,
      opponentsScore: o.n > 0 ? o.total / o.n : 0,
    };
  });
  rows.sort(compareStandings);
  rows.forEach((r, i) => (r.rank = i + 1));
  return rows;
}

/** The documented order: score, agreement rate, games, opponents' score (all higher first), name, id. */
export function compareStandings(a: Standing, b: Standing): number {
  return (
    b.score - a.score ||
    b.agreementRate - a.agreementRate ||
    b.games - a.games ||
    b.opponentsScore - a.opponentsScore ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    (a.entrant < b.entrant ? -1 : a.entrant > b.entrant ? 1 : 0)
  );
}

export function standingsCsv(rows: readonly Standing[]): string {
  return csvDocument(
    ["rank", "entrant", "name", "kind", "games", "score", "agreement_rate", "mean_utility", "opponents_score"],
    rows.map((r) => [r.rank, r.entrant, r.name, r.kind, r.games, r.score, r.agreementRate, r.meanUtility, r.opponentsScore]),
  );
}

/** One line per entrant per game (house bots as `house`), for a spreadsheet. */
export function resultsCsv(
  entrants: readonly Entrant[],
  games: readonly TournamentGame[],
  /** A delegation's name in a scenario, as people read it (the id stays in `delegation_id`); by default the id. */
  delegationName: (scenario: string, delegation: string) => string = (_scenario, delegation) => delegation,
): string {
  const names = new Map(entrants.map((e) => [e.id, e.name]));
  const rows: (string | number | boolean | null)[][] = [];
  for (const g of games) {
    for (const s of g.seats) {
      const r = g.result?.seats.find((x) => x.delegation === s.delegation);
      rows.push([
        g.round,
        g.table,
        g.scenario,
        g.matchId,
        g.status,
        delegationName(g.scenario, s.delegation),
        s.entrant ?? "house",
        s.entrant === null ? "house bot" : names.get(s.entrant) ?? s.entrant,
        g.result ? g.result.agreement : null,
        r ? r.utility : null,
        r ? r.advantage : null,
        s.delegation,
      ]);
    }
  }
  return csvDocument(["round", "table", "scenario", "match", "status", "delegation", "entrant", "name", "agreement", "utility", "advantage", "delegation_id"], rows);
}
