// Scripted people for the server tests: play a delegation's moves from the public state.
import Database from "better-sqlite3";
import { join } from "node:path";
import type { TableState } from "../../shared/state/table.ts";
import type { Player } from "./harness.ts";

/** Whether `me` has to move now, from the public state (the rule of shared/rules/legal.ts `mayMove`). */
export function mustMove(state: TableState, me: string): boolean {
  if (state.phase !== "running") return false;
  if (state.protocol === "alternating" || state.stage === "proposing") return state.turn === me;
  return state.offer !== undefined && !state.offer.responses.has(me);
}

export type Decide = (state: TableState, turnIndex: number) => [type: string, payload?: Record<string, unknown>];

/**
 * Play `me` until the negotiation ends: each time it has to move, `decide` picks the action.
 * A move refused because someone moved first (stale_version) is decided again on the new state.
 */
export async function autoplay(p: Player, me: string, decide: Decide, timeoutMs = 30_000): Promise<void> {
  let turns = 0;
  for (;;) {
    await p.waitFor(() => p.state.phase === "ended" || mustMove(p.state, me), `${me} to move or the end`, timeoutMs);
    if (p.state.phase === "ended") return;
    const [type, payload] = decide(p.state, turns++);
    const outcome = await p.act(type, payload);
    if ("code" in outcome && outcome.code !== "stale_version" && outcome.code !== "negotiation_over") {
      throw new Error(`${me}: ${type} refused: ${outcome.code}: ${outcome.message}`);
    }
    if ("code" in outcome) {
      // Someone moved first: wait for that change before deciding again.
      const seen = p.state.version;
      await p.waitFor(() => p.state.version > seen || p.state.phase === "ended", "the table to change", timeoutMs).catch(() => undefined);
    }
  }
}

/** The match's event log as stored, read straight from the SQLite file. */
export function storedLog(dataDir: string, matchId: string): { seq: number; action: { type: string; actionId: string } }[] {
  const db = new Database(join(dataDir, "accord.sqlite"), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("select seq, action_json from events where match_id = ? order by seq").all(matchId) as { seq: number; action_json: string }[];
    return rows.map((r) => ({ seq: r.seq, action: JSON.parse(r.action_json) as { type: string; actionId: string } }));
  } finally {
    db.close();
  }
}
