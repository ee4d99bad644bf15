// A table restored after a restart rests like any other when nobody is at it, unless a class or a
// tournament adopted it (its owner is stored with the match, 0010_match_owner_kind): that one plays
// on to its end. Its own file: one game server per process (a clean restart in-process).
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Player, startTestServer, tempDir } from "./harness.ts";

/** Wait for a condition on the server's side of a table. */
async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("restored tables and resting", () => {
  it("a table people opened rests after a restart while an adopted one plays on; a person back wakes it", async () => {
    const dataDir = tempDir("resting-restored");
    const first = await startTestServer({ dataDir });
    let restingVersion: number;
    let peopleTable: string;
    let seatToken: string;
    let adopted: string;
    try {
      // A table people opened: north leaves for good, a bot takes the seat, two bots and nobody at it.
      const north = await Player.create(
        first.url,
        {
          scenario: "bilateral-test",
          delegation: "north",
          name: "Nora",
          seats: { south: { kind: "bot", strategy: "linear" } },
          fastBots: true,
          takeoverStrategy: "linear",
          // No window to wait out after the restart: it rests as soon as it is restored.
          reconnectSeconds: 0,
        },
        "north",
      );
      seatToken = (await north.waitFor(() => north.welcome, "north's welcome")).seatToken!;
      await north.waitFor(() => north.state.phase === "running", "the start");
      peopleTable = north.matchId;
      await north.leave();
      const live = first.server.context.live.get(peopleTable)!;
      await until(() => live.seating().find((d) => d.id === "north")?.control === "bot", "a bot to take north's seat");

      // A class's table: adopted by the server, a student at north (still connected at the restart), a bot at south.
      const tables = first.server.context.tables;
      adopted = await tables.create({ scenario: "bilateral-test", seats: { south: { kind: "bot", strategy: "linear" } }, fastBots: true, secondsPerTurn: 5, startWhen: "facilitator" });
      expect(await tables.adopt(adopted, "class")).not.toBeNull();
      const seat = await tables.issueSeat(adopted, "north", "Student");
      if (!("seatToken" in seat)) throw new Error(`no seat: ${seat.message}`);
      const student = await Player.join(first.url, adopted, { seatToken: seat.seatToken }, "student");
      await student.waitFor(() => student.welcome, "the student's welcome");
      expect(await tables.facilitate(adopted, "start")).toMatchObject({ ok: true });
      await student.waitFor(() => student.state.phase === "running", "the class table's start");
    } finally {
      await first.server.close();
    }

    const second = await startTestServer({ dataDir });
    try {
      const people = second.server.context.live.get(peopleTable)!;
      const classTable = second.server.context.live.get(adopted)!;
      expect(people, "the people's table restored").toBeDefined();
      expect(classTable, "the class's table restored").toBeDefined();
      restingVersion = people.game().version;
      const classVersion = classTable.game().version;
      // The class's table plays on with nobody at it: its absent student's turn runs out (5 s) and
      // its bot answers, twice over.
      await until(() => classTable.game().version >= classVersion + 3 || classTable.game().phase === "ended", "the class table to play on", 20_000);
      // Meanwhile the people's table (two bots that finish a game in milliseconds) has not moved.
      expect(people.game().phase).toBe("running");
      expect(people.game().version).toBe(restingVersion);

      // North comes back: the seat is theirs again and the game goes on (the bot may move at once).
      const back = await Player.join(second.url, peopleTable, { seatToken }, "north again");
      await back.waitFor(() => back.state.delegations.find((d) => d.id === "north")?.control === "people", "north played by people again");
      if (back.state.turn === "north") await back.must(back.state.offer ? "counter" : "propose", { package: { notification: "h24", funding: "split", scope: "all" } });
      await back.waitFor(() => back.state.moves.some((m) => m.by === "south" && m.version > restingVersion) || back.state.phase === "ended", "south's bot to move again");
      await back.leave();
    } finally {
      await second.server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
