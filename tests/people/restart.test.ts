// The inbox after a restart (a file of its own: one game server per process): a running table's
// entry comes from its log replayed, an ended one's from its row alone, read with the same link.
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Player, startTestServer } from "../server/harness.ts";

describe("the inbox after a restart", () => {
  it("after a restart, lists a running table (its log replayed) and an ended one (from its row) with the same link", async () => {
    const first = await startTestServer();
    const dataDir = first.dataDir;
    let second: Awaited<ReturnType<typeof startTestServer>> | null = null;
    try {
      const open = async () => {
        const north = await Player.create(first.url, { scenario: "bilateral-test", delegation: "north", secondsPerTurn: 86400 }, "north");
        const code = (await north.waitFor(() => north.welcome, "welcome")).joinCode!;
        const south = await Player.join(first.url, north.matchId, { role: "delegation", delegation: "south", code }, "south");
        await south.waitFor(() => south.state.phase === "running", "the start");
        await north.waitFor(() => north.state.phase === "running", "the start (north)");
        return { north, south };
      };
      const running = await open();
      const ended = await open();
      await running.south.must("statement", { text: "Before the restart." });
      await ended.north.must("end");
      await ended.north.waitFor(() => ended.north.state.phase === "ended", "the end");
      const made = await fetch(`${first.url}/api/people`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ seatTokens: [running.north.welcome!.seatToken!, ended.north.welcome!.seatToken!] }) });
      const { secret } = (await made.json()) as { secret: string };
      await first.server.close();
      second = await startTestServer({ dataDir });
      const res = await fetch(`${second.url}/api/people/me`, { headers: { authorization: `Bearer ${secret}` } });
      const tables = ((await res.json()) as { tables: Record<string, unknown>[] }).tables;
      const byId = new Map(tables.map((x) => [x.matchId, x]));
      expect(byId.get(running.north.matchId)).toMatchObject({ delegation: "north", phase: "running", unreadStatements: 1 });
      expect(byId.get(ended.north.matchId)).toMatchObject({ delegation: "north", delegationName: "Northern Agency", status: "ended", phase: "ended", yourMove: false, turnEndsAt: null });
      expect(tables[tables.length - 1]!.matchId).toBe(ended.north.matchId);
    } finally {
      await second?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

});
