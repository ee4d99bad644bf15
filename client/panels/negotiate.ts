// The negotiating panel: what is on the table and what it is worth to you, the moves you may make
// now (a button exists only when the move is legal), and the proposal builder with the live
// utility of your draft.
import type { TableConnection, Result } from "../net/connection.ts";
import { isSolo, legalMoves, waitingFor, type LegalMoves } from "../net/legal.ts";
import { delegationName, type Package, type TableView } from "../net/view.ts";
import { announce, confirmDialog, Disposer, fill, h, newId } from "../ui/dom.ts";
import { pts } from "../ui/format.ts";
import { bestPackage, crossesRedLine, meter, optionLabel, packageList, utilityOf, withoutRedLines } from "../ui/package.ts";

export class NegotiatePanel {
  readonly el = h("div", { class: "negotiate" });
  private d = new Disposer();
  private moveBox = h("section", { class: "move-box", "aria-labelledby": newId("mb") });
  private builderHost = h("section", { class: "builder", "aria-label": "Proposal builder" });
  private draft: Package = {};
  private draftTouched = false;
  private legalKey = "";
  private pending = false;
  private lastOfferKey = "";
  /** The package last drawn in the move box ("" before the first): a new one is briefly highlighted. */
  private drawnPackage: string | null = null;
  private glowKey: string | null = null;
  private summary = h("div", { class: "draft-summary", "aria-live": "polite" });
  private submitHost = h("div", { class: "actions" });
  private radios = new Map<string, HTMLInputElement[]>();

  constructor(private conn: TableConnection) {
    this.el.append(this.moveBox, this.builderHost);
    this.buildBuilder();
    this.update();
    this.d.add(conn.events.on("table", () => this.update()));
    this.d.add(conn.events.on("seat", () => this.update(true)));
  }

  dispose(): void {
    this.d.dispose();
  }

  private get me(): string | null {
    return this.conn.delegation;
  }

  private profile() {
    return this.conn.seat?.me?.profile ?? null;
  }

  private update(profileChanged = false): void {
    const view = this.conn.view;
    if (!view) return;
    const legal = legalMoves(view, this.me, this.profile());
    const offerKey = view.offer ? `${view.offer.proposer}:${view.offer.round}:${JSON.stringify(view.offer.package)}:${JSON.stringify(view.offer.responses)}` : "none";
    const key = `${view.phase}|${view.stage}|${view.turn}|${offerKey}|${JSON.stringify(legal)}|${this.pending}`;
    if (key !== this.legalKey || profileChanged) {
      this.legalKey = key;
      this.renderMoveBox(view, legal);
    }
    if (offerKey !== this.lastOfferKey) {
      this.lastOfferKey = offerKey;
      // A fresh offer from someone else becomes the starting point of the next draft, unless one is being edited.
      const profile = this.profile();
      if (view.offer && profile && view.offer.proposer !== this.me && !this.draftTouched) this.setDraft(withoutRedLines(this.conn.scenario!, profile, view.offer.package), false);
      this.markOnTable(view);
    }
    if (profileChanged) this.buildBuilder();
    this.renderSummary(legal);
  }

  // ---- the move box -------------------------------------------------------------------------

