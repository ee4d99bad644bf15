// Hosted tournaments: the organiser's create form (#/tournament/new), a tournament's live page
// (#/tournament/<id>: standings, live tables with a "watch" button, exports, and the organiser's
// controls when this browser holds the token), and an entrant's view (#/tournament/<id>/entrant/
// <code>: my table now, with a button that takes the seat). The page polls the API every few
// seconds while it is visible (see net/tournaments.ts for why polling). Text only, never HTML.
import { needsHostKey } from "../net/host-key.ts";
import { askForHostKey } from "../ui/host-key.ts";
import { CreateTournament, type EntrantInput, type TournamentCreated, type TournamentSummary } from "../../shared/tournament/api.ts";
import { fieldName } from "../../shared/protocol/requests.ts";
import type { Standing } from "../../shared/tournament/standings.ts";
import { api, ApiError, type ScenarioSummary } from "../net/api.ts";
import { scenarioLabel } from "../ui/format.ts";
import { setCurrent } from "../net/current.ts";
import { rememberTable } from "../net/storage.ts";
import { keepTournament, keptTournament, keptTournaments, tournaments } from "../net/tournaments.ts";
import { navigate, setNav } from "../shell.ts";
import { Disposer, fill, h, newId } from "../ui/dom.ts";
import type { Screen } from "./screen.ts";

const POLL_MS = 3000;
const STRATEGIES = ["easy", "medium", "hard", "boulware", "linear", "conceder", "hardliner", "tit-for-tat", "diplomat", "random"];
const STATUS_LABEL: Record<TournamentSummary["status"], string> = { waiting: "Not started", running: "Running", finished: "Finished", cancelled: "Cancelled" };
const PHASE_LABEL: Record<string, string> = { waiting: "waiting for people", running: "in play", paused: "paused", ended: "over" };

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
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
    const row = `Entrant ${index + 1}`;
    if (part === "name") {
      const twin = /^must differ from entrants\[(\d+)\]\.name \('(.*)'\)$/s.exec(message);
      if (twin) return { spot: { kind: "entrant", index, part: "name" }, text: `Entrant ${Number(twin[1]) + 1} is already called “${twin[2]}”: give each entrant a different name.` };
      if (/at most/.test(message)) return { spot: { kind: "entrant", index, part: "name" }, text: `${row}: keep the name to 60 characters or fewer.` };
      if (kindOf(index) === "bot") return { spot: { kind: "entrant", index, part: "name" }, text: `${row}: give the bot a name, or leave the box empty for an automatic one.` };
      return { spot: { kind: "entrant", index, part: "name" }, text: `${row}: type this person's name.` };
    }
    if (part === "strategy") return { spot: { kind: "entrant", index, part: "strategy" }, text: `${row}: choose one of the bot strategies in the list.` };
    return { spot: { kind: "entrant", index, part: "row" }, text: `${row}: choose a person or a bot.` };
  }
  if (path === "entrants") {
    if (/at least/.test(message)) return { spot: { kind: "entrants" }, text: "Add at least two entrants: people, bots or both." };
    if (/at most/.test(message)) return { spot: { kind: "entrants" }, text: "A tournament takes at most 256 entrants: remove some." };
    return { spot: { kind: "entrants" }, text: "Check the list of entrants." };
  }
  if (path === "name") return { spot: { kind: "name" }, text: /at most/.test(message) ? "Keep the tournament's name to 60 characters or fewer." : "Give the tournament a name." };
  if (path === "scenarios" || path.startsWith("scenarios[")) {
    return { spot: { kind: "scenario" }, text: /no scenario/.test(message) ? "This scenario is not on the server any more: choose another one." : "Choose a scenario from the list." };
  }
  if (path === "format") return { spot: { kind: "format" }, text: "Choose a format from the list." };
  if (path === "rounds") return { spot: { kind: "rounds" }, text: "Rounds: a whole number from 1 to 50, or leave the box empty for the automatic number." };
  if (path === "standInAfterMinutes") return { spot: { kind: "standIn" }, text: "Minutes before a bot stands in: a number from 0 to 60." };
  return { spot: { kind: "form" }, text: "The server did not accept the tournament as it is. Check the form and try again." };
}

