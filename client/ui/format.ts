// How numbers and names read on screen. Utilities are shown as points out of 100.

/** A utility in [0,1] as whole points out of 100. */
export function pts(u: number | null | undefined): string {
  if (u === null || u === undefined || !Number.isFinite(u)) return "—";
  return String(Math.round(u * 100));
}

export function pct(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return `${(x * 100).toFixed(digits)}%`;
}

/** Seconds as m:ss (or h:mm:ss for long turns). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${String(r).padStart(2, "0")}` : `${m}:${String(r).padStart(2, "0")}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const STRATEGY_LABEL: Record<string, string> = {
  easy: "Easy",
  medium: "Medium",
  hard: "Hard",
  conceder: "Conceder",
  "tit-for-tat": "Tit-for-tat",
  diplomat: "Diplomat",
  hardliner: "Hardliner",
  boulware: "Boulware",
  linear: "Linear",
  random: "Random",
};

export function strategyLabel(strategy: string): string {
  return STRATEGY_LABEL[strategy] ?? strategy;
}

export function protocolLabel(protocol: string): string {
  return protocol === "multilateral" ? "Multilateral: one package tabled per round, everyone votes" : "Alternating offers between delegations";
}

export function turnLength(seconds: number): string {
  if (seconds >= 3600 * 24) return `${Math.round(seconds / 86400)} day${seconds >= 2 * 86400 ? "s" : ""}`;
  if (seconds >= 3600) return `${Math.round(seconds / 3600)} h`;
  if (seconds >= 60) return `${Math.round(seconds / 60)} min`;
  return `${seconds} s`;
}

export function endReason(reason: string, by: string): string {
  switch (reason) {
    case "agreement":
      return "Agreement reached";
    case "walked_away":
      return by ? `${by} walked away` : "A delegation walked away";
    case "deadline":
      return "No agreement before the deadline";
    case "ended_by_facilitator":
      return "Ended by the facilitator";
    default:
      return "The negotiation has ended";
  }
}

/** A scenario as a menu names it: its title, with the year unless the title already says it. */
export function scenarioLabel(s: { title: string; year: number }): string {
  return s.title.includes(String(s.year)) ? s.title : `${s.title} (${s.year})`;
}
