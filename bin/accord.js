#!/usr/bin/env node
// The `accord` command: the CLI lives in server/cli, run through tsx's loader (no build step).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../server/cli/main.ts");
process.exitCode = await main(process.argv);
