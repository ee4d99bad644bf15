// The debrief: the outcome and your result against your walk-away point; once the server reveals
// every profile, everyone's utilities, the Pareto frontier with the deal, the Nash point and the
// historical outcome marked, what was left on the table, a replay of the log, and the transcript.
import type { Reveal } from "../../shared/rules/types.ts";
import { analyse, utilitiesFor, type DebriefAnalysis } from "../debrief/analysis.ts";
import { barsChart, scatterChart, type ScatterChart } from "../debrief/charts.ts";
import { lessonsCard } from "../debrief/lessons.ts";
import { lessonsFor, type Lesson } from "../../shared/lessons/lessons.ts";
import { api } from "../net/api.ts";
import type { TableConnection } from "../net/connection.ts";
import type { MoveView, Package } from "../net/view.ts";
import { redLineLabels, prose } from "../panels/brief.ts";
import { describeMove } from "../panels/log.ts";
import { Disposer, fill, h } from "../ui/dom.ts";
import { emblemSpec, emblemSvg } from "../ui/emblem.ts";
import { endReason, pct, pts } from "../ui/format.ts";
import { meter, optionLabel, packageList } from "../ui/package.ts";
import { fmt, t } from "../i18n.ts";
import { revealText } from "../scenario-text.ts";
import { recordSoloGame } from "../practice/record-game.ts";

export class DebriefView {
  readonly el = h("div", { class: "page debrief" });
  private d = new Disposer();
  private analysis: DebriefAnalysis | null = null;
  private scatter: ScatterChart | null = null;
  private chartHost = h("div");
  /** The lessons for this seat's delegation, worked out once with the analysis (null: none to show). */
  private lessons: Lesson[] | null = null;
  /** Moves the replay to a step (set by the replay card). */
  private replayTo: ((step: number) => void) | null = null;

  constructor(private conn: TableConnection) {
    this.render();
    this.d.add(conn.events.on("reveal", () => this.render()));
    this.d.add(conn.events.on("seat", () => this.render()));
  }

  dispose(): void {
    this.d.dispose();
  }

  /** Redraw in the reader's new language (the analysis is kept). */
  relocalize(): void {
    this.render();
  }

  private render(): void {
    const conn = this.conn;
    const view = conn.view!;
    const scenario = conn.scenario!;
    const reveal = revealText(conn.reveal, conn.seat);
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
    if (reveal && a && me && !this.lessons) {
      try {
        this.lessons = lessonsFor(reveal, me, { space: a.space, deadlineRounds: view.deadlineRounds });
      } catch (e) {
        console.error("debrief lessons failed", e);
      }
    }
    // A finished solo game goes into this browser's ladder (client/practice/ladder.ts), once.
    if (a && mine && me) recordSoloGame(view, scenario.id, conn.matchId, me, conn.isFacilitator, a, mine);

    const headline = outcome ? (outcome.agreement ? t("screens:debrief.agreementInRound", { round: outcome.round }) : endReason(outcome.reason, scenario.delegations.find((d) => d.id === outcome.by)?.name ?? "")) : t("common:end.other");
    const head = h(
      "header",
      { class: "outcome-head" },
      h("div", { class: "eyebrow", text: t("screens:debrief.eyebrow", { title: scenario.title }) }),
      h("h1", { id: "debrief-title", text: headline }),
      h("p", { class: "muted", text: outcome?.agreement ? t("screens:debrief.signed") : t("screens:debrief.noAgreement") }),
      outcome?.package ? h("div", { class: "deal-cards", id: "deal-cards" }, scenario.issues.map((i) => h("div", { class: "deal-card" }, h("div", { class: "issue", text: i.title }), h("span", { class: "option", text: optionLabel(scenario, i.id, outcome.package![i.id]) })))) : null,
    );

    const you =
      me && myUtility !== null && myWalkAway !== null
        ? h(
            "section",
            { class: "card", "aria-labelledby": "you-title" },
            h("h2", { id: "you-title" }, myIndex >= 0 ? emblemSvg(emblemSpec(myIndex, scenario.delegations[myIndex]!.name), 30) : null, t("screens:debrief.yourResult")),
            h("div", { class: "row" }, h("span", { class: "big-number", id: "my-utility", text: pts(myUtility) }), h("span", { class: "muted", text: t("screens:debrief.pointsWalkAway", { walkAway: pts(myWalkAway) }) })),
            meter(myUtility, myWalkAway, t("screens:debrief.meterLabel")),
            h("p", { class: `verdict ${myUtility >= myWalkAway - 1e-9 ? "good" : "bad"}`, text: verdictText(myUtility, myWalkAway, outcome?.agreement ?? false) }),
            mine ? h("p", { class: "small muted", text: t("screens:debrief.advantage", { advantage: pct(mine.advantage), zero: pct(0), hundred: pct(1) }) }) : null,
            h("p", { class: "small" }, h("a", { href: "#/progress", id: "debrief-progress", text: t("practice:links.progress") }), " · ", h("a", { href: "#/practice", text: t("practice:links.drills") })),
          )
        : null;

    const left = h("div", { class: "debrief-main" });
    const right = h("div", { class: "debrief-side", style: "display: grid; gap: 20px" });
    if (you) right.append(you);

    if (!reveal || !a) {
      left.append(h("section", { class: "card" }, h("h2", { text: t("screens:debrief.everyone") }), h("p", { class: "muted", role: "status", text: reveal ? t("screens:debrief.analysisFailed") : t("screens:debrief.waitingReveal") })));
    } else {
      if (this.lessons) left.append(lessonsCard(this.lessons, { scenario, moves: reveal.moves, showStep: (k) => this.showStep(k) }));
      left.append(this.chartCard(a, reveal), this.briefsCard(reveal, me), this.replayCard(a, reveal));
      right.append(this.leftOnTable(a), this.everyone(a, me));
    }
    right.append(this.transcriptCard());

    fill(this.el, head, h("div", { class: "debrief-grid" }, left, right));
  }

