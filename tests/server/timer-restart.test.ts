// A restart in the middle of a turn: the turn goes on with the time it had left. Running turns are
// covered by the crash test (SIGKILL); here a paused one, through a clean restart in-process (its
// own file: one game server per process).
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Player, startTestServer, tempDir } from "./harness.ts";

describe("the turn timer across a restart", () => {
  it("keeps a paused turn's time across a restart, and runs on from it when resumed", async () => {
    const dataDir = tempDir("timer-restart");
    const first = await startTestServer({ dataDir });
    try {
      const north = await Player.create(first.url, { scenario: "bilateral-test", delegation: "north", secondsPerTurn: 30 }, "north");
      const nw = await north.waitFor(() => north.welcome, "north's welcome");
      const south = await Player.join(first.url, north.matchId, { role: "delegation", delegation: "south", code: nw.joinCode! }, "south");
      const sw = await south.waitFor(() => south.welcome, "south's welcome");
      await north.waitFor(() => north.state.phase === "running" && north.state.timer.running, "the start");
      await north.must("pause");
      await north.waitFor(() => north.state.phase === "paused", "the pause");
      const left = north.state.timer.secondsLeft;
      expect(left).toBeGreaterThan(0);
      await first.server.close();

      const second = await startTestServer({ dataDir });
      try {
        const back = await Player.join(second.url, nw.matchId, { seatToken: nw.seatToken!, facilitatorToken: nw.facilitatorToken! }, "north again");
        const southBack = await Player.join(second.url, sw.matchId, { seatToken: sw.seatToken! }, "south again");
        await back.waitFor(() => back.state.phase === "paused", "the restored pause");
        expect(back.state.timer.running).toBe(false);
        expect(back.state.timer.secondsLeft).toBe(left);
        await back.must("resume");
        await southBack.waitFor(() => southBack.state.phase === "running" && southBack.state.timer.running, "the resumed clock");
        // It runs on from what was left (same machine, so the server's clock is ours).
        expect(southBack.state.timer.endsAt).toBeGreaterThan(Date.now());
        expect(southBack.state.timer.endsAt).toBeLessThanOrEqual(Date.now() + left * 1000);
        await Promise.all([back.leave(), southBack.leave()]);
      } finally {
        await second.server.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
