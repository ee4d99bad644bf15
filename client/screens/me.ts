// One person on many devices: the inbox ("Your tables" across devices: your move first, time left,
// unread statements and private messages, new injects), the "Link your devices" panel (the
// personal link, its QR code, copy, revoke), and the `#/me/<secret>` screen that takes a link on a
// new device. DOM only; the server is reached through client/net/people.ts.
import { ApiError } from "../net/api.ts";
import { linkAddress, people, type InboxClass, type InboxEntry, type InboxTournament } from "../net/people.ts";
import { ENTRY_BY_LINK } from "../net/tournaments.ts";
import { phaseLabel } from "./class-phase.ts";
import { personalLink, rememberTable, setPersonalLink, storedTable, storedTables, type StoredTable } from "../net/storage.ts";
import { t } from "../i18n.ts";
import { tableWords, withName, wordsLang } from "../net/table-words.ts";
import { navigate, setNav } from "../shell.ts";
import { confirmDialog, Disposer, fill, h, toast } from "../ui/dom.ts";
import { turnLength } from "../ui/format.ts";
import type { Screen } from "./screen.ts";

/** How often an open inbox reads the server again. */
const REFRESH_MS = 30_000;

function timeLeft(e: InboxEntry): string | null {
  if (e.turnEndsAt !== null) return t("inbox:row.timeLeft", { time: turnLength(Math.max(0, Math.round((e.turnEndsAt - Date.now()) / 1000))) });
  if (e.turnLeftMs !== null) return t("inbox:row.pausedLeft", { time: turnLength(Math.round(e.turnLeftMs / 1000)) });
  return null;
}

function statusText(e: InboxEntry): string {
  if (e.phase === "ended" || e.status === "ended") return t("inbox:row.ended");
  if (e.status === "abandoned") return t("inbox:row.closed");
  if (e.phase === "waiting") return t("inbox:row.waiting");
  if (e.phase === "paused") return t("inbox:row.paused", { round: e.round });
  return e.yourMove ? t("inbox:row.yourMove") : t("inbox:row.theirMove", { round: e.round });
}

/** Open a table of the inbox on this device: by its own seat token if it has one, else through the link. */
function openEntry(e: InboxEntry): void {
  const held = storedTable(e.matchId);
  rememberTable(e.matchId, {
    scenarioId: e.scenarioId,
    title: e.title,
    delegation: e.delegation ?? undefined,
    delegationName: e.delegationName ?? undefined,
    viaLink: held?.seatToken ? undefined : true,
  });
  navigate({ name: "match", matchId: e.matchId, view: "table" });
}

/** A stored table's title in the reader's language (stored in English), drawn again when the translations come. */
function storedTitle(row: StoredTable): HTMLElement {
  const words = tableWords(row.scenarioId, undefined, { title: row.title }, () => el.isConnected && el.replaceWith(storedTitle(row)));
  const el = h("strong", { text: words.title || row.matchId, ...wordsLang(words) });
  return el;
}

function inboxRow(e: InboxEntry): HTMLElement {
  const pills: HTMLElement[] = [h("span", { class: `pill ${e.yourMove ? "your-move" : e.phase}`, text: statusText(e) })];
  const left = timeLeft(e);
  if (left) pills.push(h("span", { class: "pill", text: left }));
  if (e.unreadStatements > 0) pills.push(h("span", { class: "pill unread", text: t("inbox:row.statements", { count: e.unreadStatements }) }));
  if (e.unreadMessages > 0) pills.push(h("span", { class: "pill unread", text: t("inbox:row.messages", { count: e.unreadMessages }) }));
  if (e.newInjects > 0) pills.push(h("span", { class: "pill unread", text: t("inbox:row.injects", { count: e.newInjects }) }));
  // The title and seat in the reader's language (the server lists them in English); the row is drawn again when the translations come.
  const words = tableWords(e.scenarioId, e.delegation ?? undefined, { title: e.title, seat: e.delegationName ?? undefined }, () => row.isConnected && row.replaceWith(inboxRow(e)));
  const open = h("button", { class: `btn btn-small ${e.yourMove ? "btn-primary" : ""}`, type: "button", text: t("inbox:row.open"), "aria-label": t("inbox:row.openLabel", { title: words.title }) });
  open.addEventListener("click", () => openEntry(e));
  const row = h(
    "li",
    { class: `inbox-row${e.yourMove ? " your-move" : ""}`, "data-match": e.matchId, "data-your-move": String(e.yourMove) },
    h(
      "div",
      { class: "what" },
      h("strong", { text: words.title, ...wordsLang(words) }),
      h("span", { class: "small muted" }, words.seat ? withName((name) => t("inbox:row.seat", { name }), words.seat, words.english) : []),
      h("span", { class: "inbox-pills" }, pills),
    ),
    open,
  );
  return row;
}

