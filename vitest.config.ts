import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/**/*.test.ts", "server/**/*.test.ts", "tests/**/*.test.ts"],
    testTimeout: 60_000,
    // A hook may start a server process, a browser or a database: on a loaded machine that takes
    // longer than vitest's 10 s default (tests/security/log.test.ts's did on CI).
    hookTimeout: 60_000,
  },
});
