// How the client's connections read a failure (client/net/refusal.ts): a join refusal by the
// numeric code the SDK's error carries (docs/PROTOCOL.md §3, §11), a creation refusal by the name
// its message starts with (§2), a network failure as "offline"; which of them a rejoin tries again;
// and the rejoin itself (client/net/rejoin.ts): its back-off, and its loop run with a recorded wait
// instead of a clock. The errors are the SDK's own classes, built as the SDK builds them.
import { MatchMakeError, ServerError } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import { CLASS_JOIN_ERRORS } from "../../shared/classroom/protocol.ts";
import { CREATE_ERRORS, JOIN_ERRORS } from "../../shared/protocol/errors.ts";
import { connectError, ConnectError, isTransient, OFFLINE, refusalName, requestRefusal, type RefusalTable } from "../../client/net/refusal.ts";
import { backoffDelay, REJOIN_ATTEMPTS, rejoinLoop, type RejoinPlan } from "../../client/net/rejoin.ts";

const TABLE: RefusalTable = {
  joinCodes: JOIN_ERRORS,
  sentences: { delegation_full: "That delegation already has all its members.", shutting_down: "The server is restarting." },
  fallback: "The server refused the connection.",
};
const CLASS: RefusalTable = { joinCodes: CLASS_JOIN_ERRORS, sentences: { bad_code: "No open class has this code." }, fallback: "Could not reach the class." };

/** A refusal as `joinById`/`create` reject with it: the room's or the matchmaker's ServerError, re-thrown as a MatchMakeError. */
function refused(code: number, message: string): MatchMakeError {
  const server = new ServerError(code, message);
  return new MatchMakeError(server.message, server.code);
}

describe("a join or create refusal", () => {
  it("is named by the join code the room sent, with the sentence for people", () => {
    const err = connectError(refused(JOIN_ERRORS.delegation_full, "delegation_full: north already has 2 people"), TABLE);
    expect(err).toBeInstanceOf(ConnectError);
    expect(err.code).toBe("delegation_full");
    expect(err.message).toBe("That delegation already has all its members.");
  });

  it("reads the same number by the room it came from: 4430 is a table's match_over and a class's class_closed", () => {
    expect(refusalName(refused(4430, "match_over: the negotiation is over"), JOIN_ERRORS)).toBe("match_over");
    expect(refusalName(refused(4430, "class_closed: this class session has been closed"), CLASS_JOIN_ERRORS)).toBe("class_closed");
  });

  it("without a sentence, shows the server's own words after the name", () => {
    const err = connectError(refused(JOIN_ERRORS.bad_token, "bad_token: this seat token does not belong to this table"), TABLE);
    expect(err.code).toBe("bad_token");
    expect(err.message).toBe("this seat token does not belong to this table");
  });

  it("of a creation (an HTTP status shared by several names) is named by the name its message starts with", () => {
    const full = connectError(refused(CREATE_ERRORS.too_many_matches, "too_many_matches: this server runs 500 tables, its limit; try later"), TABLE);
    const reserved = connectError(refused(CREATE_ERRORS.reserved_for_people, "reserved_for_people: the last places are kept for tables people play"), TABLE);
    const stopping = connectError(refused(503, "shutting_down: this server is restarting; ask again and another one will answer"), TABLE);
    expect([full.code, reserved.code, stopping.code]).toEqual(["too_many_matches", "reserved_for_people", "shutting_down"]);
    expect(stopping.message).toBe("The server is restarting.");
  });

  it("is named by its code, not by a name that appears later in the message", () => {
    // A scenario id typed by someone is echoed in the message; it is not the refusal.
    const err = connectError(refused(404, "unknown_scenario: no scenario 'bad_code' (known: us-china-2015)"), CLASS);
    expect(err.code).toBe("unknown_scenario");
    expect(err.message).toBe("no scenario 'bad_code' (known: us-china-2015)");
  });

  it("asks for the host key as `host_key_required`, which the screens look for", () => {
    const err = connectError(refused(403, "host_key_required: this is not the host key of this server"), CLASS);
    expect(err.code).toBe("host_key_required");
  });

  it("that never reached the server (a failed fetch, a refused socket) is `offline` with one sentence", () => {
    const fetchFailed = new MatchMakeError("Failed to fetch", undefined as unknown as number);
    // The SDK passes fetch's own code (a string, or nothing) where an HTTP status would be.
    const refusedSocket = new ServerError("ECONNREFUSED" as unknown as number, "connect ECONNREFUSED 127.0.0.1:2567");
    const closed = refused(1006, "");
    for (const e of [fetchFailed, refusedSocket, closed, new TypeError("NetworkError when attempting to fetch resource.")]) {
      const err = connectError(e, TABLE);
      expect(err.code).toBe("offline");
      expect(err.message).toBe(OFFLINE);
    }
  });

  it("that names none of ours (a room not found while the server restores it) keeps the server's words and counts as worth retrying", () => {
    const err = connectError(refused(522, 'room "k3Jd9" not found'), TABLE);
    expect(err.code).toBe("offline");
    expect(err.message).toBe('room "k3Jd9" not found');
    expect(isTransient(err.code)).toBe(true);
  });

  it("with nothing said at all falls back to the room's sentence", () => {
    expect(connectError(refused(500, ""), CLASS).message).toBe("Could not reach the class.");
  });
});

