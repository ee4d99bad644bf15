// What a running table tells the rest of the server: it has ended (with its outcome). Class
// sessions and tournaments follow their tables through this. It goes through Colyseus's presence,
// so it reaches every process when presence is shared (Redis) and stays in-process otherwise.
import { matchMaker } from "@colyseus/core";
import type { Outcome } from "../../shared/rules/types.ts";
import { log } from "../log.ts";

export const MATCH_ENDED = "accord:match-ended";

export interface MatchEnded {
  matchId: string;
  scenarioId: string;
  outcome: Outcome | null;
  version: number;
}

/** Attempts at publishing one end of match, and the pause before the first retry (doubled each time). */
export const PUBLISH_ATTEMPTS = 5;
export const PUBLISH_RETRY_MS = 200;

/**
 * Announce a table's end. This event records tournament results and moves classes on, so a failed
 * publish (shared presence unreachable) is retried with back-off, each failure logged; the last
 * one is logged as an error naming the match, for an operator to act on. Never rejects.
 */
export function publishMatchEnded(event: MatchEnded): Promise<void> {
  return publishWithRetry(event, (e) => matchMaker.presence.publish(MATCH_ENDED, e), PUBLISH_ATTEMPTS, PUBLISH_RETRY_MS);
}

/** `publish` retried up to `attempts` times, `firstPauseMs` then doubling between tries. Resolves true once published. */
export async function publishWithRetry(
  event: MatchEnded,
  publish: (event: MatchEnded) => unknown,
  attempts: number,
  firstPauseMs: number,
  pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await publish(event);
      if (attempt > 1) log.info("published the end of a match after retrying", { matchId: event.matchId, attempt });
      return;
    } catch (e) {
      if (attempt === attempts) {
        log.error("could not publish the end of a match: tournaments and classes waiting for it will not move on", {
          matchId: event.matchId,
          attempts,
          error: e,
        });
        return;
      }
      log.warn("publishing the end of a match failed; retrying", { matchId: event.matchId, attempt, error: e });
      await pause(firstPauseMs * 2 ** (attempt - 1));
    }
  }
}

/** Call `listener` for every table that ends from now on; returns the unsubscribe. */
export async function onMatchEnded(listener: (event: MatchEnded) => void): Promise<() => void> {
  const callback = (event: MatchEnded) => listener(event);
  await matchMaker.presence.subscribe(MATCH_ENDED, callback);
  return () => {
    Promise.resolve(matchMaker.presence.unsubscribe(MATCH_ENDED, callback)).catch((e: unknown) =>
      log.warn("could not unsubscribe from the ends of matches", { error: e }),
    );
  };
}
