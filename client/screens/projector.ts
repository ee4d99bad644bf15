// The projector view: a class's (or a table's) code, large, the link that opens the app on the join
// page with that code filled in, and a QR code of the link, so students join by scanning. Codes
// are not secret (they are read aloud in the room), so the route carries the code itself.
import QRCode from "qrcode";
import { formatJoinCode, joinLink, setNav, type MaterialsKind } from "../shell.ts";
import { Disposer, h } from "../ui/dom.ts";
import type { Screen } from "./screen.ts";
import { t } from "../i18n.ts";

export class ProjectorScreen implements Screen {
  title: string;
  private d = new Disposer();

  constructor(
    private readonly kind: MaterialsKind,
    private readonly code: string,
  ) {
    this.title = t("screens:projector.title", { code: formatJoinCode(code) });
  }

  mount(root: HTMLElement): void {
    const back = h("button", { type: "button", id: "projector-back", text: `← ${t("screens:projector.back")}` });
    back.addEventListener("click", () => (history.length > 1 ? history.back() : (location.hash = "#/")));
    setNav(back);
    const link = joinLink(this.kind, this.code);
    const canvas = h("canvas", { id: "projector-qr", role: "img", "aria-label": t("screens:projector.qrLabel", { link }) });
    const error = h("p", { class: "error-text", role: "alert" });
    root.append(
      h(
        "div",
        { class: "projector", "data-kind": this.kind },
        h("p", { class: "projector-eyebrow", text: this.kind === "class" ? t("screens:projector.joinClass") : t("screens:projector.joinTable") }),
        h("div", { class: "projector-body" },
          h(
            "div",
            { class: "projector-text" },
            h("ol", { class: "projector-steps" }, h("li", { text: t("screens:projector.scan") }), h("li", null, `${t("screens:projector.orOpen")} `, h("strong", { id: "projector-link", text: link })), h("li", { text: this.kind === "class" ? t("screens:projector.typeName") : t("screens:projector.takeSeat") })),
            h("p", { class: "projector-label", text: this.kind === "class" ? t("screens:projector.classCode") : t("screens:projector.tableCode") }),
            h("p", { class: "projector-code", id: "projector-code", text: formatJoinCode(this.code) }),
          ),
          h("div", { class: "projector-qr-frame" }, canvas),
        ),
        error,
      ),
    );
    QRCode.toCanvas(canvas, link, { width: 420, margin: 2, errorCorrectionLevel: "M", color: { dark: "#0e1a2b", light: "#ffffff" } }).then(
      () => canvas.setAttribute("data-ready", "true"),
      (e: unknown) => {
        if (!this.d.disposed) error.textContent = t("screens:projector.qrFailed", { message: (e as Error).message });
      },
    );
  }

  dispose(): void {
    this.d.dispose();
  }
}