const TOURNAMENT_STATUS: Record<InboxTournament["status"], string> = {
  waiting: "screens:tournament.status.waiting",
  running: "screens:tournament.status.running",
  finished: "screens:tournament.status.finished",
  cancelled: "screens:tournament.status.cancelled",
};

/** A class of the person: its title, phase, their table if seated; open it (the class screen rejoins with the link). */
function classRow(c: InboxClass): HTMLElement {
  const pills: HTMLElement[] = [h("span", { class: "pill", text: c.closed ? t("inbox:classes.closed") : phaseLabel(c.phase) })];
  pills.push(h("span", { class: "pill", text: c.table ? t("inbox:classes.table", { table: c.table.table }) : t("inbox:classes.notSeated") }));
  return h(
    "li",
    { class: "inbox-row", "data-class": c.sessionId },
    h("div", { class: "what" }, h("strong", { text: c.title }), h("span", { class: "inbox-pills" }, pills)),
    h("a", { class: "btn btn-small", href: `#/class/${c.sessionId}`, text: t("inbox:row.open"), "aria-label": t("inbox:row.openLabel", { title: c.title }) }),
  );
}

/** A tournament entry of the person: its status and round; open the entrant's page by the link. */
function tournamentRow(e: InboxTournament): HTMLElement {
  const pills: HTMLElement[] = [h("span", { class: "pill", text: t(TOURNAMENT_STATUS[e.status] ?? "screens:tournament.status.waiting") })];
  if (e.status === "running") pills.push(h("span", { class: "pill", text: t("inbox:tournaments.round", { round: e.currentRound, rounds: e.rounds }) }));
  return h(
    "li",
    { class: "inbox-row", "data-tournament": e.tournamentId },
    h("div", { class: "what" }, h("strong", { text: e.name }), h("span", { class: "small muted", text: t("inbox:tournaments.as", { name: e.entrantName }) }), h("span", { class: "inbox-pills" }, pills)),
    h("a", { class: "btn btn-small", href: `#/tournament/${e.tournamentId}/entrant/${ENTRY_BY_LINK}`, text: t("inbox:row.open"), "aria-label": t("inbox:row.openLabel", { title: e.name }) }),
  );
}

/**
 * The home screen's "Your tables" when this browser holds a personal link: every table of the
 * person (from the server), then the tables only this browser knows (`localRow`: observers,
 * facilitated tables). Re-read every 30 s and when the page comes back into view.
 */
