// Strings in the synced state decode to flat strings.
//
// @colyseus/schema's decoder builds every string one character at a time (`s += String.fromCharCode(…)`),
// and V8 keeps a string built that way as a chain of one piece per character until something reads it
// whole: a 100-character statement held ~2.3 kB instead of ~0.1 kB. A client keeps its table's windows
// of 200 statements and 200 moves decoded, so a full table cost ~950 kB of memory per client where its
// data is ~40 kB (`npm run bench -- state-size`, "decoded"). Strings of 13 bytes or more are decoded
// here with `TextDecoder` into one flat string instead; shorter ones (ids, delegation ids, move types)
// keep the library's loop, which V8 already stores flat below that length and which is faster there.
//
// `registerType` is the library's own hook for a type's codec (it replaces `decode[identifier]`, which
// the decoder reads on every primitive field and map key); only decoding changes, the wire does not.
// Imported for its effect by `./table.ts`, so every client that decodes a `TableState` — the web client,
// the tests' SDK clients, the benches' — gets it.
import { decode, registerType, type Iterator } from "@colyseus/schema";

/** Below this many bytes V8 stores a concatenated string flat (`ConsString::kMinLength`). */
const FLAT_BELOW = 13;

/** The library's own string decoder (the state-size bench compares the two). */
export const libraryDecodeString = decode.string;
const libraryUtf8 = decode.utf8Read;
// Not fatal: like the library's loop, a bad byte never throws at the client (the loop stops at it,
// this shows U+FFFD in its place).
const utf8 = new TextDecoder();

/** The msgpack string header at `it` (fixstr, str 8, str 16, str 32): the length, or -1 for any other byte. */
function stringLength(bytes: Uint8Array, it: Iterator): number {
  const prefix = bytes[it.offset++]!;
  if (prefix < 0xc0) return prefix & 0x1f;
  if (prefix === 0xd9) return decode.uint8(bytes, it);
  if (prefix === 0xda) return decode.uint16(bytes, it);
  if (prefix === 0xdb) return decode.uint32(bytes, it);
  return -1;
}

export function decodeFlatString(bytes: Parameters<typeof libraryDecodeString>[0], it: Iterator): string {
  if (!(bytes instanceof Uint8Array)) return libraryDecodeString(bytes, it);
  const start = it.offset;
  let length = stringLength(bytes, it);
  if (length < 0) {
    it.offset = start;
    return libraryDecodeString(bytes, it);
  }
  if (length < FLAT_BELOW) return libraryUtf8(bytes, it, length);
  length = Math.min(length, bytes.length - it.offset);
  const text = utf8.decode(bytes.subarray(it.offset, it.offset + length));
  it.offset += length;
  return text;
}

registerType("string", { decode: decodeFlatString });
