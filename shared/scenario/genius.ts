// GENIUS import: a linear additive GENIUS domain (one domain file plus one preference profile per
// party) becomes a scenario of our format. Pure: the caller reads the files and passes their text.
//
// Semantics follow GENIUS's AdditiveUtilitySpace / EvaluatorDiscrete exactly:
//   u(bid) = Σ_i w_i · eval_i(v_i) / max_v eval_i(v)   (GENIUS caps it at 1; with weights summing
//   to 1 the cap never binds)
// - an option's value is its evaluation divided by the highest evaluation of that issue in the
//   profile; when that highest evaluation is below 1e-5 (all zero) GENIUS gives every option 0,
//   and so do we;
// - a weight is read from the `<weight index=…>` sibling of the issue with the same index, and is
//   kept as written (GENIUS does not rescale weights when it loads a file); weights on objectives
//   are ignored, as GENIUS's getUtility ignores them;
// - a value of the domain without an evaluation makes the profile incomplete (GENIUS's isComplete
//   reports it and its getUtility fails on it), so it is refused;
// - the reservation value is `<reservation value=…>` (0 when absent); the discount factor is read
//   only to say, in the summary, that it is not modelled;
// - `<similarity_function>` blocks inside an issue (the Car domains) are ignored, as GENIUS's
//   additive loader reads only the issue's direct `<item>` children.
// Anything else (integer or real issues, nonlinear/constraint utility spaces) is refused with one
// line that names the file and the reason.
import { stringify } from "yaml";
import { childrenByTag, descendants, parseXml, type XmlElement } from "./genius-xml.ts";
import { PLAIN_ID, type ScenarioInput } from "./schema.ts";

export interface GeniusFile {
  /** The file name (a path is fine: only its last segment is used). */
  name: string;
  xml: string;
}

export interface GeniusImportOptions {
  /** Scenario id; default: the domain file's name without `.xml` (and without a `-domain` suffix). */
  id?: string;
  title?: string;
  /** Default 2000: GENIUS domains carry no date. The ANAC folder's year is a good choice. */
  year?: number;
  /**
   * GENIUS files whose issue weights do not sum to 1 (within 1e-6) are refused unless this is
   * set; then the weights are divided by their sum, and the summary says so.
   */
  normalizeWeights?: boolean;
  /** Deadline in rounds; default 30 for two parties (alternating), 10 for more (multilateral). */
  rounds?: number;
}

/** Why an import was refused, for callers that sort refusals (the message says it in words). */
export type GeniusRefusal =
  | "not-xml"
  | "not-genius"
  | "non-discrete"
  | "nonlinear"
  | "no-weights"
  | "weights-sum"
  | "mismatch"
  | "incomplete"
  | "invalid"
  | "too-few-profiles";

export type GeniusImportResult =
  | { ok: true; scenario: ScenarioInput; notes: string[] }
  | { ok: false; error: string; reason: GeniusRefusal; file: string | null };

export const DEFAULT_GENIUS_YEAR = 2000;
export const ALTERNATING_ROUNDS = 30;
export const MULTILATERAL_ROUNDS = 10;
/** Tolerance on the sum of the weights, the same as the scenario schema's. */
export const WEIGHT_SUM_TOLERANCE = 1e-6;
/** GENIUS's EvaluatorDiscrete.normalize: a maximum below this gives every option 0. */
const GENIUS_MIN_MAX_EVALUATION = 0.00001;

/** Elements that only occur in GENIUS's nonlinear (hyper-rectangle) and constraint utility spaces. */
const NONLINEAR_TAGS = new Set(["utility", "ufun", "hyperRectangle", "INCLUDES", "EXCLUDES", "constraint", "rule"]);

class Refused extends Error {
  constructor(
    readonly file: string | null,
    readonly reason: GeniusRefusal,
    readonly why: string,
  ) {
    super(file === null ? why : `${file}: ${why}`);
  }
}

function refuse(file: string | null, reason: GeniusRefusal, why: string): never {
  throw new Refused(file, reason, why);
}

// ---------------------------------------------------------------------------------------------
// Reading the files

interface DomainIssue {
  index: string;
  name: string;
  values: string[];
}

interface Domain {
  file: string;
  issues: DomainIssue[];
}

