// The debrief: the outcome and your result against your walk-away point; once the server reveals
// every profile, everyone's utilities, the Pareto frontier with the deal, the Nash point and the
// historical outcome marked, what was left on the table, a replay of the log, and the transcript.
import type { Reveal } from "../../shared/rules/types.ts";
import { analyse, utilitiesFor, type DebriefAnalysis } from "../debrief/analysis.ts";
import { barsChart, scatterChart, type ScatterChart } from "../debrief/charts.ts";
import { api } from "../net/api.ts";
import type { TableConnection } from "../net/connection.ts";
import type { MoveView, Package } from "../net/view.ts";
import { redLineLabels, prose } from "../panels/brief.ts";
import { describeMove } from "../panels/log.ts";
import { Disposer, fill, h } from "../ui/dom.ts";
import { emblemSpec, emblemSvg } from "../ui/emblem.ts";
import { endReason, pct, pts } from "../ui/format.ts";
import { meter, optionLabel, packageList } from "../ui/package.ts";

export class DebriefView {
  readonly el = h("div", { class: "page debrief" });
  private d = new Disposer();
  private analysis: DebriefAnalysis | null = null;
  private scatter: ScatterChart | null = null;
  private chartHost = h("div");

  constructor(private conn: TableConnection) {
    this.render();
    this.d.add(conn.events.on("reveal", () => this.render()));
    this.d.add(conn.events.on("seat", () => this.render()));
  }

  dispose(): void {
    this.d.dispose();
  }

  private render(): void {
    const conn = this.conn;
    const view = conn.view!;
    const scenario = conn.scenario!;
    const reveal = conn.reveal;
    const outcome = view.outcome;
    if (reveal && !this.analysis) {
      try {
        this.analysis = analyse(reveal);
      } catch (e) {
        console.error("debrief analysis failed", e);
      }
    }
    const a = this.analysis;
    const me = conn.delegation;
    const myIndex = me ? scenario.delegations.findIndex((d) => d.id === me) : -1;
    const mine = a && me ? a.parties.find((p) => p.id === me) : null;
    const myUtility = mine?.utility ?? conn.seat?.myUtility ?? null;
    const myWalkAway = mine?.reservation ?? conn.seat?.me?.profile.reservationValue ?? null;

    const headline = outcome ? (outcome.agreement ? `Agreement reached in round ${outcome.round}` : endReason(outcome.reason, scenario.delegations.find((d) => d.id === outcome.by)?.name ?? "")) : "The negotiation has ended";
    const head = h(
      "header",
      { class: "outcome-head" },
      h("div", { class: "eyebrow", text: `Debrief · ${scenario.title}` }),
      h("h1", { id: "debrief-title", text: headline }),
      h("p", { class: "muted", text: outcome?.agreement ? "The package everyone signed:" : "Without an agreement every delegation falls back on its walk-away point." }),
      outcome?.package ? h("div", { class: "deal-cards", id: "deal-cards" }, scenario.issues.map((i) => h("div", { class: "deal-card" }, h("div", { class: "issue", text: i.title }), h("span", { class: "option", text: optionLabel(scenario, i.id, outcome.package![i.id]) })))) : null,
    );

    const you =
      me && myUtility !== null && myWalkAway !== null
        ? h(
            "section",
            { class: "card", "aria-labelledby": "you-title" },
            h("h2", { id: "you-title" }, myIndex >= 0 ? emblemSvg(emblemSpec(myIndex, scenario.delegations[myIndex]!.name), 30) : null, "Your result"),
            h("div", { class: "row" }, h("span", { class: "big-number", id: "my-utility", text: pts(myUtility) }), h("span", { class: "muted", text: `points · your walk-away was ${pts(myWalkAway)}` })),
            meter(myUtility, myWalkAway, "Your result against your walk-away point"),
            h("p", { class: `verdict ${myUtility >= myWalkAway - 1e-9 ? "good" : "bad"}`, text: verdictText(myUtility, myWalkAway, outcome?.agreement ?? false) }),
            mine ? h("p", { class: "small muted", text: `Advantage ${pct(mine.advantage)}: how far you got from your walk-away point (0%) toward your best possible package (100%).` }) : null,
          )
        : null;

    const left = h("div", { class: "debrief-main" });
    const right = h("div", { class: "debrief-side", style: "display: grid; gap: 20px" });
    if (you) right.append(you);

    if (!reveal || !a) {
      left.append(h("section", { class: "card" }, h("h2", { text: "Everyone's results" }), h("p", { class: "muted", role: "status", text: reveal ? "The analysis could not be computed for this scenario." : "Waiting for the server to reveal every delegation's brief and priorities…" })));
    } else {
      left.append(this.chartCard(a, reveal), this.briefsCard(reveal, me), this.replayCard(a, reveal));
      right.append(this.leftOnTable(a), this.everyone(a, me));
    }
    right.append(this.transcriptCard());

    fill(this.el, head, h("div", { class: "debrief-grid" }, left, right));
  }

