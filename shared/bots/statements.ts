// What a bot says at the table: one or two short sentences when it proposes, accepts or rejects,
// about the issue that matters most to the move, so a solo game reads like a negotiation and not
// like a stream of numbers. The scenario's own lines for the delegation (`phrases`, keyed by issue
// id or by situation) come first; general templates fill in.
import type { Decision, Situation } from "./decision.ts";
import type { PhrasePart, PhraseRef } from "../rules/types.ts";
import { digitsOf, type OwnSpace } from "./space.ts";

/** Issue id or situation (`propose`, `counter`, `accept`, `reject`, `walk_away`) → sentences the delegation may say. */
export type Phrases = Readonly<Record<string, readonly string[]>>;

type Situation_ = "propose" | "counter" | "accept" | "reject" | "walk_away";

/** General templates; `{issue}` is an issue's title, `{option}` an option's label, `{name}` the delegation's name. */
export const TEMPLATES: Readonly<Record<Situation_, readonly string[]>> = {
  propose: [
    "We table a package built around {option} on {issue}.",
    'Our proposal keeps "{option}" on {issue}; the rest is open to balance.',
    "We put forward a text with {option} on {issue}.",
  ],
  counter: [
    'On {issue}, "{option}" goes too far for us. We table a different balance.',
    'We cannot sign "{option}" on {issue}. Here is our counter-proposal.',
    'The text on the table asks too much of us on {issue}. We propose another.',
  ],
  accept: [
    "We can accept this package.",
    "This is a text {name} can sign.",
    "With {option} on {issue}, we can live with this package.",
  ],
  reject: [
    'We cannot accept "{option}" on {issue}.',
    'On {issue}, "{option}" is not something we can sign.',
    "This text does not meet us on {issue}.",
  ],
  walk_away: ["We see no basis for agreement and leave the table."],
};

/** The issue where package `index` costs us most against our best option. */
function sorestIssue(space: OwnSpace, digits: Int32Array): number {
  let worst = 0;
  let loss = -1;
  for (let i = 0; i < digits.length; i++) {
    const s = space.score[i]!;
    let best = 0;
    for (let o = 0; o < s.length; o++) if (s[o]! > best) best = s[o]!;
    const l = best - s[digits[i]!]!;
    if (l > loss) {
      loss = l;
      worst = i;
    }
  }
  return worst;
}

/** The issue where package `index` gives us most. */
function strongestIssue(space: OwnSpace, digits: Int32Array): number {
  let top = 0;
  let gain = -1;
  for (let i = 0; i < digits.length; i++) {
    const g = space.score[i]![digits[i]!]!;
    if (g > gain) {
      gain = g;
      top = i;
    }
  }
  return top;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}

/** A bot's statement: the English text, and the phrases it was made of (what each reader renders in their language). */
export interface ComposedStatement {
  text: string;
  phrase: PhraseRef;
}

/** The sentence to say before a move, or null when the move needs none. */
export function statementFor(decision: Decision, s: Situation, phrases: Phrases, random: () => number): string | null {
  return composeStatement(decision, s, phrases, random)?.text ?? null;
}

