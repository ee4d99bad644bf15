// One drill, played in this browser through the rules engine (shared/drills/play.ts: no server
// table): your side of the three issues with what each option is worth to you, the package you
// build, what is on the table, the offers so far, the ranking form of a "read" drill, and the score
// with the one idea it teaches. Its points are invented for the drill (shared/drills/derive.ts), and
// the page says so. A finished drill is recorded in the ladder.
import type { DrillDef, DrillKind, DrillWords } from "../../shared/drills/drill.ts";
import { drillScenario } from "../../shared/drills/drill.ts";
import { DrillGame, type DrillMove } from "../../shared/drills/play.ts";
import { scoreDrill, type DrillScore } from "../../shared/drills/score.ts";
import type { Package, Scenario } from "../../shared/scenario/schema.ts";
import { fmt, t } from "../i18n.ts";
import { append, confirmDialog, fill, h } from "../ui/dom.ts";
import { pts } from "../ui/format.ts";
import { meter } from "../ui/package.ts";
import { record } from "./ladder.ts";

/** The catalog's keys for each idea (literal, so the catalog test sees them used). */
export const IDEA: Record<DrillKind, { name: string; line: string; idea: string; partner: string }> = {
  trade: { name: "practice:ideas.trade.name", line: "practice:ideas.trade.line", idea: "practice:ideas.trade.idea", partner: "practice:partner.trade" },
  hold: { name: "practice:ideas.hold.name", line: "practice:ideas.hold.line", idea: "practice:ideas.hold.idea", partner: "practice:partner.hold" },
  read: { name: "practice:ideas.read.name", line: "practice:ideas.read.line", idea: "practice:ideas.read.idea", partner: "practice:partner.read" },
};

const PLACES = ["practice:drill.place1", "practice:drill.place2", "practice:drill.place3"];

export class DrillView {
  readonly el = h("div", { class: "page drill-page" });
  /** The drill in the reader's language (names, titles, options); the game keeps its own copy (same numbers). */
  private scenario: Scenario;
  private readonly game: DrillGame;
  private draft: Package = {};
  private score: DrillScore | null = null;
  private error = "";
  private rankError = "";
  private ranking: string[] = [];
  private recorded: boolean | null = null;

  constructor(
    private readonly def: DrillDef,
    private words: DrillWords,
    private readonly seed: number,
  ) {
    this.scenario = drillScenario(words, def);
    this.game = new DrillGame(this.scenario, def, seed);
    const me = this.scenario.delegations[0]!.profile;
    // Start from your own best package: the first thing to learn is what you want.
    for (const issue of this.scenario.issues) {
      this.draft[issue.id] = [...issue.options].sort((a, b) => (me.values[issue.id]?.[b.id] ?? 0) - (me.values[issue.id]?.[a.id] ?? 0))[0]!.id;
    }
    this.ranking = this.scenario.issues.map((i) => i.id);
    this.render();
  }

  /** Redraw in the reader's new language (the game goes on). */
  relocalize(words: DrillWords): void {
    this.words = words;
    this.scenario = drillScenario(words, this.def);
    this.render();
  }

  private name(i: 0 | 1): string {
    return this.scenario.delegations[i]!.name;
  }

  private label(issue: string, option: string | undefined): string {
    return this.scenario.issues.find((i) => i.id === issue)?.options.find((o) => o.id === option)?.label ?? option ?? "—";
  }

  private short(pkg: Readonly<Package>): string {
    return this.scenario.issues.map((i) => this.label(i.id, pkg[i.id])).join(" · ");
  }

  private act(move: DrillMove): void {
    const r = this.game.move(move);
    this.error = r.ok ? "" : t("practice:drill.refused", { reason: r.message });
    if (this.game.over && this.def.kind !== "read") this.finish(null);
    this.render();
  }

  private finish(ranking: string[] | null): void {
    this.score = scoreDrill(this.game, ranking);
    const s = this.score;
    this.recorded = record({
      kind: "drill",
      id: `${this.def.id}@${this.seed}@${Date.now()}`,
      at: new Date().toISOString(),
      drill: this.def.id,
      idea: this.def.kind,
      scenario: this.def.scenario,
      seed: this.seed,
      score: s.score,
      agreement: s.agreement,
      utility: s.utility,
      walkAway: s.walkAway,
      advantage: s.advantage,
      paretoDistance: s.paretoDistance,
    });
  }

  private render(): void {
    const k = IDEA[this.def.kind];
    const head = h(
      "header",
      { class: "drill-head" },
      h("a", { href: "#/practice", class: "small", text: t("practice:drill.back") }),
      h("div", { class: "eyebrow", text: t("practice:drill.eyebrow", { scenario: this.words.title }) }),
      h("h1", { id: "drill-title", text: t(k.name) }),
      h("p", { class: "lead", text: t(k.line) }),
      h("p", { class: "small muted", text: `${t("practice:drill.who", { player: this.name(0), partner: this.name(1) })} ${t(k.partner)}` }),
      h("p", { class: "small muted", id: "drill-invented", text: t("practice:drill.invented") }),
    );
    const main = h("div", { class: "drill-grid" });
    if (this.score) main.append(this.scoreCard(this.score));
    main.append(this.sideCard(), h("div", { class: "drill-col" }, this.tableCard(), this.def.kind === "read" && !this.score ? this.rankCard() : null, this.logCard()));
    fill(this.el, head, main);
  }

