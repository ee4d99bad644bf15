// Per-client request budget: a token bucket. A burst of `burst` requests, refilled at
// `perSecond`; a request finding the bucket empty is refused (`rate_limited`), the client stays.
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    now = performance.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Seconds until the bucket holds `n` tokens (0 when it does now; Infinity when it never will). */
  secondsUntil(n: number, now = performance.now()): number {
    const tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    if (tokens >= n) return 0;
    if (n > this.burst || this.perSecond <= 0) return Infinity;
    return (n - tokens) / this.perSecond;
  }

  /** Take `n` tokens at once, or none. */
  takeMany(n: number, now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  take(now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Token buckets by key (a client address, say), at most `maxKeys` of them: the least recently
 * used key is forgotten first, so a flood of made-up keys cannot grow the map. A forgotten key
 * starts again with a full bucket, so `maxKeys` must exceed the clients active within a refill.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** The bucket of `key` (a full one for a key not seen lately), now the most recently used. */
  bucket(key: string, now = performance.now()): TokenBucket {
    let bucket = this.buckets.get(key);
    if (bucket) this.buckets.delete(key);
    else bucket = new TokenBucket(this.burst, this.perSecond, now);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket;
  }

  take(key: string, now = performance.now()): boolean {
    return this.bucket(key, now).take(now);
  }

  /** Seconds until `key` has one token again (0 when it has one now). */
  retryAfter(key: string, now = performance.now()): number {
    const bucket = this.buckets.get(key);
    return bucket ? bucket.secondsUntil(1, now) : 0;
  }
}
