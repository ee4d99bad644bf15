// The rules engine's public API.
export type * from "./types.ts";
export { apply, TABLE_MOVES } from "./apply.ts";
export { createGame } from "./create.ts";
export { replay } from "./replay.ts";
export {
  NO_MOVES,
  crossesRedLine,
  delegationsToMove,
  legalMoves,
  mayMove,
  positionOf,
  redLinesCrossed,
  waitingFor,
  type LegalMoves,
  type Position,
} from "./legal.ts";
export { eventsFor, publicScenario, reveal, viewFor } from "./view.ts";
export { movers, turnIsTimed } from "./multilateral.ts";
export { MAX_TEXT } from "./talk.ts";
export { MAX_EXTEND, ACTION_TYPES } from "./shape.ts";
export { nextRandom, seededRandom } from "./rng.ts";
