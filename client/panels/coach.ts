// The coach beside the table (issue 18): in the negotiating panel, hints computed in this browser
// by shared/coach from this seat's own view (coach-view.ts: only what the server sent the seat).
// Before tabling: the draft's worth to you, what each other delegation seems to think of it (and
// how sure the estimate is), and a trade to try, with a button that puts it in the draft. Before
// accepting: whether the estimate sees more within reach, and the rounds left (a weak accept asks
// first). Before walking away: what it is worth. On when the table's welcome says so (solo tables
// by default, a class's setting, never a tournament's); the player may hide it (remembered here).
import { coach, type Coaching, type Trade } from "../../shared/coach/index.ts";
import type { TableConnection } from "../net/connection.ts";
import { delegationName, type Package } from "../net/view.ts";
import { t } from "../i18n.ts";
import { fill, h } from "../ui/dom.ts";
import { optionLabel } from "../ui/package.ts";
import { coachSeatView } from "./coach-view.ts";
import { num, points as pts } from "./words.ts";

const HIDDEN_KEY = "accord:coach";

function storedHidden(): boolean {
  try {
    return localStorage.getItem(HIDDEN_KEY) === "1";
  } catch {
    // Storage blocked: the coach is shown, as by default.
    return false;
  }
}

/** How sure an estimate is, in words: from the moves seen and the stated confidence. */
function sureness(moves: number, confidence: number): string {
  if (moves === 0) return t("coach:sure.none");
  if (confidence < 0.35) return t("coach:sure.low", { count: moves });
  return confidence < 0.6 ? t("coach:sure.medium", { count: moves }) : t("coach:sure.high", { count: moves });
}

export class CoachPanel {
  readonly el = h("section", { class: "coach", id: "coach", "aria-label": t("coach:label") });
  private hidden = storedHidden();

  constructor(
    private conn: TableConnection,
    private draft: () => Package,
    private apply: (pkg: Package) => void,
  ) {
    this.update();
  }

  /** The coach is on for this seat: the table's welcome says so and the seat is a delegation's. */
  get on(): boolean {
    return Boolean(this.conn.welcome?.coach && this.conn.delegation && this.conn.seat?.me && this.conn.scenario && this.conn.view);
  }

  private compute(): Coaching | null {
    if (!this.on) return null;
    const view = coachSeatView(this.conn.scenario!, this.conn.view!, this.conn.seat!);
    return view ? coach(view, this.draft()) : null;
  }

  /** Before accepting: a confirmation's title and text when the coach thinks accepting now is weak. */
  acceptWarning(): [string, string] | undefined {
    const a = this.compute()?.accept;
    if (!a || !a.weak || this.hidden) return undefined;
    return [t("coach:accept.confirmTitle"), this.acceptText(a)];
  }

  /** Before walking away: one sentence on what it is worth, or null when the coach is off. */
  walkAwayNote(): string | null {
    const w = this.compute()?.walkAway;
    if (!w || this.hidden) return null;
    return w.offer === null ? t("coach:walk.noOffer", { walkAway: pts(w.walkAway) }) : t("coach:walk.withOffer", { walkAway: pts(w.walkAway), offer: pts(w.offer) });
  }

  update(): void {
    const view = this.conn.view;
    if (!this.on || !view || view.phase === "ended") {
      this.el.hidden = true;
      fill(this.el);
      return;
    }
    this.el.hidden = false;
    const toggle = h("button", { class: "btn btn-small btn-quiet", type: "button", id: "coach-toggle", "aria-expanded": String(!this.hidden), text: this.hidden ? t("coach:show") : t("coach:hide") });
    toggle.addEventListener("click", () => {
      this.hidden = !this.hidden;
      try {
        localStorage.setItem(HIDDEN_KEY, this.hidden ? "1" : "0");
      } catch {
        // Private browsing: the choice lasts for this page only.
      }
      this.update();
      (this.el.querySelector("#coach-toggle") as HTMLElement | null)?.focus();
    });
    const head = h("div", { class: "coach-head" }, h("h3", { text: t("coach:title") }), toggle);
    if (this.hidden) {
      fill(this.el, head);
      return;
    }
    const c = this.compute();
    if (!c) {
      fill(this.el, head);
      return;
    }
    const parts: HTMLElement[] = [];
    if (c.accept) {
      const a = c.accept;
      parts.push(h("p", { class: `coach-hint ${a.weak ? "warn" : "ok"}`, id: "coach-accept", role: "status", text: this.acceptText(a) }));
    }
    if (c.draft) {
      const d = c.draft;
      parts.push(h("p", { class: "coach-draft", id: "coach-draft-worth", text: t("coach:draft.worth", { points: pts(d.worth.utility), walkAway: pts(d.worth.walkAway) }) }));
      parts.push(
        h("h4", { text: t("coach:estimate.heading") }),
        h(
          "ul",
          { class: "coach-estimates", id: "coach-estimates" },
          d.others.map((o) =>
            h(
              "li",
              null,
              h("span", { class: "who", text: delegationName(view, o.delegation) }),
              h("span", { text: o.moves === 0 ? t("coach:estimate.unknown") : t("coach:estimate.value", { points: pts(o.value) }) }),
              h("span", { class: "muted small", text: sureness(o.moves, o.confidence) }),
            ),
          ),
        ),
      );
      if (d.trade) parts.push(this.tradeBlock(d.trade));
      else parts.push(h("p", { class: "small muted", id: "coach-no-trade", text: t("coach:trade.none") }));
    }
    if (c.walkAway) {
      const w = c.walkAway;
      parts.push(h("p", { class: "small muted", id: "coach-walk", text: w.offer === null ? t("coach:walk.noOffer", { walkAway: pts(w.walkAway) }) : t("coach:walk.withOffer", { walkAway: pts(w.walkAway), offer: pts(w.offer) }) }));
    }
    fill(this.el, head, parts);
  }

  private acceptText(a: NonNullable<Coaching["accept"]>): string {
    if (a.belowWalkAway) return t("coach:accept.below", { offer: pts(a.offer), walkAway: pts(a.walkAway) });
    if (a.opening) return t("coach:accept.opening", { offer: pts(a.offer), count: a.roundsLeft });
    const within = Math.max(a.better?.utility ?? -Infinity, a.projected);
    if (a.weak) return t("coach:accept.weak", { offer: pts(a.offer), within: pts(within), count: a.roundsLeft });
    return t("coach:accept.fair", { offer: pts(a.offer), count: a.roundsLeft });
  }

  private tradeBlock(trade: Trade): HTMLElement {
    const scenario = this.conn.scenario!;
    const view = this.conn.view!;
    const title = (issue: string) => scenario.issues.find((i) => i.id === issue)?.title ?? issue;
    const names = trade.theirs.filter((x) => x.change > 0).map((x) => delegationName(view, x.delegation));
    const apply = h("button", { class: "btn btn-small", type: "button", id: "coach-apply-trade", text: t("coach:trade.apply") });
    apply.addEventListener("click", () => this.apply({ ...trade.package }));
    return h(
      "div",
      { class: "coach-trade", id: "coach-trade" },
      h("h4", { text: t("coach:trade.heading") }),
      h("p", {
        text: t("coach:trade.text", {
          giveIssue: title(trade.give.issue),
          giveOption: optionLabel(scenario, trade.give.issue, trade.give.to),
          askIssue: title(trade.ask.issue),
          askOption: optionLabel(scenario, trade.ask.issue, trade.ask.to),
          points: num(Math.max(1, Math.round(trade.mine * 100))),
          names: names.join(t("table:log.comma")),
          count: names.length,
        }),
      }),
      apply,
    );
  }
}
