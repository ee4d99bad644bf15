// What the HTTP front door learnt about a request (the client's address, whether it showed the
// host key), carried through the async work it starts. A room's `onCreate` runs inside the
// matchmaking request that created it, so a class session can remember who created it and charge
// its later bot work to that address.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestFacts {
  address: string;
  /** The request carried the host key (HOST_KEY is set and it matched). */
  hostKeyShown: boolean;
}

const storage = new AsyncLocalStorage<RequestFacts>();

export function withRequestFacts<T>(facts: RequestFacts, run: () => T): T {
  return storage.run(facts, run);
}

/** The facts of the HTTP request this code runs for, or undefined outside one. */
export function requestFacts(): RequestFacts | undefined {
  return storage.getStore();
}
