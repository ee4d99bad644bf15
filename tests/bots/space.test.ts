// The bots' precomputed own space against a brute-force enumeration of the packages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { packageAt, redLinesCrossed, utility } from "../../shared/analysis/utility.ts";
import { crossesRedLine, indexOfPackage, ownSpace, packageOf, positionFor, utilityAt } from "../../shared/bots/space.ts";
import type { Issue, Profile } from "../../shared/scenario/schema.ts";
import { outcomeSpace } from "../../shared/analysis/utility.ts";
import { bilateral } from "./scenarios.ts";

const arbitrarySpace = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 })
  .chain((radices) => {
    const issues: Issue[] = radices.map((r, i) => ({
      id: `i${i}`,
      title: `Issue ${i}`,
      description: "",
      options: Array.from({ length: r }, (_, o) => ({ id: `o${o}`, label: `Option ${o}`, description: "" })),
    }));
    const values = fc.tuple(...radices.map((r) => fc.array(fc.integer({ min: 0, max: 10 }), { minLength: r, maxLength: r })));
    const weights = fc.array(fc.integer({ min: 1, max: 10 }), { minLength: radices.length, maxLength: radices.length });
    const redLines = fc.array(fc.tuple(fc.nat(radices.length - 1), fc.nat(4)), { maxLength: 3 });
    return fc.tuple(fc.constant(issues), values, weights, redLines, fc.integer({ min: 0, max: 10 }));
  })
  .map(([issues, values, weights, redLines, r]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    const profile: Profile = {
      weights: Object.fromEntries(issues.map((issue, i) => [issue.id, weights[i]! / total])),
      values: Object.fromEntries(issues.map((issue, i) => [issue.id, Object.fromEntries(issue.options.map((o, k) => [o.id, values[i]![k]! / 10]))])),
      reservationValue: r / 10,
      redLines: redLines
        .filter(([i, o]) => o < issues[i]!.options.length)
        .map(([i, o]) => ({ issue: issues[i]!.id, option: issues[i]!.options[o]!.id })),
    };
    return { issues, profile };
  });

describe("the own space", () => {
  it("lists exactly the signable packages, best first, with their exact utilities", () => {
    fc.assert(
      fc.property(arbitrarySpace, ({ issues, profile }) => {
        const space = ownSpace(issues, profile);
        const reference = outcomeSpace(issues, [{ id: "me", profile }]);
        const signable: [number, number][] = [];
        const wrong: string[] = [];
        for (let p = 0; p < reference.size; p++) {
          const pkg = packageAt(reference, p);
          const crossed = redLinesCrossed(profile, pkg).length > 0;
          if (crossesRedLine(space, p) !== crossed) wrong.push(`red line of ${p}`);
          if (Math.abs(utilityAt(space, p) - utility(profile, pkg)) > 1e-12) wrong.push(`utility of ${p}`);
          if (JSON.stringify(packageOf(space, p)) !== JSON.stringify(pkg)) wrong.push(`package ${p}`);
          if (indexOfPackage(space, pkg) !== p) wrong.push(`index of ${p}`);
          if (!crossed) signable.push([p, utility(profile, pkg)]);
        }
        expect(wrong).toEqual([]);
        expect(space.order.length).toBe(signable.length);
        const listed = new Set(space.order);
        for (const [p] of signable) expect(listed.has(p)).toBe(true);
        for (let k = 1; k < space.utils.length; k++) if (space.utils[k]! > space.utils[k - 1]!) wrong.push(`order at ${k}`);
        for (let k = 0; k < space.order.length; k++) if (space.utils[k] !== utilityAt(space, space.order[k]!)) wrong.push(`utils[${k}]`);
        expect(wrong).toEqual([]);
        // positionFor: the least good package still at or above the target.
        for (const target of [0, 0.25, 0.5, 0.75, 1, 2]) {
          const k = positionFor(space, target);
          const expected = signable.filter(([, u]) => u >= target - 1e-9).length - 1;
          expect(k).toBe(expected);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("is computed once per profile and found again for an equal copy", () => {
    const profile = bilateral.delegations[0]!.profile;
    const a = ownSpace(bilateral.issues, profile);
    expect(ownSpace(bilateral.issues, profile)).toBe(a);
    expect(ownSpace(structuredClone(bilateral.issues), structuredClone(profile))).toBe(a);
    const changed = { ...profile, reservationValue: 0.1 };
    expect(ownSpace(bilateral.issues, changed)).not.toBe(a);
    // North's red line (scope = none) keeps 9 of the 27 packages off its list.
    expect(a.size).toBe(27);
    expect(a.order.length).toBe(18);
    expect(indexOfPackage(a, { notification: "h24", funding: "split" })).toBe(-1);
    expect(indexOfPackage(a, { notification: "h24", funding: "split", scope: "nowhere" })).toBe(-1);
  });
});
