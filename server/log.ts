// The server's one logger: one line per event on stderr, filtered by level.
type Level = "debug" | "info" | "warn" | "error";
const RANK: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

let threshold = RANK.info;

export function setLogLevel(level: Level | "silent"): void {
  threshold = RANK[level];
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (RANK[level] < threshold) return;
  const extra = fields ? " " + JSON.stringify(fields, (_k, v: unknown) => (v instanceof Error ? v.message : v)) : "";
  process.stderr.write(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${extra}\n`);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
