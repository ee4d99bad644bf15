// Who a request is, by the personal link it carries (`Authorization: Bearer <link secret>`):
// the people routes and the notification routes name the person this way.
import type { IncomingMessage } from "node:http";
import { bearer } from "../tokens.ts";
import type { PeopleStore } from "./store.ts";

/** The person whose live personal link the request carries; null with none, a wrong one or a revoked one. */
export async function personOf(req: IncomingMessage | undefined, people: Pick<PeopleStore, "personBySecret">): Promise<{ id: string } | null> {
  const secret = bearer(req);
  return secret === null ? null : people.personBySecret(secret);
}
