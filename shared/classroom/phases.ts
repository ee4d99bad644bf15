// The class's phases, for every table together: gathering (students arrive) → preparation (tables
// set, briefs read) → negotiation (every table runs) → debrief (every table has ended, all is
// revealed). A phase may have a deadline; the clock can be paused and extended. Pure: the caller
// passes the time.
import type { ClassOptions } from "./session.ts";

export const CLASS_PHASES = ["gathering", "preparation", "negotiation", "debrief"] as const;
export type ClassPhase = (typeof CLASS_PHASES)[number];

export interface PhaseClock {
  phase: ClassPhase;
  /** When the phase began (ms since the epoch). */
  startedAt: number;
  /** When the phase ends by itself (ms), or null: it ends when the facilitator moves on. */
  endsAt: number | null;
  /** While paused: the time that was left (ms); null when running or without a deadline. */
  pausedLeftMs: number | null;
}

export type PhaseResult = { ok: true; clock: PhaseClock } | { ok: false; code: "bad_phase" | "no_deadline"; message: string };

export function initialClock(now: number): PhaseClock {
  return { phase: "gathering", startedAt: now, endsAt: null, pausedLeftMs: null };
}

/** How long a phase lasts when it starts (ms), or null when only the facilitator ends it. */
export function phaseLength(phase: ClassPhase, options: ClassOptions): number | null {
  if (phase === "preparation") return options.preparationMinutes > 0 ? options.preparationMinutes * 60_000 : null;
  if (phase === "negotiation") return options.negotiationMinutes !== undefined ? options.negotiationMinutes * 60_000 : null;
  return null;
}

/** Move the class to a later phase (skipping is allowed: gathering → negotiation goes without preparation). */
export function advancePhase(clock: PhaseClock, to: ClassPhase, options: ClassOptions, now: number): PhaseResult {
  const from = CLASS_PHASES.indexOf(clock.phase);
  const target = CLASS_PHASES.indexOf(to);
  if (target <= from) {
    return { ok: false, code: "bad_phase", message: `phase: the class is in ${clock.phase}; it can only move on to ${CLASS_PHASES.slice(from + 1).join(" or ") || "nothing (the debrief is the last phase)"}` };
  }
  const length = phaseLength(to, options);
  return { ok: true, clock: { phase: to, startedAt: now, endsAt: length === null ? null : now + length, pausedLeftMs: null } };
}

/** The phase that follows this one. */
export function nextPhase(phase: ClassPhase): ClassPhase | null {
  return CLASS_PHASES[CLASS_PHASES.indexOf(phase) + 1] ?? null;
}

/** The phase's deadline has passed (a paused clock never runs out). */
export function phaseDue(clock: PhaseClock, now: number): boolean {
  return clock.endsAt !== null && clock.pausedLeftMs === null && now >= clock.endsAt;
}

/** Time left in the phase (ms), or null without a deadline. */
export function timeLeft(clock: PhaseClock, now: number): number | null {
  if (clock.pausedLeftMs !== null) return clock.pausedLeftMs;
  return clock.endsAt === null ? null : Math.max(0, clock.endsAt - now);
}

export function pauseClock(clock: PhaseClock, now: number): PhaseClock {
  if (clock.endsAt === null || clock.pausedLeftMs !== null) return clock;
  return { ...clock, pausedLeftMs: Math.max(0, clock.endsAt - now) };
}

export function resumeClock(clock: PhaseClock, now: number): PhaseClock {
  if (clock.pausedLeftMs === null) return clock;
  return { ...clock, endsAt: now + clock.pausedLeftMs, pausedLeftMs: null };
}

/** Add minutes to the phase; a phase without a deadline gets one, `minutes` from now. */
export function extendPhase(clock: PhaseClock, minutes: number, now: number): PhaseResult {
  if (clock.phase === "gathering" || clock.phase === "debrief") {
    return { ok: false, code: "no_deadline", message: `extend: the ${clock.phase} has no clock to extend` };
  }
  const ms = minutes * 60_000;
  if (clock.pausedLeftMs !== null) return { ok: true, clock: { ...clock, pausedLeftMs: clock.pausedLeftMs + ms } };
  const base = clock.endsAt === null ? now : Math.max(now, clock.endsAt);
  return { ok: true, clock: { ...clock, endsAt: base + ms } };
}
