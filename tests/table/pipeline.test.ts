// The shared request pipeline (server/requests/pipeline.ts), the fake clock the table tests run
// on, and the end-of-match announcement's retries: each on its own, without a server.
import { describe, expect, it } from "vitest";
import { Requests } from "../../shared/protocol/index.ts";
import { publishWithRetry, type MatchEnded } from "../../server/rooms/match-events.ts";
import { answerRequest, decode, SerialQueue } from "../../server/requests/pipeline.ts";
import { FakeTimers } from "../../server/table/timers.ts";

const event: MatchEnded = { matchId: "m1", scenarioId: "s", outcome: null, version: 9 };

describe("decode", () => {
  it("gives the typed payload, or one bad_request naming the type and the field", () => {
    const ok = decode(Requests, "extend", { requestId: "r", version: 3, rounds: 2 });
    expect(ok).toEqual({ ok: true, value: { requestId: "r", version: 3, rounds: 2 } });
    expect(decode(Requests, "extend", { requestId: "r", version: 3, rounds: 0 })).toEqual({
      ok: false,
      refusal: { code: "bad_request", message: "extend: field 'rounds' must be at least 1" },
    });
    expect(decode(Requests, "sync", undefined)).toEqual({ ok: true, value: {} });
  });
});

describe("answerRequest", () => {
  function request(id: number | undefined) {
    const notices: unknown[] = [];
    const rejected: unknown[] = [];
    return {
      notices,
      rejected,
      incoming: {
        type: "pass",
        ctx: { id, reject: (r: unknown) => (rejected.push(r), "rejected") },
        notice: (n: unknown) => notices.push(n),
        internalMessage: "pass: the server failed; nothing changed",
      },
    };
  }

  it("returns a reply, rejects a refusal, and tells the sender of a send (no reply id) with a notice", async () => {
    const a = request(1);
    expect(await answerRequest(a.incoming, async () => ({ ok: true, version: 2 }), () => undefined)).toEqual({ ok: true, version: 2 });
    const b = request(2);
    expect(await answerRequest(b.incoming, async () => ({ code: "paused", message: "pass: paused" }), () => undefined)).toBe("rejected");
    expect(b.rejected).toEqual([{ code: "paused", message: "pass: paused" }]);
    expect(b.notices).toEqual([]);
    const c = request(undefined);
    await answerRequest(c.incoming, async () => ({ code: "paused", message: "pass: paused" }), () => undefined);
    expect(c.notices).toEqual([{ code: "paused", message: "pass: paused", requestType: "pass" }]);
  });

  it("answers a thrown error with internal_error and hands the error to onError", async () => {
    const a = request(1);
    const errors: unknown[] = [];
    await answerRequest(a.incoming, () => Promise.reject(new Error("boom")), (e) => errors.push(e));
    expect(a.rejected).toEqual([{ code: "internal_error", message: "pass: the server failed; nothing changed" }]);
    expect(errors).toHaveLength(1);
  });
});

describe("SerialQueue", () => {
  it("runs tasks one at a time in the order queued", async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run(async () => {
      log.push("first starts");
      await gate;
      log.push("first ends");
    });
    const second = queue.run(async () => void log.push("second"));
    await Promise.resolve();
    expect(log).toEqual(["first starts"]);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(["first starts", "first ends", "second"]);
  });
});

describe("FakeTimers", () => {
  it("runs each timer at its own time, in order, only as time is advanced", () => {
    const timers = new FakeTimers(1000);
    const ran: string[] = [];
    timers.after(50, () => ran.push(`b@${timers.now()}`));
    timers.after(10, () => ran.push(`a@${timers.now()}`));
    const cleared = timers.after(20, () => ran.push("cleared"));
    timers.soon(() => ran.push(`soon@${timers.now()}`));
    cleared.clear();
    timers.advance(9);
    expect(ran).toEqual(["soon@1000"]);
    timers.advance(100);
    expect(ran).toEqual(["soon@1000", "a@1010", "b@1050"]);
    expect(timers.now()).toBe(1109);
    expect(timers.size).toBe(0);
  });
});

describe("publishing the end of a match", () => {
  it("retries a failed publish with growing pauses until it goes through", async () => {
    const pauses: number[] = [];
    let calls = 0;
    await publishWithRetry(
      event,
      () => {
        calls++;
        if (calls < 3) throw new Error("presence unreachable");
      },
      5,
      100,
      async (ms) => void pauses.push(ms),
    );
    expect(calls).toBe(3);
    expect(pauses).toEqual([100, 200]);
  });

  it("gives up after its attempts without throwing (the failure is logged as an error)", async () => {
    let calls = 0;
    await expect(
      publishWithRetry(
        event,
        () => {
          calls++;
          return Promise.reject(new Error("presence unreachable"));
        },
        3,
        100,
        async () => undefined,
      ),
    ).resolves.toBeUndefined();
    expect(calls).toBe(3);
  });
});
