// The class's phase in words and its clock: shared by the student's class screen
// (`screens/class.ts`) and the facilitator's dashboard (`panels/class-dashboard.ts`), which
// imports it from here rather than from the screen that mounts it (no import cycle).
import type { ClassSnapshot } from "../../shared/classroom/protocol.ts";
import { clock } from "../ui/format.ts";
import { t } from "../i18n.ts";

const PHASE_KEYS: Record<string, string> = {
  gathering: "screens:class.phase.gathering",
  preparation: "screens:class.phase.preparation",
  negotiation: "screens:class.phase.negotiation",
  debrief: "screens:class.phase.debrief",
};

export function phaseLabel(phase: string): string {
  const key = PHASE_KEYS[phase];
  return key ? t(key) : phase;
}

/** Time left in the class's phase, as `m:ss` (null without a clock). */
export function phaseTimeLeft(s: ClassSnapshot, offsetMs: number): string | null {
  if (s.pausedLeftMs !== null) return t("screens:class.pausedLeft", { left: clock(Math.ceil(s.pausedLeftMs / 1000)) });
  if (s.endsAt === null) return null;
  return clock(Math.max(0, Math.ceil((s.endsAt - (Date.now() + offsetMs)) / 1000)));
}

/** The words beside the phase: the time left, or what the phase waits for when it has no clock. */
export function clockText(phase: string, left: string | null): string {
  if (left) return t("screens:class.left", { left });
  switch (phase) {
    case "gathering":
      return t("screens:class.noClock.gathering");
    case "preparation":
      return t("screens:class.noClock.preparation");
    case "negotiation":
      return t("screens:class.noClock.negotiation");
    default:
      return "";
  }
}
