// The classroom parts of the front door, loaded on their own so the first screen stays small: the
// "Teach a class" page (the facilitator's create form beside the chosen scenario's learning
// objectives and the classes this browser holds), a class found on the join page (the student's
// name and "Join the class"), and the home page's list of this browser's classes.
import { needsHostKey } from "../net/host-key.ts";
import { askForHostKey } from "../ui/host-key.ts";
import { DEFAULT_CRITERIA } from "../../shared/classroom/criteria.ts";
import { checkAgainstScenario, ClassOptions, type ClassOptionsInput } from "../../shared/classroom/session.ts";
import { api, ApiError, type ScenarioSummary } from "../net/api.ts";
import { scenarioLabel, turnLength } from "../ui/format.ts";
import { storedClasses } from "../net/class-storage.ts";
import { playerName } from "../net/storage.ts";
import { formatJoinCode, navigate } from "../shell.ts";
import { type Disposer, fill, h, newId } from "../ui/dom.ts";
import { locale, t } from "../i18n.ts";
import { criterionText } from "../panels/words.ts";
import { summaryText, type Translated } from "../scenario-text.ts";
import type { PublicScenario } from "../../shared/rules/types.ts";

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || newId("f");
  control.id = id;
  return h("div", { class: "field" }, h("label", { for: id, text: label }), control, hint ? h("div", { class: "hint", text: hint }) : null);
}

