// The facilitator's controls for one table: phase, round and who is connected; start, pause,
// resume, extend, fire an inject, end; swap a bot in or out for any delegation.
import type { BotChoice } from "../../shared/protocol/index.ts";
import { api } from "../net/api.ts";
import type { Result, TableConnection } from "../net/connection.ts";
import type { TableView } from "../net/view.ts";
import { locale, t } from "../i18n.ts";
import { announce, confirmDialog, Disposer, fill, h, newId } from "../ui/dom.ts";
import { strategyLabel } from "../ui/format.ts";
import { injectTitles } from "../scenario-text.ts";

const PHASE_KEYS = {
  waiting: "table:facilitator.phaseWaiting",
  running: "table:facilitator.phaseRunning",
  paused: "table:facilitator.phasePaused",
  ended: "table:facilitator.phaseEnded",
} as const;

function phaseName(phase: string): string {
  const key = PHASE_KEYS[phase as keyof typeof PHASE_KEYS];
  return key ? t(key) : phase;
}

export class FacilitatorPanel {
  readonly el = h("div", { class: "fac-grid" });
  private d = new Disposer();
  private head = h("div", { class: "fac-block" });
  private controls = h("div", { class: "fac-block" });
  private injects = h("div", { class: "fac-block" });
  private seats = h("div", { class: "fac-block" });
  private busy = false;
  private key = "";

  constructor(private conn: TableConnection) {
    this.el.append(this.head, this.controls, this.injects, this.seats);
    this.render();
    this.d.add(conn.events.on("table", () => this.render()));
    this.d.add(conn.events.on("seat", () => this.render(true)));
  }

  dispose(): void {
    this.d.dispose();
  }

  private async run(label: string, fn: () => Promise<Result>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.key = "";
    this.render();
    const result = await fn();
    this.busy = false;
    this.key = "";
    this.render();
    // Not once the table has ended: the debrief takes over, with nothing stale left to read.
    if (result.ok && this.conn.view?.phase !== "ended") announce(t("table:facilitator.done", { label }));
  }

  private button(label: string, cls: string, id: string, fn: () => Promise<Result>, confirm?: [string, string]): HTMLButtonElement {
    const b = h("button", { class: `btn btn-small ${cls}`, type: "button", id, text: label, disabled: this.busy });
    b.addEventListener("click", async () => {
      if (confirm && !(await confirmDialog(confirm[0], confirm[1], label, true))) return;
      void this.run(label, fn);
    });
    return b;
  }

  private render(force = false): void {
    const view = this.conn.view;
    if (!view) return;
    const key = JSON.stringify([locale(), view.phase, view.round, view.deadlineRounds, view.delegations, view.observers, this.conn.seat?.injects, this.busy]);
    if (key === this.key && !force) return;
    this.key = key;
    this.renderHead(view);
    this.renderControls(view);
    this.renderInjects(view);
    this.renderSeats(view);
  }

  private renderHead(view: TableView): void {
    const code = this.conn.joinCode;
    const peopleSeats = view.delegations.filter((d) => d.control === "people");
    const connected = peopleSeats.filter((d) => d.connected > 0).length;
    fill(
      this.head,
      h("h3", { text: t("table:facilitator.table") }),
      h(
        "div",
        { class: "row" },
        h("span", { class: `pill ${view.phase}`, id: "fac-phase", text: phaseName(view.phase) }),
        h("span", { class: "muted", text: view.round > 0 ? t("table:facilitator.roundOf", { round: view.round, total: view.deadlineRounds }) : t("table:facilitator.rounds", { count: view.deadlineRounds }) }),
        h("span", { class: "muted", text: t("table:facilitator.connected", { connected, total: peopleSeats.length, watching: view.observers }) }),
      ),
      code
        ? h("p", { style: "margin-top: 10px" }, h("span", { class: "muted", text: t("table:facilitator.joinCode") }), h("span", { class: "code code-big", id: "fac-join-code", text: formatCode(code) }))
        : null,
      h("p", { class: "small dim", text: t("table:facilitator.joinHelp") }),
      // The teacher's materials (client/screens/projector.ts, materials.ts).
      h("p", { class: "teacher-links" }, code ? h("a", { class: "btn btn-small", id: "fac-projector", href: `#/projector/table/${encodeURIComponent(code)}`, text: t("table:facilitator.projector") }) : null, h("a", { class: "btn btn-small", id: "fac-notes", href: `#/notes/table/${this.conn.matchId}`, text: t("table:facilitator.notes") }), h("a", { class: "btn btn-small", id: "fac-print", href: `#/print/table/${this.conn.matchId}`, text: t("table:facilitator.print") })),
    );
  }

  private renderControls(view: TableView): void {
    const c = this.conn;
    const row = h("div", { class: "fac-controls" });
    if (view.phase === "waiting") row.append(this.button(t("table:facilitator.start"), "btn-primary", "fac-start", () => c.start()));
    if (view.phase === "running") row.append(this.button(t("table:facilitator.pause"), "", "fac-pause", () => c.pause()));
    if (view.phase === "paused") row.append(this.button(t("table:facilitator.resume"), "btn-primary", "fac-resume", () => c.resume()));
    if (view.phase !== "ended") {
      row.append(
        this.button(t("table:facilitator.extend", { count: 1 }), "", "fac-extend-1", () => c.extend(1)),
        this.button(t("table:facilitator.extend", { count: 2 }), "", "fac-extend-2", () => c.extend(2)),
      );
      if (view.phase === "running") row.append(this.button(t("table:facilitator.skip"), "btn-quiet", "fac-timeout", () => c.forceTimeout()));
      row.append(
        this.button(t("table:facilitator.end"), "btn-danger", "fac-end", () => c.end(), [t("table:facilitator.endTitle"), t("table:facilitator.endText")]),
      );
    }
    fill(
      this.controls,
      h("h3", { text: t("table:facilitator.controls") }),
      row.childElementCount ? row : h("p", { class: "empty", text: t("table:facilitator.over") }),
      h(
        "p",
        { class: "small", style: "margin-top: 10px" },
        t("table:facilitator.transcript"),
        h("a", { href: api.transcriptUrl(c.matchId, "md"), download: "", text: t("table:facilitator.markdown") }),
        " · ",
        h("a", { href: api.transcriptUrl(c.matchId, "csv"), download: "", text: t("table:facilitator.csv") }),
        " · ",
        h("a", { href: api.transcriptUrl(c.matchId, "json"), download: "", text: t("table:facilitator.json") }),
      ),
    );
  }

