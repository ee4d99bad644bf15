// A class session's life in the database: opened when a facilitator creates it (options checked,
// a class code drawn, the session stored), loaded back when its room is restored after a restart,
// and every open session brought back at start. Only the server can ask a new class room to
// restore a session: it hands the room a one-time ticket (`CLASS_RESTORE`), kept in the context.
import { matchMaker, ServerError } from "@colyseus/core";
import { initialClock } from "../../shared/classroom/phases.ts";
import { checkAgainstScenario, ClassOptions } from "../../shared/classroom/session.ts";
import { describeIssue } from "../../shared/protocol/index.ts";
import type { ServerContext } from "../context.ts";
import { log } from "../log.ts";
import { hashToken, newJoinCode, newMatchId, newToken } from "../tokens.ts";
import { addStudent, newClassState, scenarioSeats, type ClassState } from "./state.ts";
import { ClassStore } from "./store.ts";

/** A class code no class and no table holds (server/http/codes.ts looks both up, so they never collide). */
export async function freshClassCode(ctx: ServerContext, store: ClassStore): Promise<string> {
  let code = newJoinCode();
  for (let tries = 0; tries < 5 && ((await store.codeTaken(code)) || (await ctx.store.joinCodeTaken(code))); tries++) code = newJoinCode();
  return code;
}

/** The option key under which the server hands a restore ticket to a new class room. */
export const CLASS_RESTORE = "classRestore";

/** The restore ticket among a new room's options, taken (it works once); null when there is none. */
export function takeRestoreTicket(ctx: ServerContext, raw: Record<string, unknown>): { sessionId: string | undefined } | null {
  const ticket = typeof raw?.[CLASS_RESTORE] === "string" ? (raw[CLASS_RESTORE] as string) : null;
  if (ticket === null) return null;
  const sessionId = ctx.classRestoreTickets.get(ticket);
  ctx.classRestoreTickets.delete(ticket);
  return { sessionId };
}

/** A new session from a facilitator's create options: checked, given a class code, stored. */
export async function openSession(ctx: ServerContext, store: ClassStore, raw: Record<string, unknown>): Promise<{ state: ClassState; facilitatorToken: string }> {
  const parsed = ClassOptions.safeParse(stripSdkFields(raw));
  if (!parsed.success) throw new ServerError(400, `bad_options: ${describeIssue("class", parsed.error)}`);
  const options = parsed.data;
  const scenario = ctx.catalog.get(options.scenario);
  if (!scenario) {
    throw new ServerError(404, `unknown_scenario: no scenario '${options.scenario}' (known: ${ctx.catalog.list().map((s) => s.id).join(", ")})`);
  }
  const problems = checkAgainstScenario(options, scenarioSeats(scenario));
  if (problems.length > 0) throw new ServerError(400, `bad_options: ${problems.join("; ")}`);
  const code = await freshClassCode(ctx, store);
  const facilitatorToken = newToken();
  const state = newClassState(newMatchId(), scenario, options, code, hashToken(facilitatorToken), initialClock(Date.now()));
  await store.insertSession({
    id: state.sessionId,
    code,
    scenarioId: scenario.id,
    optionsJson: JSON.stringify(options),
    facilitatorTokenHash: state.facilitatorTokenHash,
    clock: state.phaseClock,
    createdAt: new Date().toISOString(),
  });
  log.info("class session created", { sessionId: state.sessionId, scenario: scenario.id });
  return { state, facilitatorToken };
}

/** A stored session as it was: students, places, tables (with their join codes) and scores. */
export async function loadSession(ctx: ServerContext, store: ClassStore, id: string): Promise<ClassState> {
  const stored = await store.load(id);
  if (!stored) throw new Error(`restore: no class session ${id}`);
  const options = ClassOptions.parse(JSON.parse(stored.optionsJson));
  const scenario = ctx.catalog.get(stored.scenarioId);
  if (!scenario) throw new Error(`restore: class session ${id} plays scenario '${stored.scenarioId}', which is no longer installed`);
  const state = newClassState(stored.id, scenario, options, stored.code, stored.facilitatorTokenHash, stored.clock);
  state.tables = stored.tables;
  for (const [table, matchId] of stored.matches) {
    state.matches.set(table, matchId);
    const code = await store.tableJoinCode(matchId);
    if (code) state.tableCodes.set(table, code);
  }
  for (const s of stored.students) addStudent(state, { ...s, sessions: new Set() });
  state.scores = stored.scores;
  log.info("class session restored", { sessionId: id, phase: stored.clock.phase, students: stored.students.length, tables: stored.tables });
  return state;
}

/** The SDK adds fields of its own to create options; the session's schema is strict about the rest. */
function stripSdkFields(raw: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(raw ?? {}) };
  for (const key of Object.keys(copy)) if (key.startsWith("_") || key === CLASS_RESTORE) delete copy[key];
  return copy;
}

/** Bring back every open class session, each in a room with its old id (after the matches). */
export async function restoreClassSessions(ctx: ServerContext): Promise<number> {
  const store = new ClassStore(ctx.store.db);
  let restored = 0;
  for (const id of await store.openSessionIds()) {
    // With shared presence another process may run it already: leave it there.
    const elsewhere = await Promise.resolve(matchMaker.getRoomById(id)).catch((e: unknown) => {
      log.warn("could not ask whether a class session runs elsewhere; restoring it here", { sessionId: id, error: e });
      return null;
    });
    if (elsewhere) continue;
    const ticket = newToken();
    ctx.classRestoreTickets.set(ticket, id);
    try {
      await matchMaker.createRoom("class", { [CLASS_RESTORE]: ticket });
      restored++;
    } catch (e) {
      ctx.classRestoreTickets.delete(ticket);
      log.error("could not restore a class session", { sessionId: id, error: e });
    }
  }
  return restored;
}
