// The facilitator's class dashboard: the class code, the phase and its clock with the controls,
// the students and where they sit (pick a place, or drag a name onto a seat; or auto-assign), every
// table's live row, injects to all tables or one, the scorecard, the exports and the class debrief.
// It draws what the class connection reports and sends the facilitator's intents through it.
import type { ClassDashboard, ClassRequestPayload, ClassRequestType, ClassSnapshot } from "../../shared/classroom/protocol.ts";
import type { ClassPhase } from "../../shared/classroom/phases.ts";
import type { TableRow } from "../../shared/classroom/report.ts";
import { scoreKey, SCORE_MAX, SCORE_MIN } from "../../shared/classroom/session.ts";
import type { PublicScenario } from "../../shared/rules/types.ts";
import { api } from "../net/api.ts";
import { classText } from "../net/refusals.ts";
import { scenarioText, type Translated } from "../scenario-text.ts";
import type { ClassConnection, ClassResult } from "../net/class.ts";
import { clockText, phaseLabel, phaseTimeLeft } from "../screens/class-phase.ts";
import { locale, t } from "../i18n.ts";
import type { Translations } from "../../shared/scenario/overlay.ts";
import { confirmDialog, Disposer, fill, h, toast } from "../ui/dom.ts";
import { optionLabel } from "../ui/package.ts";
import { attention, type Flag, sortRows, SORTS, type SortId } from "./class-attention.ts";
import { criterionText, num, points as pts } from "./words.ts";

/** A selector for the same control after a redraw (the row's buttons carry their table). */
function focusKey(el: HTMLElement): string | null {
  for (const attr of ["data-open-table", "data-close-table", "data-end-table"]) {
    const v = el.getAttribute(attr);
    if (v !== null) return `[${attr}="${v}"]`;
  }
  return null;
}

