// The scenario format: what a scenario.yaml holds, as zod schemas and the types inferred from them.
// Structural checks live here; checks that need the whole scenario (ids, sums, a zone of agreement)
// live in checks.ts so that their messages can name the exact field.
import { z } from "zod";

/** Ids are used in URLs, YAML keys and CSV columns: keep them plain. The one pattern of a scenario's ids (its own, its issues', options', delegations'). */
export const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const Id = z
  .string()
  .regex(PLAIN_ID, "must be letters, digits, '-', '_' or '.', starting with a letter or digit");

const Text = z.string().trim().min(1, "must not be empty");
const Unit = z.number().min(0, "must be at least 0").max(1, "must be at most 1");

export const Source = z.strictObject({
  /** A dated public fact the scenario relies on. */
  fact: Text,
  /** Where it can be checked: a document, an article, a page. */
  source: Text,
  date: z.string().optional(),
});

export const Option = z.strictObject({
  id: Id,
  label: Text,
  description: z.string().default(""),
});

export const Issue = z.strictObject({
  id: Id,
  title: Text,
  description: z.string().default(""),
  options: z.array(Option).min(1, "an issue needs at least one option"),
});

export const RedLine = z.strictObject({
  issue: Id,
  option: Id,
  /** Why the delegation can never sign it: shown in its private brief view. */
  reason: z.string().optional(),
});

/** Issue id → option id: one chosen option per issue. */
export const Package = z.record(Id, Id);

export const Profile = z.strictObject({
  /** Issue id → weight; the weights sum to 1. */
  weights: z.record(Id, Unit),
  /** Issue id → option id → value in [0,1]. */
  values: z.record(Id, z.record(Id, Unit)),
  /** The utility of walking away (the BATNA). */
  reservationValue: Unit,
  redLines: z.array(RedLine).default([]),
});

export const Delegation = z.strictObject({
  id: Id,
  name: Text,
  publicBrief: Text,
  privateBrief: Text,
  seats: z
    .strictObject({
      min: z.number().int().min(0),
      max: z.number().int().min(1),
    })
    .default({ min: 1, max: 1 }),
  /** A deal needs this delegation's acceptance. Written here or in `agreement.required`. */
  required: z.boolean().default(false),
  profile: Profile,
  /**
   * Sentences a bot of this delegation may say, keyed by issue id or by a general situation
   * (`propose`, `accept`, `reject`). Optional; bots fall back on general templates.
   */
  phrases: z.record(z.string(), z.array(Text)).default({}),
});

/** How an inject changes one delegation's private profile. */
export const ProfileChange = z.strictObject({
  delegation: Id,
  /** A complete new set of weights (they must again sum to 1). */
  weights: z.record(Id, Unit).optional(),
  /** New values for some options; the others keep theirs. */
  values: z.record(Id, z.record(Id, Unit)).optional(),
  reservationValue: Unit.optional(),
  /** A private note to the delegation explaining what changed for it. */
  note: z.string().optional(),
});

export const Inject = z.strictObject({
  id: Id,
  title: Text,
  /** The news as every delegation reads it. */
  text: Text,
  /** Fired at the start of a round, or by the facilitator when they choose. */
  trigger: z.union([z.literal("facilitator"), z.strictObject({ round: z.number().int().min(1) })]),
  changes: z.array(ProfileChange).default([]),
});

export const Scenario = z.strictObject({
  id: Id,
  title: Text,
  year: z.number().int().min(1900).max(2100),
  summary: Text,
  sources: z.array(Source).default([]),
  protocol: z.enum(["alternating", "multilateral"]),
  /** Multilateral only: a chair who tables every text instead of a rotating proposer. */
  chair: Id.optional(),
  /** Who moves first; when absent the seeded generator picks. */
  firstMover: Id.optional(),
  deadline: z.strictObject({
    rounds: z.number().int().min(1).max(1000),
    secondsPerTurn: z.number().int().min(5).max(7 * 24 * 3600).default(120),
  }),
  delegations: z.array(Delegation).min(2, "a negotiation needs at least two delegations"),
  issues: z.array(Issue).min(1, "a negotiation needs at least one issue"),
  agreement: z
    .strictObject({
      /** Delegations whose acceptance every deal needs (added to those marked `required`). */
      required: z.array(Id).default([]),
      /** How many delegations must accept, at least (default: all of them). */
      quorum: z.number().int().min(1).optional(),
    })
    .default({ required: [] }),
  injects: z.array(Inject).default([]),
  historicalOutcome: z
    .strictObject({
      package: Package,
      note: Text,
    })
    .optional(),
});

export type ScenarioInput = z.input<typeof Scenario>;
export type Scenario = z.output<typeof Scenario>;
export type Delegation = Scenario["delegations"][number];
export type Issue = Scenario["issues"][number];
export type Option = Issue["options"][number];
export type Profile = Delegation["profile"];
export type RedLine = Profile["redLines"][number];
export type Inject = Scenario["injects"][number];
export type ProfileChange = Inject["changes"][number];
export type Package = Record<string, string>;
