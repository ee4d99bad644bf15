// The page's frame shared by every screen: routes (hash based, so the server needs no rewrites),
// the header's navigation, and the document title.
import { fill } from "./ui/dom.ts";

export type MatchView = "brief" | "table" | "debrief";

export type Route = { name: "home" } | { name: "match"; matchId: string; view: MatchView } | { name: "facilitate" } | { name: "tournament"; tournamentId: string | null; entrantCode: string | null } | { name: "class"; sessionId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  if (parts[0] === "table" && parts[1] && /^[a-z0-9]{1,32}$/.test(parts[1])) {
    const view: MatchView = parts[2] === "brief" ? "brief" : parts[2] === "debrief" ? "debrief" : "table";
    return { name: "match", matchId: parts[1], view };
  }
  if (parts[0] === "facilitate") return { name: "facilitate" };
  if (parts[0] === "tournament" && parts[1] === "new") return { name: "tournament", tournamentId: null, entrantCode: null };
  if (parts[0] === "tournament" && parts[1] && /^[a-z0-9]{1,32}$/.test(parts[1])) {
    const code = parts[2] === "entrant" && parts[3] ? decodeURIComponent(parts[3]) : null;
    return { name: "tournament", tournamentId: parts[1], entrantCode: code };
  }
  if (parts[0] === "class" && parts[1] && /^[a-z0-9]{1,32}$/.test(parts[1])) return { name: "class", sessionId: parts[1] };
  return { name: "home" };
}

export function href(route: Route): string {
  switch (route.name) {
    case "home":
      return "#/";
    case "facilitate":
      return "#/facilitate";
    case "tournament":
      return route.tournamentId === null ? "#/tournament/new" : `#/tournament/${route.tournamentId}${route.entrantCode ? `/entrant/${encodeURIComponent(route.entrantCode)}` : ""}`;
    case "match":
      return `#/table/${route.matchId}${route.view === "table" ? "" : `/${route.view}`}`;
    case "class":
      return `#/class/${route.sessionId}`;
  }
}

let renderFn: () => void = () => undefined;
let navEl: HTMLElement | null = null;

export function setShell(render: () => void, nav: HTMLElement): void {
  renderFn = render;
  navEl = nav;
}

export function navigate(route: Route, replace = false): void {
  const target = href(route);
  if (location.hash === target) return;
  if (replace) {
    history.replaceState(null, "", target);
    renderFn();
  } else {
    location.hash = target;
  }
}

/** Screens fill the header's navigation with their own links. */
export function setNav(...items: HTMLElement[]): void {
  if (navEl) fill(navEl, items);
}

export function setTitle(title: string): void {
  document.title = title ? `${title} · Cyber Accord` : "Cyber Accord";
}
