// The HTTP side of `npm start`: the built client served from client/dist when it exists (and a
// JSON note when it does not), files outside it never served, and errors always JSON.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixtures, startTestServer, tempDir, type TestServer } from "./harness.ts";

let built: TestServer;
let clientDir: string;
let scenariosDir: string;
/** Bigger than a socket's 16 kB high-water mark: a response this size must still end. */
const LONG_SUMMARY = "A long summary of the negotiation. ".repeat(2000).trim();

beforeAll(async () => {
  scenariosDir = copyFixtures();
  const file = join(scenariosDir, "bilateral-test", "scenario.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace(/^summary: .*$/m, `summary: ${LONG_SUMMARY}`));
  clientDir = tempDir("client");
  writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>Cyber Accord</title>");
  mkdirSync(join(clientDir, "assets"));
  writeFileSync(join(clientDir, "assets", "main.js"), "console.log('table');");
  built = await startTestServer({ clientDir, scenariosDir });
});

afterAll(async () => {
  await built?.close();
  rmSync(scenariosDir, { recursive: true, force: true });
  rmSync(clientDir, { recursive: true, force: true });
});

describe("large responses", () => {
  it("end properly (a 70 kB scenario, twice on one connection)", async () => {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${built.url}/api/scenarios/bilateral-test`);
      expect(res.headers.get("content-length")).toBe(String((await res.clone().arrayBuffer()).byteLength));
      expect(((await res.json()) as { summary: string }).summary).toBe(LONG_SUMMARY);
    }
    const list = (await (await fetch(`${built.url}/api/scenarios`)).json()) as { scenarios: { summary: string }[] };
    expect(list.scenarios[0]!.summary).toBe(LONG_SUMMARY);
  });
});

describe("serving the web client", () => {
  it("serves client/dist at / when it is built", async () => {
    const index = await fetch(`${built.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await index.text()).toContain("<title>Cyber Accord</title>");
    const asset = await fetch(`${built.url}/assets/main.js`);
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await asset.text()).toContain("table");
  });

  it("never serves a file outside the folder", async () => {
    for (const path of ["/../package.json", "/%2e%2e/package.json", "/assets/..%2f..%2fpackage.json", "/..%5c..%5cpackage.json"]) {
      const res = await fetch(`${built.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
    const missing = await fetch(`${built.url}/assets/nope.js`);
    expect(missing.status).toBe(404);
  });

  it("says so in JSON when the client is not built", async () => {
    // The folder is looked at on every request: point it somewhere empty.
    const config = built.server.config;
    config.clientDir = join(clientDir, "missing");
    try {
      const res = await fetch(`${built.url}/`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ client: expect.stringContaining("not built") });
      const other = await fetch(`${built.url}/index.html`);
      expect(other.status).toBe(404);
      expect(await other.json()).toEqual({ error: { code: "not_found", message: "no such resource: /index.html" } });
    } finally {
      config.clientDir = clientDir;
    }
  });

  it("answers unknown API routes and methods with JSON errors", async () => {
    const get = await fetch(`${built.url}/api/nothing`);
    expect(get.status).toBe(404);
    expect((await get.json()).error.code).toBe("not_found");
    const post = await fetch(`${built.url}/api/scenarios`, { method: "POST", body: "{}" });
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect((await post.json()).error.code).toMatch(/not_found|method_not_allowed/);
    expect((await (await fetch(`${built.url}/healthz`)).json()).ok).toBe(true);
  });

  it("lets a page on another origin ask before it sends a token or a JSON body (CORS preflight), on every API path", async () => {
    for (const path of ["/api/people", "/api/people/me", "/api/scenarios", "/api/tournaments", "/api/notify/email", "/api/classes/join/K7QXM2PA"]) {
      const preflight = await fetch(`${built.url}${path}`, {
        method: "OPTIONS",
        headers: { origin: "https://lms.example.edu", "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
      });
      expect(preflight.status, path).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin"), path).toBe("*");
      expect(preflight.headers.get("access-control-allow-methods"), path).toContain("POST");
      expect(preflight.headers.get("access-control-allow-headers"), path).toBe("authorization, content-type");
    }
    // A method a route does not answer says which it does, in Allow as in the message.
    const wrong = await fetch(`${built.url}/api/people`, { method: "GET" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST, OPTIONS");
    expect((await wrong.json()).error.message).toBe("GET /api/people: this resource only answers POST");
  });
});
