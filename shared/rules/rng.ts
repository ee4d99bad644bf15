// The rules' only source of chance: mulberry32, whose whole state is one 32-bit number kept in
// `GameState.rng`, so a game replays identically from its seed.

/** One step of the generator: a number in [0, 1) and the generator's next state. */
export function nextRandom(state: number): [value: number, next: number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** An integer in [0, n) and the generator's next state. */
export function nextInt(state: number, n: number): [value: number, next: number] {
  const [value, next] = nextRandom(state);
  return [Math.floor(value * n), next];
}

/** The generator's initial state for a seed (any number; fractions and signs are folded in). */
export function rngState(seed: number): number {
  return Number.isFinite(seed) ? Math.trunc(seed) >>> 0 : 0;
}

/** A stateful generator for tests, bots and fuzzing (never used inside `apply`). */
export function seededRandom(seed: number): () => number {
  let state = rngState(seed);
  return () => {
    const [value, next] = nextRandom(state);
    state = next;
    return value;
  };
}
