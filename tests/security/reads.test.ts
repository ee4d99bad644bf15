// Cheap public reads (issue 12): match records and transcripts built once per table version and
// kept (single flight, byte-bounded cache), built off the main thread by the export thread, served
// with a strong ETag (304 to If-None-Match), and a per-address read budget (429 with Retry-After).
// Real server on loopback, real SDK clients; long ended tables are written through the store's own
// API (a scripted game, replayed by the server like any other). Nothing here is timed.
import { get as httpGet } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ByteLru } from "../../server/http/exports.ts";
import { Player, startTestServer, type TestServer } from "../server/harness.ts";
import { builds, seedEndedTable } from "./seed.ts";

let t: TestServer;

beforeAll(async () => {
  // A budget no test here reaches but the 429 test's own server.
  t = await startTestServer({ readLimit: { burst: 100_000, perSecond: 100_000 } });
});

afterAll(async () => {
  await t?.close();
});

describe("exports of ended tables", () => {
  it("32 concurrent exports of different long tables are all answered while a live table keeps answering and playing", async () => {
    const tables = await Promise.all(Array.from({ length: 32 }, (_, i) => seedEndedTable(t, `T${i}`, 1000)));
    const north = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", seats: { south: { kind: "bot", strategy: "hardliner" } } }, "north");
    await north.waitFor(() => north.state.phase === "running", "the start");
    const before = await builds(t);

    const formats = ["md", "json", "csv"] as const;
    const burst = Promise.all(
      tables.map(async (id, i) => {
        const res = await fetch(`${t.url}/api/matches/${id}/transcript.${formats[i % 3]}`);
        return { status: res.status, text: await res.text() };
      }),
    );
    // Meanwhile the live table plays on and its record answers.
    const versions: number[] = [];
    for (let i = 0; i < 10; i++) {
      const reply = await north.must("statement", { text: `live ${i}` });
      versions.push(reply.version);
      const record = await fetch(`${t.url}/api/matches/${north.matchId}`);
      expect(record.status).toBe(200);
      const text = await record.text();
      const body = JSON.parse(text) as { record: string; view: { version: number } };
      expect(body.record).toBe("public");
      expect(body.view.version).toBeGreaterThanOrEqual(reply.version);
      expect(text).toContain(`live ${i}`);
    }
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(10);

    const answers = await burst;
    answers.forEach((a, i) => {
      expect(a.status).toBe(200);
      expect(a.text).toContain(`T${i} says 999`);
      expect(a.text).not.toContain(`T${(i + 1) % 32} says`);
    });
    const after = await builds(t);
    // Every one of the 32 was built once, by the export thread (none on the main thread).
    expect(after.thread - before.thread).toBe(32);
    expect(after.main).toBe(before.main);
    await north.leave();
  }, 120_000);

  it("builds an export once for 32 concurrent requests, then serves it from the cache", async () => {
    const id = await seedEndedTable(t, "Once", 800);
    const before = await builds(t);
    const answers = await Promise.all(Array.from({ length: 32 }, () => fetch(`${t.url}/api/matches/${id}/transcript.md`).then(async (r) => ({ etag: r.headers.get("etag"), text: await r.text() }))));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(new Set(answers.map((a) => a.etag)).size).toBe(1);
    expect(answers[0]!.text).toContain("Once says 799");
    let after = await builds(t);
    expect(after.thread - before.thread).toBe(1);
    for (let i = 0; i < 3; i++) expect((await fetch(`${t.url}/api/matches/${id}/transcript.md`)).status).toBe(200);
    after = await builds(t);
    expect(after.thread - before.thread).toBe(1);
    // Another format is another export.
    expect((await fetch(`${t.url}/api/matches/${id}/transcript.csv`)).status).toBe(200);
    expect((await builds(t)).thread - before.thread).toBe(2);
  });

  it("answers If-None-Match with 304 on transcripts and records, and 200 with the body for another tag", async () => {
    const id = await seedEndedTable(t, "Tag", 50);
    for (const path of [`/api/matches/${id}/transcript.json`, `/api/matches/${id}/transcript.md`, `/api/matches/${id}`]) {
      const first = await fetch(`${t.url}${path}`);
      expect(first.status).toBe(200);
      const etag = first.headers.get("etag")!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
      const body = await first.text();
      const again = await fetch(`${t.url}${path}`, { headers: { "if-none-match": etag } });
      expect(again.status, path).toBe(304);
      expect(again.headers.get("etag")).toBe(etag);
      expect(await again.text()).toBe("");
      const other = await fetch(`${t.url}${path}`, { headers: { "if-none-match": '"somethingelse"' } });
      expect(other.status).toBe(200);
      expect(await other.text()).toBe(body);
    }
    const record = (await (await fetch(`${t.url}/api/matches/${id}`)).json()) as { record: string; reveal: { outcome: { reason: string } } };
    expect(record).toMatchObject({ record: "full", reveal: { outcome: { reason: "ended_by_facilitator" } } });
  });
});

