// Home: solo practice in one click, creating a table, joining with a code, watching, and the
// tables this browser holds. Plain DOM with no SDK: the connection module loads on the first click.
import { needsHostKey } from "../net/host-key.ts";
import { askForHostKey } from "../ui/host-key.ts";
import { api, ApiError, type MatchListing, type MatchRecord, type ScenarioSummary } from "../net/api.ts";
import { setCurrent } from "../net/current.ts";
import { forgetTable, personalLink, playerName, rememberTable, setPlayerName, storedTables, type StoredTable } from "../net/storage.ts";
import { renderInbox, renderLinkPanel } from "./me.ts";
import { tableWords, withName, wordsLang } from "../net/table-words.ts";
import type { CreateOptionsInput, JoinOptionsInput, SeatConfig } from "../../shared/protocol/index.ts";
import { h, fill, newId, Disposer } from "../ui/dom.ts";
import { protocolLabel, turnLength, scenarioLabel } from "../ui/format.ts";
import { t } from "../i18n.ts";
import { formatJoinCode, navigate, setNav, type MatchView } from "../shell.ts";
import type { Screen } from "./screen.ts";
import { summaryText } from "../scenario-text.ts";
import { notifyPanel } from "../panels/notify.ts";
import { practiceLinks } from "../practice/links.ts";

type Difficulty = "easy" | "medium" | "hard";

const DIFFICULTIES: { id: Difficulty; label: string; hint: string }[] = [
  { id: "easy", label: "screens:home.difficulty.easy", hint: "screens:home.difficulty.easyHint" },
  { id: "medium", label: "screens:home.difficulty.medium", hint: "screens:home.difficulty.mediumHint" },
  { id: "hard", label: "screens:home.difficulty.hard", hint: "screens:home.difficulty.hardHint" },
];

/** Turn timers offered, grouped as a person thinks of them: minutes, hours, days (the server allows up to 7 days). */
const TIMERS: { group: string; seconds: number[] }[] = [
  { group: "screens:home.create.timerMinutes", seconds: [60, 120, 300, 600, 1800] },
  { group: "screens:home.create.timerHours", seconds: [3600, 2 * 3600, 4 * 3600, 8 * 3600, 12 * 3600] },
  { group: "screens:home.create.timerDays", seconds: [86400, 2 * 86400, 3 * 86400, 7 * 86400] },
];
/** From this turn length on, the form offers the long-turn settings (quiet hours, votes until all, stand-ins). */
const LONG_TURN_SECONDS = 3600;

function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "icon");
  svg.setAttribute("aria-hidden", "true");
  const p = document.createElementNS("http://www.w3.org/2000/svg", "path");
  p.setAttribute("d", path);
  p.setAttribute("fill", "none");
  p.setAttribute("stroke", "currentColor");
  p.setAttribute("stroke-width", "1.8");
  p.setAttribute("stroke-linecap", "round");
  p.setAttribute("stroke-linejoin", "round");
  svg.appendChild(p);
  return svg;
}

const ICONS = {
  solo: "M12 3l2.5 5 5.5.8-4 3.9.9 5.5L12 15.6 7.1 18.2 8 12.7 4 8.8 9.5 8z",
  create: "M4 20h16M6 16h12l-1-9H7zM9 7V4h6v3",
  join: "M10 17l5-5-5-5M15 12H3M14 3h5a2 2 0 012 2v14a2 2 0 01-2 2h-5",
  watch: "M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12zm10 3a3 3 0 100-6 3 3 0 000 6z",
  tables: "M3 6h18M3 12h18M3 18h18",
};

function selectField(label: string, select: HTMLSelectElement, hint?: HTMLElement | string): HTMLElement {
  const id = select.id || newId("f");
  select.id = id;
  return h("div", { class: "field" }, h("label", { for: id, text: label }), select, hint ? (typeof hint === "string" ? h("div", { class: "hint", text: hint }) : hint) : null);
}

/** Which page of the front door: the three doors, or the page one of them leads to. */
export type HomePage = "home" | "practise" | "teach" | "tournaments" | "join";

