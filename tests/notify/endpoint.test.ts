// Which push endpoints a server on a public address posts to (server/notify/endpoint.ts): IP
// literals and localhost judged as written; names resolved (a resolver the test controls, since
// names like localtest.me cannot be looked up offline) and refused when ANY address is inside;
// non-https refused. Then the sender itself: a guarded sender never contacts a refused endpoint, and
// its connection is made only to addresses checked at connection time (a name that answers public
// for the check and loopback for the connection is still refused).
import type { LookupAddress } from "node:dns";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEndpoint, privateAddress, privateHost, type Resolver } from "../../server/notify/endpoint.ts";
import { webPushSender } from "../../server/notify/push.ts";
import { browserKeys, startPushEndpoint, type PushEndpoint } from "./helpers.ts";

describe("a push endpoint's host as written", () => {
  it("is private for loopback, private, link-local, shared, unique-local, multicast, unspecified addresses and localhost", () => {
    for (const h of ["localhost", "a.localhost", "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "[::1]", "::1", "::", "fd12::1", "fc00::1", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "0:0:0:0:0:ffff:a9fe:a9fe", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1"]) {
      expect(privateHost(h), h).toBe(true);
    }
  });

  it("is public for push services' names and public addresses (names are judged by what they resolve to)", () => {
    for (const h of ["fcm.googleapis.com", "updates.push.services.mozilla.com", "web.push.apple.com", "8.8.8.8", "172.15.0.1", "172.32.0.1", "192.169.0.1", "2606:4700::1111", "::ffff:8.8.8.8"]) {
      expect(privateHost(h), h).toBe(false);
    }
  });

  it("judges an address that is not one as private", () => {
    expect(privateAddress("not-an-address")).toBe(true);
  });
});

