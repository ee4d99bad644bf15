// One table from this player's chair: the connection (kept while moving between views), a status
// bar (round, whose move, timer, connection), banners for news, pauses and reconnection, and the
// three views — briefing, table, debrief.
import { api } from "../net/api.ts";
import { ConnectError, TableConnection } from "../net/connection.ts";
import { currentFor, leaveCurrent, setCurrent } from "../net/current.ts";
import { isSolo, waitingFor } from "../net/legal.ts";
import { describeVote, voteResults } from "../panels/log.ts";
import { delegationName, type TableView as TableSnapshot } from "../net/view.ts";
import { href, navigate, parseRoute, setNav, setTitle, type MatchView, type Route } from "../shell.ts";
import { announce, Disposer, fill, h, toast } from "../ui/dom.ts";
import { endReason } from "../ui/format.ts";
import { turnClockText } from "../ui/turn-clock.ts";
import { fmt, t } from "../i18n.ts";
import { refusalText } from "../net/refusals.ts";
import { BriefingView } from "./briefing.ts";
import type { Screen } from "./screen.ts";
import { TableView } from "./table.ts";
import { newsText } from "../scenario-text.ts";

interface DebriefLike {
  el: HTMLElement;
  dispose(): void;
  relocalize?(): void;
}

const NOTICE_KEYS: Record<string, string> = {
  bot_took_seat: "screens:match.notice.botTookSeat",
  seat_returned: "screens:match.notice.seatReturned",
  control_changed: "screens:match.notice.controlChanged",
  reassigned: "screens:match.notice.reassigned",
  link_revoked: "inbox:refusals.linkRevoked",
};

export class MatchScreen implements Screen {
  title = t("screens:match.title");
  private d = new Disposer();
  private root!: HTMLElement;
  private conn: TableConnection | null = null;
  /** The personal link this device joined with was revoked (a `link_revoked` notice or refusal). */
  private linkRevoked = false;
  private shell = h("div", { class: "match" });
  private statusbar = h("div", { class: "statusbar", role: "region", "aria-label": t("screens:match.statusLabel") });
  private banners = h("div", { class: "banners" });
  private viewsEl = h("div", { class: "views" });
  private briefing: BriefingView | null = null;
  private table: TableView | null = null;
  private debrief: DebriefLike | null = null;
  private debriefLoading = false;
  private view: MatchView = "table";
  private pendingView: MatchView | null = null;
  private timerEl = h("strong", { id: "status-timer" });
  /** "Time left" before a countdown; empty when the value says it all (a long turn's deadline, quiet hours). */
  private timerLabel = h("span", { id: "status-timer-label" });
  private newsBanners = new Map<string, HTMLElement>();
  private wasEnded = false;
  /** Whether the last status showed "Your move" (the tab title and the sound follow it). */
  private myMove = false;
  /** Closed multilateral votes already seen (a new failed one is told in a toast). */
  private votesSeen = -1;

  constructor(private matchId: string) {}

  mount(root: HTMLElement): void {
    this.root = root;
    fill(root, h("div", { class: "loading" }, h("div", { class: "spinner", "aria-hidden": "true" }), h("p", { text: t("screens:match.takingSeat") })));
    const existing = currentFor(this.matchId);
    if (existing) {
      this.attach(existing);
      return;
    }
    if (!TableConnection.canResume(this.matchId)) {
      void this.offerObserver();
      return;
    }
    TableConnection.resume(this.matchId).then(
      (conn) => {
        if (this.d.disposed) {
          void conn.leave();
          return;
        }
        setCurrent(conn);
        this.attach(conn);
      },
      (e: unknown) => this.failed(e),
    );
  }

  show(route: Route): void {
    if (route.name !== "match") return;
    if (!this.conn) {
      this.pendingView = route.view;
      return;
    }
    this.switchTo(route.view);
  }

