// Full games through the real server with real SDK clients: people and bots in each protocol,
// illegal actions refused with the engine's code and no state change, retries applied once, and
// the HTTP API (scenarios, match records, transcripts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Player, RecordingClient, type RecordingRoom, requestId, startTestServer, type TestServer } from "./harness.ts";
import { TableState } from "../../shared/state/table.ts";
import { autoplay, storedLog } from "./play.ts";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

describe("a seat's private side after an action", () => {
  it("comes as a seat_update with only what changed, which applied to the last seat equals the whole seat", async () => {
    const alpha = await Player.create(t.url, { scenario: "multilateral-test", delegation: "alpha", seats: { gamma: { kind: "bot", strategy: "linear" }, delta: { kind: "bot", strategy: "linear" } } }, "alpha");
    const code = (await alpha.waitFor(() => alpha.welcome, "alpha's welcome")).joinCode!;
    const beta = await Player.join(t.url, alpha.matchId, { role: "delegation", delegation: "beta", code }, "beta");
    await beta.waitFor(() => beta.state.phase === "running" && beta.seat !== null, "the start");
    // Whole seats received so far (Player.seats also holds the seats built from updates).
    const snapshots = { alpha: alpha.seats.length - alpha.updates.length, beta: beta.seats.length - beta.updates.length };

    await alpha.must("private_message", { to: "beta", text: "A word in private." });
    const update = await beta.waitFor(() => beta.updates.at(-1), "beta's seat update");
    // Only the new message: no profile, no brief, nothing of earlier messages.
    expect(update.messages.map((m) => [m.from, m.to, m.text])).toEqual([["alpha", "beta", "A word in private."]]);
    expect(update.me).toBeUndefined();
    expect(update.events.map((e) => e.type)).toEqual(["message"]);
    await alpha.must("team_note", { text: "Our own note." });
    await alpha.waitFor(() => alpha.seat!.messages.length === 2, "alpha's note");
    expect(alpha.updates.at(-1)!.messages.map((m) => m.text)).toEqual(["Our own note."]);
    expect(beta.seat!.messages.map((m) => m.text)).toEqual(["A word in private."]);

    // An inject changes beta's profile: beta's update carries its new private side, the facilitator's the inject list.
    const before = beta.seat!.me!.profile.reservationValue;
    await alpha.must("fire_inject", { injectId: "summit" });
    await beta.waitFor(() => beta.updates.at(-1)?.me !== undefined, "beta's changed profile");
    expect(beta.seat!.me!.profile.reservationValue).toBe(0.3);
    expect(before).not.toBe(0.3);
    await alpha.waitFor(() => alpha.updates.at(-1)?.injects !== undefined, "the facilitator's inject list");
    // No whole snapshot was sent for any of it.
    expect([alpha.seats.length - alpha.updates.length, beta.seats.length - beta.updates.length]).toEqual([snapshots.alpha, snapshots.beta]);

    // What the updates built is what the server holds: a sync sends the whole seat again.
    for (const p of [alpha, beta]) {
      const built = p.seat!;
      const count = p.seats.length;
      await p.request("sync");
      const full = await p.waitFor(() => p.seats.length > count && p.seat, "the whole seat");
      expect({ ...built, events: [] }).toEqual({ ...full, events: [] });
    }
    await Promise.all([alpha.leave(), beta.leave()]);
  });
});