  private chartCard(a: DebriefAnalysis, reveal: Reveal): HTMLElement {
    const names = reveal.delegations.map((d) => d.name);
    fill(this.chartHost);
    if (a.parties.length === 2) {
      this.scatter = scatterChart(a, [names[0]!, names[1]!]);
      this.chartHost.append(this.scatter.el);
    } else {
      this.scatter = null;
      this.chartHost.append(barsChart(a));
    }
    return h(
      "section",
      { class: "card", "aria-labelledby": "chart-title", id: "debrief-chart" },
      h("h2", { id: "chart-title", text: a.parties.length === 2 ? "The outcome space and the Pareto frontier" : "Each delegation against its Nash share" }),
      h(
        "p",
        { class: "small muted", text:
          a.parties.length === 2
            ? "Every dot is a possible package. Packages on the gold frontier cannot be improved for one side without costing the other; the Nash point maximises the product of both gains over walking away."
            : "Bars show what each delegation got; the white tick is what it would get at the Nash point, which maximises the product of everyone's gains over walking away." },
      ),
      this.chartHost,
      a.historical ? h("p", { class: "small muted", text: `Historical outcome: ${a.historical.note}` }) : null,
    );
  }

  /** Now that it is over: what the other delegations were told in private, and what bound them. */
  private briefsCard(reveal: Reveal, me: string | null): HTMLElement {
    const scenario = this.conn.scenario!;
    const others = reveal.delegations.filter((d) => d.id !== me);
    return h(
      "section",
      { class: "card debrief-briefs", "aria-labelledby": "briefs-title", id: "debrief-briefs", style: "margin-top: 20px" },
      h("h2", { id: "briefs-title", text: me ? "What the other side knew" : "Every delegation's private brief" }),
      h("p", { class: "small muted", text: "Now revealed: each delegation's confidential instructions, its red lines and its walk-away point." }),
      others.map((d, i) => {
        const index = scenario.delegations.findIndex((x) => x.id === d.id);
        const lines = redLineLabels(scenario, d.profile);
        return h(
          "details",
          { class: "revealed-brief", open: i === 0 && others.length <= 2, "data-delegation": d.id },
          h("summary", null, index >= 0 ? emblemSvg(emblemSpec(index, d.name), 22) : null, h("strong", { text: ` ${d.name}` }), h("span", { class: "small muted", text: ` · walk-away ${pts(d.profile.reservationValue)} points` })),
          h("h4", { text: `Private brief — ${d.name}` }),
          prose(d.privateBrief, "prose-block revealed-brief-text"),
          lines.length ? h("div", null, h("h4", { text: "Red lines" }), h("ul", null, lines.map((l) => h("li", { text: l })))) : null,
        );
      }),
    );
  }

  private leftOnTable(a: DebriefAnalysis): HTMLElement {
    const kpis = h("div", { class: "kpis" });
    const kpi = (label: string, value: string, id?: string) => kpis.append(h("div", { class: "kpi", id }, h("div", { class: "label", text: label }), h("div", { class: "value", text: value })));
    let summary: string;
    if (a.agreement) {
      kpi("Joint gain over walking away", pts(a.surplus), "kpi-surplus");
      kpi("At the Nash point", pts(a.nashSurplus));
      kpi("Distance to the frontier", a.paretoDistance === null ? "—" : pts(a.paretoDistance), "kpi-distance");
      summary = a.improvement
        ? `Value left on the table: another package gave every delegation at least as much, and ${pts(a.improvement.total)} points more in total.`
        : "The deal is on the Pareto frontier: no package was better for someone without being worse for someone else.";
    } else {
      kpi("Joint gain missed", pts(a.nashSurplus), "kpi-missed");
      kpi("Packages available", a.space.size.toLocaleString("en"));
      summary = a.nash
        ? `Without a deal, the whole surplus was lost: the Nash package alone would have given the table ${pts(a.nashSurplus)} points over walking away.`
        : "No package was acceptable to every delegation: walking away cost nothing here.";
    }
    return h("section", { class: "card", "aria-labelledby": "lot-title" }, h("h2", { id: "lot-title", text: "Value left on the table" }), kpis, h("p", { id: "value-left", text: summary }));
  }

