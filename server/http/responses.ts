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

/** 405 for a method a route does not answer, with `Allow` (a GET route answers HEAD too, every route OPTIONS). */
export function methodNotAllowed(method: string, path: string, ...answers: ("GET" | "POST")[]): Response {
  const allow = [...answers.flatMap((m) => (m === "GET" ? ["GET", "HEAD"] : [m])), "OPTIONS"].join(", ");
  const said = answers.length === 1 ? `only answers ${answers[0]}` : `answers ${answers.join(" and ")}`;
  return errorResponse(405, "method_not_allowed", `${method} ${path}: this resource ${said}`, { allow });
}

/**
 * A browser's CORS preflight (`OPTIONS`) for one of our paths: any origin, the methods the server
 * answers and the headers the page asks to send (`Authorization`, `Content-Type`, …), remembered for
 * ten minutes. Colyseus answers its own (`/matchmake/…`).
 */
export function preflightResponse(requested: string | undefined): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...SECURITY_HEADERS,
      allow: "GET, HEAD, POST, OPTIONS",
      "access-control-allow-methods": "GET, HEAD, POST, OPTIONS",
      "access-control-allow-headers": requested && /^[\w\-, ]{1,500}$/.test(requested) ? requested : "authorization, content-type, if-none-match",
      "access-control-max-age": "600",
    },
  });
}
