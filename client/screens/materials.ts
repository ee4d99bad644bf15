// The teacher's materials of a class or a table, read with the facilitator token this browser holds
// (server/http/materials.ts): `#/notes/<class|table>/<id>` the scenario's facilitator notes
// (objectives, timings, debrief questions, what happened), rendered from Markdown and sanitised;
// `#/print/<class|table>/<id>` the briefs for paper: a cover with the scenario and its dated
// sources, then one page per delegation (public brief, private brief, priorities, walk-away).
import type { Materials } from "../net/materials.ts";
import { href, setNav, type MaterialsKind } from "../shell.ts";
import { Disposer, fill, h } from "../ui/dom.ts";
import { pct } from "../ui/format.ts";
import type { Screen } from "./screen.ts";
import { fmt, t } from "../i18n.ts";
import { materialsText } from "../scenario-text.ts";

function paragraphs(text: string): HTMLElement[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => h("p", { text: p.replace(/\s*\n\s*/g, " ") }));
}

export class MaterialsScreen implements Screen {
  title: string;
  private d = new Disposer();

  constructor(
    private readonly view: "notes" | "print",
    private readonly kind: MaterialsKind,
    private readonly id: string,
  ) {
    this.title = view === "notes" ? t("screens:materials.notes") : t("screens:materials.print");
  }

  mount(root: HTMLElement): void {
    const back = this.kind === "class" ? `#/class/${this.id}` : `#/table/${this.id}`;
    const other = this.view === "notes" ? h("a", { href: href({ name: "materials", view: "print", kind: this.kind, id: this.id }), id: "nav-print", text: t("screens:materials.print") }) : h("a", { href: href({ name: "materials", view: "notes", kind: this.kind, id: this.id }), id: "nav-notes", text: t("screens:materials.notes") });
    setNav(h("a", { href: back, id: "nav-back", text: `← ${this.kind === "class" ? t("screens:materials.backClass") : t("screens:materials.backTable")}` }), other);
    const page = h("div", { class: `page materials materials-${this.view}` }, h("div", { class: "loading" }, h("div", { class: "spinner", "aria-hidden": "true" }), h("p", { text: t("screens:materials.loading") })));
    root.append(page);
    void Promise.all([import("../net/materials.ts"), import("../panels/notes.ts")]).then(([m, notes]) =>
      m.teacherMaterials(this.kind, this.id).then(
        (sent) => {
          if (this.d.disposed) return;
          const materials = materialsText(sent);
          if (this.view === "notes") this.renderNotes(page, materials, notes.markdownBlock);
          else this.renderPrint(page, materials);
        },
        (e: unknown) => {
          if (!this.d.disposed) fill(page, h("div", { class: "card", role: "alert" }, h("h2", { text: t("screens:materials.failed") }), h("p", { class: "error-text", text: (e as Error).message })));
        },
      ),
    );
  }

  dispose(): void {
    this.d.dispose();
  }

  private renderNotes(page: HTMLElement, m: Materials, markdown: (md: string, className?: string) => HTMLElement): void {
    this.title = `${t("screens:materials.notes")} · ${m.title}`;
    document.title = `${this.title} · Cyber Accord`;
    fill(
      page,
      h("p", { class: "teacher-only", text: t("screens:materials.teacherOnly") }),
      h("article", { class: "paper notes-paper", id: "teaching-notes", "aria-label": `${t("screens:materials.notes")}: ${m.title}` }, markdown(m.notes || `_${t("screens:materials.noNotes")}_`, "notes")),
    );
  }

