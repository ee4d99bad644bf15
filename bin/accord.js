#!/usr/bin/env node
// The `accord` command: the CLI lives in server/cli, run through tsx's loader (no build step).
import { register } from "tsx/esm/api";

register();
// `accord … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
}
const { main } = await import("../server/cli/main.ts");
process.exitCode = await main(process.argv);
