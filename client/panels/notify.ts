// "Notify me": the person's opt-ins for their tables (docs/PROTOCOL.md §13): an e-mail address
// (offered only when the server sends e-mail) and this browser's Web Push. Shown on the home screen
// beside "Your tables". `credentials` are what names the person to the server: the personal link's
// secret, or the seat tokens this browser holds (each opt-in is then made for every one of them).
import { currentSubscription, notify, NotifyError, pushSupported, subscribeThisBrowser, unsubscribeThisBrowser, type NotifySettings } from "../net/notify.ts";
import { personalLink, storedTables } from "../net/storage.ts";
import { t } from "../i18n.ts";
import { fill, h } from "../ui/dom.ts";

/**
 * Who this browser is to the server: its personal link (one person, every table the link holds:
 * seats taken here join it), or else each seat token it holds (one person per table).
 */
export function browserCredentials(): string[] {
  const link = personalLink();
  if (link) return [link];
  return storedTables().flatMap((x) => (x.seatToken ? [x.seatToken] : []));
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** The panel; it loads the opt-ins itself and redraws after each change. */
export function notifyPanel(credentials: () => string[] = browserCredentials): HTMLElement {
  const card = h("section", { class: "card notify-panel", id: "notify-panel", "aria-labelledby": "notify-title" });
  const title = h("h2", { id: "notify-title", text: t("notify:panel.title") });
  const status = h("p", { class: "error-text", role: "alert", id: "notify-error" });

  const fail = (e: unknown) => {
    status.textContent = t("notify:panel.failed", { message: e instanceof NotifyError || e instanceof Error ? e.message : String(e) });
  };

  async function draw(): Promise<void> {
    const creds = [...new Set(credentials())];
    if (creds.length === 0) {
      fill(card, title, h("p", { class: "empty", text: t("notify:panel.noSeats") }));
      return;
    }
    let settings: NotifySettings;
    try {
      settings = await notify.settings(creds[0]!);
    } catch (e) {
      fill(card, title, status);
      fail(e);
      return;
    }
    status.textContent = "";
    fill(card, title, h("p", { class: "hint", text: t("notify:panel.lead") }), emailPart(creds, settings), await pushPart(creds), status);
  }

  function emailPart(creds: string[], settings: NotifySettings): HTMLElement {
    if (!settings.mailAvailable) return h("p", { class: "empty", id: "notify-email-unavailable", text: t("notify:panel.emailUnavailable") });
    if (settings.email) {
      const stop = h("button", { class: "btn btn-small btn-quiet", type: "button", id: "notify-email-stop", text: t("notify:panel.emailStop") });
      stop.addEventListener("click", () => {
        stop.disabled = true;
        void Promise.all(creds.map((c) => notify.stopEmail(c))).then(draw, (e: unknown) => {
          stop.disabled = false;
          fail(e);
        });
      });
      // Until the link in the confirmation e-mail is followed, nothing else goes there: say so.
      const on = settings.emailConfirmed
        ? h("span", { id: "notify-email-on", text: t("notify:panel.emailOn", { email: settings.email }) })
        : h("span", { id: "notify-email-pending", text: t("notify:panel.emailPending", { email: settings.email }) });
      return h("div", { class: "row" }, on, stop);
    }
    const input = h("input", { type: "text", inputmode: "email", spellcheck: "false", id: "notify-email", autocomplete: "email", maxlength: 254, placeholder: "name@example.org" });
    const save = h("button", { class: "btn btn-primary btn-small", type: "submit", id: "notify-email-save", text: t("notify:panel.emailSave") });
    const form = h("form", { class: "field" }, h("label", { for: "notify-email", text: t("notify:panel.emailLabel") }), h("div", { class: "row" }, input, save));
    // Our own message for a wrong address, in the reader's language (not the browser's bubble).
    form.noValidate = true;
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const email = input.value.trim();
      if (!EMAIL.test(email)) return void (status.textContent = t("notify:panel.badEmail"));
      save.disabled = true;
      // One request for every credential: one confirmation e-mail, whose link confirms them all.
      void notify.setEmail(creds[0]!, email, creds.slice(1)).then(draw, (err: unknown) => {
        save.disabled = false;
        fail(err);
      });
    });
    return form;
  }

  async function pushPart(creds: string[]): Promise<HTMLElement> {
    if (!pushSupported()) return h("p", { class: "empty", id: "notify-push-unsupported", text: t("notify:panel.pushUnsupported") });
    if (Notification.permission === "denied") return h("p", { class: "empty", id: "notify-push-denied", text: t("notify:panel.pushDenied") });
    // A push manager that cannot answer (an insecure page, a browser without it) shows the opt-in, as with no subscription.
    const subscribed = (await currentSubscription().catch(() => null)) !== null;
    if (subscribed) {
      const off = h("button", { class: "btn btn-small btn-quiet", type: "button", id: "notify-push-off", text: t("notify:panel.pushOff") });
      off.addEventListener("click", () => {
        off.disabled = true;
        void unsubscribeThisBrowser(creds).then(draw, (e: unknown) => {
          off.disabled = false;
          fail(e);
        });
      });
      return h("div", { class: "row" }, h("span", { id: "notify-push-on", text: t("notify:panel.pushActive") }), off);
    }
    const on = h("button", { class: "btn btn-small", type: "button", id: "notify-push", text: t("notify:panel.pushOn") });
    on.addEventListener("click", () => {
      on.disabled = true;
      void subscribeThisBrowser(creds).then(draw, (e: unknown) => {
        on.disabled = false;
        fail(e);
      });
    });
    return h("div", { class: "actions" }, on);
  }

  fill(card, title);
  void draw();
  return card;
}
