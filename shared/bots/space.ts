// One delegation's own view of the outcome space, computed once per profile: every package it may
// sign (no red line crossed), sorted by its own utility, best first. Bots find the package for a
// target utility with a binary search instead of enumerating the space on every move.
import { outcomeSpace } from "../analysis/utility.ts";
import type { DeepReadonly, ReadonlyProfile } from "../rules/types.ts";
import type { Issue, Package, Profile } from "../scenario/schema.ts";

/** Beyond this many packages a bot refuses the scenario (the sorted list would not fit comfortably in memory). */
export const MAX_BOT_OUTCOMES = 4_000_000;

/** Utilities closer than this are equal (sums of the same terms in a different order differ by ~1e-16). */
export const EPS = 1e-9;

export interface OwnSpace {
  readonly issueIds: readonly string[];
  readonly optionIds: readonly (readonly string[])[];
  /** Per issue: option id → option index. */
  readonly optionIndex: readonly ReadonlyMap<string, number>[];
  readonly radix: Int32Array;
  /** `stride[i]`: how much one option of issue i moves a package index (the product of the later radices). */
  readonly stride: Float64Array;
  /** `score[i][o]` = w_i · v_i(o) for this delegation. */
  readonly score: readonly Float64Array[];
  /** `redLine[i][o]` is 1 when this delegation can never sign option o of issue i. */
  readonly redLine: readonly Uint8Array[];
  readonly size: number;
  readonly reservation: number;
  /** Signable package indices (mixed radix, issue 0 most significant), best for this delegation first. */
  readonly order: Float64Array;
  /** `utils[k]` is the utility of `order[k]`: non-increasing. */
  readonly utils: Float64Array;
  /** The best signable utility (Pmax), or -Infinity when every package crosses a red line. */
  readonly best: number;
}

export class SpaceTooLarge extends Error {
  constructor(readonly size: number) {
    super(`the outcome space has ${size} packages; bots handle at most ${MAX_BOT_OUTCOMES}`);
    this.name = "SpaceTooLarge";
  }
}

// Quantised utility in the high bits, the index (< 2^32) in the low ones: exact in a double.
const Q = 2 ** 21 - 1;
const LOW = 2 ** 32;

/** Issues as a view shows them (read-only) or as a scenario holds them. */
type Issues = readonly DeepReadonly<Issue>[];

function build(issues: Issues, profile: ReadonlyProfile): OwnSpace {
  // outcomeSpace only reads what it is given.
  const space = outcomeSpace(issues as readonly Issue[], [{ id: "me", profile: profile as Profile }]);
  if (space.size > MAX_BOT_OUTCOMES) throw new SpaceTooLarge(space.size);
  const score = space.score[0]!;
  const redLine = space.redLine[0]!;
  const radix = Int32Array.from(space.optionIds, (o) => o.length);

  // Utilities and red-line flags of every package, one issue at a time (mixed radix, issue 0 first).
  let all = new Float64Array(1);
  let blocked = new Uint8Array(1);
  for (let i = 0; i < radix.length; i++) {
    const r = radix[i]!;
    const s = score[i]!;
    const red = redLine[i]!;
    const nextAll = new Float64Array(all.length * r);
    const nextBlocked = new Uint8Array(all.length * r);
    for (let p = 0, q = 0; p < all.length; p++) {
      const u = all[p]!;
      const b = blocked[p]!;
      for (let o = 0; o < r; o++, q++) {
        nextAll[q] = u + s[o]!;
        nextBlocked[q] = b | red[o]!;
      }
    }
    all = nextAll;
    blocked = nextBlocked;
  }

  // Sort by a packed key (quantised utility descending, then index ascending) with the native
  // numeric sort, then repair the order on exact utilities: the array is already nearly sorted.
  let count = 0;
  for (let p = 0; p < all.length; p++) if (!blocked[p]) count++;
  const keys = new Float64Array(count);
  for (let p = 0, k = 0; p < all.length; p++) {
    if (blocked[p]) continue;
    const q = Math.round(Math.min(1, Math.max(0, all[p]!)) * Q);
    keys[k++] = (Q - q) * LOW + p;
  }
  keys.sort();
  const order = new Float64Array(count);
  const utils = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const p = keys[k]! % LOW;
    order[k] = p;
    utils[k] = all[p]!;
  }
  for (let k = 1; k < count; k++) {
    const u = utils[k]!;
    const p = order[k]!;
    let j = k - 1;
    while (j >= 0 && (utils[j]! < u || (utils[j] === u && order[j]! > p))) {
      utils[j + 1] = utils[j]!;
      order[j + 1] = order[j]!;
      j--;
    }
    utils[j + 1] = u;
    order[j + 1] = p;
  }

  const stride = new Float64Array(radix.length);
  for (let i = radix.length - 1, place = 1; i >= 0; i--) {
    stride[i] = place;
    place *= radix[i]!;
  }

  return {
    issueIds: space.issueIds,
    optionIds: space.optionIds,
    optionIndex: space.optionIds.map((ids) => new Map(ids.map((id, o) => [id, o]))),
    radix,
    stride,
    score,
    redLine,
    size: space.size,
    reservation: profile.reservationValue,
    order,
    utils,
    best: count > 0 ? utils[0]! : -Infinity,
  };
}

