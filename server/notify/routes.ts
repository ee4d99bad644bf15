// HTTP routes of notifications (docs/PROTOCOL.md §13):
//
//   GET  /api/push/key                      this server's Web Push (VAPID) public key
//   GET  /api/notify                        the caller's opt-ins            (Authorization: Bearer <credential>)
//   POST /api/notify/email                  { email, locale } e-mail opt-in (Bearer; 503 mail_unavailable without SMTP_URL):
//                                           unconfirmed, one confirmation e-mail (limited per address and requester)
//   POST /api/notify/email/stop             stop e-mails                    (Bearer)
//   POST /api/push/subscribe                { subscription, locale }        (Bearer)
//   POST /api/push/unsubscribe              { endpoint }                    (Bearer)
//   GET  /api/notify/unsubscribe/:token     a page asking to confirm (the link in every e-mail)
//   POST /api/notify/unsubscribe/:token     unsubscribe (one click: RFC 8058 List-Unsubscribe-Post)
//   GET  /api/notify/confirm/:token         a page asking to confirm an e-mail opt-in (the link in the confirmation e-mail)
//   POST /api/notify/confirm/:token         confirm it: from then on the address gets notifications
//
// The credential is a seat token (notifications for that seat) or a person's credential from
// server/people (every table of theirs); see people.ts. Errors are JSON `{ error: { code, message } }`,
// except the unsubscribe pages, which a person reads: HTML in the language of their opt-in.
import { readFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import { z } from "zod";
import { describeIssue } from "../../shared/protocol/index.ts";
import { createTranslator, DEFAULT_LOCALE, LOCALES, type Locale } from "../../shared/i18n/index.ts";
import type { ServerContext } from "../context.ts";
import { publicHost, publicProtocol } from "../http/address.ts";
import { readRefused } from "../http/read-budget.ts";
import { bodyOf } from "../http/front-door.ts";
import { errorResponse, jsonResponse, methodNotAllowed, SECURITY_HEADERS } from "../http/responses.ts";
import { log } from "../log.ts";
import { bearer, newToken } from "../tokens.ts";
import { projectRoot } from "../scenarios.ts";
import { loopbackOnly, privateHost } from "./endpoint.ts";
import type { Notifications } from "./setup.ts";
import { CONFIRMS_PER_ADDRESS_PER_DAY, CONFIRMS_PER_REQUESTER_PER_DAY } from "./store.ts";

const LocaleField = z.enum(LOCALES);

export const EmailOptInBody = z.strictObject({
  email: z.string().trim().max(254, "must be at most 254 characters").regex(/^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/, "must be an e-mail address like name@example.org"),
  locale: LocaleField.default(DEFAULT_LOCALE),
  /** Other seat tokens or personal-link credentials the caller holds: the same opt-in for each, confirmed by the one e-mail. */
  also: z.array(z.string().min(1, "must not be empty").max(200, "must be at most 200 characters")).max(50, "must hold at most 50 credentials").default([]),
});

export const PushSubscribeBody = z.strictObject({
  subscription: z.object({
    endpoint: z.string().max(2048, "must be at most 2048 characters").url("must be a URL").startsWith("https://", "must be an https:// URL"),
    keys: z.object({
      p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, "must be the browser's P-256 public key (base64url)"),
      auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}={0,2}$/, "must be the browser's auth secret (base64url)"),
    }),
  }),
  locale: LocaleField.default(DEFAULT_LOCALE),
});

export const PushUnsubscribeBody = z.strictObject({ endpoint: z.string().max(2048, "must be at most 2048 characters").min(1, "must not be empty") });

/**
 * Where the links of the caller's messages point: PUBLIC_URL when set, else the origin the caller
 * reached this server at (`Host`; `X-Forwarded-Host`/`-Proto` only behind a trusted proxy).
 */
function originOf(req: IncomingMessage | undefined, config: { trustProxy: boolean; publicUrl: string }): string {
  if (config.publicUrl) return config.publicUrl;
  return `${publicProtocol(req, config.trustProxy)}://${publicHost(req, config.trustProxy) ?? "localhost"}`;
}

function json(req: IncomingMessage | undefined, what: string): { ok: true; value: unknown } | { ok: false; response: Response } {
  const type = req?.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type)) return { ok: false, response: errorResponse(415, "unsupported_media_type", `${what}: the body must be JSON (Content-Type: application/json)`) };
  try {
    return { ok: true, value: JSON.parse(bodyOf(req)) };
  } catch {
    return { ok: false, response: errorResponse(400, "bad_request", `${what}: the body is not valid JSON`) };
  }
}

