// "Three moves that mattered": the debrief's lessons (shared/lessons) in the reader's language, each
// with its numbers, a button that moves the replay to its step, and one sentence on the idea with the
// idea's name linked to its glossary page (#/learn/<concept>). The glossary's words live here too, so
// the learn screen and the debrief name every idea alike.
import type { ConceptId } from "../../shared/lessons/concepts.ts";
import type { Lesson } from "../../shared/lessons/lessons.ts";
import type { Move, PublicScenario } from "../../shared/rules/types.ts";
import { t } from "../i18n.ts";
import { h } from "../ui/dom.ts";
import { pct, pts } from "../ui/format.ts";
import { optionLabel } from "../ui/package.ts";

export interface ConceptWords {
  name: string;
  summary: string;
  body: string[];
}

/** A concept's glossary words in the reader's language (keys written out, as the catalog test reads them). */
export function conceptWords(id: ConceptId): ConceptWords {
  switch (id) {
    case "logrolling":
      return { name: t("lessons:concept.logrolling.name"), summary: t("lessons:concept.logrolling.summary"), body: [t("lessons:concept.logrolling.body1"), t("lessons:concept.logrolling.body2")] };
    case "anchoring":
      return { name: t("lessons:concept.anchoring.name"), summary: t("lessons:concept.anchoring.summary"), body: [t("lessons:concept.anchoring.body1"), t("lessons:concept.anchoring.body2")] };
    case "batna":
      return { name: t("lessons:concept.batna.name"), summary: t("lessons:concept.batna.summary"), body: [t("lessons:concept.batna.body1"), t("lessons:concept.batna.body2")] };
    case "reservation-value":
      return { name: t("lessons:concept.reservationValue.name"), summary: t("lessons:concept.reservationValue.summary"), body: [t("lessons:concept.reservationValue.body1"), t("lessons:concept.reservationValue.body2")] };
    case "deadline-effects":
      return { name: t("lessons:concept.deadlineEffects.name"), summary: t("lessons:concept.deadlineEffects.summary"), body: [t("lessons:concept.deadlineEffects.body1"), t("lessons:concept.deadlineEffects.body2")] };
    case "pareto-efficiency":
      return { name: t("lessons:concept.paretoEfficiency.name"), summary: t("lessons:concept.paretoEfficiency.summary"), body: [t("lessons:concept.paretoEfficiency.body1"), t("lessons:concept.paretoEfficiency.body2")] };
    case "boulware-conceder":
      return { name: t("lessons:concept.boulwareConceder.name"), summary: t("lessons:concept.boulwareConceder.summary"), body: [t("lessons:concept.boulwareConceder.body1"), t("lessons:concept.boulwareConceder.body2")] };
    case "frontier":
      return { name: t("lessons:concept.frontier.name"), summary: t("lessons:concept.frontier.summary"), body: [t("lessons:concept.frontier.body1"), t("lessons:concept.frontier.body2")] };
  }
}

/** The one sentence on the idea behind a lesson (the concepts lessons use). */
function ideaSentence(id: ConceptId): string {
  switch (id) {
    case "logrolling":
      return t("lessons:idea.logrolling");
    case "anchoring":
      return t("lessons:idea.anchoring");
    case "batna":
      return t("lessons:idea.batna");
    case "reservation-value":
      return t("lessons:idea.reservationValue");
    case "deadline-effects":
      return t("lessons:idea.deadlineEffects");
    default:
      return t("lessons:idea.paretoEfficiency");
  }
}

export function learnHref(id?: ConceptId): string {
  return id ? `#/learn/${id}` : "#/learn";
}

/** The issues where `better` differs from `pkg`, as "Issue: option". */
function changes(scenario: PublicScenario, pkg: Readonly<Record<string, string>>, better: Readonly<Record<string, string>>): string {
  return scenario.issues
    .filter((i) => better[i.id] !== undefined && better[i.id] !== pkg[i.id])
    .map((i) => `${i.title}: ${optionLabel(scenario, i.id, better[i.id])}`)
    .join("; ");
}

