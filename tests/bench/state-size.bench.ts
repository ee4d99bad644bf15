// What one table's synced state holds in memory (issue 16): its windows of the latest 200
// statements and 200 moves (shared/state/table.ts), filled through the real projection
// (server/rooms/projection.ts) one action at a time, with a Colyseus Encoder patching after each
// action as the room does. Printed: heap after a GC per table (kB) for an empty state and for full
// windows of several kinds of entry, and bytes per entry; each measured STATE_RUNS times over
// STATE_TABLES tables at once. Then the client's side: the memory one client keeps for a decoded
// table with full windows, with the flat strings every client uses (shared/state/flat-strings.ts)
// and with the library's own string decoder.
//
// The engine's records (the moves and messages the state copies) are built first and stay alive
// through every measurement, so the figure is what the synced state adds on top of them.
//
//   STATE_TABLES (100)   STATE_RUNS (3)
//
// Run with `npm run bench -- state-size`.
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { Decoder, Encoder, registerType } from "@colyseus/schema";
import { createGame, viewFor } from "../../shared/rules/index.ts";
import type { Message, Move, PhrasePart, SeatView } from "../../shared/rules/types.ts";
import { TableState } from "../../shared/state/table.ts";
import { decodeFlatString, libraryDecodeString } from "../../shared/state/flat-strings.ts";
import { projectView } from "../../server/rooms/projection.ts";
import { fixture } from "../helpers/fixtures.ts";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};
const TABLES = env("STATE_TABLES", 100);
const RUNS = env("STATE_RUNS", 3);
const WINDOW = 200;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

interface Kind {
  name: string;
  /** The k-th statement (0-based) of a table. */
  statement?: (k: number, table: number) => Message;
  /** The k-th move (0-based) of a table. */
  move?: (k: number, table: number) => Move;
}

const DELEGATIONS = ["alpha", "beta", "gamma", "delta", "epsilon"];
const pkg = (k: number) => ({ scope: k % 2 ? "critical" : "none", attribution: k % 3 ? "joint" : "unilateral", review: k % 5 ? "annual" : "none" });
const text = (k: number, table: number) => `We can move on scope if you meet us on review (${table}.${k}); the attribution panel stays joint.`;
const botPhrase = (k: number): PhrasePart[] => [
  { kind: "phrase", key: "opening", index: k % 3, issue: "", option: "" },
  { kind: "template", key: "concede", index: k % 4, issue: "scope", option: "critical" },
];

const person = (k: number, table: number): Message => ({ id: `s${k}`, channel: "public", from: DELEGATIONS[k % 5]!, text: text(k, table), round: 1 + (k >> 2), version: 2 * k + 1 });
const bot = (k: number, table: number): Message => ({ ...person(k, table), phrase: botPhrase(k) });
const withPackage = (k: number): Move => ({ version: 2 * k + 2, round: 1 + (k >> 2), by: DELEGATIONS[k % 5]!, type: k % 2 ? "counter" : "propose", package: pkg(k) });
/** A multilateral round's mix: one proposal, then four votes. */
const mixed = (k: number): Move =>
  k % 5 === 0 ? withPackage(k) : { version: 2 * k + 2, round: 1 + Math.floor(k / 5), by: DELEGATIONS[k % 5]!, type: "vote", accept: k % 3 !== 0 };

const KINDS: Kind[] = [
  { name: "empty state" },
  { name: "200 statements (people's: no phrase)", statement: person },
  { name: "200 statements (bots': 2-part phrase)", statement: bot },
  { name: "200 moves (all with a 3-issue package)", move: withPackage },
  { name: "200 moves (multilateral: 1 in 5 with a package)", move: mixed },
  { name: "200 people's statements + 200 moves with a package", statement: person, move: withPackage },
];

/** One table's engine records: its public statements and its moves, in the order they were made. */
function records(kind: Kind, table: number): { messages: Message[]; moves: Move[] } {
  const messages: Message[] = [];
  const moves: Move[] = [];
  for (let k = 0; k < WINDOW; k++) {
    if (kind.statement) messages.push(kind.statement(k, table));
    if (kind.move) moves.push(kind.move(k, table));
  }
  return { messages, moves };
}

/** One full table state as a joining client receives it. */
function fullState(base: SeatView, kind: Kind): Uint8Array {
  const { messages, moves } = records(kind, 0);
  const state = new TableState();
  const encoder = new Encoder(state);
  projectView(state, { ...base, messages, moves });
  return encoder.encodeAll().slice();
}

