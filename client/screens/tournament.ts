// Hosted tournaments: the organiser's create form (#/tournament/new), a tournament's live page
// (#/tournament/<id>: standings, live tables with a "watch" button, exports, and the organiser's
// controls when this browser holds the token), and an entrant's view (#/tournament/<id>/entrant/
// <code>: my table now, with a button that takes the seat). The page polls the API every few
// seconds while it is visible (see net/tournaments.ts for why polling). Text only, never HTML.
import { needsHostKey } from "../net/host-key.ts";
import { askForHostKey } from "../ui/host-key.ts";
import { CreateTournament, type EntrantInput, type TournamentCreated, type TournamentSummary } from "../../shared/tournaments/api.ts";
import { isId } from "../../shared/protocol/ids.ts";
import { fieldName, type BotChoice } from "../../shared/protocol/requests.ts";
import type { Standing } from "../../shared/tournaments/standings.ts";
import { api, ApiError, type ScenarioSummary } from "../net/api.ts";
import { scenarioLabel, strategyLabel } from "../ui/format.ts";
import { summaryText } from "../scenario-text.ts";
import { setCurrent } from "../net/current.ts";
import { rememberTable } from "../net/storage.ts";
import { keepTournament, keptTournament, keptTournaments, tournaments } from "../net/tournaments.ts";
import { navigate, setNav } from "../shell.ts";
import { Disposer, fill, h, newId } from "../ui/dom.ts";
import type { Screen } from "./screen.ts";
// `t` names a tournament throughout this file: the translator is `tr`.
import { fmt, t as tr } from "../i18n.ts";

const POLL_MS = 3000;
const STRATEGIES = ["easy", "medium", "hard", "boulware", "linear", "conceder", "hardliner", "tit-for-tat", "diplomat", "random"];
const STATUS_KEYS: Record<TournamentSummary["status"], string> = { waiting: "screens:tournament.status.waiting", running: "screens:tournament.status.running", finished: "screens:tournament.status.finished", cancelled: "screens:tournament.status.cancelled" };
const PHASE_KEYS: Record<string, string> = { waiting: "screens:tournament.phase.waiting", running: "screens:tournament.phase.running", paused: "screens:tournament.phase.paused", ended: "screens:tournament.phase.ended" };
const statusLabel = (status: TournamentSummary["status"]) => tr(STATUS_KEYS[status]);
const phaseLabel = (phase: string) => (PHASE_KEYS[phase] ? tr(PHASE_KEYS[phase]!) : phase);

function pct(x: number): string {
  return fmt.percent(x);
}

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || newId("t");
  control.id = id;
  return h("div", { class: "field" }, h("label", { for: id, text: label }), control, hint ? h("div", { class: "hint", text: hint }) : null);
}

/** Where a mistake in the create form is shown: a field of the form, one entrant's name or strategy, the entrant list, or the form as a whole. */
export type FormSpot =
  | { kind: "name" | "scenario" | "format" | "rounds" | "standIn" | "entrants" | "form" }
  | { kind: "entrant"; index: number; part: "name" | "strategy" | "row" };

/**
 * A mistake as the server or the shared schema names it (`entrants[0].name`, "must not be empty")
 * in the words of the form, and where to show it. The server's messages read
 * `create: field '<path>' <what>` (describeIssue); `mistakeFrom` takes them apart.
 */
export function mistakeWords(path: string, message: string, kindOf: (index: number) => "person" | "bot" = () => "person"): { spot: FormSpot; text: string } {
  const entrant = /^entrants\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (entrant) {
    const index = Number(entrant[1]);
    const part = entrant[2];
    const row = tr("screens:tournament.mistake.row", { n: index + 1 });
    if (part === "name") {
      const twin = /^must differ from entrants\[(\d+)\]\.name \('(.*)'\)$/s.exec(message);
      if (twin) return { spot: { kind: "entrant", index, part: "name" }, text: tr("screens:tournament.mistake.twin", { n: Number(twin[1]) + 1, name: twin[2] }) };
      if (/at most/.test(message)) return { spot: { kind: "entrant", index, part: "name" }, text: tr("screens:tournament.mistake.nameLong", { row }) };
      if (kindOf(index) === "bot") return { spot: { kind: "entrant", index, part: "name" }, text: tr("screens:tournament.mistake.botName", { row }) };
      return { spot: { kind: "entrant", index, part: "name" }, text: tr("screens:tournament.mistake.personName", { row }) };
    }
    if (part === "strategy") return { spot: { kind: "entrant", index, part: "strategy" }, text: tr("screens:tournament.mistake.strategy", { row }) };
    return { spot: { kind: "entrant", index, part: "row" }, text: tr("screens:tournament.mistake.kind", { row }) };
  }
  if (path === "entrants") {
    if (/at least/.test(message)) return { spot: { kind: "entrants" }, text: tr("screens:tournament.mistake.tooFew") };
    if (/at most/.test(message)) return { spot: { kind: "entrants" }, text: tr("screens:tournament.mistake.tooMany") };
    return { spot: { kind: "entrants" }, text: tr("screens:tournament.mistake.entrants") };
  }
  if (path === "name") return { spot: { kind: "name" }, text: /at most/.test(message) ? tr("screens:tournament.mistake.tournamentNameLong") : tr("screens:tournament.mistake.tournamentName") };
  if (path === "scenarios" || path.startsWith("scenarios[")) {
    return { spot: { kind: "scenario" }, text: /no scenario/.test(message) ? tr("screens:tournament.mistake.scenarioGone") : tr("screens:tournament.mistake.scenario") };
  }
  if (path === "format") return { spot: { kind: "format" }, text: tr("screens:tournament.mistake.format") };
  if (path === "rounds") return { spot: { kind: "rounds" }, text: tr("screens:tournament.mistake.rounds") };
  if (path === "standInAfterMinutes") return { spot: { kind: "standIn" }, text: tr("screens:tournament.mistake.standIn") };
  return { spot: { kind: "form" }, text: tr("screens:tournament.mistake.form") };
}

