// `accord data prune`: apply the retention policy (server/db/retention.ts) to the server's
// database once — the same store, the same rules as the server's timer. The database is found as
// the server finds it (DATA_DIR / DATABASE_URL, or --data-dir / --database-url), the policy comes
// from RETAIN_UNPLAYED_MINUTES / RETAIN_DAYS, overridden by --unplayed-minutes / --days. Safe while
// the server runs: SQLite in WAL mode with a busy timeout, every DELETE re-checks its rule.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { configFromEnv, type ServerConfig } from "../config.ts";
import { setLogLevel } from "../log.ts";
import { describePrune, type RetentionPolicy } from "../db/retention.ts";
import { shortestUnplayedMinutes } from "../db/pruner.ts";
import { MatchStore } from "../db/store.ts";
import type { Io } from "./io.ts";

export interface DataPruneOptions {
  dryRun?: boolean;
  days?: string;
  unplayedMinutes?: string;
  dataDir?: string;
  databaseUrl?: string;
  json?: boolean;
  now?: string;
}

const NUMBER = /^[0-9]+(\.[0-9]+)?$/;

export async function dataPruneCommand(opts: DataPruneOptions, io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const fail = (message: string, code = 2): number => {
    io.err(`accord data prune: ${message}`);
    return code;
  };
  let config: ServerConfig;
  try {
    config = configFromEnv(env);
  } catch (e) {
    return fail((e as Error).message);
  }
  const policy: RetentionPolicy = { unplayedMinutes: config.retention.unplayedMinutes, days: config.retention.days };
  for (const [flag, value, key] of [
    ["--days", opts.days, "days"],
    ["--unplayed-minutes", opts.unplayedMinutes, "unplayedMinutes"],
  ] as const) {
    if (value === undefined) continue;
    if (!NUMBER.test(value.trim())) return fail(`${flag} must be a number ≥ 0 (0 keeps those rows), not '${value}'`);
    policy[key] = Number(value);
  }
  let now = Date.now();
  if (opts.now !== undefined) {
    now = Date.parse(opts.now);
    if (!/^\d{4}-\d{2}-\d{2}/.test(opts.now) || !Number.isFinite(now)) return fail(`--now must be a date and time like 2026-01-31T12:00:00Z, not '${opts.now}'`);
  }
  if (policy.unplayedMinutes > 0 && policy.unplayedMinutes < shortestUnplayedMinutes(config)) {
    return fail(
      `${opts.unplayedMinutes !== undefined ? "--unplayed-minutes" : "RETAIN_UNPLAYED_MINUTES"} must be 0 or at least ${shortestUnplayedMinutes(config)} (UNJOINED_SECONDS plus a minute): a younger table may still be waiting for its creator`,
    );
  }
  if (opts.dataDir !== undefined) config = { ...config, dataDir: resolve(opts.dataDir), databaseUrl: "" };
  if (opts.databaseUrl !== undefined) config = { ...config, databaseUrl: opts.databaseUrl };
  if (!config.databaseUrl) {
    const file = join(config.dataDir, "accord.sqlite");
    if (!existsSync(file)) return fail(`no database at ${file} (set DATA_DIR or --data-dir to the server's data folder)`, 1);
  }
  setLogLevel("silent");

  let store: MatchStore;
  try {
    store = await MatchStore.open({ ...config, logLevel: "silent" });
  } catch (e) {
    return fail((e as Error).message, 1);
  }
  try {
    const result = await store.prune(policy, now, { dryRun: Boolean(opts.dryRun) });
    if (opts.json) {
      io.out(JSON.stringify({ ...result, policy, now: new Date(now).toISOString(), database: store.kind }));
    } else {
      io.out(
        `policy: unplayed tables after ${policy.unplayedMinutes > 0 ? `${policy.unplayedMinutes} minute(s)` : "never"}; played tables, closed classes and finished tournaments after ${
          policy.days > 0 ? `${policy.days} day(s)` : "never"
        } (${store.kind}${store.file ? ` ${store.file}` : ""})`,
      );
      io.out(describePrune(result));
      if (result.dryRun) io.out("dry run: nothing was deleted");
    }
    return 0;
  } catch (e) {
    return fail((e as Error).message, 1);
  } finally {
    // The prune's answer is already given; a failed close is said, and does not change the exit code.
    await store.close().catch((e: Error) => io.err(`accord data prune: closing the database failed: ${e.message}`));
  }
}