describe("what a rejoin tries again", () => {
  it("tries again when the server is away, stopping or busy, and stops at a refusal that will not change", () => {
    for (const code of ["offline", "shutting_down", "unavailable", "rate_limited"]) expect(isTransient(code), code).toBe(true);
    for (const code of ["bad_token", "bad_code", "match_over", "class_closed", "bad_options", "table_full"]) expect(isTransient(code), code).toBe(false);
  });
});

describe("a refused request", () => {
  it("carries the room's code and message in the error's reason", () => {
    const e = Object.assign(new Error("rejected"), { name: "rejected", reason: { code: "not_your_turn", message: "propose: it is south's turn, not north's" } });
    expect(requestRefusal(e)).toEqual({ code: "not_your_turn", message: "propose: it is south's turn, not north's" });
  });

  it("without a reason (a timeout, a closed socket) is no refusal", () => {
    expect(requestRefusal(new Error('cannot send request "propose": connection is not open.'))).toBeNull();
    expect(requestRefusal({ reason: "timeout" })).toBeNull();
    expect(requestRefusal(null)).toBeNull();
  });
});

describe("the rejoin's back-off", () => {
  const lowest = () => 0;
  const highest = () => 0.999999;

  it("doubles from a quarter second and levels off at eight seconds", () => {
    const low = Array.from({ length: REJOIN_ATTEMPTS }, (_, i) => backoffDelay(i, lowest));
    expect(low.slice(0, 6)).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    const high = Array.from({ length: REJOIN_ATTEMPTS }, (_, i) => backoffDelay(i, highest));
    expect(high.slice(0, 5)).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(Math.max(...high)).toBe(8000);
  });

  it("spreads browsers that lost the same server over half of each wait", () => {
    const waits = [0, 0.25, 0.5, 0.75].map((r) => backoffDelay(3, () => r));
    expect(new Set(waits).size).toBe(4);
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(2000), expect(w).toBeLessThanOrEqual(4000);
  });

  it("keeps trying for long enough to outlast a server restart, and gives up within a minute", () => {
    // A wait after every failed attempt but the last.
    const total = (random: () => number) => Array.from({ length: REJOIN_ATTEMPTS - 1 }, (_, i) => backoffDelay(i, random)).reduce((a, b) => a + b, 0);
    expect(total(lowest)).toBeGreaterThanOrEqual(20_000);
    expect(total(highest)).toBeLessThanOrEqual(60_000);
  });
});

describe("the rejoin", () => {
  /** A plan whose joins answer from `answers` in turn (an error is thrown, anything else is the room); the waits are recorded. */
  function plan(answers: unknown[], over: Partial<RejoinPlan<string>> = {}) {
    const waits: number[] = [];
    const discarded: string[] = [];
    let joins = 0;
    const p: RejoinPlan<string> = {
      join: () => {
        const answer = answers[joins++];
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(String(answer));
      },
      classify: (e) => connectError(e, TABLE),
      stopped: () => false,
      wait: async (ms) => {
        waits.push(ms);
      },
      discard: (room) => discarded.push(room),
      delay: (attempt) => backoffDelay(attempt, () => 0),
      ...over,
    };
    return { p, waits, discarded, joins: () => joins };
  }
  const offline = () => new MatchMakeError("Failed to fetch", undefined as unknown as number);

  it("joins again once the server answers, waiting longer after each failure", async () => {
    const { p, waits } = plan([offline(), refused(503, "shutting_down: this server is restarting"), offline(), "room-2"]);
    await expect(rejoinLoop(p)).resolves.toEqual({ kind: "joined", room: "room-2" });
    expect(waits).toEqual([250, 500, 1000]);
  });

  it("stops at once when the server refuses for good, with the refusal to show", async () => {
    const { p, waits, joins } = plan([offline(), refused(JOIN_ERRORS.bad_token, "bad_token: this seat token does not belong to this table (or its seat was removed)")]);
    const outcome = await rejoinLoop(p);
    expect(outcome.kind).toBe("refused");
    expect(outcome.kind === "refused" && outcome.error.code).toBe("bad_token");
    expect(joins()).toBe(2);
    expect(waits).toEqual([250]);
  });

  it("gives up after its attempts, with no wait after the last one", async () => {
    const { p, waits, joins } = plan(Array.from({ length: REJOIN_ATTEMPTS + 5 }, offline));
    const outcome = await rejoinLoop(p);
    expect(outcome.kind).toBe("gave_up");
    expect(outcome.kind === "gave_up" && outcome.error?.code).toBe("offline");
    expect(joins()).toBe(REJOIN_ATTEMPTS);
    expect(waits).toHaveLength(REJOIN_ATTEMPTS - 1);
  });

  it("gives up without trying when this browser holds nothing to rejoin with", async () => {
    const { p, joins } = plan([], { join: () => null });
    await expect(rejoinLoop(p)).resolves.toEqual({ kind: "gave_up", error: null });
    expect(joins()).toBe(0);
  });

  it("stops when the connection is closed meanwhile, and leaves a room that came anyway", async () => {
    let closed = false;
    const during = plan([offline(), offline()], { stopped: () => closed, wait: async () => void (closed = true) });
    await expect(rejoinLoop(during.p)).resolves.toEqual({ kind: "stopped" });
    expect(during.joins()).toBe(1);

    let leaving = false;
    const late = plan([], {
      join: () => {
        leaving = true; // the person left while this join was on its way
        return Promise.resolve("late-room");
      },
      stopped: () => leaving,
    });
    await expect(rejoinLoop(late.p)).resolves.toEqual({ kind: "stopped" });
    expect(late.discarded).toEqual(["late-room"]);
  });
});
