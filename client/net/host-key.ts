// The host key: a server on a public address may ask for it before it creates tables, classes or
// tournaments (HOST_KEY; docs/PROTOCOL.md §2). The teacher types it once; this browser keeps it and
// sends it with every creation (as the `hostKey` option, or as a bearer token to the HTTP API).
// Joining with a code never needs it.
const KEY = "cyber-accord.host-key.v1";

export function hostKey(): string | null {
  try {
    return window.localStorage.getItem(KEY) || null;
  } catch {
    // Storage blocked: no key kept, so the page asks for it when the server wants one.
    return null;
  }
}

export function setHostKey(key: string | null): void {
  try {
    if (key) window.localStorage.setItem(KEY, key);
    else window.localStorage.removeItem(KEY);
  } catch {
    // Private mode: the key lasts for this page only.
  }
}

/** Whether an error is the server asking for its host key (or refusing the one given). */
export function needsHostKey(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "host_key_required" || /host_key_required/.test(String((e as Error | null)?.message ?? ""));
}

/** Creation options with the kept host key, when there is one. */
export function withHostKey<T extends object>(options: T): T {
  const key = hostKey();
  return key ? ({ ...options, hostKey: key } as T) : options;
}
