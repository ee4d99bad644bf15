// Which push endpoints a server on a public address refuses (server/notify/routes.ts privateHost):
// this machine and private networks, as IP literals or localhost; push services' names pass.
import { describe, expect, it } from "vitest";
import { privateHost } from "../../server/notify/routes.ts";

describe("a push endpoint's host", () => {
  it("is private for loopback, private, link-local, shared and unique-local addresses and localhost", () => {
    for (const h of ["localhost", "a.localhost", "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "[::1]", "::1", "fd12::1", "fe80::1", "::ffff:127.0.0.1"]) {
      expect(privateHost(h), h).toBe(true);
    }
  });

  it("is public for push services and public addresses", () => {
    for (const h of ["fcm.googleapis.com", "updates.push.services.mozilla.com", "web.push.apple.com", "8.8.8.8", "172.15.0.1", "172.32.0.1", "192.169.0.1", "2001:db8::1"]) {
      expect(privateHost(h), h).toBe(false);
    }
  });
});
