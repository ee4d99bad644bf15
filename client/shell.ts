// The page's frame shared by every screen: routes (hash based, so the server needs no rewrites),
// the header's navigation, and the document title.
import { isId } from "../shared/protocol/ids.ts";
import { fill } from "./ui/dom.ts";

export type MatchView = "brief" | "table" | "debrief";

/** A class or a table: whose code, notes and briefs a teacher's screen shows. */
export type MaterialsKind = "class" | "table";

export type Route =
  | { name: "home" }
  | { name: "practise" }
  | { name: "teach" }
  | { name: "tournaments" }
  | { name: "join"; kind: MaterialsKind | null; code: string | null }
  | { name: "projector"; kind: MaterialsKind; code: string }
  | { name: "materials"; view: "notes" | "print"; kind: MaterialsKind; id: string }
  | { name: "learn"; concept: string | null }
  | { name: "practice"; drill: string | null; seed: number }
  | { name: "progress" }
  | { name: "match"; matchId: string; view: MatchView }
  | { name: "me"; secret: string | null } | { name: "facilitate" } | { name: "tournament"; tournamentId: string | null; entrantCode: string | null } | { name: "class"; sessionId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  if (parts[0] === "table" && parts[1] && isId(parts[1])) {
    const view: MatchView = parts[2] === "brief" ? "brief" : parts[2] === "debrief" ? "debrief" : "table";
    return { name: "match", matchId: parts[1], view };
  }
  if (parts[0] === "facilitate") return { name: "facilitate" };
  // #/me/<secret>: a personal link (43 base64url symbols); #/me: the link this browser holds.
  if (parts[0] === "me") return { name: "me", secret: parts[1] && /^[A-Za-z0-9_-]{20,128}$/.test(parts[1]) ? parts[1] : null };
  // #/learn (the glossary's index), #/learn/<concept> (the screen says so when there is no such page)
  if (parts[0] === "learn") return { name: "learn", concept: parts[1] && /^[a-z-]{1,40}$/.test(parts[1]) ? parts[1] : null };
  if (parts[0] === "practise") return { name: "practise" };
  // #/practice: the drills (not #/practise, the solo game's setup); #/practice/<drill>[/<seed>] plays one.
  if (parts[0] === "practice") {
    const drill = parts[1] && /^[a-z0-9][a-z0-9.-]{0,120}$/.test(parts[1]) ? parts[1] : null;
    const seed = drill && parts[2] && /^\d{1,9}$/.test(parts[2]) ? Number(parts[2]) : 1;
    return { name: "practice", drill, seed };
  }
  if (parts[0] === "progress") return { name: "progress" };
  if (parts[0] === "teach") return { name: "teach" };
  if (parts[0] === "tournaments") return { name: "tournaments" };
  if (parts[0] === "join") {
    // #/join, #/join/<code> (a class's or a table's: the page tries both), #/join/class/<code>, #/join/table/<code>
    const kind = parts[1] === "class" || parts[1] === "table" ? parts[1] : null;
    const raw = kind ? parts[2] : parts[1];
    const code = raw && /^[A-Za-z0-9-]{1,20}$/.test(raw) ? raw.toUpperCase() : null;
    return { name: "join", kind: code ? kind : null, code };
  }
  if (parts[0] === "projector" && (parts[1] === "class" || parts[1] === "table") && parts[2] && /^[A-Za-z0-9-]{1,20}$/.test(parts[2])) return { name: "projector", kind: parts[1], code: parts[2].toUpperCase() };
  if ((parts[0] === "notes" || parts[0] === "print") && (parts[1] === "class" || parts[1] === "table") && parts[2] && isId(parts[2])) return { name: "materials", view: parts[0], kind: parts[1], id: parts[2] };
  if (parts[0] === "tournament" && parts[1] === "new") return { name: "tournament", tournamentId: null, entrantCode: null };
  if (parts[0] === "tournament" && parts[1] && isId(parts[1])) {
    const code = parts[2] === "entrant" && parts[3] ? decodeURIComponent(parts[3]) : null;
    return { name: "tournament", tournamentId: parts[1], entrantCode: code };
  }
  if (parts[0] === "class" && parts[1] && isId(parts[1])) return { name: "class", sessionId: parts[1] };
  return { name: "home" };
}

export function href(route: Route): string {
  switch (route.name) {
    case "home":
      return "#/";
    case "practise":
    case "teach":
    case "tournaments":
      return `#/${route.name}`;
    case "join":
      return route.code ? `#/join/${route.kind ? `${route.kind}/` : ""}${route.code}` : "#/join";
    case "projector":
      return `#/projector/${route.kind}/${route.code}`;
    case "materials":
      return `#/${route.view}/${route.kind}/${route.id}`;
    case "practice":
      return route.drill ? `#/practice/${route.drill}${route.seed !== 1 ? `/${route.seed}` : ""}` : "#/practice";
    case "progress":
      return "#/progress";
    case "facilitate":
      return "#/facilitate";
    case "me":
      return route.secret ? `#/me/${route.secret}` : "#/me";
    case "learn":
      return route.concept ? `#/learn/${route.concept}` : "#/learn";
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

/** A join code as people read it aloud: `K7QXM2PA` → `K7QX-M2PA`. */
export function formatJoinCode(code: string): string {
  const plain = code.toUpperCase().replace(/[\s-]/g, "");
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : code.toUpperCase();
}

/** The address that opens this app on the join page with `code` filled in (what the projector's QR code holds). */
export function joinLink(kind: MaterialsKind, code: string): string {
  return `${location.origin}${location.pathname}${href({ name: "join", kind, code: formatJoinCode(code) })}`;
}

export function setTitle(title: string): void {
  document.title = title ? `${title} · Cyber Accord` : "Cyber Accord";
}
