// The briefing: the scenario as everyone reads it, your delegation's public and private briefs, and
// your priorities made visible (weights, option values, walk-away point). Observers and facilitators
// without a seat read every delegation's public brief.
import type { TableConnection } from "../net/connection.ts";
import { isSolo } from "../net/legal.ts";
import { navigate } from "../shell.ts";
import { Disposer, fill, h } from "../ui/dom.ts";
import { emblemSpec, emblemSvg } from "../ui/emblem.ts";
import { protocolLabel, turnLength } from "../ui/format.ts";
import { fmt, t } from "../i18n.ts";
import { priorities, privateBrief, prose, walkAway } from "../panels/brief.ts";
import type { PublicScenario } from "../../shared/rules/types.ts";
import { marked, seatMe } from "../scenario-text.ts";

/**
 * The scenario's dated public facts, each with where it can be checked: a disclosure under the
 * briefs, closed at first so the brief comes first. Text only (text nodes, never HTML).
 */
/**
 * "Source: …": the citation as it was written (an overlay translates the fact, rarely the
 * reference), so a citation in Latin letters is marked as English on a page in another language.
 */
function sourceRef(source: string): HTMLElement {
  const [before, after] = t("screens:briefing.sources.source", { source: "\u0001" }).split("\u0001");
  return h("div", { class: "small muted source-ref" }, before, h("span", { class: "source-citation", lang: /[\u0980-\u09FF]/.test(source) ? undefined : "en", text: source }), after);
}

function sourcesSection(sources: PublicScenario["sources"]): HTMLElement {
  return h(
    "section",
    { class: "brief-section", id: "briefing-sources", "aria-labelledby": "sources-title" },
    h("h3", { id: "sources-title" }, t("screens:briefing.sources.title"), h("span", { class: "stamp public", text: t("screens:briefing.public") })),
    sources.length === 0
      ? h("p", { class: "small muted", text: t("screens:briefing.sources.none") })
      : h(
          "details",
          null,
          h("summary", { text: t("screens:briefing.sources.summary", { count: sources.length }) }),
          h(
            "ol",
            { class: "sources-list" },
            sources.map((s) =>
              h(
                "li",
                { class: "source-item", style: "margin-bottom: 8px" },
                h("strong", { class: "source-date", text: s.date ?? t("screens:briefing.sources.undated") }),
                " — ",
                h("span", { class: "source-fact", text: s.fact }),
                sourceRef(s.source),
              ),
            ),
          ),
        ),
  );
}

/** Who must accept for a deal: the required delegations, or the quorum (and, multilaterally, how many acceptances). */
function dealNeeds(scenario: PublicScenario): string {
  const required = fmt.list(scenario.agreement.required.map((id) => scenario.delegations.find((d) => d.id === id)?.name ?? id));
  if (scenario.protocol === "multilateral") {
    return required
      ? t("screens:briefing.facts.needsRequiredQuorum", { required, count: scenario.agreement.quorum })
      : t("screens:briefing.facts.needsQuorum", { count: scenario.agreement.quorum });
  }
  return required ? t("screens:briefing.facts.needsRequired", { required }) : t("screens:briefing.facts.needsTheQuorum");
}

export class BriefingView {
  readonly el = h("div", { class: "page briefing" });
  private d = new Disposer();
  private waiting = h("p", { class: "muted", role: "status" });

  constructor(private conn: TableConnection) {
    this.render();
    this.d.add(conn.events.on("seat", () => this.render()));
    this.d.add(conn.events.on("phase", () => this.render()));
    this.d.add(conn.events.on("table", () => this.updateWaiting()));
  }

  dispose(): void {
    this.d.dispose();
  }

  /** Redraw in the reader's new language. */
  relocalize(): void {
    this.render();
  }

  /** A solo table that has not started: the clock waits for the player's "I'm ready". */
  private soloWaiting(): boolean {
    const view = this.conn.view;
    return view?.phase === "waiting" && isSolo(view, this.conn.delegation, this.conn.isFacilitator);
  }

  private updateWaiting(): void {
    const view = this.conn.view;
    if (!view) return;
    if (this.soloWaiting()) {
      this.waiting.textContent = t("screens:briefing.waiting.solo");
    } else if (view.phase === "waiting") {
      const people = view.delegations.filter((d) => d.control === "people");
      const seated = people.filter((d) => d.connected > 0).length;
      this.waiting.textContent = t("screens:briefing.waiting.seats", { seated, total: people.length });
    } else if (view.phase === "ended") {
      this.waiting.textContent = t("screens:briefing.waiting.ended");
    } else {
      this.waiting.textContent = t("screens:briefing.waiting.running", { round: view.round, rounds: view.deadlineRounds });
    }
  }

