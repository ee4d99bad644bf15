// The requests' fast path (shared/protocol/requests.ts `acceptedAsIs`) against their zod schemas:
// it may accept only what zod accepts, as zod would parse it, and the game's usual requests do go
// through it. Every refusal is still zod's, worded as before.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acceptedAsIs, MAX_ID, MAX_PACKAGE_ISSUES, Requests, type RequestType } from "../../shared/protocol/index.ts";
import { MAX_TEXT } from "../../shared/rules/talk.ts";
import { decodeRequest } from "../../server/table/actions.ts";

const FAST: RequestType[] = ["propose", "counter", "accept", "reject", "walk_away", "vote", "pass", "statement", "private_message", "team_note", "start", "pause", "resume", "end", "timeout", "fire_inject"];

/** Values near every field's limits, valid and not. */
const anyValue = fc.oneof(
  fc.constantFrom("", "a", "north", "_x", "-x", "a b", "a:b", "a@b", "a.b-c_d", "x".repeat(MAX_ID), "x".repeat(MAX_ID + 1), "t".repeat(MAX_TEXT), "t".repeat(MAX_TEXT + 1), "__proto__", "constructor"),
  fc.string({ maxLength: 70 }),
  fc.constantFrom(0, -0, 1, -1, 1.5, 2 ** 53 - 1, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant([]),
  fc.dictionary(fc.constantFrom("language", "assistance", "scope", "_bad", "x".repeat(MAX_ID + 1)), fc.constantFrom("binding", "fund", "", "-no", 1 as unknown as string), { maxKeys: 4 }),
);

const KEYS = ["requestId", "version", "package", "accept", "text", "to", "injectId", "rounds", "extra", "toString"];

/** A payload: a valid one for the type with some fields changed, dropped or added. */
function payloads(type: RequestType) {
  return fc.record({
    base: fc.constant(valid(type)),
    changes: fc.array(fc.tuple(fc.constantFrom(...KEYS), anyValue, fc.boolean()), { maxLength: 3 }),
  }).map(({ base, changes }) => {
    const p: Record<string, unknown> = { ...base };
    for (const [key, value, drop] of changes) {
      if (drop) delete p[key];
      else p[key] = value;
    }
    return p;
  });
}

function valid(type: RequestType): Record<string, unknown> {
  const base = { requestId: "r-1", version: 3 };
  switch (type) {
    case "propose":
    case "counter":
      return { ...base, package: { language: "binding", assistance: "fund" } };
    case "vote":
      return { ...base, accept: false };
    case "statement":
    case "team_note":
      return { ...base, text: "we restate our position" };
    case "private_message":
      return { ...base, to: "beta", text: "a quiet word" };
    case "fire_inject":
      return { ...base, injectId: "breach" };
    default:
      return base;
  }
}

describe("the requests' fast path", () => {
  it("takes the game's usual requests as they are", () => {
    for (const type of FAST) {
      const payload = valid(type);
      expect(acceptedAsIs(type, payload), type).toBe(true);
      const decoded = decodeRequest(type, payload);
      expect(decoded.ok && decoded.value.value).toBe(payload);
    }
    // A package at its limit of issues, ids at their limit of length, a text at its limit.
    const pkg = Object.fromEntries(Array.from({ length: MAX_PACKAGE_ISSUES }, (_, i) => [`i${i}`, "x".repeat(MAX_ID)]));
    expect(acceptedAsIs("propose", { requestId: "x".repeat(MAX_ID), version: 2 ** 53 - 1, package: pkg })).toBe(true);
    expect(acceptedAsIs("statement", { requestId: "a:b@c", version: 0, text: "t".repeat(MAX_TEXT) })).toBe(true);
  });

  it("accepts nothing zod refuses, and nothing zod would parse to another value", () => {
    for (const type of FAST) {
      fc.assert(
        fc.property(payloads(type), (payload) => {
          if (!acceptedAsIs(type, payload)) return;
          const parsed = Requests[type].safeParse(payload);
          expect(parsed.success, JSON.stringify(payload)).toBe(true);
          expect(parsed.data).toStrictEqual(payload);
        }),
        { numRuns: 1000 },
      );
    }
  });

  it("leaves every refusal to zod, worded as before", () => {
    const cases: [RequestType, unknown, string][] = [
      ["statement", { requestId: "r1", version: 1, text: "t".repeat(MAX_TEXT + 1) }, `statement: field 'text' must be at most ${MAX_TEXT} characters`],
      ["propose", { requestId: "r1", version: 1, package: { _x: "a" } }, "propose: field 'package._x' "],
      ["vote", { requestId: "r1", version: 1, accept: false, extra: 1 }, "vote: unknown field 'extra'"],
      ["pass", { requestId: "r 1", version: 1 }, "pass: field 'requestId' must be letters, digits"],
      ["accept", { requestId: "r1", version: -1 }, "accept: field 'version' must be at least 0"],
      ["team_note", { requestId: "r1", version: 1 }, "team_note: field 'text' "],
      ["private_message", [], "private_message: the payload must be an object"],
    ];
    for (const [type, payload, start] of cases) {
      expect(acceptedAsIs(type, payload)).toBe(false);
      const decoded = decodeRequest(type, payload);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.refusal.message.startsWith(start), decoded.refusal.message).toBe(true);
    }
  });

  it("leaves the other requests to zod", () => {
    expect(acceptedAsIs("extend", { requestId: "r1", version: 1, rounds: 2 })).toBe(false);
    expect(acceptedAsIs("sync", {})).toBe(false);
    expect(acceptedAsIs("set_control", { delegation: "north", control: "bot" })).toBe(false);
  });
});
