// A delegation's brief made visible: the private text, the priorities (issue weights and the value
// of every option), the walk-away point and the red lines. Used by the briefing screen and, in a
// compact form, beside the table.
import type { PublicScenario, ReadonlyProfile, SeatView } from "../../shared/rules/types.ts";
import { t } from "../i18n.ts";
import { h } from "../ui/dom.ts";
import { percent, points } from "./words.ts";

type Me = NonNullable<SeatView["me"]>;

function paragraphs(text: string): HTMLElement[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean)
    .map((p) => h("p", { text: p }));
}

export function prose(text: string, className = "prose-block"): HTMLElement {
  return h("div", { class: className }, paragraphs(text));
}

export function privateBrief(me: Me, scenario: PublicScenario): HTMLElement {
  const name = scenario.delegations.find((d) => d.id === me.delegation)?.name ?? me.delegation;
  return h(
    "section",
    { class: "brief-section", "aria-labelledby": "private-brief-title" },
    h("h3", { id: "private-brief-title" }, t("table:brief.privateTitle", { name }), h("span", { class: "stamp confidential", text: t("table:brief.confidential") })),
    h("div", { class: "private-brief-text" }, paragraphs(me.privateBrief)),
    me.injectNotes.length
      ? h(
          "div",
          null,
          h("h4", { text: t("table:brief.sinceBriefing") }),
          me.injectNotes.map((n) => h("div", { class: "note-box", text: n.note })),
        )
      : null,
  );
}

/** Issues by weight, each with the value of every option to this delegation. */
export function priorities(scenario: PublicScenario, profile: ReadonlyProfile, compact = false): HTMLElement {
  const issues = [...scenario.issues].sort((a, b) => (profile.weights[b.id] ?? 0) - (profile.weights[a.id] ?? 0));
  const red = new Set(profile.redLines.map((l) => `${l.issue}:${l.option}`));
  return h(
    "div",
    { class: "priorities" },
    issues.map((issue) => {
      const w = profile.weights[issue.id] ?? 0;
      const values = profile.values[issue.id] ?? {};
      const options = [...issue.options].sort((a, b) => (values[b.id] ?? 0) - (values[a.id] ?? 0));
      return h(
        "div",
        { class: "priority" },
        h("div", { class: "priority-head" }, h("span", { text: issue.title }), h("span", { class: "w", text: t("table:brief.weight", { pct: percent(w) }) })),
        h("div", { class: "weight-bar", role: "img", "aria-label": t("table:brief.weightBar", { issue: issue.title, pct: percent(w) }) }, h("span", { style: `width: ${Math.round(w * 100)}%` })),
        compact && w < 0.08
          ? null
          : h(
              "ul",
              { class: "values", "aria-label": t("table:brief.valuesOf", { issue: issue.title }) },
              options.map((o) => {
                const v = values[o.id] ?? 0;
                const isRed = red.has(`${issue.id}:${o.id}`);
                return h(
                  "li",
                  { class: isRed ? "red-line" : "" },
                  h("span", { text: isRed ? t("table:brief.redLineOption", { option: o.label }) : o.label }),
                  h("span", { class: "bar", "aria-hidden": "true" }, h("span", { style: `width: ${Math.round(v * 100)}%` })),
                  h("span", { class: "num", text: points(v) }),
                );
              }),
            ),
      );
    }),
  );
}

export function walkAway(scenario: PublicScenario, profile: ReadonlyProfile): HTMLElement {
  return h(
    "div",
    { class: "walkaway" },
    h("div", { class: "small", style: "font-weight: 700; letter-spacing: .08em; text-transform: uppercase", text: t("table:brief.walkAwayTitle") }),
    h("div", { class: "big", text: t("table:points", { count: Math.round(profile.reservationValue * 100) }) }),
    h("div", { class: "small", text: t("table:brief.walkAwayExplain") }),
    profile.redLines.length
      ? h(
          "div",
          null,
          h("strong", { class: "small", text: t("table:brief.redLinesTitle") }),
          h(
            "ul",
            { class: "redlines small" },
            redLineLabels(scenario, profile).map((text) => h("li", { text })),
          ),
        )
      : null,
  );
}

/** Red lines as "Issue: option" with the scenario's labels. */
export function redLineLabels(scenario: PublicScenario, profile: ReadonlyProfile): string[] {
  return profile.redLines.map((l) => {
    const issue = scenario.issues.find((i) => i.id === l.issue);
    const option = issue?.options.find((o) => o.id === l.option);
    const words = { issue: issue?.title ?? l.issue, option: option?.label ?? l.option, reason: l.reason };
    return l.reason ? t("table:brief.redLineWhy", words) : t("table:brief.redLine", words);
  });
}