  private renderMoveBox(view: TableView, legal: LegalMoves): void {
    const me = this.me;
    const scenario = this.conn.scenario!;
    const profile = this.profile();
    const titleId = this.moveBox.getAttribute("aria-labelledby")!;
    const heading = h("h3", { id: titleId });
    const status = h("p", { class: "status-line" });
    const buttons = h("div", { class: "actions", role: "group", "aria-label": "Your moves" });
    this.moveBox.classList.toggle("your-turn", legal.toMove);
    const waiting = waitingFor(view);
    const offer = view.offer;

    const solo = isSolo(view, me, this.conn.isFacilitator);
    if (view.phase === "waiting" && solo) {
      heading.textContent = "The clock starts when you are ready";
      status.textContent = "Read your brief as long as you like; the first turn begins when you start the negotiation.";
    } else if (view.phase === "waiting") {
      heading.textContent = "Waiting for the start";
      status.textContent = "The negotiation begins when every delegation played by people has taken its seat.";
    } else if (view.phase === "paused") {
      heading.textContent = solo ? "Paused" : "Paused by the facilitator";
      status.textContent = solo
        ? "The clock is stopped. Resume when you are ready to go on."
        : "Moves are on hold and the clock is stopped until the facilitator resumes; you can still talk.";
    } else if (view.phase === "ended") {
      heading.textContent = "The negotiation has ended";
      status.textContent = "See the debrief for the outcome and what was left on the table.";
    } else if (!me) {
      heading.textContent = waiting.length ? `Waiting for ${waiting.map((id) => delegationName(view, id)).join(", ")}` : "In progress";
      status.textContent = `Round ${view.round} of ${view.deadlineRounds}.`;
    } else if (view.delegations.find((d) => d.id === me)?.control === "bot") {
      heading.textContent = "A bot is playing your delegation";
      status.textContent = "The facilitator can hand your seat back to you.";
    } else if (legal.toMove) {
      heading.textContent = "Your move";
      if (legal.vote) status.textContent = `${delegationName(view, offer?.proposer)} has tabled a package. Vote to accept or reject it.`;
      else if (legal.accept) status.textContent = `${delegationName(view, offer?.proposer)} offers the package below. Accept it, reject it, or build a counter-proposal.`;
      else if (offer && offer.proposer !== me && legal.counter) {
        // Their offer is on the table but Accept is not offered: say why.
        const crossed = profile ? crossesRedLine(profile, offer.package) : [];
        const lines = crossed.map((l) => `${scenario.issues.find((i) => i.id === l.issue)?.title ?? l.issue} (${optionLabel(scenario, l.issue, l.option)})`).join(", ");
        status.textContent = `${delegationName(view, offer.proposer)} offers the package below, but it crosses your red line${crossed.length > 1 ? "s" : ""}${lines ? ` on ${lines}` : ""}, so you cannot accept it. Counter with a package that respects your red lines, reject it, pass, or walk away.`;
        status.id = "move-why-no-accept";
      }
      else if (view.protocol === "multilateral") status.textContent = "You propose this round: table a package for everyone to vote on, or pass.";
      else status.textContent = offer ? "Your own offer is on the table. You may replace it, pass, or walk away." : "Make an opening proposal with the builder below, or pass.";
    } else {
      heading.textContent = waiting.length ? `Waiting for ${waiting.map((id) => delegationName(view, id)).join(", ")}` : "Waiting";
      status.textContent =
        view.protocol === "multilateral" && view.stage === "voting" && offer?.responses[me]
          ? `You voted to ${offer.responses[me]} this package.`
          : "You can talk and prepare your next proposal meanwhile.";
    }

    const act = (label: string, cls: string, id: string, run: () => Promise<Result>, confirm?: [string, string], danger = true) => {
      const b = h("button", { class: `btn ${cls}`, type: "button", id, text: label, disabled: this.pending });
      b.addEventListener("click", async () => {
        if (confirm && !(await confirmDialog(confirm[0], confirm[1], label, danger))) return;
        this.pending = true;
        this.legalKey = "";
        this.update();
        const result = await run();
        this.pending = false;
        this.legalKey = "";
        // Once the negotiation has ended the debrief speaks for itself: no stale "done" is left behind.
        if (result.ok) {
          this.draftTouched = false;
          if (this.conn.view?.phase !== "ended") announce(`${label}: done.`);
        }
        this.update();
      });
      buttons.append(b);
    };
    // Signing below your walk-away point is allowed, but worth a second thought.
    const below: [string, string] | undefined =
      profile && offer && utilityOf(profile, offer.package) < profile.reservationValue
        ? ["Accept a package below your walk-away point?", `It is worth ${pts(utilityOf(profile, offer.package))} to you; walking away is worth ${pts(profile.reservationValue)}.`]
        : undefined;
    if (view.phase === "waiting" && solo && this.conn.isFacilitator) act("I'm ready: start the negotiation", "btn-primary", "move-start", () => this.conn.start());
    if (legal.accept) act("Accept", "btn-accept", "move-accept", () => this.conn.accept(), below, false);
    if (legal.vote) {
      if (legal.voteAccept) act("Vote to accept", "btn-accept", "move-vote-accept", () => this.conn.vote(true), below, false);
      act("Vote to reject", "btn-danger", "move-vote-reject", () => this.conn.vote(false));
    }
    if (legal.reject) act("Reject", "btn-danger", "move-reject", () => this.conn.reject());
    if (legal.pass) act("Pass", "btn-quiet", "move-pass", () => this.conn.pass());
    if (legal.walkAway)
      act("Walk away", "btn-danger", "move-walk-away", () => this.conn.walkAway(), [
        "Walk away from the table?",
        "The negotiation ends at once with no agreement: every delegation gets its walk-away value.",
      ]);

    const offerBlock = offer
      ? h(
          "div",
          { class: "offer-block" },
          h("h4", { text: `On the table: the package from ${delegationName(view, offer.proposer)} (round ${offer.round})` }),
          profile
            ? h(
                "div",
                null,
                h("div", { class: "row" }, h("span", { class: "big-number", text: pts(utilityOf(profile, offer.package)) }), h("span", { class: "muted", text: "points for you" }), verdict(utilityOf(profile, offer.package), profile.reservationValue)),
                meter(utilityOf(profile, offer.package), profile.reservationValue, "Your value of the package on the table"),
                crossesRedLine(profile, offer.package).length ? h("p", { class: "error-text small", text: "This package crosses one of your red lines: you cannot accept it." }) : null,
              )
            : null,
          h("details", { open: !profile }, h("summary", { text: "The package, issue by issue" }), packageList(scenario, offer.package, "Package on the table")),
        )
      : view.phase === "running"
        ? h("p", { class: "muted small", text: "No package is on the table." })
        : null;

    const pkgKey = offer ? `${offer.proposer}:${JSON.stringify(offer.package)}` : "";
    if (this.drawnPackage !== null && pkgKey !== this.drawnPackage) this.glowKey = pkgKey;
    this.drawnPackage = pkgKey;
    if (offerBlock && offer && pkgKey === this.glowKey) {
      // Kept through re-renders of the same package until the glow has played once.
      offerBlock.classList.add("offer-changed");
      offerBlock.addEventListener("animationend", () => (this.glowKey = null), { once: true });
    }
    fill(this.moveBox, heading, status, buttons.childElementCount ? buttons : null, offerBlock);
  }

