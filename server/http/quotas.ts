// Creation quotas: how much one client address, and the whole server, may create. Creating is the
// one cheap request that starts lasting work (a table in memory and on disk, bots that play), so
// it is what a script floods. Each kind is a token bucket per address (bounded map, least recently
// used forgotten first) plus one global bucket for every creation; a refusal says which limit and
// when to retry. The defaults never bother a teacher (a class of 60 behind one school address may
// all start solo practice at once; a class of 40 tables of 30 rounds is within the bot work) and
// stop a script within its first hundred requests.
//
// A request that carries the host key (when one is set) is the host's own teacher or organiser:
// the per-address buckets do not apply to it; the global one still does.
import type { QuotaRate, Quotas as QuotaConfig } from "../config.ts";
import { KeyedBuckets, TokenBucket } from "../rooms/limits.ts";

export type QuotaKind = "tables" | "classes" | "tournaments" | "botRounds";

const WHAT: Record<QuotaKind, string> = {
  tables: "tables",
  classes: "class sessions",
  tournaments: "tournaments",
  botRounds: "rounds of bot play (tables × rounds)",
};

export interface QuotaRefusal {
  /** Whole seconds, at least 1: the `Retry-After` header. */
  retryAfter: number;
  message: string;
}

/** Buckets per client address, at most 20,000 (least recently used forgotten first). */
function perAddress(rate: QuotaRate): KeyedBuckets {
  return new KeyedBuckets(rate.burst, rate.perHour / 3600, 20_000);
}

function seconds(s: number): number {
  return Number.isFinite(s) ? Math.max(1, Math.ceil(s)) : 3600;
}

export class Quotas {
  private readonly perAddress: Record<QuotaKind, KeyedBuckets>;
  private readonly global: TokenBucket;

  constructor(private readonly config: QuotaConfig) {
    this.perAddress = {
      tables: perAddress(config.tables),
      classes: perAddress(config.classes),
      tournaments: perAddress(config.tournaments),
      botRounds: perAddress(config.botRounds),
    };
    this.global = new TokenBucket(config.global.burst, config.global.perHour / 3600);
  }

  /**
   * Take one creation of `kind` (and `botRounds` of bot work) for `address`, or nothing and the
   * refusal. `trusted` (the host key was shown) skips the per-address buckets.
   */
  take(kind: Exclude<QuotaKind, "botRounds">, address: string, trusted: boolean, botRounds = 0, now = performance.now()): QuotaRefusal | null {
    const refusal = this.check(kind, address, trusted, botRounds, now);
    if (refusal) return refusal;
    this.global.takeMany(1, now);
    if (!trusted) {
      this.perAddress[kind].bucket(address, now).takeMany(1, now);
      if (botRounds > 0) this.perAddress.botRounds.bucket(address, now).takeMany(botRounds, now);
    }
    return null;
  }

  /** Take bot work alone (a class creating its tables long after the class was created). */
  takeBotRounds(address: string, trusted: boolean, botRounds: number, now = performance.now()): QuotaRefusal | null {
    if (trusted || botRounds <= 0) return null;
    const bucket = this.perAddress.botRounds.bucket(address, now);
    if (bucket.takeMany(botRounds, now)) return null;
    return this.refusal("botRounds", this.config.botRounds, bucket.secondsUntil(botRounds, now), botRounds);
  }

  private check(kind: Exclude<QuotaKind, "botRounds">, address: string, trusted: boolean, botRounds: number, now: number): QuotaRefusal | null {
    if (this.global.secondsUntil(1, now) > 0) {
      return {
        retryAfter: seconds(this.global.secondsUntil(1, now)),
        message: `this server is creating more than it allows (${this.config.global.burst} at once, then ${this.config.global.perHour} an hour from everyone together); try again in ${seconds(this.global.secondsUntil(1, now))} s`,
      };
    }
    if (trusted) return null;
    const own = this.perAddress[kind].bucket(address, now);
    if (own.secondsUntil(1, now) > 0) return this.refusal(kind, this.config[kind], own.secondsUntil(1, now), 1);
    if (botRounds > 0) {
      const work = this.perAddress.botRounds.bucket(address, now);
      if (work.secondsUntil(botRounds, now) > 0) return this.refusal("botRounds", this.config.botRounds, work.secondsUntil(botRounds, now), botRounds);
    }
    return null;
  }

  private refusal(kind: QuotaKind, rate: QuotaRate, wait: number, asked: number): QuotaRefusal {
    const what = WHAT[kind];
    const tooBig = asked > rate.burst;
    return {
      retryAfter: seconds(wait),
      message: tooBig
        ? `this would start ${asked} ${what}, more than one address may start at once (${rate.burst}); make it smaller, or ask the host for a host key`
        : `too many ${what} created from your address (${rate.burst} at once, then ${rate.perHour} an hour); try again in ${seconds(wait)} s, or ask the host for a host key`,
    };
  }
}
