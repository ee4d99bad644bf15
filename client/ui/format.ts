// How numbers and names read on screen, in the reader's language (client/i18n.ts): utilities as
// points out of 100, percentages, clocks and turn lengths in the active digits.
import { fmt, t } from "../i18n.ts";

/** A utility in [0,1] as whole points out of 100. */
export function pts(u: number | null | undefined): string {
  if (u === null || u === undefined || !Number.isFinite(u)) return "—";
  return fmt.number(Math.round(u * 100));
}

export function pct(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return fmt.percent(x, digits);
}

/** Seconds as m:ss (or h:mm:ss for long turns). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const n = (x: number, width = 1) => fmt.number(x, { minimumIntegerDigits: width, useGrouping: false });
  return h > 0 ? `${n(h)}:${n(m, 2)}:${n(r, 2)}` : `${n(m)}:${n(r, 2)}`;
}

const STRATEGY_KEYS: Record<string, string> = {
  easy: "common:strategy.easy",
  medium: "common:strategy.medium",
  hard: "common:strategy.hard",
  conceder: "common:strategy.conceder",
  "tit-for-tat": "common:strategy.titForTat",
  diplomat: "common:strategy.diplomat",
  hardliner: "common:strategy.hardliner",
  boulware: "common:strategy.boulware",
  linear: "common:strategy.linear",
  random: "common:strategy.random",
};

export function strategyLabel(strategy: string): string {
  const key = STRATEGY_KEYS[strategy];
  return key ? t(key) : strategy;
}

export function protocolLabel(protocol: string): string {
  return protocol === "multilateral" ? t("common:protocol.multilateral") : t("common:protocol.alternating");
}

/**
 * A length of time as a person reads it — a turn's length, the time left on a move: its two largest
 * units ("1 day 12 h", "3 h 20 min"), or one where the second is nought ("2 days", "1 h", "45 min").
 * Rounded to the smaller unit shown: a turn 36 hours away is "1 day 12 h", not "2 days".
 */
export function turnLength(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const minutes = Math.round(s / 60);
  if (minutes >= 24 * 60) {
    const hours = Math.round(s / 3600);
    return both(t("common:duration.days", { count: Math.floor(hours / 24) }), hours % 24 ? t("common:duration.hours", { count: hours % 24 }) : null);
  }
  if (minutes >= 60) return both(t("common:duration.hours", { count: Math.floor(minutes / 60) }), minutes % 60 ? t("common:duration.minutes", { count: minutes % 60 }) : null);
  if (s >= 60) return t("common:duration.minutes", { count: minutes });
  return t("common:duration.seconds", { count: s });
}

function both(larger: string, smaller: string | null): string {
  return smaller === null ? larger : t("common:duration.both", { larger, smaller });
}

export function endReason(reason: string, by: string): string {
  switch (reason) {
    case "agreement":
      return t("common:end.agreement");
    case "walked_away":
      return by ? t("common:end.walkedAway", { name: by }) : t("common:end.someoneWalkedAway");
    case "deadline":
      return t("common:end.deadline");
    case "ended_by_facilitator":
      return t("common:end.byFacilitator");
    default:
      return t("common:end.other");
  }
}

/** A scenario as a menu names it: its title, with the year unless the title already says it. */
export function scenarioLabel(s: { title: string; year: number }): string {
  const year = fmt.number(s.year, { useGrouping: false });
  return s.title.includes(String(s.year)) || s.title.includes(year) ? s.title : `${s.title} (${year})`;
}
