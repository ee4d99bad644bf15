// #/progress: the ladder (client/practice/ladder.ts) — the next suggested game or drill and why,
// a plot of every game and drill over time, the tables of games and drills, and the record as a
// file: export, import (checked; a bad file is refused in one sentence naming what and where),
// clear.
import { DRILLS } from "../../shared/drills/catalog.ts";
import { api, type ScenarioSummary } from "../net/api.ts";
import { fmt, t } from "../i18n.ts";
import { summaryText } from "../scenario-text.ts";
import { setNav } from "../shell.ts";
import { confirmDialog, Disposer, fill, h } from "../ui/dom.ts";
import { pct, pts, scenarioLabel, strategyLabel } from "../ui/format.ts";
import { IDEA } from "../practice/drill-view.ts";
import { clearStored, importText, ladderText, readStored, type DrillEntry, type GameEntry, type LadderProblem } from "../practice/ladder.ts";
import { progressPlot } from "../practice/plot.ts";
import { suggest, type Suggestion } from "../practice/suggest.ts";
import type { Screen } from "./screen.ts";

const PROBLEM: Record<LadderProblem["what"], string> = {
  notJson: "practice:problem.notJson",
  notLadder: "practice:problem.notLadder",
  version: "practice:problem.version",
  type: "practice:problem.type",
  missing: "practice:problem.missing",
  range: "practice:problem.range",
  unknownField: "practice:problem.unknownField",
  choice: "practice:problem.choice",
  format: "practice:problem.format",
  other: "practice:problem.other",
};

export function problemText(p: LadderProblem): string {
  return t(PROBLEM[p.what], { where: p.where });
}

const LEVELS: Record<string, string> = { easy: "screens:home.difficulty.easy", medium: "screens:home.difficulty.medium", hard: "screens:home.difficulty.hard" };

export class ProgressScreen implements Screen {
  title = t("practice:progress.title");
  private readonly d = new Disposer();
  private readonly el = h("div", { class: "page progress-page" });
  private scenarios: ScenarioSummary[] = [];
  private notice: { text: string; error: boolean } | null = null;

  mount(root: HTMLElement): void {
    this.nav();
    root.append(this.el);
    this.render();
    api.scenarios().then(
      (list) => {
        if (this.d.disposed) return;
        this.scenarios = list;
        this.render();
      },
      () => undefined, // ids stand in for titles
    );
  }

  private nav(): void {
    setNav(h("a", { href: "#/", text: t("screens:home.navHome") }), h("a", { href: "#/practice", id: "nav-drills", text: t("practice:links.drills") }));
  }

  relocalize(): void {
    this.nav();
    this.title = t("practice:progress.title");
    this.render();
  }

  dispose(): void {
    this.d.dispose();
  }

  private scenario(id: string): ScenarioSummary | null {
    const s = this.scenarios.find((x) => x.id === id);
    return s ? summaryText(s) : null;
  }

  private scenarioName(id: string): string {
    const s = this.scenario(id);
    return s ? scenarioLabel(s) : id;
  }

  private delegationName(scenario: string, id: string): string {
    return this.scenario(scenario)?.delegations.find((d) => d.id === id)?.name ?? id;
  }

  private level(difficulty: string, strategy: string): string {
    const key = LEVELS[difficulty];
    return key ? t(key) : difficulty === "custom" ? `${t("practice:progress.custom")} (${strategyLabel(strategy)})` : strategyLabel(strategy);
  }

  private render(): void {
    const { ladder, problem } = readStored();
    const entries = ladder.entries;
    const games = entries.filter((e): e is GameEntry => e.kind === "game");
    const drills = entries.filter((e): e is DrillEntry => e.kind === "drill");
    fill(
      this.el,
      h("section", { class: "hero hero-small", "aria-labelledby": "progress-title" }, h("h1", { id: "progress-title", text: t("practice:progress.title") }), h("p", { text: t("practice:progress.lead") })),
      problem ? h("p", { class: "error-text card", role: "alert", id: "ladder-stored-problem", text: t("practice:progress.storedProblem", { problem: problemText(problem) }) }) : null,
      h(
        "div",
        { class: "progress-grid" },
        h(
          "div",
          { class: "progress-main" },
          h("section", { class: "card", "aria-labelledby": "plot-card-title" }, h("h2", { id: "plot-card-title", text: t("practice:progress.plotTitle") }), entries.length ? [h("p", { class: "small muted", text: t("practice:progress.plotLead") }), progressPlot(entries)] : h("p", { class: "empty", id: "progress-empty", text: t("practice:progress.empty") })),
          games.length ? this.gamesCard(games) : null,
          drills.length ? this.drillsCard(drills) : null,
        ),
        h("div", { class: "progress-side" }, this.suggestionCard(suggest(entries)), this.fileCard(ladderText(ladder))),
      ),
    );
  }

