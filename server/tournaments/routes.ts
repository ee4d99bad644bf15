// HTTP routes of hosted tournaments (docs/PROTOCOL.md, "Hosted tournaments"):
//
//   POST /api/tournaments                     create (JSON body, CreateTournament) → 201 TournamentCreated
//   GET  /api/tournaments                     the listed tournaments, newest first
//   GET  /api/tournaments/:id                 everything public: entrants, tables, standings
//   GET  /api/tournaments/:id/standings[.csv] the standings
//   GET  /api/tournaments/:id/results.{json,csv} every game, seat by seat
//   GET  /api/tournaments/:id/me              an entrant's table now (Authorization: Bearer <entrant code>)
//   POST /api/tournaments/:id/{start,cancel,start-tables,stand-in}   organiser only (Authorization: Bearer <organiser token>)
//
// Errors are JSON `{ error: { code, message } }`: 400 names the field, 403 says what is missing.
import type { IncomingMessage } from "node:http";
import { describeIssue } from "../../shared/protocol/index.ts";
import { CreateTournament, StandInRequest, type EntrantView, type StandInAnswer, type TournamentCreated, type TournamentListing, type TournamentSummary } from "../../shared/tournaments/api.ts";
import { defaultFormat, roundRobinRounds, swissRounds } from "../../shared/tournaments/pairing.ts";
import { resultsCsv, standings, standingsCsv, type TournamentGame } from "../../shared/tournaments/index.ts";
import type { ServerContext } from "../context.ts";
import { publicHost, publicProtocol } from "../http/address.ts";
import { bodyOf } from "../http/front-door.ts";
import { requestFacts } from "../http/request-context.ts";
import { notModified, strongEtag } from "../http/caching.ts";
import { errorResponse, jsonResponse, methodNotAllowed } from "../http/responses.ts";
import { TokenBucket } from "../rooms/limits.ts";
import { bearer, hashToken, sameSecret } from "../tokens.ts";
import { PeopleStore } from "../people/store.ts";
import { directorFor } from "./director.ts";
import { DEFAULT_STAND_IN_MINUTES, normalizeEntrantCode, TournamentRefusal } from "./entrants.ts";
import type { TournamentRecord } from "./store.ts";
import { isId } from "../../shared/protocol/ids.ts";



function textResponse(body: string, type: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "content-type": `${type}; charset=utf-8`,
      "x-content-type-options": "nosniff",
      "content-disposition": `attachment; filename="${filename}"`,
    },
  });
}

/**
 * The page of the client where a tournament (and, with a code, an entrant's table) is shown. The
 * host comes from `Host`, or from `X-Forwarded-Host` only behind a trusted proxy (TRUST_PROXY):
 * otherwise any client could make the server hand out links to a host of its choosing.
 */
function pageLink(req: IncomingMessage | undefined, trustProxy: boolean, id: string, code?: string): string {
  const host = publicHost(req, trustProxy) ?? "localhost";
  const path = `/#/tournament/${id}${code ? `/entrant/${code}` : ""}`;
  return `${publicProtocol(req, trustProxy)}://${host}${path}`;
}

/** The bot work a tournament may start: its tables (rounds × tables a round, per scenario) × each table's rounds. */
function plannedBotRounds(body: CreateTournament, scenarios: { delegations: unknown[]; deadline: { rounds: number } }[]): number {
  const n = body.entrants.length;
  const first = scenarios[0]!;
  const format = body.format ?? defaultFormat(n);
  const rounds = body.rounds ?? (format === "swiss" ? swissRounds(n) : roundRobinRounds(n, first.delegations.length));
  const tablesPerRound = Math.ceil(n / Math.max(1, Math.min(...scenarios.map((s) => s.delegations.length))));
  return rounds * tablesPerRound * Math.max(...scenarios.map((s) => s.deadline.rounds));
}

