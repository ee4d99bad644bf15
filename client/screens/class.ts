// A class session, for whoever holds a pass to it on this browser: the facilitator's class
// dashboard, or a student's waiting room that sends them to their table once they are seated.
import type { ClassSeat } from "../../shared/classroom/protocol.ts";
import { ClassConnection, currentClass, storedClass } from "../net/class.ts";
import { setCurrent } from "../net/current.ts";
import { storedTable } from "../net/storage.ts";
import { ClassDashboardPanel } from "../panels/class-dashboard.ts";
import { phaseLabel, phaseTimeLeft } from "./class-phase.ts";
import { navigate, setNav } from "../shell.ts";
import { Disposer, fill, h } from "../ui/dom.ts";
import type { Screen } from "./screen.ts";
import { fmt, t } from "../i18n.ts";
import type { PublicScenario } from "../../shared/rules/types.ts";
import { api } from "../net/api.ts";
import { scenarioText, type Translated } from "../scenario-text.ts";

const following = new WeakSet<ClassConnection>();

/**
 * A student moved to another table while away from this screen (at their old table): bring them
 * back here, which sends them on to the new one. Lives as long as the class connection.
 */
function followSeats(conn: ClassConnection): void {
  if (following.has(conn)) return;
  following.add(conn);
  let last = conn.seat ? `${conn.seat.matchId}/${conn.seat.delegation}` : "";
  conn.events.on("seat", (seat) => {
    const key = `${seat.matchId}/${seat.delegation}`;
    if (key === last) return;
    last = key;
    if (!location.hash.startsWith(`#/class/`)) navigate({ name: "class", sessionId: conn.sessionId });
  });
}

export class ClassScreen implements Screen {
  title = t("screens:class.title");
  private d = new Disposer();
  private root!: HTMLElement;
  private conn: ClassConnection | null = null;
  private going = false;

  constructor(private readonly sessionId: string) {}

  mount(root: HTMLElement): void {
    this.root = root;
    setNav(h("a", { href: "#/", text: t("screens:class.home") }));
    fill(root, h("div", { class: "page" }, h("p", { class: "muted", role: "status", text: t("screens:class.connecting") })));
    const live = currentClass(this.sessionId);
    const open = live ? Promise.resolve(live) : ClassConnection.resume(this.sessionId);
    open.then(
      (conn) => {
        if (this.d.disposed) return;
        this.conn = conn;
        if (conn.facilitator) this.showFacilitator(conn);
        else this.showStudent(conn);
      },
      (e: unknown) => {
        if (this.d.disposed) return;
        fill(root, h("div", { class: "page" }, h("div", { class: "card", role: "alert" }, h("h2", { text: t("screens:class.failed") }), h("p", { text: (e as Error).message }), h("a", { class: "btn", href: "#/", text: t("common:backHome") }))));
      },
    );
  }

  /** Redraw in the reader's new language on the same class connection (the facilitator's stays open). */
  relocalize(): void {
    this.title = t("screens:class.title");
    const conn = this.conn;
    if (!conn) {
      this.root.querySelector("[role=status]")?.replaceChildren(t("screens:class.connecting"));
      return;
    }
    this.d.dispose();
    this.d = new Disposer();
    setNav(h("a", { href: "#/", text: t("screens:class.home") }));
    if (conn.facilitator) this.showFacilitator(conn);
    else this.showStudent(conn);
  }

  dispose(): void {
    this.d.dispose();
    // Students keep their class connection while at their table (a new seat may come); the facilitator's closes.
    if (this.conn?.facilitator) void this.conn.leave();
  }

  private showFacilitator(conn: ClassConnection): void {
    const panel = new ClassDashboardPanel(conn);
    this.d.add(() => panel.dispose());
    fill(this.root, panel.el);
  }

