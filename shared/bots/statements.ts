// What a bot says at the table: one or two short sentences when it proposes, accepts or rejects,
// about the issue that matters most to the move, so a solo game reads like a negotiation and not
// like a stream of numbers. The scenario's own lines for the delegation (`phrases`, keyed by issue
// id or by situation) come first; general templates fill in.
import type { Decision, Situation } from "./decision.ts";
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

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

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

/** The sentence to say before a move, or null when the move needs none. */
export function statementFor(decision: Decision, s: Situation, phrases: Phrases, random: () => number): string | null {
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
    case "walk_away":
      return pick(random, phrases.walk_away?.length ? phrases.walk_away : TEMPLATES.walk_away);
    default:
      return null;
  }
  if (index < 0) return null;
  const space = s.space;
  const digits = digitsOf(space, index, new Int32Array(space.radix.length));
  const issue = situation === "propose" || situation === "accept" ? strongestIssue(space, digits) : sorestIssue(space, digits);
  const issueId = space.issueIds[issue]!;
  const scenarioIssue = s.view.scenario.issues.find((i) => i.id === issueId);
  const option = scenarioIssue?.options.find((o) => o.id === space.optionIds[issue]![digits[issue]!]);
  const values = {
    issue: scenarioIssue?.title ?? issueId,
    option: option?.label ?? "",
    name: s.view.scenario.delegations.find((d) => d.id === s.me)?.name ?? s.me,
  };
  // A counter-proposal is a refusal too: the scenario's `counter` lines, else its `reject` lines.
  const general = situation === "counter" && !phrases.counter?.length ? phrases.reject : phrases[situation];
  const first = general && general.length > 0 && random() < 0.5 ? pick(random, general) : fill(pick(random, TEMPLATES[situation]), values);
  // The scenario's line on the issue in question, said when we hold firm on it or refuse on it.
  const onIssue = situation !== "accept" ? phrases[issueId] : undefined;
  return onIssue && onIssue.length > 0 ? `${first} ${pick(random, onIssue)}` : first;
}
