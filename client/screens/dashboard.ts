// The facilitator's view of the tables they created on this device: one live panel per table
// (phase, round, connected seats, and the controls), for a session of many tables at once.
import { api } from "../net/api.ts";
import { TableConnection } from "../net/connection.ts";
import { storedTables, type StoredTable } from "../net/storage.ts";
import { FacilitatorPanel } from "../panels/facilitator.ts";
import { setNav } from "../shell.ts";
import { Disposer, fill, h } from "../ui/dom.ts";
import type { Screen } from "./screen.ts";
import { fmt, t } from "../i18n.ts";
import { tableWords } from "../net/table-words.ts";

/** Tables followed at once: a session rarely runs more, and each holds a connection. */
const MAX_LIVE = 12;

export class FacilitatorDashboard implements Screen {
  title = t("screens:home.mine.facilitator");
  private d = new Disposer();
  private conns: TableConnection[] = [];

  mount(root: HTMLElement): void {
    setNav(h("a", { href: "#/", text: t("screens:class.home") }), h("a", { href: "#/facilitate", "aria-current": "page", text: t("screens:home.mine.facilitator") }));
    const grid = h("div", { class: "dash-grid" });
    const page = h(
      "div",
      { class: "page" },
      h("section", { class: "hero" }, h("div", { class: "eyebrow", text: t("screens:home.mine.facilitator") }), h("h1", { text: t("screens:home.mine.title") }), h("p", { text: t("screens:dashboard.lead") })),
      grid,
    );
    root.append(page);
    const tables = storedTables().filter((x) => x.facilitatorToken);
    if (tables.length === 0) {
      grid.append(h("div", { class: "card" }, h("p", { class: "empty", text: t("screens:dashboard.none") }), h("a", { class: "btn btn-primary", href: "#/", text: t("screens:home.create.title") })));
      return;
    }
    for (const table of tables.slice(0, MAX_LIVE)) grid.append(this.card(table));
  }

  dispose(): void {
    this.d.dispose();
    for (const c of this.conns.splice(0)) void c.leave();
  }

  private card(row: StoredTable): HTMLElement {
    const body = h("div", null, h("p", { class: "muted", role: "status", text: t("common:connecting") }));
    // The title in the reader's language (stored in English): set again when the translations come.
    const heading = h("h2");
    const name = () => {
      const words = tableWords(row.scenarioId, undefined, { title: row.title }, name);
      const title = words.title || t("screens:match.title");
      fill(heading, title);
      if (words.english) heading.lang = "en";
      else heading.removeAttribute("lang");
      card.setAttribute("aria-label", title);
    };
    const card = h(
      "section",
      { class: "card" },
      heading,
      h("p", { class: "small muted" }, `${t("screens:dashboard.created", { when: row.createdAt ? fmt.dateTime(new Date(row.createdAt)) : "" })} · `, h("a", { href: `#/table/${row.matchId}`, text: t("screens:dashboard.open") })),
      body,
    );
    name();
    api.match(row.matchId).then(
      async (m) => {
        if (this.d.disposed) return;
        if (m.status === "ended" || m.status === "abandoned") {
          fill(body, h("p", null, h("span", { class: "pill ended", text: m.status === "ended" ? t("screens:home.mine.ended") : t("screens:home.mine.closed") }), " "), m.status === "ended" ? h("a", { class: "btn btn-small", href: `#/table/${row.matchId}/debrief`, text: t("screens:dashboard.debrief") }) : null);
          return;
        }
        const conn = await TableConnection.resume(row.matchId);
        if (this.d.disposed) {
          void conn.leave();
          return;
        }
        this.conns.push(conn);
        const panel = new FacilitatorPanel(conn);
        this.d.add(() => panel.dispose());
        fill(body, panel.el);
      },
      () => fill(body, h("p", { class: "empty", text: t("screens:dashboard.gone") })),
    ).catch((e: unknown) => fill(body, h("p", { class: "error-text", text: (e as Error).message })));
    return card;
  }
}