  /**
   * Redraw every word in the reader's new language, keeping the connection, the seat and the table's
   * state: the status bar, the banners and the navigation are redrawn; the views are rebuilt from the
   * connection's current state (as when the facilitator moves this person).
   */
  relocalize(): void {
    this.statusbar.setAttribute("aria-label", t("screens:match.statusLabel"));
    const conn = this.conn;
    if (!conn) {
      // Still connecting, or the page offering to watch: start that page again in the new words.
      if (this.root && !this.d.disposed && !currentFor(this.matchId)) this.mount(this.root);
      return;
    }
    this.title = conn.scenario?.title ?? this.title;
    this.briefing?.relocalize();
    this.debrief?.relocalize?.();
    if (this.table) {
      const active = this.view === "table";
      this.table.dispose();
      this.table.el.remove();
      this.table = null;
      if (active) this.switchTo("table");
    }
    this.renderStatus();
    const title = conn.scenario?.title ?? "";
    setTitle(this.myMove ? `● ${t("screens:match.status.yourMove")} · ${title}` : title);
    this.banners.querySelector(".banner.paused")?.remove();
    this.renderPausedBanner();
    this.renderConnectionBanner();
    this.renderNav();
  }

  dispose(): void {
    this.d.dispose();
    this.briefing?.dispose();
    this.table?.dispose();
    this.debrief?.dispose();
    // Leaving the screen leaves the room; the seat token stays, so the seat can be taken back.
    if (this.conn) void leaveCurrent();
  }

  // ---- connecting ---------------------------------------------------------------------------

  private failed(e: unknown): void {
    const err = e instanceof ConnectError ? e : new ConnectError("offline", (e as Error)?.message ?? t("screens:match.unreachable"));
    const retry = h("button", { class: "btn btn-primary", type: "button", text: t("common:tryAgain") });
    retry.addEventListener("click", () => this.mount(this.root));
    const extra = h("div");
    fill(
      this.root,
      h(
        "div",
        { class: "page" },
        h("div", { class: "card", role: "alert" }, h("h2", { text: t("screens:match.failed") }), h("p", { text: err.message }), extra, h("div", { class: "actions" }, retry, h("a", { class: "btn", href: "#/", text: t("common:backHome") }))),
      ),
    );
    // A finished table closes once everyone has left; its record stays on the server.
    api.match(this.matchId).then(
      (record) => {
        if (record.status !== "ended") return;
        retry.remove();
        fill(
          extra,
          h("p", { text: t("screens:match.closed", { title: record.scenario.title }) }),
          h(
            "div",
            { class: "actions" },
            h("a", { class: "btn btn-primary", href: api.transcriptUrl(this.matchId, "md"), download: `cyber-accord-${this.matchId}.md`, text: t("screens:match.downloadTranscript") }),
            h("a", { class: "btn", href: api.transcriptUrl(this.matchId, "csv"), download: `cyber-accord-${this.matchId}.csv`, text: "CSV" }),
          ),
        );
      },
      () => undefined,
    );
  }