  private showStudent(conn: ClassConnection): void {
    followSeats(conn);
    const status = h("div", { class: "card", id: "class-waiting", "aria-live": "polite" });
    const debrief = h("section", { class: "card", id: "class-debrief", hidden: true, style: "margin-top: 20px", "aria-labelledby": "class-debrief-title" });
    let debriefShown = false;
    const page = h("div", { class: "page" }, h("section", { class: "hero" }, h("div", { class: "eyebrow", text: t("screens:class.session") }), h("h1", { id: "class-title", text: "…" })), status, debrief);
    fill(this.root, page);
    // The scenario, read once, gives its title and delegation names in the reader's language
    // (client/scenario-text.ts); until then (or if it cannot be read) the class's English ones.
    let scenario: Translated<PublicScenario> | null = null;
    let scenarioAsked = false;
    let notice: HTMLElement | null = null;
    const render = () => {
      const s = conn.snapshot;
      if (!s) return;
      if (!scenarioAsked) {
        scenarioAsked = true;
        api.scenario(s.scenario.id).then(
          (sc) => {
            scenario = sc;
            render();
          },
          () => undefined,
        );
      }
      const local = scenario ? scenarioText(scenario) : null;
      // A title the facilitator chose themselves stays as they wrote it.
      const title = local && scenario && s.title === scenario.title ? local.title : s.title;
      this.title = title;
      page.querySelector("#class-title")!.textContent = title;
      const me = s.students.find((x) => x.id === conn.welcome?.studentId);
      const left = phaseTimeLeft(s, conn.clockOffsetMs);
      const place = me?.place;
      const delegation = place ? (local?.delegations.find((d) => d.id === place.delegation)?.name ?? s.scenario.delegations.find((d) => d.id === place.delegation)?.name ?? place.delegation) : null;
      fill(
        status,
        h("p", null, h("span", { class: "pill", text: phaseLabel(s.phase) }), left ? h("span", { id: "class-clock", text: ` · ${t("screens:class.left", { left })}` }) : null),
        h("p", { text: me?.name ?? storedClass(this.sessionId)?.name ? t("screens:class.youAre", { name: me?.name ?? storedClass(this.sessionId)?.name }) : t("screens:class.inClass") }),
        place
          ? h("p", { id: "class-place", text: conn.seat ? t("screens:class.place", { table: fmt.number(place.table), delegation }) : t("screens:class.placeLater", { table: fmt.number(place.table), delegation }) })
          : h("p", { id: "class-place", class: "muted", text: t("screens:class.waitingSeat") }),
        conn.seat ? h("button", { class: "btn btn-primary", type: "button", id: "class-go", text: t("screens:class.go"), on: { click: () => void this.goToTable(conn.seat!) } }) : null,
        h("p", { class: "small muted", text: t("screens:class.students", { count: s.studentCount }) }),
        notice,
      );
      // The class debrief: every table's outcome side by side, and our own table's reveal (the
      // class room's `class_debrief`; other tables' records are the facilitator's).
      if (s.phase === "debrief" && !debriefShown) {
        debriefShown = true;
        debrief.hidden = false;
        fill(debrief, h("h2", { id: "class-debrief-title", text: t("screens:class.debrief") }), h("p", { class: "muted", text: t("screens:class.debriefLoading") }));
        showDebrief();
      }
    };
    let shownDebrief: unknown = null;
    const showDebrief = () => {
      const d = conn.debrief;
      if (!debriefShown || !d || d === shownDebrief) return;
      shownDebrief = d;
      void import("../panels/class-debrief.ts").then((m) => m.renderStudentDebrief(debrief, d)).catch((e: unknown) => fill(debrief, h("p", { class: "error-text", text: (e as Error).message })));
    };
    this.d.add(conn.events.on("debrief", showDebrief));
    this.d.add(conn.events.on("state", render));
    this.d.add(conn.events.on("seat", (seat) => void this.goToTable(seat)));
    // A notice stays under the class's status (render() redraws it every second): a revoked personal
    // link says so in the reader's language and offers the way home, since this device cannot come back.
    this.d.add(
      conn.events.on("notice", (n) => {
        notice =
          n.code === "link_revoked"
            ? h("div", { id: "class-notice", role: "alert" }, h("p", { class: "error-text", text: t("inbox:refusals.classLinkRevoked") }), h("a", { class: "btn", href: "#/", text: t("common:backHome") }))
            : h("p", { id: "class-notice", class: "error-text", role: "alert", text: n.message });
        if (conn.snapshot) render();
        else status.append(notice);
      }),
    );
    this.d.interval(render, 1000);
    render();
    // Already seated (a reload, or back from the table): the table again.
    if (conn.seat && !(storedTable(conn.seat.matchId)?.seatToken && storedTable(conn.seat.matchId)?.delegation === conn.seat.delegation)) void this.goToTable(conn.seat);
  }

  /** Sit down at the table the class gave us: our stored seat there, or a new one with the table's code. */
  private async goToTable(seat: ClassSeat): Promise<void> {
    if (this.going || this.d.disposed) return;
    this.going = true;
    try {
      const { TableConnection } = await import("../net/connection.ts");
      const stored = storedTable(seat.matchId);
      const name = this.conn?.snapshot?.students.find((x) => x.id === this.conn?.welcome?.studentId)?.name ?? storedClass(this.sessionId)?.name;
      const conn =
        stored?.seatToken && stored.delegation === seat.delegation
          ? await TableConnection.resume(seat.matchId)
          : await TableConnection.join(seat.matchId, { role: "delegation", delegation: seat.delegation, code: seat.code, ...(name ? { name } : {}) });
      if (this.d.disposed) {
        void conn.leave();
        return;
      }
      setCurrent(conn);
      navigate({ name: "match", matchId: conn.matchId, view: "brief" });
    } catch (e) {
      this.root.querySelector("#class-waiting")?.append(h("p", { class: "error-text", role: "alert", text: (e as Error).message }));
    } finally {
      this.going = false;
    }
  }
}