function page(locale: Locale, title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5;color:#1b2430}button{font:inherit;padding:.5em 1.2em;background:#1f4e79;color:#fff;border:0;border-radius:4px;cursor:pointer}</style></head>
<body><h1>${title}</h1>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'", ...SECURITY_HEADERS },
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** The service worker (client/sw.js): served from the root, so that it may control the whole client. */
const SERVICE_WORKER = join(projectRoot, "client", "sw.js");

export function notifyRoutes(ctx: ServerContext, { notifier, store, people }: Notifications) {
  /** The person this request is from, or the refusal to answer. */
  async function caller(req: IncomingMessage | undefined, what: string): Promise<string | Response> {
    const token = bearer(req);
    if (token === null) return errorResponse(401, "unauthorized", `${what}: needs your seat token or your personal link's credential (Authorization: Bearer <token>)`);
    const person = await people.personOfCredential(token);
    if (!person) return errorResponse(403, "forbidden", `${what}: this token belongs to no seat or person on this server`);
    return person;
  }

  async function settings(personId: string, extra: Record<string, unknown> = {}): Promise<Response> {
    const email = await store.email(personId);
    return jsonResponse({
      mailAvailable: notifier.mailEnabled,
      email: email?.email ?? null,
      emailConfirmed: email?.confirmed ?? false,
      locale: email?.locale ?? null,
      pushSubscriptions: await store.pushCount(personId),
      ...extra,
    });
  }

  /** The confirmation link's page: GET asks (a link scanner's GET changes nothing), POST confirms. */
  async function confirmPage(method: string, token: string): Promise<Response> {
    const optIn = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await store.optInOfConfirmToken(token) : null;
    const tr = createTranslator(optIn?.locale ?? DEFAULT_LOCALE);
    const title = escapeHtml(tr.t("notify:confirm.title"));
    if (!optIn) return page(tr.locale, title, `<p>${escapeHtml(tr.t("notify:confirm.unknown"))}</p>`, 404);
    if (method === "POST") {
      await store.confirmEmail(token);
      return page(tr.locale, title, `<p>${escapeHtml(tr.t("notify:confirm.done", { email: optIn.email }))}</p>`);
    }
    return page(
      tr.locale,
      title,
      `<p>${escapeHtml(tr.t("notify:confirm.ask", { email: optIn.email }))}</p><form method="post"><button type="submit">${escapeHtml(tr.t("notify:confirm.button"))}</button></form>`,
    );
  }

  async function unsubscribePage(method: string, token: string): Promise<Response> {
    const personId = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await store.personOfUnsubscribeToken(token) : null;
    const optIn = personId ? await store.email(personId) : null;
    const tr = createTranslator(optIn?.locale ?? DEFAULT_LOCALE);
    const title = escapeHtml(tr.t("notify:unsubscribe.title"));
    if (!personId || !optIn) {
      // Unsubscribing twice (a mail client's one click, then the person's) is not an error: say it is done.
      return page(tr.locale, title, `<p>${escapeHtml(tr.t("notify:unsubscribe.unknown"))}</p>`, personId ? 200 : 404);
    }
    if (method === "POST") {
      await store.removeEmail(personId);
      return page(tr.locale, title, `<p>${escapeHtml(tr.t("notify:unsubscribe.done", { email: optIn.email }))}</p>`);
    }
    return page(
      tr.locale,
      title,
      `<p>${escapeHtml(tr.t("notify:unsubscribe.confirm", { email: optIn.email }))}</p><form method="post"><button type="submit">${escapeHtml(tr.t("notify:unsubscribe.button"))}</button></form>`,
    );
  }

  /** The answer to a notification route, or null when the path is not one. */
  return async function route(method: string, path: string, req?: IncomingMessage): Promise<Response | null> {
    if (path === "/sw.js") {
      if (method !== "GET" && method !== "HEAD") return methodNotAllowed(method, path, "GET");
      const text = await readFile(SERVICE_WORKER, "utf8").catch((e: Error) => {
        // The file ships with the sources (client/sw.js): without it, no push is shown, so say so (and answer 404).
        log.warn("could not read the service worker", { file: SERVICE_WORKER, error: e.message });
        return null;
      });
      if (text === null) return null;
      return new Response(text, { headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache", "service-worker-allowed": "/", ...SECURITY_HEADERS } });
    }
    const unsubscribe = /^\/api\/notify\/unsubscribe\/([^/]+)$/.exec(path);
    const confirm = /^\/api\/notify\/confirm\/([^/]+)$/.exec(path);
    const known = unsubscribe || confirm || ["/api/push/key", "/api/notify", "/api/notify/email", "/api/notify/email/stop", "/api/push/subscribe", "/api/push/unsubscribe"].includes(path);
    if (!known) return null;
    const refused = readRefused(ctx, req);
    if (refused) return refused;
    const get = method === "GET" || method === "HEAD";
    if (unsubscribe) {
      if (!get && method !== "POST") return methodNotAllowed(method, path, "GET", "POST");
      return unsubscribePage(get ? "GET" : "POST", unsubscribe[1]!);
    }
    if (confirm) {
      if (!get && method !== "POST") return methodNotAllowed(method, path, "GET", "POST");
      return confirmPage(get ? "GET" : "POST", confirm[1]!);
    }
    if (path === "/api/push/key") {
      if (!get) return methodNotAllowed(method, path, "GET");
      return jsonResponse({ publicKey: notifier.pushPublicKey });
    }
    if (path === "/api/notify") {
      if (!get) return methodNotAllowed(method, path, "GET");
      const who = await caller(req, "notify");
      return typeof who === "string" ? settings(who) : who;
    }
    if (method !== "POST") return methodNotAllowed(method, path, "POST");
    if (path === "/api/notify/email") {
      // As every route: the credential, then the body, then whether this server can do it.
      const who = await caller(req, "notify_email");
      if (typeof who !== "string") return who;
      const body = json(req, "notify_email");
      if (!body.ok) return body.response;
      const parsed = EmailOptInBody.safeParse(body.value);
      if (!parsed.success) return errorResponse(400, "bad_request", describeIssue("notify_email", parsed.error));
      if (!notifier.mailEnabled) return errorResponse(503, "mail_unavailable", "notify_email: this server sends no e-mail (no SMTP_URL); Web Push still works");
      const optIn = { personId: who, email: parsed.data.email, locale: parsed.data.locale, origin: originOf(req, ctx.config) };
      const others: string[] = [];
      for (const [i, credential] of parsed.data.also.entries()) {
        const other = await people.personOfCredential(credential);
        if (!other) return errorResponse(403, "forbidden", `notify_email: field 'also[${i}]' belongs to no seat or person on this server`);
        if (other !== who && !others.includes(other)) others.push(other);
      }
      const everyone = [who, ...others];
      const current = await Promise.all(everyone.map((id) => store.email(id)));
      if (current.every((c) => c?.confirmed && c.email.toLowerCase() === optIn.email.toLowerCase())) {
        // The same address again, confirmed for each: only its language (and links) change; no e-mail.
        for (const id of everyone) await store.updateConfirmedEmail(id, optIn.locale, optIn.origin);
        return settings(who, { confirmationSent: false });
      }
      // Double opt-in: the address gets one confirmation e-mail and nothing else until its link is followed.
      const limited = await store.reserveConfirmation(optIn.email, who);
      if (limited) {
        const message =
          limited.passed === "address"
            ? `notify_email: at most ${CONFIRMS_PER_ADDRESS_PER_DAY} confirmation e-mails a day go to one address, and ${optIn.email} has had them; retry in ${limited.retryAfterSeconds} s`
            : `notify_email: at most ${CONFIRMS_PER_REQUESTER_PER_DAY} confirmation e-mails a day may be asked for with one seat token or personal link; retry in ${limited.retryAfterSeconds} s`;
        return errorResponse(429, "rate_limited", message, { "retry-after": String(limited.retryAfterSeconds) });
      }
      const token = newToken();
      for (const id of everyone) await store.setUnconfirmedEmail({ ...optIn, personId: id }, token);
      try {
        await notifier.sendConfirmation(optIn, token);
      } catch (e) {
        log.warn("notify: a confirmation e-mail was not taken by the mail server", { error: e instanceof Error ? e.message : String(e) });
        return errorResponse(502, "mail_failed", "notify_email: the mail server did not take the confirmation e-mail; try again later");
      }
      return settings(who, { confirmationSent: true });
    }
    if (path === "/api/notify/email/stop") {
      const who = await caller(req, "notify_email_stop");
      if (typeof who !== "string") return who;
      await store.removeEmail(who);
      return settings(who);
    }
    if (path === "/api/push/subscribe") {
      const who = await caller(req, "push_subscribe");
      if (typeof who !== "string") return who;
      const body = json(req, "push_subscribe");
      if (!body.ok) return body.response;
      const parsed = PushSubscribeBody.safeParse(body.value);
      if (!parsed.success) return errorResponse(400, "bad_request", describeIssue("push_subscribe", parsed.error));
      if (!loopbackOnly(ctx.config.host) && privateHost(new URL(parsed.data.subscription.endpoint).hostname)) {
        return errorResponse(400, "bad_request", "push_subscribe: field 'subscription.endpoint' must be a push service on the internet, not this machine or a private network");
      }
      await store.addPush(who, parsed.data.subscription, parsed.data.locale, originOf(req, ctx.config));
      return settings(who);
    }
    // /api/push/unsubscribe
    const who = await caller(req, "push_unsubscribe");
    if (typeof who !== "string") return who;
    const body = json(req, "push_unsubscribe");
    if (!body.ok) return body.response;
    const parsed = PushUnsubscribeBody.safeParse(body.value);
    if (!parsed.success) return errorResponse(400, "bad_request", describeIssue("push_unsubscribe", parsed.error));
    await store.removePush(who, parsed.data.endpoint);
    return settings(who);
  };
}

