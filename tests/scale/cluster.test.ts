// Several game processes behind one Redis and one PostgreSQL, as docker-compose runs them, here as
// child processes (`node bin/server.js`) on loopback, with real SDK clients. Each process
// advertises its own address (PUBLIC_ADDRESS), so a client that asks one process is sent to the
// process that runs its table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { Player, requestId, type ServerProcess } from "../server/harness.ts";
import { autoplay } from "../server/play.ts";
import { type Cluster, skipUnlessServices, startCluster } from "./services.ts";

const skip = skipUnlessServices();
let cluster: Cluster;

beforeAll(async () => {
  if (skip) return;
  cluster = await startCluster("cluster");
}, 60_000);

afterAll(() => cluster?.stop());

/** One game process sharing the Redis and the database. */
const startProcess = () => cluster.start();

async function health(p: ServerProcess): Promise<{ status: number; body: Record<string, unknown> & { matches: number; processId: string } }> {
  const res = await fetch(`${p.url}/healthz`);
  return { status: res.status, body: (await res.json()) as never };
}

/** The port the player's WebSocket is connected to: the process that runs its table. */
function socketPort(p: Player): number {
  const ws = (p.room.connection.transport as unknown as { ws: { url: string } }).ws;
  return Number(new URL(ws.url).port);
}

/** The event log of a match as PostgreSQL holds it. */
async function storedLog(matchId: string): Promise<{ seq: number; actionId: string }[]> {
  const client = new pg.Client({ connectionString: cluster.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ seq: number; action_json: string }>("select seq, action_json from events where match_id = $1 order by seq", [matchId]);
    return rows.map((r) => ({ seq: Number(r.seq), actionId: (JSON.parse(r.action_json) as { actionId: string }).actionId }));
  } finally {
    await client.end();
  }
}

const DEAL = { notification: "h72", funding: "split", scope: "critical" };
const acceptOrPropose = (me: string) => (s: { offer?: { proposer: string } }): [string, Record<string, unknown>?] =>
  s.offer && s.offer.proposer !== me ? ["accept"] : ["propose", { package: DEAL }];

interface Table {
  north: Player;
  south: Player;
  northToken: string;
  southToken: string;
  /** Ids of the actions the server acknowledged. */
  acknowledged: string[];
}

/**
 * A table created by asking `via`; its second player asks `joinVia` (each a process's URL). Both
 * sit down and the game starts.
 */
async function openTable(via: string, joinVia: string): Promise<Table> {
  const north = await Player.create(via, { scenario: "bilateral-test", delegation: "north", name: "Nora" }, "north");
  const nw = await north.waitFor(() => north.welcome, "north's welcome");
  const south = await Player.join(joinVia, north.matchId, { role: "delegation", delegation: "south", code: nw.joinCode!, name: "Sam" }, "south");
  const sw = await south.waitFor(() => south.welcome, "south's welcome");
  await north.waitFor(() => north.state.phase === "running", "the start");
  return { north, south, northToken: nw.seatToken!, southToken: sw.seatToken!, acknowledged: [] };
}

/** A few acknowledged moves: a statement, then an offer from whoever's turn it is. */
async function playSome(t: Table): Promise<void> {
  const mover = t.north.state.turn === "north" ? t.north : t.south;
  for (const [type, payload] of [
    ["statement", { text: "Opening remarks." }],
    ["propose", { package: { notification: "h72", funding: "split", scope: "all" } }],
  ] as const) {
    const id = requestId();
    const reply = await mover.request(type, { requestId: id, version: mover.state.version, ...payload });
    if (!("ok" in reply)) throw new Error(`${type} refused: ${reply.code}: ${reply.message}`);
    t.acknowledged.push(`p:${mover.welcome!.personId}:${id}`);
    await mover.waitFor(() => mover.state.version >= reply.version, "the patch");
  }
}