/** A resolver answering from a table (what the test says each name resolves to). */
function resolverOf(table: Record<string, string[]>, calls: string[] = []): Resolver {
  return async (hostname) => {
    calls.push(hostname);
    const answers = table[hostname];
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return answers.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

describe("checkEndpoint (a server beyond loopback, before each send)", () => {
  const resolve = resolverOf({
    "push.example.org": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
    "localtest.me": ["127.0.0.1"],
    "metadata.example.org": ["169.254.169.254"],
    "mixed.example.org": ["93.184.216.34", "10.0.0.5"],
    "v6-loop.example.org": ["::1"],
    "v6-mapped.example.org": ["::ffff:192.168.0.1"],
    "v6-ula.example.org": ["fd00::1"],
    "v6-link.example.org": ["fe80::1"],
    "v6-multicast.example.org": ["ff05::2"],
    "unspecified.example.org": ["0.0.0.0"],
    "nothing.example.org": [],
  });

  it("takes a name whose every address is public", async () => {
    const ok = await checkEndpoint("https://push.example.org/send/abc", resolve);
    expect(ok).toEqual({ addresses: [{ address: "93.184.216.34", family: 4 }, { address: "2606:2800:220:1:248:1893:25c8:1946", family: 6 }] });
    expect(await checkEndpoint("https://8.8.8.8/x", resolve)).toEqual({ addresses: [{ address: "8.8.8.8", family: 4 }] });
  });

  it("refuses a name when any of its addresses is inside, naming the address", async () => {
    const cases: [string, string][] = [
      ["localtest.me", "127.0.0.1"],
      ["metadata.example.org", "169.254.169.254"],
      ["mixed.example.org", "10.0.0.5"],
      ["v6-loop.example.org", "::1"],
      ["v6-mapped.example.org", "::ffff:192.168.0.1"],
      ["v6-ula.example.org", "fd00::1"],
      ["v6-link.example.org", "fe80::1"],
      ["v6-multicast.example.org", "ff05::2"],
      ["unspecified.example.org", "0.0.0.0"],
    ];
    for (const [host, address] of cases) {
      expect(await checkEndpoint(`https://${host}/x`, resolve), host).toEqual({ refused: `the push endpoint's host ${host} resolves to ${address}, this machine or a private network` });
    }
  });

  it("refuses http, private literals, names that do not resolve or have no address", async () => {
    expect(await checkEndpoint("http://push.example.org/x", resolve)).toEqual({ refused: "the push endpoint is not https" });
    expect(await checkEndpoint("https://[::1]:8443/x", resolve)).toEqual({ refused: "the push endpoint's host ::1 is this machine or a private network" });
    expect(await checkEndpoint("https://localhost/x", resolve)).toEqual({ refused: "the push endpoint's host localhost is this machine or a private network" });
    expect(await checkEndpoint("https://unknown.example.org/x", resolve)).toEqual({ refused: "the push endpoint's host unknown.example.org did not resolve (getaddrinfo ENOTFOUND unknown.example.org)" });
    expect(await checkEndpoint("https://nothing.example.org/x", resolve)).toEqual({ refused: "the push endpoint's host nothing.example.org has no address" });
  });
});

describe("a guarded push sender", () => {
  let push: PushEndpoint | null = null;
  let missing = "";

  beforeAll(async () => {
    const endpoint = await startPushEndpoint();
    if ("missing" in endpoint) missing = endpoint.missing;
    else push = endpoint;
  });

  afterAll(async () => {
    await push?.close();
  });

  const vapid = webpush.generateVAPIDKeys();
  const target = (host: string) => {
    const port = new URL(push!.origin).port;
    return { endpoint: `https://${host}:${port}/push/abc`, keys: { p256dh: browserKeys().p256dh, auth: browserKeys().auth } };
  };

  it("does not contact an endpoint whose name resolves inside, and says it is refused (unguarded, the same endpoint is reached)", async (ctx) => {
    if (!push) return skipOrFail(ctx, missing);
    // The control: without the guard (a server on loopback) the test push endpoint is reached.
    const open = webPushSender(vapid, "mailto:a@example.org");
    const reached = push.requests.items.length;
    expect(await open.send(target("127.0.0.1"), "{}")).toEqual({ ok: true });
    expect(push.requests.items.length).toBe(reached + 1);

    const calls: string[] = [];
    const sender = webPushSender(vapid, "mailto:a@example.org", { resolve: resolverOf({ "localtest.me": ["127.0.0.1"] }, calls) });
    const result = await sender.send(target("localtest.me"), "{}");
    expect(result).toEqual({ ok: false, gone: true, refused: true, message: "the push endpoint's host localtest.me resolves to 127.0.0.1, this machine or a private network" });
    expect(calls).toEqual(["localtest.me"]);
    expect(push.requests.items.length).toBe(reached + 1);
  });

  it("checks again at connection time: a name public for the check and loopback for the connection never reaches it", async (ctx) => {
    if (!push) return skipOrFail(ctx, missing);
    // The first answer is public (the check passes), every later one is loopback (DNS rebinding).
    let asked = 0;
    const rebinding: Resolver = async () => [{ address: asked++ === 0 ? "93.184.216.34" : "127.0.0.1", family: 4 }];
    const sender = webPushSender(vapid, "mailto:a@example.org", { resolve: rebinding });
    const before = push.requests.items.length;
    const result = await sender.send(target("rebind.example.org"), "{}");
    expect(asked).toBe(2);
    expect(result).toMatchObject({ ok: false, gone: false });
    expect((result as { message: string }).message).toContain("rebind.example.org resolves to 127.0.0.1, this machine or a private network: refused");
    expect(push.requests.items.length).toBe(before);
  });
});

/** Without openssl the push endpoint cannot be made: skip saying so, except under CI, where it is a failure. */
function skipOrFail(ctx: { skip: (note?: string) => void }, why: string): void {
  if (process.env.CI === "true") throw new Error(why);
  ctx.skip(why);
}
