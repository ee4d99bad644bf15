#!/usr/bin/env node
// Runs a TypeScript entry point through tsx's loader, so the project needs no build step for its tools.
import { register } from "tsx/esm/api";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error("usage: run-ts.js FILE.ts [args…]");
  process.exit(2);
}
register();
process.argv = [process.argv[0], resolve(entry), ...rest];
await import(pathToFileURL(resolve(entry)).href);
