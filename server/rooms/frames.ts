// A client's message frame, looked at before Colyseus decodes it. Colyseus unpacks a `send` or a
// `request` payload with msgpackr, which recurses once per level of nesting and knows extension
// types a client has no business sending: 12 kB of nested arrays overflow the stack, an unknown
// extension throws, a length past the frame's end throws. Colyseus then logs the error with its
// stack at `error` (a flood of them for whoever keeps sending), answers a request with the raw
// error's name, and disconnects a `send`. Here such a payload is found with one walk over its bytes
// (no allocation, O(length), iterative), and the room answers it as any bad payload: a
// `bad_request` refusal naming the request type, a `notice` for a `send`; the client stays.
//
// API
// - `framePayloadProblem(buffer)`: null for a frame that is not a `send`/`request` or whose payload
//   is well-formed; else `{ headerEnd, problem }`: where the payload begins and what is wrong.
// - `withoutPayload(buffer, headerEnd)`: the same frame with no payload (Colyseus hands the
//   handler `undefined`), for the room to dispatch while it knows the refusal to give.
import { decode } from "@colyseus/schema";
import { Protocol } from "@colyseus/core";

/** Nesting deeper than any request of the protocol (a package is two levels, a phrase list three). */
export const MAX_PAYLOAD_DEPTH = 32;

/** The frame's code (Colyseus's PROTOCOL_CODE_MASK: the low five bits; the rest are modifiers). */
const CODE_MASK = 0x1f;

/** msgpackr's record extension: `d4 72 <id>`, then the record's keys (an array), then its values; `<id>` alone later repeats the shape. */
const RECORD_EXT = 0x72;
/** The MessagePack timestamp extension (msgpackr reads it as a Date). */
const TIMESTAMP_EXT = 0xff;

/**
 * What is wrong with a MessagePack value starting at `start`, or null when it is one well-formed value
 * (as msgpackr reads it: the SDK packs objects as msgpackr records). Only what is certainly wrong is
 * named: a form this walk does not follow (a record id beyond one byte) ends the walk with null, and
 * msgpackr decides.
 */