describe("compression", () => {
  it("sends a large export gzipped to a client that accepts it (a tag of its own), the same bytes once unpacked, and as it is to one that does not", async () => {
    const id = await seedEndedTable(t, "Gzip", 200);
    const path = `/api/matches/${id}/transcript.md`;
    const raw = (headers: Record<string, string>) =>
      new Promise<{ status: number; headers: import("node:http").IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const req = httpGet(`${t.url}${path}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on("error", reject);
      });
    const plain = await raw({ "accept-encoding": "identity" });
    const packed = await raw({ "accept-encoding": "gzip, deflate, br" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(packed.headers["content-encoding"]).toBe("gzip");
    expect(packed.headers.vary).toContain("Accept-Encoding");
    expect(packed.body.length).toBeLessThan(plain.body.length / 3);
    expect(gunzipSync(packed.body).equals(plain.body)).toBe(true);
    expect(packed.headers.etag).not.toBe(plain.headers.etag);
    expect((await raw({ "accept-encoding": "gzip", "if-none-match": packed.headers.etag! })).status).toBe(304);
  });
});

describe("the export cache", () => {
  it("is bounded by bytes: the least recently used goes first, and an export over a quarter of it is not kept", () => {
    const cache = new ByteLru(1000);
    const entry = (n: number) => ({ body: Buffer.alloc(n), etag: `"${n}"` });
    cache.set("a", entry(200));
    cache.set("b", entry(200));
    cache.set("c", entry(200));
    cache.set("d", entry(200));
    expect(cache.get("a")).toBeDefined(); // a is now the most recently used
    cache.set("e", entry(250)); // 1,050 bytes: b, the least recently used, goes
    expect(cache.get("b")).toBeUndefined();
    expect(["a", "c", "d", "e"].every((k) => cache.get(k))).toBe(true);
    expect(cache.size).toEqual({ entries: 4, bytes: 850 });
    cache.set("big", entry(251));
    expect(cache.get("big")).toBeUndefined();
    expect(cache.size.bytes).toBe(850);
  });
});

describe("running tables", () => {
  it("serve their record from memory, once per version, and their transcript once per version", async () => {
    const north = await Player.create(t.url, { scenario: "bilateral-test", delegation: "north", seats: { south: { kind: "bot", strategy: "hardliner" } } }, "north");
    await north.waitFor(() => north.state.phase === "running", "the start");
    await north.must("statement", { text: "first words" });
    const before = await builds(t);
    const a = await fetch(`${t.url}/api/matches/${north.matchId}`);
    const b = await fetch(`${t.url}/api/matches/${north.matchId}`, { headers: { "if-none-match": a.headers.get("etag")! } });
    expect(b.status).toBe(304);
    let after = await builds(t);
    expect(after.memory - before.memory).toBe(1);
    expect(after.thread - before.thread).toBe(0);

    const t1 = await (await fetch(`${t.url}/api/matches/${north.matchId}/transcript.json`)).json();
    expect(t1).toMatchObject({ record: "public" });
    await fetch(`${t.url}/api/matches/${north.matchId}/transcript.json`);
    after = await builds(t);
    expect(after.thread - before.thread).toBe(1);

    // A new version: a new record and a new transcript, showing it.
    await north.must("statement", { text: "second words" });
    const c = await fetch(`${t.url}/api/matches/${north.matchId}`, { headers: { "if-none-match": a.headers.get("etag")! } });
    expect(c.status).toBe(200);
    expect(await c.text()).toContain("second words");
    const t2 = await (await fetch(`${t.url}/api/matches/${north.matchId}/transcript.json`)).text();
    expect(t2).toContain("second words");
    after = await builds(t);
    expect(after.memory - before.memory).toBe(2);
    expect(after.thread - before.thread).toBe(2);
    await north.leave();
  });
});

describe("the read budget", () => {
  it("refuses reads beyond the budget with 429 and Retry-After, and never /healthz, /metrics or the scenarios", async () => {
    // The same server with a small budget (a changed limit starts every address afresh).
    const small = t;
    const config = t.server.config;
    const saved = config.readLimit;
    config.readLimit = { burst: 3, perSecond: 0.25 };
    try {
      const id = await seedEndedTable(small, "Budget", 5);
      for (let i = 0; i < 3; i++) expect((await fetch(`${small.url}/api/matches/${id}/transcript.md`)).status).toBe(200);
      for (const path of [`/api/matches/${id}/transcript.md`, `/api/matches/${id}`, "/api/matches", "/api/join/ABCDEFGH", "/api/classes/join/ABCDEFGH", "/api/tournaments"]) {
        const refused = await fetch(`${small.url}${path}`);
        expect(refused.status, path).toBe(429);
        const retry = refused.headers.get("retry-after");
        expect(retry, path).toMatch(/^\d+$/);
        expect(Number(retry)).toBeGreaterThanOrEqual(1);
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
      }
      for (const path of ["/healthz", "/metrics", "/api/scenarios"]) expect((await fetch(`${small.url}${path}`)).status, path).toBe(200);
    } finally {
      config.readLimit = saved;
    }
  });
});