/** `statementFor` with the phrase reference beside the text (the same random draws, so the same words). */
export function composeStatement(decision: Decision, s: Situation, phrases: Phrases, random: () => number): ComposedStatement | null {
  let situation: Situation_;
  let index: number;
  switch (decision.type) {
    case "propose":
      situation = "propose";
      index = decision.index;
      break;
    case "counter":
      situation = "counter";
      index = s.table;
      break;
    case "accept":
      situation = "accept";
      index = s.table;
      break;
    case "reject":
      situation = "reject";
      index = s.table;
      break;
    case "vote":
      situation = decision.accept ? "accept" : "reject";
      index = s.table;
      break;
    case "walk_away": {
      const own = phrases.walk_away?.length ? phrases.walk_away : null;
      const i = Math.floor(random() * (own ?? TEMPLATES.walk_away).length);
      const part: PhrasePart = own ? { kind: "phrase", key: "walk_away", index: i, issue: "", option: "" } : { kind: "template", key: "walk_away", index: i, issue: "", option: "" };
      return { text: (own ?? TEMPLATES.walk_away)[i]!, phrase: [part] };
    }
    default:
      return null;
  }
  if (index < 0) return null;
  const space = s.space;
  const digits = digitsOf(space, index, new Int32Array(space.radix.length));
  const issue = situation === "propose" || situation === "accept" ? strongestIssue(space, digits) : sorestIssue(space, digits);
  const issueId = space.issueIds[issue]!;
  const scenarioIssue = s.view.scenario.issues.find((i) => i.id === issueId);
  const optionId = space.optionIds[issue]![digits[issue]!]!;
  const option = scenarioIssue?.options.find((o) => o.id === optionId);
  const values = {
    issue: scenarioIssue?.title ?? issueId,
    option: option?.label ?? "",
    name: s.view.scenario.delegations.find((d) => d.id === s.me)?.name ?? s.me,
  };
  // A counter-proposal is a refusal too: the scenario's `counter` lines, else its `reject` lines.
  const generalKey = situation === "counter" && !phrases.counter?.length ? "reject" : situation;
  const general = phrases[generalKey];
  let first: string;
  let firstPart: PhrasePart;
  if (general && general.length > 0 && random() < 0.5) {
    const i = Math.floor(random() * general.length);
    first = general[i]!;
    firstPart = { kind: "phrase", key: generalKey, index: i, issue: "", option: "" };
  } else {
    const i = Math.floor(random() * TEMPLATES[situation].length);
    first = fill(TEMPLATES[situation][i]!, values);
    firstPart = { kind: "template", key: situation, index: i, issue: issueId, option: option ? optionId : "" };
  }
  // The scenario's line on the issue in question, said when we hold firm on it or refuse on it.
  const onIssue = situation !== "accept" ? phrases[issueId] : undefined;
  if (!onIssue || onIssue.length === 0) return { text: first, phrase: [firstPart] };
  const j = Math.floor(random() * onIssue.length);
  return { text: `${first} ${onIssue[j]!}`, phrase: [firstPart, { kind: "phrase", key: issueId, index: j, issue: "", option: "" }] };
}

/** What `renderStatement` needs of a scenario: its issues and delegations, with their phrases when it has them. */
export interface StatementScenario {
  readonly issues: readonly { readonly id: string; readonly title: string; readonly options: readonly { readonly id: string; readonly label: string }[] }[];
  readonly delegations: readonly { readonly id: string; readonly name: string; readonly phrases?: Phrases }[];
}

/** The catalog key of each general template, in `TEMPLATES`' order (the wire names a template by its index). */
export const TEMPLATE_KEYS: Readonly<Record<Situation_, readonly string[]>> = {
  propose: ["scenario:bot.propose.builtAround", "scenario:bot.propose.keeps", "scenario:bot.propose.putForward"],
  counter: ["scenario:bot.counter.tooFar", "scenario:bot.counter.cannotSign", "scenario:bot.counter.asksTooMuch"],
  accept: ["scenario:bot.accept.canAccept", "scenario:bot.accept.canSign", "scenario:bot.accept.canLiveWith"],
  reject: ["scenario:bot.reject.cannotAccept", "scenario:bot.reject.notSignable", "scenario:bot.reject.doesNotMeet"],
  walk_away: ["scenario:bot.walkAway.noBasis"],
} as const;

/**
 * A bot's statement in the reader's language: its parts rendered from `scenario` (the scenario as
 * the reader reads it, translation in place) and the general templates from the catalog through
 * `t`. Null when a part names something this scenario or catalog does not have: show the English
 * text the statement carries instead.
 */
export function renderStatement(
  phrase: PhraseRef,
  from: string,
  scenario: StatementScenario,
  t: (key: string, vars?: Record<string, unknown>) => string,
): string | null {
  const speaker = scenario.delegations.find((d) => d.id === from);
  const out: string[] = [];
  for (const part of phrase) {
    if (part.kind === "phrase") {
      const line = speaker?.phrases?.[part.key]?.[part.index];
      if (line === undefined) return null;
      out.push(line);
      continue;
    }
    const key = (TEMPLATE_KEYS as Record<string, readonly string[] | undefined>)[part.key]?.[part.index];
    if (key === undefined) return null;
    const issue = part.issue ? scenario.issues.find((i) => i.id === part.issue) : undefined;
    if (part.issue && !issue) return null;
    const option = part.option ? issue?.options.find((o) => o.id === part.option) : undefined;
    if (part.option && !option) return null;
    out.push(t(key, { issue: issue?.title ?? "", option: option?.label ?? "", name: speaker?.name ?? from }));
  }
  return out.length > 0 ? out.join(" ") : null;
}
