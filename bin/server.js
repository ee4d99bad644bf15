#!/usr/bin/env node
// `npm start`: the game server from its bundle, dist/server/main.js, built by esbuild from server/ +
// shared/ when a source is newer (bin/build-server.js), with source maps on so stack traces name the
// .ts files. Loading one file takes a fraction of what transpiling every module through tsx's
// loader did, which is most of a restart's time (issue 16). Where the bundle cannot be built (no
// esbuild, a read-only folder), the server runs from its sources through tsx's loader as before.
import { ensureServerBuilt } from "./build-server.js";

let entry = null;
try {
  entry = await ensureServerBuilt();
} catch (e) {
  process.stderr.write(`accord server: no bundle (${e instanceof Error ? e.message : String(e)}); running the sources through tsx\n`);
}
if (entry) {
  process.setSourceMapsEnabled(true);
  const { pathToFileURL } = await import("node:url");
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../server/main.ts");
}
