// A table comes into being: a new one from a client's (or the server's) create options, checked
// and written to the store; or a restored one, brought back from its log after a restart with
// the same id, join code, seats, tokens and turn clock.
import { CREATE_ERRORS, CreateOptions, describeIssue, type CreateErrorName } from "../../shared/protocol/index.ts";
import { createGame } from "../../shared/rules/index.ts";
import type { TableState } from "../../shared/state/table.ts";
import { DelegationSeat } from "../../shared/state/table.ts";
import { replayMatch, storedScenario } from "../db/replay.ts";
import type { StoredMatch } from "../db/store.ts";
import { log } from "../log.ts";
import { hashToken, newJoinCode, newMatchId, newSeed, newToken } from "../tokens.ts";
import { TableMaster, type TableSetup } from "./master.ts";
import { TableRefusal, type TableEnv } from "./ports.ts";

function createError(name: CreateErrorName, message: string): TableRefusal {
  return new TableRefusal(CREATE_ERRORS[name], `${name}: ${message}`);
}

/** A new table from create options: checked (one clear refusal naming the field), stored, with its bots seated. */
export async function createTable(env: TableEnv, state: TableState, raw: unknown): Promise<TableMaster> {
  const parsed = CreateOptions.safeParse(raw ?? {});
  if (!parsed.success) throw createError("bad_options", describeIssue("create", parsed.error));
  const options = parsed.data;
  const { store, catalog, config } = env;
  const running = env.tablesRunning();
  if (running >= config.maxMatches) throw createError("too_many_matches", `this server runs ${running} tables, its limit; try later`);
  const scenario = catalog.get(options.scenario);
  if (!scenario) {
    const known = catalog.list().map((s) => s.id);
    throw createError("unknown_scenario", `no scenario '${options.scenario}' (known: ${known.join(", ") || "none"})`);
  }
  const ids = scenario.delegations.map((d) => d.id);
  for (const id of Object.keys(options.seats)) {
    if (!ids.includes(id)) throw createError("bad_options", `create: field 'seats.${id}' names no delegation of ${scenario.id} (${ids.join(", ")})`);
  }
  if (options.delegation !== undefined) {
    if (!ids.includes(options.delegation)) {
      throw createError("bad_options", `create: field 'delegation' names no delegation of ${scenario.id} (${ids.join(", ")})`);
    }
    if (options.seats[options.delegation]?.kind === "bot") {
      throw createError("bad_options", `create: field 'delegation': ${options.delegation} is a bot seat`);
    }
  }
  // Bots never take the last places a person needs: a table only bots play (a tournament's; a
  // class always leaves a delegation to its students) is refused once the server is within
  // `matchesReservedForPeople` of its limit.
  const botsOnly = ids.every((id) => options.seats[id]?.kind === "bot");
  const botLimit = Math.max(0, config.maxMatches - config.matchesReservedForPeople);
  if (botsOnly && running >= botLimit) {
    throw createError(
      "reserved_for_people",
      `this server runs ${running} tables; its last ${config.matchesReservedForPeople} of ${config.maxMatches} places are kept for tables people play; try later`,
    );
  }

  const matchId = newMatchId();
  const seed = options.seed ?? newSeed();
  let joinCode = newJoinCode();
  // 10¹² codes: a clash is rare, but the index is unique, so look before writing.
  for (let tries = 0; tries < 5 && (await store.joinCodeTaken(joinCode)); tries++) joinCode = newJoinCode();
  const facilitatorToken = newToken();
  const created = new Date(env.timers.now()).toISOString();
  await store.insertMatch({
    id: matchId,
    scenario_id: scenario.id,
    scenario_json: JSON.stringify(scenario),
    seed,
    options_json: JSON.stringify(options),
    join_code: joinCode,
    facilitator_token_hash: hashToken(facilitatorToken),
    listed: options.listed ? 1 : 0,
    status: "pending",
    created_at: created,
    started_at: null,
    ended_at: null,
    outcome_json: null,
  });
  const table = open(env, state, { matchId, scenario, options, game: createGame(scenario, seed), joinCode, facilitatorTokenHash: hashToken(facilitatorToken), created });
  for (const [delegation, seat] of Object.entries(options.seats)) {
    if (seat.kind === "bot") await table.changeControl(delegation, "bot", seat.strategy, "configured");
  }
  table.creatorPending = { facilitatorToken };
  table.project();
  table.emptyTable.armUnjoined();
  log.info("match created", { matchId, scenario: scenario.id, listed: options.listed });
  return table;
}

/**
 * Matches a restart's sweep read in batches (cluster.ts restoreOrphans, store.loadMatches), by the
 * store they were read from, each taken once by the restore it was read for; a restore that finds
 * none reads its match itself (a restore on demand).
 */
const readAhead = new WeakMap<object, Map<string, StoredMatch>>();

