// Notifications (docs/PROTOCOL.md §13): the opt-ins kept by the server, and this browser's Web Push
// subscription (the service worker at /sw.js shows what arrives). Each call names the person by a
// credential: a seat token this browser holds, or a personal link's secret.
import { locale } from "../i18n.ts";
import { offlineText } from "./refusals.ts";
import { serverOrigin } from "./server.ts";

export interface NotifySettings {
  /** False when the server sends no e-mail (no SMTP_URL): offer only this browser. */
  mailAvailable: boolean;
  email: string | null;
  /** False until the link in the confirmation e-mail is followed: nothing else is mailed before. */
  emailConfirmed: boolean;
  locale: string | null;
  pushSubscriptions: number;
}

export class NotifyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "NotifyError";
  }
}

async function call<T>(method: "GET" | "POST", path: string, credential: string | null, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${serverOrigin()}${path}`, {
      method,
      headers: { accept: "application/json", ...(credential ? { authorization: `Bearer ${credential}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new NotifyError(0, "offline", offlineText());
  }
  const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok) throw new NotifyError(res.status, json?.error?.code ?? "http_error", json?.error?.message ?? `HTTP ${res.status}`);
  return json as T;
}

export const notify = {
  settings: (credential: string) => call<NotifySettings>("GET", "/api/notify", credential),
  /** One opt-in for `credential` and every one of `also` (this browser's other seats): one confirmation e-mail. */
  setEmail: (credential: string, email: string, also: string[] = []) => call<NotifySettings & { confirmationSent: boolean }>("POST", "/api/notify/email", credential, { email, locale: locale(), also }),
  stopEmail: (credential: string) => call<NotifySettings>("POST", "/api/notify/email/stop", credential, {}),
  pushKey: () => call<{ publicKey: string }>("GET", "/api/push/key", null),
  subscribe: (credential: string, subscription: PushSubscriptionJSON) => call<NotifySettings>("POST", "/api/push/subscribe", credential, { subscription: { endpoint: subscription.endpoint, keys: subscription.keys }, locale: locale() }),
  unsubscribe: (credential: string, endpoint: string) => call<NotifySettings>("POST", "/api/push/unsubscribe", credential, { endpoint }),
};

/** Whether this browser can receive Web Push at all (a secure page, a service worker, the Push API). */
export function pushSupported(): boolean {
  return typeof window !== "undefined" && window.isSecureContext && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  // Same origin as the page (a service worker cannot come from elsewhere); the game server serves it.
  return navigator.serviceWorker.register("/sw.js", { scope: "/" });
}

/** This browser's subscription now, if any. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const reg = await navigator.serviceWorker.getRegistration("/");
  return (await reg?.pushManager.getSubscription()) ?? null;
}

/** Ask the browser's permission, subscribe with the server's key, and give the subscription to the server for each credential. */
export async function subscribeThisBrowser(credentials: readonly string[]): Promise<"on" | "denied"> {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return "denied";
  const reg = await registration();
  const { publicKey } = await notify.pushKey();
  const sub = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
  const json = sub.toJSON();
  for (const c of credentials) await notify.subscribe(c, json);
  return "on";
}

/** Tell the server to stop, for each credential, then end the browser's subscription. */
export async function unsubscribeThisBrowser(credentials: readonly string[]): Promise<void> {
  const sub = await currentSubscription();
  if (!sub) return;
  for (const c of credentials) await notify.unsubscribe(c, sub.endpoint);
  await sub.unsubscribe();
}