export function msgpackProblem(buf: Uint8Array, start: number, maxDepth = MAX_PAYLOAD_DEPTH): string | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const cut = "the payload ends in the middle of a value";
  // Open levels: values still owed, and (a record's keys) how many values the level owes once done.
  const left: number[] = [1];
  const then: number[] = [0];
  // Record shapes defined so far: id → how many values a record of it carries.
  const records = new Map<number, number>();
  let at = start;
  const open = (items: number, after = 0): string | null => {
    if (left.length >= maxDepth) return `the payload is nested deeper than ${maxDepth} levels`;
    // Each value takes at least a byte: a count beyond what is left is cut short.
    if (items > buf.length - at) return cut;
    left.push(items);
    then.push(after);
    return null;
  };
  while (left.length > 0) {
    const top = left.length - 1;
    if (left[top] === 0) {
      const after = then[top]!;
      left.pop();
      then.pop();
      if (after > 0) {
        const problem = open(after);
        if (problem) return problem;
      }
      continue;
    }
    left[top]!--;
    if (at >= buf.length) return cut;
    const b = buf[at++]!;
    let skip = 0;
    if (b >= 0x40 && b <= 0x7f && records.has(b)) {
      const problem = open(records.get(b)!);
      if (problem) return problem;
      continue;
    }
    if (b <= 0x7f || b >= 0xe0 || b === 0xc0 || b === 0xc2 || b === 0xc3) skip = 0;
    else if (b >= 0x80 && b <= 0x9f) {
      const problem = open(b <= 0x8f ? 2 * (b & 0x0f) : b & 0x0f);
      if (problem) return problem;
      continue;
    } else if (b >= 0xa0 && b <= 0xbf) skip = b & 0x1f;
    else if (b === 0xc1) return "the payload is not MessagePack (byte 0xc1)";
    else if (b === 0xc4 || b === 0xd9) {
      if (at + 1 > buf.length) return cut;
      skip = 1 + buf[at]!;
    } else if (b === 0xc5 || b === 0xda) {
      if (at + 2 > buf.length) return cut;
      skip = 2 + view.getUint16(at);
    } else if (b === 0xc6 || b === 0xdb) {
      if (at + 4 > buf.length) return cut;
      skip = 4 + view.getUint32(at);
    } else if (b === 0xca || b === 0xce || b === 0xd2) skip = 4;
    else if (b === 0xcb || b === 0xcf || b === 0xd3) skip = 8;
    else if (b === 0xcc || b === 0xd0) skip = 1;
    else if (b === 0xcd || b === 0xd1) skip = 2;
    else if (b === 0xdc || b === 0xde || b === 0xdd || b === 0xdf) {
      const wide = b === 0xdd || b === 0xdf;
      if (at + (wide ? 4 : 2) > buf.length) return cut;
      const count = wide ? view.getUint32(at) : view.getUint16(at);
      at += wide ? 4 : 2;
      const problem = open(count * (b >= 0xde ? 2 : 1));
      if (problem) return problem;
      continue;
    } else {
      // An extension: fixext 1/2/4/8/16 (d4–d8) or ext 8/16/32 (c7–c9), its type byte, its data.
      let size: number;
      let head = 0;
      if (b >= 0xd4 && b <= 0xd8) size = 1 << (b - 0xd4);
      else {
        head = b === 0xc7 ? 1 : b === 0xc8 ? 2 : 4;
        if (at + head > buf.length) return cut;
        size = b === 0xc7 ? buf[at]! : b === 0xc8 ? view.getUint16(at) : view.getUint32(at);
      }
      if (at + head + 1 + size > buf.length) return cut;
      const type = buf[at + head]!;
      const data = at + head + 1;
      at = data + size;
      if (type === RECORD_EXT) {
        // A record's shape: only the one-byte ids msgpackr uses for a message's own shapes are followed.
        if (size !== 1) return null;
        const id = buf[data]!;
        // Its keys come next: an array (each key one value), then that many values.
        if (at >= buf.length) return cut;
        const k = buf[at]!;
        let keys: number;
        if (k >= 0x90 && k <= 0x9f) {
          keys = k & 0x0f;
          at += 1;
        } else if (k === 0xdc && at + 3 <= buf.length) {
          keys = view.getUint16(at + 1);
          at += 3;
        } else if (k === 0xdd && at + 5 <= buf.length) {
          keys = view.getUint32(at + 1);
          at += 5;
        } else return null;
        records.set(id, keys);
        const problem = open(keys, keys);
        if (problem) return problem;
        continue;
      }
      if (type !== TIMESTAMP_EXT) return "the payload uses a MessagePack extension type, which this server does not accept";
      continue;
    }
    at += skip;
    if (at > buf.length) return cut;
  }
  return null;
}

/** A `send` or `request` frame whose payload msgpackr would fail on: where its payload starts, and why. */
export function framePayloadProblem(buffer: Uint8Array): { headerEnd: number; problem: string } | null {
  if (buffer.length === 0) return null;
  const code = buffer[0]! & CODE_MASK;
  if (code !== Protocol.ROOM_DATA && code !== Protocol.ROOM_REQUEST) return null;
  const it = { offset: 1 };
  try {
    if (code === Protocol.ROOM_REQUEST) decode.number(buffer as never, it);
    if (decode.stringCheck(buffer as never, it)) decode.string(buffer as never, it);
    else decode.number(buffer as never, it);
  } catch {
    // A header Colyseus cannot read either: its own handling stands.
    return null;
  }
  if (it.offset >= buffer.length) return null;
  const problem = msgpackProblem(buffer, it.offset);
  return problem === null ? null : { headerEnd: it.offset, problem };
}

export function withoutPayload<B extends Uint8Array>(buffer: B, headerEnd: number): B {
  return buffer.subarray(0, headerEnd) as B;
}

/**
 * Put the check in front of a room's frame handler. Colyseus binds `_onMessage` per client when it
 * joins, so an own property set before any join is the one bound (a Colyseus internal, like
 * negotiation.ts `holdFramesAtJoin`: tests/server cover both). While a refused frame is dispatched
 * without its payload, the returned function says why; at any other time it returns null.
 */
export function checkPayloads(room: object): () => string | null {
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
  return () => refused;
}
