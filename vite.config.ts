// The web client's build: Vite serves `client/` in development and builds it into `client/dist`,
// which the game server serves at `/` (server/http/static.ts).
import { defineConfig } from "vite";

const SERVER = process.env.ACCORD_SERVER ?? "http://127.0.0.1:2567";

export default defineConfig(({ command }) => ({
  root: "client",
  // The Vite dev server is not the game server: the client then talks to the game server's port.
  define: { __ACCORD_VITE_DEV__: JSON.stringify(command === "serve") },
  // Relative asset URLs: the built client works wherever the server mounts it.
  base: "./",
  publicDir: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Phaser is one large chunk by nature; it is loaded only when the table needs a canvas.
    chunkSizeWarningLimit: 1600,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    port: 5173,
    // The HTTP API through Vite; the SDK talks to the game server directly (client/net/server.ts).
    proxy: { "/api": SERVER, "/healthz": SERVER },
  },
}));