  // ---- the builder --------------------------------------------------------------------------

  private buildBuilder(): void {
    const scenario = this.conn.scenario!;
    const profile = this.profile();
    this.radios.clear();
    if (!this.me || !profile) {
      fill(this.builderHost);
      return;
    }
    if (Object.keys(this.draft).length === 0) {
      const offer = this.conn.view?.offer;
      this.draft = offer && offer.proposer !== this.me ? withoutRedLines(scenario, profile, offer.package) : bestPackage(scenario, profile);
    }
    const red = new Set(profile.redLines.map((l) => `${l.issue}:${l.option}`));
    const fieldsets = scenario.issues.map((issue) => {
      const values = profile.values[issue.id] ?? {};
      const w = profile.weights[issue.id] ?? 0;
      const name = `draft-${issue.id}`;
      const inputs: HTMLInputElement[] = [];
      const list = h("div", { class: "option-list" });
      for (const o of issue.options) {
        const v = values[o.id] ?? 0;
        const isRed = red.has(`${issue.id}:${o.id}`);
        const input = h("input", { type: "radio", name, value: o.id, checked: this.draft[issue.id] === o.id, "data-issue": issue.id });
        input.addEventListener("change", () => {
          this.draft[issue.id] = o.id;
          this.draftTouched = true;
          this.renderSummary(legalMoves(this.conn.view, this.me, this.profile()));
        });
        inputs.push(input);
        list.append(
          h(
            "label",
            { class: `option${isRed ? " red-line" : ""}` },
            input,
            h("span", { class: "label" }, o.label, isRed ? " (red line)" : "", h("span", { class: "on-table", "data-on-table": `${issue.id}:${o.id}` })),
            h("span", { class: "worth", "aria-label": `worth ${pts(v)} to you` }, h("span", { text: `${pts(v)}` }), h("span", { class: "bar", "aria-hidden": "true" }, h("span", { style: `width: ${Math.round(v * 100)}%` }))),
          ),
        );
      }
      this.radios.set(issue.id, inputs);
      return h("fieldset", null, h("legend", { text: `${issue.title} · weight ${Math.round(w * 100)}%` }), list);
    });
    const fromTable = h("button", { class: "btn btn-small", type: "button", text: "Use the package on the table", title: "Their package, with your red lines replaced" });
    fromTable.addEventListener("click", () => {
      const offer = this.conn.view?.offer;
      if (offer) this.setDraft(withoutRedLines(scenario, profile, offer.package), true);
    });
    const best = h("button", { class: "btn btn-small", type: "button", text: "Use your ideal package" });
    best.addEventListener("click", () => this.setDraft(bestPackage(scenario, profile), true));
    fill(
      this.builderHost,
      h("h3", { text: "Proposal builder" }),
      h("p", { class: "small muted", text: "Pick one option per issue; the score updates as you go. Numbers show what each option is worth to you." }),
      h("div", { class: "actions", style: "margin-bottom: 10px" }, fromTable, best),
      fieldsets,
      this.summary,
    );
    this.markOnTable(this.conn.view);
  }

