// The walk that finds a payload msgpackr cannot read (server/rooms/frames.ts), against what real
// clients send: the SDK packs objects as msgpackr records (an extension type), other clients as
// plain maps. Every protocol payload passes either way; too deep, cut short or foreign extensions do not.
import { Packr, pack } from "msgpackr";
import { describe, expect, it } from "vitest";
import { MAX_PAYLOAD_DEPTH, msgpackProblem } from "../../server/rooms/frames.ts";

const PAYLOADS: unknown[] = [
  { requestId: "a", version: 3, text: "Good morning." },
  { requestId: "b", version: 4, package: { scope: "critical", review: "annual" } },
  { requestId: "c", version: 5, to: "china", text: "ভালো প্রস্তাব" },
  { requestId: "d", version: 6, accept: true },
  { before: 120, limit: 100 },
  { reveal: true },
  {},
  // Many shapes, long strings, wide numbers, repeated shapes (records referred to again), a Date.
  Array.from({ length: 100 }, (_, i) => ({ i, s: `v${i}`, n: -i * 1.5, big: 2 ** 40 })),
  Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`k${i}`, { [`x${i}`]: i }])),
  { text: "x".repeat(70_000), when: new Date(0) },
  [0x41, 0x42, { a: 0x40 }],
];

describe("a payload's MessagePack", () => {
  it("passes for every payload as the SDK packs it (msgpackr records) and as a plain MessagePack client packs it", () => {
    const sdk = new Packr();
    for (const payload of PAYLOADS) {
      expect(msgpackProblem(sdk.pack(payload), 0), JSON.stringify(payload).slice(0, 60)).toBeNull();
      expect(msgpackProblem(pack(payload), 0), JSON.stringify(payload).slice(0, 60)).toBeNull();
    }
  });

  it(`is refused nested deeper than ${MAX_PAYLOAD_DEPTH} levels, cut short, or with an extension msgpackr would throw at`, () => {
    const sdk = new Packr();
    let deep: unknown = 1;
    for (let i = 0; i < MAX_PAYLOAD_DEPTH - 1; i++) deep = [deep];
    expect(msgpackProblem(sdk.pack(deep), 0)).toBeNull();
    expect(msgpackProblem(sdk.pack([deep]), 0)).toBe(`the payload is nested deeper than ${MAX_PAYLOAD_DEPTH} levels`);
    let objects: unknown = 1;
    for (let i = 0; i < 40; i++) objects = { a: objects };
    expect(msgpackProblem(sdk.pack(objects), 0)).toBe(`the payload is nested deeper than ${MAX_PAYLOAD_DEPTH} levels`);
    expect(msgpackProblem(Uint8Array.from([...new Array<number>(12_000).fill(0x91), 0xc0]), 0)).toMatch(/nested deeper/);
    const whole = sdk.pack({ requestId: "a", version: 3, text: "Good morning." });
    for (let end = 1; end < whole.length; end++) expect(msgpackProblem(whole.subarray(0, end), 0), `cut at ${end}`).toBe("the payload ends in the middle of a value");
    expect(msgpackProblem(Uint8Array.from([0xdf, 0xff, 0xff, 0xff, 0xff]), 0)).toBe("the payload ends in the middle of a value");
    expect(msgpackProblem(Uint8Array.from([0xd4, 0x01, 0x00]), 0)).toBe("the payload uses a MessagePack extension type, which this server does not accept");
  });
});