  private sideCard(): HTMLElement {
    const me = this.scenario.delegations[0]!.profile;
    const u = this.game.utilities(this.draft)[0]!;
    const live = !this.score && !this.game.over;
    return h(
      "section",
      { class: "card drill-side", "aria-labelledby": "drill-side-title" },
      h("h2", { id: "drill-side-title", text: t("practice:drill.yourSide") }),
      h("p", { class: "small muted", text: t("practice:drill.yourSideLead") }),
      this.scenario.issues.map((issue) => {
        const w = me.weights[issue.id] ?? 0;
        const id = `drill-option-${issue.id}`;
        const select = h(
          "select",
          { id, class: "drill-option", "data-issue": issue.id, disabled: !live },
          issue.options.map((o) => h("option", { value: o.id, selected: this.draft[issue.id] === o.id, text: t("practice:drill.option", { label: o.label, points: pts(w * (me.values[issue.id]?.[o.id] ?? 0)) }) })),
        );
        select.addEventListener("change", () => {
          this.draft = { ...this.draft, [issue.id]: select.value };
          this.render();
          this.el.querySelector<HTMLSelectElement>(`#${CSS.escape(id)}`)?.focus();
        });
        return h("div", { class: "field" }, h("label", { for: id }, h("strong", { text: issue.title }), h("span", { class: "small muted", text: ` · ${t("practice:drill.issueWeight", { points: pts(w) })}` })), select);
      }),
      h("p", { id: "drill-draft-worth", text: t("practice:drill.draftWorth", { points: pts(u) }) }),
      meter(u, me.reservationValue, t("practice:drill.meter")),
      h("p", { class: "small muted", style: "margin-top: 18px", text: t("practice:drill.walkAway", { points: pts(me.reservationValue) }) }),
    );
  }

  private tableCard(): HTMLElement {
    const state = this.game.state;
    const table = state.table;
    const rounds = state.deadlineRounds;
    const round = Math.min(state.round, rounds);
    const live = !this.score && !this.game.over;
    const theirs = table && table.proposer !== this.game.player ? table : null;
    const card = h(
      "section",
      { class: "card drill-table", "aria-labelledby": "drill-table-title" },
      h("h2", { id: "drill-table-title", text: t("practice:drill.table") }),
      h("p", { class: "small muted", id: "drill-round", "data-round": String(state.round), text: round >= rounds ? t("practice:drill.lastRound", { round: fmt.number(round), rounds: fmt.number(rounds) }) : t("practice:drill.round", { round: fmt.number(round), rounds: fmt.number(rounds) }) }),
    );
    const outcome = state.outcome;
    if (outcome) {
      append(card, [
        h("h3", { id: "drill-outcome", text: outcome.agreement ? t("practice:drill.agreed", { round: fmt.number(outcome.round) }) : t("practice:drill.noDeal") }),
        outcome.package ? h("ul", { class: "pkg-list" }, this.scenario.issues.map((i) => h("li", null, h("span", { class: "issue", text: i.title }), h("span", { text: this.label(i.id, outcome.package![i.id]) })))) : null,
      ]);
    } else if (theirs) {
      const u = this.game.utilities(theirs.package)[0]!;
      const r = this.scenario.delegations[0]!.profile.reservationValue;
      card.append(
        h("h3", { text: t("practice:drill.offers", { name: this.name(1) }) }),
        h("ul", { class: "pkg-list", id: "drill-offer" }, this.scenario.issues.map((i) => h("li", null, h("span", { class: "issue", text: i.title }), h("span", { text: this.label(i.id, theirs.package[i.id]) })))),
        h("p", { class: `verdict ${u >= r - 1e-9 ? "good" : "bad"}`, id: "drill-offer-worth", text: u >= r - 1e-9 ? t("practice:drill.worth", { points: pts(u) }) : `${t("practice:drill.worth", { points: pts(u) })} · ${t("practice:drill.below")}` }),
      );
    } else if (table && live) {
      card.append(h("p", { class: "muted", text: t("practice:drill.yourOffer", { name: this.name(1) }) }));
    } else if (live) {
      card.append(h("p", { class: "muted", text: t("practice:drill.nothing") }));
    }
    if (live && this.game.myTurn) {
      const send = h("button", { class: "btn btn-primary", type: "button", id: "drill-propose", text: theirs ? t("practice:drill.counter") : t("practice:drill.propose") });
      send.addEventListener("click", () => this.act(theirs ? { type: "counter", package: { ...this.draft } } : { type: "propose", package: { ...this.draft } }));
      const accept = theirs ? h("button", { class: "btn", type: "button", id: "drill-accept", text: t("practice:drill.accept") }) : null;
      accept?.addEventListener("click", () => this.act({ type: "accept" }));
      const walk = h("button", { class: "btn btn-danger", type: "button", id: "drill-walk", text: t("practice:drill.walk") });
      walk.addEventListener("click", () => {
        void confirmDialog(t("practice:drill.walkTitle"), t("practice:drill.walkText"), t("practice:drill.walk"), true).then((yes) => yes && this.act({ type: "walk_away" }));
      });
      card.append(h("div", { class: "actions" }, send, accept, walk));
    }
    if (this.error) card.append(h("p", { class: "error-text", role: "alert", text: this.error }));
    return card;
  }

