// HTTP routes of people and their personal links (PROTOCOL.md §12): make a link from the seat
// tokens a browser holds, add seats to it, read the inbox, mark a table seen, revoke the link.
// A person authenticates with `Authorization: Bearer <link secret>`; bodies are JSON checked with
// zod (one message naming the field); every request comes out of the client's read budget, a new
// person out of a per-address creation budget, and wrong secrets share one budget for the server.
import { matchMaker } from "@colyseus/core";
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { describeIssue } from "../../shared/protocol/index.ts";
import { ID_PATTERN, isId } from "../../shared/protocol/ids.ts";
import type { ServerContext } from "../context.ts";
import { clientAddress } from "../http/address.ts";
import { readRefused } from "../http/read-budget.ts";
import { bodyOf } from "../http/front-door.ts";
import { errorResponse, jsonResponse, methodNotAllowed } from "../http/responses.ts";
import { log } from "../log.ts";
import { KeyedBuckets, TokenBucket } from "../rooms/limits.ts";
import { bearer } from "../tokens.ts";
import { personOf } from "./auth.ts";
import { classesOf, entriesOf, inboxOf, seenNow } from "./inbox.ts";
import { hashToken } from "../tokens.ts";
import { normalizeEntrantCode } from "../tournaments/entrants.ts";
import { PeopleStore } from "./store.ts";

/** Seat tokens one request may present (a browser keeps its 40 most recent tables). */
export const MAX_SEAT_TOKENS = 50;

const SeatTokens = z.array(z.string().min(1, "must not be empty").max(128, "must be at most 128 characters")).max(MAX_SEAT_TOKENS, `must hold at most ${MAX_SEAT_TOKENS} seat tokens`);

export const NewPersonBody = z.object({ seatTokens: SeatTokens.default([]) }).strict();
export const AddSeatsBody = z.object({ seatTokens: SeatTokens.min(1, "must hold at least one seat token") }).strict();
export const SeenBody = z.object({ matchId: z.string().regex(ID_PATTERN, "must be a match id") }).strict();
export const RevokeBody = z.object({}).strict();
export const EntryBody = z.object({ tournament: z.string().regex(ID_PATTERN, "must be a tournament id"), code: z.string().min(1, "must not be empty").max(64, "must be at most 64 characters") }).strict();