const DOORS: { id: string; page: HomePage; title: string; text: string; icon: string; cta: string }[] = [
  { id: "door-practise", page: "practise", title: "screens:home.doors.practise.title", text: "screens:home.doors.practise.text", icon: ICONS.solo, cta: "screens:home.doors.practise.cta" },
  { id: "door-teach", page: "teach", title: "screens:home.doors.teach.title", text: "screens:home.doors.teach.text", icon: ICONS.create, cta: "screens:home.doors.teach.cta" },
  { id: "door-tournament", page: "tournaments", title: "screens:home.doors.tournament.title", text: "screens:home.doors.tournament.text", icon: ICONS.watch, cta: "screens:home.doors.tournament.cta" },
];

export class HomeScreen implements Screen {
  title = "";
  private d = new Disposer();
  private scenarios: ScenarioSummary[] = [];
  private root!: HTMLElement;
  private busy = false;

  constructor(
    private readonly page: HomePage = "home",
    private readonly joinWith: { kind: "class" | "table" | null; code: string | null } = { kind: null, code: null },
  ) {
    this.title = page === "practise" ? t("screens:home.titles.practise") : page === "teach" ? t("screens:home.titles.teach") : page === "tournaments" ? t("screens:home.titles.tournaments") : page === "join" ? t("screens:home.titles.join") : "";
  }

  mount(root: HTMLElement): void {
    this.root = root;
    setNav(
      ...(this.page !== "home" ? [h("a", { href: "#/", id: "nav-home", text: t("screens:home.navHome") })] : []),
      ...(storedTables().some((x) => x.facilitatorToken) ? [h("a", { href: "#/facilitate", text: t("screens:home.navFacilitator") })] : []),
    );
    const page = h("div", { class: `page home-page home-page-${this.page}` });
    root.append(page);
    if (this.page === "home") this.mountDoors(page);
    else if (this.page === "practise") this.mountPractise(page);
    else if (this.page === "teach") this.mountTeach(page);
    else if (this.page === "tournaments") this.mountTournaments(page);
    else this.mountJoin(page);
  }

  private nameField(): HTMLElement {
    const nameInput = h("input", { type: "text", id: "player-name", maxlength: 60, autocomplete: "nickname", placeholder: t("screens:home.namePlaceholder"), value: playerName() });
    nameInput.addEventListener("change", () => setPlayerName(nameInput.value));
    return h("div", { class: "field home-name" }, h("label", { for: "player-name", text: t("screens:home.nameLabel") }), nameInput);
  }

  private heading(title: string, lead: string, withName = false): HTMLElement {
    return h("section", { class: "hero hero-small", "aria-labelledby": "home-title" }, h("h1", { id: "home-title", text: title }), h("p", { text: lead }), withName ? this.nameField() : null);
  }

  // ---- the front door: three doors and "Join with a code" ----------------------------------