  private render(): void {
    const scenario = this.conn.scenario!;
    const me = seatMe(this.conn.seat);
    const myIndex = me ? scenario.delegations.findIndex((d) => d.id === me.delegation) : -1;
    const myDelegation = myIndex >= 0 ? scenario.delegations[myIndex]! : null;
    const go = (id: string) => {
      const a = h("a", { class: "btn btn-primary", href: `#/table/${this.conn.matchId}`, id, text: t("screens:briefing.goToTable") });
      a.addEventListener("click", (e) => {
        e.preventDefault();
        navigate({ name: "match", matchId: this.conn.matchId, view: "table" });
      });
      return a;
    };
    // Solo, before the start: "I'm ready" starts the clock (the player is the table's facilitator)
    // and opens the table.
    const ready = (id: string) => {
      const b = h("button", { class: "btn btn-primary", type: "button", id, text: t("screens:briefing.ready") });
      b.addEventListener("click", async () => {
        for (const other of this.el.querySelectorAll<HTMLButtonElement>("[data-ready]")) other.disabled = true;
        if (this.conn.view?.phase === "waiting" && !(await this.conn.start()).ok) {
          for (const other of this.el.querySelectorAll<HTMLButtonElement>("[data-ready]")) other.disabled = false;
          return;
        }
        navigate({ name: "match", matchId: this.conn.matchId, view: "table" });
      });
      b.dataset.ready = "";
      return b;
    };
    const solo = this.soloWaiting();
    const goButton = solo ? ready("briefing-ready") : go("go-to-table");

    const head = h(
      "div",
      { class: "brief-head" },
      myDelegation ? emblemSvg(emblemSpec(myIndex, myDelegation.name), 64) : null,
      h(
        "div",
        null,
        h("div", { class: "eyebrow", text: myDelegation ? t("screens:briefing.yourDelegation", { name: myDelegation.name }) : this.conn.isFacilitator ? t("screens:briefing.facilitators") : t("screens:briefing.observers") }),
        h("h1", { id: "briefing-title", text: scenario.title }),
      ),
      h("div", { style: "margin-left: auto" }, solo ? ready("briefing-ready-top") : go("go-to-table-top")),
    );

    const facts = h(
      "p",
      { class: "small muted" },
      `${fmt.number(scenario.year, { useGrouping: false })} · ${protocolLabel(scenario.protocol)} · ${t("screens:briefing.facts.rounds", { count: scenario.deadline.rounds, length: turnLength(this.conn.view?.timer.seconds || scenario.deadline.secondsPerTurn) })} · `,
      dealNeeds(scenario),
    );

    const left = h(
      "div",
      { class: "paper" },
      h("section", { class: "brief-section", "aria-labelledby": "situation-title" }, h("h3", { id: "situation-title" }, t("screens:briefing.situation"), h("span", { class: "stamp public", text: t("screens:briefing.public") })), marked(prose(scenario.summary), this.conn.scenarioSource, "summary")),
      myDelegation
        ? h("section", { class: "brief-section", "aria-labelledby": "public-brief-title" }, h("h3", { id: "public-brief-title", text: t("screens:briefing.publicBrief", { name: myDelegation.name }) }), marked(prose(myDelegation.publicBrief), this.conn.scenarioSource, `delegations.${myDelegation.id}.publicBrief`))
        : h(
            "section",
            { class: "brief-section", "aria-labelledby": "delegations-title" },
            h("h3", { id: "delegations-title", text: t("screens:briefing.delegations") }),
            scenario.delegations.map((d, i) =>
              h("div", { class: "brief-section" }, h("h4", { class: "row" }, emblemSvg(emblemSpec(i, d.name), 28), d.name, d.required ? h("span", { class: "small muted", text: t("screens:briefing.requiredForDeal") }) : null), marked(prose(d.publicBrief), this.conn.scenarioSource, `delegations.${d.id}.publicBrief`)),
            ),
          ),
      me ? privateBrief(me, scenario) : null,
      sourcesSection(scenario.sources),
    );

    const right = h(
      "div",
      { class: "brief-side" },
      me
        ? h(
            "div",
            { class: "paper" },
            h("h2", { text: t("screens:briefing.priorities") }),
            h("p", { class: "small muted", text: t("screens:briefing.prioritiesHint") }),
            priorities(scenario, me.profile),
            walkAway(scenario, me.profile),
          )
        : h("div", { class: "card" }, h("h2", { text: t("screens:briefing.issues") }), h("ul", null, scenario.issues.map((i) => h("li", null, h("strong", { text: i.title }), h("span", { class: "muted", text: ` — ${i.options.map((o) => o.label).join(" · ")}` }))))),
      h("div", { class: "card", style: "margin-top: 20px" }, this.waiting, h("div", { class: "actions" }, goButton)),
    );

    fill(this.el, head, facts, h("div", { class: "brief-grid" }, left, right));
    this.updateWaiting();
  }
}
