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
  title = "Class";
  private d = new Disposer();
  private root!: HTMLElement;
  private conn: ClassConnection | null = null;
  private going = false;

  constructor(private readonly sessionId: string) {}

  mount(root: HTMLElement): void {
    this.root = root;
    setNav(h("a", { href: "#/", text: "Home" }));
    fill(root, h("div", { class: "page" }, h("p", { class: "muted", role: "status", text: "Connecting to the class…" })));
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
        fill(root, h("div", { class: "page" }, h("div", { class: "card", role: "alert" }, h("h2", { text: "This class could not be opened" }), h("p", { text: (e as Error).message }), h("a", { class: "btn", href: "#/", text: "Back to the home screen" }))));
      },
    );
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
    const page = h("div", { class: "page" }, h("section", { class: "hero" }, h("div", { class: "eyebrow", text: "Class session" }), h("h1", { id: "class-title", text: "…" })), status, debrief);
    fill(this.root, page);
    const render = () => {
      const s = conn.snapshot;
      if (!s) return;
      this.title = s.title;
      page.querySelector("#class-title")!.textContent = s.title;
      const me = s.students.find((x) => x.id === conn.welcome?.studentId);
      const left = phaseTimeLeft(s, conn.clockOffsetMs);
      const place = me?.place;
      const delegation = place ? s.scenario.delegations.find((d) => d.id === place.delegation)?.name ?? place.delegation : null;
      fill(
        status,
        h("p", null, h("span", { class: "pill", text: phaseLabel(s.phase) }), left ? h("span", { id: "class-clock", text: ` · ${left} left` }) : null),
        h("p", { text: `You are ${me?.name ?? storedClass(this.sessionId)?.name ?? "in the class"}.` }),
        place
          ? h("p", { id: "class-place", text: `Your table: table ${place.table}, ${delegation}.${conn.seat ? "" : " You go to it when the facilitator starts the preparation."}` })
          : h("p", { id: "class-place", class: "muted", text: "Waiting for the facilitator to seat you at a table…" }),
        conn.seat ? h("button", { class: "btn btn-primary", type: "button", id: "class-go", text: "Go to your table", on: { click: () => void this.goToTable(conn.seat!) } }) : null,
        h("p", { class: "small muted", text: `${s.studentCount} ${s.studentCount === 1 ? "student" : "students"} in the class.` }),
      );
      // The class debrief: every table's outcome side by side, and our own table's reveal (the
      // class room's `class_debrief`; other tables' records are the facilitator's).
      if (s.phase === "debrief" && !debriefShown) {
        debriefShown = true;
        debrief.hidden = false;
        fill(debrief, h("h2", { id: "class-debrief-title", text: "Class debrief" }), h("p", { class: "muted", text: "Loading every table's outcome…" }));
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
    this.d.add(conn.events.on("notice", (n) => status.append(h("p", { class: "error-text", text: n.message }))));
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