function lessonText(l: Lesson, scenario: PublicScenario, move: Move | undefined): { title: string; text: string } {
  const n = l.numbers;
  switch (l.kind) {
    case "given-away": {
      // Rounded as the page shows points: a gain, nothing, or a loss for the others too.
      const others = Math.round((n.others ?? 0) * 100);
      const vars = { lost: pts(n.gain), others: pts(Math.abs(n.others ?? 0)) };
      const text = others > 0 ? t("lessons:kind.givenAway.text", vars) : others === 0 ? t("lessons:kind.givenAway.nothing", vars) : t("lessons:kind.givenAway.both", vars);
      return { title: t("lessons:kind.givenAway.title"), text };
    }
    case "missed-pareto": {
      const vars = { mine: pts(n.mine), gain: pts(n.gain), changes: l.package && l.better ? changes(scenario, l.package, l.better) : "" };
      const tabled = move?.type === "propose" || move?.type === "counter";
      return { title: t("lessons:kind.missedPareto.title"), text: tabled ? t("lessons:kind.missedPareto.tabled", vars) : t("lessons:kind.missedPareto.accepted", vars) };
    }
    case "early-concession":
      return { title: t("lessons:kind.earlyConcession.title"), text: t("lessons:kind.earlyConcession.text", { round: n.rounds, deadline: n.deadline, mine: pts(n.mine), share: pct(n.share), walkAway: pts(n.walkAway) }) };
    case "late-concession":
      return {
        title: t("lessons:kind.lateConcession.title"),
        text: n.gain !== undefined ? t("lessons:kind.lateConcession.noDeal", { gain: pts(n.gain) }) : t("lessons:kind.lateConcession.text", { round: n.rounds, deadline: n.deadline, share: pct(n.share), mine: pts(n.mine) }),
      };
    case "accepted-below":
      return {
        title: t("lessons:kind.acceptedBelow.title"),
        text:
          n.reference !== undefined
            ? t("lessons:kind.acceptedBelow.earlier", { mine: pts(n.mine), gain: pts(n.gain), reference: pts(n.reference), round: n.rounds })
            : t("lessons:kind.acceptedBelow.walkAway", { mine: pts(n.mine), gain: pts(n.gain), walkAway: pts(n.walkAway) }),
      };
    case "turned-down":
      return { title: t("lessons:kind.turnedDown.title"), text: t("lessons:kind.turnedDown.text", { mine: pts(n.mine), reference: pts(n.reference), gain: pts(n.gain) }) };
    case "walked-away":
      return { title: t("lessons:kind.walkedAway.title"), text: t("lessons:kind.walkedAway.text", { mine: pts(n.mine), gain: pts(n.gain), walkAway: pts(n.walkAway) }) };
  }
}

export interface LessonsCardContext {
  scenario: PublicScenario;
  moves: readonly Move[];
  /** Move the debrief's replay to this step (1-based: after that many moves). */
  showStep(step: number): void;
}

export function lessonsCard(lessons: readonly Lesson[], ctx: LessonsCardContext): HTMLElement {
  // Named by the moves, not the lessons: two lessons may be about one move.
  const moves = new Set(lessons.map((l) => l.step)).size;
  const title = moves >= 3 ? t("lessons:card.title3") : moves === 2 ? t("lessons:card.title2") : t("lessons:card.title1");
  return h(
    "section",
    { class: "card lessons", "aria-labelledby": "lessons-title", id: "debrief-lessons" },
    h("h2", { id: "lessons-title", text: lessons.length ? title : t("lessons:card.title3") }),
    lessons.length
      ? [
          h("p", { class: "small muted", text: t("lessons:card.lead") }),
          h(
            "ol",
            { class: "lesson-list" },
            lessons.map((l) => {
              const { title: kindTitle, text } = lessonText(l, ctx.scenario, ctx.moves[l.step - 1]);
              const words = conceptWords(l.concept);
              return h(
                "li",
                { class: "lesson", "data-kind": l.kind, "data-step": String(l.step), "data-concept": l.concept },
                h("div", { class: "lesson-head" }, h("strong", { text: kindTitle }), h("span", { class: "small muted", text: t("lessons:card.move", { step: l.step, round: l.round }) })),
                h("p", { class: "lesson-text", text }),
                h("p", { class: "lesson-idea small" }, h("span", { text: `${t("lessons:card.idea")} ` }), h("a", { href: learnHref(l.concept), class: "concept-link", text: words.name }), " — ", ideaSentence(l.concept)),
                h("button", { type: "button", class: "btn btn-small lesson-step", text: t("lessons:card.showStep", { step: l.step }), on: { click: () => ctx.showStep(l.step) } }),
              );
            }),
          ),
        ]
      : h("p", { class: "muted", id: "lessons-none", text: t("lessons:card.none") }),
  );
}
