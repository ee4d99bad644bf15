// The table screen: the Phaser canvas (loaded on demand) beside keyboard-usable DOM panels —
// negotiating moves and the proposal builder, talk, the log of moves, the brief, and for the
// facilitator the table's controls.
import type { TableConnection } from "../net/connection.ts";
import { isSolo, waitingFor } from "../net/legal.ts";
import { delegationName } from "../net/view.ts";
import { ChatPanel } from "../panels/chat.ts";
import { FacilitatorPanel } from "../panels/facilitator.ts";
import { LogPanel } from "../panels/log.ts";
import { NegotiatePanel } from "../panels/negotiate.ts";
import { priorities, privateBrief, walkAway } from "../panels/brief.ts";
import { Disposer, fill, h, tabs } from "../ui/dom.ts";
import { optionLabel } from "../ui/package.ts";
import { fmt, t } from "../i18n.ts";
import { seatMe } from "../scenario-text.ts";

type Tab = "negotiate" | "talk" | "log" | "brief" | "facilitate";

export class TableView {
  readonly el = h("div", { class: "table-layout" });
  private d = new Disposer();
  private canvasWrap = h("div", { class: "canvas-wrap", role: "img", "aria-label": t("screens:table.canvasLabel") });
  private canvas: { destroy(): void } | null = null;
  private canvasLoading = false;
  private active = false;
  private chat: ChatPanel;
  private talkBadge = h("span", { class: "badge", hidden: true });
  private briefPanel = h("div");
  private selectTab: (key: Tab, focus?: boolean) => void;
  private current: Tab;

  constructor(private conn: TableConnection) {
    const stage = h("section", { class: "stage", "aria-label": t("screens:table.stageLabel") }, this.canvasWrap);
    const side = h("aside", { class: "side", "aria-label": t("screens:table.sideLabel") });
    const tabList = h("div", { class: "tabs", "aria-label": t("screens:table.tabsLabel") });
    const negotiate = new NegotiatePanel(conn);
    this.chat = new ChatPanel(conn);
    const log = new LogPanel(conn);
    this.d.add(() => negotiate.dispose());
    this.d.add(() => this.chat.dispose());
    this.d.add(() => log.dispose());
    this.chat.onUnread = (n) => {
      this.talkBadge.hidden = n === 0 || this.current === "talk";
      this.talkBadge.textContent = fmt.number(n);
      this.talkBadge.setAttribute("aria-label", t("screens:table.unread", { count: n }));
    };

    const items: { key: Tab; tab: HTMLElement; panel: HTMLElement }[] = [];
    const add = (key: Tab, label: string | HTMLElement[], panel: HTMLElement) => {
      const tab = h("button", { type: "button", id: `tab-${key}` }, label);
      tabList.append(tab);
      const wrapper = h("div", { class: "tabpanel", tabindex: "0" }, panel);
      side.append(wrapper);
      items.push({ key, tab, panel: wrapper });
    };
    side.append(tabList);
    add("negotiate", conn.delegation ? t("screens:table.tabs.negotiate") : t("screens:table.tabs.table"), negotiate.el);
    add("talk", [h("span", { text: t("screens:table.tabs.talk") }), this.talkBadge], this.chat.el);
    add("log", t("screens:table.tabs.log"), log.el);
    if (conn.delegation) add("brief", t("screens:table.tabs.brief"), this.briefPanel);
    // A solo player is the table's facilitator only to start and pause their own game: the status
    // bar has their Pause; the class controls (join code, swaps, injects) are not theirs to see.
    if (conn.isFacilitator && !isSolo(conn.view, conn.delegation, conn.isFacilitator)) {
      const fac = new FacilitatorPanel(conn);
      this.d.add(() => fac.dispose());
      add("facilitate", t("screens:table.tabs.facilitate"), fac.el);
    }
    this.current = conn.isFacilitator && !conn.delegation ? "facilitate" : "negotiate";
    this.selectTab = tabs(tabList, items, (key) => {
      this.current = key;
      this.chat.setVisible(key === "talk");
    });
    this.selectTab(this.current);

    this.el.append(stage, side);
    this.renderBrief();
    this.describe();
    this.d.add(conn.events.on("seat", () => this.renderBrief()));
    this.d.add(conn.events.on("table", () => this.describe()));
  }

  /** Show a side panel (e.g. from a banner or the status bar). */
  open(tab: Tab): void {
    this.selectTab(tab, true);
  }

  setActive(active: boolean): void {
    this.active = active;
    if (active) void this.ensureCanvas();
    else {
      this.canvas?.destroy();
      this.canvas = null;
    }
  }

  dispose(): void {
    this.active = false;
    this.canvas?.destroy();
    this.canvas = null;
    this.d.dispose();
  }

  private async ensureCanvas(): Promise<void> {
    if (this.canvas || this.canvasLoading) return;
    this.canvasLoading = true;
    const note = h("div", { class: "canvas-fallback" }, h("div", { class: "spinner", "aria-hidden": "true" }));
    this.canvasWrap.append(note);
    try {
      const { mountTableCanvas } = await import("../table/canvas.ts");
      note.remove();
      if (!this.active || this.d.disposed) return;
      this.canvas = mountTableCanvas(this.canvasWrap, this.conn);
    } catch (e) {
      console.error(e);
      fill(note, h("p", { text: t("screens:table.canvasFailed") }));
    } finally {
      this.canvasLoading = false;
    }
  }

  private lastBrief = "";
  private renderBrief(): void {
    const me = seatMe(this.conn.seat);
    const scenario = this.conn.scenario;
    if (!me || !scenario) return;
    const key = JSON.stringify(me);
    if (key === this.lastBrief) return;
    this.lastBrief = key;
    fill(this.briefPanel, h("div", { class: "paper" }, privateBrief(me, scenario), h("h3", { text: t("screens:briefing.priorities"), style: "margin-top: 16px" }), priorities(scenario, me.profile, true), walkAway(scenario, me.profile)));
  }

  /** A sentence for screen readers standing in for the canvas. */
  private describe(): void {
    const view = this.conn.view;
    const scenario = this.conn.scenario;
    if (!view || !scenario) return;
    const who = view.delegations.map((d) => t("screens:table.describe.delegation", { name: d.name, state: d.control === "bot" ? t("screens:table.describe.bot") : d.connected > 0 ? t("screens:table.describe.connected") : t("screens:table.describe.notConnected") }));
    const parts: string[] = [t("screens:table.describe.atTable", { count: view.delegations.length, list: who.join(", ") })];
    const waiting = waitingFor(view);
    if (waiting.length) parts.push(t("screens:table.describe.waiting", { list: fmt.list(waiting.map((id) => delegationName(view, id))) }));
    if (view.offer) {
      const pkg = scenario.issues.map((i) => `${i.title}: ${optionLabel(scenario, i.id, view.offer!.package[i.id])}`).join("; ");
      parts.push(t("screens:table.describe.offer", { name: delegationName(view, view.offer.proposer), package: pkg }));
    }
    this.canvasWrap.setAttribute("aria-label", parts.join(" "));
  }
}
