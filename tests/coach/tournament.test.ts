// Never a coach at a tournament's table: a person against a bot there is in the shape of a solo
// game, yet the welcome says `coach: false`. The server creates every tournament table itself with
// `coach: false` (server/tournaments/round-tables.ts), and no tournament option can turn it on; the
// default rule (shared/protocol/options.ts `coachOn`) would say off too, as no creator sits at a
// tournament table: this test holds the outcome, whichever of the two a later change touches.
// Real server, real SDK clients.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntrantView } from "../../shared/tournaments/api.ts";
import { Player, startTestServer, type TestServer } from "../server/harness.ts";
import { call, createTournament } from "../tournaments/api.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe("a tournament's table", () => {
  it("has the coach off for its people", async () => {
    const created = await createTournament(server.url, {
      name: "No coaching",
      scenarios: ["bilateral-test"],
      format: "round-robin",
      entrants: [
        { kind: "person", name: "Ada" },
        { kind: "bot", strategy: "boulware" },
      ],
    });
    const ada = created.entrants[0]!;
    expect((await call(server.url, "POST", `/api/tournaments/${created.id}/start`, { token: created.organiserToken })).status).toBe(200);
    let table: EntrantView["table"] = null;
    for (let tries = 0; tries < 200 && table === null; tries++) {
      const me = await call<EntrantView>(server.url, "GET", `/api/tournaments/${created.id}/me`, { token: ada.code });
      expect(me.status).toBe(200);
      table = me.body.table;
      if (table === null) await new Promise((r) => setTimeout(r, 50));
    }
    expect(table).not.toBeNull();
    const player = await Player.join(server.url, table!.matchId, { seatToken: table!.seatToken }, "Ada");
    const welcome = await player.waitFor(() => player.welcome, "the welcome");
    expect(welcome.role.delegation).toBe(table!.delegation);
    expect(welcome.coach).toBe(false);
    await player.leave();
  });
});