export function renderInbox(card: HTMLElement, d: Disposer, heading: HTMLElement, localRow: (row: StoredTable) => HTMLElement): void {
  const list = h("ul", { class: "table-list inbox", id: "inbox", "aria-label": t("inbox:title") });
  const local = h("ul", { class: "table-list" });
  const status = h("p", { class: "empty", text: t("common:loading") });
  const classesTitle = h("h3", { text: t("inbox:classes.title"), hidden: true });
  const classes = h("ul", { class: "table-list inbox", id: "inbox-classes", "aria-label": t("inbox:classes.title"), hidden: true });
  const tournamentsTitle = h("h3", { text: t("inbox:tournaments.title"), hidden: true });
  const tournamentList = h("ul", { class: "table-list inbox", id: "inbox-tournaments", "aria-label": t("inbox:tournaments.title"), hidden: true });
  fill(card, heading, h("p", { class: "lead", text: t("inbox:lead") }), status, list, local, classesTitle, classes, tournamentsTitle, tournamentList);
  const drawHeld = (held: { classes: InboxClass[]; tournaments: InboxTournament[] }) => {
    fill(classes, held.classes.map(classRow));
    classes.hidden = classesTitle.hidden = held.classes.length === 0;
    fill(tournamentList, held.tournaments.map(tournamentRow));
    tournamentList.hidden = tournamentsTitle.hidden = held.tournaments.length === 0;
  };
  const draw = (entries: InboxEntry[]) => {
    const inInbox = new Set(entries.map((e) => e.matchId));
    fill(list, entries.map(inboxRow));
    fill(local, storedTables().filter((x) => !inInbox.has(x.matchId) && !x.viaLink).slice(0, 8).map(localRow));
    status.textContent = entries.length === 0 && local.childElementCount === 0 ? t("inbox:empty") : "";
    status.hidden = status.textContent === "";
  };
  const refresh = () => {
    if (d.disposed || document.hidden || !card.isConnected) return;
    people.holdings().then(
      (held) => {
        if (d.disposed) return;
        draw(held.tables);
        drawHeld(held);
      },
      (e: unknown) => {
        if (d.disposed) return;
        if (e instanceof ApiError && e.code === "bad_link") {
          // The link was revoked from another device: this browser no longer holds it.
          setPersonalLink(null);
          forgetLinkedTables();
          draw([]);
          drawHeld({ classes: [], tournaments: [] });
        }
        status.hidden = false;
        status.className = "error-text";
        status.setAttribute("role", "alert");
        status.textContent = (e as Error).message;
      },
    );
  };
  refresh();
  d.interval(refresh, REFRESH_MS);
  d.listen(document, "visibilitychange", refresh);
}

/** Tables this browser reached only through a link it no longer holds: nothing left to open them with. */
function forgetLinkedTables(): void {
  for (const x of storedTables()) if (x.viaLink && !x.seatToken && !x.facilitatorToken) rememberTable(x.matchId, { viaLink: false });
}

/** Draw the link and its QR code into `box` (qrcode loads only here). */
function showLink(box: HTMLElement, secret: string, d: Disposer): void {
  const address = linkAddress(secret);
  const input = h("input", { type: "text", id: "personal-link", readonly: true, value: address, "aria-label": t("inbox:link.address") });
  input.addEventListener("focus", () => input.select());
  const copy = h("button", { class: "btn btn-small", type: "button", id: "copy-link", text: t("inbox:link.copy") });
  copy.addEventListener("click", () => {
    navigator.clipboard?.writeText(address).then(
      () => toast(t("inbox:link.copied")),
      () => {
        input.select();
        toast(t("inbox:link.copyFailed"), "error");
      },
    );
  });
  const canvas = h("canvas", { class: "link-qr", id: "link-qr", role: "img", "aria-label": t("inbox:link.qrLabel") });
  fill(box, h("div", { class: "link-row" }, input, copy), canvas, h("p", { class: "hint", text: t("inbox:link.keepSecret") }));
  void import("qrcode").then((QRCode) =>
    QRCode.default.toCanvas(canvas, address, { width: 200, margin: 1, errorCorrectionLevel: "M", color: { dark: "#0e1a2b", light: "#ffffff" } }).then(
      () => canvas.setAttribute("data-ready", "true"),
      (e: unknown) => !d.disposed && box.append(h("p", { class: "error-text", text: t("inbox:link.qrFailed", { message: (e as Error).message }) })),
    ),
  );
}

