// The negotiating panel: what is on the table and what it is worth to you, the moves you may make
// now (a button exists only when the move is legal), and the proposal builder with the live
// utility of your draft.
import type { TableConnection, Result } from "../net/connection.ts";
import { isSolo, legalMoves, waitingFor, type LegalMoves } from "../net/legal.ts";
import { delegationName, type Package, type TableView } from "../net/view.ts";
import { CoachPanel } from "./coach.ts";
import { namesList } from "./log.ts";
import { t } from "../i18n.ts";
import { announce, confirmDialog, Disposer, fill, h, newId } from "../ui/dom.ts";
import { redLinesCrossed } from "../../shared/rules/legal.ts";
import { bestPackage, meter, optionLabel, packageList, utilityOf, withoutRedLines } from "../ui/package.ts";
import { percent, points as pts } from "./words.ts";

/** The package being drafted, by connection: a language switch draws the table again, the draft stays. */
const drafts = new WeakMap<TableConnection, { draft: Package; touched: boolean }>();

export class NegotiatePanel {
  readonly el = h("div", { class: "negotiate" });
  private d = new Disposer();
  private moveBox = h("section", { class: "move-box", "aria-labelledby": newId("mb") });
  private builderHost = h("section", { class: "builder", "aria-label": t("table:negotiate.builderLabel") });
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

  /** The coach beside the table (when the table has it on): hints on the draft, the offer, walking away. */
  private coach: CoachPanel;

  constructor(private conn: TableConnection) {
    const kept = drafts.get(conn);
    if (kept) {
      this.draft = { ...kept.draft };
      this.draftTouched = kept.touched;
    }
    this.coach = new CoachPanel(conn, () => this.draft, (pkg) => this.setDraft(pkg, true));
    this.el.append(this.moveBox, this.coach.el, this.builderHost);
    this.buildBuilder();
    this.update();
    this.d.add(conn.events.on("table", () => this.update()));
    this.d.add(conn.events.on("seat", () => this.update(true)));
  }

