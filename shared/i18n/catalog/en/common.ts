// The "common" namespace in English: words every screen shares (the game's own terms, buttons, states).
// The source every other language translates; keys are used literally in the code as "common:key".
export default {
  loading: "Loading…",
} as const;
