// The facilitator's controls: start, pause, resume, fire an inject, extend the deadline, end.
import { endGame, fireInject, startRound, type Draft } from "./common.ts";
import { refuse } from "./errors.ts";
import { scenarioFacts } from "./per-scenario.ts";
import { nextInt } from "./rng.ts";
import type { GameAction } from "./types.ts";

export type FacilitatorAction = Extract<GameAction, { type: "start" | "pause" | "resume" | "fire_inject" | "extend" | "end" }>;

export function applyFacilitator(d: Draft, action: FacilitatorAction): void {
  const s = d.s;
  switch (action.type) {
    case "start": {
      let first: string;
      if (s.scenario.protocol === "multilateral" && s.scenario.chair !== undefined) first = s.scenario.chair;
      else if (s.scenario.firstMover !== undefined) first = s.scenario.firstMover;
      else {
        const [index, rng] = nextInt(s.rng, s.order.length);
        s.rng = rng;
        first = s.order[index]!;
      }
      s.firstMover = first;
      s.phase = "running";
      d.events.push({ type: "started", firstMover: first, audience: "all", version: d.version });
      return startRound(d, 1);
    }
    case "pause":
      s.phase = "paused";
      d.events.push({ type: "paused", audience: "all", version: d.version });
      return;
    case "resume":
      s.phase = "running";
      d.events.push({ type: "resumed", audience: "all", version: d.version });
      return;
    case "fire_inject": {
      const inject = scenarioFacts(s.scenario).injects.get(action.injectId);
      if (!inject) return refuse("unknown_inject", `fire_inject: no inject '${action.injectId}' in ${s.scenario.id}`);
      if (s.firedInjects.includes(inject.id)) {
        refuse("inject_already_fired", `fire_inject: inject '${inject.id}' has already been fired`);
      }
      return fireInject(d, inject);
    }
    case "extend":
      s.deadlineRounds += action.rounds;
      d.events.push({
        type: "deadline_extended",
        rounds: action.rounds,
        deadlineRounds: s.deadlineRounds,
        audience: "all",
        version: d.version,
      });
      return;
    case "end":
      return endGame(d, false, "ended_by_facilitator", null);
  }
}