describe("a bilateral game (alternating offers): a person against a bot", () => {
  it("plays to the end, talks on every channel, and reveals everything at the end", async () => {
    const facilitator = await Player.create(t.url, { scenario: "bilateral-test", seats: { south: { kind: "bot", strategy: "conceder" } } }, "facilitator");
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the facilitator's welcome");
    expect(welcome.role).toEqual({ delegation: null, facilitator: true, observer: false });
    expect(welcome.facilitatorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(welcome.joinCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(facilitator.state.phase).toBe("waiting");

    const north = await Player.join(t.url, facilitator.matchId, { role: "delegation", delegation: "north", code: welcome.joinCode!, name: "Ann" }, "north");
    const northWelcome = await north.waitFor(() => north.welcome, "north's welcome");
    expect(northWelcome.role.delegation).toBe("north");
    expect(northWelcome.seatToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const seat = await north.waitFor(() => north.seat, "north's seat");
    expect(seat.me?.privateBrief).toContain("fast notification");
    expect(seat.me?.profile.reservationValue).toBe(0.35);

    // Every delegation played by people has a person: the table starts by itself.
    await north.waitFor(() => north.state.phase === "running", "the start");
    expect(north.state.delegations.map((d) => [d.id, d.control, d.strategy])).toEqual([
      ["north", "people", ""],
      ["south", "bot", "conceder"],
    ]);
    expect(north.state.people.get(northWelcome.personId!)?.name).toBe("Ann");

    await autoplay(north, "north", (state, turn) => {
      if (turn === 0) return ["statement", { text: "Speed matters most to us." }];
      if (turn === 1) return ["private_message", { to: "south", text: "Off the record: we can move on funding." }];
      if (turn === 2) return ["team_note", { text: "Hold firm on scope." }];
      const offer = state.offer;
      if (offer && offer.proposer !== "north") {
        return turn < 5 ? ["counter", { package: { notification: "h24", funding: "split", scope: "all" } }] : ["accept"];
      }
      return ["propose", { package: { notification: "h24", funding: "south-pays", scope: "all" } }];
    });

    const s = north.state;
    expect(s.phase).toBe("ended");
    expect(s.outcome).toBeDefined();
    await north.waitFor(() => north.reveal, "the reveal");
    await facilitator.waitFor(() => facilitator.reveal, "the facilitator's reveal");
    expect(north.reveal!.delegations.map((d) => d.id)).toEqual(["north", "south"]);
    expect(north.reveal!.messages.some((m) => m.channel === "team")).toBe(true);
    const lastSeat = await north.waitFor(() => north.seats.find((x) => x.myUtility !== undefined), "north's result");
    expect(lastSeat.myUtility).toBe(north.reveal!.outcome!.utilities.north);

    // Talk reached the record: the statement in the public state, the private ones only in north's seat.
    expect(s.statements.some((m) => m.from === "north" && m.text === "Speed matters most to us.")).toBe(true);
    expect(north.seat!.messages.map((m) => m.channel).sort()).toEqual(["private", "team"]);
    expect(facilitator.seat!.messages).toEqual([]);

    // The log has every accepted action, in order, one per version.
    const log = storedLog(t.dataDir, north.matchId);
    expect(log.map((r) => r.seq)).toEqual(Array.from({ length: s.version }, (_, i) => i + 1));
    expect(log[0]!.action.type).toBe("start");

    await north.leave();
    await facilitator.leave();
  });
});

describe("a multilateral game: two people, two bots", () => {
  it("plays to the end with votes from people and bots", async () => {
    const alpha = await Player.create(
      t.url,
      { scenario: "multilateral-test", delegation: "alpha", name: "Chair", seats: { gamma: { kind: "bot", strategy: "linear" }, delta: { kind: "bot", strategy: "diplomat" } } },
      "alpha",
    );
    const welcome = await alpha.waitFor(() => alpha.welcome, "alpha's welcome");
    expect(welcome.role).toEqual({ delegation: "alpha", facilitator: true, observer: false });
    expect(welcome.seatToken).toBeDefined();
    await alpha.waitFor(() => alpha.seat?.me?.delegation === "alpha" && alpha.seat.injects?.length === 1, "alpha's seat with the facilitator's injects");

    const beta = await Player.join(t.url, alpha.matchId, { role: "delegation", delegation: "beta", code: welcome.joinCode!.toLowerCase().replace(/^(....)/, "$1-") }, "beta");
    const observer = await Player.join(t.url, alpha.matchId, { role: "observer", code: welcome.joinCode! }, "observer");
    await observer.waitFor(() => observer.welcome?.role.observer, "the observer's welcome");
    await alpha.waitFor(() => alpha.state.phase === "running" && alpha.state.observers === 1, "the start");

    const vote = (): [string, Record<string, unknown>] => ["vote", { accept: true }];
    await Promise.all([
      autoplay(alpha, "alpha", (s) => (s.stage === "proposing" ? ["propose", { package: { language: "binding", assistance: "training" } }] : vote())),
      autoplay(beta, "beta", (s) => (s.stage === "proposing" ? ["propose", { package: { language: "voluntary", assistance: "fund" } }] : vote())),
    ]);
    await observer.waitFor(() => observer.reveal, "the observer's reveal");
    const s = observer.state;
    expect(s.phase).toBe("ended");
    expect(s.moves.filter((m) => m.type === "vote").length).toBeGreaterThan(0);
    expect(s.moves.some((m) => m.by === "gamma" || m.by === "delta")).toBe(true);
    expect(observer.seat!.me).toBeNull();
    expect(storedLog(t.dataDir, s.matchId).length).toBe(s.version);
    await Promise.all([alpha.leave(), beta.leave(), observer.leave()]);
  });
});

describe("illegal actions and retries", () => {
  it("refuses illegal actions with the engine's code and changes nothing; a retried request id is applied once", async () => {
    const north = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", startWhen: "facilitator" }, "north");
    const code = (await north.waitFor(() => north.welcome, "welcome")).joinCode!;
    const south = await Player.join(t.url, north.matchId, { role: "delegation", delegation: "south", code }, "south");
    await south.waitFor(() => south.welcome, "south's welcome");

    expect(await north.act("propose", { package: { notification: "h24", funding: "split", scope: "all" } })).toMatchObject({ code: "not_started" });
    await north.must("start");
    await north.waitFor(() => north.state.phase === "running", "the start");
    const mover = north.state.turn === "north" ? north : south;
    const other = mover === north ? south : north;
    const me = mover === north ? "north" : "south";
    const good = { notification: "h72", funding: "split", scope: "critical" };

    const version = mover.state.version;
    const moves = mover.state.moves.length;
    const refusals: [Player, string, Record<string, unknown>, string][] = [
      [other, "propose", { package: good }, "not_your_turn"],
      [mover, "vote", { accept: true }, "wrong_protocol"],
      [mover, "accept", {}, "nothing_on_table"],
      [mover, "propose", { package: { ...good, scope: "galaxy" } }, "unknown_option"],
      [mover, "propose", { package: { notification: "h72" } }, "incomplete_package"],
      [mover, "propose", { package: { ...good, weather: "sunny" } }, "unknown_issue"],
      [mover, "propose", { package: good, version: version + 5 }, "stale_version"],
      [mover, "private_message", { to: "nobody", text: "hi" }, "unknown_delegation"],
      [mover, "statement", { text: "   " }, "empty_text"],
      [south, "resume", {}, "forbidden"],
    ];
    if (me === "north") refusals.push([mover, "propose", { package: { ...good, scope: "none" } }, "red_line"]);
    for (const [player, type, payload, expected] of refusals) {
      const outcome = await player.act(type, payload);
      expect(outcome, `${type} → ${expected}`).toMatchObject({ code: expected });
      expect((outcome as { message: string }).message.startsWith(`${type}:`)).toBe(true);
    }
    expect(mover.state.version).toBe(version);
    expect(mover.state.moves.length).toBe(moves);

    // The same request id twice, even concurrently: applied once, both answered with success.
    const id = requestId();
    const payload = { requestId: id, version: mover.state.version, text: "Said once." };
    const [a, b] = await Promise.all([mover.request("statement", payload), mover.request("statement", payload)]);
    expect(a).toMatchObject({ ok: true, version: version + 1 });
    expect(b).toMatchObject({ ok: true, version: version + 1, duplicate: true });
    const again = await mover.request("statement", payload);
    expect(again).toMatchObject({ ok: true, duplicate: true });
    await mover.waitFor(() => mover.state.version === version + 1, "the statement");
    expect(mover.state.statements.filter((m) => m.text === "Said once.").length).toBe(1);
    // Another person's request with the same id is a different action.
    const theirs = await other.request("statement", { ...payload, version: other.state.version, text: "Mine too." });
    expect(theirs).toMatchObject({ ok: true, version: version + 2 });

    // A real move still works afterwards.
    await mover.must("propose", { package: good });
    await other.waitFor(() => other.state.offer?.proposer === me, "the offer");
    await Promise.all([north.leave(), south.leave()]);
  });
});

describe("the HTTP API", () => {
  it("serves scenarios, match records and transcripts, public while running and full after the end", async () => {
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });

    const list = (await (await fetch(`${t.url}/api/scenarios`)).json()) as { scenarios: { id: string }[] };
    expect(list.scenarios.map((s) => s.id)).toEqual(["bilateral-test", "multilateral-test"]);
    const one = await (await fetch(`${t.url}/api/scenarios/bilateral-test`)).text();
    expect(one).toContain("publicBrief");
    for (const secret of ["privateBrief", "reservationValue", "profile", "redLines", "fast notification", "phrases", "historicalOutcome", "Breach disclosed"]) {
      expect(one).not.toContain(secret);
    }
    const missing = await fetch(`${t.url}/api/scenarios/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: "no scenario 'nope'" } });
    expect((await (await fetch(`${t.url}/api/no/such/thing`)).json()).error.code).toBe("not_found");

    const north = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", listed: true, seats: { south: { kind: "bot", strategy: "hardliner" } } }, "north");
    await north.waitFor(() => north.state.phase === "running", "the start");
    const listed = (await (await fetch(`${t.url}/api/matches`)).json()) as { matches: { id: string }[] };
    expect(listed.matches.map((m) => m.id)).toContain(north.matchId);
    const code = north.welcome!.joinCode!;
    expect(await (await fetch(`${t.url}/api/join/${code.slice(0, 4)}-${code.slice(4)}`)).json()).toMatchObject({ matchId: north.matchId });
    expect((await fetch(`${t.url}/api/join/AAAAAAAA`)).status).toBe(404);

    const tricky = 'He said "yes, <b>maybe</b>" =1+1\nnext line';
    await north.must("statement", { text: tricky });
    await north.must("team_note", { text: "our secret plan" });

    const running = await (await fetch(`${t.url}/api/matches/${north.matchId}`)).json();
    expect(running).toMatchObject({ id: north.matchId, record: "public", status: "running" });
    expect(JSON.stringify(running)).not.toContain("our secret plan");
    const publicJson = (await (await fetch(`${t.url}/api/matches/${north.matchId}/transcript.json`)).json()) as { record: string; entries: { text: string }[] };
    expect(publicJson.record).toBe("public");
    expect(publicJson.entries.some((e) => e.text === tricky)).toBe(true);
    expect(JSON.stringify(publicJson)).not.toContain("our secret plan");

    await north.must("end");
    await north.waitFor(() => north.reveal, "the reveal");
    const ended = await (await fetch(`${t.url}/api/matches/${north.matchId}`)).json();
    expect(ended).toMatchObject({ record: "full", reveal: { outcome: { reason: "ended_by_facilitator" } } });

    const csv = await fetch(`${t.url}/api/matches/${north.matchId}/transcript.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const csvText = await csv.text();
    expect(csvText.startsWith("version,time,round,event,by,to,channel,text,package,accept,by_id,to_id\r\n")).toBe(true);
    expect(csvText).toContain(`"He said ""yes, <b>maybe</b>"" =1+1\nnext line"`);
    expect(csvText).toContain("our secret plan");
    expect(csvText.endsWith("\r\n")).toBe(true);

    const md = await fetch(`${t.url}/api/matches/${north.matchId}/transcript.md`);
    expect(md.headers.get("content-type")).toContain("text/markdown");
    const mdText = await md.text();
    expect(mdText).toContain("&lt;b&gt;maybe&lt;/b&gt;");
    expect(mdText).not.toContain("<b>");

    expect((await fetch(`${t.url}/api/matches/${north.matchId}/transcript.xml`)).status).toBe(404);
    expect((await fetch(`${t.url}/api/matches/doesnotexist/transcript.json`)).status).toBe(404);
    await north.leave();
  });

  it("gives the creator's seat to the connection create reserved it for, not to whoever learns the table's id and connects first", async () => {
    const answer = await fetch(`${t.url}/matchmake/create/negotiation`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: "bilateral-test", delegation: "north" }) });
    const reservation = (await answer.json()) as { roomId: string };
    // Someone else with the id, first: a private table wants its code.
    await expect(Player.join(t.url, reservation.roomId, {}, "intruder")).rejects.toMatchObject({ code: 4401 });
    const sdk = new RecordingClient(t.url);
    const creator = new Player((await sdk.consumeSeatReservation(reservation as never, TableState)) as unknown as RecordingRoom, sdk, "creator");
    const welcome = await creator.waitFor(() => creator.welcome, "the creator's welcome");
    expect(welcome.role).toMatchObject({ facilitator: true, delegation: "north" });
    expect(welcome.facilitatorToken).toEqual(expect.any(String));
    await creator.leave();
  });

  it("records a table its facilitator ended before it started as ended, never as running", async () => {
    const host = await Player.create(t.url, { scenario: "bilateral-test", startWhen: "facilitator" }, "host");
    await host.waitFor(() => host.welcome, "the welcome");
    expect(host.state.phase).toBe("waiting");
    await host.must("end");
    await host.waitFor(() => host.state.phase === "ended", "the end");
    const record = (await (await fetch(`${t.url}/api/matches/${host.matchId}`)).json()) as { status: string; startedAt: string | null; endedAt: string | null; record: string };
    expect(record).toMatchObject({ status: "ended", startedAt: null, record: "full" });
    expect(record.endedAt).not.toBeNull();
    await host.leave();
  });
});
