// The server's one logger: structured JSON lines (pino) on stderr, filtered by level. The API
// stays `log.info(message, fields)`: fields carry the match id (rooms) or request id (HTTP), so
// every line can be traced to a table or a request; `log.child({ requestId })` binds them once.
import pino from "pino";

type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, unknown>;

// Synchronous writes: a line logged just before a crash or an exit is not lost in a buffer.
const root = pino(
  {
    level: "info",
    // pino's default base: pid and hostname (the container, with several replicas).
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { error: pino.stdSerializers.err, err: pino.stdSerializers.err },
  },
  pino.destination({ fd: 2, sync: true }),
);

export function setLogLevel(level: Level | "silent"): void {
  root.level = level;
}

/** Fields on every later line of this process (its Colyseus process id, once known). */
export function setLogBindings(fields: Fields): void {
  root.setBindings(fields);
}

export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  /** A logger whose lines all carry `fields` (a request id, a match id). */
  child(fields: Fields): Logger;
}

function wrap(logger: pino.Logger): Logger {
  const at = (level: Level) => (message: string, fields?: Fields) => {
    if (fields) logger[level](fields, message);
    else logger[level](message);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), child: (fields) => wrap(logger.child(fields)) };
}

export const log: Logger = wrap(root);

/** At most this many lines per kind of client-provoked event in each window; the rest are counted. */
const CLIENT_WARNINGS_PER_WINDOW = 20;
const CLIENT_WARNING_WINDOW_MS = 60_000;
const clientWarnings = new Map<string, { windowStart: number; count: number; suppressed: number }>();

/**
 * Something a client provoked (a refused body, an unknown method, a garbage frame): logged at
 * `warn`, without a stack, and at most CLIENT_WARNINGS_PER_WINDOW lines a minute per `message`
 * (the next line after a quiet spell says how many were left out). `error` stays for the
 * server's own faults, so a flood of bad requests cannot fill the log or page an operator.
 */
export function clientWarning(message: string, fields: Fields = {}, now = Date.now()): void {
  let entry = clientWarnings.get(message);
  if (!entry || now - entry.windowStart >= CLIENT_WARNING_WINDOW_MS) {
    const suppressed = entry?.suppressed ?? 0;
    entry = { windowStart: now, count: 0, suppressed: 0 };
    clientWarnings.set(message, entry);
    if (clientWarnings.size > 1000) clientWarnings.delete(clientWarnings.keys().next().value!);
    if (suppressed > 0) fields = { ...fields, suppressedBefore: suppressed };
  }
  if (entry.count >= CLIENT_WARNINGS_PER_WINDOW) {
    entry.suppressed++;
    return;
  }
  entry.count++;
  log.warn(message, { ...fields, provokedBy: "client" });
}