  private mountDoors(page: HTMLElement): void {
    const code = h("input", { type: "text", id: "home-code", autocomplete: "off", autocapitalize: "characters", spellcheck: "false", placeholder: "K7QX-M2PA", maxlength: 20 });
    const go = h("button", { class: "btn btn-primary", type: "submit", id: "home-join", text: t("screens:home.joinForm.button") });
    const error = h("p", { class: "error-text", role: "alert" });
    const form = h(
      "form",
      { class: "home-join", "aria-labelledby": "home-join-title" },
      h("h2", { id: "home-join-title" }, icon(ICONS.join), t("screens:home.joinForm.title")),
      h("label", { for: "home-code", class: "visually-hidden", text: t("screens:home.joinForm.codeLabel") }),
      code,
      go,
      h("span", { class: "hint", text: t("screens:home.joinForm.hint") }),
      error,
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const value = code.value.trim();
      if (!/^[A-Za-z0-9 -]{4,20}$/.test(value)) return void (error.textContent = t("screens:home.joinForm.badCode"));
      navigate({ name: "join", kind: null, code: value.replace(/\s/g, "").toUpperCase() });
    });
    page.append(
      h(
        "section",
        { class: "hero hero-doors", "aria-labelledby": "home-title" },
        h("div", { class: "eyebrow", text: t("screens:home.hero.eyebrow") }),
        h("h1", { id: "home-title", text: t("screens:home.hero.title") }),
        h("p", { text: t("screens:home.hero.text") }),
      ),
      form,
      h(
        "nav",
        { class: "doors", "aria-label": t("screens:home.doors.label") },
        DOORS.map((door) =>
          h(
            "a",
            { class: "door card", id: door.id, href: `#/${door.page}` },
            h("h2", null, icon(door.icon), t(door.title)),
            h("p", { text: t(door.text) }),
            h("span", { class: "btn btn-primary door-cta", text: `${t(door.cta)} →` }),
          ),
        ),
      ),
    );
    page.append(practiceLinks());
    // What this browser already holds: its tables and its classes (below the fold is fine).
    const mine = h("section", { class: "card", "aria-labelledby": "mine-title" });
    const classes = h("section", { class: "card", id: "class-join", "aria-labelledby": "class-mine-title" });
    const link = h("section", { class: "card link-panel", id: "link-panel", "aria-labelledby": "link-title" });
    this.renderMine(mine);
    // One person on many devices: the personal link (client/screens/me.ts); a new link turns "Your tables" into the inbox.
    const drawLink = () => renderLinkPanel(link, this.d, () => (this.renderMine(mine), drawLink()));
    drawLink();
    const grid = h("div", { class: "home-grid home-held" }, mine, classes, link, notifyPanel());
    page.append(grid);
    void import("./class-home.ts").then((m) => {
      if (this.d.disposed) return;
      if (!m.renderKnownClasses(classes)) classes.remove();
    });
    page.append(h("p", { class: "footer", text: t("screens:home.footer") }));
  }

  // ---- the doors' pages ---------------------------------------------------------------------

  private mountPractise(page: HTMLElement): void {
    page.append(this.heading(t("screens:home.titles.practise"), t("screens:home.practiseLead"), true), practiceLinks());
    const solo = h("section", { class: "card", "aria-labelledby": "solo-title" });
    const create = h("section", { class: "card", "aria-labelledby": "create-title" });
    const open = h("section", { class: "card", "aria-labelledby": "open-title" });
    page.append(h("div", { class: "home-grid" }, h("div", { class: "home-col" }, solo, open), h("div", { class: "home-col" }, create)));
    fill(solo, h("h2", { id: "solo-title" }, icon(ICONS.solo), t("screens:home.solo.title")), h("p", { class: "empty", text: t("screens:home.solo.loading") }));
    this.renderOpen(open);
    api.scenarios().then(
      (list) => {
        if (this.d.disposed) return;
        // Two-delegation scenarios first: the quickest way into a first game.
        this.scenarios = [...list].sort((a, b) => a.delegations.length - b.delegations.length || a.year - b.year);
        this.renderSolo(solo);
        this.renderCreate(create);
      },
      (e: unknown) => {
        const msg = e instanceof ApiError ? e.message : t("screens:home.solo.loadFailed");
        fill(solo, h("h2", { id: "solo-title" }, icon(ICONS.solo), t("screens:home.solo.title")), h("p", { class: "error-text", role: "alert", text: msg }));
        fill(create, h("h2", { id: "create-title" }, icon(ICONS.create), t("screens:home.create.title")), h("p", { class: "error-text", text: msg }));
      },
    );
  }

  private mountTeach(page: HTMLElement): void {
    page.append(this.heading(t("screens:home.titles.teach"), t("screens:home.teachLead"), true));
    const run = h("section", { class: "card", id: "class-run", "aria-labelledby": "class-run-title" });
    const side = h("div", { class: "home-col" });
    page.append(h("div", { class: "home-grid teach-grid" }, h("div", { class: "home-col" }, run), side));
    void import("./class-home.ts").then((m) => {
      if (!this.d.disposed) m.renderTeach(run, side, () => this.name(), this.d);
    });
  }

  private mountTournaments(page: HTMLElement): void {
    page.append(this.heading(t("screens:home.doors.tournament.title"), t("screens:home.tournamentsLead")));
    const tournament = h("section", { class: "card", id: "tournament-card", "aria-labelledby": "tournament-title" });
    page.append(tournament);
    void import("./tournament.ts").then((m) => {
      if (!this.d.disposed) m.renderTournamentCard(tournament);
    });
  }

  private mountJoin(page: HTMLElement): void {
    page.append(this.heading(t("screens:home.titles.join"), t("screens:home.join.lead"), true));
    const join = h("section", { class: "card join-card", "aria-labelledby": "join-title" });
    page.append(join);
    this.renderJoin(join);
  }

  dispose(): void {
    this.d.dispose();
  }

  private name(): string | undefined {
    const input = this.root.querySelector<HTMLInputElement>("#player-name");
    const name = (input?.value ?? playerName()).trim();
    if (name) setPlayerName(name);
    return name || undefined;
  }

  private scenarioSelect(id: string): HTMLSelectElement {
    const select = h("select", { id });
    for (const s of this.scenarios) select.append(h("option", { value: s.id, text: scenarioLabel(summaryText(s)) }));
    return select;
  }

  /** A scenario of the list, its title and names in the reader's language. */
  private scenario(id: string): ScenarioSummary {
    return summaryText(this.scenarios.find((s) => s.id === id) ?? this.scenarios[0]!);
  }

  /** Open a connection (the SDK loads now), keep it for the match screen, and go there. */
  private async connect(open: (mod: typeof import("../net/connection.ts")) => Promise<import("../net/connection.ts").TableConnection>, view: MatchView, button: HTMLButtonElement, error: HTMLElement): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const label = button.textContent;
    button.disabled = true;
    button.textContent = t("common:connecting");
    error.textContent = "";
    try {
      const mod = await import("../net/connection.ts");
      const conn = await open(mod);
      setCurrent(conn);
      navigate({ name: "match", matchId: conn.matchId, view });
    } catch (e) {
      error.textContent = (e as Error).message || t("screens:home.connectFailed");
      button.disabled = false;
      button.textContent = label;
      if (needsHostKey(e)) askForHostKey(error, error.textContent, () => button.click());
    } finally {
      this.busy = false;
    }
  }

  // ---- solo ---------------------------------------------------------------------------------

  private renderSolo(card: HTMLElement): void {
    const scenarioSel = this.scenarioSelect("solo-scenario");
    const delegationSel = h("select", { id: "solo-delegation" });
    const about = h("div", { class: "hint" });
    const difficulty = h("fieldset", null, h("legend", { text: t("screens:home.difficulty.legend") }));
    const group = h("div", { class: "segmented" });
    const diffHint = h("div", { class: "hint", id: "difficulty-hint" });
    for (const d of DIFFICULTIES) {
      const input = h("input", { type: "radio", name: "solo-difficulty", value: d.id, checked: d.id === "easy", "aria-describedby": "difficulty-hint" });
      input.addEventListener("change", () => (diffHint.textContent = t(d.hint)));
      group.append(h("label", null, input, t(d.label)));
    }
    diffHint.textContent = t(DIFFICULTIES[0]!.hint);
    difficulty.append(group, diffHint);
    const update = () => {
      const s = this.scenario(scenarioSel.value);
      fill(delegationSel, s.delegations.map((d) => h("option", { value: d.id, text: d.name })));
      about.textContent = t("screens:home.solo.about", { delegations: s.delegations.length, rounds: s.deadline.rounds, mode: s.protocol === "multilateral" ? t("screens:home.solo.modeMultilateral") : t("screens:home.solo.modeAlternating") });
    };
    scenarioSel.addEventListener("change", update);
    update();
    const error = h("p", { class: "error-text", role: "alert" });
    const start = h("button", { class: "btn btn-primary btn-block", type: "button", id: "solo-start", text: t("screens:home.solo.start") });
    start.addEventListener("click", () => {
      const s = this.scenario(scenarioSel.value);
      const me = delegationSel.value;
      const level = (card.querySelector<HTMLInputElement>("input[name=solo-difficulty]:checked")?.value ?? "easy") as Difficulty;
      const seats: Record<string, SeatConfig> = {};
      for (const d of s.delegations) if (d.id !== me) seats[d.id] = { kind: "bot", strategy: level };
      const options: CreateOptionsInput = { scenario: s.id, seats, delegation: me, startWhen: "facilitator", name: this.name() ?? t("screens:home.solo.defaultName") };
      void this.connect((m) => m.TableConnection.create(options), "brief", start, error);
    });
    fill(
      card,
      h("h2", { id: "solo-title" }, icon(ICONS.solo), t("screens:home.solo.title")),
      h("p", { class: "lead", text: t("screens:home.solo.lead") }),
      selectField(t("screens:home.solo.scenario"), scenarioSel, about),
      selectField(t("screens:home.solo.delegation"), delegationSel),
      difficulty,
      start,
      error,
    );
  }

  // ---- create -------------------------------------------------------------------------------

  private renderCreate(card: HTMLElement): void {
    const scenarioSel = this.scenarioSelect("create-scenario");
    const seats = h("div", { class: "seat-config" });
    const timerSel = h("select", { id: "create-timer" });
    const sitSel = h("select", { id: "create-sit" });
    const listed = h("input", { type: "checkbox", id: "create-listed" });
    const startFull = h("input", { type: "radio", name: "create-start", value: "full", checked: true });
    const startManual = h("input", { type: "radio", name: "create-start", value: "facilitator" });
    const update = () => {
      const s = this.scenario(scenarioSel.value);
      fill(
        seats,
        s.delegations.map((d) => {
          const id = `seat-${d.id}`;
          const sel = h("select", { id, "data-delegation": d.id });
          sel.append(
            h("option", { value: "person", text: d.seats.max > 1 ? t("screens:home.create.seatPeople", { max: d.seats.max }) : t("screens:home.create.seatPerson") }),
            h("option", { value: "easy", text: t("screens:home.create.botEasy") }),
            h("option", { value: "medium", text: t("screens:home.create.botMedium") }),
            h("option", { value: "hard", text: t("screens:home.create.botHard") }),
          );
          sel.addEventListener("change", updateSit);
          return h("div", { class: "seat-row" }, h("label", { for: id, text: d.name }), sel);
        }),
      );
      fill(
        timerSel,
        h("option", { value: "", text: t("screens:home.create.timerDefault", { length: turnLength(s.deadline.secondsPerTurn) }) }),
        TIMERS.map((g) => h("optgroup", { label: t(g.group) }, g.seconds.map((n) => h("option", { value: String(n), text: turnLength(n) })))),
      );
      updateSit();
      updateLong();
    };
    // Long turns: quiet hours in each mover's own zone, votes open until all have voted, stand-ins.
    const quiet = h("input", { type: "checkbox", id: "create-quiet", checked: true });
    const quietFrom = h("input", { type: "time", id: "create-quiet-from", value: "22:00", required: true });
    const quietTo = h("input", { type: "time", id: "create-quiet-to", value: "07:00", required: true });
    const untilAll = h("input", { type: "checkbox", id: "create-until-all" });
    const standIns = h("input", { type: "checkbox", id: "create-stand-ins" });
    const untilAllField = h("div", { class: "field" }, h("label", { class: "check" }, untilAll, t("screens:home.create.untilAll")));
    const longSet = h(
      "fieldset",
      { id: "create-long", hidden: true },
      h("legend", { text: t("screens:home.create.longLegend") }),
      h("p", { class: "hint", text: t("screens:home.create.longHint") }),
      h("div", { class: "field" }, h("label", { class: "check" }, quiet, t("screens:home.create.quiet"))),
      h("div", { class: "field row" }, h("label", { for: "create-quiet-from", text: t("screens:home.create.quietFrom") }), quietFrom, h("label", { for: "create-quiet-to", text: t("screens:home.create.quietTo") }), quietTo),
      untilAllField,
      h("div", { class: "field" }, h("label", { class: "check" }, standIns, t("screens:home.create.standIns"))),
    );
    const turnSeconds = (): number => (timerSel.value ? Number(timerSel.value) : this.scenario(scenarioSel.value).deadline.secondsPerTurn);
    const updateLong = () => {
      longSet.hidden = turnSeconds() < LONG_TURN_SECONDS;
      untilAllField.hidden = this.scenario(scenarioSel.value).protocol !== "multilateral";
      quietFrom.disabled = quietTo.disabled = !quiet.checked;
    };
    timerSel.addEventListener("change", updateLong);
    quiet.addEventListener("change", updateLong);
    const updateSit = () => {
      const s = this.scenario(scenarioSel.value);
      const current = sitSel.value;
      fill(sitSel, h("option", { value: "", text: t("screens:home.create.sitNone") }));
      for (const d of s.delegations) {
        const sel = seats.querySelector<HTMLSelectElement>(`select[data-delegation="${CSS.escape(d.id)}"]`);
        if (sel?.value === "person") sitSel.append(h("option", { value: d.id, text: d.name }));
      }
      if ([...sitSel.options].some((o) => o.value === current)) sitSel.value = current;
    };
    scenarioSel.addEventListener("change", update);
    update();

    const error = h("p", { class: "error-text", role: "alert" });
    const submit = h("button", { class: "btn btn-primary btn-block", type: "button", id: "create-submit", text: t("screens:home.create.submit") });
    submit.addEventListener("click", () => {
      const s = this.scenario(scenarioSel.value);
      const seatConfig: Record<string, SeatConfig> = {};
      for (const sel of seats.querySelectorAll<HTMLSelectElement>("select[data-delegation]")) {
        if (sel.value !== "person") seatConfig[sel.dataset.delegation!] = { kind: "bot", strategy: sel.value as Difficulty };
      }
      const options: CreateOptionsInput = {
        scenario: s.id,
        seats: seatConfig,
        listed: listed.checked,
        startWhen: startManual.checked ? "facilitator" : "full",
      };
      if (timerSel.value) options.secondsPerTurn = Number(timerSel.value);
      if (turnSeconds() >= LONG_TURN_SECONDS) {
        if (quiet.checked) options.quietHours = { from: quietFrom.value, to: quietTo.value };
        if (untilAll.checked && s.protocol === "multilateral") options.voteClock = "until-all";
        options.botTakeover = standIns.checked;
      }
      if (sitSel.value) options.delegation = sitSel.value;
      const name = this.name();
      if (name) options.name = name;
      void this.connect((m) => m.TableConnection.create(options), sitSel.value ? "brief" : "table", submit, error);
    });

    const startSet = h("fieldset", null, h("legend", { text: t("screens:home.create.startsLegend") }), h("div", { class: "segmented" }, h("label", null, startFull, t("screens:home.create.startFull")), h("label", null, startManual, t("screens:home.create.startManual"))));
    fill(
      card,
      h("h2", { id: "create-title" }, icon(ICONS.create), t("screens:home.create.title")),
      h("p", { class: "lead", text: t("screens:home.create.lead") }),
      selectField(t("screens:home.solo.scenario"), scenarioSel),
      h("fieldset", null, h("legend", { text: t("screens:home.create.whoPlays") }), seats),
      selectField(t("screens:home.create.timer"), timerSel, t("screens:home.create.timerHint")),
      longSet,
      selectField(t("screens:home.create.sit"), sitSel),
      startSet,
      h("div", { class: "field" }, h("label", { class: "check" }, listed, t("screens:home.create.listed"))),
      submit,
      error,
    );
  }

  // ---- join ---------------------------------------------------------------------------------

  private renderJoin(card: HTMLElement): void {
    const code = h("input", { type: "text", id: "join-code", autocomplete: "off", autocapitalize: "characters", spellcheck: "false", placeholder: "K7QX-M2PA", maxlength: 20, "aria-describedby": "join-hint", value: this.joinWith.code ? formatJoinCode(this.joinWith.code) : "" });
    const find = h("button", { class: "btn btn-primary", type: "submit", id: "join-find", text: t("screens:home.join.find") });
    const error = h("p", { class: "error-text", role: "alert" });
    const result = h("div", { "aria-live": "polite", id: "join-result" });
    const form = h("form", { class: "row" }, h("div", { class: "grow" }, code), find);
    // A code typed by hand may be a class's or a table's; a link says which.
    let kind = this.joinWith.kind;
    code.addEventListener("input", () => (kind = null));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.lookup(code.value, kind, result, error, find);
    });
    fill(
      card,
      h("h2", { id: "join-title" }, icon(ICONS.join), t("screens:home.join.cardTitle")),
      h("p", { class: "lead", id: "join-hint", text: t("screens:home.join.cardLead") }),
      h("label", { for: "join-code", class: "visually-hidden", text: t("screens:home.joinForm.codeLabel") }),
      form,
      error,
      result,
    );
    if (this.joinWith.code) void this.lookup(code.value, kind, result, error, find);
    else code.focus();
  }

  private async lookup(raw: string, kind: "class" | "table" | null, result: HTMLElement, error: HTMLElement, button: HTMLButtonElement): Promise<void> {
    const code = raw.trim();
    error.textContent = "";
    fill(result);
    if (!code) {
      error.textContent = t("screens:home.join.empty");
      return;
    }
    button.disabled = true;
    try {
      // A link says which kind of code it carries; a code typed by hand is looked up once for both.
      let table: { matchId: string; code: string };
      if (kind === "table") table = await api.join(code);
      else {
        const classes = await import("./class-home.ts");
        const found = kind === "class" ? await classes.findClass(code).then((c) => c && { kind: "class" as const, ...c }) : await import("../net/codes.ts").then((m) => m.lookUpCode(code));
        if (!found) throw new ApiError(404, "bad_code", t("screens:home.join.noClass"));
        if (this.d.disposed) return;
        if (found.kind === "class") {
          // The class form asks for the name itself (prefilled from this field).
          classes.renderClassJoin(result, found, () => this.name());
          this.root.querySelector(".home-name")?.setAttribute("hidden", "");
          return;
        }
        table = found;
      }
      this.root.querySelector(".home-name")?.removeAttribute("hidden");
      const [record, scenarios] = await Promise.all([api.match(table.matchId), this.scenarios.length ? Promise.resolve(this.scenarios) : api.scenarios()]);
      this.showSeats(result, record, scenarios.find((s) => s.id === record.scenario.id) ?? null, table.code);
    } catch (e) {
      error.textContent = e instanceof ApiError && e.code === "bad_code" ? (kind === "class" ? e.message : t("screens:home.join.noCode")) : (e as Error).message;
    } finally {
      button.disabled = false;
    }
  }

  private showSeats(result: HTMLElement, record: MatchRecord, scenario: ScenarioSummary | null, code: string): void {
    const error = h("p", { class: "error-text", role: "alert" });
    const list = h("ul", { class: "table-list", "aria-label": t("screens:home.seats.listLabel") });
    for (const d of scenario?.delegations ?? []) {
      const seat = record.delegations?.find((x) => x.id === d.id);
      const bot = seat?.control === "bot";
      const full = (seat?.members ?? 0) >= d.seats.max;
      const button = h("button", { class: "btn btn-small", type: "button", text: t("screens:home.seats.sit"), "aria-label": t("screens:home.seats.sitAt", { name: d.name }), disabled: bot || full });
      button.addEventListener("click", () => {
        const options: JoinOptionsInput = { role: "delegation", delegation: d.id, code };
        const name = this.name();
        if (name) options.name = name;
        void this.connect((m) => m.TableConnection.join(record.id, options), "brief", button, error);
      });
      list.append(
        h(
          "li",
          null,
          h("div", { class: "what" }, h("strong", { text: d.name }), h("span", { class: "small muted", text: bot ? t("screens:home.seats.bot") : d.required ? t("screens:home.seats.seatedRequired", { members: seat?.members ?? 0, max: d.seats.max }) : t("screens:home.seats.seated", { members: seat?.members ?? 0, max: d.seats.max }) })),
          button,
        ),
      );
    }
    const watch = h("button", { class: "btn", type: "button", text: t("screens:home.seats.watch") });
    watch.addEventListener("click", () => void this.connect((m) => m.TableConnection.join(record.id, { role: "observer", code }), "table", watch, error));
    fill(
      result,
      h("h3", { text: record.scenario.title, style: "margin-top: 14px" }),
      h("p", { class: "small muted", text: `${protocolLabel(record.scenario.protocol)} · ${record.status === "running" ? t("screens:home.seats.inProgress") : t("screens:home.seats.waitingToStart")}` }),
      list,
      h("div", { class: "actions" }, watch),
      error,
    );
  }

  // ---- this browser's tables ----------------------------------------------------------------

  private renderMine(card: HTMLElement): void {
    if (personalLink()) {
      // Across devices: every table of the person (your move first), then what only this browser holds.
      renderInbox(card, this.d, h("h2", { id: "mine-title" }, icon(ICONS.tables), t("screens:home.mine.title")), (row) => this.mineRow(row));
      return;
    }
    const tables = storedTables();
    const list = h("ul", { class: "table-list", "aria-label": t("screens:home.mine.title") });
    const hasFacilitated = tables.some((x) => x.facilitatorToken);
    for (const table of tables.slice(0, 8)) list.append(this.mineRow(table));
    fill(
      card,
      h("h2", { id: "mine-title" }, icon(ICONS.tables), t("screens:home.mine.title")),
      h("p", { class: "lead", text: t("screens:home.mine.lead") }),
      tables.length ? list : h("p", { class: "empty", text: t("screens:home.mine.empty") }),
      hasFacilitated ? h("div", { class: "actions" }, h("a", { class: "btn", href: "#/facilitate", id: "open-dashboard", text: t("screens:home.mine.dashboard") })) : null,
    );
  }

  private mineRow(row: StoredTable): HTMLElement {
    // The title and the seat as the reader reads them (the row keeps them in English, as the server sent them).
    const words = tableWords(row.scenarioId, row.delegation, { title: row.title, seat: row.delegationName }, () => li.isConnected && li.replaceWith(this.mineRow(row)));
    const title = words.title || row.matchId;
    const role = [
      row.facilitatorToken ? t("screens:home.mine.facilitator") : null,
      row.delegation ? withName((name) => t("screens:home.mine.seat", { name }), words.seat ?? row.delegation, words.english) : null,
      row.observer && !row.seatToken && !row.facilitatorToken ? t("screens:home.mine.observer") : null,
      row.joinCode ? t("screens:home.mine.code", { code: formatJoinCode(row.joinCode) }) : null,
    ].filter((x) => x !== null);
    const status = h("span", { class: "pill", text: "…" });
    const li = h(
      "li",
      null,
      h("div", { class: "what" }, h("strong", { text: title, ...wordsLang(words) }), h("span", { class: "small muted" }, role.flatMap((part, i) => [...(i > 0 ? [" · "] : []), ...(Array.isArray(part) ? part : [part])]))),
      status,
    );
    const openBtn = h("a", { class: "btn btn-small", href: `#/table/${row.matchId}`, text: t("screens:home.mine.open"), "aria-label": t("screens:home.mine.openLabel", { title }) });
    const forget = h("button", { class: "btn btn-small btn-quiet", type: "button", text: t("screens:home.mine.forget"), "aria-label": t("screens:home.mine.forgetLabel", { title }) });
    forget.addEventListener("click", () => {
      forgetTable(row.matchId);
      li.remove();
    });
    li.append(openBtn, forget);
    // Read now and again while the page stays open, so the round shown is the table's current one.
    const refresh = () => {
      if (this.d.disposed || document.hidden) return;
      api.match(row.matchId).then(
        (m) => {
          const phase = m.status === "ended" ? "ended" : m.view?.phase ?? m.status;
          status.className = `pill ${phase}`;
          status.textContent = phase === "ended" ? t("screens:home.mine.ended") : phase === "running" ? t("screens:home.mine.round", { round: m.view?.round ?? "" }) : phase === "paused" ? t("screens:home.mine.pausedRound", { round: m.view?.round ?? "" }) : phase === "abandoned" ? t("screens:home.mine.closed") : t("screens:home.mine.waiting");
          status.dataset.round = String(m.view?.round ?? "");
          if (m.status === "abandoned") openBtn.remove();
        },
        () => {
          status.textContent = t("screens:home.mine.unavailable");
        },
      );
    };
    refresh();
    this.d.interval(() => li.isConnected && refresh(), 15_000);
    this.d.listen(document, "visibilitychange", () => li.isConnected && refresh());
    return li;
  }

  private renderOpen(card: HTMLElement): void {
    const list = h("ul", { class: "table-list", "aria-label": t("screens:home.open.title") });
    fill(card, h("h2", { id: "open-title" }, icon(ICONS.watch), t("screens:home.open.title")), h("p", { class: "lead", text: t("screens:home.open.lead") }), list);
    api.matches().then(
      (matches: MatchListing[]) => {
        if (matches.length === 0) {
          card.append(h("p", { class: "empty", text: t("screens:home.open.empty") }));
          return;
        }
        // Titles in the reader's language once the summaries are here (the listing carries the English): drawn again then.
        // One closure for every row: table-words calls it once.
        const redraw = () => card.isConnected && this.renderOpen(card);
        for (const m of matches.slice(0, 10)) {
          const words = tableWords(m.scenario.id, undefined, { title: m.scenario.title }, redraw);
          const title = words.title;
          const error = h("span", { class: "error-text small", role: "alert" });
          const watch = h("button", { class: "btn btn-small", type: "button", text: t("screens:home.open.watch"), "aria-label": t("screens:home.open.watchLabel", { title }) });
          watch.addEventListener("click", () => {
            rememberTable(m.id, { observer: true, title: m.scenario.title, scenarioId: m.scenario.id });
            void this.connect((mod) => mod.TableConnection.join(m.id, { role: "observer" }), "table", watch, error);
          });
          const seated = m.delegations.filter((d) => d.control === "people" && d.connected > 0).length;
          list.append(
            h(
              "li",
              null,
              h("div", { class: "what" }, h("strong", { text: title, ...wordsLang(words) }), h("span", { class: "small muted", text: `${m.phase === "waiting" ? t("screens:home.mine.waiting") : t("screens:home.mine.round", { round: m.round })} · ${t("screens:home.open.withPeople", { count: seated })}` })),
              watch,
              error,
            ),
          );
        }
      },
      () => card.append(h("p", { class: "empty", text: t("screens:home.open.unavailable") })),
    );
  }
}
