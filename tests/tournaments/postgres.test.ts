// The same tournament code on PostgreSQL: a bot-only Swiss tournament runs to the end with the
// store on a throwaway PostgreSQL cluster (started here), survives a restart of the server, and
// its standings equal a recomputation from the PostgreSQL rows. Skips, saying so, without
// PostgreSQL; under CI=true that is a failure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Standing } from "../../shared/tournaments/index.ts";
import { startTestServer, type TestServer } from "../server/harness.ts";
import { CI, missingServices, type PostgresServer, startPostgres } from "../scale/services.ts";
import { call, createTournament, getTournament, waitForTournament } from "./api.ts";
import { postgresQuery, recomputeStandings } from "./recompute.ts";

const why = missingServices();
if (why !== null && !CI) process.stderr.write(`skipping the tournament test on PostgreSQL: ${why}\n`);

describe.skipIf(why !== null && !CI)("a tournament on PostgreSQL", () => {
  let postgres: PostgresServer;
  let databaseUrl: string;
  let server: TestServer | null = null;

  beforeAll(async () => {
    if (why !== null) throw new Error(`CI=true but PostgreSQL is missing: ${why}`);
    postgres = await startPostgres();
    databaseUrl = await postgres.createDatabase("tournaments");
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await postgres?.stop();
  });

  it("runs to the end, survives a restart, and its standings equal a recomputation from the database", async () => {
    server = await startTestServer({ databaseUrl });
    const created = await createTournament(server.url, {
      scenarios: ["bilateral-test"],
      format: "swiss",
      rounds: 3,
      entrants: (["boulware", "conceder", "linear", "hardliner", "diplomat", "tit-for-tat"] as const).map((strategy) => ({ kind: "bot" as const, strategy })),
    });
    expect((await call(server.url, "POST", `/api/tournaments/${created.id}/start`, { token: created.organiserToken })).status).toBe(200);
    const done = await waitForTournament(server.url, created.id, (t) => t.status === "finished", "the tournament to finish", 30_000);
    expect(done.tables).toHaveLength(9);

    // A new server on the same database serves the same tournament.
    await server.close();
    server = await startTestServer({ databaseUrl });
    const again = await getTournament(server.url, created.id);
    expect(again.status).toBe("finished");
    expect(again.standings).toEqual(done.standings);

    const db = await postgresQuery(databaseUrl);
    const recomputed = await recomputeStandings(db.query, created.id).finally(() => db.close());
    expect(recomputed.unfinished).toEqual([]);
    const served = await call<{ standings: Standing[] }>(server.url, "GET", `/api/tournaments/${created.id}/standings`);
    expect(served.body.standings).toEqual(recomputed.standings);
    expect(recomputed.standings.every((s) => s.games === 3)).toBe(true);
  });
});
