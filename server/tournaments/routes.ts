// HTTP routes of hosted tournaments (filled in below).
import type { IncomingMessage } from "node:http";
import type { ServerContext } from "../context.ts";
import { errorResponse } from "../http/routes.ts";

export function tournamentRoutes(_ctx: ServerContext) {
  return async function tournamentRoute(_method: string, path: string, _req?: IncomingMessage): Promise<Response> {
    return errorResponse(404, "not_found", `no such resource: ${path}`);
  };
}
