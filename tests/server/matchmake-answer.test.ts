// Matchmaking over HTTP (`POST /matchmake/<method>/<room>`) is answered by server/http/serve.ts
// from Colyseus's matchmaking call directly, without the Web Response its endpoint builds: every
// answer must be the one Colyseus's own endpoint (`postMatchmakeMethod`) gives for the same request,
// status, JSON and headers, refusals included. The endpoint is called here in the same process, on
// the same matchmaker, beside each HTTP request.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { postMatchmakeMethod } from "@colyseus/core/router/default_routes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness.ts";

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function post(url: string, path: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

/** Colyseus's endpoint's answer to the same request, as its router would send it. */
async function colyseusAnswer(method: string, roomName: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; contentType: string | null; body: string }> {
  const h = new Headers({ "content-type": "application/json", ...headers });
  const response = (await postMatchmakeMethod({ params: { method, roomName }, body, headers: h, request: { headers: h } as Request, asResponse: true })) as Response;
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.text() };
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t?.close());

describe("a matchmaking answer", () => {
  const refused: [string, string, unknown][] = [
    ["join", "negotiation", { scenario: "bilateral-test" }],
    ["joinOrCreate", "negotiation", {}],
    ["create", "nosuchroom", {}],
    ["create", "negotiation", { scenario: "no-such-scenario" }],
    ["create", "negotiation", { scenario: "bilateral-test", secondsPerTurnn: 5 }],
    ["joinById", "abcdefghijkl", {}],
    ["reconnect", "abcdefghijkl", { reconnectionToken: "x:y" }],
  ];

  it.each(refused)("refusing %s %s is Colyseus's endpoint's, status and JSON", async (method, room, body) => {
    const origin = { origin: "https://class.example" };
    const ours = await post(t.url, `/matchmake/${method}/${room}`, body, origin);
    const theirs = await colyseusAnswer(method, room, body, origin);
    expect(theirs.status).toBeGreaterThanOrEqual(400);
    expect(ours.status).toBe(theirs.status);
    expect(ours.body).toBe(theirs.body);
    expect(ours.headers["content-type"]).toBe(theirs.contentType);
    expect(JSON.parse(ours.body)).toMatchObject({ code: theirs.status, error: expect.any(String) });
    // The CORS headers Colyseus's handler adds: the asking origin, and its defaults.
    expect(ours.headers["access-control-allow-origin"]).toBe("https://class.example");
    expect(ours.headers["access-control-allow-credentials"]).toBe("true");
  });

  it("creating and joining answer a seat reservation of the same shape as Colyseus's endpoint", async () => {
    const options = { scenario: "bilateral-test" };
    const ours = await post(t.url, "/matchmake/create/negotiation", options, {});
    const theirs = await colyseusAnswer("create", "negotiation", options, {});
    expect(ours.status).toBe(200);
    expect(theirs.status).toBe(200);
    expect(ours.headers["content-type"]).toBe(theirs.contentType);
    expect(ours.headers["content-length"]).toBe(String(Buffer.byteLength(ours.body)));
    expect(ours.headers["access-control-allow-origin"]).toBe("*");
    const seat = JSON.parse(ours.body) as Record<string, unknown>;
    const their = JSON.parse(theirs.body) as Record<string, unknown>;
    expect(Object.keys(seat).sort()).toEqual(Object.keys(their).sort());
    expect(seat).toMatchObject({ name: "negotiation", roomId: expect.any(String), sessionId: expect.any(String) });

    // A join by id of the table just created reserves a seat there too: same shape again.
    const joined = await post(t.url, `/matchmake/joinById/${String(seat.roomId)}`, { role: "observer" }, {});
    const joinedTheirs = await colyseusAnswer("joinById", String(seat.roomId), { role: "observer" }, {});
    expect(joined.status).toBe(200);
    expect(joinedTheirs.status).toBe(200);
    const a = JSON.parse(joined.body) as Record<string, unknown>;
    const b = JSON.parse(joinedTheirs.body) as Record<string, unknown>;
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a.roomId).toBe(seat.roomId);
  });
});
