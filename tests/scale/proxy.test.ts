// The routing of deploy/nginx.conf, played by a small proxy in this test (no nginx here): clients
// know only the proxy's address; HTTP (API, matchmaking) goes to any game server in turn, and each
// server's WebSockets go through its own path prefix, which it advertises as PUBLIC_ADDRESS
// (`<proxy host>/<name>`). Checks that Colyseus's seat reservations and the SDK's socket URLs work
// with a prefix, end to end.
import { createServer, request, type Server } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SCENARIOS, freePort, Player, type ServerProcess, startServerProcess } from "../server/harness.ts";
import { autoplay } from "../server/play.ts";
import { type PostgresServer, type RedisServer, skipUnlessServices, startPostgres, startRedis } from "./services.ts";

const skip = skipUnlessServices();
let redis: RedisServer;
let postgres: PostgresServer;
let proxy: Server;
let proxyPort = 0;
const servers = new Map<string, ServerProcess>();
/** Socket upgrades the proxy routed, by server name. */
const upgrades = new Map<string, number>();
const tunnels = new Set<{ destroy(): void }>();

/** Where a request goes: a `/<name>/…` prefix to that server (prefix removed), anything else in turn. */
let turn = 0;
function route(url: string): { name: string; port: number; path: string } {
  const m = /^\/(game\d+)(\/.*)$/.exec(url);
  if (m && servers.has(m[1]!)) return { name: m[1]!, port: servers.get(m[1]!)!.port, path: m[2]! };
  const names = [...servers.keys()];
  const name = names[turn++ % names.length]!;
  return { name, port: servers.get(name)!.port, path: url };
}

function startProxy(port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const { port: target, path } = route(req.url ?? "/");
    const forward = request({ host: "127.0.0.1", port: target, path, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.writeHead(502).end());
    req.pipe(forward);
  });
  server.on("upgrade", (req, socket, head) => {
    const { name, port: target, path } = route(req.url ?? "/");
    upgrades.set(name, (upgrades.get(name) ?? 0) + 1);
    const upstream = connect(target, "127.0.0.1", () => {
      const lines = [`${req.method} ${path} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(lines.join("\r\n") + "\r\n\r\n");
      if (head.length) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    tunnels.add(upstream).add(socket);
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

beforeAll(async () => {
  if (skip) return;
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const databaseUrl = await postgres.createDatabase("proxy");
  proxyPort = await freePort();
  await Promise.all(
    ["game1", "game2"].map(async (name) => {
      const server = await startServerProcess({
        env: {
          REDIS_URL: redis.url,
          DATABASE_URL: databaseUrl,
          PUBLIC_ADDRESS: `127.0.0.1:${proxyPort}/${name}`,
          SCENARIOS_DIR: FIXTURE_SCENARIOS,
          BOT_DELAY_MS: "0",
          LOG_LEVEL: "warn",
        },
      });
      servers.set(name, server);
    }),
  );
  proxy = await startProxy(proxyPort);
}, 60_000);

afterAll(async () => {
  for (const t of tunnels) t.destroy();
  proxy?.closeAllConnections();
  await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
  for (const s of servers.values()) s.child.kill("SIGKILL");
  await Promise.all([...servers.values()].map((s) => s.exited()));
  await redis?.stop();
  await postgres?.stop();
});

describe.skipIf(skip)("behind a proxy routing each server's prefix", () => {
  it("clients that know only the proxy play a table, their sockets routed to its server's prefix", async () => {
    const url = `http://127.0.0.1:${proxyPort}`;
    const health = (await (await fetch(`${url}/healthz`)).json()) as { publicAddress: string };
    expect(health.publicAddress).toMatch(new RegExp(`^127\\.0\\.0\\.1:${proxyPort}/game[12]$`));

    const north = await Player.create(url, { scenario: "bilateral-test", delegation: "north", name: "Nora" }, "north");
    const nw = await north.waitFor(() => north.welcome, "north's welcome");
    const ws = (north.room.connection.transport as unknown as { ws: { url: string } }).ws;
    const prefix = /^\/(game[12])\//.exec(new URL(ws.url).pathname)?.[1];
    expect(prefix).toBeDefined();
    expect(new URL(ws.url).port).toBe(String(proxyPort));

    const south = await Player.join(url, north.matchId, { role: "delegation", delegation: "south", code: nw.joinCode!, name: "Sam" }, "south");
    await south.waitFor(() => south.welcome, "south's welcome");
    expect(upgrades.get(prefix!)).toBe(2);
    await north.waitFor(() => north.state.phase === "running", "the start");
    const accept = (me: string) => (s: { offer?: { proposer: string } }): [string, Record<string, unknown>?] =>
      s.offer && s.offer.proposer !== me ? ["accept"] : ["propose", { package: { notification: "h72", funding: "split", scope: "critical" } }];
    await Promise.all([autoplay(north, "north", accept("north")), autoplay(south, "south", accept("south"))]);
    expect(north.state.outcome?.agreement).toBe(true);
    await Promise.all([north.leave(), south.leave()]);
  }, 60_000);
});