interface ProfileData {
  file: string;
  /** Issue index → weight as written. */
  weights: Map<string, number>;
  /** Issue index → value → normalised evaluation in [0,1]. */
  values: Map<string, Map<string, number>>;
  reservation: number;
  discount: number | null;
  /** Issues whose evaluations were all (nearly) 0. */
  zeroIssues: string[];
  ignoredSimilarity: boolean;
}

/** The last segment of a path. */
export function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/** The file name without its directory and without `.xml`. */
export function fileStem(name: string): string {
  return baseName(name).replace(/\.xml$/i, "");
}

function parseFile(file: GeniusFile): XmlElement {
  const parsed = parseXml(file.xml);
  if (!parsed.ok) refuse(baseName(file.name), "not-xml", parsed.error);
  return parsed.root;
}

function number(text: string | undefined): number {
  if (text === undefined || text.trim() === "") return Number.NaN;
  return Number(text);
}

function quote(s: string): string {
  return JSON.stringify(s);
}

/** Issue types that are not discrete, from the attributes GENIUS files use (`type`, `vtype`, `etype`). */
function nonDiscreteType(issue: XmlElement): string | null {
  for (const key of ["type", "vtype", "etype"]) {
    const t = issue.attrs[key];
    if (t !== undefined && t.trim().toLowerCase() !== "discrete") return t.trim();
  }
  return null;
}

/** The `<utility_space>` of a domain file that holds its issues. */
function domainSpace(file: GeniusFile): XmlElement {
  const name = baseName(file.name);
  const root = parseFile(file);
  if (root.tag === "negotiation_template") {
    const found = childrenByTag(root, "utility_space")[0];
    if (!found) refuse(name, "not-genius", "the <negotiation_template> holds no <utility_space> with the issues");
    return found;
  }
  if (root.tag === "utility_space") {
    if (looksLikeProfile(root))
      refuse(name, "not-genius", "this is a preference profile (it has weights or evaluations), not a domain file");
    return root;
  }
  refuse(name, "not-genius", `not a GENIUS domain file (root element <${root.tag}>, expected <negotiation_template>)`);
}

function readDomain(name: string, space: XmlElement): Domain {
  const issues: DomainIssue[] = [];
  const seenIndex = new Set<string>();
  for (const { el } of descendants(space)) {
    if (el.tag !== "issue") continue;
    const issueName = el.attrs.name ?? "";
    const label = issueName.trim() === "" ? `with index ${el.attrs.index ?? "?"}` : quote(issueName);
    if (issueName.trim() === "") refuse(name, "invalid", `issue ${label} has no name`);
    const type = nonDiscreteType(el);
    if (type !== null)
      refuse(name, "non-discrete", `issue ${label} is of type ${type}; only discrete issues can be imported`);
    const index = el.attrs.index?.trim() ?? "";
    if (index === "") refuse(name, "invalid", `issue ${label} has no index`);
    if (seenIndex.has(index)) refuse(name, "invalid", `issue index ${index} is used twice`);
    seenIndex.add(index);
    const values: string[] = [];
    for (const item of childrenByTag(el, "item")) {
      const value = item.attrs.value;
      if (value === undefined || value.trim() === "") refuse(name, "invalid", `issue ${label} has an item without a value`);
      if (values.includes(value)) refuse(name, "invalid", `issue ${label} lists the value ${quote(value)} twice`);
      values.push(value);
    }
    if (values.length === 0) refuse(name, "invalid", `issue ${label} has no items`);
    issues.push({ index, name: issueName, values });
  }
  if (issues.length === 0) refuse(name, "invalid", "the domain has no issues");
  return { file: name, issues };
}

function looksLikeProfile(space: XmlElement): boolean {
  if (space.attrs.type !== undefined) return true;
  return descendants(space).some(
    ({ el }) =>
      el.tag === "weight" ||
      NONLINEAR_TAGS.has(el.tag) ||
      el.tag === "evaluator" ||
      (el.tag === "item" && el.attrs.evaluation !== undefined),
  );
}

