// Web Push, end to end: the server's VAPID keys are made on the first start and kept in the data
// folder (0600), served at /api/push/key; a subscription whose endpoint is a test push service (HTTPS
// on loopback) with keys the test made receives, when it is Bob's move and Bob is away, a payload
// that web-push encrypted for those keys (decrypted here, RFC 8291) and signed with the server's key
// (VAPID, checked here); a subscription the push service calls gone (410) is dropped. Also: a server
// without SMTP_URL offers no e-mail, says so, and plays on; push works without it.
import { createPublicKey, verify } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Player } from "../server/harness.ts";
import { browserKeys, call, startNotifyServer, startPushEndpoint, type NotifyServer, type PushEndpoint } from "./helpers.ts";

let t: NotifyServer;
let push: PushEndpoint | null = null;
let missing = "";

beforeAll(async () => {
  const endpoint = await startPushEndpoint();
  if ("missing" in endpoint) missing = endpoint.missing;
  else push = endpoint;
  // No SMTP_URL: no e-mail, Web Push only. PUBLIC_URL: the links point there, whatever Host the browser used.
  t = await startNotifyServer({ publicUrl: "https://accord.example.org" });
});

afterAll(async () => {
  await t?.close();
  await push?.close();
});

const notifier = () => t.server.context.notifications!.notifier;

/** The VAPID JWT of an `Authorization: vapid t=<jwt>, k=<key>` header, checked against `publicKey`. */
function vapid(header: string, publicKey: string): { aud: string; sub: string; exp: number } {
  const m = /^vapid t=([^,]+),\s*k=(.+)$/.exec(header);
  if (!m) throw new Error(`not a VAPID header: ${header}`);
  const [, jwt, key] = m;
  expect(key).toBe(publicKey);
  const [head, body, signature] = jwt!.split(".");
  const raw = Buffer.from(publicKey, "base64url");
  const jwk = { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33, 65).toString("base64url") };
  const ok = verify("sha256", Buffer.from(`${head}.${body}`), { key: createPublicKey({ key: jwk, format: "jwk" }), dsaEncoding: "ieee-p1363" }, Buffer.from(signature!, "base64url"));
  expect(ok).toBe(true);
  return JSON.parse(Buffer.from(body!, "base64url").toString("utf8"));
}

async function table(): Promise<{ alice: Player; bob: Player; bobToken: string }> {
  const alice = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", botTakeover: false, name: "Alice" }, "alice");
  const code = (await alice.waitFor(() => alice.welcome, "alice's welcome")).joinCode!;
  const bob = await Player.join(t.url, alice.matchId, { role: "delegation", delegation: "south", code, name: "Bob" }, "bob");
  const bobToken = (await bob.waitFor(() => bob.welcome, "bob's welcome")).seatToken!;
  await alice.waitFor(() => alice.state.phase === "running", "the start");
  if (bob.state.turn === "south") {
    await bob.must("pass");
    await alice.waitFor(() => alice.state.turn === "north", "alice's turn");
  }
  await bob.leave();
  await alice.waitFor(() => alice.state.delegations.find((d) => d.id === "south")?.connected === 0, "bob gone");
  return { alice, bob, bobToken };
}

