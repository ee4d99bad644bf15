// Where the game server is: the page's own origin when the server serves the client (npm start);
// the game server's port next to Vite's in development (npm run dev:client), or VITE_ACCORD_SERVER.
declare const __ACCORD_VITE_DEV__: boolean;

export function serverOrigin(): string {
  const env = (import.meta as ImportMeta & { env?: { VITE_ACCORD_SERVER?: string } }).env;
  if (env?.VITE_ACCORD_SERVER) return env.VITE_ACCORD_SERVER.replace(/\/$/, "");
  if (typeof __ACCORD_VITE_DEV__ !== "undefined" && __ACCORD_VITE_DEV__) return `${location.protocol}//${location.hostname}:2567`;
  return location.origin;
}