/** The body as JSON checked by `schema`, or the 400 answer naming what was wrong. */
function parseBody<T extends z.ZodType>(what: string, schema: T, req: IncomingMessage | undefined): z.infer<T> | Response {
  const text = bodyOf(req);
  let raw: unknown = {};
  if (text.trim() !== "") {
    try {
      raw = JSON.parse(text);
    } catch {
      return errorResponse(400, "bad_request", `${what}: the body is not JSON`);
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return errorResponse(400, "bad_request", describeIssue(what, parsed.error));
  return parsed.data as z.infer<T>;
}

export function peopleRoutes(ctx: ServerContext) {
  const people = new PeopleStore(ctx.store.db);
  // New people per address: 10 at once, then 30 an hour (a classroom behind one address is fine).
  const creations = new KeyedBuckets(10, 30 / 3600, 20_000);
  // Wrong or revoked links are what a guesser produces: one budget for the whole server.
  const misses = new TokenBucket(30, 5);

  async function person(req: IncomingMessage | undefined): Promise<{ id: string } | Response> {
    if (bearer(req) === null) return errorResponse(401, "unauthorized", "this needs your personal link (Authorization: Bearer <the secret after #/me/>)");
    const found = await personOf(req, people);
    if (found) return found;
    if (!misses.take()) return errorResponse(429, "rate_limited", "too many wrong personal links on this server; wait a few seconds", { "retry-after": "5" });
    return errorResponse(401, "bad_link", "this personal link is not valid: it was revoked (a new link replaced it) or never made");
  }

  return async function peopleRoute(method: string, path: string, req?: IncomingMessage): Promise<Response> {
    const refused = readRefused(ctx, req);
    if (refused) return refused;

    if (path === "/api/people") {
      if (method !== "POST") return methodNotAllowed(method, path, "POST");
      const body = parseBody("POST /api/people", NewPersonBody, req);
      if (body instanceof Response) return body;
      const address = clientAddress(req, ctx.config.trustProxy);
      if (!creations.take(address)) {
        const seconds = Math.max(1, Math.ceil(creations.retryAfter(address)));
        return errorResponse(429, "rate_limited", `too many personal links made from your address; try again in ${seconds} s`, { "retry-after": String(seconds) });
      }
      const created = await people.create();
      const seats = await people.addSeats(created.id, body.seatTokens);
      return jsonResponse({ personId: created.id, secret: created.secret, seats }, 201);
    }

    if (path === "/api/people/me") {
      if (method !== "GET" && method !== "HEAD") return methodNotAllowed(method, path, "GET");
      const me = await person(req);
      if (me instanceof Response) return me;
      return jsonResponse(
        { personId: me.id, tables: await inboxOf(ctx, people, me.id), classes: await classesOf(ctx, people, me.id), tournaments: await entriesOf(ctx, people, me.id) },
        200,
        { "cache-control": "no-store" },
      );
    }

    if (path === "/api/people/me/entries") {
      if (method !== "POST") return methodNotAllowed(method, path, "POST");
      const body = parseBody(`POST ${path}`, EntryBody, req);
      if (body instanceof Response) return body;
      const me = await person(req);
      if (me instanceof Response) return me;
      // The entrant code is checked as the tournament's own page checks it (hashed), and only the entrant's id is kept.
      const entrant = await ctx.store.db
        .selectFrom("tournament_entrants")
        .select(["id", "name", "code_hash"])
        .where("tournament_id", "=", body.tournament)
        .where("code_hash", "=", hashToken(normalizeEntrantCode(body.code)))
        .executeTakeFirst();
      if (!entrant) {
        if (!misses.take()) return errorResponse(429, "rate_limited", "too many wrong entrant codes on this server; wait a few seconds", { "retry-after": "5" });
        return errorResponse(403, "forbidden", `POST ${path}: field 'code': this is not an entrant code of tournament '${body.tournament}'`);
      }
      await people.addEntry(me.id, body.tournament, entrant.id);
      return jsonResponse({ tournament: body.tournament, entrant: { id: entrant.id, name: entrant.name } });
    }

    const m = /^\/api\/people\/me\/(seats|seen|revoke)$/.exec(path);
    if (m) {
      if (method !== "POST") return methodNotAllowed(method, path, "POST");
      const what = `POST ${path}`;
      if (m[1] === "seats") {
        const body = parseBody(what, AddSeatsBody, req);
        if (body instanceof Response) return body;
        const me = await person(req);
        if (me instanceof Response) return me;
        return jsonResponse({ seats: await people.addSeats(me.id, body.seatTokens) });
      }
      if (m[1] === "seen") {
        const body = parseBody(what, SeenBody, req);
        if (body instanceof Response) return body;
        const me = await person(req);
        if (me instanceof Response) return me;
        if (!isId(body.matchId)) return errorResponse(404, "not_found", `no table '${body.matchId}'`);
        const seen = await seenNow(ctx, body.matchId);
        if (!seen || !(await people.markSeen(me.id, body.matchId, seen.version, seen.injects))) {
          return errorResponse(404, "not_found", `you hold no seat at table '${body.matchId}'`);
        }
        return jsonResponse({ matchId: body.matchId, version: seen.version });
      }
      const body = parseBody(what, RevokeBody, req);
      if (body instanceof Response) return body;
      const me = await person(req);
      if (me instanceof Response) return me;
      const { secret } = await people.revoke(me.id);
      const closed = await signOutEverywhere(ctx, people, me.id);
      return jsonResponse({ personId: me.id, secret, connectionsClosed: closed });
    }
    return errorResponse(404, "not_found", `no such resource: ${path}`);
  };
}

/** Close the connections that came through the person's old link, at every table they hold a seat at and every class they are a student of. */
async function signOutEverywhere(ctx: ServerContext, people: PeopleStore, personId: string): Promise<number> {
  const matchIds = [...new Set((await people.seatsOf(personId)).map((s) => s.matchId))];
  let closed = 0;
  // TableAccess logs a table it could not reach; the link is revoked all the same.
  for (const matchId of matchIds) closed += await ctx.tables.signOutPerson(matchId, personId);
  // And the class rooms it joined alone, wherever they run (a class not listed runs nowhere: no connection to close).
  for (const { sessionId } of await people.classesOf(personId)) {
    try {
      if (!(await matchMaker.getRoomById(sessionId))) continue;
      closed += await matchMaker.remoteRoomCall<{ signOutPerson(personId: string): number }>(sessionId, "signOutPerson", [personId], 5000);
    } catch (e) {
      log.warn("could not close a revoked personal link's connections in a class", { sessionId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return closed;
}
