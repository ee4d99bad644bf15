// A package (issue → option) in the scenario's own words, and the utility helpers the screens use.
import { utility } from "../../shared/analysis/utility.ts";
import { crossesRedLine, redLinesCrossed } from "../../shared/rules/legal.ts";
import type { PublicScenario, ReadonlyProfile } from "../../shared/rules/types.ts";
import type { Package } from "../net/view.ts";
import { fmt, t } from "../i18n.ts";
import { h } from "./dom.ts";

export function optionLabel(scenario: PublicScenario, issueId: string, optionId: string | undefined): string {
  const issue = scenario.issues.find((i) => i.id === issueId);
  return issue?.options.find((o) => o.id === optionId)?.label ?? optionId ?? "—";
}

/** The package as a definition list of issue → option. */
export function packageList(scenario: PublicScenario, pkg: Package, label = t("common:package")): HTMLElement {
  return h(
    "ul",
    { class: "pkg-list", "aria-label": label },
    scenario.issues.map((issue) => h("li", null, h("span", { class: "issue", text: issue.title }), h("span", { text: optionLabel(scenario, issue.id, pkg[issue.id]) }))),
  );
}

export function utilityOf(profile: ReadonlyProfile, pkg: Package): number {
  return utility(profile, pkg);
}

/** The package this profile likes best (red lines avoided where an option allows). */
export function bestPackage(scenario: PublicScenario, profile: ReadonlyProfile): Package {
  const pkg: Package = {};
  for (const issue of scenario.issues) {
    const values = profile.values[issue.id] ?? {};
    const allowed = issue.options.filter((o) => !crossesRedLine(profile, { [issue.id]: o.id }));
    const pool = allowed.length ? allowed : issue.options;
    pkg[issue.id] = [...pool].sort((a, b) => (values[b.id] ?? 0) - (values[a.id] ?? 0))[0]!.id;
  }
  return pkg;
}

/** A bar from 0 to 100 with the walk-away line drawn on it. */
export function meter(value: number | null, walkAway: number | null, label: string): HTMLElement {
  const v = value ?? 0;
  const good = walkAway === null || value === null ? "" : v >= walkAway ? "good" : "bad";
  const el = h(
    "div",
    { class: `meter ${good}`, role: "meter", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": Math.round(v * 100), "aria-label": label },
    h("div", { class: "fill", style: `width: ${Math.max(0, Math.min(100, v * 100)).toFixed(1)}%` }),
  );
  if (walkAway !== null) {
    el.append(
      h("div", { class: "line", style: `left: calc(${(walkAway * 100).toFixed(1)}% - 1px)`, "aria-hidden": "true" }),
      h("div", { class: "line-label", style: `left: ${(walkAway * 100).toFixed(1)}%`, "aria-hidden": "true", text: t("common:walkAwayAt", { points: fmt.number(Math.round(walkAway * 100)) }) }),
    );
  }
  return el;
}

/** The package with each option across a red line swapped for the profile's best allowed option on that issue. */
export function withoutRedLines(scenario: PublicScenario, profile: ReadonlyProfile, pkg: Package): Package {
  const best = bestPackage(scenario, profile);
  const out: Package = { ...pkg };
  for (const l of redLinesCrossed(profile, pkg)) out[l.issue] = best[l.issue]!;
  return out;
}