export function tournamentRoutes(ctx: ServerContext) {
  // Wrong entrant codes and organiser tokens are what a guesser produces: one budget per server.
  const misses = new TokenBucket(30, 5);

  async function summary(t: TournamentRecord): Promise<TournamentSummary> {
    const director = directorFor(ctx);
    const entrants = await director.store.entrants(t.id);
    const games = await director.store.games(t.id);
    const names = new Map(entrants.map((e) => [e.id, e.name]));
    return {
      id: t.id,
      name: t.name,
      format: t.format,
      scenarios: t.scenarios,
      rounds: t.rounds,
      status: t.status,
      currentRound: t.currentRound,
      standInAfterMinutes: t.options.standInAfterMinutes ?? DEFAULT_STAND_IN_MINUTES,
      createdAt: t.createdAt,
      startedAt: t.startedAt,
      endedAt: t.endedAt,
      entrants: entrants.map((e) => ({ id: e.id, name: e.name, kind: e.kind, strategy: e.strategy })),
      tables: games.map((g: TournamentGame) => {
        const live = g.matchId ? ctx.live.get(g.matchId) : undefined;
        return {
          round: g.round,
          table: g.table,
          scenario: g.scenario,
          matchId: g.matchId,
          status: g.status,
          ...(live && g.status === "running" ? { phase: live.game().phase } : {}),
          seats: g.seats.map((s) => ({ ...s, name: s.entrant === null ? "House bot" : names.get(s.entrant) ?? s.entrant })),
          result: g.result,
        };
      }),
      standings: standings(entrants, games),
    };
  }

  /** The tournament, if the request carries its organiser token; otherwise the refusal. */
  async function organiser(id: string, req: IncomingMessage | undefined, action: string): Promise<TournamentRecord | Response> {
    const t = await directorFor(ctx).store.get(id);
    if (!t) return errorResponse(404, "not_found", `no tournament '${id}'`);
    const token = bearer(req);
    if (token === null) return errorResponse(403, "forbidden", `${action}: only the organiser may ${action}; send the organiser token as 'Authorization: Bearer <token>'`);
    if (!sameSecret(hashToken(token), t.organiserTokenHash)) {
      if (!misses.take()) return errorResponse(429, "rate_limited", "too many wrong tokens on this server; wait a few seconds");
      return errorResponse(403, "forbidden", `${action}: this is not the organiser token of tournament '${id}'`);
    }
    return t;
  }

  async function create(req: IncomingMessage | undefined): Promise<Response> {
    if (!req) return errorResponse(400, "bad_request", "create: no request body");
    const type = req.headers["content-type"] ?? "";
    if (!/^application\/json\b/i.test(type)) return errorResponse(415, "unsupported_media_type", "create: the body must be JSON (Content-Type: application/json)");
    let raw: unknown;
    try {
      raw = JSON.parse(bodyOf(req));
    } catch {
      return errorResponse(400, "bad_request", "create: the body is not valid JSON");
    }
    const parsed = CreateTournament.safeParse(raw);
    if (!parsed.success) return errorResponse(400, "bad_request", describeIssue("create", parsed.error));
    const known = parsed.data.scenarios.map((id) => ctx.catalog.get(id)).filter((s): s is NonNullable<typeof s> => s != null);
    if (known.length === parsed.data.scenarios.length) {
      const facts = requestFacts();
      const refused = ctx.quotas.take("tournaments", facts?.address ?? "unknown", facts?.hostKeyShown ?? false, plannedBotRounds(parsed.data, known));
      if (refused) return errorResponse(429, "rate_limited", `create: ${refused.message}`, { "retry-after": String(refused.retryAfter) });
    }
    const { record, organiserToken, entrants } = await directorFor(ctx).create(parsed.data);
    const body: TournamentCreated = {
      id: record.id,
      organiserToken,
      page: pageLink(req, ctx.config.trustProxy, record.id),
      entrants: entrants.map((e) => ({
        id: e.id,
        name: e.name,
        kind: e.kind,
        strategy: e.strategy,
        ...(e.code ? { code: e.code, link: pageLink(req, ctx.config.trustProxy, record.id, e.code) } : {}),
      })),
    };
    return jsonResponse(body, 201, { location: `/api/tournaments/${record.id}` });
  }

  async function me(id: string, req: IncomingMessage | undefined): Promise<Response> {
    const code = bearer(req);
    if (code === null) return errorResponse(403, "forbidden", "me: send your entrant code (or your personal link) as 'Authorization: Bearer <code>'");
    const director = directorFor(ctx);
    let found = await director.store.entrantByCode(hashToken(normalizeEntrantCode(code)));
    if (!found || found.tournamentId !== id) {
      // Or a personal link holding an entry of this tournament (PROTOCOL §12): the page opened from the inbox on another device.
      const person = await new PeopleStore(ctx.store.db).personBySecret(code);
      const entrantId = person ? await new PeopleStore(ctx.store.db).entryOf(person.id, id) : null;
      const entrant = entrantId ? (await director.store.entrants(id)).find((e) => e.id === entrantId) : undefined;
      found = entrant ? { tournamentId: id, entrant } : null;
    }
    if (!found) {
      if (!misses.take()) return errorResponse(429, "rate_limited", "too many wrong entrant codes on this server; wait a few seconds");
      return errorResponse(403, "forbidden", `me: this is not an entrant code of tournament '${id}'`);
    }
    const t = (await director.store.get(id))!;
    const seat = await director.tables.seatFor(id, found.entrant);
    const rows = standings(await director.store.entrants(id), await director.store.games(id));
    const body: EntrantView = {
      tournament: { id: t.id, name: t.name, status: t.status, currentRound: t.currentRound, rounds: t.rounds },
      entrant: { id: found.entrant.id, name: found.entrant.name },
      table: seat
        ? { round: seat.game.round, table: seat.game.table, matchId: seat.game.matchId!, delegation: seat.delegation, scenario: seat.game.scenario, seatToken: seat.seatToken }
        : null,
      standing: rows.find((r) => r.entrant === found.entrant.id) ?? null,
    };
    return jsonResponse(body);
  }

  async function act(id: string, action: string, req: IncomingMessage | undefined): Promise<Response> {
    const t = await organiser(id, req, action);
    if (t instanceof Response) return t;
    const director = directorFor(ctx);
    if (action === "start") await director.begin(id);
    else if (action === "cancel") await director.cancel(id);
    else if (action === "stand-in") {
      // An optional JSON body: `{ entrant }` for one absent entrant, none (or `{}`) for every one.
      const text = bodyOf(req).trim();
      let raw: unknown = {};
      if (text !== "") {
        try {
          raw = JSON.parse(text);
        } catch {
          return errorResponse(400, "bad_request", "stand_in: the body is not valid JSON");
        }
      }
      const parsed = StandInRequest.safeParse(raw);
      if (!parsed.success) return errorResponse(400, "bad_request", describeIssue("stand_in", parsed.error));
      const standIns = await director.standInNow(id, parsed.data.entrant);
      const answer: TournamentSummary & StandInAnswer = { ...(await summary((await director.store.get(id))!)), standIns };
      return jsonResponse(answer);
    } else {
      const started = await director.startTables(id);
      return jsonResponse({ ...(await summary((await director.store.get(id))!)), startedTables: started });
    }
    return jsonResponse(await summary((await director.store.get(id))!));
  }

  async function answer(method: string, path: string, req?: IncomingMessage): Promise<Response> {
    const parts = path.split("/").slice(3); // ["", "api", "tournaments", ...]
    if (parts.length === 0) {
      if (method === "POST") return create(req);
      if (method === "GET" || method === "HEAD") {
        const list: TournamentListing[] = (await directorFor(ctx).store.listed(50)).map((t) => ({
          id: t.id,
          name: t.name,
          format: t.format,
          status: t.status,
          currentRound: t.currentRound,
          rounds: t.rounds,
          createdAt: t.createdAt,
        }));
        return jsonResponse({ tournaments: list });
      }
      return methodNotAllowed(method, path, "GET", "POST");
    }
    const [id = "", resource, ...rest] = parts;
    if (!isId(id) || rest.length > 0) return errorResponse(404, "not_found", `no such resource: ${path}`);
    if (method === "POST") {
      if (resource === "start" || resource === "cancel" || resource === "start-tables" || resource === "stand-in") return act(id, resource, req);
      return methodNotAllowed(method, path, "GET");
    }
    if (method !== "GET" && method !== "HEAD") return methodNotAllowed(method, path, "GET");
    if (resource === "me") return me(id, req);
    const director = directorFor(ctx);
    const t = await director.store.get(id);
    if (!t) return errorResponse(404, "not_found", `no tournament '${id}'`);
    if (resource === undefined) {
      // Spectators poll this: an unchanged tournament answers 304 to the ETag it was sent last.
      const body = JSON.stringify(await summary(t));
      const etag = strongEtag(body);
      const headers = { etag, "cache-control": "no-cache", "x-content-type-options": "nosniff" };
      if (notModified(req, etag)) return new Response(null, { status: 304, headers });
      return new Response(body, { headers: { "content-type": "application/json; charset=utf-8", ...headers } });
    }
    const entrants = await director.store.entrants(id);
    const games = await director.store.games(id);
    switch (resource) {
      case "standings":
      case "standings.json":
        return jsonResponse({ tournament: id, status: t.status, currentRound: t.currentRound, rounds: t.rounds, standings: standings(entrants, games) });
      case "standings.csv":
        return textResponse(standingsCsv(standings(entrants, games)), "text/csv", `tournament-${id}-standings.csv`);
      case "results.json":
        return jsonResponse({ tournament: id, status: t.status, entrants: entrants.map((e) => ({ id: e.id, name: e.name, kind: e.kind, strategy: e.strategy })), games });
      case "results.csv":
        return textResponse(
          resultsCsv(entrants, games, (scenario, delegation) => ctx.catalog.get(scenario)?.delegations.find((d) => d.id === delegation)?.name ?? delegation),
          "text/csv",
          `tournament-${id}-results.csv`,
        );
      default:
        return errorResponse(404, "not_found", `no such resource: ${path}`);
    }
  }

  return async function tournamentRoute(method: string, path: string, req?: IncomingMessage): Promise<Response> {
    try {
      return await answer(method, path, req);
    } catch (e) {
      if (e instanceof TournamentRefusal) return errorResponse(e.status, e.code, e.message);
      throw e;
    }
  };
}
