// The glossary: `#/learn`, an index of the negotiation ideas the debrief's lessons refer to, and
// `#/learn/<concept>`, a short page on one idea (two paragraphs) that links to the related ideas.
// Words from the `lessons` catalog (client/debrief/lessons.ts names every idea alike for both screens).
import { CONCEPTS, RELATED, isConcept, type ConceptId } from "../../shared/lessons/concepts.ts";
import { conceptWords, learnHref } from "../debrief/lessons.ts";
import { t } from "../i18n.ts";
import { setNav, setTitle } from "../shell.ts";
import { fill, h } from "../ui/dom.ts";
import type { Screen } from "./screen.ts";

export class LearnScreen implements Screen {
  title = "";
  private root: HTMLElement | null = null;
  private readonly page = h("div", { class: "page learn" });

  constructor(private readonly concept: string | null) {}

  mount(root: HTMLElement): void {
    this.root = root;
    root.append(this.page);
    this.render();
    setTitle(this.title);
  }

  relocalize(): void {
    this.render();
    setTitle(this.title);
  }

  dispose(): void {
    this.root = null;
  }

  private render(): void {
    setNav(h("a", { href: "#/", text: t("screens:class.home") }), h("a", { href: learnHref(), id: "nav-learn", "aria-current": this.concept ? undefined : "page", text: t("lessons:learn.back") }));
    const id = this.concept;
    if (id === null) return this.renderIndex();
    if (!isConcept(id)) {
      this.title = t("lessons:learn.eyebrow");
      fill(this.page, h("div", { class: "card", role: "alert" }, h("h1", { text: t("lessons:learn.unknown", { name: id }) }), h("p", null, h("a", { href: learnHref(), text: t("lessons:learn.back") }))));
      return;
    }
    this.renderConcept(id);
  }

  private renderIndex(): void {
    this.title = t("lessons:learn.title");
    fill(
      this.page,
      h(
        "header",
        { class: "learn-head" },
        h("div", { class: "eyebrow", text: t("lessons:learn.eyebrow") }),
        h("h1", { id: "learn-title", text: t("lessons:learn.title") }),
        h("p", { class: "muted", text: t("lessons:learn.lead") }),
      ),
      h(
        "ul",
        { class: "learn-index", id: "learn-index" },
        CONCEPTS.map((c) => {
          const w = conceptWords(c);
          return h("li", { class: "card", "data-concept": c }, h("h2", null, h("a", { href: learnHref(c), text: w.name })), h("p", { class: "small muted", text: w.summary }));
        }),
      ),
    );
  }

  private renderConcept(id: ConceptId): void {
    const w = conceptWords(id);
    this.title = w.name;
    fill(
      this.page,
      h(
        "article",
        { class: "card learn-page", "data-concept": id, "aria-labelledby": "learn-title" },
        h("div", { class: "eyebrow", text: t("lessons:learn.eyebrow") }),
        h("h1", { id: "learn-title", text: w.name }),
        h("p", { class: "learn-summary", text: w.summary }),
        w.body.map((p) => h("p", { text: p })),
        h(
          "nav",
          { class: "learn-related", "aria-labelledby": "learn-related-title" },
          h("h2", { id: "learn-related-title", text: t("lessons:learn.seeAlso") }),
          h("ul", null, RELATED[id].map((r) => h("li", null, h("a", { href: learnHref(r), "data-concept": r, text: conceptWords(r).name })))),
          h("p", null, h("a", { href: learnHref(), id: "learn-back", text: `← ${t("lessons:learn.back")}` })),
        ),
      ),
    );
  }
}