  private rankCard(): HTMLElement {
    const issues = this.scenario.issues;
    const selects = PLACES.map((place, n) => {
      const id = `drill-rank-${n + 1}`;
      const sel = h("select", { id, class: "drill-rank" }, issues.map((i) => h("option", { value: i.id, selected: this.ranking[n] === i.id, text: i.title })));
      sel.addEventListener("change", () => (this.ranking[n] = sel.value));
      return h("div", { class: "field" }, h("label", { for: id, text: t(place) }), sel);
    });
    const submit = h("button", { class: "btn btn-primary", type: "button", id: "drill-rank-submit", text: t("practice:drill.rankSubmit") });
    submit.addEventListener("click", () => {
      if (new Set(this.ranking).size !== issues.length) {
        this.rankError = t("practice:drill.rankTwice");
        this.render();
        return;
      }
      this.rankError = "";
      this.finish([...this.ranking]);
      this.render();
    });
    return h(
      "section",
      { class: "card drill-rank-card", "aria-labelledby": "drill-rank-title" },
      h("h2", { id: "drill-rank-title", text: t("practice:drill.rankTitle", { name: this.name(1) }) }),
      h("p", { class: "small muted", text: t("practice:drill.rankLead") }),
      selects,
      h("div", { class: "actions" }, submit),
      this.rankError ? h("p", { class: "error-text", role: "alert", text: this.rankError }) : null,
    );
  }

  private logCard(): HTMLElement {
    const lines: HTMLElement[] = [];
    for (const m of this.game.state.moves) {
      const who = m.by === this.game.player ? t("practice:drill.you") : this.name(1);
      const round = fmt.number(m.round);
      if ((m.type === "propose" || m.type === "counter") && m.package) {
        lines.push(h("li", { "data-by": m.by, text: t("practice:drill.logLine", { round, who, package: this.short(m.package), points: pts(this.game.utilities(m.package)[0]) }) }));
      } else if (m.type === "accept") lines.push(h("li", { "data-by": m.by, text: t("practice:drill.accepted", { round, who }) }));
      else if (m.type === "walk_away") lines.push(h("li", { "data-by": m.by, text: t("practice:drill.walked", { round, who }) }));
    }
    return h(
      "section",
      { class: "card drill-log", "aria-labelledby": "drill-log-title" },
      h("h2", { id: "drill-log-title", text: t("practice:drill.log") }),
      lines.length ? h("ul", { class: "drill-moves", id: "drill-moves" }, lines.reverse()) : h("p", { class: "muted small", text: t("practice:drill.logEmpty") }),
    );
  }

  private scoreCard(s: DrillScore): HTMLElement {
    const lines: string[] = [];
    lines.push(s.agreement ? t("practice:score.dealAt", { points: pts(s.utility), walkAway: pts(s.walkAway), best: pts(s.best) }) : t("practice:score.noDeal", { walkAway: pts(s.walkAway) }));
    if (s.paretoDistance !== null) lines.push(t("practice:score.distance", { points: pts(s.paretoDistance) }));
    if (s.held !== undefined) lines.push(s.held ? t("practice:score.held") : t("practice:score.broke"));
    if (s.ranking) {
      const title = (id: string) => this.scenario.issues.find((i) => i.id === id)?.title ?? id;
      lines.push(t("practice:score.ranking", { guess: s.ranking.guess.map(title).join(" › "), truth: s.ranking.truth.map(title).join(" › ") }));
      lines.push(t("practice:score.inPlace", { count: fmt.number(s.ranking.inPlace) }));
    }
    return h(
      "section",
      { class: "card drill-score", id: "drill-score-card", "aria-labelledby": "drill-score-title", role: "status" },
      h("h2", { id: "drill-score-title", text: t("practice:score.title") }),
      h("div", { class: "row" }, h("span", { class: "big-number", id: "drill-score", "data-score": String(s.score), text: fmt.number(s.score) }), h("span", { class: "muted", text: t("practice:score.outOf") })),
      lines.map((l) => h("p", { class: "small", text: l })),
      h("h3", { text: t("practice:score.idea") }),
      h("p", { id: "drill-idea", text: t(IDEA[this.def.kind].idea) }),
      this.recorded === false ? h("p", { class: "error-text small", text: t("practice:score.notRecorded") }) : null,
      h(
        "div",
        { class: "actions" },
        h("a", { class: "btn btn-primary", id: "drill-again", href: `#/practice/${this.def.id}/${this.seed + 1}`, text: t("practice:score.again") }),
        h("a", { class: "btn", href: "#/practice", text: t("practice:score.other") }),
        h("a", { class: "btn", id: "drill-progress", href: "#/progress", text: t("practice:score.progress") }),
      ),
    );
  }
}
