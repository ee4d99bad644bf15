// `npm start`: the game server on PORT (default 2567), SQLite under ./data, in-memory presence.
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

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info(`${signal}: shutting down; unfinished matches resume on the next start`);
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error("shutdown failed", { error: e });
        process.exit(1);
      },
    );
  });
}
