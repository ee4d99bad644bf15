// HTTP routes of class sessions: exports for the facilitator (filled in below).
import type { IncomingMessage } from "node:http";
import type { ServerContext } from "../context.ts";
import { errorResponse } from "../http/routes.ts";

export function classRoutes(_ctx: ServerContext) {
  return async function classRoute(_method: string, path: string, _req?: IncomingMessage): Promise<Response> {
    return errorResponse(404, "not_found", `no such resource: ${path}`);
  };
}
