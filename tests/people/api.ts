// The people routes' HTTP calls, as the tests in this folder make them (PROTOCOL §12): a JSON body
// (or a raw string, to send what is not JSON), the personal link's secret as a bearer token.

/** One call: its status and its JSON answer (null when empty). */
export async function peopleCall(url: string, method: string, path: string, body?: unknown, secret?: string): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== undefined) headers.authorization = `Bearer ${secret}`;
  const res = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
