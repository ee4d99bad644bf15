// Secrets handed to people: seat and facilitator tokens (bearer secrets, stored only as hashes),
// join codes (short, typed by hand, unguessable in practice), and match ids.
import type { IncomingMessage } from "node:http";
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/** 32 symbols, no look-alikes (no I, O, 0, 1): 8 of them are 40 bits, about 10¹² codes. */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 8;

/** A 256-bit bearer token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps of a token: enough to recognise it, useless to present. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Whether two secrets (or their hashes) are equal, in constant time: the one comparison of
 * tokens, codes and keys. Both are hashed first, so their lengths leak nothing either.
 */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearer(req: IncomingMessage | undefined): string | null {
  const header = req?.headers.authorization;
  // Everything after the scheme: a host key may be a phrase with spaces in it (README: "a long random phrase").
  const m = typeof header === "string" ? /^Bearer\s+(\S(?:.*\S)?)\s*$/i.exec(header) : null;
  return m ? m[1]! : null;
}

function randomString(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A join code as stored and compared: 8 symbols, no dash. */
export function newJoinCode(): string {
  return randomString(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);
}

/** `k7qx-m2pa` → `K7QXM2PA`; anything that cannot be a code → null. */
export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** `K7QXM2PA` → `K7QX-M2PA`, for people to read aloud. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Match ids double as Colyseus room ids and appear in URLs: 12 lowercase symbols (60 bits). */
export function newMatchId(): string {
  return randomString("abcdefghijkmnpqrstuvwxyz23456789", 12);
}

/** Person ids are public (they label people at the table), never a credential. */
export function newPersonId(): string {
  return "p" + randomString("abcdefghijkmnpqrstuvwxyz23456789", 9);
}

/** A game seed from the system's generator (the rules then draw only from the seed). */
export function newSeed(): number {
  return randomInt(0, 2 ** 31);
}