/** "Link your devices": make the personal link from the seats held here, or show it (QR, copy) and revoke it. */
export function renderLinkPanel(card: HTMLElement, d: Disposer, changed: () => void): void {
  const secret = personalLink();
  const error = h("p", { class: "error-text", role: "alert" });
  const heading = h("h2", { id: "link-title", text: t("inbox:link.title") });
  if (!secret) {
    const make = h("button", { class: "btn btn-primary", type: "button", id: "make-link", text: t("inbox:link.make") });
    make.addEventListener("click", () => {
      make.disabled = true;
      error.textContent = "";
      people.makeLink().then(
        () => changed(),
        (e: unknown) => {
          make.disabled = false;
          error.textContent = (e as Error).message;
        },
      );
    });
    fill(card, heading, h("p", { class: "lead", text: t("inbox:link.leadNone") }), h("div", { class: "actions" }, make), error);
    return;
  }
  const box = h("div", { class: "link-box" });
  const revoke = h("button", { class: "btn btn-danger btn-small", type: "button", id: "revoke-link", text: t("inbox:link.revoke") });
  revoke.addEventListener("click", () => {
    void confirmDialog(t("inbox:link.revokeTitle"), t("inbox:link.revokeBody"), t("inbox:link.revokeConfirm"), true).then((yes) => {
      if (!yes) return;
      revoke.disabled = true;
      people.revoke().then(
        () => {
          toast(t("inbox:link.revoked"));
          changed();
        },
        (e: unknown) => {
          revoke.disabled = false;
          error.textContent = (e as Error).message;
        },
      );
    });
  });
  fill(card, heading, h("p", { class: "lead", text: t("inbox:link.lead") }), box, h("div", { class: "actions" }, revoke), error);
  showLink(box, secret, d);
}

/**
 * `#/me/<secret>`: a personal link opened on a device. The link is checked (its inbox read), kept
 * in this browser, and taken out of the address bar; then the inbox and the link's panel show.
 * `#/me` shows the same for the link this browser already holds.
 */
export class MeScreen implements Screen {
  title = t("inbox:screenTitle");
  private d = new Disposer();
  private root!: HTMLElement;

  constructor(private readonly secret: string | null) {}

  mount(root: HTMLElement): void {
    this.root = root;
    setNav(h("a", { href: "#/", id: "nav-home", text: t("inbox:navHome") }));
    if (this.secret === null) return this.draw(null);
    fill(root, h("div", { class: "loading" }, h("div", { class: "spinner", "aria-hidden": "true" }), h("p", { text: t("inbox:taking") })));
    const secret = this.secret;
    people.inbox(secret).then(
      () => {
        if (this.d.disposed) return;
        setPersonalLink(secret);
        // The secret leaves the address bar (and this page's history entry).
        history.replaceState(null, "", "#/me");
        this.draw(t("inbox:taken"));
      },
      (e: unknown) => {
        if (this.d.disposed) return;
        history.replaceState(null, "", "#/me");
        this.draw(null, (e as Error).message);
      },
    );
  }

  private draw(notice: string | null, error?: string): void {
    if (this.d.disposed) return;
    const page = h("div", { class: "page me-page" });
    page.append(h("section", { class: "hero hero-small" }, h("h1", { id: "me-title", text: t("inbox:screenTitle") }), h("p", { text: t("inbox:screenLead") })));
    if (notice) page.append(h("p", { class: "notice-text", role: "status", id: "me-notice", text: notice }));
    if (error) page.append(h("p", { class: "error-text", role: "alert", id: "me-error", text: error }));
    const inbox = h("section", { class: "card", "aria-labelledby": "inbox-title" });
    const link = h("section", { class: "card link-panel", id: "link-panel", "aria-labelledby": "link-title" });
    page.append(h("div", { class: "home-grid home-held" }, inbox, link));
    fill(this.root, page);
    const heading = h("h2", { id: "inbox-title", text: t("inbox:title") });
    if (personalLink()) renderInbox(inbox, this.d, heading, (row) => h("li", null, h("div", { class: "what" }, storedTitle(row)), h("a", { class: "btn btn-small", href: `#/table/${row.matchId}`, text: t("inbox:row.open") })));
    else fill(inbox, heading, h("p", { class: "empty", text: t("inbox:noLinkHere") }));
    renderLinkPanel(link, this.d, () => this.draw(null));
  }

  dispose(): void {
    this.d.dispose();
  }
}
