// Helpers for the tournament tests: the HTTP API as an organiser, an entrant or a spectator uses it,
// and waiting for a tournament's state by polling the API (with a timeout that only guards against
// a hang: the tournament moves on its own, there is no event to subscribe to over HTTP).
import type { CreateTournamentInput, TournamentCreated, TournamentSummary } from "../../shared/tournaments/api.ts";

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export async function call<T = unknown>(url: string, method: string, path: string, options: { token?: string; body?: unknown; raw?: string } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.raw !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get("content-type") ?? "").startsWith("application/json")) body = JSON.parse(text);
  return { status: res.status, body: body as T };
}

export async function createTournament(url: string, body: CreateTournamentInput): Promise<TournamentCreated> {
  const created = await call<TournamentCreated>(url, "POST", "/api/tournaments", { body });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

export async function getTournament(url: string, id: string): Promise<TournamentSummary> {
  const got = await call<TournamentSummary>(url, "GET", `/api/tournaments/${id}`);
  if (got.status !== 200) throw new Error(`get: ${got.status} ${JSON.stringify(got.body)}`);
  return got.body;
}

/** Poll the tournament until `check` holds; the timeout only guards against a hang. */
export async function waitForTournament(
  url: string,
  id: string,
  check: (t: TournamentSummary) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<TournamentSummary> {
  const deadline = Date.now() + timeoutMs;
  let last: TournamentSummary | null = null;
  while (Date.now() < deadline) {
    try {
      last = await getTournament(url, id);
      if (check(last)) return last;
    } catch {
      // the server may be restarting
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; last seen: status ${last?.status}, round ${last?.currentRound}`);
}