/** A server refusal of the create form (`create: field 'entrants[1].name' must …`), in the form's words; null when it names no field. */
export function mistakeFrom(message: string, kindOf?: (index: number) => "person" | "bot"): { spot: FormSpot; text: string } | null {
  const m = /^create: field '([^']+)':? (.*)$/s.exec(message);
  if (!m) return null;
  const what = m[2]!.replace(/^is not valid: /, "");
  return mistakeWords(m[1]!, what, kindOf);
}

export class TournamentScreen implements Screen {
  title = "Tournament";
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
    setNav(h("a", { href: "#/", text: "Home" }), h("a", { href: "#/tournament/new", text: "New tournament" }));
    if (this.tournamentId === null) this.renderCreate();
    else this.renderPage(this.tournamentId);
  }

  dispose(): void {
    this.d.dispose();
  }

  // ---- create (organiser) ------------------------------------------------------------------

  private renderCreate(): void {
    this.title = "New tournament";
    const page = h("div", { class: "page" });
    this.root.append(page);
    const card = h("section", { class: "card", "aria-labelledby": "tournament-create-title" });
    page.append(
      h("section", { class: "hero" }, h("div", { class: "eyebrow", text: "Hosted tournament" }), h("h1", { id: "tournament-create-title", text: "Organise a tournament" }), h("p", { text: "People and bots as entrants; the server seats every round, rotates the roles and keeps the standings: mean advantage over the games played." })),
      card,
    );
    const name = h("input", { type: "text", maxlength: 60, value: "Tournament", id: "t-name" });
    const scenario = h("select", { id: "t-scenario" });
    const format = h("select", { id: "t-format" }, h("option", { value: "", text: "Automatic (round-robin up to 8, Swiss beyond)" }), h("option", { value: "round-robin", text: "Round-robin, roles rotating" }), h("option", { value: "swiss", text: "Swiss" }));
    const rounds = h("input", { type: "number", min: 1, max: 50, id: "t-rounds", placeholder: "automatic" });
    const listed = h("input", { type: "checkbox", id: "t-listed" });
    const pace = h("select", { id: "t-pace" }, h("option", { value: "instant", text: "Full speed (tables of bots only)" }), h("option", { value: "table", text: "Watchable speed" }));
    const standIn = h("input", { type: "number", min: 0, max: 60, step: "any", value: "1", id: "t-stand-in" });
    const list = h("ul", { class: "table-list", "aria-label": "Entrants" });
    const addRow = (entrant: EntrantInput) => {
      const kind = h("select", { "aria-label": "Entrant kind" }, h("option", { value: "person", text: "Person" }), h("option", { value: "bot", text: "Bot" }));
      kind.value = entrant.kind;
      const who = h("input", { type: "text", maxlength: 60, "aria-label": "Entrant name", placeholder: "Name", value: entrant.name ?? "" });
      const strategy = h("select", { "aria-label": "Bot strategy" }, STRATEGIES.map((s) => h("option", { value: s, text: s })));
      if (entrant.kind === "bot") strategy.value = entrant.strategy;
      const remove = h("button", { class: "btn btn-small", type: "button", text: "Remove" });
      const li = h("li", { "data-entrant": "", class: "t-entrant" }, kind, who, strategy, remove);
      const sync = () => {
        strategy.hidden = kind.value !== "bot";
        who.placeholder = kind.value === "bot" ? "Name (optional)" : "Name";
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
    const addPerson = h("button", { class: "btn btn-small", type: "button", text: "Add a person" });
    addPerson.addEventListener("click", () => addRow({ kind: "person", name: "" }));
    const addBot = h("button", { class: "btn btn-small", type: "button", text: "Add a bot" });
    addBot.addEventListener("click", () => addRow({ kind: "bot", strategy: "medium" }));
    const error = h("p", { class: "error-text", role: "alert", id: "t-create-error" });
    const entrantsBox = h("fieldset", { id: "t-entrants" }, h("legend", { text: "Entrants" }), list, h("div", { class: "actions" }, addPerson, addBot));
    const submit = h("button", { class: "btn btn-primary btn-block", type: "button", id: "t-create", text: "Create tournament" });

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
      (all: ScenarioSummary[]) => fill(scenario, all.map((s) => h("option", { value: s.id, text: `${scenarioLabel(s)} · ${s.delegations.length} delegations` }))),
      () => (error.textContent = "The scenarios could not be loaded."),
    );

    submit.addEventListener("click", () => {
      clearMistakes();
      const rows = [...list.querySelectorAll<HTMLElement>("li[data-entrant]")];
      const entrants: EntrantInput[] = [];
      for (const li of rows) {
        const [kind, who, strategy] = li.querySelectorAll<HTMLInputElement | HTMLSelectElement>("select, input");
        const n = who!.value.trim();
        if (kind!.value === "bot") entrants.push({ kind: "bot", strategy: strategy!.value as never, ...(n ? { name: n } : {}) });
        else entrants.push({ kind: "person", name: n });
      }
      const kindOf = (i: number) => entrants[i]?.kind ?? "person";
      const body = {
        name: name.value.trim() || "Tournament",
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
        if (!first && !error.textContent) error.textContent = "Check the form and try again.";
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
          error.textContent = e instanceof ApiError && e.status !== 400 ? e.message : "The tournament could not be created. Check the form and try again.";
          if (needsHostKey(e)) askForHostKey(error, error.textContent, () => submit.click());
        },
      );
    });

    fill(
      card,
      field("Name", name),
      field("Scenario", scenario, "Every round plays this scenario; a table seats one entrant per delegation, house bots fill a short table."),
      field("Format", format),
      field("Rounds", rounds, "Leave empty: a full round-robin cycle, or enough Swiss rounds to tell the field apart."),
      field("Bot pace", pace),
      field("Minutes before a bot stands in", standIn, "When you start a table someone has not come to, a bot plays for them after this many minutes (0: at once), and steps aside when they arrive."),
      h("div", { class: "field" }, h("label", { class: "check" }, listed, "List the tournament on the home screen, for spectators")),
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
      h("h2", { text: "Tournament created" }),
      h("p", { class: "lead", text: "Hand each person their own code or link: it takes them to their seat every round. Keep the organiser token: it is shown once (this browser keeps a copy)." }),
      h("div", { class: "field" }, h("div", { class: "label", text: "Organiser token" }), h("code", { class: "token", id: "t-organiser-token", text: created.organiserToken })),
      people.length > 0
        ? h(
            "ul",
            { class: "table-list", "aria-label": "Entrant codes" },
            people.map((e) => h("li", null, h("div", { class: "what" }, h("strong", { text: e.name }), h("span", { class: "small muted", text: e.code! })), h("a", { class: "btn btn-small", href: e.link!, text: "Entrant link" }))),
          )
        : h("p", { class: "empty", text: "Bots only: nobody needs a code." }),
      h("div", { class: "actions" }, h("a", { class: "btn btn-primary", href: `#/tournament/${created.id}`, id: "t-open", text: "Open the tournament page" })),
    );
  }

  // ---- the tournament page (everyone) ------------------------------------------------------

  private renderPage(id: string): void {
    const page = h("div", { class: "page" });
    const head = h("section", { class: "hero" }, h("p", { class: "muted", role: "status", text: "Loading the tournament…" }));
    const mine = h("section", { class: "card", "aria-label": "Your table", hidden: this.entrantCode === null });
    const controls = h("section", { class: "card", "aria-label": "Organiser", hidden: true });
    const standingsCard = h("section", { class: "card", "aria-labelledby": "t-standings-title" });
    const live = h("section", { class: "card", "aria-labelledby": "t-live-title" });
    const done = h("section", { class: "card", "aria-labelledby": "t-done-title" });
    const codeCard = h("section", { class: "card", "aria-label": "Entrant code", hidden: this.entrantCode !== null });
    page.append(head, h("div", { style: "display: grid; gap: 20px" }, mine, controls, standingsCard, live, done, codeCard));
    this.root.append(page);
    this.renderCodeForm(codeCard, id);
    const titles = new Map<string, string>();
    // Loaded before the first drawing, so delegations are named, never shown by their ids.
    const scenariosLoaded = api.scenarios().then(
      (all) =>
        all.forEach((s) => {
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
          h("div", { class: "eyebrow", text: `Tournament · ${t.format === "swiss" ? "Swiss" : "Round-robin"}` }),
          h("h1", { text: t.name }),
          h("p", null, h("span", { class: `pill ${t.status === "running" ? "running" : t.status === "waiting" ? "waiting" : "ended"}`, text: STATUS_LABEL[t.status] }), ` Round ${t.currentRound} of ${t.rounds} · ${t.entrants.length} entrants · ${t.scenarios.map((s) => titles.get(s) ?? s).join(", ")}`),
        );
        this.renderControls(controls, t);
        this.renderStandings(standingsCard, t);
        this.renderLive(live, t);
        this.renderDone(done, t);
        if (this.entrantCode !== null) await this.renderMine(mine, id, this.entrantCode);
      } catch (e) {
        fill(head, h("p", { class: "error-text", role: "alert", text: e instanceof ApiError ? e.message : "The tournament could not be loaded." }));
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
      const input = h("input", { type: "password", autocomplete: "off", id: "t-paste-token", placeholder: "Organiser token" });
      const form = h("form", { class: "row" }, h("div", { class: "grow" }, input), h("button", { class: "btn", type: "submit", text: "Use this token" }));
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        if (!input.value.trim()) return;
        keepTournament(t.id, { organiserToken: input.value.trim(), name: t.name });
        delete card.dataset.form;
        this.renderControls(card, t);
      });
      fill(card, h("details", null, h("summary", { text: "Are you the organiser?" }), h("label", { for: "t-paste-token", class: "visually-hidden", text: "Organiser token" }), form));
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
            error.textContent = e instanceof ApiError ? e.message : "The server did not answer.";
            b.disabled = false;
          },
        );
      });
      return b;
    };
    fill(
      card,
      h("h2", { text: "Organiser" }),
      h(
        "div",
        { class: "actions" },
        t.status === "waiting" ? button("Start the tournament", "start", "t-start") : null,
        t.status === "running" ? button("Start tables still waiting for people", "start-tables", "t-start-tables") : null,
        t.status === "running" ? this.standInButton(t, token, error, "all", undefined, "A bot for everyone absent", "t-stand-in-all") : null,
        button("Cancel the tournament", "cancel", "t-cancel"),
      ),
      t.status === "running"
        ? h("p", { class: "small muted", text: `When you start a waiting table, a bot plays for anyone still absent after ${t.standInAfterMinutes === 1 ? "1 minute" : `${t.standInAfterMinutes} minutes`}, and steps aside when they arrive. You can also put a bot in now, for everyone absent or for one entrant (Live tables).` })
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
            next.standIns === 0 ? (entrant ? `${entrant.name} is at their table: nobody to replace.` : "Everyone is at their table: nobody to replace.") : `A bot now plays for ${entrant ? entrant.name : next.standIns === 1 ? "1 absent entrant" : `${next.standIns} absent entrants`} until they arrive.`;
          this.standInNotice = { where, text, done: next.standIns > 0 };
          this.showStandInNotice(error, where);
          b.disabled = false;
          this.refreshNow();
        },
        (e: unknown) => {
          error.className = "error-text";
          error.textContent = e instanceof ApiError ? e.message : "The server did not answer.";
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
        h("td", { text: String(s.rank) }),
        h("th", { scope: "row", class: "t-text", text: s.name }),
        h("td", { class: "t-text", text: s.kind === "bot" ? "bot" : "person" }),
        h("td", { text: String(s.games) }),
        h("td", { text: s.score.toFixed(3) }),
        h("td", { text: pct(s.agreementRate) }),
        h("td", { text: s.opponentsScore.toFixed(3) }),
      );
    fill(
      card,
      h("h2", { id: "t-standings-title", text: "Standings" }),
      h("p", { class: "small muted", text: "Score: mean advantage (u − r)/(max − r) over the games played. Ties: agreement rate, then games, then opponents' score, then name." }),
      h(
        "table",
        { class: "results", id: "t-standings" },
        h("thead", null, h("tr", null, ["#", "Entrant", "Kind", "Games", "Score", "Agreements", "Opponents"].map((c, i) => h("th", { scope: "col", text: c, ...(i === 1 || i === 2 ? { class: "t-text" } : {}) })))),
        h("tbody", null, t.standings.map(row)),
      ),
      h(
        "p",
        { class: "small" },
        "Export: ",
        h("a", { href: tournaments.exportUrl(t.id, "standings.csv"), text: "standings (CSV)" }),
        " · ",
        h("a", { href: tournaments.exportUrl(t.id, "results.csv"), text: "results (CSV)" }),
        " · ",
        h("a", { href: tournaments.exportUrl(t.id, "results.json"), text: "results (JSON)" }),
      ),
    );
  }

  private renderLive(card: HTMLElement, t: TournamentSummary): void {
    const running = t.tables.filter((g) => g.status === "running" && g.matchId);
    const list = h("ul", { class: "table-list", "aria-label": "Live tables" });
    const token = t.status === "running" ? keptTournament(t.id).organiserToken : undefined;
    const people = new Set(t.entrants.filter((e) => e.kind === "person").map((e) => e.id));
    for (const g of running) {
      const error = h("span", { class: "error-text small", role: "alert" });
      const watch = h("button", { class: "btn btn-small", type: "button", text: "Watch", "aria-label": `Watch table ${g.table}` });
      watch.addEventListener("click", () => this.watch(g.matchId!, watch, error));
      // The organiser's swap, per person at the table (the table leaves anyone who is there alone).
      const swaps = token
        ? g.seats.filter((s) => s.entrant !== null && people.has(s.entrant)).map((s) => this.standInButton(t, token, error, g.matchId!, { id: s.entrant!, name: s.name }, `Bot for ${s.name}`))
        : [];
      this.showStandInNotice(error, g.matchId!);
      list.append(
        h(
          "li",
          null,
          h("div", { class: "what" }, h("strong", { text: `Round ${g.round}, table ${g.table}` }), h("span", { class: "small muted", text: `${g.seats.map((s) => `${s.name} (${this.delegationName(g.scenario, s.delegation)})`).join(" · ")}${g.phase ? ` · ${PHASE_LABEL[g.phase] ?? g.phase}` : ""}` })),
          ...swaps,
          watch,
          error,
        ),
      );
    }
    fill(card, h("h2", { id: "t-live-title", text: "Live tables" }), running.length ? list : h("p", { class: "empty", text: t.status === "running" ? "Pairing the next round…" : "No table is being played now." }));
  }

  private renderDone(card: HTMLElement, t: TournamentSummary): void {
    const ended = t.tables.filter((g) => g.status !== "running").reverse();
    const list = h("ul", { class: "table-list", "aria-label": "Finished games" });
    for (const g of ended.slice(0, 50)) {
      const parts = g.seats.map((s) => {
        const r = g.result?.seats.find((x) => x.delegation === s.delegation);
        return `${s.name}: ${r ? r.advantage.toFixed(2) : "–"}`;
      });
      list.append(
        h(
          "li",
          null,
          h("div", { class: "what" }, h("strong", { text: `Round ${g.round}, table ${g.table} · ${g.status === "void" ? "void" : g.result?.agreement ? "deal" : "no deal"}` }), h("span", { class: "small muted", text: parts.join(" · ") })),
          g.matchId && g.status === "ended" ? h("a", { class: "btn btn-small", href: `#/table/${g.matchId}/debrief`, text: "Debrief" }) : null,
        ),
      );
    }
    fill(card, h("h2", { id: "t-done-title", text: "Finished games" }), ended.length ? list : h("p", { class: "empty", text: "None yet." }));
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
          error.textContent = (e as Error).message || "Could not open the table.";
          button.disabled = false;
        },
      );
  }

  // ---- entrants ----------------------------------------------------------------------------

  private renderCodeForm(card: HTMLElement, id: string): void {
    const code = h("input", { type: "text", autocomplete: "off", autocapitalize: "characters", spellcheck: "false", placeholder: "ABCD-EFGH-JKLM-NPQR", maxlength: 40, id: "t-entrant-code" });
    const form = h("form", { class: "row" }, h("div", { class: "grow" }, code), h("button", { class: "btn btn-primary", type: "submit", text: "Go to my table" }));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const value = code.value.trim().toUpperCase();
      if (value) location.hash = `#/tournament/${id}/entrant/${encodeURIComponent(value)}`;
    });
    fill(card, h("h2", { text: "Are you an entrant?" }), h("p", { class: "lead", text: "Type the code the organiser gave you to find your table each round." }), h("label", { for: "t-entrant-code", class: "visually-hidden", text: "Entrant code" }), form);
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
        const sit = h("button", { class: "btn btn-primary", type: "button", id: "t-take-seat", text: `Take your seat (${playing})` });
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
                error.textContent = (e as Error).message || "Could not join the table.";
                sit.disabled = false;
              },
            );
        });
        body = h("div", null, h("p", { text: `Round ${table.round}, table ${table.table}: you play ${playing}.` }), sit, error);
      } else {
        body = h("p", { class: "empty", text: me.tournament.status === "running" ? "No table for you right now: the next round is being paired, or your game is over and others are still playing." : me.tournament.status === "waiting" ? "The tournament has not started yet." : "The tournament is over." });
      }
      fill(
        card,
        h("h2", { text: `Your table, ${me.entrant.name}` }),
        me.standing ? h("p", { class: "small muted", text: `Rank ${me.standing.rank} · score ${me.standing.score.toFixed(3)} over ${me.standing.games} games` }) : null,
        body,
      );
    } catch (e) {
      fill(card, h("h2", { text: "Your table" }), h("p", { class: "error-text", role: "alert", text: e instanceof ApiError ? e.message : "Your table could not be found." }));
    }
  }
}