/** Hand a batch of stored matches to the restores about to run (`store` is the tables' env.store). */
export function readAheadMatches(store: object, matches: ReadonlyMap<string, StoredMatch>): void {
  let kept = readAhead.get(store);
  if (!kept) readAhead.set(store, (kept = new Map()));
  for (const [id, stored] of matches) kept.set(id, stored);
}

/** Forget a read-ahead match that was not restored (its restore failed or was not needed). */
export function dropReadAhead(store: object, matchId: string): void {
  readAhead.get(store)?.delete(matchId);
}

function takeReadAhead(store: object, matchId: string): StoredMatch | undefined {
  const kept = readAhead.get(store);
  const stored = kept?.get(matchId);
  if (stored !== undefined) kept!.delete(matchId);
  return stored;
}

/**
 * Create options read back from rows, by their stored JSON (the most recently used few): the tables
 * a class or a tournament opened, or a bench, share the same options, and a restart checks each
 * text once instead of once per table. Read-only, as a table's options always are.
 */
const parsedOptions = new Map<string, CreateOptions>();
const PARSED_OPTIONS_KEPT = 32;

export function storedOptions(json: string): CreateOptions {
  let options = parsedOptions.get(json);
  if (options !== undefined) parsedOptions.delete(json);
  else {
    // Leniently (`strip`): a client's unknown option is refused at creation, but an option an older
    // version stored and this one no longer knows must not stop the table coming back.
    options = CreateOptions.strip().parse(JSON.parse(json));
    if (parsedOptions.size >= PARSED_OPTIONS_KEPT) parsedOptions.delete(parsedOptions.keys().next().value!);
  }
  parsedOptions.set(json, options);
  return options;
}

/**
 * Bring a match back from its log after a restart. People are not brought back: nobody is
 * connected after a restart; each comes back with their seat token (looked up in `seats`).
 */
export async function restoreTable(env: TableEnv, state: TableState, matchId: string): Promise<TableMaster> {
  const stored = takeReadAhead(env.store, matchId) ?? (await env.store.loadMatch(matchId));
  if (!stored) throw new Error(`restore: no match ${matchId}`);
  const { match, seats, actions } = stored;
  const scenario = storedScenario(match);
  const options = storedOptions(match.options_json);
  const game = replayMatch(stored);
  if (game.phase === "ended") {
    // The last action was written but the process stopped before the match was marked ended.
    const endedAt = actions.at(-1)?.createdAt ?? new Date(env.timers.now()).toISOString();
    await env.store.updateMatch(matchId, { status: "ended", ended_at: endedAt, outcome_json: JSON.stringify(game.outcome) });
    throw new Error(`match ${matchId} had already ended; marked as such, not restored`);
  }
  const table = open(env, state, {
    matchId: match.id,
    scenario,
    options,
    game,
    joinCode: match.join_code,
    facilitatorTokenHash: match.facilitator_token_hash,
    created: match.created_at,
  });
  table.seating.restore(seats, (delegation) => options.seats[delegation]?.kind === "bot", (delegation, strategy) => table.bots.newBot(delegation, strategy, game.seed));
  // Each person's talk so far, from the log (their requests' action ids name them).
  for (const { action } of actions) table.talk.count(action);
  table.status = game.phase === "waiting" ? "open" : "running";
  // A class's or a tournament's table plays on to its end (its owner stored by adopt); one people
  // opened rests, like any other, once its people's reconnection window has passed with nobody
  // back (restUnlessRejoined below).
  table.mustFinish = match.owner_kind !== null;
  env.transport.closeWhenEmpty(false);
  table.project();
  // The turn goes on with the time it had left when the process stopped (a full turn for logs
  // written before the clock was logged).
  const clock = actions.at(-1)?.clock ?? null;
  if (clock !== null) table.clock.resume(clock, game.tableVersion);
  table.clock.set(table.clock.after(game, env.timers.now()), game.tableVersion, true);
  table.bots.schedule();
  table.restUnlessRejoined();
  table.emptyTable.armIdle();
  log.info("match restored", { matchId, version: game.version, phase: game.phase, resting: table.resting });
  return table;
}

/** The master and the synced state's fixed part (title, protocol, the delegations' seats). */
function open(env: TableEnv, state: TableState, setup: TableSetup): TableMaster {
  const table = new TableMaster(env, state, setup);
  const { scenario, game } = setup;
  state.scenarioId = scenario.id;
  state.title = scenario.title;
  state.protocol = scenario.protocol;
  state.timer.seconds = table.clock.turnMs / 1000;
  state.timer.quietFrom = setup.options.quietHours?.from ?? "";
  state.timer.quietTo = setup.options.quietHours?.to ?? "";
  const required = new Set(game.agreement.required);
  for (const d of scenario.delegations) {
    state.delegations.push(
      new DelegationSeat({
        id: d.id,
        name: d.name,
        required: required.has(d.id),
        control: "people",
        strategy: "",
        connected: 0,
        members: 0,
        maxMembers: Math.min(255, d.seats.max),
      }),
    );
  }
  return table;
}
