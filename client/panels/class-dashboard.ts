// The facilitator's class dashboard: the class code, the phase and its clock with the controls,
// the students and where they sit (pick a place, or drag a name onto a seat; or auto-assign), every
// table's live row, injects to all tables or one, the scorecard, the exports and the class debrief.
// It draws what the class connection reports and sends the facilitator's intents through it.
import type { ClassDashboard, ClassSnapshot } from "../../shared/classroom/protocol.ts";
import type { TableRow } from "../../shared/classroom/report.ts";
import { scoreKey, SCORE_MAX, SCORE_MIN } from "../../shared/classroom/session.ts";
import type { PublicScenario } from "../../shared/rules/types.ts";
import { api } from "../net/api.ts";
import type { ClassConnection, ClassResult } from "../net/class.ts";
import { clockText, phaseLabel, phaseTimeLeft } from "../screens/class.ts";
import { confirmDialog, Disposer, fill, h, toast } from "../ui/dom.ts";
import { optionLabel } from "../ui/package.ts";

const NEXT_PHASE: Record<string, { to: string; label: string }[]> = {
  gathering: [
    { to: "preparation", label: "Start the preparation" },
    { to: "negotiation", label: "Start the negotiation" },
  ],
  preparation: [{ to: "negotiation", label: "Start the negotiation" }],
  negotiation: [{ to: "debrief", label: "End the talks: class debrief" }],
  debrief: [],
};

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export class ClassDashboardPanel {
  readonly el: HTMLElement;
  private d = new Disposer();
  private scenario: PublicScenario | null = null;
  private header = h("section", { class: "card", id: "class-header" });
  private studentsEl = h("section", { class: "card", id: "class-students", "aria-labelledby": "class-students-title" });
  private tablesEl = h("section", { class: "card", id: "class-tables", "aria-labelledby": "class-tables-title" });
  private scoresEl = h("section", { class: "card", id: "class-scores", "aria-labelledby": "class-scores-title" });
  private debriefEl = h("section", { class: "card", id: "class-debrief", "aria-labelledby": "class-debrief-title" });
  private lastStudents = "";
  private lastScores = "";
  private debriefShown: string | null = null;

  constructor(private readonly conn: ClassConnection) {
    this.el = h(
      "div",
      { class: "page" },
      h("section", { class: "hero" }, h("div", { class: "eyebrow", text: "Class session · facilitator" }), h("h1", { id: "class-title", text: conn.snapshot?.title ?? "Class" })),
      h("div", { style: "display: grid; gap: 20px" }, this.header, this.studentsEl, this.tablesEl, this.scoresEl, this.debriefEl),
    );
    this.d.add(conn.events.on("state", () => this.render()));
    this.d.add(conn.events.on("dashboard", () => this.renderLive()));
    this.d.add(conn.events.on("notice", (n) => toast(n.message, "error")));
    this.d.add(conn.events.on("connection", (c) => c !== "connected" && toast(c === "lost" ? "The class connection was lost; reload the page." : "Reconnecting to the class…", "error")));
    this.d.interval(() => this.renderHeader(), 1000);
    const id = conn.snapshot?.scenario.id;
    if (id) {
      api.scenario(id).then(
        (s) => {
          this.scenario = s;
          this.renderLive();
        },
        () => undefined,
      );
    }
    this.render();
  }

  dispose(): void {
    this.d.dispose();
  }

  private get s(): ClassSnapshot {
    return this.conn.snapshot!;
  }

  private async send(type: Parameters<ClassConnection["request"]>[0], payload: Record<string, unknown> = {}, done?: string): Promise<ClassResult> {
    const result = await this.conn.request(type, payload);
    if (!result.ok) toast(result.message, "error");
    else if (done) toast(done);
    return result;
  }

  private render(): void {
    if (!this.conn.snapshot) return;
    this.el.querySelector("#class-title")!.textContent = this.s.title;
    this.renderHeader();
    this.renderStudents();
    this.renderLive();
  }

  private renderLive(): void {
    if (!this.conn.snapshot) return;
    this.renderTables();
    this.renderScores();
    this.renderDebrief();
  }

  // ---- header: code, phase, clock, controls --------------------------------------------------

  private renderHeader(): void {
    const s = this.conn.snapshot;
    if (!s) return;
    const left = phaseTimeLeft(s, this.conn.clockOffsetMs);
    const injectSel = h("select", { id: "class-inject" }, s.scenario.injects.map((i) => h("option", { value: i.id, text: `${i.title} (${i.trigger})` })));
    const keep = this.header.querySelector<HTMLSelectElement>("#class-inject")?.value;
    if (keep) injectSel.value = keep;
    // The clock ticks every second: only its text changes while the controls stay put.
    const clockEl = this.header.querySelector("#class-clock");
    const phaseEl = this.header.querySelector("#class-phase");
    const pausedKey = `${s.pausedLeftMs !== null}/${s.tablesPaused}`;
    if (clockEl && phaseEl && phaseEl.getAttribute("data-phase") === s.phase && this.header.getAttribute("data-paused") === pausedKey) {
      clockEl.textContent = clockText(s.phase, left);
      return;
    }
    this.header.setAttribute("data-paused", pausedKey);
    const running = s.phase === "negotiation";
    fill(
      this.header,
      h("div", { class: "row" }, h("span", { class: "muted", text: "Class code" }), h("span", { class: "code code-big", id: "class-code-value", text: this.conn.welcome?.code ?? "" }), h("span", { class: "muted", text: "Students join from the home screen with this code." })),
      h("p", null, h("span", { class: "pill", id: "class-phase", "data-phase": s.phase, text: phaseLabel(s.phase) }), " ", h("span", { id: "class-clock", text: clockText(s.phase, left) })),
      h(
        "div",
        { class: "actions" },
        NEXT_PHASE[s.phase]!.map((n) => h("button", { class: "btn btn-primary", type: "button", "data-phase-to": n.to, text: n.label, on: { click: () => void this.send("phase", { to: n.to }) } })),
        running ? h("button", { class: "btn", type: "button", id: "class-pause-all", text: s.tablesPaused ? "Resume every table" : "Pause every table", on: { click: () => void this.send(s.tablesPaused ? "resume" : "pause") } }) : null,
        s.phase === "preparation" && s.endsAt !== null ? h("button", { class: "btn", type: "button", id: "class-pause-clock", text: s.pausedLeftMs !== null ? "Restart the clock" : "Stop the clock", on: { click: () => void this.send(s.pausedLeftMs !== null ? "resume" : "pause") } }) : null,
        s.phase === "preparation" || running ? h("button", { class: "btn", type: "button", text: "+5 minutes", on: { click: () => void this.send("extend", { minutes: 5 }, "Five more minutes.") } }) : null,
        running ? h("button", { class: "btn", type: "button", text: "+2 rounds at every table", on: { click: () => void this.send("extend", { rounds: 2 }, "Two more rounds at every table.") } }) : null,
      ),
      running && s.scenario.injects.length > 0
        ? h(
            "div",
            { class: "row", style: "margin-top: 10px" },
            h("label", { for: "class-inject", text: "Inject" }),
            injectSel,
            h("button", { class: "btn", type: "button", id: "class-inject-all", text: "Fire at every table", on: { click: () => void this.send("inject", { injectId: injectSel.value }, "Inject fired at every table.") } }),
          )
        : null,
      s.phase !== "gathering"
        ? h(
            "div",
            { class: "actions" },
            h("button", { class: "btn btn-small", type: "button", id: "class-export-csv", text: "Download the students' CSV", on: { click: () => void this.export("students.csv") } }),
            h("button", { class: "btn btn-small", type: "button", id: "class-export-md", text: "Download every transcript (Markdown)", on: { click: () => void this.export("transcripts.md") } }),
            s.phase === "debrief" ? h("button", { class: "btn btn-small btn-danger", type: "button", id: "class-close", text: "Close the session", on: { click: () => void this.close() } }) : null,
          )
        : null,
    );
  }

  private async close(): Promise<void> {
    if (!(await confirmDialog("Close this class session?", "Students can no longer join or come back to it. The exports stay available with your facilitator token.", "Close the session", true))) return;
    await this.send("close", {}, "The session is closed.");
  }

  private async export(file: "students.csv" | "transcripts.md"): Promise<void> {
    try {
      const text = await this.conn.exportText(file);
      download(`cyber-accord-class-${this.conn.sessionId}-${file}`, file.endsWith(".csv") ? "text/csv" : "text/markdown", text);
    } catch (e) {
      toast((e as Error).message, "error");
    }
  }

  // ---- students and seating ------------------------------------------------------------------

  private places(): { value: string; label: string }[] {
    const s = this.s;
    const out: { value: string; label: string }[] = [{ value: "", label: "Waiting" }];
    for (let t = 1; t <= s.plannedTables; t++) {
      for (const d of s.scenario.delegations) if (!d.bot) out.push({ value: `${t}/${d.id}`, label: `Table ${t} · ${d.name}` });
    }
    return out;
  }

  private assign(student: string, value: string): void {
    const [table, delegation] = value ? [Number(value.split("/")[0]), value.split("/")[1]!] : [null, null];
    void this.send("assign", { student, table, delegation });
  }

  private renderStudents(): void {
    const s = this.s;
    const key = JSON.stringify([s.students, s.plannedTables, s.phase]);
    if (key === this.lastStudents) return;
    this.lastStudents = key;
    const places = this.places();
    const list = h("ul", { class: "table-list", id: "class-student-list" });
    for (const st of s.students) {
      const sel = h("select", { "aria-label": `Place of ${st.name}`, "data-student": st.id }, places.map((p) => h("option", { value: p.value, text: p.label })));
      sel.value = st.place ? `${st.place.table}/${st.place.delegation}` : "";
      sel.addEventListener("change", () => this.assign(st.id, sel.value));
      const chip = h("span", { class: "pill", draggable: "true", text: st.name, title: "Drag onto a seat" });
      chip.addEventListener("dragstart", (e) => e.dataTransfer?.setData("text/x-student", st.id));
      list.append(h("li", { class: "row", "data-student-row": st.id }, h("span", { class: "dot", style: st.connected ? "background: #6cc49a" : "", "aria-label": st.connected ? "connected" : "away" }), chip, sel));
    }
    // The seating plan: drop a name on a seat.
    const plan = h("div", { class: "dash-grid", style: "margin-top: 14px" });
    for (let t = 1; t <= s.plannedTables; t++) {
      const seats = s.scenario.delegations.map((d) => {
        const who = s.students.filter((x) => x.place?.table === t && x.place.delegation === d.id).map((x) => x.name);
        const cell = h("li", { "data-seat": `${t}/${d.id}`, style: "border: 1px dashed var(--line); border-radius: 8px; padding: 6px 10px" }, h("strong", { text: d.name }), " — ", d.bot ? "bot" : who.length > 0 ? who.join(", ") : h("span", { class: "muted", text: "empty (a bot fills it when the talks start)" }));
        if (!d.bot) {
          cell.addEventListener("dragover", (e) => e.preventDefault());
          cell.addEventListener("drop", (e) => {
            e.preventDefault();
            const id = e.dataTransfer?.getData("text/x-student");
            if (id) this.assign(id, `${t}/${d.id}`);
          });
        }
        return cell;
      });
      plan.append(h("div", null, h("h3", { text: `Table ${t}` }), h("ul", { class: "table-list" }, seats)));
    }
    fill(
      this.studentsEl,
      h("h2", { id: "class-students-title", text: `Students (${s.students.length})` }),
      h("div", { class: "actions" }, h("button", { class: "btn btn-primary", type: "button", id: "class-auto-assign", text: "Auto-assign", disabled: s.phase === "debrief", on: { click: () => void this.send("auto_assign", {}, "Everyone is seated.") } })),
      s.students.length === 0 ? h("p", { class: "empty", text: "Nobody has joined yet. Show the class code." }) : list,
      plan,
    );
  }

  // ---- the tables, live ----------------------------------------------------------------------

  private delegationName(id: string): string {
    return this.s.scenario.delegations.find((d) => d.id === id)?.name ?? id;
  }

  private tableCard(row: TableRow, code: string | undefined): HTMLElement {
    const offer = row.offer;
    const status =
      row.phase === "missing" ? "not running on this server" : row.phase === "ended" ? (row.agreement ? "deal reached" : "ended without a deal") : row.phase === "waiting" ? "waiting to start" : `${row.phase} · round ${row.round} of ${row.deadlineRounds}`;
    const table = row.table;
    return h(
      "div",
      { class: "card", "data-table": String(table), "data-match-id": row.matchId, style: "margin: 0" },
      h("h3", { text: `Table ${table}` }),
      h("p", null, h("span", { class: `pill ${row.phase === "ended" ? "ended" : ""}`, "data-table-phase": row.phase, text: status }), row.turn && row.phase === "running" ? ` · ${this.delegationName(row.turn)} to move` : ""),
      h(
        "table",
        { class: "seat-table" },
        h("thead", null, h("tr", null, h("th", { text: "Delegation" }), h("th", { text: "Played by" }), h("th", { text: "Online" }), h("th", { text: "Messages" }), h("th", { text: "Answer" }))),
        h(
          "tbody",
          null,
          row.delegations.map((d) =>
            h(
              "tr",
              { "data-delegation-row": d.id },
              h("td", { text: this.delegationName(d.id) }),
              h("td", { text: d.control === "bot" ? "bot" : d.students.join(", ") || "—" }),
              h("td", { text: `${d.connected}/${d.members}` }),
              h("td", { "data-messages": d.id, text: String(d.messages) }),
              h("td", { text: offer?.responses[d.id] ?? (offer?.proposer === d.id ? "proposer" : "") }),
            ),
          ),
        ),
      ),
      offer
        ? h("div", null, h("p", { class: "small muted", text: `On the table, from ${this.delegationName(offer.proposer)}:` }), h("ul", { class: "pkg-list" }, Object.entries(offer.package).map(([issue, option]) => h("li", { text: this.scenario ? `${this.scenario.issues.find((i) => i.id === issue)?.title ?? issue}: ${optionLabel(this.scenario, issue, option)}` : `${issue}: ${option}` }))))
        : h("p", { class: "small muted", text: "Nothing on the table." }),
      row.firedInjects.length > 0 ? h("p", { class: "small", "data-injects": row.firedInjects.join(" "), text: `Injects fired: ${row.firedInjects.map((i) => this.s.scenario.injects.find((x) => x.id === i)?.title ?? i).join(", ")}` }) : null,
      row.phase === "running" || row.phase === "paused"
        ? h(
            "div",
            { class: "actions" },
            h("button", { class: "btn btn-small", type: "button", text: row.phase === "paused" ? "Resume" : "Pause", on: { click: () => void this.send(row.phase === "paused" ? "resume" : "pause", { table }) } }),
            h("button", { class: "btn btn-small", type: "button", text: "+1 round", on: { click: () => void this.send("extend", { rounds: 1, table }) } }),
            this.s.scenario.injects.length > 0
              ? h("button", { class: "btn btn-small", type: "button", text: "Fire the selected inject here", on: { click: () => void this.send("inject", { injectId: this.header.querySelector<HTMLSelectElement>("#class-inject")?.value, table }, `Inject fired at table ${table}.`) } })
              : null,
          )
        : null,
      row.matchId && code ? h("p", { class: "small" }, h("a", { href: "#", text: "Watch this table", on: { click: (e) => (e.preventDefault(), void this.watch(row.matchId, code)) } })) : null,
    );
  }

  private async watch(matchId: string, code: string): Promise<void> {
    const { TableConnection } = await import("../net/connection.ts");
    const { setCurrent } = await import("../net/current.ts");
    const { navigate } = await import("../shell.ts");
    try {
      const conn = await TableConnection.join(matchId, { role: "observer", code });
      setCurrent(conn);
      navigate({ name: "match", matchId, view: "table" });
    } catch (e) {
      toast((e as Error).message, "error");
    }
  }

  private renderTables(): void {
    const dash: ClassDashboard | null = this.conn.dashboard;
    const rows = dash?.rows ?? [];
    fill(
      this.tablesEl,
      h("h2", { id: "class-tables-title", text: `Tables (${rows.length})` }),
      rows.length === 0
        ? h("p", { class: "empty", text: "The tables are set when the preparation (or the negotiation) starts." })
        : h("div", { class: "dash-grid" }, rows.map((r) => this.tableCard(r, dash?.codes[r.table]))),
    );
  }

  // ---- scorecard ---------------------------------------------------------------------------

  private renderScores(): void {
    const s = this.s;
    const scores = this.conn.dashboard?.scores ?? {};
    const key = JSON.stringify([scores, s.tables, s.criteria]);
    if (key === this.lastScores) return;
    this.lastScores = key;
    if (s.tables === 0) {
      fill(this.scoresEl, h("h2", { id: "class-scores-title", text: "Scorecard" }), h("p", { class: "empty", text: "Score each delegation once the tables are set." }));
      return;
    }
    const tables: HTMLElement[] = [];
    for (let t = 1; t <= s.tables; t++) {
      const rows = s.scenario.delegations.map((d) =>
        h(
          "tr",
          null,
          h("th", { scope: "row", text: d.name }),
          s.criteria.map((c) => {
            const sel = h("select", { "aria-label": `Table ${t}, ${d.name}: ${c.label}`, "data-score": scoreKey(t, d.id, c.id) }, h("option", { value: "", text: "–" }), Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => h("option", { value: String(SCORE_MIN + i), text: String(SCORE_MIN + i) })));
            sel.value = String(scores[scoreKey(t, d.id, c.id)] ?? "");
            sel.addEventListener("change", () => void this.send("score", { table: t, delegation: d.id, criterion: c.id, score: sel.value ? Number(sel.value) : null }));
            return h("td", null, sel);
          }),
        ),
      );
      tables.push(h("div", null, h("h3", { text: `Table ${t}` }), h("table", { class: "seat-table" }, h("thead", null, h("tr", null, h("th", { text: "Delegation" }), s.criteria.map((c) => h("th", { text: c.label, title: c.description })))), h("tbody", null, rows))));
    }
    fill(this.scoresEl, h("h2", { id: "class-scores-title", text: "Scorecard (1 weak – 4 excellent)" }), tables);
  }

  // ---- class debrief -------------------------------------------------------------------------

  private renderDebrief(): void {
    const s = this.s;
    if (s.phase !== "debrief") {
      fill(this.debriefEl, h("h2", { id: "class-debrief-title", text: "Class debrief" }), h("p", { class: "empty", text: "Opens when the class moves to its debrief: every table's deal on one chart, then every private brief and message." }));
      this.debriefShown = null;
      return;
    }
    const ended = (this.conn.dashboard?.rows ?? []).filter((r) => r.phase === "ended").map((r) => r.matchId);
    const key = ended.join(",");
    if (key === this.debriefShown) return;
    this.debriefShown = key;
    fill(this.debriefEl, h("h2", { id: "class-debrief-title", text: "Class debrief" }), h("p", { class: "muted", text: "Loading every table's record…" }));
    void import("./class-debrief.ts").then((m) => m.renderClassDebrief(this.debriefEl, s, this.conn.facilitatorToken)).catch((e: unknown) => fill(this.debriefEl, h("h2", { id: "class-debrief-title", text: "Class debrief" }), h("p", { class: "error-text", text: (e as Error).message })));
  }
}
