// The briefing: the scenario as everyone reads it, your delegation's public and private briefs, and
// your priorities made visible (weights, option values, walk-away point). Observers and facilitators
// without a seat read every delegation's public brief.
import type { TableConnection } from "../net/connection.ts";
import { isSolo } from "../net/legal.ts";
import { navigate } from "../shell.ts";
import { Disposer, fill, h } from "../ui/dom.ts";
import { emblemSpec, emblemSvg } from "../ui/emblem.ts";
import { protocolLabel, turnLength } from "../ui/format.ts";
import { priorities, privateBrief, prose, walkAway } from "../panels/brief.ts";
import type { PublicScenario } from "../../shared/rules/types.ts";

/**
 * The scenario's dated public facts, each with where it can be checked: a disclosure under the
 * briefs, closed at first so the brief comes first. Text only (text nodes, never HTML).
 */
function sourcesSection(sources: PublicScenario["sources"]): HTMLElement {
  const count = `${sources.length} dated fact${sources.length === 1 ? "" : "s"}`;
  return h(
    "section",
    { class: "brief-section", id: "briefing-sources", "aria-labelledby": "sources-title" },
    h("h3", { id: "sources-title" }, "Sources", h("span", { class: "stamp public", text: "Public" })),
    sources.length === 0
      ? h("p", { class: "small muted", text: "This scenario lists no sources." })
      : h(
          "details",
          null,
          h("summary", { text: `What the scenario rests on: ${count}, each with its source` }),
          h(
            "ol",
            { class: "sources-list" },
            sources.map((s) =>
              h(
                "li",
                { class: "source-item", style: "margin-bottom: 8px" },
                h("strong", { class: "source-date", text: s.date ?? "undated" }),
                " — ",
                h("span", { class: "source-fact", text: s.fact }),
                h("div", { class: "small muted source-ref", text: `Source: ${s.source}` }),
              ),
            ),
          ),
        ),
  );
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

  /** A solo table that has not started: the clock waits for the player's "I'm ready". */
  private soloWaiting(): boolean {
    const view = this.conn.view;
    return view?.phase === "waiting" && isSolo(view, this.conn.delegation, this.conn.isFacilitator);
  }

  private updateWaiting(): void {
    const view = this.conn.view;
    if (!view) return;
    if (this.soloWaiting()) {
      this.waiting.textContent = "The clock has not started. Take your time with the brief: the negotiation begins when you say you are ready.";
    } else if (view.phase === "waiting") {
      const people = view.delegations.filter((d) => d.control === "people");
      const seated = people.filter((d) => d.connected > 0).length;
      this.waiting.textContent = `Waiting for delegations to take their seats: ${seated} of ${people.length} seated. You can read your brief meanwhile.`;
    } else if (view.phase === "ended") {
      this.waiting.textContent = "The negotiation has ended: the debrief is open.";
    } else {
      this.waiting.textContent = `The negotiation is under way: round ${view.round} of ${view.deadlineRounds}.`;
    }
  }

  private render(): void {
    const scenario = this.conn.scenario!;
    const me = this.conn.seat?.me ?? null;
    const myIndex = me ? scenario.delegations.findIndex((d) => d.id === me.delegation) : -1;
    const myDelegation = myIndex >= 0 ? scenario.delegations[myIndex]! : null;
    const go = (id: string) => {
      const a = h("a", { class: "btn btn-primary", href: `#/table/${this.conn.matchId}`, id, text: "Go to the table" });
      a.addEventListener("click", (e) => {
        e.preventDefault();
        navigate({ name: "match", matchId: this.conn.matchId, view: "table" });
      });
      return a;
    };
    // Solo, before the start: "I'm ready" starts the clock (the player is the table's facilitator)
    // and opens the table.
    const ready = (id: string) => {
      const b = h("button", { class: "btn btn-primary", type: "button", id, text: "I'm ready: start the negotiation" });
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
        h("div", { class: "eyebrow", text: myDelegation ? `Your delegation: ${myDelegation.name}` : this.conn.isFacilitator ? "Facilitator's briefing" : "Observer's briefing" }),
        h("h1", { id: "briefing-title", text: scenario.title }),
      ),
      h("div", { style: "margin-left: auto" }, solo ? ready("briefing-ready-top") : go("go-to-table-top")),
    );

    const facts = h(
      "p",
      { class: "small muted" },
      `${scenario.year} · ${protocolLabel(scenario.protocol)} · ${scenario.deadline.rounds} rounds of ${turnLength(this.conn.view?.timer.seconds || scenario.deadline.secondsPerTurn)} per turn · `,
      `a deal needs ${scenario.agreement.required.map((id) => scenario.delegations.find((d) => d.id === id)?.name ?? id).join(" and ") || "the quorum"}${scenario.protocol === "multilateral" ? ` and at least ${scenario.agreement.quorum} acceptances` : ""}.`,
    );

    const left = h(
      "div",
      { class: "paper" },
      h("section", { class: "brief-section", "aria-labelledby": "situation-title" }, h("h3", { id: "situation-title" }, "The situation", h("span", { class: "stamp public", text: "Public" })), prose(scenario.summary)),
      myDelegation
        ? h("section", { class: "brief-section", "aria-labelledby": "public-brief-title" }, h("h3", { id: "public-brief-title", text: `${myDelegation.name}: public brief` }), prose(myDelegation.publicBrief))
        : h(
            "section",
            { class: "brief-section", "aria-labelledby": "delegations-title" },
            h("h3", { id: "delegations-title", text: "The delegations" }),
            scenario.delegations.map((d, i) =>
              h("div", { class: "brief-section" }, h("h4", { class: "row" }, emblemSvg(emblemSpec(i, d.name), 28), d.name, d.required ? h("span", { class: "small muted", text: "(required for a deal)" }) : null), prose(d.publicBrief)),
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
            h("h2", { text: "Your priorities" }),
            h("p", { class: "small muted", text: "How much each issue matters to you, and what each option is worth (out of 100). Your score for a package is the weighted sum." }),
            priorities(scenario, me.profile),
            walkAway(scenario, me.profile),
          )
        : h("div", { class: "card" }, h("h2", { text: "The issues on the table" }), h("ul", null, scenario.issues.map((i) => h("li", null, h("strong", { text: i.title }), h("span", { class: "muted", text: ` — ${i.options.map((o) => o.label).join(" · ")}` }))))),
      h("div", { class: "card", style: "margin-top: 20px" }, this.waiting, h("div", { class: "actions" }, goButton)),
    );

    fill(this.el, head, facts, h("div", { class: "brief-grid" }, left, right));
    this.updateWaiting();
  }
}
