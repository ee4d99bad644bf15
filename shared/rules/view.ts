// What each seat may see. `viewFor` is the only place that decides it; `reveal` is the debrief,
// where everything is shown; `eventsFor` filters a batch of events by audience.
//
// Views and events share the state's data instead of copying it: the state is immutable (see
// types.ts), so the moves, the table, the messages and the profile are handed out as they are,
// typed read-only, and the public scenario is built once per scenario and frozen. A view costs
// a few object literals plus a pass over the messages, whatever the length of the game.
import type { Scenario } from "../scenario/schema.ts";
import { cachedPublicScenario, deepFreeze, scenarioFacts } from "./per-scenario.ts";
import type { GameEvent, GameState, Message, PublicOutcome, PublicScenario, Reveal, SeatView, Viewer } from "./types.ts";

function copy<T>(x: T): T {
  return structuredClone(x);
}

/**
 * The scenario without profiles, private briefs, phrases, injects or the historical outcome.
 * Built once per scenario (and adoption rule) and frozen: every view of the scenario shares it.
 */
export function publicScenario(scenario: Scenario, state?: GameState): PublicScenario {
  if (state) return cachedPublicScenario(scenario, state.agreement);
  const required = [
    ...new Set([...scenario.agreement.required, ...scenario.delegations.filter((d) => d.required).map((d) => d.id)]),
  ];
  return cachedPublicScenario(scenario, { required, quorum: scenario.agreement.quorum ?? scenario.delegations.length });
}

/** The public outcome of each ended state's outcome, made once. */
const publicOutcomes = new WeakMap<object, PublicOutcome>();

function publicOutcome(state: GameState): PublicOutcome | null {
  const o = state.outcome;
  if (!o) return null;
  let p = publicOutcomes.get(o);
  if (!p) {
    p =
      o.by !== undefined
        ? { agreement: o.agreement, reason: o.reason, package: o.package, round: o.round, by: o.by }
        : { agreement: o.agreement, reason: o.reason, package: o.package, round: o.round };
    publicOutcomes.set(o, p);
  }
  return p;
}

/** Whether a delegation may read a message: public ones, and its own private messages and team notes. */
function canRead(message: Message, delegation: string | null): boolean {
  if (message.channel === "public") return true;
  if (delegation === null) return false;
  if (message.channel === "private") return message.from === delegation || message.to === delegation;
  return message.from === delegation;
}

/** The messages a delegation (or, for null, anyone) may read: the state's own list when that is all of them. */
function readable(messages: readonly Message[], delegation: string | null): readonly Message[] {
  let k = 0;
  while (k < messages.length && canRead(messages[k]!, delegation)) k++;
  if (k === messages.length) return messages;
  const out = messages.slice(0, k);
  for (k++; k < messages.length; k++) if (canRead(messages[k]!, delegation)) out.push(messages[k]!);
  return out;
}

const NONE: readonly never[] = Object.freeze([]);

/** What the injects fired so far show: the news, and each delegation's private notes. */
interface Fired {
  news: SeatView["firedInjects"];
  notes: Map<string, NonNullable<SeatView["me"]>["injectNotes"]>;
}

/**
 * What a list of fired injects shows, keyed by the list itself: the state is immutable, so a game's
 * states share one list until the next inject fires, and its views find the same news and notes.
 * A WeakMap, so each entry goes with the states that hold its list (nothing kept, nothing capped).
 */
const firedByList = new WeakMap<readonly string[], Fired>();

function fired(state: GameState): Fired {
  const ids = state.firedInjects;
  let f = firedByList.get(ids);
  if (!f) {
    const injects = scenarioFacts(state.scenario).injects;
    f = {
      news: deepFreeze(
        ids.map((id) => {
          const inject = injects.get(id)!;
          return { id, title: inject.title, text: inject.text };
        }),
      ),
      notes: new Map(),
    };
    firedByList.set(ids, f);
  }
  return f;
}