  private everyone(a: DebriefAnalysis, me: string | null): HTMLElement {
    const table = h("table", { class: "results" });
    table.append(
      h("thead", null, h("tr", null, h("th", { scope: "col", text: "Delegation" }), h("th", { scope: "col", text: "Result" }), h("th", { scope: "col", text: "Walk-away" }), h("th", { scope: "col", text: "Share" }), h("th", { scope: "col", text: "Nash share" }))),
      h(
        "tbody",
        null,
        a.parties.map((p) =>
          h(
            "tr",
            { class: p.id === me ? "me" : "" },
            h("th", { scope: "row", text: p.name }),
            h("td", { text: pts(p.utility) }),
            h("td", { text: pts(p.reservation) }),
            h("td", { text: a.agreement && a.surplus > 0.005 ? pct(p.surplusShare) : "—" }),
            h("td", { text: pct(p.nashShare) }),
          ),
        ),
      ),
    );
    return h(
      "section",
      { class: "card", "aria-labelledby": "everyone-title" },
      h("h2", { id: "everyone-title", text: "Everyone's results" }),
      h("p", { class: "small muted", text: "Now revealed: each delegation's score for the outcome (out of 100), its walk-away point, and its share of the gain compared with the Nash point's." }),
      h("div", { style: "overflow-x: auto" }, table),
    );
  }

  private replayCard(a: DebriefAnalysis, reveal: Reveal): HTMLElement {
    const scenario = this.conn.scenario!;
    const view = this.conn.view!;
    const moves: MoveView[] = reveal.moves.map((m) => ({
      version: m.version,
      round: m.round,
      by: m.by,
      type: m.type,
      package: m.package ? { ...m.package } : null,
      vote: m.accept === undefined ? null : m.accept ? "accept" : "reject",
    }));
    const slider = h("input", { type: "range", min: 0, max: moves.length, value: String(moves.length), step: 1, id: "replay-slider", "aria-describedby": "replay-step" });
    const label = h("label", { for: "replay-slider", text: "Step through the log of moves" });
    const step = h("div", { class: "step", id: "replay-step", "aria-live": "polite" });
    const detail = h("div");
    const prev = h("button", { class: "btn btn-small", type: "button", text: "◀ Previous", "aria-label": "Previous move" });
    const next = h("button", { class: "btn btn-small", type: "button", text: "Next ▶", "aria-label": "Next move" });
    const barsHost = h("div");
    const show = () => {
      const k = Number(slider.value);
      let pkg: Package | null = null;
      for (let i = 0; i < k; i++) if (moves[i]!.package) pkg = moves[i]!.package;
      if (k === 0) step.textContent = `Before the first move · ${moves.length} moves in all`;
      else step.textContent = `Move ${k} of ${moves.length} · round ${moves[k - 1]!.round} · ${describeMove(view, moves[k - 1]!, view.protocol)}`;
      const u = pkg ? utilitiesFor(a, pkg) : null;
      this.scatter?.setReplay(u);
      if (!this.scatter) fill(barsHost);
      fill(
        detail,
        pkg
          ? h(
              "div",
              null,
              h("h3", { text: "The package under discussion" }),
              packageList(scenario, pkg),
              u ? h("p", { class: "small", style: "margin-top: 8px", text: a.parties.map((p, i) => `${p.name}: ${pts(u[i])}`).join(" · ") }) : null,
            )
          : h("p", { class: "muted small", text: "No package had been proposed yet." }),
      );
      prev.disabled = k === 0;
      next.disabled = k === moves.length;
    };
    slider.addEventListener("input", show);
    prev.addEventListener("click", () => {
      slider.value = String(Math.max(0, Number(slider.value) - 1));
      show();
    });
    next.addEventListener("click", () => {
      slider.value = String(Math.min(moves.length, Number(slider.value) + 1));
      show();
    });
    show();
    return h(
      "section",
      { class: "card replay", "aria-labelledby": "replay-title", style: "margin-top: 20px" },
      h("h2", { id: "replay-title", text: "Replay" }),
      label,
      slider,
      h("div", { class: "actions", style: "margin: 6px 0 10px" }, prev, next),
      step,
      detail,
      barsHost,
    );
  }

  private transcriptCard(): HTMLElement {
    const id = this.conn.matchId;
    return h(
      "section",
      { class: "card", "aria-labelledby": "transcript-title" },
      h("h2", { id: "transcript-title", text: "Transcript" }),
      h("p", { class: "small muted", text: "Every move and every message on every channel, now that the negotiation is over." }),
      h(
        "div",
        { class: "actions" },
        h("a", { class: "btn btn-primary", href: api.transcriptUrl(id, "md"), download: `cyber-accord-${id}.md`, id: "transcript-md", text: "Download (Markdown)" }),
        h("a", { class: "btn", href: api.transcriptUrl(id, "csv"), download: `cyber-accord-${id}.csv`, text: "CSV" }),
        h("a", { class: "btn", href: api.transcriptUrl(id, "json"), download: `cyber-accord-${id}.json`, text: "JSON" }),
      ),
    );
  }
}

function verdictText(u: number, walkAway: number, agreement: boolean): string {
  const d = Math.round((u - walkAway) * 100);
  if (!agreement) return "No agreement: you kept your walk-away value.";
  if (d > 0) return `${d} points better than walking away.`;
  if (d === 0) return "Exactly your walk-away value: the deal gained you nothing.";
  return `${-d} points worse than walking away.`;
}
