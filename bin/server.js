#!/usr/bin/env node
// `npm start`: the game server lives in server/, run through tsx's loader (no build step).
import { register } from "tsx/esm/api";

register();
await import("../server/main.ts");
