// The scale-out settings from the environment: a wrong value is refused at start with one message
// naming the variable, before anything listens.
import { rmSync } from "node:fs";
import { describe, expect, it, onTestFinished } from "vitest";
import { configFromEnv } from "../../server/config.ts";
import { FIXTURE_SCENARIOS, freePort, startServerProcess, tempDir } from "../server/harness.ts";

describe("scale-out configuration", () => {
  it("is off by default: one process, SQLite, in-memory presence", () => {
    const c = configFromEnv({});
    expect(c).toMatchObject({ redisUrl: "", databaseUrl: "", publicAddress: "", shutdownGraceMs: 10_000 });
  });

  it("takes Redis and PostgreSQL URLs and a public address with or without a path prefix", () => {
    const c = configFromEnv({
      REDIS_URL: "redis://:secret@redis:6379/0",
      DATABASE_URL: "postgres://accord:pw@postgres:5432/accord",
      PUBLIC_ADDRESS: "play.example.org/game1/",
      SHUTDOWN_GRACE_MS: "5000",
    });
    expect(c).toMatchObject({ redisUrl: "redis://:secret@redis:6379/0", publicAddress: "play.example.org/game1", shutdownGraceMs: 5000 });
    expect(configFromEnv({ PUBLIC_ADDRESS: "10.0.0.5:2568" }).publicAddress).toBe("10.0.0.5:2568");
    expect(configFromEnv({ REDIS_URL: "rediss://cache.example.org:6380" }).redisUrl).toBe("rediss://cache.example.org:6380");
  });

  it("refuses a wrong value, naming the variable", () => {
    expect(() => configFromEnv({ REDIS_URL: "localhost:6379" })).toThrow(/^REDIS_URL: must start with redis:\/\/ or rediss:\/\//);
    expect(() => configFromEnv({ REDIS_URL: "not a url" })).toThrow(/^REDIS_URL: not a URL/);
    expect(() => configFromEnv({ PUBLIC_ADDRESS: "wss://play.example.org" })).toThrow(/^PUBLIC_ADDRESS: give host\[:port\]\[\/prefix\] without a scheme/);
    expect(() => configFromEnv({ PUBLIC_ADDRESS: "play example org" })).toThrow(/^PUBLIC_ADDRESS: not a host/);
    expect(() => configFromEnv({ SHUTDOWN_GRACE_MS: "soon" })).toThrow(/^SHUTDOWN_GRACE_MS: must be a number/);
  });

  it("does not start when Redis or PostgreSQL cannot be reached, and says which", async () => {
    const nobody = await freePort();
    const dataDir = tempDir("unreachable");
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const base = { SCENARIOS_DIR: FIXTURE_SCENARIOS, DATA_DIR: dataDir, LOG_LEVEL: "error" };
    await expect(startServerProcess({ env: { ...base, REDIS_URL: `redis://127.0.0.1:${nobody}` } })).rejects.toThrow(
      new RegExp(`accord server: could not start: REDIS_URL: cannot reach Redis at redis://127\\.0\\.0\\.1:${nobody}`),
    );
    await expect(startServerProcess({ env: { ...base, DATABASE_URL: `postgres://accord@127.0.0.1:${nobody}/accord` } })).rejects.toThrow(
      new RegExp(`accord server: could not start: DATABASE_URL: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${nobody}/accord \\(.*ECONNREFUSED`),
    );
  }, 60_000);
});
