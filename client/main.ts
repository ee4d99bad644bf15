// The web client's entry: a hash router over the screens. Home (the three doors, and the pages they
// lead to: practise, teach, tournaments, join with a code) is plain DOM and is the whole first
// download; the projector view (QR code), the teaching notes and the printable briefs load on their
// own; the table (SDK, Phaser), the debrief (analytics) and the facilitator's dashboard are
// loaded when first needed. The language switcher (English / বাংলা, and Bengali or Latin digits) sits in
// the header on every screen; a change re-renders the current screen in place (a table keeps its seat,
// its connection and its state: screens with `relocalize` redraw themselves, the others are rebuilt).
import { LOCALE_NAMES, LOCALES, isLocale } from "../shared/i18n/index.ts";
import { digits, locale, onLocaleChange, setDigits, setLocale, t } from "./i18n.ts";
import { HomeScreen } from "./screens/home.ts";
import type { Screen } from "./screens/screen.ts";
import { parseRoute, setNav, setShell, setTitle } from "./shell.ts";
import { fill, h } from "./ui/dom.ts";
import { brandMark } from "./ui/emblem.ts";

const app = document.getElementById("app")!;
const nav = h("nav", { "aria-label": t("screens:shell.navLabel") });
const mainEl = h("main", { id: "main", tabindex: "-1" });
const brand = h("a", { class: "brand", href: "#/", "aria-label": t("screens:shell.homeLabel") }, brandMark(), h("span", { text: "Cyber Accord" }));

/** The language and digits selects: each language named in its own script. */
function languageSwitcher(): HTMLElement {
  const lang = h(
    "select",
    { id: "locale-select", "aria-label": t("screens:shell.language"), on: { change: () => isLocale(lang.value) && setLocale(lang.value) } },
    LOCALES.map((l) => h("option", { value: l, lang: l, selected: l === locale(), text: LOCALE_NAMES[l] })),
  );
  const dig = h(
    "select",
    { id: "digits-select", "aria-label": t("screens:shell.digits"), title: t("screens:shell.digits"), hidden: locale() === "en", on: { change: () => setDigits(dig.value === "latin" ? "latin" : "native") } },
    h("option", { value: "native", selected: digits() === "native", text: t("screens:shell.digitsNative") }),
    h("option", { value: "latin", selected: digits() === "latin", text: t("screens:shell.digitsLatin") }),
  );
  return h("div", { class: "lang-switch" }, lang, dig);
}

let switcher = languageSwitcher();
app.append(h("header", { class: "topbar" }, brand, h("div", { class: "spacer" }), nav, switcher), mainEl);

/** The page's own words outside the app (index.html): the skip link. */
function pageWords(): void {
  const skip = document.querySelector(".skip-link");
  if (skip) skip.textContent = t("screens:shell.skip");
}
pageWords();

let screen: Screen | null = null;
let screenKey = "";
let rendering = 0;

async function render(): Promise<void> {
  const route = parseRoute(location.hash);
  const ticket = ++rendering;
  // The match screen stays mounted (and connected) while the player moves between its views.
  if (route.name === "match" && screen?.show && screenKey === `match:${route.matchId}`) {
    screen.show(route);
    return;
  }
  screen?.dispose();
  screen = null;
  screenKey = "";
  setNav();
  fill(mainEl, h("div", { class: "loading" }, h("div", { class: "spinner", "aria-hidden": "true" }), h("p", { text: t("common:loading") })));
  let next: Screen;
  try {
    if (route.name === "home" || route.name === "practise" || route.name === "teach" || route.name === "tournaments") {
      next = new HomeScreen(route.name);
    } else if (route.name === "join") {
      next = new HomeScreen("join", { kind: route.kind, code: route.code });
    } else if (route.name === "projector") {
      const { ProjectorScreen } = await import("./screens/projector.ts");
      next = new ProjectorScreen(route.kind, route.code);
    } else if (route.name === "materials") {
      const { MaterialsScreen } = await import("./screens/materials.ts");
      next = new MaterialsScreen(route.view, route.kind, route.id);
    } else if (route.name === "match") {
      const { MatchScreen } = await import("./screens/match.ts");
      next = new MatchScreen(route.matchId);
    } else if (route.name === "practice") {
      const { PracticeScreen } = await import("./screens/practice.ts");
      next = new PracticeScreen(route.drill, route.seed);
    } else if (route.name === "progress") {
      const { ProgressScreen } = await import("./screens/progress.ts");
      next = new ProgressScreen();
    } else if (route.name === "tournament") {
      const { TournamentScreen } = await import("./screens/tournament.ts");
      next = new TournamentScreen(route.tournamentId, route.entrantCode);
    } else if (route.name === "learn") {
      const { LearnScreen } = await import("./screens/learn.ts");
      next = new LearnScreen(route.concept);
    } else if (route.name === "me") {
      const { MeScreen } = await import("./screens/me.ts");
      next = new MeScreen(route.secret);
    } else if (route.name === "class") {
      const { ClassScreen } = await import("./screens/class.ts");
      next = new ClassScreen(route.sessionId);
    } else {
      const { FacilitatorDashboard } = await import("./screens/dashboard.ts");
      next = new FacilitatorDashboard();
    }
  } catch (e) {
    console.error(e);
    fill(
      mainEl,
      h("div", { class: "page" }, h("div", { class: "card", role: "alert" }, h("h2", { text: t("screens:shell.loadFailed") }), h("p", { text: t("screens:shell.loadFailedHint") }))),
    );
    return;
  }
  if (ticket !== rendering) {
    next.dispose();
    return;
  }
  screen = next;
  screenKey = route.name === "match" ? `match:${route.matchId}` : route.name;
  fill(mainEl);
  setTitle(next.title ?? "");
  next.mount(mainEl);
  next.show?.(route);
}

/** After a change of language: the shell's words, then the screen (redrawn in place, or rebuilt). */
function relocalize(): void {
  nav.setAttribute("aria-label", t("screens:shell.navLabel"));
  brand.setAttribute("aria-label", t("screens:shell.homeLabel"));
  pageWords();
  const next = languageSwitcher();
  switcher.replaceWith(next);
  switcher = next;
  if (screen?.relocalize) {
    setTitle(screen.title ?? "");
    screen.relocalize();
  } else {
    screenKey = "";
    void render();
  }
}
onLocaleChange(relocalize);

setShell(() => void render(), nav);
window.addEventListener("hashchange", () => void render());
void render();
