// The request pipeline of the server's rooms (the table and the class room): a request is decoded
// against its zod schema, checked by the room, run in the room's serial queue, and answered with
// its reply or refused with a value. Nothing here knows a room's rules; it only fixes the order
// and the shape of the answer, so both rooms answer alike.
//
// API
// - `Refusal` ({ code, message }), `refusal(code, message)`, `isRefusal(reply)`: a request the
//   room will not carry out is answered with a value, never a thrown error.
// - `decode(schemas, type, payload)`: the payload checked against `schemas[type]` (a zod schema);
//   `{ ok: true, value }` typed as that schema's output (no casts at the call site), or a
//   `bad_request` refusal naming the request type and the first wrong field (`describeIssue`).
//   A missing payload counts as `{}`.
// - `SerialQueue`: `run(task)` runs async tasks one at a time, in the order they were queued; a
//   task that throws rejects its own promise only, the next one still runs. `idle()` resolves once
//   everything queued so far has settled.
// - `answerRequest(request, handle, onError)`: the last step, shared by every message handler.
//   `handle()` returns a reply or a refusal. A thrown error is passed to `onError` (log it there)
//   and becomes the refusal `internal_error` with `internalMessage`. A refusal to a `send` (no
//   reply channel: `request.ctx.id === undefined`) is also told to the sender through
//   `request.notice` (with `requestType`), and then rejected through `request.ctx.reject`; a reply
//   is returned for Colyseus to send.
//
// Typical use in a Colyseus room:
//   this.onMessage(type, (client, payload, ctx) =>
//     answerRequest(
//       { type, ctx, notice: (n) => client.send("notice", n), internalMessage: `${type}: the server failed; nothing changed` },
//       () => this.answer(type, client, payload),
//       (e) => log.error(`${type} failed`, { error: e }),
//     ));
//   …and in `answer`: budget → `decode(Requests, type, payload)` → role → `queue.run(() => …)`.
import type { z } from "zod";
import { describeIssue, type Refusal } from "../../shared/protocol/index.ts";

/** A request the room will not carry out, and why: the protocol's one refusal shape, `{ code, message }`. */
export type { Refusal };

export function refusal<C extends string>(code: C, message: string): { code: C; message: string } {
  return { code, message };
}

/** A reply is a refusal when it carries a `code` (accepted replies carry `ok: true`, never a code). */
export function isRefusal(reply: unknown): reply is Refusal {
  return typeof reply === "object" && reply !== null && "code" in reply && typeof reply.code === "string";
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; refusal: { code: "bad_request"; message: string } };

/** Check `payload` against `schemas[type]`: its typed value, or one `bad_request` naming the type and field. */
export function decode<S extends Record<string, z.ZodType>, T extends keyof S & string>(schemas: S, type: T, payload: unknown): Decoded<z.output<S[T]>> {
  const result = schemas[type]!.safeParse(payload ?? {}); // `!`: noUncheckedIndexedAccess; `type` is a key of `schemas`.
  // Why the cast: zod types safeParse of a schema picked by a generic key as `unknown`; it is S[T]'s output.
  if (result.success) return { ok: true, value: result.data as z.output<S[T]> };
  return { ok: false, refusal: refusal("bad_request", describeIssue(type, result.error)) };
}

/** Tasks one at a time, in order: a room's changes never interleave (apply → write → publish stays whole). */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    // The queue goes on after a failed task; the failure is the caller's (its promise rejects).
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Resolves once every task queued so far has settled. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}

/** What `answerRequest` needs of a message: Colyseus's `MessageContext` fits `ctx`. */
export interface IncomingRequest {
  type: string;
  ctx: { readonly id: number | undefined; reject<R>(reason?: R): unknown };
  /** Tell the sender of a `send` (no reply channel) that it was refused. */
  notice(notice: Refusal & { requestType: string }): void;
  /** The refusal's message when `handle` throws (e.g. `${type}: the server failed; nothing changed`). */
  internalMessage: string;
}

/** Run `handle`, then answer: the reply, or a refusal through `ctx.reject` (and a notice for a `send`). */
export async function answerRequest<R extends object>(
  request: IncomingRequest,
  handle: () => Promise<R | Refusal>,
  onError: (error: unknown) => void,
): Promise<unknown> {
  let reply: R | Refusal;
  try {
    reply = await handle();
  } catch (e) {
    onError(e);
    reply = refusal("internal_error", request.internalMessage);
  }
  if (isRefusal(reply)) {
    if (request.ctx.id === undefined) request.notice({ ...reply, requestType: request.type });
    return request.ctx.reject(reply);
  }
  return reply;
}
