// The teacher's materials of a scenario: its facilitator notes (scenarios/<id>/facilitator.md, as
// Markdown: the client renders and sanitises it), its sources with their dates, and every
// delegation's public and private brief with its priorities and walk-away value, for printing.
//
//   GET /api/materials/scenario/:id   public: the notes' "Learning objectives" section only (shown
//                                     when a class is set up, before anyone holds a token)
//   GET /api/materials/class/:id      the class's scenario, everything; needs the class's
//                                     facilitator token (Authorization: Bearer <token>)
//   GET /api/materials/table/:id      the table's scenario, everything; needs the table's
//                                     facilitator token or its class's
//
// The notes say what happened in history and the private briefs are secret during play: a
// student's seat token, a wrong token or none gets 403, never the materials.
import { readFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { ServerContext } from "../context.ts";
import { log } from "../log.ts";
import { bearer, hashToken, sameSecret } from "../tokens.ts";
import { classOfMatch } from "./exports.ts";
import { readRefused } from "./read-budget.ts";
import { errorResponse, jsonResponse } from "./responses.ts";
import { isId } from "../../shared/protocol/ids.ts";
import { storedScenario } from "../db/replay.ts";
import type { Translations } from "../../shared/scenario/overlay.ts";

const HEADERS = { "cache-control": "private, no-cache", vary: "Authorization" };

/**
 * The body of the notes' "## Learning objectives" section (without its heading, as a translation's
 * `objectives` is written: the reader's screen gives the heading), or "" when there is none.
 */
export function objectivesOf(notes: string): string {
  const lines = notes.split("\n");
  const start = lines.findIndex((l) => /^##\s+(learning\s+)?objectives\b/i.test(l.trim()));
  if (start < 0) return "";
  let end = lines.findIndex((l, i) => i > start && /^##\s/.test(l));
  if (end < 0) end = lines.length;
  return lines.slice(start + 1, end).join("\n").trim();
}

async function notesOf(ctx: ServerContext, scenarioId: string): Promise<string> {
  // The id comes from the catalog (a folder's name it validated), never from the request alone.
  const file = join(ctx.catalog.dir, scenarioId, "facilitator.md");
  return readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    // A scenario without facilitator notes (an imported GENIUS domain) has none to show; any other failure is the operator's to know.
    if (e.code !== "ENOENT") log.warn("could not read a scenario's facilitator notes", { file, error: e.message });
    return "";
  });
}

/** Everything a facilitator prints: briefs, priorities, walk-away values, red lines, sources. */
function fullMaterials(s: Scenario, notes: string, translations: Translations) {
  return {
    id: s.id,
    title: s.title,
    year: s.year,
    summary: s.summary,
    access: "facilitator" as const,
    objectives: objectivesOf(notes),
    notes,
    sources: s.sources,
    issues: s.issues.map((i) => ({ id: i.id, title: i.title, options: i.options.map((o) => ({ id: o.id, label: o.label })) })),
    delegations: s.delegations.map((d) => ({
      id: d.id,
      name: d.name,
      publicBrief: d.publicBrief,
      privateBrief: d.privateBrief,
      weights: d.profile.weights,
      values: d.profile.values,
      reservationValue: d.profile.reservationValue,
      redLines: d.profile.redLines,
    })),
    /** The scenario's translations, whole: the facilitator may read everything (docs/PROTOCOL.md §8.2). */
    translations,
  };
}

export function materialsHandler(ctx: ServerContext) {
  const forbidden = (what: string) => errorResponse(403, "forbidden", `the teacher's materials of ${what} need its facilitator token (Authorization: Bearer <token>)`, HEADERS);

  async function forClass(id: string, token: string | null): Promise<Response> {
    const db = ctx.store.db;
    const row = isId(id) ? await db.selectFrom("class_sessions").select(["scenario_id", "facilitator_token_hash"]).where("id", "=", id).executeTakeFirst() : undefined;
    if (!row) return errorResponse(404, "not_found", `no class session '${id}'`);
    if (token === null || !sameSecret(hashToken(token), row.facilitator_token_hash)) return forbidden("a class");
    const s = ctx.catalog.get(row.scenario_id);
    if (!s) return errorResponse(404, "not_found", `no scenario '${row.scenario_id}'`);
    return jsonResponse(fullMaterials(s, await notesOf(ctx, s.id), ctx.catalog.translations(s.id)), 200, HEADERS);
  }

  async function forTable(id: string, token: string | null): Promise<Response> {
    const row = isId(id) ? await ctx.store.db.selectFrom("matches").select(["id", "scenario_id", "scenario_json", "facilitator_token_hash"]).where("id", "=", id).executeTakeFirst() : undefined;
    if (!row) return errorResponse(404, "not_found", `no match '${id}'`);
    if (token === null) return forbidden("a table");
    const hash = hashToken(token);
    const cls = await classOfMatch(ctx, row.id);
    if (!sameSecret(hash, row.facilitator_token_hash) && !(cls && sameSecret(hash, cls.facilitatorTokenHash))) return forbidden("a table");
    // The scenario as the table was created with it (the file may have changed since).
    const s = storedScenario(row);
    return jsonResponse(fullMaterials(s, await notesOf(ctx, row.scenario_id), ctx.catalog.translations(row.scenario_id)), 200, HEADERS);
  }

  async function forScenario(id: string): Promise<Response> {
    const s = ctx.catalog.get(id);
    if (!s) return errorResponse(404, "not_found", `no scenario '${id}'`);
    return jsonResponse({ id: s.id, title: s.title, year: s.year, access: "public", objectives: objectivesOf(await notesOf(ctx, s.id)) }, 200, { "cache-control": "no-cache" });
  }

  return async ({ kind, id }: Record<string, string | undefined>, req?: IncomingMessage): Promise<Response> => {
    const refused = readRefused(ctx, req);
    if (refused) return refused;
    if (kind === "scenario") return forScenario(id!);
    if (kind === "class") return forClass(id!, bearer(req));
    return forTable(id!, bearer(req));
  };
}