/** `Use of injects` → `use-of-injects`: a criterion's id from its label. */
function slug(label: string, taken: Set<string>): string {
  const base = label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "criterion";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** English text on a screen in another language: marked as English (lang, a title and a line saying so), as scenario text without a translation is. */
function untranslatedBlock(block: HTMLElement): HTMLElement {
  if (locale() === "en") return block;
  block.lang = "en";
  block.dataset.untranslated = "";
  return h("div", null, h("p", { class: "small dim", text: t("scenario:untranslated") }), block);
}

/** A class code → the open class, or null when no open class has it. */
export async function findClass(code: string): Promise<{ sessionId: string; code: string } | null> {
  const { lookUpClass } = await import("../net/class.ts");
  try {
    return await lookUpClass(code);
  } catch (e) {
    if (e instanceof ApiError && e.code === "bad_code") return null;
    throw e;
  }
}

/** The "Teach a class" page: the create form, and beside it the scenario's objectives and this browser's classes. */
export function renderTeach(run: HTMLElement, side: HTMLElement, name: () => string | undefined, d: Disposer): void {
  fill(run, h("h2", { id: "class-run-title", text: t("screens:classHome.run") }), h("p", { class: "empty", text: t("screens:home.solo.loading") }));
  const objectives = h("section", { class: "card", id: "class-objectives", "aria-labelledby": "class-objectives-title" });
  const mine = h("section", { class: "card", "aria-labelledby": "class-mine-title" });
  side.append(objectives);
  if (renderKnownClasses(mine)) side.append(mine);
  let asked = "";
  const showObjectives = (s: ScenarioSummary) => {
    asked = s.id;
    fill(objectives, h("h2", { id: "class-objectives-title", text: t("screens:classHome.objectives") }), h("p", { class: "small muted", text: scenarioLabel(s) }), h("p", { class: "empty", text: t("screens:classHome.objectivesLoading") }));
    const lang = locale();
    // The objectives in the reader's language where the scenario's translation has them (its overlay's `objectives`).
    const translated = (): Promise<string | null> =>
      lang === "en"
        ? Promise.resolve(null)
        : api.scenario(s.id).then(
            (p) => (p as Translated<PublicScenario>).translations?.[lang]?.objectives ?? null,
            // Without the translation the English below still serves (marked as English).
            () => null,
          );
    void Promise.all([import("../net/materials.ts"), import("../panels/notes.ts")])
      .then(([m, notes]) => Promise.all([m.scenarioObjectives(s.id), translated()]).then(([o, mine]) => ({ o, mine, notes })))
      .then(
        ({ o, mine, notes }) => {
          if (d.disposed || asked !== s.id) return;
          const md = o.objectives;
          fill(
            objectives,
            h("h2", { id: "class-objectives-title", text: t("screens:classHome.objectives") }),
            h("p", { class: "small muted", text: scenarioLabel(s) }),
            // The teaching notes are written in English (scenarios/<id>/facilitator.md); a translation may carry their
            // objectives. Without one, on another language's screen they say they are English.
            mine ? notes.markdownBlock(mine, "objectives") : md ? untranslatedBlock(notes.markdownBlock(md, "objectives")) : h("p", { class: "empty", text: t("screens:classHome.objectivesNone") }),
            h("p", { class: "small dim", text: t("screens:classHome.objectivesAfter") }),
          );
        },
        () => {
          if (!d.disposed && asked === s.id) fill(objectives, h("h2", { id: "class-objectives-title", text: t("screens:classHome.objectives") }), h("p", { class: "error-text", text: t("screens:classHome.objectivesFailed") }));
        },
      );
  };
  api.scenarios().then(
    (list) => {
      // Titles and delegation names in the reader's language (what an overlay leaves untranslated stays English).
      if (!d.disposed) renderRun(run, list.map(summaryText), name, showObjectives);
    },
    (e: unknown) => fill(run, h("h2", { id: "class-run-title", text: t("screens:classHome.run") }), h("p", { class: "error-text", text: e instanceof ApiError ? e.message : t("screens:home.solo.loadFailed") })),
  );
}

/** A class found by its code on the join page: the student's name and "Join the class". */
export function renderClassJoin(result: HTMLElement, found: { sessionId: string; code: string }, name: () => string | undefined): void {
  const who = h("input", { type: "text", id: "class-name", maxlength: 60, autocomplete: "nickname", value: name() ?? playerName() });
  const button = h("button", { class: "btn btn-primary", type: "submit", id: "class-join-submit", text: t("screens:classHome.join.submit") });
  const error = h("p", { class: "error-text", role: "alert" });
  const form = h("form", null, field(t("screens:classHome.join.name"), who, t("screens:classHome.join.nameHint")), button, error);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const display = who.value.trim() || name() || "";
    if (!display) return void (error.textContent = t("screens:classHome.join.noName"));
    button.disabled = true;
    error.textContent = "";
    void import("../net/class.ts")
      .then((m) => m.ClassConnection.joinWithCode(found.code, display))
      .then(
        (conn) => navigate({ name: "class", sessionId: conn.sessionId }),
        (err: unknown) => {
          error.textContent = (err as Error).message;
          button.disabled = false;
        },
      );
  });
  fill(result, h("h3", { id: "class-found", text: t("screens:classHome.join.found", { code: found.code }), style: "margin-top: 14px" }), h("p", { class: "small muted", text: t("screens:classHome.join.wait") }), form);
  who.focus();
}

/** This browser's classes (back to the class, its debrief, or the dashboard); false when there are none. */
export function renderKnownClasses(card: HTMLElement): boolean {
  const known = storedClasses().filter((c) => c.studentToken || c.facilitatorToken).slice(0, 5);
  if (known.length === 0) return false;
  fill(
    card,
    h("h2", { id: "class-mine-title", text: t("screens:classHome.mine.title") }),
    h(
      "ul",
      { class: "table-list", id: "class-mine", "aria-label": t("screens:classHome.mine.label") },
      known.map((c) =>
        h("li", null, h("div", { class: "what" }, h("strong", { text: c.code ? formatJoinCode(c.code) : c.sessionId }), h("span", { class: "small muted", text: c.facilitatorToken ? t("screens:classHome.mine.facilitate") : c.name ? t("screens:classHome.mine.joinedAs", { name: c.name }) : "" })), h("a", { class: "btn btn-small", href: `#/class/${c.sessionId}`, text: t("screens:home.mine.open") })),
      ),
    ),
  );
  return true;
}

