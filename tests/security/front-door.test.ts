// The front door, tried as an anonymous visitor with a short script would: bodies over the limit
// (declared and streamed) on every kind of path, methods nobody answers, forwarded headers from a
// client that is not a proxy, creation floods, the host key. Real server on loopback, raw HTTP
// where the SDK would not send what an attacker sends.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULTS } from "../../server/config.ts";
import { Player, startTestServer, type TestServer } from "../server/harness.ts";

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One raw HTTP request; `body` is sent whole, `stream` is written chunk by chunk until the server answers or closes. */
function send(url: string, method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer; stream?: { chunk: Buffer; max: number } } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method, headers: options.headers ?? {} }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (options.stream) {
      let sent = 0;
      const pump = () => {
        while (sent < options.stream!.max && !req.destroyed) {
          sent++;
          if (!req.write(options.stream!.chunk)) return void req.once("drain", pump);
        }
        if (!req.destroyed) req.end();
      };
      // An answer before the body is done ends the upload; the socket may close under us.
      req.on("response", () => (sent = options.stream!.max));
      req.on("error", () => undefined);
      pump();
    } else req.end(options.body);
  });
}

const json = { "content-type": "application/json" };

/** A request written byte for byte on a socket (no client library to tidy its path); the whole answer as text. */
function rawRequest(url: string, text: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(text));
    let got = "";
    socket.on("data", (c) => (got += c.toString()));
    socket.on("end", () => resolve(got));
    socket.on("error", reject);
  });
}

describe("bodies over the limit", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ maxBodyBytes: 4096 });
  });
  afterAll(async () => t?.close());

  const paths: [string, string][] = [
    ["POST", "/matchmake/create/negotiation"],
    ["POST", "/matchmake/joinById/abcdef"],
    ["POST", "/matchmake/create/class"],
    ["POST", "/api/tournaments"],
    ["POST", "/api/matches"],
    ["POST", "/"],
    ["GET", "/api/scenarios"],
  ];

  it("are refused from their declared length (413) before any of the body is sent, on every path", async () => {
    for (const [method, path] of paths) {
      // A declared 2 GB body whose bytes never come: the answer must not wait for them.
      const answer = await send(t.url, method, path, { headers: { ...json, "content-length": String(2 * 1024 ** 3) }, stream: { chunk: Buffer.alloc(0), max: 0 } });
      expect(answer.status, `${method} ${path}`).toBe(413);
      expect(answer.body, `${method} ${path}`).toContain("body_too_large");
      expect(answer.body).toContain("4096 bytes");
    }
  });

  it("are cut off when they stream past the limit without declaring a length", async () => {
    for (const [method, path] of paths) {
      const answer = await send(t.url, method, path, { headers: { ...json, "transfer-encoding": "chunked" }, stream: { chunk: Buffer.alloc(1024, 120), max: 10_000 } });
      expect(answer.status, `${method} ${path}`).toBe(413);
      expect(answer.headers.connection).toBe("close");
    }
  });

  it("a body within the limit still creates a table, and matchmaking refusals keep Colyseus's shape for its SDK", async () => {
    const ok = await send(t.url, "POST", "/matchmake/create/negotiation", { headers: json, body: JSON.stringify({ scenario: "bilateral-test" }) });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toHaveProperty("roomId");
    const sdk = new Client(t.url);
    await expect(sdk.create("negotiation", { scenario: "bilateral-test", name: "x".repeat(5000) })).rejects.toMatchObject({ code: 413, message: expect.stringContaining("body_too_large") });
    // A body that is not a JSON object: one message naming what is wrong, in Colyseus's shape.
    const bad = await send(t.url, "POST", "/matchmake/create/negotiation", { headers: json, body: "{not json" });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ code: 400, error: "bad_options: create: the body is not valid JSON" });
    const list = await send(t.url, "POST", "/matchmake/create/negotiation", { headers: json, body: "[1,2]" });
    expect(JSON.parse(list.body)).toEqual({ code: 400, error: "bad_options: create: the options must be a JSON object" });
    const plain = await send(t.url, "POST", "/matchmake/create/negotiation", { headers: { "content-type": "text/plain" }, body: JSON.stringify({ scenario: "bilateral-test" }) });
    expect(plain.status).toBe(415);
    expect(JSON.parse(plain.body).error).toBe("unsupported_media_type: create: send the options as JSON (Content-Type: application/json)");
  });
});