/** A server refusal of the create form (`create: field 'entrants[1].name' must …`), in the form's words; null when it names no field. */
export function mistakeFrom(message: string, kindOf?: (index: number) => "person" | "bot"): { spot: FormSpot; text: string } | null {
  const m = /^create: field '([^']+)':? (.*)$/s.exec(message);
  if (!m) return null;
  const what = m[2]!.replace(/^is not valid: /, "");
  return mistakeWords(m[1]!, what, kindOf);
}

export class TournamentScreen implements Screen {
  title = tr("screens:tournament.title");
  private d = new Disposer();
  private root!: HTMLElement;
  /** Scenario id → delegation id → name. */
  private readonly delegationNames = new Map<string, Map<string, string>>();
  /** Redraw the page from the server now (after an organiser's action). */
  private refreshNow: () => void = () => undefined;
  /** The answer to the organiser's last stand-in, kept across redraws: where it was asked (a table's match id, or "all") and what it did. */
  private standInNotice: { where: string; text: string; done: boolean } | null = null;

  private delegationName(scenario: string, delegation: string): string {
    return this.delegationNames.get(scenario)?.get(delegation) ?? delegation;
  }

  constructor(
    private readonly tournamentId: string | null,
    private readonly entrantCode: string | null = null,
  ) {}

  mount(root: HTMLElement): void {
    this.root = root;
    setNav(h("a", { href: "#/", text: tr("screens:class.home") }), h("a", { href: "#/tournament/new", text: tr("screens:tournament.new") }));
    if (this.tournamentId === null) this.renderCreate();
    else this.renderPage(this.tournamentId);
  }

  dispose(): void {
    this.d.dispose();
  }

  // ---- create (organiser) ------------------------------------------------------------------

