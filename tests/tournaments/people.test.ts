// Tournaments with people in them, on a real server with real SDK clients: two scripted people
// follow their entrant codes from table to table (asking `/me`, joining with the seat token it
// hands out, making legal moves) alongside two bots until the round-robin completes. And the
// organiser's token guards every change, while anyone may watch a live table as an observer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntrantView, TournamentCreated, TournamentSummary } from "../../shared/tournaments/api.ts";
import { Player, startTestServer, type TestServer } from "../server/harness.ts";
import { autoplay, type Decide } from "../server/play.ts";
import { call, createTournament, getTournament, waitForTournament } from "./api.ts";

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

/** A person following their entrant code: each round, ask where to sit, join with the seat token, play to the end. */
async function followEntrantCode(url: string, tournamentId: string, code: string, label: string): Promise<{ tables: string[] }> {
  const tables: string[] = [];
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`${label}: the tournament did not finish`);
    const me = await call<EntrantView>(url, "GET", `/api/tournaments/${tournamentId}/me`, { token: code });
    expect(me.status).toBe(200);
    if (me.body.tournament.status === "finished") return { tables };
    const table = me.body.table;
    if (table === null || tables.includes(table.matchId)) {
      // Between rounds (or our game is over and the round is not): ask again shortly.
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const player = await Player.join(url, table.matchId, { seatToken: table.seatToken }, `${label} r${table.round}`);
    const welcome = await player.waitFor(() => player.welcome, "the welcome");
    expect(welcome.role.delegation).toBe(table.delegation);
    await autoplay(player, table.delegation, middle);
    tables.push(table.matchId);
    await player.leave();
  }
}

