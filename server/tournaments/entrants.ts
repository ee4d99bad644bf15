// A tournament as its organiser asks for it, before anything is stored: its scenarios checked, its
// format and number of rounds, its entrants named (default bot names never collide with a
// person's) and each person given an entrant code (stored only as a hash). Also the refusal the
// tournament's routes answer with, and the entrant codes' shape.
import { randomInt } from "node:crypto";
import type { CreateTournament } from "../../shared/tournaments/api.ts";
import { defaultFormat, roundRobinRounds, swissRounds } from "../../shared/tournaments/index.ts";
import type { ScenarioCatalog } from "../catalog.ts";
import { hashToken, JOIN_CODE_ALPHABET, newMatchId, newToken } from "../tokens.ts";
import type { StoredEntrant, TournamentRecord } from "./store.ts";

/** A request the tournament cannot take as it is now (wrong state, unknown scenario): HTTP 400/409. */
export class TournamentRefusal extends Error {
  override name = "TournamentRefusal";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** 16 symbols of the join-code alphabet (80 bits), shown as XXXX-XXXX-XXXX-XXXX. */
export function newEntrantCode(): string {
  let code = "";
  for (let i = 0; i < 16; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code.match(/.{4}/g)!.join("-");
}

/** `abcd-efgh-…` → `ABCDEFGH…` (case and dashes do not matter), as hashed. */
export function normalizeEntrantCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

/** `standInAfterMinutes` when a tournament does not say (created before the option existed). */
export const DEFAULT_STAND_IN_MINUTES = 1;

export interface CreatedTournament {
  record: TournamentRecord;
  organiserToken: string;
  entrants: (StoredEntrant & { code?: string })[];
}

/** The tournament record and its entrants (people with their codes, shown once), ready to store. */
export function planTournament(catalog: ScenarioCatalog, body: CreateTournament): CreatedTournament {
  const scenarios = body.scenarios.map((id, i) => {
    const s = catalog.get(id);
    if (!s) {
      const known = catalog.list().map((x) => x.id);
      throw new TournamentRefusal(400, "bad_request", `create: field 'scenarios[${i}]': no scenario '${id}' (known: ${known.join(", ") || "none"})`);
    }
    return s;
  });
  const n = body.entrants.length;
  const format = body.format ?? defaultFormat(n);
  const rounds = body.rounds ?? (format === "swiss" ? swissRounds(n) : roundRobinRounds(n, scenarios[0]!.delegations.length));
  const organiserToken = newToken();
  const counters = new Map<string, number>();
  const entrants = body.entrants.map((e, i) => {
    const id = `e${i + 1}`;
    if (e.kind === "person") {
      const code = newEntrantCode();
      return { id, position: i, name: e.name, kind: "person" as const, strategy: null, code, codeHash: hashToken(normalizeEntrantCode(code)) };
    }
    const count = (counters.get(e.strategy) ?? 0) + 1;
    counters.set(e.strategy, count);
    const name = e.name ?? `${e.strategy[0]!.toUpperCase()}${e.strategy.slice(1)} bot ${count}`;
    return { id, position: i, name, kind: "bot" as const, strategy: e.strategy, codeHash: null };
  });
  // Default bot names must not collide with a person's name.
  const taken = new Set<string>();
  for (const e of entrants) {
    let name = e.name;
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${e.name} (${k})`;
    e.name = name;
    taken.add(name.toLowerCase());
  }
  const record: TournamentRecord = {
    id: newMatchId(),
    name: body.name,
    format,
    scenarios: scenarios.map((s) => s.id),
    rounds,
    options: { botPace: body.botPace, listed: body.listed, standInAfterMinutes: body.standInAfterMinutes, ...(body.secondsPerTurn !== undefined ? { secondsPerTurn: body.secondsPerTurn } : {}) },
    organiserTokenHash: hashToken(organiserToken),
    status: "waiting",
    currentRound: 0,
    createdAt: new Date().toISOString(),
    startedAt: null,
    endedAt: null,
  };
  return { record, organiserToken, entrants };
}