describe("methods", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t?.close());

  it("every unknown method gets 405 with Allow, on every kind of path", async () => {
    for (const method of ["TRACE", "TRACK", "PUT", "DELETE", "PATCH", "PROPFIND", "MKCOL", "PURGE"]) {
      for (const path of ["/", "/api/scenarios", "/api/matches/abc/transcript.md", "/matchmake/create/negotiation", "/healthz", "/no/such/thing"]) {
        const answer = await send(t.url, method, path);
        expect(answer.status, `${method} ${path}`).toBe(405);
        expect(answer.headers.allow, `${method} ${path}`).toMatch(/GET|POST/);
      }
    }
    // GET on a matchmaking path is not a matchmaking call either.
    expect((await send(t.url, "GET", "/matchmake/create/negotiation")).status).toBe(405);
  });

  it("CONNECT is answered too, not dropped", async () => {
    const { port } = new URL(t.url);
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => socket.write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"));
      let got = "";
      socket.on("data", (c) => (got += c.toString()));
      socket.on("end", () => resolve(got));
      socket.on("error", reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 405/);
    expect(text).toContain("method_not_allowed");
  });

  it("the server is still whole afterwards", async () => {
    expect((await send(t.url, "GET", "/healthz")).status).toBe(200);
  });
});

describe("creation quotas", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ trustProxy: true, quotas: { tables: { burst: 10, perHour: 60 }, classes: { burst: 2, perHour: 2 }, tournaments: { burst: 2, perHour: 2 }, botRounds: { burst: 100, perHour: 100 }, global: { burst: 60, perHour: 600 } } });
  });
  afterAll(async () => t?.close());

  const create = (address: string) =>
    send(t.url, "POST", "/matchmake/create/negotiation", { headers: { ...json, "x-forwarded-for": address }, body: JSON.stringify({ scenario: "bilateral-test" }) });

  it("a flood from one address is refused after its burst with 429 and Retry-After; another address still creates and plays", async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => create("203.0.113.7")));
    const accepted = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 429);
    expect(accepted).toBe(10);
    expect(refused).toHaveLength(30);
    expect(Number(refused[0]!.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused[0]!.body)).toMatchObject({ code: 429, error: expect.stringMatching(/^rate_limited: too many tables created from your address/) });

    // Someone else, at the same time: a real create and join through the SDK.
    const sdk = new Client(t.url);
    sdk.http.options.headers = { "x-forwarded-for": "198.51.100.20" };
    const room = await sdk.create("negotiation", { scenario: "bilateral-test", delegation: "north" });
    expect(room.roomId).toMatch(/^[a-z0-9]+$/);
    await room.leave();
  });

  it("classes and tournaments have quotas of their own, and a class's bot work counts when it creates its tables", async () => {
    const classFrom = (address: string, tables: number) =>
      send(t.url, "POST", "/matchmake/create/class", { headers: { ...json, "x-forwarded-for": address }, body: JSON.stringify({ scenario: "bilateral-test", layout: { kind: "count", tables } }) });
    const classes = await Promise.all([classFrom("192.0.2.1", 1), classFrom("192.0.2.1", 1), classFrom("192.0.2.1", 1)]);
    expect(classes.map((c) => c.status).sort()).toEqual([200, 200, 429]);

    const tournament = (address: string, entrants: number) =>
      send(t.url, "POST", "/api/tournaments", {
        headers: { ...json, "x-forwarded-for": address },
        body: JSON.stringify({ name: "Cup", scenarios: ["bilateral-test"], format: "swiss", rounds: 1, entrants: Array.from({ length: entrants }, () => ({ kind: "bot", strategy: "medium" })) }),
      });
    // 40 bots, one Swiss round: 20 tables × 6 rounds = 120 rounds of bot play, over this address's 100.
    const big = await tournament("192.0.2.2", 40);
    expect(big.status).toBe(429);
    expect(JSON.parse(big.body).error.message).toContain("more than one address may start at once (100)");
    const small = await tournament("192.0.2.3", 4);
    expect(small.status).toBe(201);
    expect((await tournament("192.0.2.3", 4)).status).toBe(201);
    expect((await tournament("192.0.2.3", 4)).status).toBe(429);

    // A class of 20 tables × 6 rounds = 120 rounds: created, but its tables are refused when the preparation would create them.
    const sdk = new Client(t.url);
    sdk.http.options.headers = { "x-forwarded-for": "192.0.2.9" };
    const room = await sdk.create("class", { scenario: "bilateral-test", layout: { kind: "count", tables: 20 }, preparationMinutes: 1 });
    const answer = await room.request("phase" as never, { to: "preparation" } as never).then(
      () => null,
      (e: unknown) => e as { code?: string; message?: string },
    );
    expect(answer).toMatchObject({ reason: { code: "rate_limited", message: expect.stringContaining("120 rounds of bot play") } });
    await room.leave();
  });
});

