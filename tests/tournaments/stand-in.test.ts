// Tournaments do not stall on an entrant who does not come: once the organiser starts a table still
// waiting for people, a bot stands in for the absent entrant after `standInAfterMinutes` (it steps
// aside when they arrive), and the organiser can swap one in at any time. Real server, real SDK clients.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntrantView, StandInAnswer, TournamentSummary } from "../../shared/tournaments/api.ts";
import { Player, startTestServer, type TestServer } from "../server/harness.ts";
import { autoplay, type Decide } from "../server/play.ts";
import { call, createTournament, waitForTournament } from "./api.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

/** Legal moves at the bilateral fixture: accept an offer that respects north's red line, else table a middle package. */
const middle: Decide = (state) => {
  const offer = state.offer;
  const fair = { notification: "h72", funding: "split", scope: "critical" };
  if (!offer) return ["propose", { package: fair }];
  if (offer.package.get("scope") === "none") return ["counter", { package: fair }];
  return ["accept"];
};

async function seatOf(id: string, code: string): Promise<NonNullable<EntrantView["table"]>> {
  const me = await call<EntrantView>(server.url, "GET", `/api/tournaments/${id}/me`, { token: code });
  expect(me.status).toBe(200);
  return me.body.table!;
}

describe("an entrant who does not come", () => {
  it("gets a stand-in bot standInAfterMinutes after the organiser starts the table, and the round finishes", async () => {
    // 0.02 minutes: the stand-in comes 1.2 s after the start; the test waits for it, not for the clock.
    const created = await createTournament(server.url, {
      scenarios: ["bilateral-test"],
      standInAfterMinutes: 0.02,
      entrants: [
        { kind: "person", name: "Present" },
        { kind: "person", name: "Absent" },
      ],
    });
    const started = await call<TournamentSummary>(server.url, "POST", `/api/tournaments/${created.id}/start`, { token: created.organiserToken });
    expect(started.body.standInAfterMinutes).toBe(0.02);
    const mine = await seatOf(created.id, created.entrants[0]!.code!);
    const absent = started.body.tables[0]!.seats.find((s) => s.entrant === created.entrants[1]!.id)!.delegation;
    const present = await Player.join(server.url, mine.matchId, { seatToken: mine.seatToken }, "present");
    await present.waitFor(() => present.welcome, "the welcome");
    expect(present.state.phase).toBe("waiting");

    // The organiser starts the table; the absent entrant's delegation is still the people's…
    const forced = await call<TournamentSummary & { startedTables: number }>(server.url, "POST", `/api/tournaments/${created.id}/start-tables`, { token: created.organiserToken });
    expect(forced.body.startedTables).toBe(1);
    await present.waitFor(() => present.state.phase === "running", "the table to start");
    // …until the stand-in time has passed: then a bot plays it, and the game runs to its end.
    await present.waitFor(() => present.state.delegations.find((d) => d.id === absent)?.control === "bot", "a bot standing in for the absent entrant", 20_000);
    await autoplay(present, mine.delegation, middle);
    const done = await waitForTournament(server.url, created.id, (t) => t.status === "finished", "the tournament to finish");
    expect(done.tables[0]!.status).toBe("ended");
    // The absent entrant's game counts (the bot played it for them).
    expect(done.standings.find((s) => s.entrant === created.entrants[1]!.id)!.games).toBe(1);
    await present.leave();
  });

  it("lets the organiser swap a bot in at once, which steps aside when the entrant arrives", async () => {
    const created = await createTournament(server.url, {
      scenarios: ["bilateral-test"],
      entrants: [
        { kind: "person", name: "Early" },
        { kind: "person", name: "Late" },
        { kind: "bot", strategy: "boulware" },
        { kind: "bot", strategy: "conceder" },
      ],
    });
    const path = `/api/tournaments/${created.id}`;
    // Before the start there is nobody to stand in for.
    expect((await call(server.url, "POST", `${path}/stand-in`, { token: created.organiserToken })).status).toBe(409);
    const started = await call<TournamentSummary>(server.url, "POST", `${path}/start`, { token: created.organiserToken });
    expect(started.body.standInAfterMinutes).toBe(1);
    const [early, late] = created.entrants;

    // Only the organiser, and a body that names an entrant of this tournament.
    const refused = await call<{ error: { code: string; message: string } }>(server.url, "POST", `${path}/stand-in`, { token: early!.code!, body: {} });
    expect(refused.status).toBe(403);
    const badBody = await call<{ error: { code: string; message: string } }>(server.url, "POST", `${path}/stand-in`, { token: created.organiserToken, body: { entrant: 3 } });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.message).toMatch(/^stand_in: field 'entrant'/);
    const unknown = await call<{ error: { code: string; message: string } }>(server.url, "POST", `${path}/stand-in`, { token: created.organiserToken, body: { entrant: "e99" } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe("stand_in: no entrant 'e99' in this tournament");

    // Early sits down; Late does not. The organiser swaps a bot in for Late: their table starts at once.
    const earlySeat = await seatOf(created.id, early!.code!);
    const earlyPlayer = await Player.join(server.url, earlySeat.matchId, { seatToken: earlySeat.seatToken }, "early");
    await earlyPlayer.waitFor(() => earlyPlayer.welcome, "the welcome");
    const swap = await call<TournamentSummary & StandInAnswer>(server.url, "POST", `${path}/stand-in`, { token: created.organiserToken, body: { entrant: late!.id } });
    expect(swap.status).toBe(200);
    expect(swap.body.standIns).toBe(1);
    const lateTable = swap.body.tables.find((t) => t.round === 1 && t.seats.some((s) => s.entrant === late!.id))!;
    const lateDelegation = lateTable.seats.find((s) => s.entrant === late!.id)!.delegation;
    const spectator = await Player.join(server.url, lateTable.matchId!, { role: "observer" }, "spectator");
    await spectator.waitFor(() => spectator.state.delegations.find((d) => d.id === lateDelegation)?.control === "bot", "a bot at Late's delegation");
    await spectator.waitFor(() => spectator.state.phase !== "waiting", "Late's table to start");

    // Early is at their table (round 1 of the circle method: e1 meets e4, e2 meets e3): asking for
    // every absent entrant leaves them alone.
    expect(earlySeat.matchId).not.toBe(lateTable.matchId);
    const all = await call<TournamentSummary & StandInAnswer>(server.url, "POST", `${path}/stand-in`, { token: created.organiserToken });
    expect(all.body.standIns).toBe(0);
    expect(earlyPlayer.state.delegations.find((d) => d.id === earlySeat.delegation)?.control).toBe("people");

    // Late arrives after all: the bot steps aside.
    const lateSeat = await seatOf(created.id, late!.code!);
    expect(lateSeat.matchId).toBe(lateTable.matchId);
    const latePlayer = await Player.join(server.url, lateSeat.matchId, { seatToken: lateSeat.seatToken }, "late");
    await latePlayer.waitFor(() => latePlayer.state.delegations.find((d) => d.id === lateDelegation)?.control === "people", "Late playing their own delegation");

    await call(server.url, "POST", `${path}/cancel`, { token: created.organiserToken });
    for (const p of [earlyPlayer, latePlayer, spectator]) await p.leave();
  });
});
