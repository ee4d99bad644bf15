// The teacher's materials and the one-box code lookup over HTTP (server/http/materials.ts,
// codes.ts): the objectives are public, the notes and private briefs only for the table's
// facilitator token (never a seat's, never none), and a code says whether it opens a table.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { objectivesOf } from "../../server/http/materials.ts";
import type { Welcome } from "../../shared/protocol/index.ts";
import { TableState } from "../../shared/state/table.ts";
import { copyFixtures, startTestServer, type TestServer } from "./harness.ts";

const NOTES = `# Notes

Intro.

## Learning objectives

1. Trade across issues.
2. Know your walk-away.

## What actually happened

A secret ending.
`;

let srv: TestServer;

beforeAll(async () => {
  const scenariosDir = copyFixtures();
  writeFileSync(join(scenariosDir, "bilateral-test", "facilitator.md"), NOTES);
  srv = await startTestServer({ scenariosDir });
});

afterAll(async () => {
  await srv?.close();
});

describe("objectivesOf", () => {
  it("takes the body of the objectives section only, without its heading", () => {
    expect(objectivesOf(NOTES)).toBe("1. Trade across issues.\n2. Know your walk-away.");
    expect(objectivesOf("# Nothing here\n")).toBe("");
  });
});

describe("GET /api/materials and /api/codes", () => {
  it("gives anyone the objectives, and only the table's facilitator the notes and private briefs", async () => {
    const open = (await (await fetch(`${srv.url}/api/materials/scenario/bilateral-test`)).json()) as Record<string, unknown>;
    expect(open).toMatchObject({ id: "bilateral-test", access: "public" });
    expect(open.objectives).toContain("Know your walk-away");
    expect(JSON.stringify(open)).not.toContain("A secret ending");
    expect((await fetch(`${srv.url}/api/materials/scenario/no-such-scenario`)).status).toBe(404);

    const sdk = new Client(srv.url);
    const first = (await (await fetch(`${srv.url}/api/scenarios/bilateral-test`)).json()) as { delegations: { id: string }[] };
    const room = await sdk.create("negotiation", { scenario: "bilateral-test", delegation: first.delegations[0]!.id, name: "Sam" }, TableState);
    const welcome = await new Promise<Welcome>((resolve) => room.onMessage("welcome", resolve));
    try {
      const url = `${srv.url}/api/materials/table/${room.roomId}`;
      expect((await fetch(url)).status).toBe(403);
      expect((await fetch(url, { headers: { authorization: `Bearer ${welcome.seatToken}` } })).status).toBe(403);
      const res = await fetch(url, { headers: { authorization: `Bearer ${welcome.facilitatorToken}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, no-cache");
      const full = (await res.json()) as { notes: string; delegations: { privateBrief: string; reservationValue: number }[] };
      expect(full.notes).toContain("A secret ending");
      expect(full.delegations.length).toBe(first.delegations.length);
      for (const d of full.delegations) expect(d.privateBrief.length).toBeGreaterThan(0);

      // The code: a table's, with its hyphen; a wrong one is 404.
      const found = (await (await fetch(`${srv.url}/api/codes/${welcome.joinCode!.toLowerCase()}`)).json()) as Record<string, unknown>;
      expect(found).toEqual({ kind: "table", matchId: room.roomId, code: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/) });
      const wrong = await fetch(`${srv.url}/api/codes/ZZZZ-ZZZZ`);
      expect(wrong.status).toBe(404);
      expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("bad_code");
    } finally {
      await room.leave();
    }
  });
});