/** The `<utility_space>` of a profile file, refused when it is not linear additive. */
function profileSpace(file: GeniusFile): XmlElement {
  const name = baseName(file.name);
  const root = parseFile(file);
  if (root.tag === "negotiation_template")
    refuse(name, "not-genius", "this is a domain file (<negotiation_template>), not a preference profile");
  if (root.tag !== "utility_space")
    refuse(name, "not-genius", `not a GENIUS preference profile (root element <${root.tag}>, expected <utility_space>)`);
  const spaceType = root.attrs.type?.trim() ?? "";
  if (spaceType !== "" && !["linear", "additive"].includes(spaceType.toLowerCase()))
    refuse(
      name,
      "nonlinear",
      `the utility space is of type ${quote(spaceType)}; only linear additive profiles can be imported`,
    );
  const nonlinear = descendants(root).find(({ el }) => NONLINEAR_TAGS.has(el.tag));
  if (nonlinear)
    refuse(
      name,
      "nonlinear",
      `nonlinear utility space (<${nonlinear.el.tag}> element); only linear additive profiles can be imported`,
    );
  return root;
}

function readProfile(name: string, root: XmlElement, domain: Domain): ProfileData {
  const all = descendants(root);
  const domainByIndex = new Map(domain.issues.map((i) => [i.index, i]));
  const issues = all.filter(({ el }) => el.tag === "issue");
  if (!all.some(({ el }) => el.tag === "weight"))
    refuse(name, "no-weights", "the profile has no issue weights (<weight> elements)");

  const weights = new Map<string, number>();
  const values = new Map<string, Map<string, number>>();
  const zeroIssues: string[] = [];
  let ignoredSimilarity = false;
  for (const { el, parent } of issues) {
    const index = el.attrs.index?.trim() ?? "";
    const issueName = el.attrs.name ?? "";
    const label = issueName.trim() === "" ? `with index ${index || "?"}` : quote(issueName);
    const type = nonDiscreteType(el);
    if (type !== null)
      refuse(name, "non-discrete", `issue ${label} is of type ${type}; only discrete issues can be imported`);
    const domainIssue = domainByIndex.get(index);
    if (!domainIssue)
      refuse(name, "mismatch", `issue ${label} (index ${index || "?"}) is not in the domain file ${domain.file}`);
    if (values.has(index)) refuse(name, "invalid", `issue index ${index} is used twice`);
    if (issueName.trim() !== "" && issueName.trim() !== domainIssue.name.trim())
      refuse(
        name,
        "mismatch",
        `issue ${index} is named ${quote(issueName)} but ${quote(domainIssue.name)} in the domain file ${domain.file}`,
      );

    // Evaluations, keyed by value as GENIUS does (ValueDiscrete equality is by value string).
    const evals = new Map<string, number>();
    for (const item of childrenByTag(el, "item")) {
      const value = item.attrs.value;
      if (value === undefined) refuse(name, "invalid", `issue ${label} has an item without a value`);
      const text = item.attrs.evaluation;
      if (text === undefined || text === "null") continue; // GENIUS skips it; completeness is checked below
      if (!domainIssue.values.includes(value))
        refuse(name, "mismatch", `issue ${label}: the value ${quote(value)} is not in the domain file ${domain.file}`);
      if (evals.has(value)) refuse(name, "invalid", `issue ${label}: the value ${quote(value)} is evaluated twice`);
      const e = number(text);
      if (!Number.isFinite(e) || e < 0)
        refuse(name, "invalid", `issue ${label}: the evaluation ${quote(text)} of ${quote(value)} is not a number ≥ 0`);
      evals.set(value, e);
    }
    for (const value of domainIssue.values)
      if (!evals.has(value))
        refuse(name, "incomplete", `issue ${label}: the value ${quote(value)} has no evaluation`);
    if (childrenByTag(el, "similarity_function").length > 0) ignoredSimilarity = true;

    const max = Math.max(...evals.values());
    const normalised = new Map<string, number>();
    for (const value of domainIssue.values) {
      const e = evals.get(value) ?? 0;
      normalised.set(value, max < GENIUS_MIN_MAX_EVALUATION ? 0 : e / max);
    }
    if (max < GENIUS_MIN_MAX_EVALUATION) zeroIssues.push(domainIssue.name);
    values.set(index, normalised);

    // The weight with the issue's index among the issue's siblings, as GENIUS's loadTreeRecursive.
    const weightEl = childrenByTag(parent, "weight").find((w) => w.attrs.index?.trim() === index);
    if (!weightEl) refuse(name, "no-weights", `issue ${label} (index ${index}) has no weight`);
    const w = number(weightEl.attrs.value);
    if (!Number.isFinite(w) || w < 0 || w > 1)
      refuse(name, "invalid", `the weight of issue ${label} is ${quote(weightEl.attrs.value ?? "")}, not a number in [0,1]`);
    weights.set(index, w);
  }
  for (const issue of domain.issues)
    if (!values.has(issue.index))
      refuse(name, "mismatch", `the domain's issue ${quote(issue.name)} (index ${issue.index}) is missing from the profile`);

  const reservationEl = childrenByTag(root, "reservation")[0] ?? all.find(({ el }) => el.tag === "reservation")?.el;
  let reservation = 0;
  if (reservationEl) {
    reservation = number(reservationEl.attrs.value);
    if (!Number.isFinite(reservation) || reservation < 0 || reservation > 1)
      refuse(name, "invalid", `the reservation value ${quote(reservationEl.attrs.value ?? "")} is not a number in [0,1]`);
  }
  const discountEl = childrenByTag(root, "discount_factor")[0] ?? all.find(({ el }) => el.tag === "discount_factor")?.el;
  let discount: number | null = null;
  if (discountEl) {
    // GENIUS's validateDiscount: a factor outside (0,1] means no discounting.
    const d = number(discountEl.attrs.value);
    if (Number.isFinite(d) && d > 0 && d < 1) discount = d;
  }
  return { file: name, weights, values, reservation, discount, zeroIssues, ignoredSimilarity };
}

