// `npm start`: the game server on PORT (default 2567), SQLite under ./data and in-memory presence,
// or PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) shared with other processes.
import { startGameServer } from "./app.ts";
import { configFromEnv } from "./config.ts";
import { log } from "./log.ts";

let config;
try {
  config = configFromEnv();
} catch (e) {
  process.stderr.write(`accord server: ${(e as Error).message}\n`);
  process.exit(2);
}

const server = await startGameServer(config).catch((e: unknown) => {
  process.stderr.write(`accord server: could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

// A dependency's outage (Redis, the database) can reject a promise nobody awaits inside a library:
// log it rather than let it take down every table of this process.
process.on("unhandledRejection", (reason: unknown) => log.error("unhandled rejection", { error: reason }));

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info(`${signal}: shutting down; unfinished matches continue when their players rejoin`);
    // A shutdown that hangs (a database or Redis that stopped answering) must not keep the process.
    setTimeout(() => {
      log.error("shutdown took too long; exiting", { graceMs: config.shutdownGraceMs });
      process.exit(1);
    }, config.shutdownGraceMs).unref();
    server.shutdown().then(
      () => {
        log.info("shut down");
        process.exit(0);
      },
      (e: unknown) => {
        log.error("shutdown failed", { error: e });
        process.exit(1);
      },
    );
  });
}