  dispose(): void {
    drafts.set(this.conn, { draft: { ...this.draft }, touched: this.draftTouched });
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
    const buttons = h("div", { class: "actions", role: "group", "aria-label": t("table:negotiate.yourMoves") });
    this.moveBox.classList.toggle("your-turn", legal.toMove);
    const waiting = waitingFor(view);
    const offer = view.offer;

    const solo = isSolo(view, me, this.conn.isFacilitator);
    if (view.phase === "waiting" && solo) {
      heading.textContent = t("table:negotiate.soloWaitingTitle");
      status.textContent = t("table:negotiate.soloWaiting");
    } else if (view.phase === "waiting") {
      heading.textContent = t("table:negotiate.waitingStartTitle");
      status.textContent = t("table:negotiate.waitingStart");
    } else if (view.phase === "paused") {
      heading.textContent = solo ? t("table:negotiate.paused") : t("table:negotiate.pausedByFacilitator");
      status.textContent = solo ? t("table:negotiate.pausedSolo") : t("table:negotiate.pausedTable");
    } else if (view.phase === "ended") {
      heading.textContent = t("table:negotiate.endedTitle");
      status.textContent = t("table:negotiate.ended");
    } else if (!me) {
      heading.textContent = waiting.length ? t("table:negotiate.waitingFor", { names: namesList(view, waiting) }) : t("table:negotiate.inProgress");
      status.textContent = t("table:negotiate.roundOf", { round: view.round, total: view.deadlineRounds });
    } else if (view.delegations.find((d) => d.id === me)?.control === "bot") {
      heading.textContent = t("table:negotiate.botTitle");
      status.textContent = t("table:negotiate.bot");
    } else if (legal.toMove) {
      heading.textContent = t("table:negotiate.yourMove");
      if (legal.vote) status.textContent = t("table:negotiate.voteOn", { name: delegationName(view, offer?.proposer) });
      else if (legal.accept) status.textContent = t("table:negotiate.acceptOrCounter", { name: delegationName(view, offer?.proposer) });
      else if (offer && offer.proposer !== me && legal.counter) {
        // Their offer is on the table but Accept is not offered: say why.
        const crossed = profile ? redLinesCrossed(profile, offer.package) : [];
        const lines = crossed.map((l) => t("table:negotiate.redLineOn", { issue: scenario.issues.find((i) => i.id === l.issue)?.title ?? l.issue, option: optionLabel(scenario, l.issue, l.option) })).join(t("table:log.comma"));
        status.textContent = t("table:negotiate.crossesOn", { name: delegationName(view, offer.proposer), lines, count: crossed.length });
        status.id = "move-why-no-accept";
      }
      else if (view.protocol === "multilateral") status.textContent = t("table:negotiate.youPropose");
      else status.textContent = offer ? t("table:negotiate.ownOffer") : t("table:negotiate.opening");
    } else {
      heading.textContent = waiting.length ? t("table:negotiate.waitingFor", { names: namesList(view, waiting) }) : t("table:negotiate.waiting");
      status.textContent =
        view.protocol === "multilateral" && view.stage === "voting" && offer?.responses[me]
          ? offer.responses[me] === "accept"
            ? t("table:negotiate.youVotedAccept")
            : t("table:negotiate.youVotedReject")
          : t("table:negotiate.meanwhile");
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
          if (this.conn.view?.phase !== "ended") announce(t("table:negotiate.done", { label }));
        }
        this.update();
      });
      buttons.append(b);
    };
    // Signing below your walk-away point is allowed, but worth a second thought.
    const below: [string, string] | undefined =
      profile && offer && utilityOf(profile, offer.package) < profile.reservationValue
        ? [t("table:negotiate.belowTitle"), t("table:negotiate.below", { worth: pts(utilityOf(profile, offer.package)), walkAway: pts(profile.reservationValue) })]
        : undefined;
    if (view.phase === "waiting" && solo && this.conn.isFacilitator) act(t("table:negotiate.start"), "btn-primary", "move-start", () => this.conn.start());
    // The coach's hint before a weak accept (when the coach is on and shown; it names a walk-away breach too).
    const weak = this.coach.acceptWarning() ?? below;
    if (legal.accept) act(t("table:negotiate.accept"), "btn-accept", "move-accept", () => this.conn.accept(), weak, false);
    if (legal.vote) {
      if (legal.voteAccept) act(t("table:negotiate.voteAccept"), "btn-accept", "move-vote-accept", () => this.conn.vote(true), weak, false);
      act(t("table:negotiate.voteReject"), "btn-danger", "move-vote-reject", () => this.conn.vote(false));
    }
    if (legal.reject) act(t("table:negotiate.reject"), "btn-danger", "move-reject", () => this.conn.reject());
    if (legal.pass) act(t("table:negotiate.pass"), "btn-quiet", "move-pass", () => this.conn.pass());
    if (legal.walkAway)
      act(t("table:negotiate.walkAway"), "btn-danger", "move-walk-away", () => this.conn.walkAway(), [t("table:negotiate.walkAwayTitle"), [t("table:negotiate.walkAwayText"), this.coach.walkAwayNote()].filter(Boolean).join(" ")]);

    const offerBlock = offer
      ? h(
          "div",
          { class: "offer-block" },
          h("h4", { text: t("table:negotiate.onTable", { name: delegationName(view, offer.proposer), round: offer.round }) }),
          profile
            ? h(
                "div",
                null,
                h("div", { class: "row" }, h("span", { class: "big-number", text: pts(utilityOf(profile, offer.package)) }), h("span", { class: "muted", text: t("table:negotiate.pointsForYou") }), verdict(utilityOf(profile, offer.package), profile.reservationValue)),
                meter(utilityOf(profile, offer.package), profile.reservationValue, t("table:negotiate.valueOnTable")),
                redLinesCrossed(profile, offer.package).length ? h("p", { class: "error-text small", text: t("table:negotiate.crossesNoAccept") }) : null,
              )
            : null,
          h("details", { open: !profile }, h("summary", { text: t("table:negotiate.issueByIssue") }), packageList(scenario, offer.package, t("table:negotiate.packageOnTable"))),
        )
      : view.phase === "running"
        ? h("p", { class: "muted small", text: t("table:negotiate.nothingOnTable") })
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
            h("span", { class: "label" }, o.label, isRed ? t("table:negotiate.redLine") : "", h("span", { class: "on-table", "data-on-table": `${issue.id}:${o.id}` })),
            h("span", { class: "worth", "aria-label": t("table:negotiate.worth", { points: pts(v) }) }, h("span", { text: pts(v) }), h("span", { class: "bar", "aria-hidden": "true" }, h("span", { style: `width: ${Math.round(v * 100)}%` }))),
          ),
        );
      }
      this.radios.set(issue.id, inputs);
      return h("fieldset", null, h("legend", { text: t("table:negotiate.legend", { issue: issue.title, pct: percent(w) }) }), list);
    });
    const fromTable = h("button", { class: "btn btn-small", type: "button", text: t("table:negotiate.useTable"), title: t("table:negotiate.useTableTitle") });
    fromTable.addEventListener("click", () => {
      const offer = this.conn.view?.offer;
      if (offer) this.setDraft(withoutRedLines(scenario, profile, offer.package), true);
    });
    const best = h("button", { class: "btn btn-small", type: "button", text: t("table:negotiate.useIdeal") });
    best.addEventListener("click", () => this.setDraft(bestPackage(scenario, profile), true));
    fill(
      this.builderHost,
      h("h3", { text: t("table:negotiate.builder") }),
      h("p", { class: "small muted", text: t("table:negotiate.builderHelp") }),
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
      el.textContent = view?.offer && view.offer.package[issue!] === option ? t("table:negotiate.onTheTable") : "";
    }
  }

  private renderSummary(legal: LegalMoves): void {
    const profile = this.profile();
    this.coach.update();
    if (!profile || !this.me) return;
    const u = utilityOf(profile, this.draft);
    const crossed = redLinesCrossed(profile, this.draft);
    const canSubmit = legal.propose || legal.counter;
    fill(this.submitHost);
    if (canSubmit) {
      const label = legal.counter ? t("table:negotiate.counterThis") : t("table:negotiate.proposeThis");
      const b = h("button", { class: "btn btn-primary", type: "button", id: "builder-submit", text: label, disabled: this.pending || crossed.length > 0 });
      b.addEventListener("click", async () => {
        const pkg = { ...this.draft };
        const worth = utilityOf(profile, pkg);
        if (worth < profile.reservationValue) {
          const ok = await confirmDialog(
            t("table:negotiate.tableBelowTitle"),
            t("table:negotiate.tableBelow", { worth: pts(worth), walkAway: pts(profile.reservationValue) }),
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
          announce(t("table:negotiate.proposalOnTable"));
        }
        this.legalKey = "";
        this.update();
      });
      this.submitHost.append(b);
    }
    const scenario = this.conn.scenario!;
    fill(
      this.summary,
      h("div", { class: "row", style: "gap: 4px 10px" }, h("span", { class: "big-number", id: "draft-utility", text: pts(u) }), h("span", { class: "muted", text: t("table:negotiate.pointsInDraft") }), verdict(u, profile.reservationValue)),
      meter(u, profile.reservationValue, t("table:negotiate.valueOfDraft")),
      crossed.length ? h("p", { class: "error-text small", text: t("table:negotiate.draftCrosses", { lines: crossed.map((l) => t("table:negotiate.redLineOn", { issue: scenario.issues.find((i) => i.id === l.issue)?.title ?? l.issue, option: optionLabel(scenario, l.issue, l.option) })).join(t("table:log.comma")) }) }) : null,
      canSubmit ? this.submitHost : h("p", { class: "small dim", text: t("table:negotiate.whenYourTurn") }),
    );
  }
}

function verdict(u: number, walkAway: number): HTMLElement {
  const d = Math.round((u - walkAway) * 100);
  return h("span", { class: `verdict ${d >= 0 ? "good" : "bad"}`, text: d >= 0 ? t("table:negotiate.above", { points: d }) : t("table:negotiate.belowBy", { points: -d }) });
}