describe("a tournament with people", () => {
  it("completes with two scripted people following their entrant codes and two bots", async () => {
    const created = await createTournament(server.url, {
      name: "Mixed cup",
      scenarios: ["bilateral-test"],
      format: "round-robin",
      entrants: [
        { kind: "person", name: "Ada" },
        { kind: "bot", strategy: "boulware" },
        { kind: "person", name: "Ben" },
        { kind: "bot", strategy: "conceder" },
      ],
    });
    const [ada, , ben] = created.entrants;
    expect(ada!.code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(ada!.link).toContain(`#/tournament/${created.id}/entrant/${ada!.code}`);
    expect((await call(server.url, "POST", `/api/tournaments/${created.id}/start`, { token: created.organiserToken })).status).toBe(200);

    const [adaPlayed, benPlayed] = await Promise.all([
      followEntrantCode(server.url, created.id, ada!.code!, "Ada"),
      // An entrant code is typed by hand: case and dashes do not matter.
      followEntrantCode(server.url, created.id, ben!.code!.toLowerCase().replace(/-/g, ""), "Ben"),
    ]);
    const done = await getTournament(server.url, created.id);
    expect(done.status).toBe("finished");
    // Four entrants, two delegations: a full round-robin is 3 rounds of 2 tables; each person sat at 3.
    expect(done.rounds).toBe(3);
    expect(done.tables).toHaveLength(6);
    expect(adaPlayed.tables).toHaveLength(3);
    expect(benPlayed.tables).toHaveLength(3);
    const mine = (id: string) => done.tables.filter((t) => t.seats.some((s) => s.entrant === id));
    expect(mine(ada!.id).map((t) => t.matchId).sort()).toEqual(adaPlayed.tables.slice().sort());
    // Everyone met everyone once, and the people's games count in their standing.
    expect(done.standings.every((s) => s.games === 3)).toBe(true);
    const adaRow = done.standings.find((s) => s.entrant === ada!.id)!;
    expect(adaRow.name).toBe("Ada");
    expect(adaRow.agreementRate).toBeGreaterThan(0);
  });
});

describe("who may change a tournament, and who may watch", () => {
  let created: TournamentCreated;

  beforeAll(async () => {
    created = await createTournament(server.url, {
      scenarios: ["bilateral-test"],
      entrants: [
        { kind: "person", name: "Cleo" },
        { kind: "person", name: "Dev" },
      ],
    });
  });

  it("refuses organiser actions without the organiser token (403, one clear message)", async () => {
    const path = `/api/tournaments/${created.id}`;
    const none = await call<{ error: { code: string; message: string } }>(server.url, "POST", `${path}/start`);
    expect(none.status).toBe(403);
    expect(none.body.error.message).toBe("start: only the organiser may start; send the organiser token as 'Authorization: Bearer <token>'");
    const cleo = created.entrants[0]!.code!;
    for (const [action, token] of [
      ["start", "not-the-token"],
      ["cancel", cleo],
      ["start-tables", created.entrants[1]!.code!],
    ] as const) {
      const refused = await call<{ error: { code: string; message: string } }>(server.url, "POST", `${path}/${action}`, { token });
      expect(refused.status, action).toBe(403);
      expect(refused.body.error).toEqual({ code: "forbidden", message: `${action}: this is not the organiser token of tournament '${created.id}'` });
    }
    expect((await getTournament(server.url, created.id)).status).toBe("waiting");
    // An entrant code is not an organiser token, nor the other way round.
    const wrongMe = await call<{ error: { message: string } }>(server.url, "GET", `${path}/me`, { token: created.organiserToken });
    expect(wrongMe.status).toBe(403);
  });

  it("lets anyone watch a live table as an observer, with no code, but not sit at it", async () => {
    const started = await call<TournamentSummary>(server.url, "POST", `/api/tournaments/${created.id}/start`, { token: created.organiserToken });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe("running");
    const table = started.body.tables[0]!;
    expect(table.matchId).not.toBeNull();
    // A second start is a conflict, not a restart.
    expect((await call(server.url, "POST", `/api/tournaments/${created.id}/start`, { token: created.organiserToken })).status).toBe(409);

    const spectator = await Player.join(server.url, table.matchId!, { role: "observer" }, "spectator");
    const welcome = await spectator.waitFor(() => spectator.welcome, "the spectator's welcome");
    expect(welcome.role).toEqual({ delegation: null, facilitator: false, observer: true });
    await spectator.waitFor(() => spectator.state.scenarioId === "bilateral-test", "the table's state");
    expect(spectator.seat?.me ?? null).toBeNull();
    await expect(Player.join(server.url, table.matchId!, { role: "delegation", delegation: "north" }, "intruder")).rejects.toThrow(/bad_code/);

    // The entrants sit down with their codes; the spectator sees the table start.
    const cleo = await call<EntrantView>(server.url, "GET", `/api/tournaments/${created.id}/me`, { token: created.entrants[0]!.code! });
    const dev = await call<EntrantView>(server.url, "GET", `/api/tournaments/${created.id}/me`, { token: created.entrants[1]!.code! });
    expect(cleo.body.table!.matchId).toBe(table.matchId);
    const players = await Promise.all([cleo.body.table!, dev.body.table!].map((t, i) => Player.join(server.url, t.matchId, { seatToken: t.seatToken }, i ? "dev" : "cleo")));
    await spectator.waitFor(() => spectator.state.phase === "running", "the table to start");

    // The organiser cancels: the live table ends, the tournament stops.
    const cancelled = await call<TournamentSummary>(server.url, "POST", `/api/tournaments/${created.id}/cancel`, { token: created.organiserToken });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    await spectator.waitFor(() => spectator.state.phase === "ended", "the table to end");
    const after = await waitForTournament(server.url, created.id, (t) => t.tables.every((g) => g.status !== "running"), "the cancelled table to be recorded", 10_000);
    expect(after.status).toBe("cancelled");
    expect(after.currentRound).toBe(1);
    for (const p of [spectator, ...players]) await p.leave();
  });

  it("answers bad bodies with 400 naming the field", async () => {
    const post = (body: unknown) => call<{ error: { code: string; message: string } }>(server.url, "POST", "/api/tournaments", { body });
    const cases: [unknown, string][] = [
      [{ scenarios: ["bilateral-test"], entrants: [{ kind: "bot", strategy: "boulware" }] }, "create: field 'entrants' must list at least 2 entrants"],
      [{ scenarios: ["bilateral-test"], entrants: [{ kind: "bot", strategy: "boulware" }, { kind: "bot", strategy: "genius" }] }, "create: field 'entrants[1].strategy' is not valid"],
      [{ scenarios: ["nowhere"], entrants: [{ kind: "person", name: "A" }, { kind: "person", name: "B" }] }, "create: field 'scenarios[0]': no scenario 'nowhere' (known: "],
      [{ scenarios: ["bilateral-test"], entrants: [{ kind: "person", name: "Al" }, { kind: "person", name: "al" }] }, "create: field 'entrants[1].name' must differ from entrants[0].name ('al')"],
      [{ scenarios: ["bilateral-test"], rounds: 0, entrants: [{ kind: "person", name: "A" }, { kind: "person", name: "B" }] }, "create: field 'rounds' must be at least 1"],
    ];
    for (const [body, message] of cases) {
      const answer = await post(body);
      expect(answer.status, message).toBe(400);
      expect(answer.body.error.code).toBe("bad_request");
      expect(answer.body.error.message).toContain(message);
    }
    const notJson = await call<{ error: { message: string } }>(server.url, "POST", "/api/tournaments", { raw: "{ nope" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toBe("create: the body is not valid JSON");
    expect((await call(server.url, "GET", "/api/tournaments/nosuchtournament")).status).toBe(404);
  });
});

describe("an entrant who does not come", () => {
  it("does not hold a table forever: the organiser starts the tables still waiting", async () => {
    const created = await createTournament(server.url, {
      scenarios: ["bilateral-test"],
      entrants: [
        { kind: "person", name: "Present" },
        { kind: "person", name: "Absent" },
      ],
    });
    const started = await call<TournamentSummary>(server.url, "POST", `/api/tournaments/${created.id}/start`, { token: created.organiserToken });
    expect(started.body.tables[0]!.phase).toBe("waiting");
    const me = await call<EntrantView>(server.url, "GET", `/api/tournaments/${created.id}/me`, { token: created.entrants[0]!.code! });
    const present = await Player.join(server.url, me.body.table!.matchId, { seatToken: me.body.table!.seatToken }, "present");
    await present.waitFor(() => present.welcome, "the welcome");
    // One of two people seated: the table waits.
    expect((await getTournament(server.url, created.id)).tables[0]!.phase).toBe("waiting");

    const forced = await call<TournamentSummary & { startedTables: number }>(server.url, "POST", `/api/tournaments/${created.id}/start-tables`, { token: created.organiserToken });
    expect(forced.status).toBe(200);
    expect(forced.body.startedTables).toBe(1);
    await present.waitFor(() => present.state.phase === "running", "the table to start");
    expect((await getTournament(server.url, created.id)).tables[0]!.phase).toBe("running");

    await call(server.url, "POST", `/api/tournaments/${created.id}/cancel`, { token: created.organiserToken });
    await present.waitFor(() => present.state.phase === "ended", "the table to end");
    await present.leave();
  });
});