const NEXT_PHASE: Record<string, { to: ClassPhase; key: string }[]> = {
  gathering: [
    { to: "preparation", key: "table:dashboard.startPreparation" },
    { to: "negotiation", key: "table:dashboard.startNegotiation" },
  ],
  preparation: [{ to: "negotiation", key: "table:dashboard.startNegotiation" }],
  negotiation: [{ to: "debrief", key: "table:dashboard.toDebrief" }],
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
  private scenario: Translated<PublicScenario> | null = null;
  private header = h("section", { class: "card", id: "class-header" });
  private studentsEl = h("section", { class: "card", id: "class-students", "aria-labelledby": "class-students-title" });
  private tablesEl = h("section", { class: "card", id: "class-tables", "aria-labelledby": "class-tables-title" });
  private scoresEl = h("section", { class: "card", id: "class-scores", "aria-labelledby": "class-scores-title" });
  private debriefEl = h("section", { class: "card", id: "class-debrief", "aria-labelledby": "class-debrief-title" });
  private lastStudents = "";
  private lastScores = "";
  private debriefShown: string | null = null;
  private sortBy: SortId = "attention";
  private lastFlags = "";
  private openTable: number | null = null;
  /** The scenario's whole translation, from the teacher's materials (for the inject titles). */
  private translations: Translations | undefined;

  constructor(private readonly conn: ClassConnection) {
    this.el = h(
      "div",
      { class: "page class-page" },
      h("section", { class: "hero" }, h("div", { class: "eyebrow", text: t("table:dashboard.eyebrow") }), h("h1", { id: "class-title", text: conn.snapshot?.title ?? t("table:dashboard.classTitle") })),
      h("div", { class: "class-sections" }, this.header, this.studentsEl, this.tablesEl, this.scoresEl, this.debriefEl),
    );
    this.d.add(conn.events.on("state", () => this.render()));
    this.d.add(conn.events.on("dashboard", () => this.renderLive()));
    this.d.add(conn.events.on("notice", (n) => toast(classText(n.code, n.message), "error")));
    this.d.add(conn.events.on("connection", (c) => c !== "connected" && toast(c === "lost" ? t("table:dashboard.lost") : t("table:dashboard.reconnecting"), "error")));
    this.d.interval(() => {
      this.renderHeader();
      // "Stalled" and "clock nearly out" come with time, not with a new dashboard.
      if (this.conn.snapshot && this.flagsKey() !== this.lastFlags) this.renderTables();
    }, 1000);
    const id = conn.snapshot?.scenario.id;
    if (id) {
      api.scenario(id).then(
        (s) => {
          this.scenario = s;
          // Its names and title in the reader's language, everywhere they are drawn.
          this.lastStudents = "";
          this.lastScores = "";
          this.render();
        },
        () => undefined,
      );
    }
    // The inject titles in the reader's language: only the teacher's materials carry them (the public scenario does not).
    if (id) {
      void import("../net/materials.ts")
        .then((m) => m.teacherMaterials("class", conn.sessionId))
        .then(
          (materials) => {
            this.translations = materials.translations;
            // Drawn again: the header keeps its controls until its phase or pause changes.
            this.header.removeAttribute("data-paused");
            this.renderHeader();
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

  private async send<T extends ClassRequestType>(type: T, payload: ClassRequestPayload<T>, done?: string): Promise<ClassResult> {
    const result = await this.conn.request(type, payload);
    if (!result.ok) toast(classText(result.code, result.message), "error");
    else if (done) toast(done);
    return result;
  }

  private render(): void {
    if (!this.conn.snapshot) return;
    this.el.querySelector("#class-title")!.textContent = this.classTitle();
    this.renderHeader();
    this.renderStudents();
    this.renderLive();
  }

  /**
   * Once the tables exist they come first (right under the controls); the students and the
   * seating plan below them. In the debrief, the class debrief comes first.
   */
  private placeSections(): void {
    const tables = this.s.tables > 0 || (this.conn.dashboard?.rows.length ?? 0) > 0;
    const order = this.s.phase === "debrief" ? [this.debriefEl, this.tablesEl, this.studentsEl, this.scoresEl] : tables ? [this.tablesEl, this.studentsEl, this.scoresEl, this.debriefEl] : [this.studentsEl, this.tablesEl, this.scoresEl, this.debriefEl];
    let prev: HTMLElement = this.header;
    for (const el of order) {
      if (prev.nextElementSibling !== el) prev.after(el);
      prev = el;
    }
  }

  private flagsKey(): string {
    const s = this.s;
    const now = Date.now() + this.conn.clockOffsetMs;
    const classLeftMs = s.phase === "negotiation" && s.endsAt !== null && s.pausedLeftMs === null ? s.endsAt - now : null;
    return (this.conn.dashboard?.rows ?? []).map((r) => attention(r, now, classLeftMs, (id) => id).map((f) => f.label).join("|")).join("/");
  }

  private renderLive(): void {
    if (!this.conn.snapshot) return;
    this.placeSections();
    this.renderTables();
    this.renderScores();
    this.renderDebrief();
  }

  // ---- header: code, phase, clock, controls --------------------------------------------------

  private renderHeader(): void {
    const s = this.conn.snapshot;
    if (!s) return;
    const left = phaseTimeLeft(s, this.conn.clockOffsetMs);
    // Each inject's title in the reader's language (the teacher's materials carry the whole translation), and when it fires in the reader's words.
    const injectTitle = (i: { id: string; title: string }) => this.translations?.[locale()]?.injects?.[i.id]?.title ?? i.title;
    const injectWhen = (trigger: string) => (trigger === "facilitator" ? t("table:facilitator.onSignal") : t("table:facilitator.scheduled", { round: Number(/\d+/.exec(trigger)?.[0] ?? 0) }));
    const injectSel = h("select", { id: "class-inject" }, s.scenario.injects.map((i) => h("option", { value: i.id, text: t("table:dashboard.injectOption", { title: injectTitle(i), trigger: injectWhen(i.trigger) }) })));
    const keep = this.header.querySelector<HTMLSelectElement>("#class-inject")?.value;
    if (keep) injectSel.value = keep;
    // The clock ticks every second: only its text changes while the controls stay put.
    const clockEl = this.header.querySelector("#class-clock");
    const phaseEl = this.header.querySelector("#class-phase");
    const pausedKey = `${s.pausedLeftMs !== null}/${s.tablesPaused}/${this.conn.welcome?.code ?? ""}`;
    if (clockEl && phaseEl && phaseEl.getAttribute("data-phase") === s.phase && this.header.getAttribute("data-paused") === pausedKey) {
      clockEl.textContent = clockText(s.phase, left);
      return;
    }
    this.header.setAttribute("data-paused", pausedKey);
    const running = s.phase === "negotiation";
    fill(
      this.header,
      h("div", { class: "row" }, h("span", { class: "muted", text: t("table:dashboard.classCode") }), h("span", { class: "code code-big", id: "class-code-value", text: this.conn.welcome?.code ?? "" }), h("span", { class: "muted", text: t("table:dashboard.codeHelp") }), s.phase === "debrief" ? null : h("button", { class: "btn btn-small btn-quiet", type: "button", id: "class-new-code", text: t("table:dashboard.newCode"), on: { click: () => void this.newCode() } })),
      // The teacher's materials (client/screens/projector.ts, materials.ts).
      h("p", { class: "teacher-links" }, this.conn.welcome?.code ? h("a", { class: "btn btn-small", id: "class-projector", href: `#/projector/class/${encodeURIComponent(this.conn.welcome.code)}`, text: t("table:dashboard.projector") }) : null, h("a", { class: "btn btn-small", id: "class-notes", href: `#/notes/class/${this.conn.sessionId}`, text: t("table:dashboard.notes") }), h("a", { class: "btn btn-small", id: "class-print", href: `#/print/class/${this.conn.sessionId}`, text: t("table:dashboard.print") })),
      h("p", null, h("span", { class: "pill", id: "class-phase", "data-phase": s.phase, text: phaseLabel(s.phase) }), " ", h("span", { id: "class-clock", text: clockText(s.phase, left) })),
      h(
        "div",
        { class: "actions" },
        NEXT_PHASE[s.phase]!.map((n) => h("button", { class: "btn btn-primary", type: "button", "data-phase-to": n.to, text: t(n.key), on: { click: () => void this.toPhase(n.to) } })),
        running ? h("button", { class: "btn", type: "button", id: "class-pause-all", text: s.tablesPaused ? t("table:dashboard.resumeAll") : t("table:dashboard.pauseAll"), on: { click: () => void this.send(s.tablesPaused ? "resume" : "pause", {}) } }) : null,
        s.phase === "preparation" && s.endsAt !== null ? h("button", { class: "btn", type: "button", id: "class-pause-clock", text: s.pausedLeftMs !== null ? t("table:dashboard.restartClock") : t("table:dashboard.stopClock"), on: { click: () => void this.send(s.pausedLeftMs !== null ? "resume" : "pause", {}) } }) : null,
        s.phase === "preparation" || running ? h("button", { class: "btn", type: "button", text: t("table:dashboard.plusMinutes", { minutes: 5 }), on: { click: () => void this.send("extend", { minutes: 5 }, t("table:dashboard.plus5Done")) } }) : null,
        running ? h("button", { class: "btn", type: "button", text: t("table:dashboard.plusRounds", { count: 2 }), on: { click: () => void this.send("extend", { rounds: 2 }, t("table:dashboard.plus2RoundsDone")) } }) : null,
      ),
      running && s.scenario.injects.length > 0
        ? h(
            "div",
            { class: "row", style: "margin-top: 10px" },
            h("label", { for: "class-inject", text: t("table:dashboard.inject") }),
            injectSel,
            h("button", { class: "btn", type: "button", id: "class-inject-all", text: t("table:dashboard.fireAll"), on: { click: () => void this.injectAll(injectSel.value) } }),
          )
        : null,
      s.phase !== "gathering"
        ? h(
            "div",
            { class: "actions" },
            h("button", { class: "btn btn-small", type: "button", id: "class-export-csv", text: t("table:dashboard.exportCsv"), on: { click: () => void this.export("students.csv") } }),
            h("button", { class: "btn btn-small", type: "button", id: "class-export-md", text: t("table:dashboard.exportMd"), on: { click: () => void this.export("transcripts.md") } }),
            s.phase === "debrief" ? h("button", { class: "btn btn-small btn-danger", type: "button", id: "class-close", text: t("table:dashboard.close"), on: { click: () => void this.close() } }) : null,
          )
        : null,
    );
  }

  private async toPhase(to: ClassPhase): Promise<void> {
    if (to === "debrief") {
      const running = (this.conn.dashboard?.rows ?? []).filter((r) => r.phase !== "ended").length;
      const ok = await confirmDialog(
        t("table:dashboard.endAllTitle"),
        t("table:dashboard.endAll", { running: running > 0 ? t("table:dashboard.stillTalking", { count: running }) : "" }),
        t("table:dashboard.endTalks"),
        true,
      );
      if (!ok) return;
    }
    await this.send("phase", { to });
  }

  private async endTable(table: number): Promise<void> {
    const ok = await confirmDialog(t("table:dashboard.endTableTitle", { table }), t("table:dashboard.endTableText"), t("table:dashboard.endTable"), true);
    if (!ok) return;
    await this.send("end", { table }, t("table:dashboard.tableEnded", { table }));
  }

  private async injectAll(injectId: string): Promise<void> {
    const inject = this.s.scenario.injects.find((i) => i.id === injectId);
    const tables = (this.conn.dashboard?.rows ?? []).filter((r) => r.phase === "running" || r.phase === "paused").length;
    const ok = await confirmDialog(t("table:dashboard.fireAllTitle", { title: inject?.title ?? injectId }), t("table:dashboard.fireAllText", { count: tables }), t("table:dashboard.fireAll"));
    if (!ok) return;
    await this.send("inject", { injectId }, t("table:dashboard.firedAll"));
  }

  private async close(): Promise<void> {
    if (!(await confirmDialog(t("table:dashboard.closeTitle"), t("table:dashboard.closeText"), t("table:dashboard.close"), true))) return;
    await this.send("close", {}, t("table:dashboard.closed"));
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
    const out: { value: string; label: string }[] = [{ value: "", label: t("table:dashboard.waiting") }];
    for (let n = 1; n <= s.plannedTables; n++) {
      for (const d of s.scenario.delegations) if (!d.bot) out.push({ value: `${n}/${d.id}`, label: t("table:dashboard.place", { table: n, name: this.delegationName(d.id) }) });
    }
    return out;
  }

  private assign(student: string, value: string): void {
    const [table, delegation] = value ? [Number(value.split("/")[0]), value.split("/")[1]!] : [null, null];
    void this.send("assign", { student, table, delegation });
  }

  /** A new class code (the old one reached people outside the room), once the facilitator confirms. */
  private async newCode(): Promise<void> {
    const ok = await confirmDialog(t("table:dashboard.newCodeTitle"), t("table:dashboard.newCodeText"), t("table:dashboard.newCode"), true);
    if (ok) await this.send("new_code", {}, t("table:dashboard.codeChanged"));
  }

  /** Take a student out of the class (a leaked code, a name given twice), once the facilitator confirms. */
  private async removeStudent(id: string, name: string): Promise<void> {
    const ok = await confirmDialog(t("table:dashboard.removeStudentTitle", { name }), t("table:dashboard.removeStudentText"), t("table:dashboard.removeStudent"), true);
    if (ok) await this.send("remove_student", { student: id }, t("table:dashboard.studentRemoved", { name }));
  }

  private renderStudents(): void {
    const s = this.s;
    const key = JSON.stringify([s.students, s.plannedTables, s.phase]);
    if (key === this.lastStudents) return;
    this.lastStudents = key;
    const places = this.places();
    const list = h("ul", { class: "table-list", id: "class-student-list" });
    for (const st of s.students) {
      const sel = h("select", { "aria-label": t("table:dashboard.placeOf", { name: st.name }), "data-student": st.id }, places.map((p) => h("option", { value: p.value, text: p.label })));
      sel.value = st.place ? `${st.place.table}/${st.place.delegation}` : "";
      sel.addEventListener("change", () => this.assign(st.id, sel.value));
      const chip = h("span", { class: "pill", draggable: "true", text: st.name, title: t("table:dashboard.drag") });
      chip.addEventListener("dragstart", (e) => e.dataTransfer?.setData("text/x-student", st.id));
      const remove = h("button", { class: "btn btn-small btn-quiet", type: "button", text: t("table:dashboard.removeStudent"), "aria-label": t("table:dashboard.removeStudentLabel", { name: st.name }), "data-remove-student": st.id });
      remove.addEventListener("click", () => void this.removeStudent(st.id, st.name));
      list.append(h("li", { class: "row", "data-student-row": st.id }, h("span", { class: "dot", style: st.connected ? "background: #6cc49a" : "", "aria-label": st.connected ? t("table:dashboard.connected") : t("table:dashboard.away") }), chip, sel, remove));
    }
    // The seating plan: drop a name on a seat.
    const plan = h("div", { class: "dash-grid", style: "margin-top: 14px" });
    for (let n = 1; n <= s.plannedTables; n++) {
      const seats = s.scenario.delegations.map((d) => {
        const who = s.students.filter((x) => x.place?.table === n && x.place.delegation === d.id).map((x) => x.name);
        const cell = h("li", { "data-seat": `${n}/${d.id}`, style: "border: 1px dashed var(--line); border-radius: 8px; padding: 6px 10px" }, h("strong", { text: this.delegationName(d.id) }), " — ", d.bot ? t("table:dashboard.bot") : who.length > 0 ? who.join(t("table:log.comma")) : h("span", { class: "muted", text: t("table:dashboard.emptySeat") }));
        if (!d.bot) {
          cell.addEventListener("dragover", (e) => e.preventDefault());
          cell.addEventListener("drop", (e) => {
            e.preventDefault();
            const id = e.dataTransfer?.getData("text/x-student");
            if (id) this.assign(id, `${n}/${d.id}`);
          });
        }
        return cell;
      });
      plan.append(h("div", null, h("h3", { text: t("table:dashboard.table", { table: n }) }), h("ul", { class: "table-list" }, seats)));
    }
    fill(
      this.studentsEl,
      h("h2", { id: "class-students-title", text: t("table:dashboard.students", { count: s.students.length }) }),
      h("div", { class: "actions" }, h("button", { class: "btn btn-primary", type: "button", id: "class-auto-assign", text: t("table:dashboard.autoAssign"), disabled: s.phase === "debrief", on: { click: () => void this.send("auto_assign", {}, t("table:dashboard.seated")) } })),
      s.students.length === 0 ? h("p", { class: "empty", text: t("table:dashboard.nobodyYet") }) : list,
      plan,
    );
  }

  // ---- the tables, live ----------------------------------------------------------------------

  /** The scenario in the reader's language (its translation put in place), once it has been read. */
  private get local(): PublicScenario | null {
    return this.scenario ? scenarioText(this.scenario) : null;
  }

  /** A delegation's name in the reader's language (the class's own English name until the scenario is read). */
  private delegationName(id: string): string {
    return this.local?.delegations.find((d) => d.id === id)?.name ?? this.s.scenario.delegations.find((d) => d.id === id)?.name ?? id;
  }

  /** The class's title: the scenario's in the reader's language, unless the facilitator gave it one of their own. */
  private classTitle(): string {
    return this.scenario && this.local && this.s.title === this.scenario.title ? this.local.title : this.s.title;
  }

  private tableCard(row: TableRow, code: string | undefined): HTMLElement {
    const offer = row.offer;
    const status =
      row.phase === "missing"
        ? t("table:dashboard.missingLong")
        : row.phase === "ended"
          ? row.agreement
            ? t("table:dashboard.dealReached")
            : t("table:dashboard.endedNoDeal")
          : row.phase === "waiting"
            ? t("table:dashboard.waitingStart")
            : t("table:dashboard.phaseRound", { phase: row.phase === "paused" ? t("table:dashboard.phasePaused") : t("table:dashboard.phaseRunning"), round: row.round, total: row.deadlineRounds });
    const table = row.table;
    return h(
      "div",
      { class: "card class-table-detail", "data-detail-table": String(table), style: "margin: 0" },
      h("div", { class: "row" }, h("h3", { text: t("table:dashboard.table", { table }), style: "margin: 0" }), h("button", { class: "btn btn-small", type: "button", "data-close-table": String(table), text: t("table:dashboard.closeCard"), on: { click: () => this.openRow(null) } })),
      h("p", null, h("span", { class: `pill ${row.phase === "ended" ? "ended" : ""}`, text: status }), row.turn && row.phase === "running" ? t("table:dashboard.toMove", { name: this.delegationName(row.turn) }) : ""),
      h(
        "div",
        { class: "table-scroll" },
        h(
          "table",
          { class: "seat-table" },
          h("thead", null, h("tr", null, h("th", { text: t("table:dashboard.delegation") }), h("th", { text: t("table:dashboard.playedBy") }), h("th", { text: t("table:dashboard.online") }), h("th", { text: t("table:dashboard.messages") }), h("th", { text: t("table:dashboard.offerValue") }), h("th", { text: t("table:dashboard.answer") }))),
          h(
            "tbody",
            null,
            row.delegations.map((d) =>
              h(
                "tr",
                { "data-delegation-row": d.id },
                h("td", { text: this.delegationName(d.id) }),
                h("td", { text: d.control === "bot" ? t("table:dashboard.bot") : d.students.join(t("table:log.comma")) || "—" }),
                h("td", { text: `${num(d.connected)}/${num(d.members)}` }),
                h("td", { text: num(d.messages) }),
                h("td", { text: d.value === null ? "—" : t("table:dashboard.pointsValue", { points: pts(d.value) }) }),
                h("td", { text: offer?.responses[d.id] === "accept" ? t("table:dashboard.accept") : offer?.responses[d.id] === "reject" ? t("table:dashboard.reject") : offer?.proposer === d.id ? t("table:dashboard.proposer") : "" }),
              ),
            ),
          ),
        ),
      ),
      offer
        ? h("div", null, h("p", { class: "small muted", text: t("table:dashboard.fromWho", { name: this.delegationName(offer.proposer) }) }), h("ul", { class: "pkg-list" }, Object.entries(offer.package).map(([issue, option]) => h("li", { text: t("table:dashboard.issueOption", this.local ? { issue: this.local.issues.find((i) => i.id === issue)?.title ?? issue, option: optionLabel(this.local, issue, option) } : { issue, option }) }))))
        : h("p", { class: "small muted", text: t("table:dashboard.nothingOnTable") }),
      row.firedInjects.length > 0 ? h("p", { class: "small", "data-injects": row.firedInjects.join(" "), text: t("table:dashboard.injectsFired", { titles: row.firedInjects.map((i) => this.s.scenario.injects.find((x) => x.id === i)?.title ?? i).join(t("table:log.comma")) }) }) : null,
      row.phase === "running" || row.phase === "paused"
        ? h(
            "div",
            { class: "actions" },
            h("button", { class: "btn btn-small", type: "button", text: row.phase === "paused" ? t("table:dashboard.resume") : t("table:dashboard.pause"), on: { click: () => void this.send(row.phase === "paused" ? "resume" : "pause", { table }) } }),
            h("button", { class: "btn btn-small", type: "button", text: t("table:dashboard.plusRound", { count: 1 }), on: { click: () => void this.send("extend", { rounds: 1, table }) } }),
            h("button", { class: "btn btn-small btn-danger", type: "button", "data-end-table": String(table), text: t("table:dashboard.endTable"), on: { click: () => void this.endTable(table) } }),
            this.s.scenario.injects.length > 0
              ? h("button", { class: "btn btn-small", type: "button", text: t("table:dashboard.fireHere"), on: { click: () => void this.send("inject", { injectId: this.header.querySelector<HTMLSelectElement>("#class-inject")?.value ?? "", table }, t("table:dashboard.firedHere", { table })) } })
              : null,
          )
        : null,
      row.matchId && code ? h("p", { class: "small" }, h("a", { href: "#", text: t("table:dashboard.watch"), on: { click: (e) => (e.preventDefault(), void this.watch(row.matchId, code)) } })) : null,
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
    if (rows.length === 0) {
      fill(this.tablesEl, h("h2", { id: "class-tables-title", text: t("table:dashboard.tables", { count: 0 }) }), h("p", { class: "empty", text: t("table:dashboard.tablesLater") }));
      return;
    }
    const now = Date.now() + this.conn.clockOffsetMs;
    const s = this.s;
    const classLeftMs = s.phase === "negotiation" && s.endsAt !== null && s.pausedLeftMs === null ? s.endsAt - now : null;
    const flagged = rows.map((r) => ({ row: r, flags: attention(r, now, classLeftMs, (id) => this.delegationName(id)) }));
    this.lastFlags = this.flagsKey();
    const sorted = sortRows(flagged, this.sortBy);
    const needing = flagged.filter((f) => f.flags.length > 0).length;
    const delegations = s.scenario.delegations;
    // The bar (title, count, sort menu) stays put between updates: an open menu is not closed under the pointer.
    if (!this.tablesEl.querySelector(".class-tables-bar")) {
      const sortSel = h("select", { id: "class-table-sort", "aria-label": t("table:dashboard.sortLabel") }, SORTS.map((o) => h("option", { value: o.id, text: t(o.key) })));
      sortSel.value = this.sortBy;
      sortSel.addEventListener("change", () => {
        this.sortBy = sortSel.value as SortId;
        this.renderTables();
      });
      fill(
        this.tablesEl,
        h("div", { class: "class-tables-bar" }, h("h2", { id: "class-tables-title" }), h("span", { id: "class-attention-count" }), h("label", { class: "small muted", for: "class-table-sort", text: t("table:dashboard.sort") }), sortSel),
        // Positioned, so the visually hidden headings inside are clipped with the rows too (else a wide table widens the page).
        h("div", { class: "class-rows-wrap", style: "position: relative" }),
      );
    }
    this.tablesEl.querySelector("#class-tables-title")!.textContent = t("table:dashboard.tables", { count: rows.length });
    const count = this.tablesEl.querySelector("#class-attention-count")!;
    count.className = needing > 0 ? "pill paused" : "pill running";
    count.textContent = needing > 0 ? t("table:dashboard.needAttention", { count: needing }) : t("table:dashboard.allFine");
    const head = h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", { scope: "col", text: t("table:dashboard.colTable") }),
        h("th", { scope: "col", text: t("table:dashboard.colPhase") }),
        h("th", { scope: "col", text: t("table:dashboard.colToMove") }),
        // Long names (a Bangla ministry's) wrap onto more lines rather than push the rows off the screen.
        delegations.map((d) => h("th", { scope: "col", class: "cr-delegation", title: t("table:dashboard.colDelegationHelp"), text: this.delegationName(d.id) })),
        h("th", { scope: "col", text: t("table:dashboard.colAttention") }),
        h("th", { scope: "col", class: "cr-open" }, h("span", { class: "visually-hidden", text: t("table:dashboard.open") })),
      ),
    );
    const body = h("tbody", null);
    for (const { row, flags } of sorted) {
      body.append(this.tableRowEl(row, flags));
      if (this.openTable === row.table) body.append(h("tr", { class: "class-row-detail" }, h("td", { colspan: String(delegations.length + 5) }, this.tableCard(row, dash?.codes[row.table]))));
    }
    // Keyboard focus survives the redraw: the same button in the new rows takes it back.
    const focused = document.activeElement instanceof HTMLElement && this.tablesEl.querySelector(".class-rows-wrap")?.contains(document.activeElement) ? focusKey(document.activeElement) : null;
    const wrap = this.tablesEl.querySelector<HTMLElement>(".class-rows-wrap")!;
    fill(wrap, h("table", { class: "class-rows", id: "class-table-rows" }, head, body));
    if (focused) wrap.querySelector<HTMLElement>(focused)?.focus();
  }

  /** One compact row: phase and round, whose move, each delegation (who, connection, value of the offer, messages), what needs attention. */
  private tableRowEl(row: TableRow, flags: Flag[]): HTMLElement {
    const offer = row.offer;
    const status =
      row.phase === "missing"
        ? t("table:dashboard.rowMissing")
        : row.phase === "ended"
          ? row.agreement
            ? t("table:dashboard.rowDeal")
            : t("table:dashboard.rowNoDeal")
          : row.phase === "waiting"
            ? t("table:dashboard.rowWaiting")
            : t(row.phase === "paused" ? "table:dashboard.rowPausedRound" : "table:dashboard.rowRound", { round: row.round, total: row.deadlineRounds });
    const open = this.openTable === row.table;
    const cells = this.s.scenario.delegations.map((sd) => {
      const d = row.delegations.find((x) => x.id === sd.id);
      if (!d) return h("td", { class: "muted", text: "—" });
      const bot = d.control === "bot";
      const state = bot ? "bot" : d.members === 0 ? "empty" : d.connected >= d.members ? "online" : d.connected > 0 ? "partial" : "offline";
      const comma = t("table:log.comma");
      const who = bot ? (d.students.length > 0 ? t("table:dashboard.botFor", { names: d.students.join(comma) }) : t("table:dashboard.bot")) : d.students.join(comma) || (d.members > 0 ? t("table:dashboard.atTable", { count: d.members }) : t("table:dashboard.noOne"));
      const response = offer?.responses[d.id];
      const answer = response === "accept" ? t("table:dashboard.accepts") : response === "reject" ? t("table:dashboard.rejects") : offer?.proposer === d.id ? t("table:dashboard.proposed") : "";
      const stateText = { online: t("table:dashboard.stateOnline"), partial: t("table:dashboard.partial", { connected: d.connected, total: d.members }), offline: t("table:dashboard.stateOffline"), empty: t("table:dashboard.stateEmpty"), bot: t("table:dashboard.stateBot") }[state];
      return h(
        "td",
        { "data-delegation-cell": d.id, "data-connection": state },
        // On a phone the row is a card and the headings are gone: each cell names its delegation.
        h("span", { class: "cr-label", text: this.delegationName(d.id) }),
        h("div", { class: "cr-who" }, h("span", { class: `cr-dot cr-${state}`, title: stateText, "aria-label": stateText }), h("span", { class: "cr-name", title: who, text: who })),
        h(
          "div",
          { class: "cr-facts" },
          h("span", { "data-value": d.id, title: t("table:dashboard.valueHelp"), text: d.value === null ? t("table:dashboard.noValue") : t("table:dashboard.valuePts", { points: pts(d.value) }) }),
          h("span", { "data-messages": d.id, title: t("table:dashboard.messagesSent"), text: `✉ ${num(d.messages)}` }),
          answer ? h("span", { class: response === "accept" ? "cr-yes" : response === "reject" ? "cr-no" : "", text: answer }) : null,
        ),
      );
    });
    return h(
      "tr",
      { "data-table": String(row.table), "data-match-id": row.matchId, "data-attention": flags.map((f) => f.kind).join(" "), ...(row.firedInjects.length > 0 ? { "data-injects": row.firedInjects.join(" ") } : {}), class: flags.length > 0 ? "cr-flagged" : "" },
      h("th", { scope: "row", text: t("table:dashboard.table", { table: row.table }) }),
      h("td", null, h("span", { class: `pill ${row.phase === "ended" ? "ended" : row.phase === "paused" ? "paused" : row.phase === "running" ? "running" : ""}`, "data-table-phase": row.phase, text: status })),
      h("td", { class: "cr-turn" }, h("span", { class: "cr-label", text: t("table:dashboard.colToMove") }), h("span", { text: row.turn && row.phase === "running" ? `${this.delegationName(row.turn)}${row.stage === "voting" ? t("table:dashboard.vote") : ""}` : "—" })),
      cells,
      h("td", { class: "cr-flags" }, flags.length === 0 ? h("span", { class: "muted", text: "—" }) : flags.map((f) => h("span", { class: `cr-flag cr-flag-${f.kind}`, "data-flag": f.kind, text: f.label }))),
      // The open button's column stays in view at the right edge even if the rows must scroll sideways.
      h("td", { class: "cr-open" }, h("button", { class: "btn btn-small", type: "button", "data-open-table": String(row.table), "aria-expanded": String(open), text: open ? t("table:dashboard.closeCard") : t("table:dashboard.open"), on: { click: () => this.openRow(open ? null : row.table) } })),
    );
  }

  private openRow(table: number | null): void {
    this.openTable = table;
    this.renderTables();
    if (table !== null) this.tablesEl.querySelector(`[data-detail-table="${table}"]`)?.scrollIntoView({ block: "nearest" });
  }

  // ---- scorecard ---------------------------------------------------------------------------

  private renderScores(): void {
    const s = this.s;
    const scores = this.conn.dashboard?.scores ?? {};
    const key = JSON.stringify([scores, s.tables, s.criteria]);
    if (key === this.lastScores) return;
    this.lastScores = key;
    if (s.tables === 0) {
      fill(this.scoresEl, h("h2", { id: "class-scores-title", text: t("table:dashboard.scorecard") }), h("p", { class: "empty", text: t("table:dashboard.scorecardLater") }));
      return;
    }
    const tables: HTMLElement[] = [];
    for (let n = 1; n <= s.tables; n++) {
      const rows = s.scenario.delegations.map((d) =>
        h(
          "tr",
          null,
          h("th", { scope: "row", text: this.delegationName(d.id) }),
          s.criteria.map((c) => {
            const sel = h("select", { "aria-label": t("table:dashboard.scoreLabel", { table: n, name: this.delegationName(d.id), criterion: criterionText(c).label }), "data-score": scoreKey(n, d.id, c.id) }, h("option", { value: "", text: "–" }), Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => h("option", { value: String(SCORE_MIN + i), text: num(SCORE_MIN + i) })));
            sel.value = String(scores[scoreKey(n, d.id, c.id)] ?? "");
            sel.addEventListener("change", () => void this.send("score", { table: n, delegation: d.id, criterion: c.id, score: sel.value ? Number(sel.value) : null }));
            return h("td", null, sel);
          }),
        ),
      );
      tables.push(h("div", null, h("h3", { text: t("table:dashboard.table", { table: n }) }), h("div", { class: "table-scroll" }, h("table", { class: "seat-table" }, h("thead", null, h("tr", null, h("th", { text: t("table:dashboard.delegation") }), s.criteria.map((c) => h("th", { text: criterionText(c).label, title: criterionText(c).description })))), h("tbody", null, rows)))));
    }
    fill(this.scoresEl, h("h2", { id: "class-scores-title", text: t("table:dashboard.scorecardTitle", { min: SCORE_MIN, max: SCORE_MAX }) }), tables);
  }

  // ---- class debrief -------------------------------------------------------------------------

  private renderDebrief(): void {
    const s = this.s;
    if (s.phase !== "debrief") {
      fill(this.debriefEl, h("h2", { id: "class-debrief-title", text: t("table:dashboard.debrief") }), h("p", { class: "empty", text: t("table:dashboard.debriefLater") }));
      this.debriefShown = null;
      return;
    }
    const ended = (this.conn.dashboard?.rows ?? []).filter((r) => r.phase === "ended").map((r) => r.matchId);
    const key = ended.join(",");
    if (key === this.debriefShown) return;
    this.debriefShown = key;
    // The chart already drawn stays while the records are read again.
    if (!this.debriefEl.querySelector("svg")) fill(this.debriefEl, h("h2", { id: "class-debrief-title", text: t("table:dashboard.debrief") }), h("p", { class: "muted", text: t("table:dashboard.loading") }));
    void import("./class-debrief.ts")
      .then((m) => m.renderClassDebrief(this.debriefEl, s, this.conn.facilitatorToken))
      .then((pending) => {
        // A table that has just ended may not have its reveal stored yet: read the records again in a moment.
        if (pending.length > 0 && !this.d.disposed && this.debriefShown === key) {
          const retry = window.setTimeout(() => {
            if (this.debriefShown !== key) return;
            this.debriefShown = null;
            this.renderDebrief();
          }, 2000);
          this.d.add(() => window.clearTimeout(retry));
        }
      })
      .catch((e: unknown) => fill(this.debriefEl, h("h2", { id: "class-debrief-title", text: t("table:dashboard.debrief") }), h("p", { class: "error-text", text: (e as Error).message })));
  }
}
