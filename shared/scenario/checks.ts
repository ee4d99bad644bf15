// Teaching checks: what a structurally valid scenario can still get wrong. Errors make a scenario
// unplayable or misleading; warnings make it a poor lesson.
import type { Scenario, Profile } from "./schema.ts";
import { outcomeSpace } from "../analysis/utility.ts";
import { zoneOfAgreement } from "../analysis/index.ts";

export interface Finding {
  level: "error" | "warning";
  /** An error that makes the scenario unplayable but can still be analysed (no zone of agreement). */
  playability?: true;
  /** The field path, as `delegations[1].profile.weights`. */
  path: string;
  message: string;
}

const WEIGHT_TOLERANCE = 1e-6;
/** Beyond this many packages the zone-of-agreement search is skipped (with a warning), to keep loading quick. */
export const MAX_CHECKED_OUTCOMES = 20_000_000;

/** The agreement rule with defaults filled in: who must accept, and how many must. */
export function agreementRule(scenario: Scenario): { required: string[]; quorum: number } {
  const required = new Set(scenario.agreement.required);
  for (const d of scenario.delegations) if (d.required) required.add(d.id);
  return {
    required: scenario.delegations.map((d) => d.id).filter((id) => required.has(id)),
    quorum: scenario.agreement.quorum ?? scenario.delegations.length,
  };
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

export function teachingChecks(scenario: Scenario): Finding[] {
  const findings: Finding[] = [];
  const error = (path: string, message: string) => findings.push({ level: "error", path, message });
  const warning = (path: string, message: string) => findings.push({ level: "warning", path, message });

  const delegationIds = new Set(scenario.delegations.map((d) => d.id));
  const issues = new Map(scenario.issues.map((i) => [i.id, new Set(i.options.map((o) => o.id))]));

  for (const id of duplicates(scenario.delegations.map((d) => d.id))) error("delegations", `duplicate delegation id "${id}"`);
  for (const id of duplicates(scenario.issues.map((i) => i.id))) error("issues", `duplicate issue id "${id}"`);
  scenario.issues.forEach((issue, i) => {
    for (const id of duplicates(issue.options.map((o) => o.id))) error(`issues[${i}].options`, `duplicate option id "${id}"`);
  });
  for (const id of duplicates(scenario.injects.map((i) => i.id))) error("injects", `duplicate inject id "${id}"`);

  const knownDelegation = (path: string, id: string | undefined) => {
    if (id !== undefined && !delegationIds.has(id)) error(path, `unknown delegation "${id}"`);
  };
  knownDelegation("chair", scenario.chair);
  knownDelegation("firstMover", scenario.firstMover);
  if (scenario.chair !== undefined && scenario.protocol !== "multilateral") {
    error("chair", "a chair tables texts only in the multilateral protocol");
  }
  scenario.agreement.required.forEach((id, i) => knownDelegation(`agreement.required[${i}]`, id));
  const rule = agreementRule(scenario);
  if (rule.quorum > scenario.delegations.length) {
    error("agreement.quorum", `is ${rule.quorum}, but there are only ${scenario.delegations.length} delegations`);
  }
  if (rule.quorum < rule.required.length) {
    warning("agreement.quorum", `is ${rule.quorum}, below the ${rule.required.length} required delegations: the required ones decide`);
  }
  scenario.delegations.forEach((d, i) => {
    if (d.seats.min > d.seats.max) error(`delegations[${i}].seats`, `min ${d.seats.min} is above max ${d.seats.max}`);
  });

  // Weights, values and red lines must cover exactly the scenario's issues and options.
  const checkWeights = (path: string, weights: Record<string, number>, complete: boolean) => {
    for (const key of Object.keys(weights)) if (!issues.has(key)) error(`${path}.${key}`, `unknown issue "${key}"`);
    if (complete) {
      for (const id of issues.keys()) if (!(id in weights)) error(path, `no weight for issue "${id}"`);
    }
    const sum = Object.values(weights).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) error(path, `sum is ${round(sum)}, must be 1`);
  };
  const checkValues = (path: string, values: Profile["values"], complete: boolean) => {
    for (const [issueId, options] of Object.entries(values)) {
      const known = issues.get(issueId);
      if (!known) {
        error(`${path}.${issueId}`, `unknown issue "${issueId}"`);
        continue;
      }
      for (const optionId of Object.keys(options)) {
        if (!known.has(optionId)) error(`${path}.${issueId}.${optionId}`, `unknown option "${optionId}" of issue "${issueId}"`);
      }
      if (complete) {
        for (const optionId of known) if (!(optionId in options)) error(`${path}.${issueId}`, `no value for option "${optionId}"`);
      }
    }
    if (complete) for (const id of issues.keys()) if (!(id in values)) error(path, `no values for issue "${id}"`);
  };
  const checkOption = (path: string, issueId: string, optionId: string) => {
    const known = issues.get(issueId);
    if (!known) error(path, `unknown issue "${issueId}"`);
    else if (!known.has(optionId)) error(path, `unknown option "${optionId}" of issue "${issueId}"`);
  };

  scenario.delegations.forEach((d, i) => {
    const base = `delegations[${i}].profile`;
    checkWeights(`${base}.weights`, d.profile.weights, true);
    checkValues(`${base}.values`, d.profile.values, true);
    d.profile.redLines.forEach((line, j) => checkOption(`${base}.redLines[${j}]`, line.issue, line.option));
    for (const key of Object.keys(d.phrases)) {
      if (!issues.has(key) && !["propose", "accept", "reject", "counter", "vote", "walk_away", "opening", "closing"].includes(key)) {
        error(`delegations[${i}].phrases.${key}`, `"${key}" is neither an issue id nor a situation (propose, accept, reject, counter, vote, walk_away, opening, closing)`);
      }
    }
  });

  scenario.injects.forEach((inject, i) => {
    if (typeof inject.trigger === "object" && inject.trigger.round > scenario.deadline.rounds) {
      error(`injects[${i}].trigger.round`, `round ${inject.trigger.round} comes after the deadline (${scenario.deadline.rounds} rounds): it would never fire`);
    }
    inject.changes.forEach((change, j) => {
      const path = `injects[${i}].changes[${j}]`;
      if (!delegationIds.has(change.delegation)) error(`${path}.delegation`, `unknown delegation "${change.delegation}"`);
      if (change.weights) checkWeights(`${path}.weights`, change.weights, true);
      if (change.values) checkValues(`${path}.values`, change.values, false);
    });
  });

  if (scenario.historicalOutcome) {
    const pkg = scenario.historicalOutcome.package;
    for (const [issueId, optionId] of Object.entries(pkg)) checkOption(`historicalOutcome.package.${issueId}`, issueId, optionId);
    for (const id of issues.keys()) if (!(id in pkg)) error("historicalOutcome.package", `no option for issue "${id}"`);
  }

  // The checks below enumerate packages: only meaningful once the ids above are sound.
  if (findings.some((f) => f.level === "error")) return findings;
  findings.push(...negotiationChecks(scenario));
  return findings;
}