  private setDraft(pkg: Package, touched: boolean): void {
    this.draft = pkg;
    this.draftTouched = touched;
    for (const [issue, inputs] of this.radios) for (const input of inputs) input.checked = input.value === pkg[issue];
    this.renderSummary(legalMoves(this.conn.view, this.me, this.profile()));
  }

  private markOnTable(view: TableView | null): void {
    for (const el of this.builderHost.querySelectorAll<HTMLElement>("[data-on-table]")) {
      const [issue, option] = el.dataset.onTable!.split(":");
      el.textContent = view?.offer && view.offer.package[issue!] === option ? "on the table" : "";
    }
  }

  private renderSummary(legal: LegalMoves): void {
    const profile = this.profile();
    if (!profile || !this.me) return;
    const u = utilityOf(profile, this.draft);
    const crossed = crossesRedLine(profile, this.draft);
    const canSubmit = legal.propose || legal.counter;
    fill(this.submitHost);
    if (canSubmit) {
      const label = legal.counter ? "Counter-propose this package" : "Propose this package";
      const b = h("button", { class: "btn btn-primary", type: "button", id: "builder-submit", text: label, disabled: this.pending || crossed.length > 0 });
      b.addEventListener("click", async () => {
        const pkg = { ...this.draft };
        const worth = utilityOf(profile, pkg);
        if (worth < profile.reservationValue) {
          const ok = await confirmDialog(
            "Table a package below your walk-away point?",
            `This draft is worth ${pts(worth)} to you; walking away is worth ${pts(profile.reservationValue)}. If the others accept it, it binds you.`,
            label,
            false,
          );
          if (!ok) return;
        }
        this.pending = true;
        b.disabled = true;
        const result = legal.counter ? await this.conn.counter(pkg) : await this.conn.propose(pkg);
        this.pending = false;
        if (result.ok) {
          this.draftTouched = false;
          announce("Your proposal is on the table.");
        }
        this.legalKey = "";
        this.update();
      });
      this.submitHost.append(b);
    }
    const scenario = this.conn.scenario!;
    fill(
      this.summary,
      h("div", { class: "row", style: "gap: 4px 10px" }, h("span", { class: "big-number", id: "draft-utility", text: pts(u) }), h("span", { class: "muted", text: "points in your draft" }), verdict(u, profile.reservationValue)),
      meter(u, profile.reservationValue, "Your value of the draft"),
      crossed.length ? h("p", { class: "error-text small", text: `Crosses your red line on ${crossed.map((l) => `${scenario.issues.find((i) => i.id === l.issue)?.title ?? l.issue} (${optionLabel(scenario, l.issue, l.option)})`).join(", ")}: you cannot table it.` }) : null,
      canSubmit ? this.submitHost : h("p", { class: "small dim", text: "You can table a draft when it is your turn to propose." }),
    );
  }
}

function verdict(u: number, walkAway: number): HTMLElement {
  const d = Math.round((u - walkAway) * 100);
  return h("span", { class: `verdict ${d >= 0 ? "good" : "bad"}`, text: d >= 0 ? `${d} above your walk-away` : `${-d} below your walk-away` });
}
