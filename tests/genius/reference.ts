// An independent reading of GENIUS files for the tests: no XML library and none of the importer's
// code, just a tag scanner and GENIUS's formula written out again
//   u(bid) = min(1, Σ_i w_i · eval_i(bid_i) / max_v eval_i(v))   (0 for an issue whose max < 1e-5)
// with issues matched by index and values by their text, as in GENIUS's AdditiveUtilitySpace.

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attrs: Record<string, string>;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const n = code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return String.fromCodePoint(n);
    }
    return ENTITIES[code] ?? whole;
  });
}

function* scan(xml: string): Generator<Tag> {
  const body = xml.replace(/<!--[\s\S]*?-->/g, "").replace(/<\?[\s\S]*?\?>/g, "");
  const tagRe = /<(\/?)([A-Za-z_][\w.:-]*)([^>]*?)(\/?)>/g;
  for (let m = tagRe.exec(body); m; m = tagRe.exec(body)) {
    const attrs: Record<string, string> = {};
    const attrRe = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
    for (let a = attrRe.exec(m[3]!); a; a = attrRe.exec(m[3]!)) attrs[a[1]!] = decode(a[2] ?? a[3] ?? "");
    yield { name: m[2]!, closing: m[1] === "/", selfClosing: m[4] === "/", attrs };
  }
}

export interface ReferenceIssue {
  index: string;
  name: string;
  values: string[];
}

/** The issues of a domain file: index, name and the values in file order. */
export function referenceDomain(xml: string): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  let current: ReferenceIssue | null = null;
  for (const tag of scan(xml)) {
    if (tag.name === "issue" && !tag.closing) {
      current = { index: tag.attrs.index!, name: tag.attrs.name!, values: [] };
      issues.push(current);
      if (tag.selfClosing) current = null;
    } else if (tag.name === "issue" && tag.closing) current = null;
    else if (tag.name === "item" && !tag.closing && current) current.values.push(tag.attrs.value!);
  }
  return issues;
}

export interface ReferenceProfile {
  weights: Map<string, number>;
  evaluations: Map<string, Map<string, number>>;
  reservation: number;
}

export function referenceProfile(xml: string): ReferenceProfile {
  const weights = new Map<string, number>();
  const evaluations = new Map<string, Map<string, number>>();
  let reservation = 0;
  const stack: string[] = [];
  let issue: string | null = null;
  for (const tag of scan(xml)) {
    if (tag.closing) {
      const open = stack.pop();
      if (open === "issue") issue = null;
      continue;
    }
    const parent = stack[stack.length - 1];
    if (tag.name === "issue") {
      issue = tag.attrs.index!;
      evaluations.set(issue, new Map());
    } else if (tag.name === "item" && parent === "issue" && issue !== null && tag.attrs.evaluation !== undefined) {
      evaluations.get(issue)!.set(tag.attrs.value!, Number(tag.attrs.evaluation));
    } else if (tag.name === "weight") {
      weights.set(tag.attrs.index!, Number(tag.attrs.value));
    } else if (tag.name === "reservation") {
      reservation = Number(tag.attrs.value);
    }
    if (!tag.selfClosing) stack.push(tag.name);
  }
  return { weights, evaluations, reservation };
}

/**
 * GENIUS's utility of a bid (issue index → value text). With `rescale`, the weights are first
 * divided by their sum over the domain's issues (what the importer does when asked to normalise).
 */
export function referenceUtility(
  domain: ReferenceIssue[],
  profile: ReferenceProfile,
  bid: Map<string, string>,
  rescale = false,
): number {
  const sum = rescale ? domain.reduce((s, i) => s + (profile.weights.get(i.index) ?? 0), 0) : 1;
  let u = 0;
  for (const issue of domain) {
    const evals = profile.evaluations.get(issue.index)!;
    const max = Math.max(...evals.values());
    const e = evals.get(bid.get(issue.index)!)!;
    u += ((profile.weights.get(issue.index) ?? 0) / sum) * (max < 0.00001 ? 0 : e / max);
  }
  return Math.min(1, u);
}