describe("a forged client address", () => {
  it("a forged X-Forwarded-For does not escape the quota when no proxy is trusted", async () => {
    const u = await startTestServer({ trustProxy: false, quotas: { ...DEFAULTS.quotas, tables: { burst: 5, perHour: 5 } } });
    try {
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => send(u.url, "POST", "/matchmake/create/negotiation", { headers: { ...json, "x-forwarded-for": `10.0.0.${i}` }, body: JSON.stringify({ scenario: "bilateral-test" }) })),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
    } finally {
      await u.close();
    }
  });

});

describe("the host key", () => {
  let t: TestServer;
  beforeAll(async () => {
    // A phrase with spaces, as README suggests: it works as an option and as a bearer header alike.
    t = await startTestServer({ hostKey: "correct horse battery staple" });
  });
  afterAll(async () => t?.close());

  it("creation needs it (header or option); joining with a code does not", async () => {
    const anonymous = new Client(t.url);
    await expect(anonymous.create("negotiation", { scenario: "bilateral-test" })).rejects.toMatchObject({ code: 403, message: expect.stringMatching(/^host_key_required: .*give the host key/) });
    await expect(anonymous.create("negotiation", { scenario: "bilateral-test", hostKey: "guess" })).rejects.toMatchObject({ code: 403, message: expect.stringContaining("not the host key") });
    const tournament = await send(t.url, "POST", "/api/tournaments", { headers: json, body: JSON.stringify({ name: "Cup", scenarios: ["bilateral-test"], entrants: [{ kind: "bot", strategy: "medium" }, { kind: "bot", strategy: "easy" }] }) });
    expect(tournament.status).toBe(403);
    expect(JSON.parse(tournament.body).error.code).toBe("host_key_required");

    // The teacher, with the key as an option (the web client's way) …
    const teacher = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", hostKey: "correct horse battery staple" } as never, "teacher");
    const code = (await teacher.waitFor(() => teacher.welcome, "the welcome")).joinCode!;
    // … and a student, with only the code.
    const student = await Player.join(t.url, teacher.matchId, { role: "delegation", delegation: "south", code }, "student");
    await student.waitFor(() => student.state.phase === "running", "the start");

    // The key as a bearer header works too.
    const organiser = await send(t.url, "POST", "/api/tournaments", {
      headers: { ...json, authorization: "Bearer correct horse battery staple" },
      body: JSON.stringify({ name: "Cup", scenarios: ["bilateral-test"], entrants: [{ kind: "bot", strategy: "medium" }, { kind: "bot", strategy: "easy" }] }),
    });
    expect(organiser.status).toBe(201);
  });

  it("a path Colyseus's router would read as a creation's cannot slip past the key: dot segments, backslashes, empty segments are refused", async () => {
    const before = (JSON.parse((await send(t.url, "GET", "/healthz")).body) as { matches: number }).matches;
    const body = JSON.stringify({ scenario: "bilateral-test" });
    for (const path of ["/matchmake/./create/negotiation", "/x/../matchmake/create/negotiation", "/matchmake/%2e/create/negotiation", "/matchmake/create/./class", "/matchmake\\create\\negotiation", "/matchmake//create/negotiation"]) {
      const answer = await rawRequest(t.url, `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      expect(answer, path).toMatch(/^HTTP\/1\.1 400/);
      expect(answer, path).toContain("the path must be in normal form");
    }
    expect((JSON.parse((await send(t.url, "GET", "/healthz")).body) as { matches: number }).matches).toBe(before);
  });
});

describe("the server's metrics", () => {
  it("answer this machine and private networks, and the public internet only with METRICS_TOKEN", async () => {
    const t = await startTestServer({ trustProxy: true, metricsToken: "prometheus-scrapes-here" });
    try {
      expect((await send(t.url, "GET", "/metrics")).status).toBe(200);
      expect((await send(t.url, "GET", "/metrics", { headers: { "x-forwarded-for": "10.1.2.3" } })).status).toBe(200);
      const outside = await send(t.url, "GET", "/metrics", { headers: { "x-forwarded-for": "8.8.8.8" } });
      expect(outside.status).toBe(403);
      expect(JSON.parse(outside.body).error).toEqual({ code: "forbidden", message: "metrics: answered to this machine and private networks only, or with METRICS_TOKEN as a bearer token" });
      expect((await send(t.url, "GET", "/metrics", { headers: { "x-forwarded-for": "8.8.8.8", authorization: "Bearer a guess" } })).status).toBe(403);
      const scraper = await send(t.url, "GET", "/metrics", { headers: { "x-forwarded-for": "8.8.8.8", authorization: "Bearer prometheus-scrapes-here" } });
      expect(scraper.status).toBe(200);
      expect(scraper.body).toContain("accord_");
    } finally {
      await t.close();
    }
  });
});

describe("forwarded headers", () => {
  const body = JSON.stringify({ name: "Cup", scenarios: ["bilateral-test"], entrants: [{ kind: "person", name: "Ada" }, { kind: "bot", strategy: "medium" }] });

  it("are ignored unless a proxy is trusted: the links the API hands out keep the real host", async () => {
    const t = await startTestServer();
    try {
      const answer = await send(t.url, "POST", "/api/tournaments", { headers: { ...json, "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }, body });
      expect(answer.status).toBe(201);
      const created = JSON.parse(answer.body) as { page: string; entrants: { link?: string }[] };
      expect(created.page).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/tournament\//);
      expect(created.entrants[0]!.link).not.toContain("evil.example");
    } finally {
      await t.close();
    }
  });

  it("are used behind a trusted proxy", async () => {
    const t = await startTestServer({ trustProxy: true });
    try {
      const answer = await send(t.url, "POST", "/api/tournaments", { headers: { ...json, "x-forwarded-host": "accord.example.org", "x-forwarded-proto": "https" }, body });
      expect(JSON.parse(answer.body).page).toMatch(/^https:\/\/accord\.example\.org\/#\/tournament\//);
    } finally {
      await t.close();
    }
  });
});

describe("connections per address", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ maxConnectionsPerAddress: 4 });
  });
  afterAll(async () => t?.close());

  it("beyond the limit, a WebSocket upgrade is refused with 429; closing one makes room again", async () => {
    const north = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north" }, "north");
    const code = (await north.waitFor(() => north.welcome, "the welcome")).joinCode!;
    const watchers: Player[] = [];
    for (let i = 0; i < 3; i++) watchers.push(await Player.join(t.url, north.matchId, { role: "observer", code }, `watcher ${i}`));
    await expect(Player.join(t.url, north.matchId, { role: "observer", code }, "one too many")).rejects.toThrow();
    // The refused upgrade left the others alone.
    await north.must("statement", { text: "still here" });
    await watchers[0]!.leave();
    // The server counts the socket free once its TCP connection has closed, just after the leave.
    let again: Player | null = null;
    for (let attempt = 0; attempt < 50 && again === null; attempt++) {
      again = await Player.join(t.url, north.matchId, { role: "observer", code }, "now there is room").catch(() => null);
    }
    expect(again).not.toBeNull();
    await again!.waitFor(() => again!.welcome, "its welcome");
    await Promise.all([north.leave(), again!.leave(), ...watchers.slice(1).map((w) => w.leave())]);
  });
});
