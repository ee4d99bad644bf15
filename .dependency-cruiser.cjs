// dependency-cruiser: no import cycles in shared/, server/, client/ and bin/ (type-only imports
// count: a cycle through types still ties the two modules together), no devDependency in what the
// server runs, no import that resolves to nothing. Checked in `npm test` by
// tests/architecture/cycles.test.ts; by hand: npx depcruise shared server client bin
// TypeScript 7 has no compiler API for dependency-cruiser to parse with, so swc parses the sources.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules that import each other, directly or through others: move what they share to a module of its own.",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-dev-dependency-at-run-time",
      severity: "error",
      comment:
        "The server image installs the dependencies only (npm ci --omit=dev) and ships the client prebuilt: " +
        "code the server runs (server/, shared/, bin/) may not import a devDependency. Tests may.",
      from: { path: "^(server|shared|bin)/", pathNot: "(\\.test\\.ts|/testing\\.ts)$" },
      to: { dependencyTypes: ["npm-dev"] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to no file: a typo, or a module that moved.",
      from: {},
      to: { couldNotResolve: true, pathNot: "^(node:|virtual:)" },
    },
  ],
  options: {
    parser: "swc",
    tsPreCompilationDeps: true,
    // Built client bundles (client/dist) and dependencies are not the project's sources.
    exclude: { path: "^client/dist/" },
    doNotFollow: { path: "node_modules" },
    moduleSystems: ["es6", "cjs"],
    // Packages' `exports` maps (tsx/esm/api, vite), as Node resolves them.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      mainFields: ["module", "main", "types"],
    },
  },
};
