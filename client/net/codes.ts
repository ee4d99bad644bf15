// A code typed in the join page's one box: an open class's or an open table's (GET /api/codes/:code).
import { ApiError } from "./api.ts";
import { apiRefusalText, noPassText, offlineText } from "./refusals.ts";
import { serverOrigin } from "./server.ts";

export type FoundCode = { kind: "class"; sessionId: string; code: string } | { kind: "table"; matchId: string; code: string };

/** The class or table a code opens; ApiError `bad_code` when none does. */
export async function lookUpCode(code: string): Promise<FoundCode> {
  let res: Response;
  try {
    res = await fetch(`${serverOrigin()}/api/codes/${encodeURIComponent(code.replace(/[\s-]/g, ""))}`, { headers: { accept: "application/json" } });
  } catch {
    throw new ApiError(0, "offline", offlineText());
  }
  const body = (await res.json().catch(() => null)) as (FoundCode & { error?: { code: string; message: string } }) | null;
  if (!res.ok || !body) throw new ApiError(res.status, body?.error?.code ?? "http_error", apiRefusalText(res.status, body?.error?.code, body?.error?.message));
  return body;
}