function renderRun(card: HTMLElement, scenarios: ScenarioSummary[], name: () => string | undefined, chosen: (s: ScenarioSummary) => void): void {
  const scenarioSel = h("select", { id: "class-scenario" }, scenarios.map((s) => h("option", { value: s.id, text: scenarioLabel(s) })));
  const layoutSel = h("select", { id: "class-layout" }, h("option", { value: "count", text: t("screens:classHome.form.layoutCount") }), h("option", { value: "per_table", text: t("screens:classHome.form.layoutPerTable") }));
  const number = h("input", { type: "text", inputmode: "numeric", id: "class-tables", value: "2" });
  const teams = h("input", { type: "checkbox", id: "class-teams" });
  const coach = h("input", { type: "checkbox", id: "class-coach" });
  const bots = h("div", { class: "class-bots" });
  const prep = h("input", { type: "text", inputmode: "numeric", id: "class-prep", value: "10" });
  const talk = h("input", { type: "text", inputmode: "numeric", id: "class-minutes", placeholder: t("screens:classHome.form.noClock") });
  const rounds = h("input", { type: "text", inputmode: "numeric", id: "class-rounds", placeholder: t("screens:classHome.form.scenarios") });
  // The turn timer at every table: minutes, or hours for a class that negotiates between meetings (a class allows up to a day).
  const turnSel = h("select", { id: "class-turn" });
  const renderTurns = () =>
    fill(
      turnSel,
      h("option", { value: "", text: t("screens:home.create.timerDefault", { length: turnLength(scenario().deadline.secondsPerTurn) }) }),
      h("optgroup", { label: t("screens:home.create.timerMinutes") }, [60, 120, 300, 600, 1800].map((n) => h("option", { value: String(n), text: turnLength(n) }))),
      h("optgroup", { label: t("screens:home.create.timerHours") }, [3600, 2 * 3600, 4 * 3600, 8 * 3600, 12 * 3600, 86400].map((n) => h("option", { value: String(n), text: turnLength(n) }))),
    );
  const criteria = h("textarea", { id: "class-criteria", rows: 5 });
  // The default criteria in the reader's words; sent as the standard English labels, so each reader of the class reads them in their own language (criterionText).
  criteria.value = DEFAULT_CRITERIA.map((c) => criterionText(c).label).join("\n");
  const error = h("p", { class: "error-text", role: "alert" });
  const submit = h("button", { class: "btn btn-primary btn-block", type: "button", id: "class-create", text: t("screens:classHome.form.create") });

  const scenario = () => scenarios.find((s) => s.id === scenarioSel.value) ?? scenarios[0]!;
  const renderBots = () => {
    fill(
      bots,
      h("div", { class: "hint", text: t("screens:classHome.form.whoPlays") }),
      scenario().delegations.map((d) =>
        field(d.name, h("select", { "data-delegation": d.id }, h("option", { value: "", text: t("screens:classHome.form.students") }), h("option", { value: "easy", text: t("screens:home.create.botEasy") }), h("option", { value: "medium", text: t("screens:home.create.botMedium") }), h("option", { value: "hard", text: t("screens:home.create.botHard") }))),
      ),
    );
  };
  scenarioSel.addEventListener("change", () => {
    renderBots();
    renderTurns();
    chosen(scenario());
  });
  renderBots();
  renderTurns();
  chosen(scenario());

  // A mistake is shown under the field it concerns, in the form's words, and goes away when that
  // field is changed; the form is checked with the server's own schema before it is sent.
  const clearMistakes = () => {
    for (const el of card.querySelectorAll(".field-error")) el.remove();
    for (const el of card.querySelectorAll("[aria-invalid]")) {
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
    }
    error.textContent = "";
  };
  const showMistake = (path: string, message: string): void => {
    const spot = formSpot(path, { number, prep, talk, rounds, criteria, bots, layoutSel, scenarioSel });
    if (!spot) {
      error.textContent = error.textContent ? `${error.textContent} ${message}` : message;
      return;
    }
    const place = spot.control.closest<HTMLElement>(".field") ?? spot.control;
    if (place.querySelector(".field-error")) return;
    const note = h("div", { class: "field-error", id: newId("class-err"), text: mistakeWords(spot.label, message) });
    place.append(note);
    spot.control.setAttribute("aria-invalid", "true");
    spot.control.setAttribute("aria-describedby", note.id);
    const clear = () => {
      note.remove();
      spot.control.removeAttribute("aria-invalid");
      spot.control.removeAttribute("aria-describedby");
    };
    spot.control.addEventListener("input", clear, { once: true });
    spot.control.addEventListener("change", clear, { once: true });
  };

  submit.addEventListener("click", () => {
    clearMistakes();
    const botChoices: Record<string, string> = {};
    for (const sel of bots.querySelectorAll<HTMLSelectElement>("select[data-delegation]")) if (sel.value) botChoices[sel.dataset.delegation!] = sel.value;
    // What the teacher typed, as numbers where they are numbers: a box that is not one is sent as NaN for the check to name.
    const numberOf = (input: HTMLInputElement) => (/^\s*\d+(\.\d+)?\s*$/.test(input.value) ? Number(input.value) : Number.NaN);
    const n = numberOf(number);
    const taken = new Set<string>();
    const labels = criteria.value.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => DEFAULT_CRITERIA.find((c) => criterionText(c).label === l)?.label ?? l);
    const options: ClassOptionsInput = {
      scenario: scenario().id,
      layout: layoutSel.value === "per_table" ? { kind: "per_table", people: n } : { kind: "count", tables: n },
      teams: teams.checked,
      coach: coach.checked,
      bots: botChoices as ClassOptionsInput["bots"],
      preparationMinutes: prep.value.trim() === "" ? 0 : numberOf(prep),
      ...(talk.value.trim() ? { negotiationMinutes: numberOf(talk) } : {}),
      ...(rounds.value.trim() ? { rounds: numberOf(rounds) } : {}),
      ...(turnSel.value ? { secondsPerTurn: Number(turnSel.value) } : {}),
      criteria: labels.map((label) => ({ id: slug(label, taken), label })),
      ...(name() ? { facilitatorName: name() } : {}),
    };
    const checked = ClassOptions.safeParse(options);
    const s = scenario();
    const problems = checked.success
      ? checkAgainstScenario(checked.data, { id: s.id, title: s.title, deadlineRounds: s.deadline.rounds, delegations: s.delegations })
      : [];
    if (!checked.success || problems.length > 0) {
      if (!checked.success) for (const issue of checked.error.issues) showMistake(issue.path.map(String).join("."), issue.message);
      for (const problem of problems) {
        const m = /field '([^']+)':? (.*)$/.exec(problem);
        showMistake(m?.[1] ?? "", m?.[2] ?? problem);
      }
      card.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
      if (!card.querySelector("[aria-invalid='true']") && !error.textContent) error.textContent = t("screens:classHome.form.check");
      return;
    }
    submit.disabled = true;
    void import("../net/class.ts")
      .then((m) => m.ClassConnection.create(options))
      .then(
        (conn) => navigate({ name: "class", sessionId: conn.sessionId }),
        (err: unknown) => {
          submit.disabled = false;
          const message = (err as Error).message;
          // The server checks again: its field paths go next to their fields too.
          const m = /field '([^']+)':? (.*)$/.exec(message);
          if (m) showMistake(m[1]!, m[2]!);
          else error.textContent = message;
          if (needsHostKey(err)) askForHostKey(error, error.textContent, () => submit.click());
        },
      );
  });

  fill(
    card,
    h("h2", { id: "class-run-title", text: t("screens:classHome.run") }),
    h("p", { class: "lead", text: t("screens:classHome.form.lead") }),
    field(t("screens:home.solo.scenario"), scenarioSel),
    h("div", { class: "row" }, h("div", { class: "grow" }, field(t("screens:classHome.form.tables"), layoutSel)), h("div", { class: "grow" }, field(t("screens:classHome.form.howMany"), number, t("screens:classHome.form.howManyHint")))),
    h("div", { class: "field" }, h("label", { class: "check" }, teams, t("screens:classHome.form.teams"))),
    h("div", { class: "field" }, h("label", { class: "check" }, coach, t("coach:classOption"))),
    bots,
    h("div", { class: "row" }, h("div", { class: "grow" }, field(t("screens:classHome.form.prep"), prep)), h("div", { class: "grow" }, field(t("screens:classHome.form.talk"), talk)), h("div", { class: "grow" }, field(t("screens:classHome.form.rounds"), rounds))),
    field(t("screens:home.create.timer"), turnSel, t("screens:classHome.form.turnHint")),
    field(t("screens:classHome.form.criteria"), criteria),
    submit,
    error,
  );
}

