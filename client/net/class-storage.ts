// The class sessions this browser holds a pass for (student or facilitator token), in
// localStorage: plain storage, so the home screen can list them without loading the SDK.

export interface StoredClass {
  sessionId: string;
  code?: string;
  name?: string;
  studentToken?: string;
  facilitatorToken?: string;
  updatedAt?: string;
}

const CLASSES = "cyber-accord.classes.v1";

function readAll(): Record<string, StoredClass> {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(CLASSES) ?? "{}") as unknown;
    return parsed && typeof parsed === "object" ? (parsed as Record<string, StoredClass>) : {};
  } catch {
    // Storage blocked, or a copy that is not JSON: no classes remembered on this browser.
    return {};
  }
}

export function storedClass(sessionId: string): StoredClass | null {
  return readAll()[sessionId] ?? null;
}

export function storedClasses(): StoredClass[] {
  return Object.values(readAll()).sort((a, b) => (b.updatedAt ?? "").localeCompare(a.updatedAt ?? ""));
}

export function rememberClass(sessionId: string, update: Partial<StoredClass>): void {
  const all = readAll();
  const next: StoredClass = { ...(all[sessionId] ?? { sessionId }) };
  // Only the fields given: one left undefined keeps its stored value.
  Object.assign(next, Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)));
  next.updatedAt = new Date().toISOString();
  all[sessionId] = next;
  try {
    window.localStorage.setItem(CLASSES, JSON.stringify(all));
  } catch {
    // Storage disabled: the class works until the page closes.
  }
}

