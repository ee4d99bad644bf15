// The facilitator's controls for one table: phase, round and who is connected; start, pause,
// resume, extend, fire an inject, end; swap a bot in or out for any delegation.
import type { BotChoice } from "../../shared/protocol/index.ts";
import { api } from "../net/api.ts";
import type { Result, TableConnection } from "../net/connection.ts";
import type { TableView } from "../net/view.ts";
import { announce, confirmDialog, Disposer, fill, h, newId } from "../ui/dom.ts";
import { strategyLabel } from "../ui/format.ts";

const PHASE_LABEL: Record<string, string> = { waiting: "Waiting to start", running: "Running", paused: "Paused", ended: "Ended" };

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
    if (result.ok && this.conn.view?.phase !== "ended") announce(`${label}: done.`);
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
    const key = JSON.stringify([view.phase, view.round, view.deadlineRounds, view.delegations, view.observers, this.conn.seat?.injects, this.busy]);
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
      h("h3", { text: "Table" }),
      h(
        "div",
        { class: "row" },
        h("span", { class: `pill ${view.phase}`, id: "fac-phase", text: PHASE_LABEL[view.phase] ?? view.phase }),
        h("span", { class: "muted", text: view.round > 0 ? `Round ${view.round} of ${view.deadlineRounds}` : `${view.deadlineRounds} rounds` }),
        h("span", { class: "muted", text: `${connected} of ${peopleSeats.length} people's seats connected · ${view.observers} watching` }),
      ),
      code
        ? h("p", { style: "margin-top: 10px" }, h("span", { class: "muted", text: "Join code " }), h("span", { class: "code code-big", id: "fac-join-code", text: formatCode(code) }))
        : null,
      h("p", { class: "small dim", text: "Players open this site, choose “Join with a code”, and take their delegation's seat." }),
      // The teacher's materials (client/screens/projector.ts, materials.ts).
      h("p", { class: "teacher-links" }, code ? h("a", { class: "btn btn-small", id: "fac-projector", href: `#/projector/table/${encodeURIComponent(code)}`, text: "Show on the projector" }) : null, h("a", { class: "btn btn-small", id: "fac-notes", href: `#/notes/table/${this.conn.matchId}`, text: "Teaching notes" }), h("a", { class: "btn btn-small", id: "fac-print", href: `#/print/table/${this.conn.matchId}`, text: "Printable briefs" })),
    );
  }

  private renderControls(view: TableView): void {
    const c = this.conn;
    const row = h("div", { class: "fac-controls" });
    if (view.phase === "waiting") row.append(this.button("Start now", "btn-primary", "fac-start", () => c.start()));
    if (view.phase === "running") row.append(this.button("Pause", "", "fac-pause", () => c.pause()));
    if (view.phase === "paused") row.append(this.button("Resume", "btn-primary", "fac-resume", () => c.resume()));
    if (view.phase !== "ended") {
      row.append(
        this.button("+1 round", "", "fac-extend-1", () => c.extend(1)),
        this.button("+2 rounds", "", "fac-extend-2", () => c.extend(2)),
      );
      if (view.phase === "running") row.append(this.button("Skip the turn", "btn-quiet", "fac-timeout", () => c.forceTimeout()));
      row.append(
        this.button("End the negotiation", "btn-danger", "fac-end", () => c.end(), ["End the negotiation now?", "The table closes with no agreement and the debrief opens for everyone."]),
      );
    }
    fill(
      this.controls,
      h("h3", { text: "Controls" }),
      row.childElementCount ? row : h("p", { class: "empty", text: "The negotiation is over. Download the transcript below." }),
      h(
        "p",
        { class: "small", style: "margin-top: 10px" },
        "Transcript: ",
        h("a", { href: api.transcriptUrl(c.matchId, "md"), download: "", text: "Markdown" }),
        " · ",
        h("a", { href: api.transcriptUrl(c.matchId, "csv"), download: "", text: "CSV" }),
        " · ",
        h("a", { href: api.transcriptUrl(c.matchId, "json"), download: "", text: "JSON" }),
      ),
    );
  }

  private renderInjects(view: TableView): void {
    const injects = this.conn.seat?.injects ?? [];
    // After the end there is nothing to fire: the block goes.
    if (injects.length === 0 || view.phase === "ended") {
      fill(this.injects);
      return;
    }
    const id = newId("inject");
    const select = h("select", { id });
    for (const i of injects) {
      const when = i.trigger === "facilitator" ? "on your signal" : `scheduled for round ${i.trigger.round}`;
      select.append(h("option", { value: i.id, disabled: i.fired, text: `${i.title} — ${i.fired ? "already fired" : when}` }));
    }
    const firstOpen = injects.find((i) => !i.fired && i.trigger === "facilitator") ?? injects.find((i) => !i.fired);
    if (firstOpen) select.value = firstOpen.id;
    const canFire = (view.phase === "running" || view.phase === "paused") && injects.some((i) => !i.fired);
    const fire = h("button", { class: "btn btn-small btn-primary", type: "button", id: "fac-fire", text: "Fire inject", disabled: this.busy || !canFire });
    fire.addEventListener("click", () => {
      const chosen = injects.find((i) => i.id === select.value);
      if (!chosen || chosen.fired) return;
      void this.run(`Inject “${chosen.title}”`, () => this.conn.fireInject(chosen.id));
    });
    fill(
      this.injects,
      h("h3", { text: "News injects" }),
      h("div", { class: "field" }, h("label", { for: id, text: "Inject" }), select),
      fire,
      h("p", { class: "small dim", text: "Everyone reads the news at once; a delegation whose position it changes gets a private note." }),
    );
  }

  private renderSeats(view: TableView): void {
    const table = h("table", { class: "seat-table" });
    table.append(h("thead", null, h("tr", null, h("th", { scope: "col", text: "Delegation" }), h("th", { scope: "col", text: "Played by" }), h("th", { scope: "col", text: "Swap" }))));
    const body = h("tbody");
    const ended = view.phase === "ended";
    for (const d of view.delegations) {
      const people = d.people.length
        ? h(
            "div",
            { class: "small" },
            d.people.map((p) => h("div", null, h("span", { class: `dot ${p.status}`, "aria-hidden": "true" }), h("span", { class: "fac-person", text: `${p.name} ` }), h("span", { class: "dim", text: p.status === "connected" ? "connected" : p.status === "reconnecting" ? "reconnecting…" : "away" }))),
          )
        : h("div", { class: "small dim", text: "nobody seated yet" });
      const playedBy =
        d.control === "bot" ? h("div", null, h("span", { class: "dot bot", "aria-hidden": "true" }), `Bot · ${strategyLabel(d.strategy)}`, d.people.length ? people : null) : h("div", null, `People (${d.connected}/${d.maxMembers})`, people);
      const swap = h("div", { class: "row", style: "gap: 6px" });
      if (!ended) {
        if (d.control === "people") {
          const sel = h("select", { "aria-label": `Bot strategy for ${d.name}`, style: "min-height: 34px; padding: 4px 30px 4px 8px; width: auto" });
          for (const s of ["easy", "medium", "hard"]) sel.append(h("option", { value: s, text: strategyLabel(s) }));
          const b = h("button", { class: "btn btn-small", type: "button", text: "Swap in a bot", "aria-label": `Swap in a bot for ${d.name}`, "data-swap": d.id, disabled: this.busy });
          b.addEventListener("click", () => void this.run(`Bot for ${d.name}`, () => this.conn.setControl(d.id, "bot", sel.value as BotChoice)));
          swap.append(sel, b);
        } else {
          const b = h("button", { class: "btn btn-small", type: "button", text: "Hand to people", "aria-label": `Hand ${d.name} back to people`, "data-swap": d.id, disabled: this.busy });
          b.addEventListener("click", () => void this.run(`${d.name} to people`, () => this.conn.setControl(d.id, "people")));
          swap.append(b);
        }
      }
      body.append(h("tr", null, h("th", { scope: "row", class: "fac-name", text: d.name }), h("td", { class: "fac-played" }, playedBy), h("td", null, swap)));
    }
    table.append(body);
    fill(this.seats, h("h3", { text: "Seats" }), table);
  }
}

function formatCode(code: string): string {
  const c = code.replace(/[\s-]/g, "").toUpperCase();
  return c.length === 8 ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
}

