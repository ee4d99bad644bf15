// A client's message frame, looked at before Colyseus decodes it. Colyseus unpacks a `send` or a
// `request` payload with msgpackr, which recurses once per level of nesting and knows extension
// types a client has no business sending: 12 kB of nested arrays overflow the stack, an unknown
// extension throws, a length past the frame's end throws. Colyseus then logs the error with its
// stack at `error` (a flood of them for whoever keeps sending), answers a request with the raw
// error's name, and disconnects a `send`. Here such a payload is found with one walk over its bytes
// (O(length), iterative, its working memory made once), and the room answers it as any bad payload: a
// `bad_request` refusal naming the request type, a `notice` for a `send`; the client stays.
//
// API
// - `framePayloadProblem(buffer)`: null for a frame that is not a `send`/`request` or whose payload
//   is well-formed; else `{ headerEnd, problem }`: where the payload begins and what is wrong.
// - `withoutPayload(buffer, headerEnd)`: the same frame with no payload (Colyseus hands the
//   handler `undefined`), for the room to dispatch while it knows the refusal to give.
import { Protocol } from "@colyseus/core";

/** Nesting deeper than any request of the protocol (a package is two levels, a phrase list three). */
export const MAX_PAYLOAD_DEPTH = 32;

/** The frame's code (Colyseus's PROTOCOL_CODE_MASK: the low five bits; the rest are modifiers). */
const CODE_MASK = 0x1f;

/** msgpackr's record extension: `d4 72 <id>`, then the record's keys (an array), then its values; `<id>` alone later repeats the shape. */
const RECORD_EXT = 0x72;
/** The MessagePack timestamp extension (msgpackr reads it as a Date). */
const TIMESTAMP_EXT = 0xff;

const CUT = "the payload ends in the middle of a value";

function u16(buf: Uint8Array, at: number): number {
  return (buf[at]! << 8) | buf[at + 1]!;
}

