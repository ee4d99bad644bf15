// Lengths of time as people read them (client/ui/format.ts turnLength): a turn's length in the
// creation forms and the briefing, the time left on a move in the inbox. Two units where the second
// says something ("1 day 12 h": a one-day turn that runs over a night of quiet hours showed "2 days"),
// rounded to the smaller unit shown, never "24 h" or "60 min".
import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "../../client/i18n.ts";
import { turnLength } from "../../client/ui/format.ts";

afterEach(() => setLocale("en"));

describe("turnLength", () => {
  it("names a turn's length in the units it was chosen in", () => {
    setLocale("en");
    expect([30, 60, 300, 1800, 3600, 2 * 3600, 8 * 3600, 86400, 2 * 86400].map(turnLength)).toEqual([
      "30 s",
      "1 min",
      "5 min",
      "30 min",
      "1 h",
      "2 h",
      "8 h",
      "1 day",
      "2 days",
    ]);
  });

  it("gives the time left in its two largest units, rounded to the smaller one", () => {
    setLocale("en");
    expect(turnLength(36 * 3600)).toBe("1 day 12 h");
    expect(turnLength(44 * 3600 + 20 * 60)).toBe("1 day 20 h");
    expect(turnLength(3 * 3600 + 20 * 60 + 10)).toBe("3 h 20 min");
    expect(turnLength(90 * 60)).toBe("1 h 30 min");
    expect(turnLength(59.4)).toBe("59 s");
    expect(turnLength(0)).toBe("0 s");
    expect(turnLength(-5)).toBe("0 s");
  });

  it("carries a rounded-up smaller unit into the larger one", () => {
    setLocale("en");
    expect(turnLength(86400 - 5)).toBe("1 day");
    expect(turnLength(2 * 86400 - 60)).toBe("2 days");
    expect(turnLength(3600 - 10)).toBe("1 h");
    expect(turnLength(2 * 3600 - 20)).toBe("2 h");
  });

  it("reads in Bangla with Bangla digits", () => {
    setLocale("bn");
    expect(turnLength(36 * 3600)).toBe("১ দিন ১২ ঘণ্টা");
    expect(turnLength(90 * 60)).toBe("১ ঘণ্টা ৩০ মিনিট");
    expect(turnLength(2 * 86400)).toBe("২ দিন");
  });
});