  private renderPrint(page: HTMLElement, m: Materials): void {
    this.title = `${t("screens:materials.briefs")} · ${m.title}`;
    document.title = `${this.title} · Cyber Accord`;
    const print = h("button", { class: "btn btn-primary", type: "button", id: "print-briefs", text: t("screens:materials.printButton") });
    print.addEventListener("click", () => window.print());
    const issueTitle = new Map(m.issues.map((i) => [i.id, i]));
    const cover = h(
      "section",
      { class: "print-page print-cover", id: "print-cover" },
      h("p", { class: "print-eyebrow", text: `Cyber Accord · ${t("screens:materials.scenario")}` }),
      h("h1", { text: m.title }),
      h("p", { class: "print-year", text: fmt.number(m.year, { useGrouping: false }) }),
      ...paragraphs(m.summary),
      h("h2", { text: t("screens:briefing.sources.title") }),
      m.sources.length
        ? h(
            "table",
            { class: "print-sources", id: "print-sources" },
            h("thead", null, h("tr", null, h("th", { text: t("screens:materials.date") }), h("th", { text: t("screens:materials.fact") }), h("th", { text: t("screens:materials.source") }))),
            h("tbody", null, m.sources.map((s) => h("tr", null, h("td", { class: "nowrap", text: s.date ?? "—" }), h("td", { text: s.fact }), h("td", { lang: /[\u0980-\u09FF]/.test(s.source) ? undefined : "en", text: s.source })))),
          )
        : h("p", { text: t("screens:briefing.sources.none") }),
      h("p", { class: "print-note", text: t("screens:materials.follow", { count: m.delegations.length }) }),
    );
    const pages = m.delegations.map((d) => {
      const ranked = Object.entries(d.weights).sort((a, b) => b[1] - a[1]);
      return h(
        "section",
        { class: "print-page print-delegation", "data-delegation": d.id },
        h("p", { class: "print-eyebrow", text: `${m.title} · ${t("screens:materials.delegationBrief")}` }),
        h("h1", { text: d.name }),
        h("h2", null, `${t("screens:materials.publicBrief")} `, h("span", { class: "stamp public", text: t("screens:materials.everyone") })),
        ...paragraphs(d.publicBrief),
        h("h2", null, `${t("screens:materials.privateBrief")} `, h("span", { class: "stamp confidential", text: t("screens:materials.confidential", { name: d.name }) })),
        h("div", { class: "private-brief-text" }, paragraphs(d.privateBrief)),
        h("h2", { text: t("screens:briefing.priorities") }),
        h(
          "table",
          { class: "print-priorities" },
          h("thead", null, h("tr", null, h("th", { text: t("screens:materials.issue") }), h("th", { text: t("screens:materials.weight") }), h("th", { text: t("screens:materials.options") }))),
          h(
            "tbody",
            null,
            ranked.map(([issueId, weight]) => {
              const issue = issueTitle.get(issueId);
              const values = d.values[issueId] ?? {};
              const options = [...(issue?.options ?? [])].sort((a, b) => (values[b.id] ?? 0) - (values[a.id] ?? 0));
              const red = new Set(d.redLines.filter((r) => r.issue === issueId).map((r) => r.option));
              return h(
                "tr",
                null,
                h("td", { text: issue?.title ?? issueId }),
                h("td", { class: "num", text: pct(weight) }),
                h("td", { text: options.map((o) => `${o.label} (${fmt.number(Math.round((values[o.id] ?? 0) * 100))})${red.has(o.id) ? ` — ${t("screens:materials.never")}` : ""}`).join(" · ") }),
              );
            }),
          ),
        ),
        h("p", { class: "print-walkaway" }, h("strong", { text: `${t("screens:materials.walkAway")} ` }), t("screens:materials.walkAwayText", { points: Math.round(d.reservationValue * 100) })),
        d.redLines.length
          ? h("ul", { class: "print-redlines" }, d.redLines.map((r) => h("li", { text: `${t("screens:materials.neverSign", { issue: issueTitle.get(r.issue)?.title ?? r.issue, option: issueTitle.get(r.issue)?.options.find((o) => o.id === r.option)?.label ?? r.option })}${r.reason ? `: ${r.reason}` : ""}` })))
          : null,
      );
    });
    fill(
      page,
      h(
        "div",
        { class: "print-toolbar no-print" },
        h("div", null, h("h1", { text: t("screens:materials.print") }), h("p", { class: "muted", text: t("screens:materials.printLead") })),
        print,
      ),
      h("div", { class: "print-sheets", id: "print-sheets" }, cover, pages),
    );
  }
}