  private renderCreate(): void {
    this.title = tr("screens:tournament.new");
    const page = h("div", { class: "page" });
    this.root.append(page);
    const card = h("section", { class: "card", "aria-labelledby": "tournament-create-title" });
    page.append(
      h("section", { class: "hero" }, h("div", { class: "eyebrow", text: tr("screens:tournament.create.eyebrow") }), h("h1", { id: "tournament-create-title", text: tr("screens:tournament.organise") }), h("p", { text: tr("screens:tournament.create.lead") })),
      card,
    );
    const name = h("input", { type: "text", maxlength: 60, value: tr("screens:tournament.create.defaultName"), id: "t-name" });
    const scenario = h("select", { id: "t-scenario" });
    const format = h("select", { id: "t-format" }, h("option", { value: "", text: tr("screens:tournament.create.formatAuto") }), h("option", { value: "round-robin", text: tr("screens:tournament.create.formatRoundRobin") }), h("option", { value: "swiss", text: tr("screens:tournament.swiss") }));
    const rounds = h("input", { type: "number", min: 1, max: 50, id: "t-rounds", placeholder: tr("screens:tournament.create.automatic") });
    const listed = h("input", { type: "checkbox", id: "t-listed" });
    const pace = h("select", { id: "t-pace" }, h("option", { value: "instant", text: tr("screens:tournament.create.paceInstant") }), h("option", { value: "table", text: tr("screens:tournament.create.paceTable") }));
    const standIn = h("input", { type: "number", min: 0, max: 60, step: "any", value: "1", id: "t-stand-in" });
    const list = h("ul", { class: "table-list", "aria-label": tr("screens:tournament.create.entrants") });
    const addRow = (entrant: EntrantInput) => {
      const kind = h("select", { "aria-label": tr("screens:tournament.create.kind") }, h("option", { value: "person", text: tr("screens:tournament.create.person") }), h("option", { value: "bot", text: tr("screens:tournament.create.bot") }));
      kind.value = entrant.kind;
      const who = h("input", { type: "text", maxlength: 60, "aria-label": tr("screens:tournament.create.entrantName"), placeholder: tr("screens:tournament.create.name"), value: entrant.name ?? "" });
      const strategy = h("select", { "aria-label": tr("screens:tournament.create.strategy") }, STRATEGIES.map((s) => h("option", { value: s, text: strategyLabel(s) })));
      if (entrant.kind === "bot") strategy.value = entrant.strategy;
      const remove = h("button", { class: "btn btn-small", type: "button", text: tr("screens:tournament.create.remove") });
      const li = h("li", { "data-entrant": "", class: "t-entrant" }, kind, who, strategy, remove);
      const sync = () => {
        strategy.hidden = kind.value !== "bot";
        who.placeholder = kind.value === "bot" ? tr("screens:tournament.create.nameOptional") : tr("screens:tournament.create.name");
      };
      kind.addEventListener("change", sync);
      remove.addEventListener("click", () => li.remove());
      sync();
      list.append(li);
    };
    addRow({ kind: "person", name: "" });
    addRow({ kind: "person", name: "" });
    addRow({ kind: "bot", strategy: "medium" });
    addRow({ kind: "bot", strategy: "hard" });
    const addPerson = h("button", { class: "btn btn-small", type: "button", text: tr("screens:tournament.create.addPerson") });
    addPerson.addEventListener("click", () => addRow({ kind: "person", name: "" }));
    const addBot = h("button", { class: "btn btn-small", type: "button", text: tr("screens:tournament.create.addBot") });
    addBot.addEventListener("click", () => addRow({ kind: "bot", strategy: "medium" }));
    const error = h("p", { class: "error-text", role: "alert", id: "t-create-error" });
    const entrantsBox = h("fieldset", { id: "t-entrants" }, h("legend", { text: tr("screens:tournament.create.entrants") }), list, h("div", { class: "actions" }, addPerson, addBot));
    const submit = h("button", { class: "btn btn-primary btn-block", type: "button", id: "t-create", text: tr("screens:tournament.create.submit") });

    // Mistakes are shown next to what to fix, in the form's words (mistakeWords), never as the
    // server's field paths; each goes away as soon as its field is changed.
    const clearMistakes = () => {
      for (const el of card.querySelectorAll(".field-error")) el.remove();
      for (const el of card.querySelectorAll("[aria-invalid]")) {
        el.removeAttribute("aria-invalid");
        el.removeAttribute("aria-describedby");
      }
      error.textContent = "";
    };
    const showMistake = (spot: FormSpot, text: string, rows: HTMLElement[]): HTMLElement | null => {
      let control: HTMLElement | null = null;
      let place: HTMLElement | null = null;
      let key: string = spot.kind;
      if (spot.kind === "entrant") {
        const li = rows[spot.index];
        if (!li) {
          error.textContent = text;
          return null;
        }
        const [kindSelect, whoInput, strategySelect] = li.querySelectorAll<HTMLElement>("select, input");
        control = spot.part === "name" ? whoInput! : spot.part === "strategy" ? strategySelect! : kindSelect!;
        place = li;
        key = `entrant-${spot.index}-${spot.part}`;
      } else if (spot.kind === "entrants") {
        control = list;
        place = entrantsBox;
      } else if (spot.kind === "form") {
        error.textContent = text;
        return null;
      } else {
        control = { name, scenario, format, rounds, standIn }[spot.kind];
        place = control.closest<HTMLElement>(".field");
      }
      if (!place || place.querySelector(`[data-error-for="${key}"]`)) return control;
      const note = h("div", { class: "field-error", id: newId("t-err"), "data-error-for": key, text: text });
      place.append(note);
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", note.id);
      const clear = () => {
        note.remove();
        control!.removeAttribute("aria-invalid");
        control!.removeAttribute("aria-describedby");
      };
      control.addEventListener("input", clear, { once: true });
      control.addEventListener("change", clear, { once: true });
      return control;
    };
    const result = h("div", { "aria-live": "polite" });

    api.scenarios().then(
      (all: ScenarioSummary[]) => fill(scenario, all.map(summaryText).map((s) => h("option", { value: s.id, text: `${scenarioLabel(s)} · ${tr("screens:tournament.create.delegations", { count: s.delegations.length })}` }))),
      () => (error.textContent = tr("screens:home.solo.loadFailed")),
    );

    submit.addEventListener("click", () => {
      clearMistakes();
      const rows = [...list.querySelectorAll<HTMLElement>("li[data-entrant]")];
      const entrants: EntrantInput[] = [];
      for (const li of rows) {
        const [kind, who, strategy] = li.querySelectorAll<HTMLInputElement | HTMLSelectElement>("select, input");
        const n = who!.value.trim();
        // The select lists only BotChoice values, and CreateTournament.safeParse below checks the whole body again.
        if (kind!.value === "bot") entrants.push({ kind: "bot", strategy: strategy!.value as BotChoice, ...(n ? { name: n } : {}) });
        else entrants.push({ kind: "person", name: n });
      }
      nameBots(entrants);
      const kindOf = (i: number) => entrants[i]?.kind ?? "person";
      const body = {
        name: name.value.trim() || tr("screens:tournament.create.defaultName"),
        scenarios: [scenario.value],
        entrants,
        botPace: pace.value as "instant" | "table",
        listed: listed.checked,
        ...(format.value ? { format: format.value as "round-robin" | "swiss" } : {}),
        // A box the browser cannot read as a number (`rounds.value` is then "") is sent as typed, for the check to name.
        ...(rounds.value || rounds.validity.badInput ? { rounds: rounds.value === "" ? Number.NaN : Number(rounds.value) } : {}),
        ...(standIn.value !== "" || standIn.validity.badInput ? { standInAfterMinutes: standIn.value === "" ? Number.NaN : Number(standIn.value) } : {}),
      };
      // Every mistake at once, checked here with the server's own schema; the server checks again.
      const checked = CreateTournament.safeParse(body);
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          const { spot, text } = mistakeWords(fieldName(issue.path), issue.message, kindOf);
          showMistake(spot, text, rows);
        }
        // The first field to fix, from the top of the form.
        const first = card.querySelector<HTMLElement>("[aria-invalid='true']");
        if (!first && !error.textContent) error.textContent = tr("screens:classHome.form.check");
        first?.focus();
        return;
      }
      submit.disabled = true;
      tournaments.create(body).then(
        (created) => {
          keepTournament(created.id, { organiserToken: created.organiserToken, name: body.name });
          fill(card, this.createdView(created));
        },
        (e: unknown) => {
          submit.disabled = false;
          const mistake = e instanceof ApiError && e.code === "bad_request" ? mistakeFrom(e.message, kindOf) : null;
          if (mistake) {
            showMistake(mistake.spot, mistake.text, rows)?.focus();
            return;
          }
          error.textContent = e instanceof ApiError && e.status !== 400 ? e.message : tr("screens:tournament.create.failed");
          if (needsHostKey(e)) askForHostKey(error, error.textContent, () => submit.click());
        },
      );
    });

    fill(
      card,
      field(tr("screens:tournament.create.name"), name),
      field(tr("screens:home.solo.scenario"), scenario, tr("screens:tournament.create.scenarioHint")),
      field(tr("screens:tournament.create.format"), format),
      field(tr("screens:tournament.create.rounds"), rounds, tr("screens:tournament.create.roundsHint")),
      field(tr("screens:tournament.create.pace"), pace),
      field(tr("screens:tournament.create.standIn"), standIn, tr("screens:tournament.create.standInHint")),
      h("div", { class: "field" }, h("label", { class: "check" }, listed, tr("screens:tournament.create.listed"))),
      entrantsBox,
      submit,
      error,
      result,
    );
  }

  private createdView(created: TournamentCreated): HTMLElement {
    const people = created.entrants.filter((e) => e.code);
    return h(
      "div",
      null,
      h("h2", { text: tr("screens:tournament.created.title") }),
      h("p", { class: "lead", text: tr("screens:tournament.created.lead") }),
      h("div", { class: "field" }, h("div", { class: "label", text: tr("screens:tournament.token") }), h("code", { class: "token", id: "t-organiser-token", lang: "zxx", translate: "no", text: created.organiserToken })),
      people.length > 0
        ? h(
            "ul",
            { class: "table-list", "aria-label": tr("screens:tournament.created.codes") },
            people.map((e) => h("li", null, h("div", { class: "what" }, h("strong", { text: e.name }), h("span", { class: "small muted", text: e.code! })), h("a", { class: "btn btn-small", href: e.link!, text: tr("screens:tournament.created.link") }))),
          )
        : h("p", { class: "empty", text: tr("screens:tournament.created.botsOnly") }),
      h("div", { class: "actions" }, h("a", { class: "btn btn-primary", href: `#/tournament/${created.id}`, id: "t-open", text: tr("screens:tournament.created.open") })),
    );
  }

  // ---- the tournament page (everyone) ------------------------------------------------------

  private renderPage(id: string): void {
    const page = h("div", { class: "page" });
    const head = h("section", { class: "hero" }, h("p", { class: "muted", role: "status", text: tr("screens:tournament.loading") }));
    const mine = h("section", { class: "card", "aria-label": tr("screens:tournament.mine.title"), hidden: this.entrantCode === null });
    const controls = h("section", { class: "card", "aria-label": tr("screens:tournament.organiser"), hidden: true });
    const standingsCard = h("section", { class: "card", "aria-labelledby": "t-standings-title" });
    const live = h("section", { class: "card", "aria-labelledby": "t-live-title" });
    const done = h("section", { class: "card", "aria-labelledby": "t-done-title" });
    const codeCard = h("section", { class: "card", "aria-label": tr("screens:tournament.code.label"), hidden: this.entrantCode !== null });
    page.append(head, h("div", { style: "display: grid; grid-template-columns: minmax(0, 1fr); gap: 20px" }, mine, controls, standingsCard, live, done, codeCard));
    this.root.append(page);
    this.renderCodeForm(codeCard, id);
    const titles = new Map<string, string>();
    // Loaded before the first drawing, so delegations are named, never shown by their ids.
    const scenariosLoaded = api.scenarios().then(
      (all) =>
        // Titles and delegation names in the reader's language (what an overlay leaves untranslated stays English).
        all.map(summaryText).forEach((s) => {
          titles.set(s.id, s.title);
          this.delegationNames.set(s.id, new Map(s.delegations.map((d) => [d.id, d.name])));
        }),
      () => undefined,
    );

    let busy = false;
    const refresh = async () => {
      if (busy || this.d.disposed || document.visibilityState === "hidden") return;
      busy = true;
      try {
        await scenariosLoaded;
        const t = await tournaments.get(id);
        if (this.d.disposed) return;
        this.title = t.name;
        fill(
          head,
          h("div", { class: "eyebrow", text: `${tr("screens:tournament.title")} · ${t.format === "swiss" ? tr("screens:tournament.swiss") : tr("screens:tournament.roundRobin")}` }),
          h("h1", { text: t.name }),
          h("p", null, h("span", { class: `pill ${t.status === "running" ? "running" : t.status === "waiting" ? "waiting" : "ended"}`, text: statusLabel(t.status) }), ` ${tr("screens:tournament.head", { round: t.currentRound, rounds: t.rounds, count: t.entrants.length })} · ${t.scenarios.map((s) => titles.get(s) ?? s).join(", ")}`),
        );
        this.renderControls(controls, t);
        this.renderStandings(standingsCard, t);
        this.renderLive(live, t);
        this.renderDone(done, t);
        if (this.entrantCode !== null) await this.renderMine(mine, id, this.entrantCode);
      } catch (e) {
        fill(head, h("p", { class: "error-text", role: "alert", text: e instanceof ApiError ? e.message : tr("screens:tournament.loadFailed") }));
      } finally {
        busy = false;
      }
    };
    this.refreshNow = () => void refresh();
    void refresh();
    this.d.interval(() => void refresh(), POLL_MS);
    this.d.listen(document, "visibilitychange", () => void refresh());
  }

  private renderControls(card: HTMLElement, t: TournamentSummary): void {
    const token = keptTournament(t.id).organiserToken;
    card.hidden = t.status === "finished" || t.status === "cancelled";
    if (card.hidden) return;
    if (!token) {
      // The organiser on another device: paste the token once (it is checked when used). Not redrawn by the poll.
      if (card.dataset.form === "paste") return;
      card.dataset.form = "paste";
      const input = h("input", { type: "password", autocomplete: "off", id: "t-paste-token", placeholder: tr("screens:tournament.token") });
      const form = h("form", { class: "row" }, h("div", { class: "grow" }, input), h("button", { class: "btn", type: "submit", text: tr("screens:tournament.useToken") }));
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        if (!input.value.trim()) return;
        keepTournament(t.id, { organiserToken: input.value.trim(), name: t.name });
        delete card.dataset.form;
        this.renderControls(card, t);
      });
      fill(card, h("details", null, h("summary", { text: tr("screens:tournament.areYouOrganiser") }), h("label", { for: "t-paste-token", class: "visually-hidden", text: tr("screens:tournament.token") }), form));
      return;
    }
    const error = h("p", { class: "error-text", role: "alert" });
    const button = (label: string, action: "start" | "cancel" | "start-tables", id: string) => {
      const b = h("button", { class: action === "start" ? "btn btn-primary" : "btn", type: "button", id, text: label });
      b.addEventListener("click", () => {
        b.disabled = true;
        tournaments.act(t.id, action, token).then(
          (next) => {
            this.renderControls(card, next);
            this.refreshNow();
          },
          (e: unknown) => {
            error.textContent = e instanceof ApiError ? e.message : tr("screens:tournament.noAnswer");
            b.disabled = false;
          },
        );
      });
      return b;
    };
    fill(
      card,
      h("h2", { text: tr("screens:tournament.organiser") }),
      h(
        "div",
        { class: "actions" },
        t.status === "waiting" ? button(tr("screens:tournament.controls.start"), "start", "t-start") : null,
        t.status === "running" ? button(tr("screens:tournament.controls.startTables"), "start-tables", "t-start-tables") : null,
        t.status === "running" ? this.standInButton(t, token, error, "all", undefined, tr("screens:tournament.controls.botForAll"), "t-stand-in-all") : null,
        button(tr("screens:tournament.controls.cancel"), "cancel", "t-cancel"),
      ),
      t.status === "running"
        ? h("p", { class: "small muted", text: tr("screens:tournament.controls.standInHint", { count: t.standInAfterMinutes }) })
        : null,
      error,
    );
    this.showStandInNotice(error, "all");
  }

  private showStandInNotice(el: HTMLElement, where: string): void {
    const notice = this.standInNotice;
    if (!notice || notice.where !== where) return;
    el.textContent = notice.text;
    el.className = notice.done ? "small" : "small muted";
  }

  /** The organiser's swap: a bot now for one absent entrant (or every one); the page redraws from the answer. */
  private standInButton(t: TournamentSummary, token: string, error: HTMLElement, where: string, entrant: { id: string; name: string } | undefined, label: string, id?: string): HTMLButtonElement {
    const b = h("button", { class: entrant ? "btn btn-small" : "btn", type: "button", text: label, ...(id ? { id } : {}), ...(entrant ? { "data-stand-in": entrant.id } : {}) });
    b.addEventListener("click", () => {
      b.disabled = true;
      tournaments.standIn(t.id, token, entrant?.id).then(
        (next) => {
          const text =
            next.standIns === 0 ? (entrant ? tr("screens:tournament.standIn.atTable", { name: entrant.name }) : tr("screens:tournament.standIn.everyoneThere")) : entrant ? tr("screens:tournament.standIn.botFor", { name: entrant.name }) : tr("screens:tournament.standIn.botForAbsent", { count: next.standIns });
          this.standInNotice = { where, text, done: next.standIns > 0 };
          this.showStandInNotice(error, where);
          b.disabled = false;
          this.refreshNow();
        },
        (e: unknown) => {
          error.className = "error-text";
          error.textContent = e instanceof ApiError ? e.message : tr("screens:tournament.noAnswer");
          b.disabled = false;
        },
      );
    });
    return b;
  }

  private renderStandings(card: HTMLElement, t: TournamentSummary): void {
    const row = (s: Standing) =>
      h(
        "tr",
        null,
        h("td", { text: fmt.number(s.rank) }),
        h("th", { scope: "row", class: "t-text", text: s.name }),
        h("td", { class: "t-text", text: s.kind === "bot" ? tr("screens:tournament.standings.bot") : tr("screens:tournament.standings.person") }),
        h("td", { text: fmt.number(s.games) }),
        h("td", { text: fmt.number(s.score, { minimumFractionDigits: 3, maximumFractionDigits: 3 }) }),
        h("td", { text: pct(s.agreementRate) }),
        h("td", { text: fmt.number(s.opponentsScore, { minimumFractionDigits: 3, maximumFractionDigits: 3 }) }),
      );
    fill(
      card,
      h("h2", { id: "t-standings-title", text: tr("screens:tournament.standings.title") }),
      h("p", { class: "small muted", text: tr("screens:tournament.standings.lead") }),
      // On a phone the seven columns scroll inside the card rather than widening the page.
      h(
        "div",
        { class: "table-scroll" },
        h(
          "table",
          { class: "results", id: "t-standings" },
          h("thead", null, h("tr", null, ["#", tr("screens:tournament.standings.entrant"), tr("screens:tournament.standings.kind"), tr("screens:tournament.standings.games"), tr("screens:tournament.standings.score"), tr("screens:tournament.standings.agreements"), tr("screens:tournament.standings.opponents")].map((c, i) => h("th", { scope: "col", text: c, ...(i === 1 || i === 2 ? { class: "t-text" } : {}) })))),
          h("tbody", null, t.standings.map(row)),
        ),
      ),
      h(
        "p",
        { class: "small" },
        `${tr("screens:tournament.export.label")} `,
        h("a", { href: tournaments.exportUrl(t.id, "standings.csv"), text: tr("screens:tournament.export.standings") }),
        " · ",
        h("a", { href: tournaments.exportUrl(t.id, "results.csv"), text: tr("screens:tournament.export.resultsCsv") }),
        " · ",
        h("a", { href: tournaments.exportUrl(t.id, "results.json"), text: tr("screens:tournament.export.resultsJson") }),
      ),
    );
  }

  private renderLive(card: HTMLElement, t: TournamentSummary): void {
    const running = t.tables.filter((g) => g.status === "running" && g.matchId);
    const list = h("ul", { class: "table-list", "aria-label": tr("screens:tournament.live.title") });
    const token = t.status === "running" ? keptTournament(t.id).organiserToken : undefined;
    const people = new Set(t.entrants.filter((e) => e.kind === "person").map((e) => e.id));
    for (const g of running) {
      const error = h("span", { class: "error-text small", role: "alert" });
      const watch = h("button", { class: "btn btn-small", type: "button", text: tr("screens:home.open.watch"), "aria-label": tr("screens:tournament.live.watchLabel", { table: g.table }) });
      watch.addEventListener("click", () => this.watch(g.matchId!, watch, error));
      // The organiser's swap, per person at the table (the table leaves anyone who is there alone).
      const swaps = token
        ? g.seats.filter((s) => s.entrant !== null && people.has(s.entrant)).map((s) => this.standInButton(t, token, error, g.matchId!, { id: s.entrant!, name: s.name }, tr("screens:tournament.live.botFor", { name: s.name })))
        : [];
      this.showStandInNotice(error, g.matchId!);
      list.append(
        h(
          "li",
          null,
          h("div", { class: "what" }, h("strong", { text: tr("screens:tournament.roundTable", { round: g.round, table: g.table }) }), h("span", { class: "small muted", text: `${g.seats.map((s) => `${s.name} (${this.delegationName(g.scenario, s.delegation)})`).join(" · ")}${g.phase ? ` · ${phaseLabel(g.phase)}` : ""}` })),
          ...swaps,
          watch,
          error,
        ),
      );
    }
    fill(card, h("h2", { id: "t-live-title", text: tr("screens:tournament.live.title") }), running.length ? list : h("p", { class: "empty", text: t.status === "running" ? tr("screens:tournament.live.pairing") : tr("screens:tournament.live.none") }));
  }

  private renderDone(card: HTMLElement, t: TournamentSummary): void {
    const ended = t.tables.filter((g) => g.status !== "running").reverse();
    const list = h("ul", { class: "table-list", "aria-label": tr("screens:tournament.done.title") });
    for (const g of ended.slice(0, 50)) {
      const parts = g.seats.map((s) => {
        const r = g.result?.seats.find((x) => x.delegation === s.delegation);
        return `${s.name}: ${r ? fmt.number(r.advantage, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : "–"}`;
      });
      list.append(
        h(
          "li",
          null,
          h("div", { class: "what" }, h("strong", { text: `${tr("screens:tournament.roundTable", { round: g.round, table: g.table })} · ${g.status === "void" ? tr("screens:tournament.done.void") : g.result?.agreement ? tr("screens:tournament.done.deal") : tr("screens:tournament.done.noDeal")}` }), h("span", { class: "small muted", text: parts.join(" · ") })),
          g.matchId && g.status === "ended" ? h("a", { class: "btn btn-small", href: `#/table/${g.matchId}/debrief`, text: tr("screens:match.nav.debrief") }) : null,
        ),
      );
    }
    fill(card, h("h2", { id: "t-done-title", text: tr("screens:tournament.done.title") }), ended.length ? list : h("p", { class: "empty", text: tr("screens:tournament.done.none") }));
  }

  /** Open the table as an observer (public view only) and go to it. */
  private watch(matchId: string, button: HTMLButtonElement, error: HTMLElement): void {
    button.disabled = true;
    rememberTable(matchId, { observer: true });
    import("../net/connection.ts")
      .then((m) => m.TableConnection.join(matchId, { role: "observer" }))
      .then(
        (conn) => {
          setCurrent(conn);
          navigate({ name: "match", matchId, view: "table" });
        },
        (e: unknown) => {
          error.textContent = (e as Error).message || tr("screens:tournament.openFailed");
          button.disabled = false;
        },
      );
  }

  // ---- entrants ----------------------------------------------------------------------------

  private renderCodeForm(card: HTMLElement, id: string): void {
    const code = h("input", { type: "text", autocomplete: "off", autocapitalize: "characters", spellcheck: "false", placeholder: "ABCD-EFGH-JKLM-NPQR", maxlength: 40, id: "t-entrant-code" });
    const form = h("form", { class: "row" }, h("div", { class: "grow" }, code), h("button", { class: "btn btn-primary", type: "submit", text: tr("screens:tournament.code.go") }));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const value = code.value.trim().toUpperCase();
      if (value) location.hash = `#/tournament/${id}/entrant/${encodeURIComponent(value)}`;
    });
    fill(card, h("h2", { text: tr("screens:tournament.code.title") }), h("p", { class: "lead", text: tr("screens:tournament.code.lead") }), h("label", { for: "t-entrant-code", class: "visually-hidden", text: tr("screens:tournament.code.label") }), form);
  }

  private async renderMine(card: HTMLElement, id: string, code: string): Promise<void> {
    try {
      const me = await tournaments.me(id, code);
      if (this.d.disposed) return;
      keepTournament(id, { entrantCode: code, name: me.tournament.name });
      const table = me.table;
      let body: HTMLElement;
      if (table) {
        const error = h("p", { class: "error-text", role: "alert" });
        const playing = this.delegationName(table.scenario, table.delegation);
        const sit = h("button", { class: "btn btn-primary", type: "button", id: "t-take-seat", text: tr("screens:tournament.mine.take", { playing }) });
        sit.addEventListener("click", () => {
          sit.disabled = true;
          rememberTable(table.matchId, { seatToken: table.seatToken, delegation: table.delegation, scenarioId: table.scenario });
          import("../net/connection.ts")
            .then((m) => m.TableConnection.join(table.matchId, { seatToken: table.seatToken }))
            .then(
              (conn) => {
                setCurrent(conn);
                navigate({ name: "match", matchId: table.matchId, view: "brief" });
              },
              (e: unknown) => {
                error.textContent = (e as Error).message || tr("screens:tournament.joinFailed");
                sit.disabled = false;
              },
            );
        });
        body = h("div", null, h("p", { text: tr("screens:tournament.mine.playing", { round: table.round, table: table.table, playing }) }), sit, error);
      } else {
        body = h("p", { class: "empty", text: me.tournament.status === "running" ? tr("screens:tournament.mine.noTable") : me.tournament.status === "waiting" ? tr("screens:tournament.mine.notStarted") : tr("screens:tournament.mine.over") });
      }
      fill(
        card,
        h("h2", { text: tr("screens:tournament.mine.yours", { name: me.entrant.name }) }),
        me.standing ? h("p", { class: "small muted", text: tr("screens:tournament.mine.rank", { rank: me.standing.rank, score: fmt.number(me.standing.score, { minimumFractionDigits: 3, maximumFractionDigits: 3 }), count: me.standing.games }) }) : null,
        body,
      );
    } catch (e) {
      fill(card, h("h2", { text: tr("screens:tournament.mine.title") }), h("p", { class: "error-text", role: "alert", text: e instanceof ApiError ? e.message : tr("screens:tournament.mine.notFound") }));
    }
  }
}

