// The pure quiet-hours clock (shared/clock/quiet-hours.ts): when a turn's deadline falls with the
// clock stopped 22:00–07:00 in the mover's zone, across a simulated day, across midnight, and
// across both daylight-saving switches of a European zone (checked against UTC instants written
// out by hand, not against the code's own arithmetic).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalZone, deadlineAfter, isQuiet, offsetAt, quietUntil, runningBetween, type QuietRule } from "../../shared/clock/quiet-hours.ts";

const H = 3_600_000;
const night = (zone: string): QuietRule => ({ quiet: { from: "22:00", to: "07:00" }, zone });
const utc = (iso: string): number => Date.parse(iso);

describe("deadlineAfter: a simulated day in Dhaka (UTC+6, no daylight saving), quiet 22:00–07:00", () => {
  const rule = night("Asia/Dhaka");

  it("runs an 8-hour turn straight through the day, and carries one that meets 22:00 over to the morning", () => {
    // 08:00 Dhaka = 02:00Z: 8 hours of daytime, due 16:00 Dhaka.
    const first = deadlineAfter(utc("2026-01-05T02:00:00Z"), 8 * H, rule);
    expect(first).toBe(utc("2026-01-05T10:00:00Z"));
    // 16:00 → 22:00 runs 6 hours; stopped until 07:00; 2 more hours: 09:00 Dhaka next day.
    const second = deadlineAfter(first, 8 * H, rule);
    expect(second).toBe(utc("2026-01-06T03:00:00Z"));
    // 09:00 → 17:00 the same day.
    expect(deadlineAfter(second, 8 * H, rule)).toBe(utc("2026-01-06T11:00:00Z"));
  });

  it("starts a turn begun during quiet hours at 07:00, whether before or after midnight", () => {
    // 23:30 Dhaka (17:30Z) and 03:00 Dhaka (21:00Z the day before in UTC): both run from 07:00 Dhaka (01:00Z).
    expect(deadlineAfter(utc("2026-01-05T17:30:00Z"), H, rule)).toBe(utc("2026-01-06T02:00:00Z"));
    expect(deadlineAfter(utc("2026-01-05T21:00:00Z"), H, rule)).toBe(utc("2026-01-06T02:00:00Z"));
  });

  it("counts only the running clock between two instants, and says until when the clock stands still", () => {
    // 20:00 Dhaka to 09:00 Dhaka next day: 2 hours before 22:00, 2 after 07:00.
    expect(runningBetween(utc("2026-01-05T14:00:00Z"), utc("2026-01-06T03:00:00Z"), rule)).toBe(4 * H);
    expect(quietUntil(utc("2026-01-05T16:00:00Z"), rule)).toBe(utc("2026-01-06T01:00:00Z"));
    expect(quietUntil(utc("2026-01-05T15:59:59Z"), rule)).toBeNull();
    expect(isQuiet(utc("2026-01-05T16:00:00Z"), rule)).toBe(true);
    expect(isQuiet(utc("2026-01-06T01:00:00Z"), rule)).toBe(false);
  });

  it("needs several nights for a turn of days: 2 days of running clock at 15 hours a day", () => {
    // From 07:00 Dhaka Monday: 15 h Mon, 15 h Tue, 15 h Wed → 48 h falls Thursday 07:00 + 3 h = 10:00.
    expect(deadlineAfter(utc("2026-01-05T01:00:00Z"), 48 * H, rule)).toBe(utc("2026-01-08T04:00:00Z"));
  });

  it("a quiet span within a day (12:00–13:00) is skipped as well", () => {
    const lunch: QuietRule = { quiet: { from: "12:00", to: "13:00" }, zone: "UTC" };
    expect(deadlineAfter(utc("2026-01-05T11:00:00Z"), 2 * H, lunch)).toBe(utc("2026-01-05T14:00:00Z"));
    expect(deadlineAfter(utc("2026-01-05T11:00:00Z"), H, lunch)).toBe(utc("2026-01-05T12:00:00Z"));
  });
});

describe("daylight saving (Europe/Paris), quiet 22:00–07:00", () => {
  const rule = night("Europe/Paris");

  it("the spring-forward night is an hour shorter: 22:00 CET to 07:00 CEST is 8 hours of real time", () => {
    // 2026-03-28 20:00 CET = 19:00Z; 2 h to 22:00 CET (21:00Z); 07:00 CEST on the 29th = 05:00Z; 2 h more: 07:00Z.
    expect(deadlineAfter(utc("2026-03-28T19:00:00Z"), 4 * H, rule)).toBe(utc("2026-03-29T07:00:00Z"));
    expect(quietUntil(utc("2026-03-28T23:00:00Z"), rule)).toBe(utc("2026-03-29T05:00:00Z"));
  });

  it("the fall-back night is an hour longer: 22:00 CEST to 07:00 CET is 10 hours of real time", () => {
    // 2026-10-24 20:00 CEST = 18:00Z; 22:00 CEST = 20:00Z; 07:00 CET on the 25th = 06:00Z; +2 h: 08:00Z.
    expect(deadlineAfter(utc("2026-10-24T18:00:00Z"), 4 * H, rule)).toBe(utc("2026-10-25T08:00:00Z"));
    expect(runningBetween(utc("2026-10-24T18:00:00Z"), utc("2026-10-25T08:00:00Z"), rule)).toBe(4 * H);
  });

  it("a quiet span ending at a time the spring-forward skips (02:30 in New York) ends at the switch", () => {
    // 2026-03-08: 02:00 EST (07:00Z) becomes 03:00 EDT; 02:30 never shows on the wall.
    const early: QuietRule = { quiet: { from: "00:00", to: "02:30" }, zone: "America/New_York" };
    expect(quietUntil(utc("2026-03-08T05:30:00Z"), early)).toBe(utc("2026-03-08T07:00:00Z"));
    expect(offsetAt(utc("2026-03-08T06:59:59Z"), "America/New_York")).toBe(-5 * H);
    expect(offsetAt(utc("2026-03-08T07:00:00Z"), "America/New_York")).toBe(-4 * H);
  });
});

describe("runningBetween undoes deadlineAfter", () => {
  it("for any start in 2026, any turn up to a week and zones with and without daylight saving", () => {
    const zones = ["Asia/Dhaka", "Europe/Paris", "America/New_York", "Australia/Adelaide", "UTC"];
    fc.assert(
      fc.property(
        fc.integer({ min: utc("2026-01-01T00:00:00Z"), max: utc("2026-12-31T00:00:00Z") }),
        fc.integer({ min: 0, max: 7 * 24 * H }),
        fc.constantFrom(...zones),
        (start, run, zone) => {
          const rule = night(zone);
          const end = deadlineAfter(start, run, rule);
          expect(end).toBeGreaterThanOrEqual(start + run);
          expect(runningBetween(start, end, rule)).toBe(run);
          // The deadline falls while the clock runs (a quiet span never holds a deadline).
          if (run > 0) expect(isQuiet(end - 1, rule)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("canonicalZone", () => {
  it("knows IANA zones (in any case), and refuses offsets, abbreviations and inventions", () => {
    expect(canonicalZone("Asia/Dhaka")).toBe("Asia/Dhaka");
    expect(canonicalZone("europe/paris")).toBe("Europe/Paris");
    expect(canonicalZone("UTC")).toBe("UTC");
    expect(canonicalZone("+05:00")).toBeNull();
    expect(canonicalZone("Mars/Olympus_Mons")).toBeNull();
    expect(canonicalZone("")).toBeNull();
  });
});
