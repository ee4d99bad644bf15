// The answers every HTTP route builds: JSON with the security headers, and the one error shape
// `{ error: { code, message } }`. A module of its own so that the route files (classes,
// tournaments, materials, exports) need not import the dispatcher that imports them.
export const SECURITY_HEADERS = { "x-content-type-options": "nosniff" };

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...SECURITY_HEADERS, ...headers },
  });
}

export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return jsonResponse({ error: { code, message } }, status, headers);
}