// Profiles change only through injects (a new object, made once per profile and inject:
// per-scenario.ts), and a seat's view hands out the game's own profile, so identity is the natural
// cache key: a space is found by its issues (the view's scenario, shared by every seat of a game)
// and its profile, and goes when they go. A state read back from JSON brings equal copies of its
// scenario's profiles: the fingerprint cache finds their space again instead of sorting the whole
// outcome space anew. It is the one process-wide cache here, invisible (a space follows from its
// issues and profile) and bounded: at most MAX_CACHED_PACKAGES packages over all its spaces.
const byIdentity = new WeakMap<Issues, WeakMap<ReadonlyProfile, OwnSpace>>();
const byFingerprint = new Map<string, OwnSpace>();
/** The fingerprint cache keeps at most this many packages over all its spaces (16 bytes each), oldest out first. */
const MAX_CACHED_PACKAGES = 8_000_000;
let cachedPackages = 0;

/** The delegation's sorted own space for a profile over the given issues (cached). */
export function ownSpace(issues: Issues, profile: ReadonlyProfile): OwnSpace {
  let perIssues = byIdentity.get(issues);
  if (!perIssues) byIdentity.set(issues, (perIssues = new WeakMap()));
  const hit = perIssues.get(profile);
  if (hit) return hit;
  const fingerprint = JSON.stringify([issues.map((i) => [i.id, i.options.map((o) => o.id)]), profile]);
  let space = byFingerprint.get(fingerprint);
  if (!space) {
    space = build(issues, profile);
    layoutOf.set(space, layoutFor(issues));
    for (const [key, old] of byFingerprint) {
      if (cachedPackages + space.order.length <= MAX_CACHED_PACKAGES) break;
      byFingerprint.delete(key);
      cachedPackages -= old.order.length;
    }
    byFingerprint.set(fingerprint, space);
    cachedPackages += space.order.length;
  }
  perIssues.set(profile, space);
  return space;
}

/** The package index of a package, or -1 when it names an unknown option or misses an issue. */
export function indexOfPackage(space: OwnSpace, pkg: Package): number {
  const shared = sharedIndex.get(pkg);
  if (shared !== undefined && shared.layout === layout(space)) return shared.index;
  let index = 0;
  for (let i = 0; i < space.issueIds.length; i++) {
    const option = pkg[space.issueIds[i]!];
    const o = option === undefined ? undefined : space.optionIndex[i]!.get(option);
    if (o === undefined) return -1;
    index = index * space.radix[i]! + o;
  }
  return index;
}

/** Writes the option index of every issue of package `index` into `out`. */
export function digitsOf(space: OwnSpace, index: number, out: Int32Array): Int32Array {
  for (let i = space.radix.length - 1; i >= 0; i--) {
    const r = space.radix[i]!;
    const q = Math.floor(index / r);
    out[i] = index - q * r;
    index = q;
  }
  return out;
}

export function packageOf(space: OwnSpace, index: number): Package {
  const n = space.radix.length;
  const digits = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    const r = space.radix[i]!;
    const q = Math.floor(index / r);
    digits[i] = index - q * r;
    index = q;
  }
  // Keys in issue order, as the engine stores packages.
  const pkg: Package = {};
  for (let i = 0; i < n; i++) pkg[space.issueIds[i]!] = space.optionIds[i]![digits[i]!]!;
  return pkg;
}

/**
 * Shared packages. Spaces over the same issues and options number their packages alike (a
 * layout), so every bot of a scenario can share one frozen package object per index: bots table
 * the same packages game after game, and a package tabled by one bot is known by its object to
 * the others (no option lookups).
 */
interface Layout {
  readonly packages: Map<number, Package>;
}
/** Layouts by issues object: every space over the same issues shares one. */
const layouts = new WeakMap<Issues, Layout>();
const layoutOf = new WeakMap<OwnSpace, Layout>();
/** Shared package → its layout and index. */
const sharedIndex = new WeakMap<Package, { layout: Layout; index: number }>();
/** Beyond this many packages per layout, `sharedPackageOf` makes new ones instead of remembering them. */
const MAX_SHARED_PACKAGES = 65_536;

function layoutFor(issues: Issues): Layout {
  let l = layouts.get(issues);
  if (!l) layouts.set(issues, (l = { packages: new Map() }));
  return l;
}

/** The layout of a space made by `ownSpace`. */
function layout(space: OwnSpace): Layout {
  return layoutOf.get(space)!;
}

/**
 * `packageOf`, made once per layout and index and frozen: the same object every time (a bot's
 * action may hand it out, as no one may change an action's package).
 */
export function sharedPackageOf(space: OwnSpace, index: number): Package {
  const l = layout(space);
  let pkg = l.packages.get(index);
  if (!pkg) {
    pkg = Object.freeze(packageOf(space, index));
    if (l.packages.size < MAX_SHARED_PACKAGES) {
      l.packages.set(index, pkg);
      sharedIndex.set(pkg, { layout: l, index });
    }
  }
  return pkg;
}

/** This delegation's utility of package `index`: summed in issue order, bit for bit as in `utils`. */
export function utilityAt(space: OwnSpace, index: number): number {
  const n = space.radix.length;
  let u = 0;
  for (let i = 0; i < n; i++) u += space.score[i]![Math.floor(index / space.stride[i]!) % space.radix[i]!]!;
  return u;
}

/** True when package `index` crosses one of this delegation's red lines. */
export function crossesRedLine(space: OwnSpace, index: number): boolean {
  for (let i = space.radix.length - 1; i >= 0; i--) {
    const r = space.radix[i]!;
    const q = Math.floor(index / r);
    if (space.redLine[i]![index - q * r]) return true;
    index = q;
  }
  return false;
}

/**
 * The position in `order` of the least good package still worth at least `target`: the offer a
 * time-dependent bot makes at that target. -1 when no signable package reaches it.
 */
export function positionFor(space: OwnSpace, target: number): number {
  const utils = space.utils;
  let lo = 0;
  let hi = utils.length; // first position below the target lies in [lo, hi]
  const t = target - EPS;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (utils[mid]! >= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
