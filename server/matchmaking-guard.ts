// The one patch of Colyseus: its matchmaking entry point, routed through the cluster (cluster.ts)
// so that a join can be refused while draining or while Redis is down, a table it names restored
// first, and the answer bounded in time.
//
// Why a patch: Colyseus 0.18 has no public hook before matchmaking. `joinById` and `reconnect` look
// the room up in the driver before any room code runs (a room's static `onAuth` comes after the
// lookup, so a table to restore is "not found" first), and the `/matchmake/:method/:roomName`
// endpoint is always bound last (Server#bindRoutes extends the user's router with the defaults), so
// it cannot be replaced by a route of ours. Its one entry point, `matchMaker.controller.invokeMethod`,
// is wrapped here and nowhere else.
import { matchMaker } from "@colyseus/core";

/** What the wrapper asks before and around each matchmaking call: the Cluster (cluster.ts). */
export interface MatchmakingGate {
  /** Refuse (throw a ServerError) or prepare (restore the table named) before Colyseus looks. */
  beforeMatchmaking(method: string, roomNameOrId: string): Promise<void>;
  /** Colyseus's answer, bounded in time. */
  boundMatchmaking<T>(answer: Promise<T>): Promise<T>;
}

/** The cluster the wrapper asks: the started server's (a test may start several servers in turn). */
let guarding: MatchmakingGate | null = null;
let colyseusInvoke: typeof matchMaker.controller.invokeMethod | null = null;

/** Route Colyseus's matchmaking through `gate` (`null`: straight to Colyseus again, once the server stops). */
export function guardMatchmaking(gate: MatchmakingGate | null): void {
  guarding = gate;
  const controller = matchMaker.controller;
  // Wrapped once per process; the wrapper asks whichever cluster is guarding now.
  if (colyseusInvoke !== null) return;
  colyseusInvoke = controller.invokeMethod.bind(controller);
  controller.invokeMethod = async (method, roomNameOrId, clientOptions, authOptions) => {
    const c = guarding;
    await c?.beforeMatchmaking(method, roomNameOrId);
    const answer = colyseusInvoke!(method, roomNameOrId, clientOptions, authOptions);
    return c ? c.boundMatchmaking(answer) : answer;
  };
}