function injectNotes(state: GameState, delegation: string): NonNullable<SeatView["me"]>["injectNotes"] {
  if (state.firedInjects.length === 0) return NONE;
  const f = fired(state);
  let notes = f.notes.get(delegation);
  if (!notes) {
    const list: { injectId: string; note: string }[] = [];
    const injects = scenarioFacts(state.scenario).injects;
    for (const id of state.firedInjects) {
      for (const change of injects.get(id)?.changes ?? []) {
        if (change.delegation === delegation && change.note !== undefined) list.push({ injectId: id, note: change.note });
      }
    }
    f.notes.set(delegation, (notes = deepFreeze(list)));
  }
  return notes;
}

function viewerOf(viewer: Viewer): Viewer {
  switch (viewer.kind) {
    case "delegation":
      return { kind: "delegation", id: viewer.id };
    case "observer":
      return { kind: "observer" };
    default:
      return { kind: "facilitator" };
  }
}

/**
 * The table as one viewer may see it. An unknown delegation id sees what an observer sees.
 * The view is a fresh object; what it holds is shared with the state and read-only.
 */
export function viewFor(state: GameState, viewer: Viewer): SeatView {
  const scenario = state.scenario;
  const me = viewer.kind === "delegation" && state.order.includes(viewer.id) ? viewer.id : null;
  const view: { -readonly [K in keyof SeatView]: SeatView[K] } = {
    viewer: viewerOf(viewer),
    scenario: cachedPublicScenario(scenario, state.agreement),
    version: state.version,
    tableVersion: state.tableVersion,
    phase: state.phase,
    round: state.round,
    deadlineRounds: state.deadlineRounds,
    turn: state.turn,
    stage: state.stage,
    table: state.table,
    moves: state.moves,
    messages: readable(state.messages, me),
    firedInjects: state.firedInjects.length === 0 ? NONE : fired(state).news,
    outcome: publicOutcome(state),
  };
  if (me !== null) {
    const privateBrief = scenarioFacts(scenario).delegations.get(me)!.privateBrief;
    view.me = { delegation: me, privateBrief, profile: state.profiles[me]!, injectNotes: injectNotes(state, me) };
    const mine = state.outcome?.utilities[me];
    if (mine !== undefined) view.myUtility = mine;
  }
  if (viewer.kind === "facilitator") {
    view.injects = scenario.injects.map((i) => ({
      id: i.id,
      title: i.title,
      trigger: copy(i.trigger),
      fired: state.firedInjects.includes(i.id),
    }));
  }
  return view;
}

/**
 * The events one viewer may receive: "all" events, plus (for a delegation) those addressed to it.
 * A fresh list of the events themselves (shared and read-only, like the state they describe).
 */
export function eventsFor(events: readonly GameEvent[], viewer: Viewer): GameEvent[] {
  const out: GameEvent[] = [];
  for (const e of events) {
    if (e.audience === "all" || (viewer.kind === "delegation" && e.audience.delegations.includes(viewer.id))) out.push(e);
  }
  return out;
}

/**
 * The debrief: every profile (as written and as changed), every brief, every message, the outcome
 * with utilities. Made once per game, so it is a copy the caller may change (but the public
 * scenario, shared by every view, is read-only).
 */
export function reveal(state: GameState): Reveal {
  const scenario = state.scenario;
  return {
    scenario: cachedPublicScenario(scenario, state.agreement),
    historicalOutcome: scenario.historicalOutcome ? copy(scenario.historicalOutcome) : null,
    delegations: scenario.delegations.map((d) => ({
      id: d.id,
      name: d.name,
      privateBrief: d.privateBrief,
      initialProfile: copy(d.profile),
      profile: copy(state.profiles[d.id]!) as Reveal["delegations"][number]["profile"],
    })),
    injects: scenario.injects.map((i) => ({
      id: i.id,
      title: i.title,
      text: i.text,
      trigger: copy(i.trigger),
      fired: state.firedInjects.includes(i.id),
      changes: copy(i.changes),
    })),
    messages: copy(state.messages) as Message[],
    moves: copy(state.moves) as Reveal["moves"],
    outcome: copy(state.outcome),
    version: state.version,
    round: state.round,
    phase: state.phase,
  };
}