// ---------------------------------------------------------------------------------------------
// Ids

/** A string made into an id of the schema (`^[A-Za-z0-9][A-Za-z0-9_.-]*$`), or "" when nothing is left. */
export function sanitizeId(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .replace(/[-_.]+$/, "");
}

function uniqueId(text: string, fallback: string, taken: Set<string>): string {
  const base = sanitizeId(text) || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

// ---------------------------------------------------------------------------------------------
// The import

/**
 * Imports a GENIUS domain and its preference profiles (one delegation per profile, in the order
 * given). Returns a plain scenario object ready to dump as YAML, or one line saying which file is
 * refused and why.
 */
export function importGenius(
  domain: GeniusFile,
  profiles: readonly GeniusFile[],
  opts: GeniusImportOptions = {},
): GeniusImportResult {
  try {
    return build(domain, profiles, opts);
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.message, reason: e.reason, file: e.file };
    throw e;
  }
}

function build(domainFile: GeniusFile, profileFiles: readonly GeniusFile[], opts: GeniusImportOptions): GeniusImportResult {
  const domainName = baseName(domainFile.name);
  if (opts.id !== undefined && !PLAIN_ID.test(opts.id))
    refuse(null, "invalid", `the scenario id ${quote(opts.id)} must be letters, digits, '-', '_' or '.', starting with a letter or digit`);
  const year = opts.year ?? DEFAULT_GENIUS_YEAR;
  if (!Number.isInteger(year) || year < 1900 || year > 2100)
    refuse(null, "invalid", `the year ${year} is not a whole year between 1900 and 2100`);
  if (opts.rounds !== undefined && (!Number.isInteger(opts.rounds) || opts.rounds < 1 || opts.rounds > 1000))
    refuse(null, "invalid", `the deadline of ${opts.rounds} rounds is not a whole number between 1 and 1000`);

  // Files first, then what they say: a nonlinear profile is refused as such even when its domain
  // also has integer issues (the ANAC 2014 domains), and every file is checked before the count.
  const space = domainSpace(domainFile);
  const profileSpaces = profileFiles.map((f) => ({ name: baseName(f.name), root: profileSpace(f) }));
  const domain = readDomain(domainName, space);
  const profiles = profileSpaces.map((p) => readProfile(p.name, p.root, domain));
  if (profiles.length < 2)
    refuse(
      domainName,
      "too-few-profiles",
      `${profiles.length === 0 ? "no preference profile" : `only one preference profile (${profiles[0]!.file})`} given; a negotiation needs at least 2`,
    );

  const rescaled: string[] = [];
  for (const p of profiles) {
    const sum = [...p.weights.values()].reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE) continue;
    if (!opts.normalizeWeights || sum <= 0)
      refuse(
        p.file,
        "weights-sum",
        `the issue weights sum to ${+sum.toPrecision(10)}, not 1; GENIUS uses weights as written, and rescaling them must be asked for (--normalize-weights)`,
      );
    for (const [k, w] of p.weights) p.weights.set(k, w / sum);
    rescaled.push(`${p.file} (sum ${+sum.toPrecision(10)})`);
  }
  const rescaleNote =
    rescaled.length === 0 ? null : `The issue weights were rescaled to sum to 1 in ${rescaled.join(", ")}.`;

  // Ids: issues and options from the domain, delegations from the profile file names.
  const issueIds = new Set<string>();
  const issues = domain.issues.map((issue, i) => {
    const id = uniqueId(issue.name, `issue-${i + 1}`, issueIds);
    const optionIds = new Set<string>();
    // Values are matched as written (GENIUS compares the exact text); labels and titles are trimmed.
    const options = issue.values.map((value, j) => ({
      id: uniqueId(value, `option-${j + 1}`, optionIds),
      label: value.trim(),
      value,
    }));
    return { source: issue, id, title: issue.name.trim(), options };
  });
  const delegationIds = new Set<string>();
  const stem = fileStem(domainName);
  const domainLabel = stem.replace(/[-_ ]?domain$/i, "") || stem;

  const delegations = profiles.map((p, k) => {
    const id = uniqueId(fileStem(p.file), `party-${k + 1}`, delegationIds);
    const weights: Record<string, number> = {};
    const values: Record<string, Record<string, number>> = {};
    for (const issue of issues) {
      weights[issue.id] = p.weights.get(issue.source.index)!;
      const byValue = p.values.get(issue.source.index)!;
      values[issue.id] = Object.fromEntries(issue.options.map((o) => [o.id, byValue.get(o.value)!]));
    }
    const ranked = [...issues].sort((a, b) => weights[b.id]! - weights[a.id]!).slice(0, 3);
    const priorities = ranked.map((issue) => {
      const best = issue.options.reduce((a, b) => (values[issue.id]![b.id]! > values[issue.id]![a.id]! ? b : a));
      return `${issue.title} (weight ${round(weights[issue.id]!)}, best for you: ${best.label})`;
    });
    const name = fileStem(p.file);
    return {
      id,
      name,
      publicBrief: `${name} is one party of the negotiation domain "${domainLabel}", imported from GENIUS. Its preferences are private.`,
      privateBrief:
        `Your preferences are the GENIUS profile ${p.file}. ` +
        `What matters most to you: ${priorities.join("; ")}. ` +
        `Walking away without a deal is worth ${round(p.reservation)} to you.`,
      profile: { weights, values, reservationValue: p.reservation },
    };
  });

  const discounts = profiles.filter((p) => p.discount !== null);
  const discountNote =
    discounts.length === 0
      ? null
      : `The discount factor${discounts.length > 1 ? "s" : ""} in the GENIUS files (${discounts
          .map((p) => `${p.file}: ${p.discount}`)
          .join(", ")}) ${discounts.length > 1 ? "are" : "is"} not modelled.`;
  const notes = [rescaleNote, discountNote].filter((n): n is string => n !== null);
  for (const p of profiles)
    if (p.zeroIssues.length > 0)
      notes.push(`${p.file}: every evaluation of ${p.zeroIssues.map(quote).join(", ")} is 0, so all its options are worth 0, as in GENIUS.`);
  if (profiles.some((p) => p.ignoredSimilarity))
    notes.push("The <similarity_function> blocks of the profiles are ignored, as GENIUS's linear additive loader ignores them.");

  const multilateral = delegations.length > 2;
  const packages = issues.reduce((n, i) => n * i.options.length, 1);
  const summary = [
    `Imported from the GENIUS negotiation domain ${domainName} with ${profiles.length} preference profiles ` +
      `(${profiles.map((p) => p.file).join(", ")}): ${issues.length} issue${issues.length > 1 ? "s" : ""}, ${packages} possible packages.`,
    "Utilities are linear additive as in GENIUS: an option's value is its evaluation divided by the issue's highest evaluation in the profile, weighted by the profile's issue weight.",
    discountNote,
    rescaleNote,
  ]
    .filter((n): n is string => n !== null)
    .join(" ");

  const scenario: ScenarioInput = {
    id: opts.id ?? (sanitizeId(domainLabel) || "genius-domain"),
    title: opts.title ?? `${domainLabel} (GENIUS domain)`,
    year,
    summary,
    sources: [
      {
        fact: "Issues, options, weights, evaluations and reservation values are those of the GENIUS domain and profile files.",
        source: `GENIUS negotiation files ${[domainName, ...profiles.map((p) => p.file)].join(", ")}`,
      },
    ],
    protocol: multilateral ? "multilateral" : "alternating",
    deadline: { rounds: opts.rounds ?? (multilateral ? MULTILATERAL_ROUNDS : ALTERNATING_ROUNDS) },
    // Multilateral: every delegation must accept, as in GENIUS's multilateral protocols.
    ...(multilateral ? { agreement: { required: delegations.map((d) => d.id), quorum: delegations.length } } : {}),
    delegations,
    issues: issues.map(({ id, title, options }) => ({ id, title, options: options.map(({ id, label }) => ({ id, label })) })),
  };
  return { ok: true, scenario, notes };
}

