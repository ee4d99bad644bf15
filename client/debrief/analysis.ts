// The debrief's numbers, computed in the browser from the reveal with the project's own analytics
// (shared/analysis): the Pareto frontier, the Nash point, each delegation's advantage and share of
// the surplus, and what the outcome left on the table.
import { dealAnalysis, paretoFrontier, bargainingPoints, maxUtilities, frontierPoints, packageIndex, utilitiesOf } from "../../shared/analysis/index.ts";
import { outcomeSpace, type OutcomeSpace, type Party } from "../../shared/analysis/utility.ts";
import { utilities as utilityTable } from "../../shared/analysis/outcomes.ts";
import type { Reveal } from "../../shared/rules/types.ts";
import type { Package } from "../../shared/scenario/schema.ts";

export interface PartyResult {
  id: string;
  name: string;
  reservation: number;
  /** The outcome's utility (the reservation value when there was no deal). */
  utility: number;
  /** Best signable utility. */
  ideal: number;
  advantage: number;
  surplusShare: number;
  /** The Nash point's utility and its share of the Nash surplus. */
  nashUtility: number | null;
  nashShare: number | null;
}

export interface DebriefAnalysis {
  space: OutcomeSpace;
  parties: PartyResult[];
  agreement: boolean;
  deal: number[];
  /** Frontier points (rows of utilities, party order). */
  frontier: number[][];
  nash: { utilities: number[]; package: Package } | null;
  historical: { utilities: number[]; package: Package; note: string } | null;
  /** Up to a few thousand signable packages' utilities, for the scatter (party 0 and 1). */
  cloud: [number, number][];
  paretoDistance: number | null;
  /** A deal on the frontier that gives everyone at least as much: how much more in total it held. */
  improvement: { total: number; utilities: number[] } | null;
  /** Joint surplus over walking away: of the outcome, and of the Nash point. */
  surplus: number;
  nashSurplus: number;
}

function packageOf(space: OutcomeSpace, index: number): Package {
  const pkg: Package = {};
  let rest = index;
  for (let i = space.issueIds.length - 1; i >= 0; i--) {
    const radix = space.optionIds[i]!.length;
    pkg[space.issueIds[i]!] = space.optionIds[i]![rest % radix]!;
    rest = Math.floor(rest / radix);
  }
  return pkg;
}

/** What happened in history, when the scenario records it. */
function historicalOf(reveal: Reveal): { package: Package; note: string } | null {
  return reveal.historicalOutcome ? { package: reveal.historicalOutcome.package, note: reveal.historicalOutcome.note } : null;
}

export function analyse(reveal: Reveal): DebriefAnalysis {
  const parties: Party[] = reveal.delegations.map((d) => ({ id: d.id, profile: d.profile }));
  const space = outcomeSpace(reveal.scenario.issues, parties);
  const ideal = maxUtilities(space);
  const pareto = paretoFrontier(space);
  const points = bargainingPoints(space, ideal);
  const outcome = reveal.outcome;
  const dealPkg = outcome?.agreement && outcome.package ? (outcome.package as Package) : null;
  const deal = dealAnalysis(space, dealPkg, { ideal, pareto });
  const r = space.reservation;

  const nashU = points.nash ? points.nash.utilities : null;
  const nashSurplus = nashU ? nashU.reduce((a, u, p) => a + Math.max(0, u - r[p]!), 0) : 0;
  const partyResults: PartyResult[] = reveal.delegations.map((d, p) => ({
    id: d.id,
    name: d.name,
    reservation: r[p]!,
    utility: outcome?.utilities[d.id] ?? deal.utilities[p]!,
    ideal: ideal[p]!,
    advantage: deal.parties[p]!.advantage,
    surplusShare: deal.parties[p]!.surplusShare,
    nashUtility: nashU ? nashU[p]! : null,
    nashShare: nashU && nashSurplus > 0 ? (nashU[p]! - r[p]!) / nashSurplus : null,
  }));
  const dealU = partyResults.map((x) => x.utility);

  const frontier = frontierPoints(pareto);
  let improvement: DebriefAnalysis["improvement"] = null;
  for (const f of frontier) {
    if (!f.every((u, p) => u >= dealU[p]! - 1e-9)) continue;
    const gain = f.reduce((a, u, p) => a + (u - dealU[p]!), 0);
    if (gain > 1e-6 && (!improvement || gain > improvement.total)) improvement = { total: gain, utilities: f };
  }

  let historical: DebriefAnalysis["historical"] = null;
  const hist = historicalOf(reveal);
  if (hist) {
    try {
      historical = { ...hist, utilities: utilitiesOf(space, packageIndex(space, hist.package)) };
    } catch {
      // A historical package outside the space (naming an option the scenario does not have): not drawn.
      historical = null;
    }
  }

  const cloud: [number, number][] = [];
  if (space.partyIds.length === 2 && space.size <= 400_000) {
    const table = utilityTable(space);
    const stride = Math.max(1, Math.floor(table.size / 3000));
    for (let i = 0; i < table.size; i += stride) if (table.signable[i]) cloud.push([table.u[0]![i]!, table.u[1]![i]!]);
  }

  return {
    space,
    parties: partyResults,
    agreement: Boolean(dealPkg),
    deal: dealU,
    frontier,
    nash: points.nash ? { utilities: points.nash.utilities, package: packageOf(space, points.nash.index) } : null,
    historical,
    cloud,
    paretoDistance: deal.paretoDistance,
    improvement,
    surplus: dealU.reduce((a, u, p) => a + (u - r[p]!), 0),
    nashSurplus,
  };
}

/** Each delegation's utility for a package (replay). */
export function utilitiesFor(a: DebriefAnalysis, pkg: Package): number[] | null {
  try {
    return utilitiesOf(a.space, packageIndex(a.space, pkg));
  } catch {
    // packageIndex throws for a package outside the space: null is the answer "not a package here".
    return null;
  }
}
