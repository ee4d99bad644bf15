// Reconnection within the window (the SDK's own automatic reconnection and an explicit one),
// after the window (the seat goes to a bot when the table allows it), and a page reload that
// rejoins with the seat token or the facilitator token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Player, startTestServer, type TestServer } from "./harness.ts";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

async function table(options: Record<string, unknown> = {}): Promise<{ north: Player; south: Player; code: string }> {
  const north = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", name: "Nora", ...options }, "north");
  const code = (await north.waitFor(() => north.welcome, "north's welcome")).joinCode!;
  const south = await Player.join(t.url, north.matchId, { role: "delegation", delegation: "south", code, name: "Sam" }, "south");
  await north.waitFor(() => north.state.phase === "running", "the start");
  await south.waitFor(() => south.seat?.me?.delegation === "south", "south's seat");
  return { north, south, code };
}

function statusOf(p: Player, delegation: string): string | undefined {
  return [...p.state.people.values()].find((x) => x.delegation === delegation)?.status;
}

describe("reconnection", () => {
  it("within the window, the SDK's automatic reconnection keeps the seat and resends the private view", async () => {
    const { north, south } = await table();
    await south.must("team_note", { text: "remember the operators" });
    const version = south.state.version;
    const seats = south.seats.length;

    south.room.reconnection.enabled = true;
    south.room.reconnection.minUptime = 0;
    south.room.reconnection.minDelay = 20;
    south.room.reconnection.delay = 20;
    let reconnected = false;
    south.room.onReconnect(() => (reconnected = true));
    south.dropConnection();
    await north.waitFor(() => statusOf(north, "south") === "reconnecting", "south shown as reconnecting");
    await south.waitFor(() => reconnected, "the SDK to reconnect");
    await north.waitFor(() => statusOf(north, "south") === "connected", "south connected again");
    await south.waitFor(() => south.seats.length > seats, "the seat sent again");
    expect(south.seat!.me!.delegation).toBe("south");
    expect(south.seat!.messages.map((m) => m.text)).toEqual(["remember the operators"]);
    expect(south.state.version).toBe(version);
    expect(south.state.delegations.find((d) => d.id === "south")!.control).toBe("people");
    // And it can still act.
    await south.must("statement", { text: "Back again." });
    await Promise.all([north.leave(), south.leave()]);
  });

  it("within the window, an explicit reconnection with the reconnection token works too", async () => {
    const { north, south } = await table();
    south.dropConnection();
    await south.waitFor(() => south.left, "the drop");
    await south.reconnect();
    await south.waitFor(() => south.welcome?.role.delegation === "south" && south.seat?.me?.delegation === "south", "welcome and seat");
    await north.waitFor(() => statusOf(north, "south") === "connected", "south connected again");
    await south.must("statement", { text: "Still here." });
    await Promise.all([north.leave(), south.leave()]);
  });

  it("after the window, a bot takes the seat; a reload with the seat token takes it back", async () => {
    const { north, south } = await table({ reconnectSeconds: 1, takeoverStrategy: "conceder" });
    const seatToken = south.welcome!.seatToken!;
    const personId = south.welcome!.personId!;
    const oldToken = south.room.reconnectionToken;

    south.dropConnection();
    await north.waitFor(() => statusOf(north, "south") === "reconnecting", "south reconnecting");
    await north.waitFor(() => north.state.delegations.find((d) => d.id === "south")?.control === "bot", "a bot at south", 10_000);
    expect(north.state.delegations.find((d) => d.id === "south")!.strategy).toBe("conceder");
    // Left for good: out of the synced people (the seat token still brings them back).
    expect(statusOf(north, "south")).toBeUndefined();
    expect(north.notices.some((n) => n.code === "bot_took_seat")).toBe(true);

    // The window is over: the old reconnection token is refused.
    await expect(south.sdk.reconnect(oldToken)).rejects.toThrow();

    // The bot plays south's turns meanwhile.
    if (north.state.turn === "north") await north.must("pass");
    await north.waitFor(() => north.state.moves.some((m) => m.by === "south"), "a move by the bot");

    // A page reload: a new connection with the seat token the client kept.
    await south.rejoin({ seatToken });
    await south.waitFor(() => south.welcome?.personId === personId && south.seat?.me?.delegation === "south", "south's seat back");
    await north.waitFor(() => north.state.delegations.find((d) => d.id === "south")?.control === "people", "south played by people again");
    expect(south.notices.some((n) => n.code === "seat_returned")).toBe(true);
    expect(south.seat!.me!.privateBrief).toContain("who pays");
    await Promise.all([north.leave(), south.leave()]);
  });

  it("after the window, a table without takeover leaves the seat to its people", async () => {
    const { north, south } = await table({ reconnectSeconds: 1, botTakeover: false });
    south.dropConnection();
    await north.waitFor(() => statusOf(north, "south") === undefined, "south gone from the people", 10_000);
    expect(north.state.delegations.find((d) => d.id === "south")!.control).toBe("people");
    await north.leave();
  });

  it("a reload rejoins the facilitator with the facilitator token, and refuses unknown tokens", async () => {
    const { north, south } = await table();
    const { facilitatorToken, seatToken, joinCode } = north.welcome!;
    await north.leave();
    await south.waitFor(() => statusOf(south, "north") === undefined, "north gone from the people");
    await north.rejoin({ facilitatorToken: facilitatorToken!, seatToken: seatToken! });
    const welcome = await north.waitFor(() => (north.welcome?.role.facilitator && north.welcome.role.delegation === "north" ? north.welcome : null), "north back");
    expect(welcome.joinCode).toBe(joinCode);
    // Tokens are handed out once; the client keeps them.
    expect(welcome.facilitatorToken).toBeUndefined();
    await north.must("pause");
    await south.waitFor(() => south.state.phase === "paused", "the pause");

    await expect(Player.join(t.url, north.matchId, { seatToken: "not-a-token" })).rejects.toMatchObject({ code: 4403 });
    await expect(Player.join(t.url, north.matchId, { facilitatorToken: seatToken! })).rejects.toMatchObject({ code: 4403 });
    await Promise.all([north.leave(), south.leave()]);
  });
});