  /** A table this browser holds no seat at: watch it (the code is needed for a private one). */
  private async offerObserver(): Promise<void> {
    const code = h("input", { type: "text", id: "observer-code", placeholder: t("screens:match.observer.codePlaceholder"), autocomplete: "off" });
    const error = h("p", { class: "error-text", role: "alert" });
    const watch = h("button", { class: "btn btn-primary", type: "submit", text: t("screens:match.observer.watch") });
    const form = h("form", { class: "row" }, h("div", { class: "grow" }, h("label", { for: "observer-code", class: "visually-hidden", text: t("screens:match.observer.codeLabel") }), code), watch);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      watch.disabled = true;
      TableConnection.join(this.matchId, code.value.trim() ? { role: "observer", code: code.value.trim() } : { role: "observer" }).then(
        (conn) => {
          setCurrent(conn);
          this.attach(conn);
        },
        (e: unknown) => {
          watch.disabled = false;
          error.textContent = (e as Error).message;
        },
      );
    });
    let title = t("screens:match.observer.thisTable");
    try {
      title = (await api.match(this.matchId)).scenario.title;
    } catch {
      // unknown or closed table: the join below says so
    }
    fill(
      this.root,
      h(
        "div",
        { class: "page" },
        h(
          "div",
          { class: "card", style: "max-width: 560px" },
          h("h2", { text: title }),
          h("p", { class: "muted", text: t("screens:match.observer.noSeat") }),
          form,
          error,
          h("div", { class: "actions" }, h("a", { class: "btn btn-quiet", href: "#/", text: t("common:backHome") })),
        ),
      ),
    );
  }

  private attach(conn: TableConnection): void {
    this.conn = conn;
    const scenario = conn.scenario!;
    this.title = scenario.title;
    setTitle(scenario.title);
    fill(this.root, this.shell);
    fill(this.shell, this.statusbar, this.banners, this.viewsEl);
    this.wasEnded = conn.view?.phase === "ended";

    this.d.add(conn.events.on("table", () => {
      this.renderStatus();
      this.tellVotes();
    }));
    this.d.add(conn.events.on("connection", () => {
      this.renderStatus();
      this.renderConnectionBanner();
    }));
    this.d.add(conn.events.on("phase", ({ phase, previous }) => this.onPhase(phase, previous)));
    this.d.add(conn.events.on("news", ({ news: original, fresh }) => {
      if (!fresh) return;
      const news = newsText(original, conn.seat);
      this.addBanner(`news:${original.id}`, "news", t("screens:match.banner.news"), news.title, news.text);
      announce(t("screens:match.banner.newsAnnounce", { title: news.title, text: news.text }));
    }));
    this.d.add(conn.events.on("profileChanged", ({ injectId, note }) => {
      this.addBanner(`note:${injectId}`, "private-note", t("screens:match.banner.forYou"), t("screens:match.banner.forYouTitle"), note);
    }));
    this.d.add(
      conn.events.on("notice", (n) => {
        // A revoked link: the seat is not kept for this device, so the lost banner says so and offers home.
        if (n.code === "link_revoked") {
          // Said once: the server's notice and the refused rejoin after it both carry it.
          if (this.linkRevoked) return;
          this.linkRevoked = true;
          this.renderConnectionBanner();
        }
        toast(NOTICE_KEYS[n.code] ? t(NOTICE_KEYS[n.code]!) : withNames(n.message, conn.view));
      }),
    );
    // The facilitator moved this person: the panels are rebuilt for the new seat.
    let role = roleKey(conn);
    this.d.add(conn.events.on("welcome", () => {
      const next = roleKey(conn);
      if (next === role) return;
      role = next;
      this.briefing?.dispose();
      this.table?.dispose();
      this.briefing?.el.remove();
      this.table?.el.remove();
      this.briefing = null;
      this.table = null;
      this.renderStatus();
      this.switchTo(this.view);
    }));
    this.d.add(conn.events.on("refusal", (r) => toast(withNames(refusalText(r.code, r.message), conn.view), "error")));
    this.d.add(conn.events.on("reveal", () => {
      this.renderNav();
      if (this.wasEnded) return;
      this.wasEnded = true;
      navigate({ name: "match", matchId: conn.matchId, view: "debrief" });
    }));
    this.d.interval(() => this.tick(), 1000);

    this.renderStatus();
    this.renderPausedBanner();
    this.renderConnectionBanner();
    const route = parseRoute(location.hash);
    const initial = this.pendingView ?? (route.name === "match" ? route.view : "table");
    this.pendingView = null;
    this.switchTo(initial);
  }

  private onPhase(phase: string, previous: string | null): void {
    this.renderPausedBanner();
    this.renderNav();
    if (previous === "waiting" && phase === "running") {
      announce(t("screens:match.announce.started"));
      const conn = this.conn;
      const solo = conn ? isSolo(conn.view, conn.delegation, conn.isFacilitator) : false;
      if (this.view === "brief" && !solo) toast(t("screens:match.announce.startedGo"));
    }
    const soloTable = this.conn ? isSolo(this.conn.view, this.conn.delegation, this.conn.isFacilitator) : false;
    if (phase === "paused") announce(soloTable ? t("screens:match.announce.pausedSolo") : t("screens:match.announce.paused"));
    if (previous === "paused" && phase === "running") announce(t("screens:match.announce.resumed"));
  }

  // ---- views --------------------------------------------------------------------------------

  private switchTo(view: MatchView): void {
    const conn = this.conn!;
    if (view === "debrief" && conn.view?.phase !== "ended") view = "table";
    this.view = view;
    this.renderNav();
    this.shell.classList.toggle("on-table", view === "table");
    for (const child of [...this.viewsEl.children]) (child as HTMLElement).hidden = true;
    if (view === "brief") {
      this.briefing ??= new BriefingView(conn);
      if (!this.briefing.el.isConnected) this.viewsEl.append(this.briefing.el);
      this.briefing.el.hidden = false;
      this.table?.setActive(false);
    } else if (view === "table") {
      this.table ??= new TableView(conn);
      if (!this.table.el.isConnected) this.viewsEl.append(this.table.el);
      this.table.el.hidden = false;
      this.table.setActive(true);
    } else {
      this.table?.setActive(false);
      // Nothing a move announced is left to read under the debrief.
      const announcer = document.getElementById("announcer");
      if (announcer) announcer.textContent = "";
      // The news has served its purpose by now.
      for (const banner of this.newsBanners.values()) banner.remove();
      this.newsBanners.clear();
      void this.showDebrief();
    }
    window.scrollTo(0, 0);
  }

  private async showDebrief(): Promise<void> {
    if (this.debrief) {
      this.debrief.el.hidden = false;
      return;
    }
    if (this.debriefLoading) return;
    this.debriefLoading = true;
    const loading = h("div", { class: "loading" }, h("div", { class: "spinner", "aria-hidden": "true" }), h("p", { text: t("screens:match.preparingDebrief") }));
    this.viewsEl.append(loading);
    try {
      const { DebriefView } = await import("./debrief.ts");
      loading.remove();
      if (this.d.disposed) return;
      this.debrief = new DebriefView(this.conn!);
      this.viewsEl.append(this.debrief.el);
      this.debrief.el.hidden = this.view !== "debrief";
    } catch (e) {
      console.error(e);
      fill(loading, h("p", { text: t("screens:match.debriefFailed") }));
    } finally {
      this.debriefLoading = false;
    }
  }

  private renderNav(): void {
    const conn = this.conn;
    if (!conn) return;
    const link = (view: MatchView, label: string, enabled = true) => {
      const a = h("a", { href: href({ name: "match", matchId: conn.matchId, view }), id: `nav-${view}`, text: label });
      if (this.view === view) a.setAttribute("aria-current", "page");
      if (!enabled) {
        a.setAttribute("aria-disabled", "true");
        a.setAttribute("tabindex", "-1");
        a.title = t("screens:match.nav.opensAtEnd");
      }
      return a;
    };
    const leave = h("button", { type: "button", id: "nav-leave", text: t("screens:match.nav.leave") });
    leave.addEventListener("click", () => {
      void leaveCurrent().then(() => navigate({ name: "home" }));
    });
    setNav(link("brief", t("screens:match.nav.brief")), link("table", t("screens:match.nav.table")), link("debrief", t("screens:match.nav.debrief"), conn.view?.phase === "ended"), leave);
  }

  // ---- status and banners -------------------------------------------------------------------

  private renderStatus(): void {
    const conn = this.conn;
    const view = conn?.view;
    if (!conn || !view) return;
    // The table's version and phase, for anyone (and any test) waiting on a change.
    this.shell.dataset.version = String(view.version);
    this.shell.dataset.phase = view.phase;
    // The round, whether the turn clock runs, and how many moves (timeouts among them) there were.
    this.shell.dataset.round = String(view.round);
    this.shell.dataset.clock = view.timer.running ? "running" : "stopped";
    this.shell.dataset.moves = String(view.movesTotal ?? view.moves.length);
    this.shell.dataset.timeouts = String(view.moves.filter((m) => m.type === "timeout").length);
    const me = conn.delegation;
    const waiting = waitingFor(view);
    let turn = "";
    let mine = false;
    if (view.phase === "running") {
      if (view.protocol === "multilateral" && view.stage === "voting") {
        mine = !!me && waiting.includes(me);
        turn = mine ? t("screens:match.status.yourVote") : t("screens:match.status.voting", { count: waiting.length });
      } else {
        mine = !!me && waiting[0] === me;
        turn = mine ? t("screens:match.status.yourMove") : waiting[0] ? t("screens:match.status.toMove", { name: delegationName(view, waiting[0]) }) : "";
      }
    } else if (view.phase === "waiting") turn = t("screens:match.status.waiting");
    else if (view.phase === "paused") turn = t("screens:match.status.paused");
    else turn = endReason(view.outcome?.reason ?? "", delegationName(view, view.outcome?.by));
    const role = me ? t("screens:match.status.you", { name: delegationName(view, me) }) : conn.isFacilitator ? t("screens:match.status.facilitator") : t("screens:match.status.observer");
    this.cue(mine);
    // Solo: the player's own Pause (there is no Facilitate tab for a table of one).
    let soloButton: HTMLElement | null = null;
    if (isSolo(view, me, conn.isFacilitator) && (view.phase === "running" || view.phase === "paused")) {
      const paused = view.phase === "paused";
      const b = h("button", { class: `btn btn-small ${paused ? "btn-primary" : ""}`, type: "button", id: paused ? "solo-resume" : "solo-pause", text: paused ? t("screens:match.status.resume") : t("screens:match.status.pause") });
      b.addEventListener("click", () => {
        b.disabled = true;
        void (paused ? conn.resume() : conn.pause()).finally(() => (b.disabled = false));
      });
      soloButton = b;
    }
    const connLabel: Record<string, string> = { connected: t("screens:match.conn.connected"), connecting: t("common:connecting"), reconnecting: t("screens:match.conn.reconnecting"), lost: t("screens:match.conn.offline"), closed: t("screens:match.conn.closed") };
    fill(
      this.statusbar,
      h("span", { class: "title", text: view.title }),
      h("span", { class: "stat" }, `${t("screens:match.status.round")} `, h("strong", { id: "status-round", text: view.round > 0 ? `${fmt.number(view.round)}/${fmt.number(view.deadlineRounds)}` : `—/${fmt.number(view.deadlineRounds)}` })),
      h("span", { class: "stat" }, h("strong", { id: "status-turn", text: turn })),
      view.phase === "running" || view.phase === "paused" ? h("span", { class: "stat" }, this.timerLabel, this.timerEl) : null,
      soloButton,
      h("span", { class: "stat", text: role }),
      this.soundToggle(),
      h("span", { class: `conn ${conn.state}`, id: "status-connection", role: "status", text: connLabel[conn.state] ?? conn.state }),
    );
    this.tick();
  }

  // ---- the "your move" cue ----------------------------------------------------------------

  /** The tab title says when it is your move; a soft chime too, if the player turned sound on. */
  private cue(mine: boolean): void {
    if (mine === this.myMove) return;
    this.myMove = mine;
    const title = this.conn?.scenario?.title ?? "";
    setTitle(mine ? `● ${t("screens:match.status.yourMove")} · ${title}` : title);
    if (mine && soundOn()) chime();
  }

  private soundToggle(): HTMLElement {
    const on = soundOn();
    const b = h("button", { class: "btn btn-small btn-quiet sound-toggle", type: "button", id: "sound-toggle", "aria-pressed": String(on), title: t("screens:match.sound.hint"), text: on ? t("screens:match.sound.on") : t("screens:match.sound.off") });
    b.addEventListener("click", () => {
      const next = !soundOn();
      try {
        localStorage.setItem(SOUND_KEY, next ? "on" : "off");
      } catch {
        // storage blocked: the choice lasts for this page
      }
      memorySound = next;
      b.setAttribute("aria-pressed", String(next));
      b.textContent = next ? t("screens:match.sound.on") : t("screens:match.sound.off");
      if (next) chime();
    });
    return b;
  }

  /** A multilateral vote that failed is said out loud (the log keeps it too). */
  private tellVotes(): void {
    const view = this.conn?.view ?? null;
    const results = voteResults(view);
    const seen = this.votesSeen;
    this.votesSeen = results.length;
    if (seen < 0) return;
    for (const r of results.slice(seen)) {
      if (r.adopted) continue;
      const text = describeVote(view, r);
      toast(text);
      announce(text);
    }
  }

  private tick(): void {
    const view = this.conn?.view;
    if (!view) return;
    const text = turnClockText(view.timer);
    this.timerLabel.textContent = text.label ? `${text.label} ` : "";
    this.timerEl.textContent = text.value;
    this.timerEl.classList.toggle("quiet", text.quiet);
  }

  private renderPausedBanner(): void {
    const paused = this.conn?.view?.phase === "paused";
    const existing = this.banners.querySelector(".banner.paused");
    const conn = this.conn;
    const solo = conn ? isSolo(conn.view, conn.delegation, conn.isFacilitator) : false;
    if (paused && !existing) {
      this.banners.prepend(
        h(
          "div",
          { class: "banner paused", role: "status", id: "banner-paused" },
          h("span", { class: "tag", text: t("screens:match.status.paused") }),
          solo
            ? h("div", { class: "body" }, h("strong", { text: t("screens:match.banner.pausedSolo") }), h("span", { class: "small", text: t("screens:match.banner.pausedSoloHint") }))
            : h("div", { class: "body" }, h("strong", { text: t("screens:match.announce.paused") }), h("span", { class: "small", text: t("screens:match.banner.pausedHint") })),
        ),
      );
    } else if (!paused && existing) existing.remove();
  }

  private renderConnectionBanner(): void {
    const state = this.conn?.state;
    const existing = this.banners.querySelector(".banner.reconnecting");
    existing?.remove();
    if (state !== "reconnecting" && state !== "lost") return;
    if (this.linkRevoked) {
      this.banners.prepend(
        h(
          "div",
          { class: "banner reconnecting", role: "alert", id: "banner-connection", "data-reason": "link_revoked" },
          h("span", { class: "tag", text: t("screens:match.conn.offline") }),
          h("div", { class: "body" }, h("strong", { text: t("inbox:revokedBanner.title") }), h("span", { class: "small", text: t("inbox:revokedBanner.body") })),
          h("a", { class: "btn btn-small", href: "#/", text: t("common:backHome") }),
        ),
      );
      return;
    }
    const retry = h("button", { class: "btn btn-small", type: "button", text: t("common:tryAgain") });
    retry.addEventListener("click", () => void this.conn?.rejoin());
    this.banners.prepend(
      h(
        "div",
        { class: "banner reconnecting", role: "alert", id: "banner-connection" },
        h("span", { class: "tag", text: state === "lost" ? t("screens:match.conn.offline") : t("screens:match.banner.reconnectingTag") }),
        h("div", { class: "body" }, h("strong", { text: state === "lost" ? t("screens:match.banner.lost") : t("screens:match.conn.reconnecting") }), h("span", { class: "small", text: t("screens:match.banner.seatKept") })),
        state === "lost" ? retry : null,
      ),
    );
  }

  private addBanner(key: string, kind: string, tag: string, title: string, text: string): void {
    if (this.newsBanners.has(key)) return;
    const close = h("button", { class: "btn btn-small btn-quiet", type: "button", text: t("screens:match.banner.dismiss"), "aria-label": t("screens:match.banner.dismissLabel", { title }) });
    const more = text.length > 150 ? h("button", { class: "btn btn-small btn-quiet", type: "button", text: t("screens:match.banner.more"), "aria-expanded": "false", "aria-label": t("screens:match.banner.readAll", { title }) }) : null;
    const banner = h("div", { class: `banner ${kind}`, role: "status", "data-banner": key }, h("span", { class: "tag", text: tag }), h("div", { class: "body" }, h("strong", { text: title }), h("span", { class: "small clamp", text })), more, close);
    more?.addEventListener("click", () => {
      const open = banner.classList.toggle("expanded");
      more.textContent = open ? t("screens:match.banner.less") : t("screens:match.banner.more");
      more.setAttribute("aria-expanded", String(open));
    });
    close.addEventListener("click", () => {
      banner.remove();
      this.newsBanners.delete(key);
    });
    this.newsBanners.set(key, banner);
    this.banners.append(banner);
    // Keep the three most recent.
    const all = [...this.newsBanners.keys()];
    for (const old of all.slice(0, Math.max(0, all.length - 3))) {
      this.newsBanners.get(old)?.remove();
      this.newsBanners.delete(old);
    }
  }
}

