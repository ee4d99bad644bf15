// What depends only on the scenario, worked out once per scenario object and shared by all its
// games: lookup tables for checking packages and injects, the profiles a game starts from (and
// those the injects make of them), and the public scenario every view shows. A scenario never
// changes (see types.ts), so its identity is the cache key; everything handed out from here is
// frozen, since every game of the scenario shares it.
import type { Delegation, Inject, Profile, ProfileChange, Scenario } from "../scenario/schema.ts";
import type { DeepReadonly, PublicScenario, ReadonlyProfile } from "./types.ts";

export interface ScenarioFacts {
  /** Issue id → its option ids (a Map, so an issue id such as `__proto__` is only a key). */
  readonly options: ReadonlyMap<string, ReadonlySet<string>>;
  /** The option ids of each issue, in scenario order. */
  readonly optionSets: readonly ReadonlySet<string>[];
  /** Issue ids in scenario order. */
  readonly issueIds: readonly string[];
  /** Delegation ids in scenario order (a game's `order`). */
  readonly order: readonly string[];
  /** Delegation id → the (first) delegation of that id. */
  readonly delegations: ReadonlyMap<string, Delegation>;
  /** Inject id → the (first) inject of that id. */
  readonly injects: ReadonlyMap<string, Inject>;
  /** True when some inject fires by itself at the start of a round. */
  readonly roundInjects: boolean;
  /** Delegation id → its profile as the scenario wrote it (a frozen copy). */
  readonly profiles: Readonly<Record<string, ReadonlyProfile>>;
  /** The adoption rule as `createGame` sets it: the required delegations (both ways of marking them) and the quorum. */
  readonly agreement: { readonly required: readonly string[]; readonly quorum: number };
}

/** Freeze an object and everything it holds. */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value as DeepReadonly<T>;
}

/**
 * Facts by scenario object. Invisible (everything in them follows from the scenario, which never
 * changes) and bounded (an entry goes when its scenario does).
 */
const facts = new WeakMap<Scenario, ScenarioFacts>();

function buildFacts(scenario: Scenario): ScenarioFacts {
  const options = new Map<string, ReadonlySet<string>>();
  for (const issue of scenario.issues) options.set(issue.id, new Set(issue.options.map((o) => o.id)));
  const profiles: Record<string, ReadonlyProfile> = {};
  for (const d of scenario.delegations) profiles[d.id] = deepFreeze(structuredClone(d.profile));
  const delegations = new Map<string, Delegation>();
  for (const d of scenario.delegations) if (!delegations.has(d.id)) delegations.set(d.id, d);
  const injects = new Map<string, Inject>();
  for (const inject of scenario.injects) if (!injects.has(inject.id)) injects.set(inject.id, inject);
  const required = [...scenario.agreement.required];
  for (const d of scenario.delegations) if (d.required && !required.includes(d.id)) required.push(d.id);
  return {
    options,
    optionSets: scenario.issues.map((i) => options.get(i.id)!),
    issueIds: scenario.issues.map((i) => i.id),
    order: Object.freeze(scenario.delegations.map((d) => d.id)),
    delegations,
    injects,
    roundInjects: scenario.injects.some((i) => typeof i.trigger === "object"),
    profiles: Object.freeze(profiles),
    agreement: deepFreeze({ required, quorum: scenario.agreement.quorum ?? scenario.delegations.length }),
  };
}

export function scenarioFacts(scenario: Scenario): ScenarioFacts {
  let f = facts.get(scenario);
  if (!f) facts.set(scenario, (f = buildFacts(scenario)));
  return f;
}

/**
 * A profile as one inject change leaves it (frozen). Made once per (profile, change): every game
 * whose inject fires on the same profile gets the same object, so what is worked out per profile
 * (a bot's sorted outcome space) is found again by identity.
 */
const changed = new WeakMap<ReadonlyProfile, WeakMap<ProfileChange, ReadonlyProfile>>();

export function changedProfile(old: ReadonlyProfile, change: ProfileChange): ReadonlyProfile {
  let byChange = changed.get(old);
  if (!byChange) changed.set(old, (byChange = new WeakMap()));
  let profile = byChange.get(change);
  if (!profile) {
    const values: Profile["values"] = { ...old.values };
    for (const [issueId, options] of Object.entries(change.values ?? {})) {
      values[issueId] = { ...old.values[issueId], ...options };
    }
    profile = deepFreeze({
      weights: change.weights ? { ...change.weights } : old.weights,
      values,
      reservationValue: change.reservationValue ?? old.reservationValue,
      redLines: old.redLines,
    });
    byChange.set(change, profile);
  }
  return profile;
}

/**
 * Public scenarios by scenario, then by the adoption rule they show: by the rule object itself
 * (every state of a game shares its `agreement`), else by its contents (`quorum|required,…`; a
 * state read back from JSON brings a rule object of its own). Invisible and bounded like `facts`.
 */
const publics = new WeakMap<Scenario, { byObject: WeakMap<object, PublicScenario>; byRule: Map<string, PublicScenario> }>();

/** The scenario without profiles, private briefs, phrases, injects or the historical outcome (built once, frozen). */
export function cachedPublicScenario(
  scenario: Scenario,
  agreement: { readonly required: readonly string[]; readonly quorum: number },
): PublicScenario {
  let cache = publics.get(scenario);
  if (!cache) publics.set(scenario, (cache = { byObject: new WeakMap(), byRule: new Map() }));
  let view = cache.byObject.get(agreement);
  if (view !== undefined) return view;
  const rule = `${agreement.quorum}|${agreement.required.join(",")}`;
  view = cache.byRule.get(rule);
  if (view === undefined) {
    const required = [...agreement.required];
    view = deepFreeze({
      id: scenario.id,
      title: scenario.title,
      year: scenario.year,
      summary: scenario.summary,
      sources: structuredClone(scenario.sources),
      protocol: scenario.protocol,
      ...(scenario.chair !== undefined ? { chair: scenario.chair } : {}),
      deadline: structuredClone(scenario.deadline),
      delegations: scenario.delegations.map((d) => ({
        id: d.id,
        name: d.name,
        publicBrief: d.publicBrief,
        seats: { ...d.seats },
        required: required.includes(d.id),
      })),
      issues: structuredClone(scenario.issues),
      agreement: { required, quorum: agreement.quorum },
    });
    cache.byRule.set(rule, view);
  }
  cache.byObject.set(agreement, view);
  return view;
}