/**
 * Bots left unnamed are named in the organiser's language ("Medium bot 1", "মাঝারি বট ১"), as the
 * server would name them in English, numbered by strategy and never a name another entrant has.
 */
function nameBots(entrants: EntrantInput[]): void {
  const taken = new Set(entrants.map((e) => e.name?.trim().toLowerCase()).filter((n): n is string => !!n));
  const counts = new Map<string, number>();
  for (const e of entrants) {
    if (e.kind !== "bot" || e.name) continue;
    let name: string;
    do {
      const n = (counts.get(e.strategy) ?? 0) + 1;
      counts.set(e.strategy, n);
      name = tr("screens:tournament.create.botName", { strategy: strategyLabel(e.strategy), n: fmt.number(n) });
    } while (taken.has(name.toLowerCase()));
    taken.add(name.toLowerCase());
    e.name = name;
  }
}

/** The home screen's entry: organise a tournament, or open one by its id or link. */
export function renderTournamentCard(card: HTMLElement): void {
  const input = h("input", { type: "text", autocomplete: "off", spellcheck: "false", placeholder: tr("screens:tournament.card.idOrLink"), id: "tournament-open", maxlength: 300 });
  const form = h("form", { class: "row" }, h("div", { class: "grow" }, input), h("button", { class: "btn", type: "submit", text: tr("screens:home.mine.open") }));
  const error = h("p", { class: "error-text", role: "alert" });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const m = /(?:#\/tournament\/)?([^/#\s]+)(\/entrant\/([A-Za-z0-9-]+))?\s*$/.exec(input.value.trim());
    if (!m || !isId(m[1]!)) {
      error.textContent = tr("screens:tournament.card.paste");
      return;
    }
    location.hash = `#/tournament/${m[1]}${m[3] ? `/entrant/${m[3]}` : ""}`;
  });
  fill(
    card,
    h("h2", { id: "tournament-title", text: tr("screens:home.titles.tournaments") }),
    h("p", { class: "lead", text: tr("screens:tournament.card.lead") }),
    h("div", { class: "actions" }, h("a", { class: "btn btn-primary", href: "#/tournament/new", id: "tournament-new", text: tr("screens:tournament.organise") })),
    h("label", { for: "tournament-open", class: "visually-hidden", text: tr("screens:tournament.card.idOrLink") }),
    form,
    error,
  );
  const mine = keptTournaments();
  if (mine.length > 0) {
    card.append(
      h("h3", { text: tr("screens:tournament.card.yours") }),
      h(
        "ul",
        { class: "table-list", "aria-label": tr("screens:tournament.card.yours") },
        mine.slice(0, 5).map((t) =>
          h(
            "li",
            null,
            h("div", { class: "what" }, h("strong", { text: t.name ?? t.id }), h("span", { class: "small muted", text: t.organiserToken ? tr("screens:tournament.card.organise") : tr("screens:tournament.card.play") })),
            h("a", { class: "btn btn-small", href: t.entrantCode && !t.organiserToken ? `#/tournament/${t.id}/entrant/${encodeURIComponent(t.entrantCode)}` : `#/tournament/${t.id}`, text: tr("screens:home.mine.open") }),
          ),
        ),
      ),
    );
  }
  const list = h("ul", { class: "table-list", "aria-label": tr("screens:tournament.card.listed") });
  tournaments.list().then(
    (all) => {
      const shown = all.filter((t) => t.status !== "finished").concat(all.filter((t) => t.status === "finished")).slice(0, 5);
      if (shown.length === 0) return;
      for (const t of shown) {
        list.append(
          h(
            "li",
            null,
            h("div", { class: "what" }, h("strong", { text: t.name }), h("span", { class: "small muted", text: `${statusLabel(t.status)} · ${tr("screens:tournament.card.roundOf", { round: t.currentRound, rounds: t.rounds })}` })),
            h("a", { class: "btn btn-small", href: `#/tournament/${t.id}`, text: t.status === "finished" ? tr("screens:tournament.card.results") : tr("screens:home.open.watch") }),
          ),
        );
      }
      card.append(h("h3", { text: tr("screens:tournament.card.listed") }), list);
    },
    () => undefined,
  );
}
