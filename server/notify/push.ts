// Web Push (the `web-push` library): the server's VAPID keys, made on the first start and kept in
// the data folder (`vapid.json`, readable by the server's user only), and the sending of one
// encrypted payload to one browser's subscription. The library (and the crypto packages under it)
// is loaded on first use, not at every start: a restart answers sooner (issue 16).
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { log } from "../log.ts";
import { checkEndpoint, guardedAgent, type Resolver } from "./endpoint.ts";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const VapidFile = z.object({ publicKey: z.string().min(20), privateKey: z.string().min(20) });

const webPush = async () => (await import("web-push")).default;

/** `<dataDir>/vapid.json`: read it, or make a new pair and write it (mode 0600) on the first start. */
export async function loadVapidKeys(dataDir: string): Promise<VapidKeys> {
  const file = join(dataDir, "vapid.json");
  if (existsSync(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      throw new Error(`${file}: not JSON (delete it to make new Web Push keys; browsers then subscribe again)`);
    }
    const keys = VapidFile.safeParse(parsed);
    if (!keys.success) throw new Error(`${file}: needs publicKey and privateKey (delete it to make new Web Push keys; browsers then subscribe again)`);
    if ((statSync(file).mode & 0o077) !== 0) {
      chmodSync(file, 0o600);
      log.warn("vapid.json was readable by others: made private (0600)", { file });
    }
    return keys.data;
  }
  mkdirSync(dataDir, { recursive: true });
  const keys = (await webPush()).generateVAPIDKeys();
  // Written whole to a file of this process's own, then linked into place: a second process starting
  // at the same moment never reads a half-written file (it did, with `wx` straight into vapid.json), and
  // the link fails with EEXIST rather than overwrite the first one's keys.
  const draft = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(draft, JSON.stringify({ publicKey: keys.publicKey, privateKey: keys.privateKey }, null, 2) + "\n", { mode: 0o600, flag: "wx" });
  try {
    linkSync(draft, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return loadVapidKeys(dataDir);
    throw e;
  } finally {
    rmSync(draft, { force: true });
  }
  log.info("made this server's Web Push keys", { file });
  return { publicKey: keys.publicKey, privateKey: keys.privateKey };
}

export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * What a push service answered: delivered, gone (404/410: the subscription is over), or failed
 * (retry); `refused`: not sent at all, the endpoint is not a public https host (endpoint.ts), and
 * `gone` too (the subscription is dropped).
 */
export type PushResult = { ok: true } | { ok: false; gone: boolean; refused?: boolean; message: string };

export interface PushSender {
  readonly publicKey: string;
  send(target: PushTarget, payload: string): Promise<PushResult>;
}

/**
 * `subject`: a `mailto:` or `https:` contact for the push services (from MAIL_FROM when set).
 * `guard`: on a server listening beyond loopback, each endpoint's host is resolved with `resolve`
 * and refused unless it is https and every address is public; the connection then goes only to
 * addresses checked again at connection time (endpoint.ts). Null: no guard (loopback only).
 */
export function webPushSender(keys: VapidKeys, subject: string, guard: { resolve: Resolver } | null = null): PushSender {
  const agent = guard ? guardedAgent(guard.resolve) : undefined;
  return {
    publicKey: keys.publicKey,
    async send(target, payload) {
      if (guard) {
        const checked = await checkEndpoint(target.endpoint, guard.resolve);
        if ("refused" in checked) return { ok: false, gone: true, refused: true, message: checked.refused };
      }
      try {
        await (await webPush()).sendNotification(target, payload, {
          vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: 24 * 60 * 60,
          timeout: 10_000,
          urgency: "normal",
          ...(agent ? { agent } : {}),
        });
        return { ok: true };
      } catch (e) {
        const status = (e as { statusCode?: number }).statusCode;
        return { ok: false, gone: status === 404 || status === 410, message: status ? `push service answered ${status}` : e instanceof Error ? e.message : String(e) };
      }
    },
  };
}

/** The VAPID contact: MAIL_FROM's address, or a placeholder that names no real mailbox. */
export function vapidSubject(mailFrom: string): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? (mailFrom || "notifications@cyber-accord.invalid");
  return `mailto:${address}`;
}
