// What the status bar says about the turn clock: the time left of a short turn, the deadline of a
// long one in the reader's own time zone and language ("until Tue 14:00"), "paused for quiet hours
// until 07:00" while the mover's quiet hours stop the clock, or "until everyone has voted" for a
// vote without a clock. Reads only the synced timer (client/net/view.ts TimerView).
import { quietUntil, runningBetween, type QuietRule } from "../../shared/clock/quiet-hours.ts";
import type { TimerView } from "../net/view.ts";
import { fmt, locale, t } from "../i18n.ts";
import { clock } from "./format.ts";

/** A turn this long or longer shows its deadline, not a countdown. */
export const LONG_TURN_SECONDS = 3600;

export interface TurnClockText {
  /** The label before the value ("Time left"), or "" when the value says it all. */
  label: string;
  value: string;
  /** The clock stands still for the mover's quiet hours. */
  quiet: boolean;
}

function ruleOf(timer: TimerView): QuietRule | null {
  return timer.quiet && timer.zone ? { quiet: timer.quiet, zone: timer.zone } : null;
}

/** A moment in the reader's zone and language: weekday and time (24-hour in Bangla: Intl's bn would write a Latin "PM"). */
function when(localMs: number): string {
  return fmt.date(localMs, { weekday: "short", hour: "2-digit", minute: "2-digit", ...(locale() === "bn" ? { hourCycle: "h23" as const } : {}) });
}

export function turnClockText(timer: TimerView, now = Date.now()): TurnClockText {
  if (timer.untilAll) return { label: "", value: t("screens:match.clock.untilAll"), quiet: false };
  const rule = ruleOf(timer);
  if (timer.running && timer.endsAtLocal > 0) {
    // Server time now, from the pair the view keeps (the quiet-hours rule works in the server's instants).
    const offset = timer.endsAtServer - timer.endsAtLocal;
    const serverNow = now + offset;
    const until = quietUntil(serverNow, rule);
    if (until !== null) return { label: "", value: t("screens:match.clock.quiet", { time: when(until - offset) }), quiet: true };
    if (timer.seconds >= LONG_TURN_SECONDS) return { label: "", value: t("screens:match.clock.until", { when: when(timer.endsAtLocal) }), quiet: false };
    const left = rule ? runningBetween(serverNow, timer.endsAtServer, rule) / 1000 : Math.max(0, (timer.endsAtLocal - now) / 1000);
    return { label: t("screens:match.status.timeLeft"), value: clock(left), quiet: false };
  }
  return { label: t("screens:match.status.timeLeft"), value: clock(timer.secondsLeft), quiet: false };
}