/** The home screen's entry: organise a tournament, or open one by its id or link. */
export function renderTournamentCard(card: HTMLElement): void {
  const input = h("input", { type: "text", autocomplete: "off", spellcheck: "false", placeholder: "Tournament id or link", id: "tournament-open", maxlength: 300 });
  const form = h("form", { class: "row" }, h("div", { class: "grow" }, input), h("button", { class: "btn", type: "submit", text: "Open" }));
  const error = h("p", { class: "error-text", role: "alert" });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const m = /(?:#\/tournament\/)?([a-z0-9]{1,32})(\/entrant\/([A-Za-z0-9-]+))?\s*$/.exec(input.value.trim());
    if (!m) {
      error.textContent = "Paste the tournament's link or its id.";
      return;
    }
    location.hash = `#/tournament/${m[1]}${m[3] ? `/entrant/${m[3]}` : ""}`;
  });
  fill(
    card,
    h("h2", { id: "tournament-title", text: "Tournaments" }),
    h("p", { class: "lead", text: "Many tables at once, people and bots as entrants, live standings and spectators." }),
    h("div", { class: "actions" }, h("a", { class: "btn btn-primary", href: "#/tournament/new", id: "tournament-new", text: "Organise a tournament" })),
    h("label", { for: "tournament-open", class: "visually-hidden", text: "Tournament id or link" }),
    form,
    error,
  );
  const mine = keptTournaments();
  if (mine.length > 0) {
    card.append(
      h("h3", { text: "Your tournaments" }),
      h(
        "ul",
        { class: "table-list", "aria-label": "Your tournaments" },
        mine.slice(0, 5).map((t) =>
          h(
            "li",
            null,
            h("div", { class: "what" }, h("strong", { text: t.name ?? t.id }), h("span", { class: "small muted", text: t.organiserToken ? "You organise it" : "You play in it" })),
            h("a", { class: "btn btn-small", href: t.entrantCode && !t.organiserToken ? `#/tournament/${t.id}/entrant/${encodeURIComponent(t.entrantCode)}` : `#/tournament/${t.id}`, text: "Open" }),
          ),
        ),
      ),
    );
  }
  const list = h("ul", { class: "table-list", "aria-label": "Listed tournaments" });
  tournaments.list().then(
    (all) => {
      const shown = all.filter((t) => t.status !== "finished").concat(all.filter((t) => t.status === "finished")).slice(0, 5);
      if (shown.length === 0) return;
      for (const t of shown) {
        list.append(
          h(
            "li",
            null,
            h("div", { class: "what" }, h("strong", { text: t.name }), h("span", { class: "small muted", text: `${STATUS_LABEL[t.status]} · round ${t.currentRound} of ${t.rounds}` })),
            h("a", { class: "btn btn-small", href: `#/tournament/${t.id}`, text: t.status === "finished" ? "Results" : "Watch" }),
          ),
        );
      }
      card.append(h("h3", { text: "Listed tournaments" }), list);
    },
    () => undefined,
  );
}