/** Heap after GC per client, for STATE_TABLES clients each holding the decoded `bytes`. */
function decoded(bytes: Uint8Array): number {
  const before = heapAfterGc();
  const clients: TableState[] = [];
  for (let i = 0; i < TABLES; i++) {
    const state = new TableState();
    new Decoder(state).decode(bytes);
    clients.push(state);
  }
  const after = heapAfterGc();
  if (clients.length !== TABLES || clients[0]!.statements.length !== WINDOW) throw new Error("state-size: a client did not decode its table");
  return (after - before) / TABLES;
}

function measure(base: SeatView, kind: Kind): number {
  // The engine's records: built before the baseline, alive until after the measurement.
  const engine = Array.from({ length: TABLES }, (_, i) => records(kind, i));
  const before = heapAfterGc();
  const tables: { state: TableState; encoder: Encoder }[] = [];
  for (let i = 0; i < TABLES; i++) {
    const state = new TableState();
    const encoder = new Encoder(state);
    encoder.encodeAll();
    const { messages, moves } = engine[i]!;
    // One action at a time, as the room projects and patches: a statement, then a move.
    const view: SeatView = { ...base, messages: [], moves: [] };
    const step = () => {
      projectView(state, view);
      encoder.encode();
      encoder.discardChanges();
    };
    step();
    for (let k = 0; k < WINDOW; k++) {
      if (k < messages.length) {
        (view.messages as Message[]).push(messages[k]!);
        step();
      }
      if (k < moves.length) {
        (view.moves as Move[]).push(moves[k]!);
        step();
      }
    }
    tables.push({ state, encoder });
  }
  const after = heapAfterGc();
  if (tables.length !== TABLES || engine.length !== TABLES) throw new Error("state-size: lost a table");
  const expected = (kind.statement ? 1 : 0) * WINDOW;
  if (tables[0]!.state.statements.length !== expected) throw new Error(`state-size: ${tables[0]!.state.statements.length} statements, expected ${expected}`);
  return (after - before) / TABLES;
}

export async function run(): Promise<void> {
  console.log(`state-size: heap after GC per table, ${TABLES} tables at once, ${RUNS} runs (STATE_TABLES, STATE_RUNS)`);
  const scenario = fixture("multilateral-test");
  const base = viewFor(createGame(scenario, 1), { kind: "observer" });
  // Warm up (classes, inline caches, the encoder's shared buffers).
  measure(base, KINDS[5]!);
  let empty = 0;
  for (const kind of KINDS) {
    const runs: number[] = [];
    for (let r = 0; r < RUNS; r++) runs.push(measure(base, kind));
    const entries = (kind.statement ? WINDOW : 0) + (kind.move ? WINDOW : 0);
    if (entries === 0) empty = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
    const each = entries > 0 ? ` · per entry over the empty state's median: ${runs.map((b) => Math.round((b - empty) / entries)).join(", ")} B` : "";
    const min = Math.min(...runs);
    const max = Math.max(...runs);
    console.log(`  ${kind.name.padEnd(52)} ${runs.map((b) => (b / 1024).toFixed(1)).join(", ")} kB (spread ${((max - min) / 1024).toFixed(1)} kB)${each}`);
  }
  Encoder.BUFFER_SIZE = 64 * 1024; // a whole table's state at once (~43 kB): no warning that the buffer grew
  const full = fullState(base, KINDS[5]!);
  console.log(`decoded at a client: heap after GC per client, ${TABLES} clients each holding one table of ${KINDS[5]!.name} (${full.length} bytes on the wire)`);
  const decoders = [
    { name: "flat strings (shared/state/flat-strings.ts)", decode: decodeFlatString },
    { name: "the library's string decoder", decode: libraryDecodeString },
  ];
  const figures = new Map<string, number[]>(decoders.map((d) => [d.name, []]));
  try {
    // Interleaved, so that a change in the machine's state falls on both alike.
    for (let r = 0; r < RUNS; r++) {
      for (const d of decoders) {
        registerType("string", { decode: d.decode });
        figures.get(d.name)!.push(decoded(full));
      }
    }
  } finally {
    registerType("string", { decode: decodeFlatString });
  }
  for (const d of decoders) {
    const runs = figures.get(d.name)!;
    console.log(`  ${d.name.padEnd(52)} ${runs.map((b) => (b / 1024).toFixed(1)).join(", ")} kB`);
  }
}