describe.skipIf(skip)("several processes behind Redis and PostgreSQL", () => {
  let a: ServerProcess;
  let b: ServerProcess;

  it("a client asking one process is seated at a table on another, and both play it to the end", async () => {
    [a, b] = await Promise.all([startProcess(), startProcess()]);
    for (const p of [a, b]) {
      const { status, body } = await health(p);
      expect(status).toBe(200);
      expect(body).toMatchObject({ ok: true, presence: "redis", database: "postgres", publicAddress: `127.0.0.1:${p.port}` });
    }
    expect((await health(a)).body.processId).not.toBe((await health(b)).body.processId);

    // The creator asks A; the table lands on the least busy process. The second player asks the
    // other one, and is sent to the table's process by its public address.
    const north = await Player.create(a.url, { scenario: "bilateral-test", delegation: "north", name: "Nora" }, "north");
    const nw = await north.waitFor(() => north.welcome, "north's welcome");
    const host = socketPort(north) === a.port ? a : b;
    const other = host === a ? b : a;
    expect((await health(host)).body.matches).toBe(1);
    expect((await health(other)).body.matches).toBe(0);
    // A listed table on one process shows in the listing of every process.
    const listed = await Player.create(host.url, { scenario: "bilateral-test", delegation: "south", name: "Lee", listed: true }, "listed");
    await listed.waitFor(() => listed.welcome, "the listed table's welcome");
    for (const p of [a, b]) {
      const { matches } = (await (await fetch(`${p.url}/api/matches`)).json()) as { matches: { id: string; delegations: { id: string; connected: number }[] }[] };
      expect(matches.map((m) => m.id)).toEqual([listed.matchId]);
      expect(matches[0]!.delegations.find((d) => d.id === "south")?.connected).toBe(1);
    }
    await listed.leave();

    // Found by join code through the other process (from the database), joined through it.
    const found = (await (await fetch(`${other.url}/api/join/${nw.joinCode}`)).json()) as { matchId: string };
    expect(found.matchId).toBe(north.matchId);
    const south = await Player.join(other.url, found.matchId, { role: "delegation", delegation: "south", code: nw.joinCode!, name: "Sam" }, "south");
    await south.waitFor(() => south.welcome, "south's welcome");
    expect(socketPort(south)).toBe(host.port);
    await north.waitFor(() => north.state.phase === "running", "the start");

    await Promise.all([autoplay(north, "north", acceptOrPropose("north")), autoplay(south, "south", acceptOrPropose("south"))]);
    expect(north.state.phase).toBe("ended");
    expect(north.state.outcome?.agreement).toBe(true);
    await south.waitFor(() => south.reveal, "the reveal");
    // The record is the same whichever process is asked.
    const [fromHost, fromOther] = await Promise.all(
      [host, other].map(async (p) => (await (await fetch(`${p.url}/api/matches/${north.matchId}`)).json()) as { status: string; record: string }),
    );
    expect(fromOther).toEqual(fromHost);
    expect(fromOther).toMatchObject({ status: "ended", record: "full" });
    expect((await storedLog(north.matchId)).map((r) => r.seq)).toEqual(Array.from({ length: north.state.version }, (_, i) => i + 1));
    await Promise.all([north.leave(), south.leave()]);

    // Logs are JSON lines, each with the process's id, and the table's lines with its match id.
    const lines = host.output().trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.every((l) => typeof l.time === "string" && typeof l.level === "string" && typeof l.msg === "string")).toBe(true);
    const created = lines.find((l) => l.msg === "match created" && l.matchId === north.matchId);
    expect(created).toMatchObject({ level: "info", processId: (await health(host)).body.processId });
  }, 60_000);

  it("SIGKILL of one process: tables elsewhere carry on, and its players rejoin elsewhere where they were", async () => {
    // One table on each process (new tables go to the least busy process).
    const tables: Table[] = [];
    for (let i = 0; i < 6 && new Set(tables.map((t) => socketPort(t.north))).size < 2; i++) {
      const t = await openTable(i % 2 ? b.url : a.url, i % 2 ? a.url : b.url);
      if (tables.some((x) => socketPort(x.north) === socketPort(t.north))) {
        await Promise.all([t.north.leave(), t.south.leave()]);
        // Let the process's table count reach Redis before the next choice.
        await new Promise((r) => setTimeout(r, 1100));
        continue;
      }
      tables.push(t);
    }
    expect(new Set(tables.map((t) => socketPort(t.north)))).toEqual(new Set([a.port, b.port]));
    const onA = tables.find((t) => socketPort(t.north) === a.port)!;
    const onB = tables.find((t) => socketPort(t.north) === b.port)!;
    await Promise.all([playSome(onA), playSome(onB)]);
    const versionAtCrash = onB.north.state.version;
    const offerAtCrash = onB.north.state.offer?.package.get("scope");

    b.child.kill("SIGKILL");
    await b.exited();
    await Promise.all([onB.north.waitFor(() => onB.north.left, "north to lose B"), onB.south.waitFor(() => onB.south.left, "south to lose B")]);

    // The table on A never noticed.
    expect(onA.north.left || onA.south.left).toBe(false);
    const aVersion = onA.north.state.version;
    const aGame = Promise.all([autoplay(onA.north, "north", acceptOrPropose("north")), autoplay(onA.south, "south", acceptOrPropose("south"))]);

    // B's players reload and rejoin with their seat tokens through A, which restores the table.
    const north = await Player.join(a.url, onB.north.matchId, { seatToken: onB.northToken }, "north again");
    await north.waitFor(() => north.welcome && north.seat, "north's welcome on A");
    const south = await Player.join(a.url, onB.north.matchId, { seatToken: onB.southToken }, "south again");
    await south.waitFor(() => south.welcome && south.seat, "south's welcome on A");
    expect(socketPort(north)).toBe(a.port);
    expect(a.output()).toContain(`"matchId":"${onB.north.matchId}","previousOwner"`);
    expect(north.welcome!.personId).toBe(onB.north.welcome!.personId);
    expect(north.state.version).toBe(versionAtCrash);
    expect(north.state.offer?.package.get("scope")).toBe(offerAtCrash);
    expect(north.state.statements.some((s) => s.text === "Opening remarks.")).toBe(true);

    await Promise.all([autoplay(north, "north", acceptOrPropose("north")), autoplay(south, "south", acceptOrPropose("south")), aGame]);
    expect(north.state.phase).toBe("ended");
    expect(onA.north.state.phase).toBe("ended");
    expect(onA.north.state.version).toBeGreaterThan(aVersion);
    // Nothing acknowledged was lost: one row per version, every acknowledged action among them.
    const log = await storedLog(onB.north.matchId);
    expect(log.map((r) => r.seq)).toEqual(Array.from({ length: north.state.version }, (_, i) => i + 1));
    const ids = new Set(log.map((r) => r.actionId));
    expect(onB.acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    await Promise.all([north.leave(), south.leave(), onA.north.leave(), onA.south.leave()]);
  }, 90_000);

  it("Redis stopped: /healthz fails and joins get a clear error; Redis back: service resumes without a restart", async () => {
    b = await startProcess();
    // A table on A, before the outage.
    const before = await Player.create(a.url, { scenario: "bilateral-test", delegation: "north", name: "Nora" }, "north");
    const code = (await before.waitFor(() => before.welcome, "the welcome")).joinCode!;
    const host = socketPort(before) === a.port ? a : b;
    const other = host === a ? b : a;

    // And a game in progress.
    const running = await openTable(a.url, a.url);

    await cluster.redis.stop();
    // The game in progress carries on: its players talk to its process, not to Redis.
    const mover = running.north.state.turn === "north" ? running.north : running.south;
    const during = await mover.must("statement", { text: "Still here while Redis is away." });
    await running.north.waitFor(() => running.north.state.version >= during.version, "the statement made during the outage");
    // Each process notices the lost connection on its own: wait until both say so.
    for (const p of [a, b]) {
      const deadline = Date.now() + 10_000;
      const disconnected = async () => {
        const { status, body } = await health(p);
        return status === 503 && /not connected/.test(String((body.checks as { redis?: { error?: string } }).redis?.error));
      };
      while (!(await disconnected())) {
        if (Date.now() > deadline) throw new Error(`${p.url} stayed healthy without Redis`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const down = await health(a);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ok: false, presence: "redis", checks: { redis: { ok: false } } });
    const refused = await Player.create(other.url, { scenario: "bilateral-test" }).then(
      () => null,
      (e: Error) => e,
    );
    expect(refused?.message).toMatch(/^unavailable: matchmaking cannot reach its shared service \(Redis\)/);

    await cluster.redis.start();
    await Promise.all(
      [a, b].map(async (p) => {
        const deadline = Date.now() + 15_000;
        while ((await health(p)).status !== 200) {
          if (Date.now() > deadline) throw new Error(`${p.url} stayed unhealthy after Redis came back`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }),
    );
    expect(a.output()).toContain('"msg":"Redis connection lost: joins are refused until it is back; tables in progress carry on"');
    // Healthy as soon as the connection is ready; the listing again follows a moment later.
    await a.waitForOutput('"msg":"Redis is reachable: this process and its tables are listed"');
    // The table from before the outage is listed again (Redis forgot it) and joined through the other process.
    const south = await Player.join(other.url, before.matchId, { role: "delegation", delegation: "south", code, name: "Sam" }, "south");
    await south.waitFor(() => south.welcome, "south's welcome");
    expect(socketPort(south)).toBe(host.port);
    await before.waitFor(() => before.state.phase === "running", "the start");
    // And new tables are made again.
    const after = await Player.create(other.url, { scenario: "bilateral-test", delegation: "north" }, "after");
    await after.waitFor(() => after.welcome, "the new table's welcome");
    await Promise.all([before.leave(), south.leave(), after.leave(), running.north.leave(), running.south.leave()]);
  }, 90_000);

  it("SIGTERM: the process tells its players, exits cleanly, and its tables continue on another process", async () => {
    const t = await openTable(a.url, b.url);
    const host = socketPort(t.north) === a.port ? a : b;
    const other = host === a ? b : a;
    await playSome(t);
    const version = Math.max(t.north.state.version, t.south.state.version);
    await t.north.waitFor(() => t.north.state.version === version, "north to see the last move");
    host.child.kill("SIGTERM");
    await t.north.waitFor(() => t.north.notices.some((n) => n.code === "server_shutdown"), "the shutdown notice");
    await host.exited();
    expect(host.child.exitCode).toBe(0);
    expect(host.output()).toContain('"msg":"shut down"');
    const north = await Player.join(other.url, t.north.matchId, { seatToken: t.northToken }, "north again");
    await north.waitFor(() => north.welcome && north.seat, "north's welcome elsewhere");
    expect(socketPort(north)).toBe(other.port);
    expect(north.state.version).toBe(version);
    await north.leave();
  }, 60_000);

  it("two processes reached at once for an orphaned table: one restores it, both players sit at it", async () => {
    const live = [a, b].filter((p) => p.child.exitCode === null && p.child.signalCode === null);
    while (live.length < 3) live.push(await startProcess());
    const t = await openTable(live[0]!.url, live[1]!.url);
    await playSome(t);
    const host = live.find((p) => p.port === socketPort(t.north))!;
    const [y, z] = live.filter((p) => p !== host);
    host.child.kill("SIGKILL");
    await host.exited();

    const [north, south] = await Promise.all([
      Player.join(y!.url, t.north.matchId, { seatToken: t.northToken }, "north via y"),
      Player.join(z!.url, t.north.matchId, { seatToken: t.southToken }, "south via z"),
    ]);
    await Promise.all([north.waitFor(() => north.welcome && north.seat, "north's welcome"), south.waitFor(() => south.welcome && south.seat, "south's welcome")]);
    expect(socketPort(north)).toBe(socketPort(south));
    const restores = [y!, z!].filter((p) => p.output().includes(`"msg":"match restored on demand"`) && p.output().includes(`"matchId":"${t.north.matchId}","previousOwner"`));
    expect(restores).toHaveLength(1);
    expect(restores[0]!.port).toBe(socketPort(north));
    await Promise.all([autoplay(north, "north", acceptOrPropose("north")), autoplay(south, "south", acceptOrPropose("south"))]);
    expect(south.state.outcome?.agreement).toBe(true);
    await Promise.all([north.leave(), south.leave()]);
  }, 60_000);
});