interface FormControls {
  number: HTMLInputElement;
  prep: HTMLInputElement;
  talk: HTMLInputElement;
  rounds: HTMLInputElement;
  criteria: HTMLTextAreaElement;
  bots: HTMLElement;
  layoutSel: HTMLSelectElement;
  scenarioSel: HTMLSelectElement;
}

/** Which field of the class form a schema path (`layout.tables`, `rounds`, `criteria.2.label`) is about, and its label. */
function formSpot(path: string, c: FormControls): { control: HTMLElement; label: string } | null {
  const head = path.split(".")[0];
  if (head === "layout") return { control: c.number, label: c.layoutSel.value === "per_table" ? t("screens:classHome.spot.perTable") : t("screens:classHome.form.tables") };
  if (head === "preparationMinutes") return { control: c.prep, label: t("screens:classHome.spot.prep") };
  if (head === "negotiationMinutes") return { control: c.talk, label: t("screens:classHome.spot.talk") };
  if (head === "rounds") return { control: c.rounds, label: t("screens:classHome.form.rounds") };
  if (head === "criteria") return { control: c.criteria, label: t("screens:classHome.spot.criteria") };
  if (head === "bots") return { control: c.bots.querySelector<HTMLElement>("select") ?? c.bots, label: t("screens:home.create.whoPlays") };
  if (head === "scenario") return { control: c.scenarioSel, label: t("screens:home.solo.scenario") };
  return null;
}