  private renderInjects(view: TableView): void {
    const injects = injectTitles(this.conn.seat?.injects ?? [], this.conn.seat);
    // After the end there is nothing to fire: the block goes.
    if (injects.length === 0 || view.phase === "ended") {
      fill(this.injects);
      return;
    }
    const id = newId("inject");
    const select = h("select", { id });
    for (const i of injects) {
      const when = i.trigger === "facilitator" ? t("table:facilitator.onSignal") : t("table:facilitator.scheduled", { round: i.trigger.round });
      select.append(h("option", { value: i.id, disabled: i.fired, text: t("table:facilitator.injectOption", { title: i.title, when: i.fired ? t("table:facilitator.alreadyFired") : when }) }));
    }
    const firstOpen = injects.find((i) => !i.fired && i.trigger === "facilitator") ?? injects.find((i) => !i.fired);
    if (firstOpen) select.value = firstOpen.id;
    const canFire = (view.phase === "running" || view.phase === "paused") && injects.some((i) => !i.fired);
    const fire = h("button", { class: "btn btn-small btn-primary", type: "button", id: "fac-fire", text: t("table:facilitator.fire"), disabled: this.busy || !canFire });
    fire.addEventListener("click", () => {
      const chosen = injects.find((i) => i.id === select.value);
      if (!chosen || chosen.fired) return;
      void this.run(t("table:facilitator.fired", { title: chosen.title }), () => this.conn.fireInject(chosen.id));
    });
    fill(
      this.injects,
      h("h3", { text: t("table:facilitator.injects") }),
      h("div", { class: "field" }, h("label", { for: id, text: t("table:facilitator.inject") }), select),
      fire,
      h("p", { class: "small dim", text: t("table:facilitator.injectHelp") }),
    );
  }

  private renderSeats(view: TableView): void {
    const table = h("table", { class: "seat-table" });
    table.append(h("thead", null, h("tr", null, h("th", { scope: "col", text: t("table:facilitator.delegation") }), h("th", { scope: "col", text: t("table:facilitator.playedBy") }), h("th", { scope: "col", text: t("table:facilitator.swap") }))));
    const body = h("tbody");
    const ended = view.phase === "ended";
    for (const d of view.delegations) {
      const people = d.people.length
        ? h(
            "div",
            { class: "small" },
            d.people.map((p) => h("div", null, h("span", { class: `dot ${p.status}`, "aria-hidden": "true" }), h("span", { class: "fac-person", text: `${p.name} ` }), h("span", { class: "dim", text: p.status === "connected" ? t("table:facilitator.connectedStatus") : p.status === "reconnecting" ? t("table:facilitator.reconnecting") : t("table:facilitator.away") }))),
          )
        : h("div", { class: "small dim", text: t("table:facilitator.nobody") });
      const playedBy =
        d.control === "bot" ? h("div", null, h("span", { class: "dot bot", "aria-hidden": "true" }), t("table:facilitator.bot", { strategy: strategyLabel(d.strategy) }), d.people.length ? people : null) : h("div", null, t("table:facilitator.people", { connected: d.connected, max: d.maxMembers }), people);
      const swap = h("div", { class: "row", style: "gap: 6px" });
      if (!ended) {
        if (d.control === "people") {
          const sel = h("select", { "aria-label": t("table:facilitator.strategyFor", { name: d.name }), style: "min-height: 34px; padding: 4px 30px 4px 8px; width: auto" });
          for (const s of ["easy", "medium", "hard"]) sel.append(h("option", { value: s, text: strategyLabel(s) }));
          const b = h("button", { class: "btn btn-small", type: "button", text: t("table:facilitator.swapIn"), "aria-label": t("table:facilitator.swapInFor", { name: d.name }), "data-swap": d.id, disabled: this.busy });
          b.addEventListener("click", () => void this.run(t("table:facilitator.botFor", { name: d.name }), () => this.conn.setControl(d.id, "bot", sel.value as BotChoice)));
          swap.append(sel, b);
        } else {
          const b = h("button", { class: "btn btn-small", type: "button", text: t("table:facilitator.handBack"), "aria-label": t("table:facilitator.handBackFor", { name: d.name }), "data-swap": d.id, disabled: this.busy });
          b.addEventListener("click", () => void this.run(t("table:facilitator.toPeople", { name: d.name }), () => this.conn.setControl(d.id, "people")));
          swap.append(b);
        }
      }
      body.append(h("tr", null, h("th", { scope: "row", class: "fac-name", text: d.name }), h("td", { class: "fac-played" }, playedBy), h("td", null, swap)));
    }
    table.append(body);
    fill(this.seats, h("h3", { text: t("table:facilitator.seats") }), table);
  }
}

function formatCode(code: string): string {
  const c = code.replace(/[\s-]/g, "").toUpperCase();
  return c.length === 8 ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
}

