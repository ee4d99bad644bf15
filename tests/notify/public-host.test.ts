// A server on a public address (listening on every interface) refuses a push subscription whose
// endpoint is this machine or a private network, with one message naming the field; a push
// service's address is taken (nothing is sent at subscribe time).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Player } from "../server/harness.ts";
import { browserKeys, call, startNotifyServer, type NotifyServer } from "./helpers.ts";

let t: NotifyServer;

beforeAll(async () => {
  t = await startNotifyServer({ host: "0.0.0.0" });
});

afterAll(async () => {
  await t?.close();
});

describe("push endpoints on a server with a public address", () => {
  it("refuses this machine and private networks, takes a push service", async () => {
    const alice = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north" }, "alice");
    const token = (await alice.waitFor(() => alice.welcome, "alice's welcome")).seatToken!;
    const keys = { p256dh: browserKeys().p256dh, auth: browserKeys().auth };
    for (const endpoint of ["https://127.0.0.1:8443/push/x", "https://169.254.169.254/latest", "https://[::1]/x", "https://localhost/x"]) {
      const refused = await call(t.url, "POST", "/api/push/subscribe", { token, body: { subscription: { endpoint, keys } } });
      expect(refused.status, endpoint).toBe(400);
      expect(refused.json.error.message).toBe("push_subscribe: field 'subscription.endpoint' must be a push service on the internet, not this machine or a private network");
    }
    const taken = await call(t.url, "POST", "/api/push/subscribe", { token, body: { subscription: { endpoint: "https://fcm.googleapis.com/fcm/send/abc123", keys } } });
    expect(taken.status).toBe(200);
    expect(taken.json.pushSubscriptions).toBe(1);
    await alice.leave();
  });
});
