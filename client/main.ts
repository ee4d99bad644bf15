// The web client's entry: a hash router over the screens. Home (the three doors, and the pages they
// lead to: practise, teach, tournaments, join with a code) is plain DOM and is the whole first
// download; the projector view (QR code), the teaching notes and the printable briefs load on their
// own; the table (SDK, Phaser), the debrief (analytics) and the facilitator's dashboard are
// loaded when first needed.
import { HomeScreen } from "./screens/home.ts";
import type { Screen } from "./screens/screen.ts";
import { parseRoute, setNav, setShell, setTitle } from "./shell.ts";
import { fill, h } from "./ui/dom.ts";
import { brandMark } from "./ui/emblem.ts";

const app = document.getElementById("app")!;
const nav = h("nav", { "aria-label": "Screens" });
const mainEl = h("main", { id: "main", tabindex: "-1" });
app.append(
  h(
    "header",
    { class: "topbar" },
    h("a", { class: "brand", href: "#/", "aria-label": "Cyber Accord, home" }, brandMark(), h("span", { text: "Cyber Accord" })),
    h("div", { class: "spacer" }),
    nav,
  ),
  mainEl,
);

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
  fill(mainEl, h("div", { class: "loading" }, h("div", { class: "spinner", "aria-hidden": "true" }), h("p", { text: "Loading…" })));
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
    } else if (route.name === "tournament") {
      const { TournamentScreen } = await import("./screens/tournament.ts");
      next = new TournamentScreen(route.tournamentId, route.entrantCode);
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
      h("div", { class: "page" }, h("div", { class: "card", role: "alert" }, h("h2", { text: "This screen could not be loaded" }), h("p", { text: "Check your connection and reload the page." }))),
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

setShell(() => void render(), nav);
window.addEventListener("hashchange", () => void render());
void render();
