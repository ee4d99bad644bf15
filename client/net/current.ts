// The table connection the screens share while the player moves between briefing, table and
// debrief (so changing screens never reconnects). Type-only: the SDK stays out of the first screen.
import type { TableConnection } from "./connection.ts";

let current: TableConnection | null = null;

export function setCurrent(conn: TableConnection | null): void {
  current = conn;
}

export function currentFor(matchId: string): TableConnection | null {
  return current && current.matchId === matchId && current.state !== "closed" ? current : null;
}

export async function leaveCurrent(): Promise<void> {
  const conn = current;
  current = null;
  await conn?.leave();
}
