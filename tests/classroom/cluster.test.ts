// A class session over two game processes sharing Redis and PostgreSQL: the tables land on
// whichever process has room, and the class still shows every table on its dashboard, fills empty
// seats with bots, starts them and follows them to the end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cluster, skipUnlessServices, startCluster } from "../scale/services.ts";
import { ClassMember } from "./member.ts";

const skip = skipUnlessServices();
let cluster: Cluster;

beforeAll(async () => {
  if (skip) return;
  cluster = await startCluster("class_cluster");
}, 60_000);

afterAll(() => cluster?.stop());

const startProcess = () => cluster.start({ LOG_LEVEL: "warn" });

describe.skipIf(skip)("a class session across two processes", () => {
  it("shows and controls tables that run in the other process", async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const facilitator = await ClassMember.create(a.url, { scenario: "bilateral-test", layout: { kind: "count", tables: 2 }, preparationMinutes: 0, fillStrategy: "conceder" });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the welcome");
    expect(await facilitator.request("phase", { to: "preparation" })).toEqual({ ok: true });
    const waiting = await facilitator.waitFor(() => (facilitator.dashboard?.rows.length === 2 && facilitator.dashboard.rows.every((r) => r.phase === "waiting") ? facilitator.dashboard : null), "both tables waiting", 20_000);
    // At least one table runs in the other process than the class's (the one the facilitator's socket reaches).
    const classPort = Number(new URL((facilitator.room.connection.transport as unknown as { ws: { url: string } }).ws.url).port);
    const other = [a, b].find((p) => p.port !== classPort)!;
    const counts = await Promise.all([a, b].map(async (p) => ((await (await fetch(`${p.url}/healthz`)).json()) as { matches: number }).matches));
    expect(counts[0]! + counts[1]!).toBe(2);
    expect(((await (await fetch(`${other.url}/healthz`)).json()) as { matches: number }).matches).toBeGreaterThan(0);
    expect(waiting.rows.map((r) => r.matchId).every(Boolean)).toBe(true);

    // Nobody is seated: bots keep every seat, the tables start and play to the end, and the class follows.
    expect(await facilitator.request("phase", { to: "negotiation" })).toEqual({ ok: true });
    await facilitator.waitFor(() => facilitator.snapshot?.phase === "debrief" && facilitator.snapshot, "the class debrief once both tables end", 30_000);
    const done = await facilitator.waitFor(() => (facilitator.dashboard?.rows.every((r) => r.phase === "ended") ? facilitator.dashboard : null), "both rows ended", 20_000);
    for (const row of done.rows) {
      expect(row.agreement).not.toBeNull();
      expect(row.delegations.map((d) => d.control)).toEqual(["bot", "bot"]);
    }
    // The CSV reads both tables from the shared database, whichever process answers.
    const csv = await (await fetch(`${b.url}/api/classes/${welcome.sessionId}/students.csv`, { headers: { authorization: `Bearer ${welcome.facilitatorToken}` } })).text();
    expect(csv.split("\r\n")[0]).toMatch(/^name,table,delegation/);
    await facilitator.leave();
  }, 90_000);
});
