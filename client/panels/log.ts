// The log of moves: every proposal, answer, vote, pass and timeout, round by round, and the news
// as it arrived.
import type { TableConnection } from "../net/connection.ts";
import { delegationName, type MoveView, type TableView } from "../net/view.ts";
import type { PublicScenario } from "../../shared/rules/types.ts";
import { locale, t } from "../i18n.ts";
import { Disposer, fill, h } from "../ui/dom.ts";
import { packageList } from "../ui/package.ts";
import { newsText } from "../scenario-text.ts";

export function describeMove(view: TableView | null, m: MoveView, protocol: string): string {
  const who = delegationName(view, m.by);
  switch (m.type) {
    case "propose":
      return protocol === "multilateral" ? t("table:log.tabled", { who }) : t("table:log.proposed", { who });
    case "counter":
      return t("table:log.countered", { who });
    case "accept":
      return t("table:log.accepted", { who });
    case "reject":
      return t("table:log.rejected", { who });
    case "vote":
      return m.vote === "accept" ? t("table:log.votedAccept", { who }) : t("table:log.votedReject", { who });
    case "pass":
      return t("table:log.passed", { who });
    case "walk_away":
      return t("table:log.walkedAway", { who });
    case "timeout":
      return m.vote ? t("table:log.timedOutVote", { who }) : t("table:log.timedOutTurn", { who });
    default:
      return t("table:log.other", { who, type: m.type });
  }
}

export function moveKind(m: MoveView): string {
  if (m.type === "vote" || (m.type === "timeout" && m.vote)) return `vote-${m.vote ?? "reject"}`;
  return m.type;
}

/** The result of a multilateral vote once every delegation has answered. */
export interface VoteResult {
  /** Index in `view.moves` of the move that closed the vote. */
  after: number;
  round: number;
  adopted: boolean;
  accepts: string[];
  rejects: string[];
  total: number;
}

/** "China", "China and Russia", "China, Russia and India" (in the reader's language). */
export function namesList(view: TableView | null, ids: string[]): string {
  const names = ids.map((id) => delegationName(view, id));
  return names.length <= 1 ? (names[0] ?? "") : t("table:log.and", { rest: names.slice(0, -1).join(t("table:log.comma")), last: names[names.length - 1] });
}

/** Every closed vote of a multilateral table, read from the public moves (tabling counts as accepting). */
export function voteResults(view: TableView | null): VoteResult[] {
  if (!view || view.protocol !== "multilateral") return [];
  const total = view.delegations.length;
  const out: VoteResult[] = [];
  let open: { round: number; accepts: string[]; rejects: string[] } | null = null;
  view.moves.forEach((m, i) => {
    if (m.type === "propose" || m.type === "counter") {
      open = { round: m.round, accepts: [m.by], rejects: [] };
      return;
    }
    const vote = m.type === "vote" ? m.vote : m.type === "timeout" && m.vote ? "reject" : null;
    if (!open || !vote || m.round !== open.round) return;
    (vote === "accept" ? open.accepts : open.rejects).push(m.by);
    if (open.accepts.length + open.rejects.length < total) return;
    const last = i === view.moves.length - 1;
    const adopted = last && view.phase === "ended" && Boolean(view.outcome?.agreement) && view.outcome?.round === open.round;
    out.push({ after: i, round: open.round, adopted, accepts: open.accepts, rejects: open.rejects, total });
    open = null;
  });
  return out;
}

export function describeVote(view: TableView | null, r: VoteResult): string {
  const counts = { accepts: r.accepts.length, total: r.total };
  if (r.adopted) return t("table:log.adopted", counts);
  return r.rejects.length ? t("table:log.failedRejected", { ...counts, names: namesList(view, r.rejects) }) : t("table:log.failed", counts);
}

export class LogPanel {
  readonly el = h("div", { class: "log-panel" });
  private d = new Disposer();
  private list = h("ol", { class: "log", "aria-label": t("table:log.movesLabel") });
  private newsList = h("ul", { class: "log", "aria-label": t("table:log.news") });
  private rendered = -1;
  private renderedNews = "";

  constructor(private conn: TableConnection) {
    this.el.append(h("h3", { text: t("table:log.news") }), this.newsList, h("h3", { text: t("table:log.moves"), style: "margin-top: 16px" }), this.list);
    this.render();
    this.d.add(conn.events.on("table", () => this.render()));
  }

  dispose(): void {
    this.d.dispose();
  }

  private render(): void {
    const view = this.conn.view;
    const scenario = this.conn.scenario as PublicScenario;
    if (!view) return;
    // The news in the reader's language: redrawn when the language changes or its translation arrives (the seat's, after the state).
    const seat = this.conn.seat;
    const newsKey = `${locale()}:${view.news.length}:${Object.keys(seat?.translations?.[locale()]?.injects ?? {}).length}`;
    if (newsKey !== this.renderedNews) {
      this.renderedNews = newsKey;
      fill(
        this.newsList,
        view.news.length === 0
          ? h("li", { class: "empty", text: t("table:log.noNews") })
          : [...view.news].reverse().map((item) => {
              const n = newsText(item, seat);
              return h("li", { class: "kind-news", ...(n.lang ? { lang: n.lang } : {}) }, h("strong", { text: n.title }), h("div", { class: "small", text: n.text }));
            }),
      );
    }
    // The synced moves are a window of the latest: their count stays put once it is full.
    const movesTotal = view.movesTotal ?? view.moves.length;
    if (movesTotal === this.rendered) return;
    this.rendered = movesTotal;
    if (view.moves.length === 0) {
      fill(this.list, h("li", { class: "empty", text: view.phase === "waiting" ? t("table:log.startsLater") : t("table:log.noMoves") }));
      return;
    }
    const results = new Map(voteResults(view).map((r) => [r.after, r]));
    const items: HTMLElement[] = [];
    view.moves.forEach((m, i) => {
      items.push(
        h(
          "li",
          { class: `kind-${moveKind(m)}` },
          h("div", { class: "when", text: t("table:log.round", { round: m.round }) }),
          h("div", { text: describeMove(view, m, view.protocol) }),
          m.package ? h("details", null, h("summary", { text: t("table:log.seePackage") }), packageList(scenario, m.package)) : null,
        ),
      );
      const r = results.get(i);
      if (r) items.push(h("li", { class: `kind-vote-result ${r.adopted ? "adopted" : "failed"}` }, h("div", { class: "when", text: t("table:log.round", { round: r.round }) }), h("strong", { text: describeVote(view, r) })));
    });
    fill(this.list, items.reverse());
  }
}