  private suggestionCard(s: Suggestion): HTMLElement {
    let text: string;
    let link: HTMLElement;
    const gameLink = () => h("a", { class: "btn btn-primary", id: "suggestion-go", href: "#/practise", text: t("practice:progress.openGame") });
    switch (s.kind) {
      case "first":
        text = t("practice:progress.first");
        link = gameLink();
        break;
      case "harder":
        text = t("practice:progress.harder", { from: t(LEVELS[s.from]!), to: t(LEVELS[s.to]!), scenario: this.scenarioName(s.scenario), delegation: this.delegationName(s.scenario, s.delegation) });
        link = gameLink();
        break;
      case "drill": {
        const idea = t(IDEA[s.idea].name);
        text = s.reason === "untried" ? t("practice:progress.untried", { idea }) : t("practice:progress.weakest", { idea, mean: fmt.number(Math.round(s.mean ?? 0)) });
        link = h("a", { class: "btn btn-primary", id: "suggestion-go", href: `#/practice/${s.drill}`, text: t("practice:progress.openDrill") });
        break;
      }
      case "again":
        text = t("practice:progress.again", { level: LEVELS[s.level] ? t(LEVELS[s.level]!) : s.level, scenario: this.scenarioName(s.scenario) });
        link = gameLink();
        break;
    }
    return h(
      "section",
      { class: "card suggestion", id: "suggestion", "data-kind": s.kind, "aria-labelledby": "suggestion-title" },
      h("h2", { id: "suggestion-title", text: t("practice:progress.nextTitle") }),
      h("p", { id: "suggestion-text", text }),
      h("div", { class: "actions" }, link),
      h("p", { class: "small muted", text: t("practice:progress.rule") }),
    );
  }

  private when(at: string): string {
    return fmt.dateTime(new Date(at));
  }

  private gamesCard(games: GameEntry[]): HTMLElement {
    const col = (key: string) => h("th", { scope: "col", text: t(key) });
    return h(
      "section",
      { class: "card", "aria-labelledby": "games-title" },
      h("h2", { id: "games-title", text: t("practice:progress.gamesTitle") }),
      h(
        "div",
        { style: "overflow-x: auto" },
        h(
          "table",
          { class: "results", id: "ladder-games" },
          h("thead", null, h("tr", null, col("practice:progress.col.when"), col("practice:progress.col.scenario"), col("practice:progress.col.delegation"), col("practice:progress.col.level"), col("practice:progress.col.result"), col("practice:progress.col.advantage"), col("practice:progress.col.distance"))),
          h(
            "tbody",
            null,
            [...games].reverse().map((g) =>
              h(
                "tr",
                { "data-id": g.id },
                h("td", { text: this.when(g.at) }),
                h("th", { scope: "row", text: this.scenarioName(g.scenario) }),
                h("td", { text: this.delegationName(g.scenario, g.delegation) }),
                h("td", { text: this.level(g.difficulty, g.strategy) }),
                h("td", { text: `${g.agreement ? t("practice:progress.deal") : t("practice:progress.noDeal")} · ${pts(g.utility)}` }),
                h("td", { text: pct(g.advantage) }),
                h("td", { text: g.paretoDistance === null ? "—" : pts(g.paretoDistance) }),
              ),
            ),
          ),
        ),
      ),
    );
  }

  private drillsCard(drills: DrillEntry[]): HTMLElement {
    const col = (key: string) => h("th", { scope: "col", text: t(key) });
    return h(
      "section",
      { class: "card", "aria-labelledby": "drills-done-title" },
      h("h2", { id: "drills-done-title", text: t("practice:progress.drillsTitle") }),
      h(
        "div",
        { style: "overflow-x: auto" },
        h(
          "table",
          { class: "results", id: "ladder-drills" },
          h("thead", null, h("tr", null, col("practice:progress.col.when"), col("practice:progress.col.drill"), col("practice:progress.col.scenario"), col("practice:progress.col.score"))),
          h(
            "tbody",
            null,
            [...drills].reverse().map((d) =>
              h(
                "tr",
                { "data-id": d.id },
                h("td", { text: this.when(d.at) }),
                h("th", { scope: "row" }, DRILLS.some((x) => x.id === d.drill) ? h("a", { href: `#/practice/${d.drill}`, text: t(IDEA[d.idea].name) }) : t(IDEA[d.idea].name)),
                h("td", { text: this.scenarioName(d.scenario) }),
                h("td", { text: fmt.number(d.score) }),
              ),
            ),
          ),
        ),
      ),
    );
  }

  private fileCard(text: string): HTMLElement {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    this.d.add(() => URL.revokeObjectURL(url));
    const exportLink = h("a", { class: "btn", id: "ladder-export", href: url, download: "cyber-accord-progress.json", text: t("practice:progress.export") });
    const input = h("input", { type: "file", id: "ladder-import", accept: "application/json,.json", class: "visually-hidden" });
    const importLabel = h("label", { class: "btn", for: "ladder-import", text: t("practice:progress.import") });
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      if (!file) return;
      void file.text().then((content) => {
        const r = importText(content);
        this.notice = r.ok ? { text: t("practice:progress.imported", { count: r.added }), error: false } : { text: t("practice:progress.importFailed", { problem: problemText(r.problem) }), error: true };
        this.render();
      });
    });
    const clear = h("button", { class: "btn btn-danger", type: "button", id: "ladder-clear", text: t("practice:progress.clear") });
    clear.addEventListener("click", () => {
      void confirmDialog(t("practice:progress.clearTitle"), t("practice:progress.clearText"), t("practice:progress.clear"), true).then((yes) => {
        if (!yes) return;
        clearStored();
        this.notice = { text: t("practice:progress.cleared"), error: false };
        this.render();
      });
    });
    return h(
      "section",
      { class: "card", "aria-labelledby": "file-title" },
      h("h2", { id: "file-title", text: t("practice:progress.fileTitle") }),
      h("div", { class: "actions" }, exportLink, importLabel, input, clear),
      this.notice ? h("p", { class: this.notice.error ? "error-text" : "small", role: this.notice.error ? "alert" : "status", id: "ladder-notice", text: this.notice.text }) : null,
    );
  }
}
