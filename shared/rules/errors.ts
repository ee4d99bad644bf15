// Refusals. Inside the engine a broken rule throws a `Refusal`; `apply` catches it and returns
// it as a value, so no caller ever sees an exception for a bad action.
import type { ErrorCode } from "./types.ts";

export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "Refusal";
  }
}

/** Stop the action with an error code and a message naming what was wrong. */
export function refuse(code: ErrorCode, message: string): never {
  throw new Refusal(code, message);
}
