// PROTOCOL.md §2 and §8.1, read by an outside client: a server started with a host key creates
// tables only with it (the `hostKey` option here; `Authorization: Bearer` on the matchmaking
// request does the same); joining with a code stays open. One server per process, hence a file of
// its own; the client side is the SDK alone.
import { afterAll, beforeAll, expect, it } from "vitest";
import { Client, type Room } from "@colyseus/sdk";
import { TableState } from "../../shared/state/table.ts";
import { startTestServer, type TestServer } from "../server/harness.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ hostKey: "teachers-only" });
});
afterAll(async () => {
  await t?.close();
});

async function refusal(p: Promise<Room>): Promise<{ code: number; message: string }> {
  try {
    await (await p).leave();
  } catch (err) {
    const e = err as { code: number; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error("the create was accepted; a refusal was expected");
}

it("creates only with the host key; a code still seats anyone", async () => {
  const none = await refusal(new Client(t.url).create("negotiation", { scenario: "bilateral-test" }, TableState));
  expect(none.code).toBe(403);
  expect(none.message).toMatch(/^host_key_required: /);
  const wrong = await refusal(new Client(t.url).create("negotiation", { scenario: "bilateral-test", hostKey: "guess" }, TableState));
  expect(wrong.code).toBe(403);
  expect(wrong.message).toMatch(/^host_key_required: /);

  const room = await new Client(t.url).create("negotiation", { scenario: "bilateral-test", hostKey: "teachers-only" }, TableState);
  const welcome = await new Promise<{ matchId: string; joinCode: string }>((resolve) => room.onMessage("welcome", resolve));
  for (const type of ["seat", "seat_update", "reveal", "notice"]) room.onMessage(type, () => {});
  const guest = await new Client(t.url).joinById(welcome.matchId, { role: "delegation", delegation: "south", code: welcome.joinCode }, TableState);
  const seated = await new Promise<{ role: { delegation: string | null } }>((resolve) => guest.onMessage("welcome", resolve));
  for (const type of ["seat", "seat_update", "reveal", "notice"]) guest.onMessage(type, () => {});
  expect(seated.role.delegation).toBe("south");
  await guest.leave();
  await room.leave();
});
