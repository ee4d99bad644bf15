// The game server's HTTP API (server/http/routes.ts): scenarios, tables, join codes, transcripts.
// Plain fetch, so the first screen needs no SDK.
import type { PublicScenario, Reveal, SeatView } from "../../shared/rules/types.ts";
import { locale } from "../i18n.ts";
import { apiRefusalText, offlineText } from "./refusals.ts";
import { serverOrigin } from "./server.ts";
import type { Translations } from "../../shared/scenario/overlay.ts";

export interface ScenarioSummary {
  id: string;
  title: string;
  year: number;
  summary: string;
  protocol: "alternating" | "multilateral";
  deadline: { rounds: number; secondsPerTurn: number };
  delegations: { id: string; name: string; seats: { min: number; max: number }; required: boolean }[];
  issues: number;
  /** Language tag → the title, summary and delegation names in that language (absent from older servers). */
  translations?: Translations;
}

export interface Seating {
  id: string;
  control: string;
  strategy: string;
  connected: number;
  members: number;
}

export interface MatchListing {
  id: string;
  scenario: { id: string; title: string; protocol: string };
  status: string;
  phase: string;
  round: number;
  createdAt: string;
  delegations: Seating[];
}

export interface MatchRecord {
  id: string;
  scenario: { id: string; title: string; protocol: string };
  status: string;
  listed: boolean;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  delegations?: Seating[];
  record: "full" | "public";
  reveal?: Reveal;
  view?: SeatView;
  /** Public record of an ended table: its outcome. */
  outcome?: Reveal["outcome"];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * One JSON request to the server with the caller's bearer `token`: over the address's read budget (a
 * whole class behind one address, a big class's debrief) it waits as long as the server says, a few
 * times, before giving up; a refusal becomes an `ApiError` with the server's code and sentence.
 */
export async function requestJson<T>(method: "GET" | "POST", path: string, options: { token?: string | null; body?: unknown } = {}): Promise<T> {
  const { token, body } = options;
  let res: Response;
  for (let attempt = 1; ; attempt++) {
    try {
      res = await fetch(`${serverOrigin()}${path}`, {
        method,
        headers: { accept: "application/json", ...(method === "POST" ? { "content-type": "application/json" } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: method === "POST" ? JSON.stringify(body ?? {}) : undefined,
      });
    } catch {
      throw new ApiError(0, "offline", offlineText());
    }
    if (res.status !== 429 || attempt >= 5) break;
    const wait = Math.min(10, Math.max(1, Number(res.headers.get("retry-after")) || 1));
    await new Promise((r) => setTimeout(r, wait * 1000));
  }
  const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok) {
    throw new ApiError(res.status, json?.error?.code ?? "http_error", apiRefusalText(res.status, json?.error?.code, json?.error?.message));
  }
  return json as T;
}

function get<T>(path: string, token?: string): Promise<T> {
  return requestJson<T>("GET", path, { token });
}

/** `?lang=bn` for an export people read in Bangla; nothing in English (the address as it always was). */
export function langQuery(): string {
  const lang = locale();
  return lang === "en" ? "" : `?lang=${lang}`;
}

const scenarioCache = new Map<string, Promise<PublicScenario>>();

export const api = {
  scenarios: () => get<{ scenarios: ScenarioSummary[] }>("/api/scenarios").then((r) => r.scenarios),
  scenario(id: string): Promise<PublicScenario> {
    let p = scenarioCache.get(id);
    if (!p) {
      p = get<PublicScenario>(`/api/scenarios/${encodeURIComponent(id)}`);
      p.catch(() => scenarioCache.delete(id));
      scenarioCache.set(id, p);
    }
    return p;
  },
  matches: () => get<{ matches: MatchListing[] }>("/api/matches").then((r) => r.matches),
  /** A table's record; a class table's full record (`reveal`) needs its class's facilitator token. */
  match: (id: string, token?: string) => get<MatchRecord>(`/api/matches/${encodeURIComponent(id)}`, token),
  /** A join code → the table's id (404 `bad_code` when no open table has it). */
  join: (code: string) => get<{ matchId: string; code: string }>(`/api/join/${encodeURIComponent(code.replace(/[\s-]/g, ""))}`),
  /** A transcript's address, in the reader's language (`?lang=`, docs/PROTOCOL.md §8) when it is not English. */
  transcriptUrl: (matchId: string, format: "md" | "csv" | "json") =>
    `${serverOrigin()}/api/matches/${encodeURIComponent(matchId)}/transcript.${format}${langQuery()}`,
};
