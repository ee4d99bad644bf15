// End-to-end harness: the real game server as a child process (`node bin/server.js`, as `npm start`
// runs it) on a free port with a temporary data folder and instant bots, the web client built into
// client/dist, and the system's Chromium driven by playwright-core. Waiting is always for a
// selector or a condition in the page; timeouts only guard against a hang.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { ensureClientBuilt } from "../../client/scripts/build.ts";
import { serverNodeFlags } from "../helpers/fixtures.ts";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const artifacts = join(root, "test-artifacts", "e2e");
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export interface E2E {
  url: string;
  browser: Browser;
  /** A fresh browser context (its own storage: one person) with a page. */
  person(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  /** Close every person's browser context (after each test, so idle pages cost nothing). */
  closePeople(): Promise<void>;
  close(): Promise<void>;
  /** What the page printed to its console as errors, and uncaught exceptions. */
  pageErrors: string[];
}

/** `env`: more settings for the server (HOST_KEY, say). */
export async function startE2E(env: Record<string, string> = {}): Promise<E2E> {
  await ensureClientBuilt({ quiet: true });
  mkdirSync(artifacts, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "accord-e2e-"));
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, [...serverNodeFlags, "bin/server.js"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, BOT_DELAY_MS: "0", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  server.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the game server exited (${server.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the game server did not answer /healthz within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  return {
    url,
    browser,
    pageErrors,
    async person(viewport = { width: 1280, height: 720 }) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      // Only a guard against a hang: on a busy machine a step can take a while.
      context.setDefaultTimeout(45_000);
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (e) => pageErrors.push(`pageerror: ${e.message}`));
      page.on("console", (m) => {
        // WebGL driver chatter (software rendering) is not the page's fault.
        if (m.type() === "error" && !m.text().includes("GL Driver")) pageErrors.push(`console: ${m.text()}`);
      });
      return { context, page };
    },
    async shot(page, name, fullPage = false) {
      // A full page from the top (a sticky header would otherwise be drawn mid-page); and let the
      // canvas finish the frame it is drawing.
      if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage });
    },
    async closePeople() {
      for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    },
    async close() {
      for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      server.kill("SIGTERM");
      await new Promise<void>((r) => {
        if (server.exitCode !== null) return r();
        const t = setTimeout(() => {
          server.kill("SIGKILL");
          r();
        }, 5000);
        server.once("exit", () => {
          clearTimeout(t);
          r();
        });
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Click a button that may ask for confirmation, and confirm. */
export async function clickConfirming(page: Page, selector: string): Promise<void> {
  await page.click(selector);
  const dialog = page.locator(".dialog [role=dialog], .dialog-backdrop .dialog");
  if (await dialog.count()) await page.locator(".dialog-backdrop .btn-primary, .dialog-backdrop .btn-danger").click();
}
