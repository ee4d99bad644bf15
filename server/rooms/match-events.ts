// What a running table tells the rest of the server: it has ended (with its outcome). Class
// sessions and tournaments follow their tables through this. It goes through Colyseus's presence,
// so it reaches every process when presence is shared (Redis) and stays in-process otherwise.
import { matchMaker } from "@colyseus/core";
import type { Outcome } from "../../shared/rules/types.ts";

export const MATCH_ENDED = "accord:match-ended";

export interface MatchEnded {
  matchId: string;
  scenarioId: string;
  outcome: Outcome | null;
  version: number;
}

export function publishMatchEnded(event: MatchEnded): void {
  void Promise.resolve(matchMaker.presence.publish(MATCH_ENDED, event)).catch(() => undefined);
}

/** Call `listener` for every table that ends from now on; returns the unsubscribe. */
export async function onMatchEnded(listener: (event: MatchEnded) => void): Promise<() => void> {
  const callback = (event: MatchEnded) => listener(event);
  await matchMaker.presence.subscribe(MATCH_ENDED, callback);
  return () => void matchMaker.presence.unsubscribe(MATCH_ENDED, callback);
}