function negotiationChecks(scenario: Scenario): Finding[] {
  const findings: Finding[] = [];
  const parties = scenario.delegations.map((d) => ({ id: d.id, profile: d.profile }));
  const space = outcomeSpace(scenario.issues, parties);

  // A delegation that can reach its reservation value with no package has no reason to negotiate.
  scenario.delegations.forEach((d, p) => {
    const best = space.score[p]!.reduce((sum, scores) => sum + Math.max(...scores), 0);
    if (best < d.profile.reservationValue - 1e-12) {
      findings.push({
        level: "warning",
        path: `delegations[${p}].profile.reservationValue`,
        message: `${round(d.profile.reservationValue)} beats every package (its best is ${round(best)}): ${d.id} gains nothing from any deal`,
      });
    }
  });

  // Utility is additive, so one package is best for everyone exactly when every issue has an option
  // that every delegation caring about that issue ranks first.
  const common = scenario.issues.map((issue, i) =>
    issue.options.findIndex((_, o) =>
      space.score.every((scores) => {
        const row = scores[i]!;
        return row[o]! >= Math.max(...row) - 1e-12;
      }),
    ),
  );
  if (common.every((o) => o >= 0)) {
    const pkg = Object.fromEntries(scenario.issues.map((issue, i) => [issue.id, issue.options[common[i]!]!.id]));
    findings.push({
      level: "warning",
      path: "issues",
      message: `the package ${JSON.stringify(pkg)} is best for every delegation: there is nothing to negotiate`,
    });
  }

  if (space.size > MAX_CHECKED_OUTCOMES) {
    findings.push({
      level: "warning",
      path: "issues",
      message: `${space.size} packages: too many to search for a zone of possible agreement at load time`,
    });
    return findings;
  }
  const rule = agreementRule(scenario);
  const required = scenario.delegations.map((d) => rule.required.includes(d.id));
  const zone = zoneOfAgreement(space, required, rule.quorum);
  if (zone.count === 0) {
    const who =
      rule.required.length === scenario.delegations.length
        ? "every delegation"
        : rule.required.length > 0
          ? `every required delegation (${rule.required.join(", ")}) and ${rule.quorum} delegations in all`
          : `${rule.quorum} delegations`;
    findings.push({
      level: "error",
      playability: true,
      path: "delegations",
      message: `no zone of possible agreement: no package is worth at least the reservation value to ${who} without crossing a red line`,
    });
  }
  return findings;
}

function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}
