// What each seat may see. `viewFor` is the only place that decides it; `reveal` is the debrief,
// where everything is shown; `eventsFor` filters a batch of events by audience. Everything
// returned is a copy: a caller may change it freely without touching the state.
import type { Scenario } from "../scenario/schema.ts";
import type {
  GameEvent,
  GameState,
  Message,
  PublicOutcome,
  PublicScenario,
  Reveal,
  SeatView,
  Viewer,
} from "./types.ts";

function copy<T>(x: T): T {
  return structuredClone(x);
}

/** The scenario without profiles, private briefs, phrases, injects or the historical outcome. */
export function publicScenario(scenario: Scenario, state?: GameState): PublicScenario {
  const required = state?.agreement.required ?? [
    ...new Set([...scenario.agreement.required, ...scenario.delegations.filter((d) => d.required).map((d) => d.id)]),
  ];
  return {
    id: scenario.id,
    title: scenario.title,
    year: scenario.year,
    summary: scenario.summary,
    sources: copy(scenario.sources),
    protocol: scenario.protocol,
    ...(scenario.chair !== undefined ? { chair: scenario.chair } : {}),
    deadline: copy(scenario.deadline),
    delegations: scenario.delegations.map((d) => ({
      id: d.id,
      name: d.name,
      publicBrief: d.publicBrief,
      seats: { ...d.seats },
      required: required.includes(d.id),
    })),
    issues: copy(scenario.issues),
    agreement: {
      required: [...required],
      quorum: state?.agreement.quorum ?? scenario.agreement.quorum ?? scenario.delegations.length,
    },
  };
}

function publicOutcome(state: GameState): PublicOutcome | null {
  const o = state.outcome;
  if (!o) return null;
  return {
    agreement: o.agreement,
    reason: o.reason,
    package: o.package ? { ...o.package } : null,
    round: o.round,
    ...(o.by !== undefined ? { by: o.by } : {}),
  };
}

/** Whether a delegation may read a message: public ones, and its own private messages and team notes. */
function canRead(message: Message, delegation: string | null): boolean {
  if (message.channel === "public") return true;
  if (delegation === null) return false;
  if (message.channel === "private") return message.from === delegation || message.to === delegation;
  return message.from === delegation;
}

/** The table as one viewer may see it. An unknown delegation id sees what an observer sees. */
export function viewFor(state: GameState, viewer: Viewer): SeatView {
  const scenario = state.scenario;
  const delegation =
    viewer.kind === "delegation" && state.order.includes(viewer.id) ? scenario.delegations.find((d) => d.id === viewer.id)! : null;
  const me = delegation?.id ?? null;
  const view: SeatView = {
    viewer: copy(viewer),
    scenario: publicScenario(scenario, state),
    version: state.version,
    tableVersion: state.tableVersion,
    phase: state.phase,
    round: state.round,
    deadlineRounds: state.deadlineRounds,
    turn: state.turn,
    stage: state.stage,
    table: copy(state.table),
    moves: copy(state.moves),
    messages: copy(state.messages.filter((m) => canRead(m, me))),
    firedInjects: state.firedInjects.map((id) => {
      const inject = scenario.injects.find((i) => i.id === id)!;
      return { id, title: inject.title, text: inject.text };
    }),
    outcome: publicOutcome(state),
  };
  if (delegation) {
    const injectNotes: { injectId: string; note: string }[] = [];
    for (const id of state.firedInjects) {
      for (const change of scenario.injects.find((i) => i.id === id)?.changes ?? []) {
        if (change.delegation === delegation.id && change.note !== undefined) injectNotes.push({ injectId: id, note: change.note });
      }
    }
    view.me = {
      delegation: delegation.id,
      privateBrief: delegation.privateBrief,
      profile: copy(state.profiles[delegation.id]!),
      injectNotes,
    };
    const mine = state.outcome?.utilities[delegation.id];
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

/** The events one viewer may receive: "all" events, plus (for a delegation) those addressed to it. */
export function eventsFor(events: readonly GameEvent[], viewer: Viewer): GameEvent[] {
  return events
    .filter((e) => e.audience === "all" || (viewer.kind === "delegation" && e.audience.delegations.includes(viewer.id)))
    .map(copy);
}

/** The debrief: every profile (as written and as changed), every brief, every message, the outcome with utilities. */
export function reveal(state: GameState): Reveal {
  const scenario = state.scenario;
  return {
    scenario: publicScenario(scenario, state),
    delegations: scenario.delegations.map((d) => ({
      id: d.id,
      name: d.name,
      privateBrief: d.privateBrief,
      initialProfile: copy(d.profile),
      profile: copy(state.profiles[d.id]!),
    })),
    injects: scenario.injects.map((i) => ({
      id: i.id,
      title: i.title,
      text: i.text,
      trigger: copy(i.trigger),
      fired: state.firedInjects.includes(i.id),
      changes: copy(i.changes),
    })),
    messages: copy(state.messages),
    moves: copy(state.moves),
    outcome: copy(state.outcome),
    version: state.version,
    round: state.round,
    phase: state.phase,
  };
}
