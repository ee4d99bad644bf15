// The per-address budget for public HTTP reads (`config.readLimit`: READ_LIMIT_BURST,
// READ_LIMIT_PER_SECOND): every public read route takes one read from its client's budget first.
import type { IncomingMessage } from "node:http";
import type { ServerContext } from "../context.ts";
import { KeyedBuckets } from "../rooms/limits.ts";
import { clientAddress } from "./address.ts";
import { errorResponse } from "./responses.ts";

/** Each server's budgets (one per server context), with the limits they were made for. */
const budgets = new WeakMap<ServerContext, { burst: number; perSecond: number; buckets: KeyedBuckets }>();

/**
 * Take one public read from the client's budget (`config.readLimit`, per client address): null
 * when granted, else the 429 to answer (`rate_limited`, with `Retry-After` in whole seconds).
 */
export function readRefused(ctx: ServerContext, req: IncomingMessage | undefined): Response | null {
  const { burst, perSecond } = ctx.config.readLimit;
  let budget = budgets.get(ctx);
  // A changed configuration starts every address afresh under the new limit.
  if (!budget || budget.burst !== burst || budget.perSecond !== perSecond) budgets.set(ctx, (budget = { burst, perSecond, buckets: new KeyedBuckets(burst, perSecond) }));
  const buckets = budget.buckets;
  const key = clientAddress(req, ctx.config.trustProxy);
  if (buckets.take(key)) return null;
  const wait = buckets.retryAfter(key);
  const seconds = Math.max(1, Math.ceil(Number.isFinite(wait) ? wait : 60));
  return errorResponse(429, "rate_limited", `too many reads from your address; try again in ${seconds} s`, { "retry-after": String(seconds) });
}
