// Refusals. Inside the engine a broken rule throws a `RefusalError`; `apply` catches it and returns
// it as a value (a `Refusal`, types.ts), so no caller ever sees an exception for a bad action.
import type { ErrorCode, Refusal } from "./types.ts";

export class RefusalError extends Error implements Refusal<ErrorCode> {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RefusalError";
  }
}

/** Stop the action with an error code and a message naming what was wrong. */
export function refuse(code: ErrorCode, message: string): never {
  throw new RefusalError(code, message);
}
