// A field that does not divide into tables: five bots at a four-delegation multilateral scenario,
// round-robin over two rounds, on a real server. House bots fill each round's short table and
// count for nobody; every entrant plays once per round; results name the house seats.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TournamentListing } from "../../shared/tournaments/api.ts";
import type { TournamentGame } from "../../shared/tournaments/index.ts";
import { startTestServer, type TestServer } from "../server/harness.ts";
import { call, createTournament, waitForTournament } from "./api.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe("house bots fill short tables", () => {
  it("plays five entrants at four-delegation tables, the remainder with house bots", async () => {
    const strategies = ["boulware", "conceder", "linear", "diplomat", "tit-for-tat"] as const;
    const created = await createTournament(server.url, {
      scenarios: ["multilateral-test"],
      format: "round-robin",
      rounds: 2,
      entrants: strategies.map((strategy) => ({ kind: "bot" as const, strategy })),
    });
    expect((await call(server.url, "POST", `/api/tournaments/${created.id}/start`, { token: created.organiserToken })).status).toBe(200);
    const done = await waitForTournament(server.url, created.id, (t) => t.status === "finished", "the tournament to finish", 30_000);

    for (const round of [1, 2]) {
      const tables = done.tables.filter((t) => t.round === round);
      // Five entrants, four delegations: one full table and one with a single entrant and three house bots.
      expect(tables.map((t) => t.seats.filter((s) => s.entrant === null).length).sort()).toEqual([0, 3]);
      const seated = tables.flatMap((t) => t.seats.map((s) => s.entrant)).filter((e) => e !== null);
      expect(seated.sort()).toEqual(created.entrants.map((e) => e.id).sort());
      for (const t of tables) expect(t.seats.map((s) => s.delegation)).toEqual(["alpha", "beta", "gamma", "delta"]);
    }
    // The rotation sends someone else to the house table in round 2.
    const alone = (round: number) => done.tables.find((t) => t.round === round && t.seats.some((s) => s.entrant === null))!.seats.find((s) => s.entrant !== null)!.entrant;
    expect(alone(2)).not.toBe(alone(1));

    // Standings hold the five entrants only, each with two games; house bots are not ranked.
    expect(done.standings.map((s) => s.entrant).sort()).toEqual(created.entrants.map((e) => e.id).sort());
    expect(done.standings.every((s) => s.games === 2)).toBe(true);
    const results = await call<{ games: TournamentGame[] }>(server.url, "GET", `/api/tournaments/${created.id}/results.json`);
    expect(results.body.games.every((g) => g.status === "ended" && g.result!.seats.length === 4)).toBe(true);
    const csv = await call<string>(server.url, "GET", `/api/tournaments/${created.id}/results.csv`);
    expect(csv.body.split("\r\n").filter((l) => l.includes(",house,house bot,")).length).toBe(6);
  });
});

describe("several scenarios", () => {
  it("plays round r at scenarios[(r − 1) mod n], each table sized to its scenario", async () => {
    const created = await createTournament(server.url, {
      scenarios: ["bilateral-test", "multilateral-test"],
      format: "swiss",
      rounds: 3,
      entrants: (["boulware", "conceder", "linear", "diplomat"] as const).map((strategy) => ({ kind: "bot" as const, strategy })),
    });
    await call(server.url, "POST", `/api/tournaments/${created.id}/start`, { token: created.organiserToken });
    const done = await waitForTournament(server.url, created.id, (t) => t.status === "finished", "the tournament to finish", 30_000);
    const shape = [1, 2, 3].map((round) => done.tables.filter((t) => t.round === round).map((t) => `${t.scenario}:${t.seats.length}`));
    expect(shape).toEqual([["bilateral-test:2", "bilateral-test:2"], ["multilateral-test:4"], ["bilateral-test:2", "bilateral-test:2"]]);
    // Round 3 is bilateral again. Everyone met at round 2's one table, so every pairing is a rematch:
    // the fewest are taken, and nobody faces their round-1 opponent again.
    const pairs = (round: number) => done.tables.filter((t) => t.round === round).map((t) => t.seats.map((s) => s.entrant).sort().join("-"));
    expect(pairs(3).filter((p) => pairs(1).includes(p))).toEqual([]);
    expect(done.standings.every((s) => s.games === 3)).toBe(true);
  });
});

describe("the list of tournaments", () => {
  it("shows listed tournaments only", async () => {
    const entrants = [
      { kind: "bot" as const, strategy: "boulware" as const },
      { kind: "bot" as const, strategy: "conceder" as const },
    ];
    const hidden = await createTournament(server.url, { name: "Private cup", scenarios: ["bilateral-test"], entrants });
    const first = await createTournament(server.url, { name: "Open cup", scenarios: ["bilateral-test"], entrants, listed: true });
    const second = await createTournament(server.url, { name: "Second open cup", scenarios: ["bilateral-test"], entrants, listed: true });
    const list = await call<{ tournaments: TournamentListing[] }>(server.url, "GET", "/api/tournaments");
    expect(list.status).toBe(200);
    const ids = list.body.tournaments.map((t) => t.id);
    expect(ids).not.toContain(hidden.id);
    expect(ids).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(list.body.tournaments.find((t) => t.id === first.id)).toMatchObject({ name: "Open cup", status: "waiting", currentRound: 0, rounds: 1 });
    // Unlisted is not secret: anyone with the id sees it.
    const seen = await fetch(`${server.url}/api/tournaments/${hidden.id}`);
    expect(seen.status).toBe(200);
    // A poller that sends back the ETag gets 304 while nothing changed, the tournament once it has.
    const etag = seen.headers.get("etag")!;
    expect((await fetch(`${server.url}/api/tournaments/${hidden.id}`, { headers: { "if-none-match": etag } })).status).toBe(304);
    await call(server.url, "POST", `/api/tournaments/${hidden.id}/start`, { token: hidden.organiserToken });
    const changed = await fetch(`${server.url}/api/tournaments/${hidden.id}`, { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { status: string }).status).not.toBe("waiting");
  });
});
