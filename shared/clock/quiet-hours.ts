// Quiet hours: a table's daily span of wall-clock time (22:00–07:00, say) during which its turn
// clock does not run, read in the mover's own time zone. Pure: the server's turn clock asks when a
// turn's deadline falls (`deadlineAfter`) and how much running time is left (`runningBetween`);
// the client asks whether the clock stands still now and until when (`quietUntil`).
//
// The rule is a predicate on wall time: an instant is quiet when the mover's clock on the wall
// reads a time in [from, to) (across midnight when `from` is later than `to`). Every computation
// walks the instants where that predicate can change (wall time reaching `from` or `to`, or a
// daylight-saving change of the zone's offset, found through Intl), so a turn that spans a DST
// change gets exactly the running time it is owed: no more, no less.

/** A table's quiet hours: local wall-clock times `HH:MM` (24-hour). */
export interface QuietHours {
  from: string;
  to: string;
}

/** What the turn clock needs to skip quiet hours: the table's span and the mover's time zone. */
export interface QuietRule {
  quiet: QuietHours;
  /** An IANA time zone (`Asia/Dhaka`, `Europe/Paris`). */
  zone: string;
}

const DAY = 86_400_000;
const MINUTE = 60_000;

/** `HH:MM` (00:00 to 23:59). */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes after midnight of an `HH:MM` time. */
export function minutesOf(time: string): number {
  if (!CLOCK_TIME.test(time)) throw new Error(`not a time of day (HH:MM): ${time}`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

// A memo, not state: a formatter is costly to build and never changes once built; at most one per
// IANA zone (zones reach here through canonicalZone), so it stays small and says nothing of its callers.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(zone, f);
  }
  return f;
}

/**
 * The zone's canonical IANA name, or null when Intl does not know it. Offsets (`+05:00`) and
 * abbreviations are not zones: a person's clock follows its zone's daylight-saving rules.
 */
export function canonicalZone(zone: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone) || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The zone's offset from UTC at `instant`, in ms (wall time = instant + offset). */
export function offsetAt(instant: number, zone: string): number {
  const parts = formatFor(zone).formatToParts(new Date(instant));
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  // formatToParts drops the milliseconds: compare whole seconds.
  return wall - (instant - mod(instant, 1000));
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** Milliseconds after local midnight at `instant`, given the zone's offset then. */
function wallOfDay(instant: number, offset: number): number {
  return mod(instant + offset, DAY);
}

function quietAtWall(ms: number, from: number, to: number): boolean {
  return from < to ? ms >= from && ms < to : ms >= from || ms < to;
}

/** Whether the clock stands still at `instant`. */
export function isQuiet(instant: number, rule: QuietRule): boolean {
  const from = minutesOf(rule.quiet.from) * MINUTE;
  const to = minutesOf(rule.quiet.to) * MINUTE;
  return quietAtWall(wallOfDay(instant, offsetAt(instant, rule.zone)), from, to);
}

/**
 * The next instant after `instant` where being quiet may change: the wall clock reaching `from`
 * or `to`, or the zone's offset changing (a daylight-saving switch, found to the millisecond).
 */
function nextChange(instant: number, rule: QuietRule): number {
  const offset = offsetAt(instant, rule.zone);
  const wall = wallOfDay(instant, offset);
  let step = DAY;
  for (const boundary of [minutesOf(rule.quiet.from) * MINUTE, minutesOf(rule.quiet.to) * MINUTE]) {
    const d = mod(boundary - wall, DAY);
    step = Math.min(step, d === 0 ? DAY : d);
  }
  const candidate = instant + step;
  if (offsetAt(candidate, rule.zone) === offset) return candidate;
  // The offset changed on the way: the switch itself is the next change.
  let lo = instant;
  let hi = candidate;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, rule.zone) === offset) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The instants [start, end) of constant quietness from `start` on, one at a time. */
function* spans(start: number, rule: QuietRule): Generator<{ start: number; end: number; quiet: boolean }> {
  let at = start;
  for (;;) {
    const end = nextChange(at, rule);
    yield { start: at, end, quiet: isQuiet(at, rule) };
    at = end;
  }
}

/**
 * When a turn that starts at `start` with `runMs` of running clock runs out: `start + runMs` when
 * there is no rule (a bot's seat, a table without quiet hours), later by every quiet span on the way.
 * A turn that starts inside quiet hours starts running when they end.
 */
export function deadlineAfter(start: number, runMs: number, rule: QuietRule | null): number {
  if (rule === null) return start + runMs;
  let left = Math.max(0, runMs);
  for (const span of spans(start, rule)) {
    if (span.quiet) continue;
    if (span.start + left <= span.end) return span.start + left;
    left -= span.end - span.start;
  }
  throw new Error("unreachable");
}

/** The running clock between `from` and `to` (quiet spans left out); 0 when `to` is not later. */
export function runningBetween(from: number, to: number, rule: QuietRule | null): number {
  if (to <= from) return 0;
  if (rule === null) return to - from;
  let run = 0;
  for (const span of spans(from, rule)) {
    if (span.start >= to) break;
    if (!span.quiet) run += Math.min(span.end, to) - span.start;
  }
  return run;
}

/** When the quiet span `instant` is in ends (the clock runs again); null when the clock runs at `instant`. */
export function quietUntil(instant: number, rule: QuietRule | null): number | null {
  if (rule === null) return null;
  for (const span of spans(instant, rule)) {
    if (!span.quiet) return span.start === instant ? null : span.start;
  }
  return null;
}