function u32(buf: Uint8Array, at: number): number {
  return buf[at]! * 0x1000000 + ((buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!);
}

// The walk's working memory, made once (the walk runs for every frame and allocates nothing): the
// values still owed at each open level, what a level owes once done (a record's keys, then its
// values), and the record shapes defined so far (id 0x40–0x7f → values per record, -1 for none).
let left = new Int32Array(MAX_PAYLOAD_DEPTH + 1);
let then = new Int32Array(MAX_PAYLOAD_DEPTH + 1);
const recordValues = new Int32Array(0x40).fill(-1);
const recordsDefined: number[] = [];

/**
 * What is wrong with a MessagePack value starting at `start`, or null when it is one well-formed value
 * (as msgpackr reads it: the SDK packs objects as msgpackr records). Only what is certainly wrong is
 * named: a form this walk does not follow (a record id beyond one byte) ends the walk with null, and
 * msgpackr decides.
 */
export function msgpackProblem(buf: Uint8Array, start: number, maxDepth = MAX_PAYLOAD_DEPTH): string | null {
  if (left.length <= maxDepth) {
    left = new Int32Array(maxDepth + 1);
    then = new Int32Array(maxDepth + 1);
  }
  try {
    return walk(buf, start, maxDepth);
  } finally {
    for (const id of recordsDefined) recordValues[id - 0x40] = -1;
    recordsDefined.length = 0;
  }
}

function walk(buf: Uint8Array, start: number, maxDepth: number): string | null {
  const end = buf.length;
  let depth = 1;
  left[0] = 1;
  then[0] = 0;
  let at = start;
  // Open a level owing `items` values (and, for a record's keys, `after` values once they are read).
  const open = (items: number, after: number): string | null => {
    if (depth >= maxDepth) return `the payload is nested deeper than ${maxDepth} levels`;
    // Each value takes at least a byte: a count beyond what is left is cut short.
    if (items > end - at) return CUT;
    left[depth] = items;
    then[depth] = after;
    depth++;
    return null;
  };
  while (depth > 0) {
    const top = depth - 1;
    if (left[top] === 0) {
      const after = then[top]!;
      depth--;
      if (after > 0) {
        const problem = open(after, 0);
        if (problem) return problem;
      }
      continue;
    }
    left[top]!--;
    if (at >= end) return CUT;
    const b = buf[at++]!;
    if (b <= 0x7f) {
      // A positive fixint, or (0x40–0x7f) a record of a shape defined earlier in this payload.
      const values = b >= 0x40 ? recordValues[b - 0x40]! : -1;
      if (values >= 0) {
        const problem = open(values, 0);
        if (problem) return problem;
      }
      continue;
    }
    if (b >= 0xe0 || b === 0xc0 || b === 0xc2 || b === 0xc3) continue;
    if (b <= 0x9f) {
      const problem = open(b <= 0x8f ? 2 * (b & 0x0f) : b & 0x0f, 0);
      if (problem) return problem;
      continue;
    }
    let skip: number;
    if (b <= 0xbf) skip = b & 0x1f;
    else if (b === 0xc1) return "the payload is not MessagePack (byte 0xc1)";
    else if (b === 0xc4 || b === 0xd9) {
      if (at + 1 > end) return CUT;
      skip = 1 + buf[at]!;
    } else if (b === 0xc5 || b === 0xda) {
      if (at + 2 > end) return CUT;
      skip = 2 + u16(buf, at);
    } else if (b === 0xc6 || b === 0xdb) {
      if (at + 4 > end) return CUT;
      skip = 4 + u32(buf, at);
    } else if (b === 0xca || b === 0xce || b === 0xd2) skip = 4;
    else if (b === 0xcb || b === 0xcf || b === 0xd3) skip = 8;
    else if (b === 0xcc || b === 0xd0) skip = 1;
    else if (b === 0xcd || b === 0xd1) skip = 2;
    else if (b >= 0xdc && b <= 0xdf) {
      const wide = b === 0xdd || b === 0xdf;
      if (at + (wide ? 4 : 2) > end) return CUT;
      const count = wide ? u32(buf, at) : u16(buf, at);
      at += wide ? 4 : 2;
      const problem = open(count * (b >= 0xde ? 2 : 1), 0);
      if (problem) return problem;
      continue;
    } else {
      // An extension: fixext 1/2/4/8/16 (d4–d8) or ext 8/16/32 (c7–c9), its type byte, its data.
      let size: number;
      let head = 0;
      if (b >= 0xd4 && b <= 0xd8) size = 1 << (b - 0xd4);
      else {
        head = b === 0xc7 ? 1 : b === 0xc8 ? 2 : 4;
        if (at + head > end) return CUT;
        size = b === 0xc7 ? buf[at]! : b === 0xc8 ? u16(buf, at) : u32(buf, at);
      }
      if (at + head + 1 + size > end) return CUT;
      const type = buf[at + head]!;
      const data = at + head + 1;
      at = data + size;
      if (type === RECORD_EXT) {
        // A record's shape: only the one-byte ids msgpackr uses for a message's own shapes are followed.
        const id = buf[data]!;
        if (size !== 1 || id < 0x40 || id > 0x7f) return null;
        // Its keys come next: an array (each key one value), then that many values.
        if (at >= end) return CUT;
        const k = buf[at]!;
        let keys: number;
        if (k >= 0x90 && k <= 0x9f) {
          keys = k & 0x0f;
          at += 1;
        } else if (k === 0xdc && at + 3 <= end) {
          keys = u16(buf, at + 1);
          at += 3;
        } else if (k === 0xdd && at + 5 <= end) {
          keys = u32(buf, at + 1);
          at += 5;
        } else return null;
        if (recordValues[id - 0x40] === -1) recordsDefined.push(id);
        recordValues[id - 0x40] = keys;
        const problem = open(keys, keys);
        if (problem) return problem;
        continue;
      }
      if (type !== TIMESTAMP_EXT) return "the payload uses a MessagePack extension type, which this server does not accept";
      continue;
    }
    at += skip;
    if (at > end) return CUT;
  }
  return null;
}

/** Where a frame header's number or string (Colyseus encodes them as MessagePack scalars) ends, or -1. */
function scalarEnd(buf: Uint8Array, at: number): number {
  if (at >= buf.length) return -1;
  const b = buf[at]!;
  if (b <= 0x7f || b >= 0xe0) return at + 1;
  if (b >= 0xa0 && b <= 0xbf) return at + 1 + (b & 0x1f);
  if (b === 0xd9) return at + 2 + (buf[at + 1] ?? 0);
  if (b === 0xda) return at + 3 + u16(buf, at + 1);
  if (b === 0xcc || b === 0xd0) return at + 2;
  if (b === 0xcd || b === 0xd1) return at + 3;
  if (b === 0xca || b === 0xce || b === 0xd2) return at + 5;
  if (b === 0xcb || b === 0xcf || b === 0xd3) return at + 9;
  return -1;
}

/** A `send` or `request` frame whose payload msgpackr would fail on: where its payload starts, and why. */
export function framePayloadProblem(buffer: Uint8Array): { headerEnd: number; problem: string } | null {
  if (buffer.length === 0) return null;
  const code = buffer[0]! & CODE_MASK;
  if (code !== Protocol.ROOM_DATA && code !== Protocol.ROOM_REQUEST) return null;
  // The request id (a request), then the message type (a string or a number).
  let at = code === Protocol.ROOM_REQUEST ? scalarEnd(buffer, 1) : 1;
  if (at >= 0) at = scalarEnd(buffer, at);
  // A header this does not read (or no payload): Colyseus's own handling stands.
  if (at < 0 || at >= buffer.length) return null;
  const problem = msgpackProblem(buffer, at);
  return problem === null ? null : { headerEnd: at, problem };
}

export function withoutPayload<B extends Uint8Array>(buffer: B, headerEnd: number): B {
  return buffer.subarray(0, headerEnd) as B;
}

/**
 * Put the check in front of a room's frame handler. Colyseus binds `_onMessage` per client when it
 * joins, so an own property set before any join is the one bound (a Colyseus internal, like
 * negotiation.ts `holdFramesAtJoin`: tests/server cover both). While a refused frame is dispatched
 * without its payload, the returned function gives the refusal to answer a request of `type` with
 * (`bad_request`, naming the type and what is wrong); at any other time it returns null.
 */
export function checkPayloads(room: object): (type: string) => { code: "bad_request"; message: string } | null {
  const target = room as { _onMessage: (client: unknown, buffer: unknown) => void };
  const dispatch = target._onMessage;
  let refused: string | null = null;
  target._onMessage = (client: unknown, buffer: unknown) => {
    const bad = buffer instanceof Uint8Array ? framePayloadProblem(buffer) : null;
    if (!bad) return dispatch.call(room, client, buffer);
    refused = bad.problem;
    try {
      dispatch.call(room, client, withoutPayload(buffer as Uint8Array, bad.headerEnd));
    } finally {
      refused = null;
    }
  };
  return (type) => (refused === null ? null : { code: "bad_request", message: `${type}: ${refused}` });
}