describe("Web Push to a test push endpoint", () => {
  it("keeps the server's VAPID keys in the data folder, readable by its user only, and serves the public key", async () => {
    const file = join(t.dataDir, "vapid.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const keys = JSON.parse(readFileSync(file, "utf8")) as { publicKey: string; privateKey: string };
    const served = await call(t.url, "GET", "/api/push/key");
    expect(served.status).toBe(200);
    expect(served.json).toEqual({ publicKey: keys.publicKey });
    expect(Buffer.from(keys.publicKey, "base64url")).toHaveLength(65);
  });

  it("delivers 'your move', encrypted for the browser's keys and signed with the server's", async (ctx) => {
    if (!push) {
      if (process.env.CI === "true") throw new Error(missing);
      ctx.skip(missing);
      return;
    }
    const { alice, bobToken } = await table();
    const browser = browserKeys();
    const endpoint = `${push.origin}/push/bob-laptop`;
    const subscribed = await call(t.url, "POST", "/api/push/subscribe", { token: bobToken, body: { subscription: { endpoint, keys: { p256dh: browser.p256dh, auth: browser.auth } }, locale: "en" } });
    expect(subscribed.status).toBe(200);
    expect(subscribed.json).toEqual({ mailAvailable: false, email: null, emailConfirmed: false, locale: null, pushSubscriptions: 1 });

    const before = push.requests.items.length;
    await alice.must("pass");
    const request = await push.requests.nth(before + 1, "the push");
    expect(request.path).toBe("/push/bob-laptop");
    expect(request.headers["content-encoding"]).toBe("aes128gcm");
    expect(Number(request.headers.ttl)).toBeGreaterThan(0);
    const claims = vapid(String(request.headers.authorization), (await call(t.url, "GET", "/api/push/key")).json.publicKey);
    expect(claims.aud).toBe(push.origin);
    expect(claims.sub).toMatch(/^mailto:/);
    // Only the browser's keys open it.
    expect(request.body.includes(Buffer.from("your move"))).toBe(false);
    const payload = JSON.parse(browser.decrypt(request.body));
    expect(payload).toEqual({ title: "Your move at Data-sharing pact (test)", body: "It is your move (Southern Agency).", url: `https://accord.example.org/#/table/${alice.matchId}`, tag: `table-${alice.matchId}` });

    // The push service says the subscription is gone: the server forgets it (the next news, an hour later, finds none).
    push.status = 410;
    await alice.waitFor(() => alice.state.turn === "south", "bob's turn");
    const count = push.requests.items.length;
    // A private message in a new table: a new hour, so it is sent at once, and answered 410.
    const second = await table();
    await call(t.url, "POST", "/api/push/subscribe", { token: second.bobToken, body: { subscription: { endpoint: `${push.origin}/push/bob-phone`, keys: { p256dh: browser.p256dh, auth: browser.auth } } } });
    await second.alice.must("private_message", { to: "south", text: "Still there?" });
    await push.requests.nth(count + 1, "the push answered 410");
    await notifier().idle();
    expect((await call(t.url, "GET", "/api/notify", { token: second.bobToken })).json.pushSubscriptions).toBe(0);
    push.status = 201;

    // Unsubscribing this browser: no subscription left for Bob.
    const off = await call(t.url, "POST", "/api/push/unsubscribe", { token: bobToken, body: { endpoint } });
    expect(off.json.pushSubscriptions).toBe(0);
    await Promise.all([alice.leave(), second.alice.leave()]);
  });

  it("refuses a subscription that is not one, naming the field", async () => {
    const { alice, bobToken } = await table();
    const http = await call(t.url, "POST", "/api/push/subscribe", { token: bobToken, body: { subscription: { endpoint: "http://example.org/push", keys: { p256dh: browserKeys().p256dh, auth: browserKeys().auth } } } });
    expect(http.status).toBe(400);
    expect(http.json.error.message).toBe("push_subscribe: field 'subscription.endpoint' must be an https:// URL");
    const keys = await call(t.url, "POST", "/api/push/subscribe", { token: bobToken, body: { subscription: { endpoint: "https://push.example.org/x", keys: { p256dh: "short", auth: browserKeys().auth } } } });
    expect(keys.json.error.message).toBe("push_subscribe: field 'subscription.keys.p256dh' must be the browser's P-256 public key (base64url)");
    const anonymous = await call(t.url, "POST", "/api/push/subscribe", { body: {} });
    expect(anonymous.status).toBe(401);
    await alice.leave();
  });
});

describe("a server without SMTP_URL", () => {
  it("offers no e-mail, says so clearly, and a game with a person away plays on with nothing sent", async () => {
    const { alice, bobToken } = await table();
    const settings = await call(t.url, "GET", "/api/notify", { token: bobToken });
    expect(settings.json).toEqual({ mailAvailable: false, email: null, emailConfirmed: false, locale: null, pushSubscriptions: 0 });
    const refused = await call(t.url, "POST", "/api/notify/email", { token: bobToken, body: { email: "bob@example.org" } });
    expect(refused.status).toBe(503);
    expect(refused.json.error).toEqual({ code: "mail_unavailable", message: "notify_email: this server sends no e-mail (no SMTP_URL); Web Push still works" });
    // The request is checked first, as on a server with mail: a bad address is named, not hidden behind the 503.
    const bad = await call(t.url, "POST", "/api/notify/email", { token: bobToken, body: { email: "bob" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^notify_email: field 'email'/);
    const sent = { ...notifier().sent };
    const pushes = push?.requests.items.length ?? 0;
    // Bob is away with no opt-in: the game goes on, nothing is sent, nothing fails.
    await alice.must("pass");
    await alice.waitFor(() => alice.state.turn === "south", "bob's turn");
    await alice.must("private_message", { to: "south", text: "Your move." });
    await notifier().idle();
    expect(notifier().sent).toEqual(sent);
    expect(push?.requests.items.length ?? 0).toBe(pushes);
    await alice.leave();
  });
});
