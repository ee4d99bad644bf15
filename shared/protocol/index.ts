// The client ↔ server protocol: request schemas, room options, server messages, error codes.
export * from "./requests.ts";
export * from "./options.ts";
export * from "./messages.ts";
export * from "./errors.ts";