  /** Move the replay to step `k` (after k moves) and bring it into view: the lessons' links call it. */
  showStep(k: number): void {
    this.replayTo?.(k);
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
      h("h2", { id: "chart-title", text: a.parties.length === 2 ? t("screens:debrief.chart.titleTwo") : t("screens:debrief.chart.titleMany") }),
      h(
        "p",
        { class: "small muted", text:
          a.parties.length === 2
            ? t("screens:debrief.chart.hintTwo")
            : t("screens:debrief.chart.hintMany") },
      ),
      this.chartHost,
      a.historical ? h("p", { class: "small muted", text: t("screens:debrief.chart.historical", { note: a.historical.note }) }) : null,
    );
  }

  /** Now that it is over: what the other delegations were told in private, and what bound them. */
  private briefsCard(reveal: Reveal, me: string | null): HTMLElement {
    const scenario = this.conn.scenario!;
    const others = reveal.delegations.filter((d) => d.id !== me);
    return h(
      "section",
      { class: "card debrief-briefs", "aria-labelledby": "briefs-title", id: "debrief-briefs", style: "margin-top: 20px" },
      h("h2", { id: "briefs-title", text: me ? t("screens:debrief.briefs.titleMine") : t("screens:debrief.briefs.titleAll") }),
      h("p", { class: "small muted", text: t("screens:debrief.briefs.lead") }),
      others.map((d, i) => {
        const index = scenario.delegations.findIndex((x) => x.id === d.id);
        const lines = redLineLabels(scenario, d.profile);
        return h(
          "details",
          { class: "revealed-brief", open: i === 0 && others.length <= 2, "data-delegation": d.id },
          h("summary", null, index >= 0 ? emblemSvg(emblemSpec(index, d.name), 22) : null, h("strong", { text: ` ${d.name}` }), h("span", { class: "small muted", text: ` · ${t("screens:debrief.briefs.walkAway", { points: pts(d.profile.reservationValue) })}` })),
          h("h4", { text: t("screens:debrief.briefs.privateBrief", { name: d.name }) }),
          prose(d.privateBrief, "prose-block revealed-brief-text"),
          lines.length ? h("div", null, h("h4", { text: t("screens:debrief.briefs.redLines") }), h("ul", null, lines.map((l) => h("li", { text: l })))) : null,
        );
      }),
    );
  }

  private leftOnTable(a: DebriefAnalysis): HTMLElement {
    const kpis = h("div", { class: "kpis" });
    const kpi = (label: string, value: string, id?: string) => kpis.append(h("div", { class: "kpi", id }, h("div", { class: "label", text: label }), h("div", { class: "value", text: value })));
    let summary: string;
    if (a.agreement) {
      kpi(t("screens:debrief.left.jointGain"), pts(a.surplus), "kpi-surplus");
      kpi(t("screens:debrief.left.atNash"), pts(a.nashSurplus));
      kpi(t("screens:debrief.left.distance"), a.paretoDistance === null ? "—" : pts(a.paretoDistance), "kpi-distance");
      summary = a.improvement
        ? t("screens:debrief.left.improvement", { points: pts(a.improvement.total) })
        : t("screens:debrief.left.onFrontier");
    } else {
      kpi(t("screens:debrief.left.missed"), pts(a.nashSurplus), "kpi-missed");
      kpi(t("screens:debrief.left.packages"), fmt.number(a.space.size));
      summary = a.nash
        ? t("screens:debrief.left.lost", { points: pts(a.nashSurplus) })
        : t("screens:debrief.left.nothingLost");
    }
    return h("section", { class: "card", "aria-labelledby": "lot-title" }, h("h2", { id: "lot-title", text: t("screens:debrief.left.title") }), kpis, h("p", { id: "value-left", text: summary }));
  }

  private everyone(a: DebriefAnalysis, me: string | null): HTMLElement {
    const table = h("table", { class: "results" });
    table.append(
      h("thead", null, h("tr", null, h("th", { scope: "col", text: t("screens:debrief.results.delegation") }), h("th", { scope: "col", text: t("screens:debrief.results.result") }), h("th", { scope: "col", text: t("screens:debrief.results.walkAway") }), h("th", { scope: "col", text: t("screens:debrief.results.share") }), h("th", { scope: "col", text: t("screens:debrief.results.nashShare") }))),
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
      h("h2", { id: "everyone-title", text: t("screens:debrief.everyone") }),
      h("p", { class: "small muted", text: t("screens:debrief.results.lead") }),
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
    const label = h("label", { for: "replay-slider", text: t("screens:debrief.replay.slider") });
    const step = h("div", { class: "step", id: "replay-step", "aria-live": "polite" });
    const detail = h("div");
    const prev = h("button", { class: "btn btn-small", type: "button", text: `◀ ${t("screens:debrief.replay.previous")}`, "aria-label": t("screens:debrief.replay.previousLabel") });
    const next = h("button", { class: "btn btn-small", type: "button", text: `${t("screens:debrief.replay.next")} ▶`, "aria-label": t("screens:debrief.replay.nextLabel") });
    const barsHost = h("div");
    const show = () => {
      const k = Number(slider.value);
      let pkg: Package | null = null;
      for (let i = 0; i < k; i++) if (moves[i]!.package) pkg = moves[i]!.package;
      if (k === 0) step.textContent = t("screens:debrief.replay.before", { count: moves.length });
      else step.textContent = `${t("screens:debrief.replay.step", { k, total: moves.length, round: moves[k - 1]!.round })} · ${describeMove(view, moves[k - 1]!, view.protocol)}`;
      const u = pkg ? utilitiesFor(a, pkg) : null;
      this.scatter?.setReplay(u);
      if (!this.scatter) fill(barsHost);
      fill(
        detail,
        pkg
          ? h(
              "div",
              null,
              h("h3", { text: t("screens:debrief.replay.package") }),
              packageList(scenario, pkg),
              u ? h("p", { class: "small", style: "margin-top: 8px", text: a.parties.map((p, i) => `${p.name}: ${pts(u[i])}`).join(" · ") }) : null,
            )
          : h("p", { class: "muted small", text: t("screens:debrief.replay.noPackage") }),
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
    const card = h(
      "section",
      { class: "card replay", "aria-labelledby": "replay-title", style: "margin-top: 20px" },
      h("h2", { id: "replay-title", text: t("screens:debrief.replay.title") }),
      label,
      slider,
      h("div", { class: "actions", style: "margin: 6px 0 10px" }, prev, next),
      step,
      detail,
      barsHost,
    );
    this.replayTo = (k) => {
      slider.value = String(Math.max(0, Math.min(moves.length, k)));
      show();
      card.scrollIntoView({ block: "start" });
      slider.focus({ preventScroll: true });
    };
    return card;
  }

  private transcriptCard(): HTMLElement {
    const id = this.conn.matchId;
    return h(
      "section",
      { class: "card", "aria-labelledby": "transcript-title" },
      h("h2", { id: "transcript-title", text: t("screens:debrief.transcript.title") }),
      h("p", { class: "small muted", text: t("screens:debrief.transcript.lead") }),
      h(
        "div",
        { class: "actions" },
        h("a", { class: "btn btn-primary", href: api.transcriptUrl(id, "md"), download: `cyber-accord-${id}.md`, id: "transcript-md", text: t("screens:debrief.transcript.markdown") }),
        h("a", { class: "btn", href: api.transcriptUrl(id, "csv"), download: `cyber-accord-${id}.csv`, text: "CSV" }),
        h("a", { class: "btn", href: api.transcriptUrl(id, "json"), download: `cyber-accord-${id}.json`, text: "JSON" }),
      ),
    );
  }
}

function verdictText(u: number, walkAway: number, agreement: boolean): string {
  const d = Math.round((u - walkAway) * 100);
  if (!agreement) return t("screens:debrief.verdict.noAgreement");
  if (d > 0) return t("screens:debrief.verdict.better", { count: d });
  if (d === 0) return t("screens:debrief.verdict.equal");
  return t("screens:debrief.verdict.worse", { count: -d });
}
