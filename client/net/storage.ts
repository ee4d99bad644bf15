// What the browser keeps between visits: the seats and facilitator tokens it holds, per table, and
// the player's name. A seat token gets the seat back after a reload (`joinById` with it).

export interface StoredTable {
  matchId: string;
  scenarioId?: string;
  title?: string;
  /** Your seat at a delegation (reload → the same seat). */
  seatToken?: string;
  delegation?: string;
  /** The delegation's name, for lists. */
  delegationName?: string;
  /** You created the table: its facilitator token. */
  facilitatorToken?: string;
  /** The table's join code (facilitators; and what an observer used). */
  joinCode?: string;
  /** Joined to watch. */
  observer?: boolean;
  /** Opened from the inbox on this device: the seat is its person's, joined with the personal link (no seat token here). */
  viaLink?: boolean;
  createdAt?: string;
  updatedAt?: string;
}

const TABLES = "cyber-accord.tables.v1";
const NAME = "cyber-accord.name";
const PERSON = "cyber-accord.person.v1";

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage blocked (private mode, a sandboxed frame): the page works without it.
    return null;
  }
}

function readAll(): Record<string, StoredTable> {
  const raw = safeStorage()?.getItem(TABLES);
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === "object" ? (parsed as Record<string, StoredTable>) : {};
  } catch {
    // A copy that is not JSON (edited by hand, or from an old version): start with no tables remembered.
    return {};
  }
}

function writeAll(all: Record<string, StoredTable>): void {
  try {
    safeStorage()?.setItem(TABLES, JSON.stringify(all));
  } catch {
    // Storage full or disabled: the seat still works until the page is closed.
  }
}

export function storedTable(matchId: string): StoredTable | null {
  return readAll()[matchId] ?? null;
}

export function storedTables(): StoredTable[] {
  return Object.values(readAll()).sort((a, b) => (b.updatedAt ?? "").localeCompare(a.updatedAt ?? ""));
}

type RememberListener = (table: StoredTable, update: Partial<StoredTable>, before: StoredTable | null) => void;
const rememberListeners = new Set<RememberListener>();

/** Hear of every table remembered (client/net/people.ts: a new seat token goes to the personal link, an opened table is seen). */
export function onRemember(listener: RememberListener): () => void {
  rememberListeners.add(listener);
  return () => rememberListeners.delete(listener);
}

/** The personal link's secret this browser holds (`#/me/<secret>`), or null. */
export function personalLink(): string | null {
  return safeStorage()?.getItem(PERSON) ?? null;
}

export function setPersonalLink(secret: string | null): void {
  try {
    if (secret === null) safeStorage()?.removeItem(PERSON);
    else safeStorage()?.setItem(PERSON, secret);
  } catch {
    // Storage disabled: the link works for this page only.
  }
}

/** Merge what we learned about a table (fields left undefined keep their stored value). */
export function rememberTable(matchId: string, update: Partial<StoredTable>): StoredTable {
  const all = readAll();
  const before = all[matchId] ?? null;
  const current = all[matchId] ?? { matchId };
  const next: StoredTable = { ...current };
  // Only the fields given: one left undefined keeps its stored value.
  Object.assign(next, Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)));
  next.updatedAt = new Date().toISOString();
  all[matchId] = next;
  // Keep the list short: the 40 most recent tables.
  const keep = Object.values(all)
    .sort((a, b) => (b.updatedAt ?? "").localeCompare(a.updatedAt ?? ""))
    .slice(0, 40);
  writeAll(Object.fromEntries(keep.map((t) => [t.matchId, t])));
  for (const listener of rememberListeners) listener(next, update, before);
  return next;
}

export function forgetTable(matchId: string): void {
  const all = readAll();
  delete all[matchId];
  writeAll(all);
}

export function playerName(): string {
  return safeStorage()?.getItem(NAME) ?? "";
}

export function setPlayerName(name: string): void {
  try {
    safeStorage()?.setItem(NAME, name.trim().slice(0, 60));
  } catch {
    // Storage full or disabled: the name is asked again next time.
  }
}
