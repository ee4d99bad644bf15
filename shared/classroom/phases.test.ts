import { describe, expect, it } from "vitest";
import { advancePhase, extendPhase, initialClock, pauseClock, phaseDue, resumeClock, timeLeft } from "./phases.ts";
import { ClassOptions } from "./session.ts";

const options = ClassOptions.parse({ scenario: "s", preparationMinutes: 10, negotiationMinutes: 30 });

describe("the class's phases", () => {
  it("moves forward only, with each phase's deadline", () => {
    const start = initialClock(0);
    const prep = advancePhase(start, "preparation", options, 1000);
    expect(prep).toEqual({ ok: true, clock: { phase: "preparation", startedAt: 1000, endsAt: 601_000, pausedLeftMs: null } });
    if (!prep.ok) return;
    const back = advancePhase(prep.clock, "gathering", options, 2000);
    expect(back).toMatchObject({ ok: false, code: "bad_phase" });
    expect(!back.ok && back.message).toBe("phase: the class is in preparation; it can only move on to negotiation or debrief");
    const debrief = advancePhase(prep.clock, "debrief", options, 2000);
    expect(debrief.ok && debrief.clock.endsAt).toBeNull();
  });

  it("is due at its deadline, never while paused, and keeps the time left across a pause", () => {
    const prep = advancePhase(initialClock(0), "preparation", options, 0);
    if (!prep.ok) throw new Error("no preparation");
    expect(phaseDue(prep.clock, 599_999)).toBe(false);
    expect(phaseDue(prep.clock, 600_000)).toBe(true);
    const paused = pauseClock(prep.clock, 100_000);
    expect(phaseDue(paused, 10_000_000)).toBe(false);
    expect(timeLeft(paused, 10_000_000)).toBe(500_000);
    const resumed = resumeClock(paused, 1_000_000);
    expect(resumed.endsAt).toBe(1_500_000);
    const longer = extendPhase(resumed, 5, 1_000_000);
    expect(longer.ok && longer.clock.endsAt).toBe(1_800_000);
    expect(extendPhase(initialClock(0), 5, 0)).toMatchObject({ ok: false, code: "no_deadline" });
  });
});
