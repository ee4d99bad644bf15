// The shape of the ids that appear in URLs and as Colyseus room ids: match ids, class session ids,
// tournament ids (server/tokens.ts `newMatchId` makes 12 of these symbols). A path segment that
// does not fit is no id at all: the server answers 404 without asking the store, the client
// does not route it.

/** A match, class session or tournament id: 1–32 lowercase letters and digits. */
export const ID_PATTERN = /^[a-z0-9]{1,32}$/;

export function isId(text: string): boolean {
  return ID_PATTERN.test(text);
}
