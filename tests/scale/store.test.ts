// The match store's persistence, run case for case on SQLite (a temp file) and on PostgreSQL (a
// throwaway cluster started here): the same Kysely code and migrations must behave the same.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULTS, type ServerConfig } from "../../server/config.ts";
import type { NewMatchRow } from "../../server/db/schema.ts";
import { MatchStore } from "../../server/db/store.ts";
import type { GameAction } from "../../shared/rules/types.ts";
import { tempDir } from "../server/harness.ts";
import { type PostgresServer, skipUnlessServices, startPostgres } from "./services.ts";

const skip = skipUnlessServices();
let postgres: PostgresServer | null = null;
const dirs: string[] = [];
let databases = 0;

beforeAll(async () => {
  if (!skip) postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Kind = "sqlite" | "postgres";

/** A config for a fresh, empty database of this kind. */
async function freshConfig(kind: Kind): Promise<ServerConfig> {
  const dataDir = tempDir("store");
  dirs.push(dataDir);
  const databaseUrl = kind === "postgres" ? await postgres!.createDatabase(`store_${++databases}`) : "";
  return { ...DEFAULTS, dataDir, databaseUrl, logLevel: "error" };
}

function matchRow(id: string, overrides: Partial<NewMatchRow> = {}): NewMatchRow {
  return {
    id,
    scenario_id: "bilateral-test",
    scenario_json: JSON.stringify({ id: "bilateral-test", title: "Test — «quotes» and 'apostrophes'" }),
    seed: 2 ** 31 - 1,
    options_json: "{}",
    join_code: `CODE${id.toUpperCase()}`.slice(0, 8),
    facilitator_token_hash: `hash-${id}`,
    listed: 1,
    status: "open",
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, Number(id.replace(/\D/g, "") || 0))).toISOString(),
    started_at: null,
    ended_at: null,
    outcome_json: null,
    ...overrides,
  };
}

function action(n: number, by = "north"): GameAction {
  return { type: "statement", by, version: n - 1, actionId: `p:${by}:${n}`, text: `Statement ${n} — «ü»` } as unknown as GameAction;
}

