// The teacher's materials (server/http/materials.ts): a scenario's learning objectives for anyone,
// and — with the facilitator token this browser holds for a class or a table — the facilitator
// notes, the sources and every delegation's briefs, for the notes and print screens.
import { ApiError } from "./api.ts";
import { apiRefusalText, noPassText, offlineText } from "./refusals.ts";
import { storedClass } from "./class-storage.ts";
import { serverOrigin } from "./server.ts";
import { storedTable } from "./storage.ts";
import type { Translations } from "../../shared/scenario/overlay.ts";

export interface Objectives {
  id: string;
  title: string;
  year: number;
  access: "public";
  objectives: string;
}

export interface Materials {
  id: string;
  title: string;
  year: number;
  summary: string;
  access: "facilitator";
  objectives: string;
  notes: string;
  sources: { fact: string; source: string; date?: string }[];
  issues: { id: string; title: string; options: { id: string; label: string }[] }[];
  delegations: {
    id: string;
    name: string;
    publicBrief: string;
    privateBrief: string;
    weights: Record<string, number>;
    values: Record<string, Record<string, number>>;
    reservationValue: number;
    redLines: { issue: string; option: string; reason?: string }[];
  }[];
  /** Language tag → the scenario's whole translation (absent from older servers): client/scenario-text.ts `materialsText`. */
  translations?: Translations;
}

async function read<T>(path: string, token?: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${serverOrigin()}${path}`, { headers: { accept: "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  } catch {
    throw new ApiError(0, "offline", offlineText());
  }
  const body = (await res.json().catch(() => null)) as (T & { error?: { code: string; message: string } }) | null;
  if (!res.ok || !body) throw new ApiError(res.status, body?.error?.code ?? "http_error", apiRefusalText(res.status, body?.error?.code, body?.error?.message));
  return body;
}

export function scenarioObjectives(scenarioId: string): Promise<Objectives> {
  return read<Objectives>(`/api/materials/scenario/${encodeURIComponent(scenarioId)}`);
}

/** The facilitator token this browser holds for a class or a table, if any. */
export function facilitatorTokenFor(kind: "class" | "table", id: string): string | undefined {
  return kind === "class" ? storedClass(id)?.facilitatorToken : storedTable(id)?.facilitatorToken;
}

export function teacherMaterials(kind: "class" | "table", id: string): Promise<Materials> {
  const token = facilitatorTokenFor(kind, id);
  if (!token) return Promise.reject(new ApiError(403, "forbidden", noPassText(kind)));
  return read<Materials>(`/api/materials/${kind}/${encodeURIComponent(id)}`, token);
}
