// One person on many devices (docs/PROTOCOL.md §12): the personal link this browser holds, the
// inbox it reads with it, and the link's upkeep (make it from the seats held here, add each new seat
// to it, mark a table seen when it is opened, revoke it). The link's secret lives in storage.ts.
import { t } from "../i18n.ts";
import { ApiError, requestJson } from "./api.ts";
import { serverOrigin } from "./server.ts";
import { onRemember, personalLink, setPersonalLink, storedTables } from "./storage.ts";

import type { Holdings, InboxEntry } from "../../shared/protocol/people.ts";

export type { Holdings, InboxClass, InboxEntry, InboxTournament } from "../../shared/protocol/people.ts";

async function call<T>(method: "GET" | "POST", path: string, body: unknown, secret: string | null): Promise<T> {
  try {
    return await requestJson<T>(method, path, { token: secret, body });
  } catch (e) {
    // A dead link and the link budget read in the inbox's own words; the rest as the server said.
    if (e instanceof ApiError && (e.code === "bad_link" || e.code === "rate_limited")) throw new ApiError(e.status, e.code, e.code === "bad_link" ? t("inbox:errors.badLink") : t("inbox:errors.rateLimited"));
    throw e;
  }
}

/** The address that opens this app on `#/me/<secret>`: what the QR code holds. */
export function linkAddress(secret: string): string {
  return `${location.origin}${location.pathname}#/me/${secret}`;
}

/** Seat tokens this browser holds (the tables it sat at). */
function heldSeatTokens(): string[] {
  return storedTables()
    .map((x) => x.seatToken)
    .filter((x): x is string => typeof x === "string" && x.length > 0)
    .slice(0, 50);
}

export const people = {
  /** Make a personal link from the seats this browser holds; it is kept here. */
  async makeLink(): Promise<string> {
    const made = await call<{ personId: string; secret: string }>("POST", "/api/people", { seatTokens: heldSeatTokens() }, null);
    setPersonalLink(made.secret);
    return made.secret;
  },
  /** The inbox of the link this browser holds (or of `secret`). */
  async inbox(secret = personalLink()): Promise<InboxEntry[]> {
    if (!secret) return [];
    return (await call<{ tables: InboxEntry[] }>("GET", "/api/people/me", undefined, secret)).tables;
  },
  /** The tables, classes and tournament entries of the link this browser holds (or of `secret`). */
  async holdings(secret = personalLink()): Promise<Holdings> {
    if (!secret) return { tables: [], classes: [], tournaments: [] };
    const got = await call<Partial<Holdings>>("GET", "/api/people/me", undefined, secret);
    return { tables: got.tables ?? [], classes: got.classes ?? [], tournaments: got.tournaments ?? [] };
  },
  /** Record a tournament entry with the link from its entrant code (kept by the server as the entrant's id). */
  addEntry(tournament: string, code: string): Promise<unknown> {
    const secret = personalLink();
    return secret ? call("POST", "/api/people/me/entries", { tournament, code }, secret) : Promise.resolve(null);
  },
  /** Revoke the link: every device that came through it loses it; this one keeps the new link the server makes. */
  async revoke(): Promise<string> {
    const secret = personalLink();
    if (!secret) throw new ApiError(0, "no_link", t("inbox:errors.noLink"));
    const answer = await call<{ secret: string }>("POST", "/api/people/me/revoke", {}, secret);
    setPersonalLink(answer.secret);
    return answer.secret;
  },
  /** Add seats to the link (after a seat is taken on a device that holds it). */
  addSeats(seatTokens: string[]): Promise<unknown> {
    const secret = personalLink();
    return secret ? call("POST", "/api/people/me/seats", { seatTokens }, secret) : Promise.resolve(null);
  },
  /** The person looked at this table now (its unread counts start again from here). */
  seen(matchId: string): Promise<unknown> {
    const secret = personalLink();
    return secret ? call("POST", "/api/people/me/seen", { matchId }, secret) : Promise.resolve(null);
  },
};

const lastSeen = new Map<string, number>();

// A seat taken on a device that holds a link joins the link; a table opened here counts as seen
// (the welcome remembers it). Both are best effort: the table plays on if the server says no.
onRemember((table, update, before) => {
  if (!personalLink()) return;
  const added =
    update.seatToken && update.seatToken !== before?.seatToken
      ? people.addSeats([update.seatToken]).catch((e: unknown) => console.debug("adding the seat to the personal link failed", e))
      : Promise.resolve();
  if ((table.seatToken || table.viaLink) && (update.seatToken !== undefined || update.delegation !== undefined)) {
    const now = Date.now();
    if (now - (lastSeen.get(table.matchId) ?? 0) < 3000) return;
    lastSeen.set(table.matchId, now);
    // After the seat is added (a fresh seat's first welcome), so the server knows the person holds it.
    void added.then(() => people.seen(table.matchId)).catch((e: unknown) => console.debug("marking the table seen failed", e));
  }
});
