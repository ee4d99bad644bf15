// Asking for the host key where a creation was refused for want of it: a field and a button in
// place of the error text, which retry the creation with the key (kept by this browser).
import { hostKey, setHostKey } from "../net/host-key.ts";
import { t } from "../i18n.ts";
import { fill, h, newId } from "./dom.ts";

export function askForHostKey(where: HTMLElement, message: string, retry: () => void): void {
  const id = newId("host-key");
  const input = h("input", { id, type: "password", autocomplete: "off", spellcheck: "false", class: "input" }) as HTMLInputElement;
  input.value = hostKey() ?? "";
  const use = h("button", { class: "btn btn-primary", type: "button", text: t("common:hostKey.use") });
  const go = () => {
    const key = input.value.trim();
    if (!key) return input.focus();
    setHostKey(key);
    fill(where);
    retry();
  };
  use.addEventListener("click", go);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") go();
  });
  fill(
    where,
    h("span", { text: message }),
    h("span", { class: "host-key" }, h("label", { for: id, text: t("common:hostKey.label") }), input, use),
  );
  input.focus();
}
