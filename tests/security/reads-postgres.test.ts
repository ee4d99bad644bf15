// The export thread with PostgreSQL: it cannot read the rows itself, so the server reads them
// (asynchronously) and hands them over. Skipped, saying why, where PostgreSQL is not installed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../server/harness.ts";
import { type PostgresServer, skipUnlessServices, startPostgres } from "../scale/services.ts";
import { builds, seedEndedTable } from "./seed.ts";

const skip = skipUnlessServices();
let pg: PostgresServer;
let t: TestServer;

beforeAll(async () => {
  if (skip) return;
  pg = await startPostgres();
  t = await startTestServer({ databaseUrl: await pg.createDatabase("reads") });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await pg?.stop();
});

describe.skipIf(skip)("exports on PostgreSQL", () => {
  it("are built by the export thread from the rows the server hands it, once, with 304 to their tag", async () => {
    const id = await seedEndedTable(t, "Pg", 300);
    const before = await builds(t);
    const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`${t.url}/api/matches/${id}/transcript.md`)));
    const texts = await Promise.all(answers.map((a) => a.text()));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(texts[0]).toContain("Pg says 299");
    expect(new Set(texts).size).toBe(1);
    const etag = answers[0]!.headers.get("etag")!;
    expect((await fetch(`${t.url}/api/matches/${id}/transcript.md`, { headers: { "if-none-match": etag } })).status).toBe(304);
    const record = (await (await fetch(`${t.url}/api/matches/${id}`)).json()) as { record: string; reveal: { outcome: { reason: string } } };
    expect(record).toMatchObject({ record: "full", reveal: { outcome: { reason: "ended_by_facilitator" } } });
    const after = await builds(t);
    expect(after.thread - before.thread).toBe(2);
    expect(after.main).toBe(before.main);
  });
});
