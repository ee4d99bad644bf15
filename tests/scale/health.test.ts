// /healthz and /metrics on one server: what an orchestrator and Prometheus read. The health check
// makes a real round trip to the database, so a database that stops answering turns it to 503.
import { afterAll, describe, expect, it } from "vitest";
import { Player, startTestServer, type TestServer } from "../server/harness.ts";
import { type PostgresServer, skipUnlessServices, startPostgres } from "./services.ts";

const skip = skipUnlessServices();
let server: TestServer | null = null;
let postgres: PostgresServer | null = null;

afterAll(async () => {
  await server?.close().catch(() => undefined);
  await postgres?.stop();
});

/** The value of one sample line (`name{labels} value`) of the Prometheus text, summed over label sets. */
function sample(text: string, name: string): number {
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}

describe("health and metrics", () => {
  it("/healthz says what the server runs on; /metrics counts tables, clients, actions and latencies", async () => {
    server = await startTestServer();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, presence: "local", database: "sqlite", matches: 0, checks: { database: { ok: true } } });

    const before = await (await fetch(`${server.url}/metrics`)).text();
    const north = await Player.create(server.url, { scenario: "bilateral-test", delegation: "north", name: "Nora" }, "north");
    const code = (await north.waitFor(() => north.welcome, "the welcome")).joinCode!;
    const south = await Player.join(server.url, north.matchId, { role: "delegation", delegation: "south", code, name: "Sam" }, "south");
    await north.waitFor(() => north.state.phase === "running", "the start");
    const mover = north.state.turn === "north" ? north : south;
    await mover.must("statement", { text: "Opening remarks." });
    await fetch(`${server.url}/api/scenarios`);

    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const after = await res.text();
    expect(sample(after, "accord_rooms")).toBe(1);
    expect(sample(after, "accord_connected_clients")).toBe(2);
    // The auto-start and the statement, both written to the log.
    expect(sample(after, "accord_actions_total") - sample(before, "accord_actions_total")).toBe(2);
    expect(sample(after, "accord_persistence_seconds_count")).toBeGreaterThan(sample(before, "accord_persistence_seconds_count"));
    expect(after).toMatch(/accord_http_request_seconds_count\{method="GET",route="api\/scenarios",status="200"\} 1/);
    expect(after).toMatch(/accord_http_request_seconds_count\{method="POST",route="matchmake",status="200"\} [1-9]/);
    expect(after).toContain("accord_process_cpu_seconds_total");
    // Closing the server seats nobody's bot: leaving first would hand both seats to bots that keep playing.
    await server.close();
    server = null;
  });

  it.skipIf(skip)("on PostgreSQL, /healthz turns to 503 when the database stops answering", async () => {
    postgres = await startPostgres();
    server = await startTestServer({ databaseUrl: await postgres.createDatabase("health") });
    const up = await fetch(`${server.url}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ ok: true, presence: "local", database: "postgres" });

    await postgres.stop();
    postgres = null;
    const down = await fetch(`${server.url}/healthz`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { ok: boolean; checks: { database: { ok: boolean; error: string } } };
    expect(body.ok).toBe(false);
    expect(body.checks.database.ok).toBe(false);
    expect(body.checks.database.error).toBeTruthy();
  }, 60_000);
});
