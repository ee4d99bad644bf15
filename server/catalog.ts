// The scenarios a table can be created with: every valid scenario.yaml under the scenarios folder,
// looked up by id only (never by path: a client names an id, not a file).
import { join } from "node:path";
import type { Scenario } from "../shared/scenario/schema.ts";
import { log } from "./log.ts";
import { loadScenarioFile, loadTranslations, registerTranslations, scenarioIds } from "./scenarios.ts";
import type { Translations } from "../shared/scenario/overlay.ts";

export class ScenarioCatalog {
  private readonly scenarios = new Map<string, Scenario>();
  private readonly overlays = new Map<string, Translations>();

  constructor(readonly dir: string) {}

  /** Read every scenario; a broken one is skipped with its errors logged, never fatal. */
  loadAll(): void {
    for (const id of scenarioIds(this.dir)) this.load(id);
  }

  private load(id: string): Scenario | null {
    const result = loadScenarioFile(join(this.dir, id));
    if (!result.ok) {
      log.warn(`scenario ${id} skipped`, { errors: result.errors });
      return null;
    }
    if (result.scenario.id !== id) {
      log.warn(`scenario ${id} skipped: its id is '${result.scenario.id}', not its folder's name`);
      return null;
    }
    // A broken translation is left out (logged); the scenario still plays in English.
    const translated = loadTranslations(join(this.dir, id), result.scenario);
    if (translated.errors.length > 0) log.warn(`scenario ${id}: translations skipped`, { errors: translated.errors });
    this.overlays.set(id, translated.translations);
    registerTranslations(result.scenario, translated.translations);
    this.scenarios.set(id, result.scenario);
    return result.scenario;
  }

  /** A scenario by id; one added to the folder since the start is picked up. */
  get(id: string): Scenario | null {
    const known = this.scenarios.get(id);
    if (known) return known;
    return scenarioIds(this.dir).includes(id) ? this.load(id) : null;
  }

  /** A scenario's translations, language tag → overlay (`{}` when it has none or is unknown). */
  translations(id: string): Translations {
    return this.get(id) ? (this.overlays.get(id) ?? {}) : {};
  }

  list(): Scenario[] {
    return [...this.scenarios.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
