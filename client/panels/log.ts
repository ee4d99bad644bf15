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
    fill(
      this.list,
      [...view.moves].reverse().map((m) =>
        h(
          "li",
          { class: `kind-${moveKind(m)}` },
          h("div", { class: "when", text: `Round ${m.round}` }),
          h("div", { text: describeMove(view, m, view.protocol) }),
          m.package ? h("details", null, h("summary", { text: "See the package" }), packageList(scenario, m.package)) : null,
        ),
      ),
    );
  }
}
