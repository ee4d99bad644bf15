// Test helpers: the fixture scenarios, read from tests/fixtures.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { Scenario, type ScenarioInput } from "../../shared/scenario/schema.ts";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/**
 * The Node flags `npm start` runs the server with (package.json's start script, the arguments between
 * `node` and `bin/server.js`): the tests and benches start their servers with the same ones.
 */
export const serverNodeFlags: readonly string[] = (() => {
  const start = (JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
  const run = /(?:^|&& )node ((?:--\S+ )*)bin\/server\.js/.exec(start);
  if (!run) throw new Error(`package.json's start script does not run 'node … bin/server.js': ${start}`);
  return run[1]!.trim().split(" ").filter(Boolean);
})();
export const fixturesDir = join(projectRoot, "tests/fixtures");
/** The team folder's GENIUS data: read in place, never copied into the project. */
export const geniusDir = resolve(projectRoot, "../shared/data/genius");

export type FixtureId = "bilateral-test" | "multilateral-test";

export function fixturePath(id: FixtureId): string {
  return join(fixturesDir, "scenarios", id, "scenario.yaml");
}

/** The fixture as raw data (before defaults), for tests that break it on purpose. */
export function fixtureData(id: FixtureId): ScenarioInput {
  return YAML.parse(readFileSync(fixturePath(id), "utf8")) as ScenarioInput;
}

export function fixture(id: FixtureId): Scenario {
  return Scenario.parse(fixtureData(id));
}
