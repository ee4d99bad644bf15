// The log of moves: every proposal, answer, vote, pass and timeout, round by round, and the news
// as it arrived.
import type { TableConnection } from "../net/connection.ts";
import { delegationName, type MoveView, type TableView } from "../net/view.ts";
import type { PublicScenario } from "../../shared/rules/types.ts";
import { Disposer, fill, h } from "../ui/dom.ts";
import { packageList } from "../ui/package.ts";

export function describeMove(view: TableView | null, m: MoveView, protocol: string): string {
  const who = delegationName(view, m.by);
  switch (m.type) {
    case "propose":
      return protocol === "multilateral" ? `${who} tabled a package` : `${who} proposed a package`;
    case "counter":
      return `${who} made a counter-proposal`;
    case "accept":
      return `${who} accepted`;
    case "reject":
      return `${who} rejected the offer`;
    case "vote":
      return `${who} voted to ${m.vote === "accept" ? "accept" : "reject"}`;
    case "pass":
      return `${who} passed`;
    case "walk_away":
      return `${who} walked away`;
    case "timeout":
      return m.vote ? `${who} ran out of time (counted as a reject)` : `${who} ran out of time; the turn passed`;
    default:
      return `${who}: ${m.type}`;
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

/** "China", "China and Russia", "China, Russia and India". */
export function namesList(view: TableView | null, ids: string[]): string {
  const names = ids.map((id) => delegationName(view, id));
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
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
  return r.adopted
    ? `The text was adopted: ${r.accepts.length} of ${r.total} accepted.`
    : `The text failed: ${r.accepts.length} of ${r.total} accepted${r.rejects.length ? `; ${namesList(view, r.rejects)} rejected` : ""}.`;
}

export class LogPanel {
  readonly el = h("div", { class: "log-panel" });
  private d = new Disposer();
  private list = h("ol", { class: "log", "aria-label": "Log of moves" });
  private newsList = h("ul", { class: "log", "aria-label": "News" });
  private rendered = -1;
  private renderedNews = -1;

  constructor(private conn: TableConnection) {
    this.el.append(h("h3", { text: "News" }), this.newsList, h("h3", { text: "Moves", style: "margin-top: 16px" }), this.list);
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
    if (view.news.length !== this.renderedNews) {
      this.renderedNews = view.news.length;
      fill(
        this.newsList,
        view.news.length === 0
          ? h("li", { class: "empty", text: "No news so far." })
          : [...view.news].reverse().map((n) => h("li", { class: "kind-news" }, h("strong", { text: n.title }), h("div", { class: "small", text: n.text }))),
      );
    }
    if (view.moves.length === this.rendered) return;
    this.rendered = view.moves.length;
    if (view.moves.length === 0) {
      fill(this.list, h("li", { class: "empty", text: view.phase === "waiting" ? "The log starts when the negotiation does." : "No moves yet." }));
      return;
    }
    const results = new Map(voteResults(view).map((r) => [r.after, r]));
    const items: HTMLElement[] = [];
    view.moves.forEach((m, i) => {
      items.push(
        h(
          "li",
          { class: `kind-${moveKind(m)}` },
          h("div", { class: "when", text: `Round ${m.round}` }),
          h("div", { text: describeMove(view, m, view.protocol) }),
          m.package ? h("details", null, h("summary", { text: "See the package" }), packageList(scenario, m.package)) : null,
        ),
      );
      const r = results.get(i);
      if (r) items.push(h("li", { class: `kind-vote-result ${r.adopted ? "adopted" : "failed"}` }, h("div", { class: "when", text: `Round ${r.round}` }), h("strong", { text: describeVote(view, r) })));
    });
    fill(this.list, items.reverse());
  }
}
