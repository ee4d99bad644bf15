// The facilitator's view of the tables they created on this device: one live panel per table
// (phase, round, connected seats, and the controls), for a session of many tables at once.
import { api } from "../net/api.ts";
import { TableConnection } from "../net/connection.ts";
import { storedTables, type StoredTable } from "../net/storage.ts";
import { FacilitatorPanel } from "../panels/facilitator.ts";
import { setNav } from "../shell.ts";
import { Disposer, fill, h } from "../ui/dom.ts";
import type { Screen } from "./screen.ts";

/** Tables followed at once: a session rarely runs more, and each holds a connection. */
const MAX_LIVE = 12;

export class FacilitatorDashboard implements Screen {
  title = "Facilitator";
  private d = new Disposer();
  private conns: TableConnection[] = [];

  mount(root: HTMLElement): void {
    setNav(h("a", { href: "#/", text: "Home" }), h("a", { href: "#/facilitate", "aria-current": "page", text: "Facilitator" }));
    const grid = h("div", { class: "dash-grid" });
    const page = h(
      "div",
      { class: "page" },
      h("section", { class: "hero" }, h("div", { class: "eyebrow", text: "Facilitator" }), h("h1", { text: "Your tables" }), h("p", { text: "Each table you created on this device, live: who is seated, where the negotiation stands, and your controls." })),
      grid,
    );
    root.append(page);
    const tables = storedTables().filter((t) => t.facilitatorToken);
    if (tables.length === 0) {
      grid.append(h("div", { class: "card" }, h("p", { class: "empty", text: "You have not created a table on this device yet." }), h("a", { class: "btn btn-primary", href: "#/", text: "Create a table" })));
      return;
    }
    for (const t of tables.slice(0, MAX_LIVE)) grid.append(this.card(t));
  }

  dispose(): void {
    this.d.dispose();
    for (const c of this.conns.splice(0)) void c.leave();
  }

  private card(t: StoredTable): HTMLElement {
    const body = h("div", null, h("p", { class: "muted", role: "status", text: "Connecting…" }));
    const card = h(
      "section",
      { class: "card", "aria-label": t.title ?? "Table" },
      h("h2", { text: t.title ?? t.scenarioId ?? "Table" }),
      h("p", { class: "small muted" }, `Created ${t.createdAt ? new Date(t.createdAt).toLocaleString() : ""} · `, h("a", { href: `#/table/${t.matchId}`, text: "Open the table" })),
      body,
    );
    api.match(t.matchId).then(
      async (m) => {
        if (this.d.disposed) return;
        if (m.status === "ended" || m.status === "abandoned") {
          fill(body, h("p", null, h("span", { class: "pill ended", text: m.status === "ended" ? "Ended" : "Closed" }), " "), m.status === "ended" ? h("a", { class: "btn btn-small", href: `#/table/${t.matchId}/debrief`, text: "Open the debrief" }) : null);
          return;
        }
        const conn = await TableConnection.resume(t.matchId);
        if (this.d.disposed) {
          void conn.leave();
          return;
        }
        this.conns.push(conn);
        const panel = new FacilitatorPanel(conn);
        this.d.add(() => panel.dispose());
        fill(body, panel.el);
      },
      () => fill(body, h("p", { class: "empty", text: "This table is no longer on the server." })),
    ).catch((e: unknown) => fill(body, h("p", { class: "error-text", text: (e as Error).message })));
    return card;
  }
}