describe.skipIf(skip).each(["sqlite", "postgres"] as const)("match store on %s", (kind) => {
  it("keeps a match, its seats and its log as written, numbers as numbers", async () => {
    const store = await MatchStore.open(await freshConfig(kind));
    try {
      expect(store.kind).toBe(kind);
      await store.ping();
      await store.insertMatch(matchRow("m1"));
      await store.insertSeat({ id: "s1", match_id: "m1", delegation: "north", kind: "person", token_hash: "t1", strategy: null, name: "Nora", active: 1, created_at: "2026-01-01T00:00:01.000Z" });
      await store.insertSeat({ id: "s2", match_id: "m1", delegation: "south", kind: "bot", token_hash: null, strategy: "boulware", name: "Bot", active: 1, created_at: "2026-01-01T00:00:02.000Z" });
      await store.updateSeat("s2", { active: 0 });
      await Promise.all([1, 2, 3].map((n) => store.appendEvent("m1", n, action(n))));
      await store.updateMatch("m1", { status: "running", started_at: "2026-01-01T00:01:00.000Z" });

      const loaded = (await store.loadMatch("m1"))!;
      expect(loaded.match).toMatchObject({ id: "m1", seed: 2 ** 31 - 1, listed: 1, status: "running", started_at: "2026-01-01T00:01:00.000Z" });
      expect(JSON.parse(loaded.match.scenario_json).title).toBe("Test — «quotes» and 'apostrophes'");
      expect(loaded.seats.map((s) => [s.id, s.kind, Number(s.active)])).toEqual([["s1", "person", 1], ["s2", "bot", 0]]);
      expect(loaded.actions.map((a) => a.seq)).toEqual([1, 2, 3]);
      expect(loaded.actions[2]!.action).toEqual(action(3));
      expect(await store.loadMatch("nope")).toBeNull();
    } finally {
      await store.close();
    }
  });

  it("writes appends from many tables in one go, in order, and refuses a batch with a duplicate whole", async () => {
    const store = await MatchStore.open(await freshConfig(kind));
    try {
      const ids = Array.from({ length: 12 }, (_, i) => `g${i}`);
      for (const id of ids) await store.insertMatch(matchRow(id, { join_code: `J${id}`.padEnd(8, "X") }));
      // 12 tables × 60 actions in one turn of the event loop: over the 500-row single statement.
      await Promise.all(ids.flatMap((id) => Array.from({ length: 60 }, (_, n) => store.appendEvent(id, n + 1, action(n + 1)))));
      for (const id of ids) expect((await store.loadMatch(id))!.actions.map((a) => a.seq)).toEqual(Array.from({ length: 60 }, (_, n) => n + 1));

      // seq 60 again for g0 beside a new seq for g1: the batch fails as one, nothing of it is kept.
      const results = await Promise.allSettled([store.appendEvent("g0", 60, action(60, "south")), store.appendEvent("g1", 61, action(61))]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
      expect((await store.loadMatch("g1"))!.actions).toHaveLength(60);
      expect((await store.loadMatch("g0"))!.actions[59]!.action).toEqual(action(60));
    } finally {
      await store.close();
    }
  });

  it("finds tables by join code, lists the listed unfinished ones, and gives up pending ones", async () => {
    const store = await MatchStore.open(await freshConfig(kind));
    try {
      await store.insertMatch(matchRow("a1", { join_code: "AAAA1111", status: "open" }));
      await store.insertMatch(matchRow("a2", { join_code: "AAAA2222", status: "running" }));
      await store.insertMatch(matchRow("a3", { join_code: "AAAA3333", status: "ended" }));
      await store.insertMatch(matchRow("a4", { join_code: "AAAA4444", status: "running", listed: 0 }));
      await store.insertMatch(matchRow("a5", { join_code: "AAAA5555", status: "pending" }));
      expect(await store.matchIdForJoinCode("AAAA2222")).toEqual({ id: "a2", status: "running" });
      expect(await store.matchIdForJoinCode("ZZZZ9999")).toBeNull();
      expect(await store.joinCodeTaken("AAAA3333")).toBe(true);
      await expect(store.insertMatch(matchRow("a6", { join_code: "AAAA1111" }))).rejects.toThrow();
      expect((await store.listedMatches()).map((m) => m.id)).toEqual(["a2", "a1"]);
      expect(await store.unfinishedMatchIds()).toEqual(["a1", "a2", "a4"]);
      store.owner = "alive";
      await store.insertMatch(matchRow("a7", { join_code: "AAAA7777", status: "pending" }));
      store.owner = "gone";
      await store.insertMatch(matchRow("a8", { join_code: "AAAA8888", status: "pending" }));
      // Pending tables of a process still running are its own business; the others are given up.
      await store.abandonPending(["alive"]);
      expect((await store.loadMatch("a5"))!.match.status).toBe("abandoned");
      expect((await store.loadMatch("a7"))!.match.status).toBe("pending");
      expect((await store.loadMatch("a8"))!.match.status).toBe("abandoned");
      await store.abandonPending();
      expect((await store.loadMatch("a7"))!.match.status).toBe("abandoned");
    } finally {
      await store.close();
    }
  });

  it("lets exactly one of two processes take over a match whose owner is gone", async () => {
    const config = await freshConfig(kind);
    const [first, second] = [await MatchStore.open(config), await MatchStore.open(config)];
    try {
      first.owner = "process-a";
      await first.insertMatch(matchRow("o1"));
      expect(await first.ownerOf("o1")).toEqual({ owner: "process-a", status: "open" });
      // Both saw process-a gone and race to take the match over.
      const me = await MatchStore.open(config);
      try {
        second.owner = "process-b";
        me.owner = "process-c";
        const won = await Promise.all([second.claimMatch("o1", "process-a"), me.claimMatch("o1", "process-a")]);
        expect(won.filter(Boolean)).toHaveLength(1);
        const winner = won[0] ? "process-b" : "process-c";
        expect((await first.ownerOf("o1"))!.owner).toBe(winner);
        // A stale view of the owner no longer takes it.
        expect(await first.claimMatch("o1", "process-a")).toBe(false);
        // A clean shutdown releases the winner's matches; then anyone may take them.
        await (won[0] ? second : me).releaseOwned();
        expect((await first.ownerOf("o1"))!.owner).toBeNull();
        expect(await first.claimMatch("o1", null)).toBe(true);
        expect((await first.ownerOf("o1"))!.owner).toBe("process-a");
      } finally {
        await me.close();
      }
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it("runs its migrations once: a second open of the same database finds it ready", async () => {
    const config = await freshConfig(kind);
    const first = await MatchStore.open(config);
    await first.insertMatch(matchRow("r1"));
    await first.close();
    const again = await MatchStore.open(config);
    try {
      expect((await again.loadMatch("r1"))!.match.id).toBe("r1");
    } finally {
      await again.close();
    }
  });
});
