// The line that leads from the home screen and the solo setup to the drills and the progress page.
import { t } from "../i18n.ts";
import { h } from "../ui/dom.ts";

export function practiceLinks(): HTMLElement {
  return h(
    "p",
    { class: "practice-links", id: "practice-links" },
    `${t("practice:links.lead")} `,
    h("a", { href: "#/practice", id: "link-drills", text: t("practice:links.drills") }),
    " · ",
    h("a", { href: "#/progress", id: "link-progress", text: t("practice:links.progress") }),
  );
}