const SOUND_KEY = "accord:sound";
let memorySound: boolean | null = null;

/** The "your move" chime is off unless the player turned it on. */
function soundOn(): boolean {
  if (memorySound !== null) return memorySound;
  try {
    return localStorage.getItem(SOUND_KEY) === "on";
  } catch {
    // Storage blocked: sound off, as by default.
    return false;
  }
}

let audio: AudioContext | null = null;

/** Two soft notes made with WebAudio: no file to download. */
function chime(): void {
  try {
    audio ??= new AudioContext();
    const ctx = audio;
    if (ctx.state === "suspended") void ctx.resume();
    const now = ctx.currentTime;
    [659.25, 987.77].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = freq;
      const start = now + i * 0.14;
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(0.12, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.5);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.55);
    });
  } catch {
    // no audio here: the title still says it
  }
}

function roleKey(conn: TableConnection): string {
  return `${conn.delegation ?? ""}|${conn.isFacilitator}`;
}

/** The engine's messages name delegations by id ("it is china's turn"): a person reads their names. */
function withNames(text: string, view: TableSnapshot | null): string {
  let out = text;
  for (const d of view?.delegations ?? []) {
    if (!d.id || d.id === d.name) continue;
    const id = d.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`(^|[^\\w-])${id}(?![\\w-])`, "g"), (_, before: string) => `${before}${d.name}`);
  }
  return out;
}


