// Talk at the table: public statements, private messages between two delegations, and the
// delegation's own team channel. Every message is set as text, never as HTML.
import type { Message } from "../../shared/rules/types.ts";
import type { TableConnection } from "../net/connection.ts";
import { legalMoves } from "../net/legal.ts";
import { delegationName } from "../net/view.ts";
import { locale, t } from "../i18n.ts";
import { Disposer, fill, h, newId, tabs } from "../ui/dom.ts";
import { num } from "./words.ts";
import type { PhraseRef } from "../../shared/rules/types.ts";
import { statementText } from "../scenario-text.ts";

type Channel = "public" | "private" | "team";

interface Line {
  id: string;
  channel: Channel;
  from: string;
  to?: string;
  text: string;
  round: number;
  version: number;
  /** A bot's statement: what it was made of, to read it in the reader's language. */
  phrase?: PhraseRef;
}

/** A message being written, by connection: a language switch draws the table again, the text stays. */
const unsent = new WeakMap<TableConnection, string>();

export class ChatPanel {
  readonly el = h("div", { class: "chat" });
  private d = new Disposer();
  private channel: Channel = "public";
  private list = h("ul", { class: "messages", "aria-live": "polite", "aria-label": t("table:chat.messages") });
  /** The table keeps only the latest statements in view: this pages the earlier ones in. */
  private earlier = h("button", { type: "button", class: "btn btn-small earlier", id: "chat-earlier", hidden: true });
  private composer = h("form", { class: "composer" });
  private input = h("textarea", { id: newId("say"), rows: 2, maxlength: 2000 });
  private toSelect = h("select", { id: newId("to") });
  private unread: Record<Channel, number> = { public: 0, private: 0, team: 0 };
  private tabEls: Record<Channel, HTMLButtonElement>;
  private badges: Record<Channel, HTMLElement>;
  private selectTab!: (c: Channel, focus?: boolean) => void;
  private rendered = "";
  /** The connection's public statements when last drawn (a new list when the window moved or a page came). */
  private drawnStatements: readonly unknown[] | null = null;
  /** Tells the side panel how many messages arrived unread. */
  onUnread: (count: number) => void = () => undefined;
  visible = false;

  constructor(private conn: TableConnection) {
    // What was being written, when the table is drawn again (a language switch).
    this.input.value = unsent.get(conn) ?? "";
    const me = conn.delegation;
    const channels: Channel[] = me ? ["public", "private", "team"] : ["public"];
    this.badges = { public: h("span", { class: "badge", hidden: true }), private: h("span", { class: "badge", hidden: true }), team: h("span", { class: "badge", hidden: true }) };
    const label: Record<Channel, string> = { public: t("table:chat.public"), private: t("table:chat.private"), team: t("table:chat.team") };
    this.tabEls = {
      public: h("button", { type: "button", id: "chat-tab-public" }, label.public, this.badges.public),
      private: h("button", { type: "button", id: "chat-tab-private" }, label.private, this.badges.private),
      team: h("button", { type: "button", id: "chat-tab-team" }, label.team, this.badges.team),
    };
    const tabList = h("div", { class: "channel-tabs tabs", "aria-label": t("table:chat.channels") });
    const panel = h("div", { class: "channel-panel" });
    for (const c of channels) tabList.append(this.tabEls[c]);
    // One shared panel: the tabs filter the same list.
    this.selectTab = tabs(
      tabList,
      channels.map((c) => ({ key: c, tab: this.tabEls[c], panel })),
      (c) => {
        this.channel = c;
        panel.hidden = false;
        panel.setAttribute("aria-labelledby", this.tabEls[c].id);
        this.unread[c] = 0;
        this.render(true);
        this.updateComposer();
      },
    );
    this.earlier.addEventListener("click", async () => {
      this.earlier.disabled = true;
      const height = this.list.scrollHeight;
      await this.conn.loadEarlierStatements(100);
      this.earlier.disabled = false;
      // Keep the reader where they were: the earlier statements come above.
      this.list.scrollTop += this.list.scrollHeight - height;
    });
    panel.append(this.earlier, this.list);
    this.el.append(tabList, panel);
    if (me) {
      this.buildComposer();
      this.el.append(this.composer);
    } else {
      this.el.append(h("p", { class: "small dim", text: conn.isFacilitator ? t("table:chat.facilitatorReads") : t("table:chat.observersRead") }));
    }
    this.selectTab("public");
    this.d.add(conn.events.on("statement", ({ statement, fresh }) => this.arrived("public", statement.from, fresh)));
    this.d.add(conn.events.on("privateMessage", ({ message, fresh }) => this.arrived(message.channel, message.from, fresh)));
    this.d.add(
      conn.events.on("table", () => {
        this.updateComposer();
        if (conn.statements() !== this.drawnStatements) this.render(false);
      }),
    );
  }

  dispose(): void {
    unsent.set(this.conn, this.input.value);
    this.d.dispose();
  }

  private arrived(channel: Channel, from: string, fresh: boolean): void {
    if (fresh && from !== this.conn.delegation && (channel !== this.channel || !this.visible)) this.unread[channel]++;
    this.render(false);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.unread[this.channel] = 0;
    this.render(false);
  }

