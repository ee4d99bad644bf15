// Log hygiene: what any client can provoke (garbage and oversized frames, unknown methods, bodies
// over the limit, malformed HTTP) is logged at warn, as JSON, without a stack, and at most a few
// lines a minute whatever the flood; error stays for the server's own faults; nothing from a
// library reaches stdout outside the JSON log. The server runs as `npm start` runs it, in a child
// process, so every byte it writes is seen.
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SCENARIOS, Player, startServerProcess, tempDir, type ServerProcess } from "../server/harness.ts";

let server: ServerProcess;
const dataDir = tempDir("log");

beforeAll(async () => {
  server = await startServerProcess({
    env: { DATA_DIR: dataDir, SCENARIOS_DIR: FIXTURE_SCENARIOS, BOT_DELAY_MS: "0", LOG_LEVEL: "info", MAX_BODY_BYTES: "2048", MAX_PAYLOAD_BYTES: "4096" },
  });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let got = "";
    socket.on("data", (c) => (got += c.toString()));
    socket.on("close", () => resolve(got));
    socket.on("error", () => resolve(got));
  });
}

function http(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest(`${url}${path}`, { method, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

interface Line {
  level?: string;
  msg?: string;
  provokedBy?: string;
  [key: string]: unknown;
}

/** The server's output as lines; a line that is not JSON is returned as text. */
function lines(): (Line | string)[] {
  return server
    .output()
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      try {
        return JSON.parse(l) as Line;
      } catch {
        return l;
      }
    });
}

describe("what a client provokes", () => {
  it("is logged at warn without a stack, rate-limited, and never at error", async () => {
    const before = lines().length;
    const north = await Player.create(server.url, { scenario: "bilateral-test", delegation: "north" }, "north");
    await north.waitFor(() => north.welcome, "the welcome");

    // 100 unknown methods, bodies over the limit and malformed requests over HTTP.
    for (let i = 0; i < 100; i++) {
      await http(server.url, "TRACE", "/");
      await http(server.url, "POST", "/matchmake/create/negotiation", { "content-type": "application/json", "content-length": "999999" });
      await raw(server.port, "TRACK / HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    expect(await raw(server.port, "NONSENSE\r\n\r\n")).toMatch(/^HTTP\/1\.1 4\d\d/);

    // Garbage and oversized frames on game sockets, each on a connection of its own.
    for (let i = 0; i < 30; i++) {
      const observer = await Player.join(server.url, north.matchId, { role: "observer", code: north.welcome!.joinCode! }, `garbage ${i}`);
      const ws = (observer.room.connection as unknown as { transport: { ws: { send(data: Uint8Array | string): void } } }).transport.ws;
      ws.send(i % 2 === 0 ? Uint8Array.from([13, 255, 254, 1, 2, 3, 99, 0, 7]) : new Uint8Array(8192).fill(65));
      ws.send("not even binary");
      await observer.leave();
    }
    // The table is still there for its player.
    await north.must("statement", { text: "still here" });

    const provoked = lines().slice(before);
    const text = provoked.filter((l): l is string => typeof l === "string");
    expect(text, "lines outside the JSON log").toEqual([]);
    const json = provoked as Line[];
    const errors = json.filter((l) => l.level === "error");
    expect(errors, JSON.stringify(errors.slice(0, 3))).toEqual([]);
    const warnings = json.filter((l) => l.level === "warn");
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(JSON.stringify(w)).not.toMatch(/\n\s+at |"stack"/);
    // 300 bad HTTP requests and 90 bad frames: a few lines per kind, not one per request.
    const byMessage = new Map<string, number>();
    for (const w of warnings) byMessage.set(w.msg ?? "", (byMessage.get(w.msg ?? "") ?? 0) + 1);
    for (const [message, count] of byMessage) expect(count, message).toBeLessThanOrEqual(20);
    expect(warnings.length).toBeLessThan(120);
    await north.leave();
  });
});
