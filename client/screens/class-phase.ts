// The class's phase in words and its clock: shared by the student's class screen
// (`screens/class.ts`) and the facilitator's dashboard (`panels/class-dashboard.ts`), which
// imports it from here rather than from the screen that mounts it (no import cycle).
import type { ClassSnapshot } from "../../shared/classroom/protocol.ts";
import { clock } from "../ui/format.ts";

const PHASE_LABEL: Record<string, string> = {
  gathering: "Gathering",
  preparation: "Preparation: read your brief",
  negotiation: "Negotiation",
  debrief: "Debrief",
};

export function phaseLabel(phase: string): string {
  return PHASE_LABEL[phase] ?? phase;
}

/** Time left in the class's phase, as `m:ss` (null without a clock). */
export function phaseTimeLeft(s: ClassSnapshot, offsetMs: number): string | null {
  if (s.pausedLeftMs !== null) return `${clock(Math.ceil(s.pausedLeftMs / 1000))} (paused)`;
  if (s.endsAt === null) return null;
  return clock(Math.max(0, Math.ceil((s.endsAt - (Date.now() + offsetMs)) / 1000)));
}

/** The words beside the phase: the time left, or what the phase waits for when it has no clock. */
export function clockText(phase: string, left: string | null): string {
  if (left) return `${left} left`;
  switch (phase) {
    case "gathering":
      return "Students are joining with the class code.";
    case "preparation":
      return "No time limit: start the negotiation when everyone is ready.";
    case "negotiation":
      return "No time limit: the talks end at each table's round limit.";
    default:
      return "";
  }
}
