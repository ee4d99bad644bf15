// Real parts for the notification tests: an SMTP server (smtp-server) that keeps what it is sent,
// a Web Push endpoint (an HTTPS server on loopback with a certificate made for the test) that
// keeps what push services would receive, a browser's push keys (P-256 and an auth secret) that
// decrypt what the server encrypted (RFC 8291 aes128gcm), and a game server whose notifications run
// on a clock the test moves (real everything else).
import { execFileSync } from "node:child_process";
import { createECDH, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer as createHttpsServer, globalAgent, type Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { startGameServer, type GameServer } from "../../server/app.ts";
import type { ServerConfig } from "../../server/config.ts";
import type { NotificationOptions } from "../../server/notify/setup.ts";
import { rmSync } from "node:fs";
import { tempDir, testConfig } from "../server/harness.ts";

/** Resolves when `check` holds, looked at after each arrival (`poke`); the timeout only guards a hang. */
class Arrivals<T> {
  readonly items: T[] = [];
  private waiters = new Set<() => void>();

  add(item: T): void {
    this.items.push(item);
    for (const w of [...this.waiters]) w();
  }

  /** The `n`th item (from 1), once it has come. */
  nth(n: number, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.items.length >= n) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve(this.items[n - 1]!);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what} (have ${this.items.length})`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}

// ---- SMTP ----------------------------------------------------------------------------------

export interface Mail {
  from: string;
  to: string[];
  raw: string;
  headers: Map<string, string>;
  /** The text/plain part, decoded. */
  text: string;
  /** The text/html part, decoded. */
  html: string;
}

function unfoldHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split(/\r\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding?.toLowerCase() === "quoted-printable") {
    const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / ?Q?), as a subject in Bangla comes. */
export function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
    kind.toLowerCase() === "b" ? Buffer.from(text, "base64").toString("utf8") : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
  );
}

/** A MIME message's headers and its text and HTML parts (enough for what nodemailer writes). */
export function parseMail(raw: string): Pick<Mail, "headers" | "text" | "html"> {
  const split = raw.indexOf("\r\n\r\n");
  const headers = unfoldHeaders(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  const parts: { type: string; text: string }[] = [];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const part = chunk.replace(/^\r\n/, "");
      const at = part.indexOf("\r\n\r\n");
      const h = unfoldHeaders(part.slice(0, at));
      parts.push({ type: h.get("content-type") ?? "", text: decodeBody(part.slice(at + 4).replace(/\r\n$/, ""), h.get("content-transfer-encoding")) });
    }
  } else parts.push({ type, text: decodeBody(body, headers.get("content-transfer-encoding")) });
  return {
    headers,
    text: parts.find((p) => p.type.startsWith("text/plain"))?.text ?? "",
    html: parts.find((p) => p.type.startsWith("text/html"))?.text ?? "",
  };
}

export interface SmtpSink {
  url: string;
  mails: Arrivals<Mail>;
  close(): Promise<void>;
}

/** A real SMTP server on a loopback port (no TLS, no auth): every message it accepts is kept. */
export async function startSmtp(): Promise<SmtpSink> {
  const mails = new Arrivals<Mail>();
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        mails.add({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw, ...parseMail(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// ---- Web Push --------------------------------------------------------------------------------

export interface PushRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface PushEndpoint {
  /** https://127.0.0.1:<port> */
  origin: string;
  requests: Arrivals<PushRequest>;
  /** The status the next requests are answered with (201 by default; 410: the subscription is gone). */
  status: number;
  close(): Promise<void>;
}

/**
 * A push service stand-in: HTTPS on loopback with a self-signed certificate made by openssl for
 * 127.0.0.1, trusted by this process's HTTPS agent (web-push sends through it). Null (with why)
 * where openssl is missing.
 */
export async function startPushEndpoint(): Promise<PushEndpoint | { missing: string }> {
  const dir = tempDir("push-cert");
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return { missing: "openssl is not installed: no certificate for the test push endpoint" };
  }
  const cert = readFileSync(join(dir, "cert.pem"));
  const key = readFileSync(join(dir, "key.pem"));
  rmSync(dir, { recursive: true, force: true });
  const requests = new Arrivals<PushRequest>();
  const endpoint: PushEndpoint = { origin: "", requests, status: 201, close: async () => {} };
  const server: HttpsServer = createHttpsServer({ cert, key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.writeHead(endpoint.status);
      res.end();
      requests.add({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const previous = globalAgent.options.ca;
  globalAgent.options.ca = [cert];
  endpoint.origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  endpoint.close = () =>
    new Promise<void>((resolve) => {
      globalAgent.options.ca = previous;
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return endpoint;
}

/** A browser's side of a push subscription: its P-256 key pair and auth secret, and the decryption (RFC 8291, aes128gcm). */
export function browserKeys() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  const publicKey = ecdh.getPublicKey();
  return {
    p256dh: publicKey.toString("base64url"),
    auth: auth.toString("base64url"),
    decrypt(body: Buffer): string {
      const salt = body.subarray(0, 16);
      const idLength = body.readUInt8(20);
      const serverKey = body.subarray(21, 21 + idLength);
      const cipher = body.subarray(21 + idLength);
      const shared = ecdh.computeSecret(serverKey);
      const info = Buffer.concat([Buffer.from("WebPush: info\0"), publicKey, serverKey]);
      const ikm = Buffer.from(hkdfSync("sha256", shared, auth, info, 32));
      const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
      const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
      const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
      decipher.setAuthTag(cipher.subarray(cipher.length - 16));
      const plain = Buffer.concat([decipher.update(cipher.subarray(0, cipher.length - 16)), decipher.final()]);
      // The last record ends with the delimiter 0x02, then padding zeros.
      const end = plain.lastIndexOf(2);
      return plain.subarray(0, end).toString("utf8");
    },
  };
}

// ---- the game server -------------------------------------------------------------------------

export interface NotifyServer {
  url: string;
  server: GameServer;
  dataDir: string;
  close(): Promise<void>;
}

/** startTestServer's configuration, and the notifications' clock (or mailer) the test hands in. */
export async function startNotifyServer(overrides: Partial<ServerConfig>, notifications: NotificationOptions = {}): Promise<NotifyServer> {
  const config = testConfig(overrides);
  const server = await startGameServer(config, { notifications });
  return {
    url: server.url,
    server,
    dataDir: config.dataDir,
    async close() {
      await server.close();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** A call to the server's HTTP API as a client makes it. */
export async function call(url: string, method: string, path: string, options: { token?: string; body?: unknown; form?: string } = {}): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  } else if (options.form !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = options.form;
  }
  const res = await fetch(`${url}${path}`, { method, headers, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, text, headers: res.headers };
}
