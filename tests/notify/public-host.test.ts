// A server on a public address (listening on every interface) refuses a push subscription whose
// endpoint is this machine or a private network, with one message naming the field; a push
// service's address is taken (nothing is sent at subscribe time). A host NAME is judged when a push
// is sent: resolved (here by a resolver the test controls: names like localtest.me cannot be
// looked up offline) and, when it resolves inside, nothing is posted and the subscription is
// forgotten.
import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Player } from "../server/harness.ts";
import { browserKeys, call, startNotifyServer, startPushEndpoint, type NotifyServer, type PushEndpoint } from "./helpers.ts";

let t: NotifyServer;
let push: PushEndpoint | null = null;
let missing = "";
const resolved: string[] = [];

beforeAll(async () => {
  const endpoint = await startPushEndpoint();
  if ("missing" in endpoint) missing = endpoint.missing;
  else push = endpoint;
  t = await startNotifyServer(
    { host: "0.0.0.0" },
    {
      resolve: async (hostname): Promise<LookupAddress[]> => {
        resolved.push(hostname);
        if (hostname === "localtest.me") return [{ address: "127.0.0.1", family: 4 }];
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
      },
    },
  );
});

afterAll(async () => {
  await t?.close();
  await push?.close();
});

describe("push endpoints on a server with a public address", () => {
  it("refuses this machine and private networks, takes a push service", async () => {
    const alice = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north" }, "alice");
    const token = (await alice.waitFor(() => alice.welcome, "alice's welcome")).seatToken!;
    const keys = { p256dh: browserKeys().p256dh, auth: browserKeys().auth };
    for (const endpoint of ["https://127.0.0.1:8443/push/x", "https://169.254.169.254/latest", "https://[::1]/x", "https://localhost/x", "https://[::ffff:10.0.0.1]/x"]) {
      const refused = await call(t.url, "POST", "/api/push/subscribe", { token, body: { subscription: { endpoint, keys } } });
      expect(refused.status, endpoint).toBe(400);
      expect(refused.json.error.message).toBe("push_subscribe: field 'subscription.endpoint' must be a push service on the internet, not this machine or a private network");
    }
    const taken = await call(t.url, "POST", "/api/push/subscribe", { token, body: { subscription: { endpoint: "https://fcm.googleapis.com/fcm/send/abc123", keys } } });
    expect(taken.status).toBe(200);
    expect(taken.json.pushSubscriptions).toBe(1);
    await alice.leave();
  });

  it("posts nothing to a name that resolves to this machine, and forgets that subscription", async (ctx) => {
    if (!push) {
      if (process.env.CI === "true") throw new Error(missing);
      ctx.skip(missing);
      return;
    }
    const alice = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", botTakeover: false, name: "Alice" }, "alice");
    const code = (await alice.waitFor(() => alice.welcome, "alice's welcome")).joinCode!;
    const bob = await Player.join(t.url, alice.matchId, { role: "delegation", delegation: "south", code, name: "Bob" }, "bob");
    const bobToken = (await bob.waitFor(() => bob.welcome, "bob's welcome")).seatToken!;
    await alice.waitFor(() => alice.state.phase === "running", "the start");
    const browser = browserKeys();
    // The name passes at subscribe time (it is not an IP literal): the test push endpoint's port, behind localtest.me.
    const endpoint = `https://localtest.me:${new URL(push.origin).port}/push/bob`;
    const subscribed = await call(t.url, "POST", "/api/push/subscribe", { token: bobToken, body: { subscription: { endpoint, keys: { p256dh: browser.p256dh, auth: browser.auth } } } });
    expect(subscribed.status).toBe(200);
    expect(subscribed.json.pushSubscriptions).toBe(1);

    if (bob.state.turn === "south") {
      await bob.must("pass");
      await alice.waitFor(() => alice.state.turn === "north", "alice's turn");
    }
    await bob.leave();
    await alice.waitFor(() => alice.state.delegations.find((d) => d.id === "south")?.connected === 0, "bob gone");
    const before = push.requests.items.length;
    await alice.must("pass");
    // Bob's move while he is away: the notifier tries, resolves the name, refuses, forgets the subscription.
    await alice.waitFor(() => alice.state.turn === "south", "bob's turn");
    const notifier = t.server.context.notifications!.notifier;
    await notifier.idle();
    expect(resolved).toContain("localtest.me");
    expect(push.requests.items.length).toBe(before);
    expect((await call(t.url, "GET", "/api/notify", { token: bobToken })).json.pushSubscriptions).toBe(0);
    await alice.leave();
  });
});