function round(x: number): string {
  return String(Math.round(x * 100) / 100);
}

// ---------------------------------------------------------------------------------------------
// Folders

export interface GeniusClassification {
  domain: GeniusFile | null;
  profiles: GeniusFile[];
  skipped: { name: string; reason: string }[];
  /** Set when no single domain file can be told apart (none, or several). */
  error?: string;
}

/**
 * Sorts the XML files of a GENIUS folder: the domain (root `<negotiation_template>`, or a
 * `<utility_space>` without weights or evaluations), the preference profiles (a `<utility_space>`
 * with weights, evaluations or a nonlinear utility, in the order given), and the rest (GENIUS's
 * own `pareto.xml`, files that are not XML or not GENIUS).
 */
export function classifyGeniusFiles(files: readonly GeniusFile[]): GeniusClassification {
  const domains: GeniusFile[] = [];
  const profiles: GeniusFile[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const file of files) {
    const name = baseName(file.name);
    if (name.toLowerCase() === "pareto.xml") {
      skipped.push({ name, reason: "GENIUS's Pareto frontier output, not a domain or a profile" });
      continue;
    }
    const parsed = parseXml(file.xml);
    if (!parsed.ok) {
      skipped.push({ name, reason: parsed.error });
      continue;
    }
    const root = parsed.root;
    if (root.tag === "negotiation_template") domains.push(file);
    else if (root.tag === "utility_space") (looksLikeProfile(root) ? profiles : domains).push(file);
    else skipped.push({ name, reason: `not a GENIUS file (root element <${root.tag}>)` });
  }
  if (domains.length === 1) return { domain: domains[0]!, profiles, skipped };
  if (domains.length === 0) {
    const error = `no GENIUS domain file (root <negotiation_template>) among ${files.map((f) => baseName(f.name)).join(", ") || "no files"}`;
    return { domain: null, profiles, skipped, error };
  }
  const named = domains.filter((f) => /domain/i.test(baseName(f.name)));
  if (named.length === 1) {
    for (const f of domains)
      if (f !== named[0]) skipped.push({ name: baseName(f.name), reason: `a second domain file; ${baseName(named[0]!.name)} is used` });
    return { domain: named[0]!, profiles, skipped };
  }
  const names = domains.map((f) => baseName(f.name)).join(", ");
  for (const f of domains) skipped.push({ name: baseName(f.name), reason: "one of several domain files" });
  return { domain: null, profiles, skipped, error: `several GENIUS domain files, cannot tell which to use: ${names}` };
}

/** Classifies the files of one GENIUS folder and imports them. */
export function importGeniusFiles(files: readonly GeniusFile[], opts: GeniusImportOptions = {}): GeniusImportResult {
  const sorted = classifyGeniusFiles(files);
  if (!sorted.domain) return { ok: false, error: sorted.error ?? "no GENIUS domain file", reason: "not-genius", file: null };
  return importGenius(sorted.domain, sorted.profiles, opts);
}

/** The ANAC year of a folder path such as `…/anac/y2012/CarA`, or undefined. */
export function anacYear(path: string): number | undefined {
  const m = /(?:^|[\\/])y((?:19|20)\d\d)(?:[\\/]|$)/.exec(path);
  return m ? Number(m[1]) : undefined;
}

/** The scenario as YAML text (for `scenario.yaml`). */
export function scenarioToYaml(scenario: ScenarioInput): string {
  return stringify(scenario, { lineWidth: 0 });
}