  private lines(): Line[] {
    const view = this.conn.view;
    const pub: Line[] = (view ? this.conn.statements() : []).map((s) => ({ id: s.id, channel: "public", from: s.from, text: s.text, round: s.round, version: s.version, ...(s.phrase ? { phrase: s.phrase } : {}) }));
    const mine: Line[] = (this.conn.seat?.messages ?? []).map((m: Message) => ({ id: m.id, channel: m.channel, from: m.from, to: m.to, text: m.text, round: m.round, version: m.version }));
    return [...pub, ...mine].sort((a, b) => a.version - b.version);
  }

  private render(scroll: boolean): void {
    const view = this.conn.view;
    const me = this.conn.delegation;
    this.drawnStatements = this.conn.statements();
    const lines = this.lines().filter((l) => l.channel === this.channel);
    const earlier = this.channel === "public" ? this.conn.earlierStatements() : 0;
    this.earlier.hidden = earlier === 0;
    this.earlier.textContent = t("table:chat.earlier", { count: earlier });
    const key = `${locale()}:${this.channel}:${lines.length}:${lines[0]?.id ?? ""}:${lines.at(-1)?.id ?? ""}`;
    for (const c of Object.keys(this.badges) as Channel[]) {
      const n = this.unread[c];
      this.badges[c].hidden = n === 0;
      this.badges[c].textContent = num(n);
      this.badges[c].setAttribute("aria-label", t("table:chat.unread", { count: n }));
    }
    this.onUnread(this.unread.public + this.unread.private + this.unread.team);
    if (key === this.rendered) return;
    this.rendered = key;
    const atBottom = this.list.scrollTop + this.list.clientHeight >= this.list.scrollHeight - 30;
    fill(
      this.list,
      lines.length === 0
        ? h("li", { class: "empty", text: this.channel === "public" ? t("table:chat.emptyPublic") : this.channel === "private" ? t("table:chat.emptyPrivate") : t("table:chat.emptyTeam") })
        : lines.map((l) =>
            h(
              "li",
              { class: `msg${l.from === me ? " mine" : ""}` },
              h(
                "div",
                { class: "meta" },
                h("strong", { text: l.from === me ? t("table:chat.you") : delegationName(view, l.from) }),
                l.channel === "private" ? h("span", { text: l.from === me ? t("table:chat.toThem", { name: delegationName(view, l.to) }) : t("table:chat.toYou") }) : null,
                h("span", { text: t("table:chat.round", { round: l.round }) }),
              ),
              h("div", { class: "text", ...spoken(l, this.conn.scenarioSource) }),
            ),
          ),
    );
    if (scroll || atBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  private buildComposer(): void {
    const view = this.conn.view;
    const me = this.conn.delegation;
    fill(this.toSelect, (view?.delegations ?? []).filter((d) => d.id !== me).map((d) => h("option", { value: d.id, text: d.name })));
    const toField = h("div", { class: "field", style: "margin: 0" }, h("label", { for: this.toSelect.id, text: t("table:chat.to") }), this.toSelect);
    const label = h("label", { for: this.input.id, class: "visually-hidden", text: t("table:chat.message") });
    const send = h("button", { class: "btn btn-primary", type: "submit", id: "chat-send", text: t("table:chat.send") });
    const status = h("p", { class: "small dim", role: "status" });
    this.composer.addEventListener("submit", async (e) => {
      e.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      send.disabled = true;
      const result = await this.conn.say(this.channel, text, this.channel === "private" ? this.toSelect.value : undefined);
      send.disabled = false;
      if (result.ok) {
        this.input.value = "";
        this.input.focus();
      }
    });
    this.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey) {
        e.preventDefault();
        this.composer.requestSubmit();
      }
    });
    fill(this.composer, toField, label, h("div", { class: "row" }, h("div", { class: "grow" }, this.input), send), status);
    this.updateComposer();
  }

  private updateComposer(): void {
    if (!this.conn.delegation) return;
    const view = this.conn.view;
    const open = legalMoves(view ?? null, this.conn.delegation, this.conn.seat?.me?.profile).talk;
    const toField = this.toSelect.closest(".field") as HTMLElement | null;
    if (toField) toField.hidden = this.channel !== "private";
    const placeholder: Record<Channel, string> = {
      public: t("table:chat.placeholderPublic"),
      private: t("table:chat.placeholderPrivate"),
      team: t("table:chat.placeholderTeam"),
    };
    this.input.placeholder = open ? placeholder[this.channel] : view?.phase === "ended" ? t("table:chat.over") : t("table:chat.botPlaying");
    this.input.disabled = !open;
    const send = this.composer.querySelector<HTMLButtonElement>("#chat-send");
    if (send) send.disabled = !open;
  }

  /** Switch channel. */
  show(channel: Channel): void {
    this.selectTab(channel);
  }
}

/** A line's text for the reader: a bot's statement in the reader's language (its English when a phrase is missing), anything else as written. */
function spoken(l: Line, scenario: Parameters<typeof statementText>[1]): { text: string; lang?: string } {
  return l.phrase ? statementText(l, scenario) : { text: l.text };
}
