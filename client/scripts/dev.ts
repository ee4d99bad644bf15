// `npm run dev`: the game server (restarted on change, as before) and Vite's dev server for the
// client (hot reload) side by side. Open http://localhost:5173; the client talks to the game
// server on port 2567 (client/net/server.ts). Ctrl-C stops both.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

const children: ChildProcess[] = [
  spawn(bin("tsx"), ["watch", "--clear-screen=false", "server/main.ts"], { cwd: root, stdio: "inherit" }),
  spawn(bin("vite"), [], { cwd: root, stdio: "inherit" }),
];

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exitCode = code;
}
for (const child of children) child.on("exit", (code) => stop(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(0));
