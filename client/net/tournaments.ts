// The tournament HTTP API (server/tournaments/routes.ts) for the tournament pages: plain fetch, and
// what this browser keeps of tournaments (the organiser token of the ones it created, an entrant's
// code). The standings page polls: they change only when a game ends, the answer is the same for
// every spectator, and plain HTTP needs no connection per watcher.
import type { CreateTournamentInput, EntrantView, StandInAnswer, TournamentCreated, TournamentListing, TournamentSummary } from "../../shared/tournaments/api.ts";
import { ApiError } from "./api.ts";
import { apiRefusalText, noPassText, offlineText } from "./refusals.ts";
import { hostKey } from "./host-key.ts";
import { people } from "./people.ts";
import { serverOrigin } from "./server.ts";
import { personalLink } from "./storage.ts";

async function request<T>(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(`${serverOrigin()}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  } catch {
    throw new ApiError(0, "offline", offlineText());
  }
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? "http_error", apiRefusalText(res.status, body?.error?.code, body?.error?.message));
  return body as T;
}

/** Entries recorded with the personal link since this page loaded (the entrant page polls `…/me`). */
const recorded = new Set<string>();

/** The entrant "code" of an inbox link: the entry is read with the personal link, not a code. */
export const ENTRY_BY_LINK = "link";

const path = (id: string) => `/api/tournaments/${encodeURIComponent(id)}`;

export const tournaments = {
  create: (body: CreateTournamentInput) => request<TournamentCreated>("POST", "/api/tournaments", { body, token: hostKey() ?? undefined }),
  list: () => request<{ tournaments: TournamentListing[] }>("GET", "/api/tournaments").then((r) => r.tournaments),
  get: (id: string) => request<TournamentSummary>("GET", path(id)),
  /**
   * The entrant's table now. `code` is the entrant code, or ENTRY_BY_LINK (`#/tournament/<id>/entrant/link`,
   * the inbox's link on another device): then the personal link this browser holds asks (PROTOCOL §10, §12).
   * With a code, on a browser holding a link, the entry is recorded with the link.
   */
  me: async (id: string, code: string) => {
    const byLink = code === ENTRY_BY_LINK;
    const view = await request<EntrantView>("GET", `${path(id)}/me`, { token: byLink ? (personalLink() ?? "") : code });
    if (!byLink && personalLink() && !recorded.has(`${id}/${code}`)) {
      recorded.add(`${id}/${code}`);
      void people.addEntry(id, code).catch((e: unknown) => console.debug("recording the entry with the personal link failed", e));
    }
    return view;
  },
  act: (id: string, action: "start" | "cancel" | "start-tables", token: string) => request<TournamentSummary>("POST", `${path(id)}/${action}`, { token }),
  /** A bot now for one absent entrant of the current round (their id), or for every one. */
  standIn: (id: string, token: string, entrant?: string) =>
    request<TournamentSummary & StandInAnswer>("POST", `${path(id)}/stand-in`, { token, body: entrant === undefined ? {} : { entrant } }),
  exportUrl: (id: string, file: "standings.csv" | "results.csv" | "results.json") => `${serverOrigin()}${path(id)}/${file}`,
};

const KEY = "cyber-accord.tournaments.v1";

interface Kept {
  organiserToken?: string;
  entrantCode?: string;
  name?: string;
}

function readAll(): Record<string, Kept> {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(KEY) ?? "{}") as unknown;
    return parsed && typeof parsed === "object" ? (parsed as Record<string, Kept>) : {};
  } catch {
    // Storage blocked, or a copy that is not JSON: no tournaments remembered on this browser.
    return {};
  }
}

/** The tournaments this browser organises or plays in. */
export function keptTournaments(): (Kept & { id: string })[] {
  return Object.entries(readAll()).map(([id, kept]) => ({ id, ...kept }));
}

export function keptTournament(id: string): Kept {
  return readAll()[id] ?? {};
}

export function keepTournament(id: string, patch: Kept): void {
  const all = readAll();
  all[id] = { ...all[id], ...patch };
  try {
    window.localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // Storage disabled: the organiser keeps the token shown on the page.
  }
}
