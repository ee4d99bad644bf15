// #/practice: the drills, one line each (the idea, the scenario and the two sides, your best score
// so far); #/practice/<drill>[/<seed>]: one drill played in this browser (client/practice/drill-view.ts).
// The drills' words are the scenarios' own, in the reader's language (the public scenario from the
// API); their numbers, invented for the drills and never the scenarios' secret profiles, come with
// the client (shared/drills/catalog.ts).
import { DRILLS } from "../../shared/drills/catalog.ts";
import type { DrillDef } from "../../shared/drills/drill.ts";
import type { PublicScenario } from "../../shared/rules/types.ts";
import { api } from "../net/api.ts";
import { t, fmt } from "../i18n.ts";
import { scenarioText } from "../scenario-text.ts";
import { setNav } from "../shell.ts";
import { Disposer, fill, h } from "../ui/dom.ts";
import { scenarioLabel } from "../ui/format.ts";
import { DrillView, IDEA } from "../practice/drill-view.ts";
import { readStored } from "../practice/ladder.ts";
import type { Screen } from "./screen.ts";

export class PracticeScreen implements Screen {
  title: string;
  private readonly d = new Disposer();
  private root!: HTMLElement;
  private view: DrillView | null = null;
  private scenarios = new Map<string, PublicScenario>();

  constructor(
    private readonly drill: string | null,
    private readonly seed: number,
  ) {
    this.title = t("practice:list.title");
  }

  mount(root: HTMLElement): void {
    this.root = root;
    this.nav();
    const ids = this.drill ? [DRILLS.find((d) => d.id === this.drill)?.scenario].filter((x): x is string => !!x) : [...new Set(DRILLS.map((d) => d.scenario))];
    if (this.drill && ids.length === 0) {
      root.append(h("div", { class: "page" }, h("div", { class: "card", role: "alert" }, h("p", { text: t("practice:list.unknown", { id: this.drill }) }), h("a", { href: "#/practice", text: t("practice:drill.back") }))));
      return;
    }
    root.append(h("div", { class: "page" }, h("p", { class: "muted", text: t("common:loading") })));
    Promise.all(ids.map((id) => api.scenario(id).then((s) => this.scenarios.set(id, s)))).then(
      () => !this.d.disposed && this.render(),
      () => {
        if (!this.d.disposed) fill(root, h("div", { class: "page" }, h("div", { class: "card", role: "alert" }, h("p", { class: "error-text", text: t("practice:list.loadFailed") }))));
      },
    );
  }

  private nav(): void {
    setNav(h("a", { href: "#/", text: t("screens:home.navHome") }), h("a", { href: "#/progress", id: "nav-progress", text: t("practice:links.progress") }));
  }

  relocalize(): void {
    this.nav();
    this.title = t("practice:list.title");
    if (this.scenarios.size) this.render();
  }

  dispose(): void {
    this.d.dispose();
  }

  private words(def: DrillDef) {
    return scenarioText(this.scenarios.get(def.scenario)!);
  }

  private render(): void {
    if (this.drill) {
      const def = DRILLS.find((d) => d.id === this.drill)!;
      if (!this.view) this.view = new DrillView(def, this.words(def), this.seed);
      else this.view.relocalize(this.words(def));
      this.title = t(IDEA[def.kind].name);
      fill(this.root, this.view.el);
      return;
    }
    const best = new Map<string, number>();
    for (const e of readStored().ladder.entries) if (e.kind === "drill") best.set(e.drill, Math.max(best.get(e.drill) ?? 0, e.score));
    const groups = (["trade", "hold", "read"] as const).map((kind) =>
      h(
        "section",
        { class: "card drill-group", "aria-labelledby": `drills-${kind}` },
        h("h2", { id: `drills-${kind}`, text: t(IDEA[kind].name) }),
        h("p", { class: "small muted", text: t(IDEA[kind].line) }),
        h(
          "ul",
          { class: "table-list drill-list" },
          DRILLS.filter((d) => d.kind === kind).map((def) => {
            const w = this.words(def);
            const name = (id: string) => w.delegations.find((x: { id: string }) => x.id === id)?.name ?? id;
            const score = best.get(def.id);
            return h(
              "li",
              { "data-drill": def.id },
              h(
                "div",
                { class: "what" },
                h("strong", { text: scenarioLabel(w) }),
                h("span", { class: "small", text: t("practice:list.cut", { player: name(def.player), partner: name(def.partner) }) }),
                h("span", { class: "small muted", text: score === undefined ? t("practice:list.notYet") : t("practice:list.best", { score: fmt.number(score) }) }),
              ),
              h("a", { class: "btn btn-small", href: `#/practice/${def.id}`, text: t("practice:list.start"), "aria-label": t("practice:list.startLabel", { name: t(IDEA[kind].name), scenario: w.title }) }),
            );
          }),
        ),
      ),
    );
    fill(
      this.root,
      h(
        "div",
        { class: "page drills-page" },
        h("section", { class: "hero hero-small", "aria-labelledby": "drills-title" }, h("h1", { id: "drills-title", text: t("practice:list.title") }), h("p", { text: t("practice:list.lead") })),
        h("div", { class: "drill-groups" }, groups),
      ),
    );
  }
}