/** A schema message in a teacher's words: `Round limit: at least 10, the scenario's own limit (…).` */
function mistakeWords(label: string, message: string): string {
  let text = message;
  // The bound is a number, said in the reader's digits; what follows it is said in the reader's words too.
  const bound = /^must (?:be|have) (at least|at most) (\d+)(.*)$/.exec(message);
  const least = bound?.[1] === "at least";
  const n = Number(bound?.[2]);
  if (/^Invalid input: expected number/i.test(message) || message === "must be a whole number") text = t("screens:classHome.mistake.wholeNumber");
  else if (message === "must be a number of minutes") text = t("screens:classHome.mistake.minutes");
  else if (bound && /the scenario's own limit/.test(bound[3]!)) text = t("screens:classHome.mistake.atLeastScenario", { n });
  else if (bound && /^ characters?$/.test(bound[3]!)) text = t("screens:classHome.mistake.atMostCharacters", { n });
  else if (bound && bound[3] === "") text = least ? t("screens:classHome.mistake.atLeast", { n }) : t("screens:classHome.mistake.atMost", { n });
  else if (bound && /^ criteri(on|a)$/.test(bound[3]!)) text = least ? t("screens:classHome.mistake.atLeastCriteria", { count: n }) : t("screens:classHome.mistake.atMostCriteria", { count: n });
  else if (message === "every delegation is a bot; leave at least one to the students") text = t("screens:classHome.mistake.leaveOne");
  else if (/^Too (big|small)/i.test(message)) text = t("screens:classHome.mistake.outOfRange");
  return t("screens:classHome.mistake.line", { label, text: `${text}${/[.!?)।]$/.test(text) ? "" : t("screens:classHome.mistake.stop")}` });
}
