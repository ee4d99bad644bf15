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
