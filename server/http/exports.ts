// Cheap reads of match records and transcripts, and who may read a table's full record.
//
// An export (a record's game part, a transcript as JSON, CSV or Markdown) is built once per table
// version and kept: the record of an ended table never changes, and a running table's changes only
// with its version. Built exports sit in a cache bounded by bytes (least recently used out first);
// requests for an export being built wait for that one build (single flight). What needs the log
// replayed is built by one worker thread of its own (export-worker.ts), which reads the rows from
// SQLite itself (with PostgreSQL it is handed them), so a burst of exports of long tables does not
// hold up the thread every table answers on; what a running table already has in memory (its game
// state) is built here, without the log. Each export carries a strong ETag (a hash of its bytes).
//
// Also here: the privacy rule of class tables (`fullRecordAllowed`) and an export's language. The
// ETags and gzip are caching.ts's; the budget for public reads is read-budget.ts's.
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { Counter } from "prom-client";
import type { GameState } from "../../shared/rules/types.ts";
import type { Overlay } from "../../shared/scenario/overlay.ts";
import type { ServerContext } from "../context.ts";
import type { MatchRow } from "../db/schema.ts";
import { log } from "../log.ts";
import { registry } from "../metrics.ts";
import { errorResponse } from "./responses.ts";
import { bearer, hashToken, sameSecret } from "../tokens.ts";
import { strongEtag } from "./caching.ts";
import { buildExport, recordPart, summaryPart, type ExportFormat, type ExportJob, type RecordKind } from "./export-build.ts";
import { isLocale, LOCALES, type Locale } from "../../shared/i18n/index.ts";

/** Bytes of built exports kept in memory (a 5,000-event table's Markdown is about 0.5 MB). */
export const EXPORT_CACHE_BYTES = 64 * 1024 * 1024;
/** The export thread stops after this long without work (and starts again when needed). */
const WORKER_IDLE_MS = 30_000;

const builds = new Counter({
  name: "accord_export_builds_total",
  help: "Match exports (record parts, transcripts, class summaries) built by this process; repeated reads are served from the cache",
  labelNames: ["format", "where"],
  registers: [registry],
});

export interface Built {
  body: Buffer;
  /** Strong: the same bytes, the same tag. */
  etag: string;
}

// ---- the export thread -------------------------------------------------------------------------

type Pending = { resolve: (b: Uint8Array | null) => void; reject: (e: Error) => void };

class ExportThread {
  private worker: Worker | null = null;
  private ready = false;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;
  /** The thread could not be started here: build on the main thread instead. */
  broken = false;

  run(job: ExportJob): Promise<Uint8Array | null> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  private start(): Worker {
    // From the bundle (dist/server/, bin/build-server.js) the thread is the bundle beside it; from the
    // sources, export-boot.mjs installs tsx's loader in the thread, then loads export-worker.ts.
    const worker = import.meta.url.endsWith(".js")
      ? new Worker(new URL("./export-worker.js", import.meta.url))
      : new Worker(new URL("./export-boot.mjs", import.meta.url), { workerData: { entry: new URL("./export-worker.ts", import.meta.url).href } });
    worker.unref();
    this.worker = worker;
    this.ready = false;
    worker.on("message", (m: { ready?: true; id?: number; body?: Uint8Array; missing?: true; error?: string }) => {
      if (m.ready) {
        this.ready = true;
        return;
      }
      const p = this.pending.get(m.id!);
      if (!p) return;
      this.pending.delete(m.id!);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.missing ? null : m.body!);
      if (this.pending.size === 0) this.scheduleStop();
    });
    const fail = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (!this.ready) {
        this.broken = true;
        log.warn(`the export thread could not start (${why}); exports are built on the main thread`);
      } else log.warn(`the export thread stopped (${why}); it starts again with the next export`);
      for (const p of this.pending.values()) p.reject(new Error(`the export thread stopped (${why})`));
      this.pending.clear();
    };
    worker.on("error", (e) => fail(e.message));
    worker.on("exit", (code) => fail(`exit ${code}`));
    return worker;
  }

  private scheduleStop(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), WORKER_IDLE_MS);
    this.idle.unref();
  }

  /** End the thread when it has nothing to do (it starts again with the next export). */
  stop(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    if (!this.worker || this.pending.size > 0) return;
    const worker = this.worker;
    this.worker = null;
    void worker.terminate();
  }
}

// ---- the cache ---------------------------------------------------------------------------------

/** Built exports by key, bounded by their bytes; the least recently used goes first. */
export class ByteLru {
  private readonly map = new Map<string, Built>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): Built | undefined {
    const hit = this.map.get(key);
    if (hit) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: Built): void {
    // One export larger than a quarter of the cache would push out everything else: not kept.
    if (value.body.length > this.maxBytes / 4) return;
    const old = this.map.get(key);
    if (old) {
      this.bytes -= old.body.length;
      this.map.delete(key);
    }
    this.map.set(key, value);
    this.bytes += value.body.length;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= v.body.length;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.map.size, bytes: this.bytes };
  }
}

/**
 * Which state of a table an export shows: `"end"` for a table that can no longer change (ended
 * or abandoned), else its version (from memory when this process runs it, else the last logged).
 */
export type TableVersion = number | "end";

export class MatchExports {
  private readonly cache: ByteLru;
  private readonly inflight = new Map<string, Promise<Built | null>>();
  private readonly thread = new ExportThread();
  /** Exports built (not served from the cache), for tests. */
  built = 0;

  constructor(
    private readonly ctx: ServerContext,
    maxBytes = EXPORT_CACHE_BYTES,
  ) {
    this.cache = new ByteLru(maxBytes);
  }

  /**
   * One export of a table: from the cache, from the build under way, or built now — from `game`
   * when given (the state a room holds, for the record's part and the class summary), else from
   * the stored log in the export thread. Null when the match is not stored.
   */
  get(matchId: string, version: TableVersion, format: ExportFormat, record: RecordKind, game?: GameState, lang: Locale = "en"): Promise<Built | null> {
    // Only the transcripts for people (CSV, Markdown) have a language; the rest is the same in every one.
    const language: Locale = format === "csv" || format === "md" ? lang : "en";
    const key = `${matchId}@${version}/${format}/${record}/${language}`;
    const hit = this.cache.get(key);
    if (hit) return Promise.resolve(hit);
    let flight = this.inflight.get(key);
    if (!flight) {
      flight = this.build(matchId, version, format, record, game, language).then(
        (built) => {
          this.inflight.delete(key);
          if (built) this.cache.set(key, built);
          return built;
        },
        (e: unknown) => {
          this.inflight.delete(key);
          throw e;
        },
      );
      this.inflight.set(key, flight);
    }
    return flight;
  }

  private async build(matchId: string, version: TableVersion, format: ExportFormat, record: RecordKind, game: GameState | undefined, lang: Locale): Promise<Built | null> {
    this.built += 1;
    let body: Buffer | null;
    if (game && (format === "record" || format === "summary")) {
      builds.inc({ format, where: "memory" });
      body = Buffer.from(format === "record" ? recordPart(game, record) : summaryPart(game), "utf8");
    } else {
      const upTo = version === "end" ? null : version;
      const source = this.ctx.store.kind === "sqlite" ? { file: join(this.ctx.config.dataDir, "accord.sqlite") } : await this.rowsOf(matchId);
      if (!source) return null;
      const overlay = lang === "en" ? undefined : await this.overlayOf(matchId, game, lang);
      const job: ExportJob = { matchId, format, record, upTo, source, ...(lang === "en" ? {} : { lang }), ...(overlay ? { overlay } : {}) };
      let bytes: Uint8Array | null | undefined;
      if (!this.thread.broken) {
        try {
          bytes = await this.thread.run(job);
          builds.inc({ format, where: "thread" });
        } catch (e) {
          // A thread that could not start at all: build here (slower for everyone, but answered).
          if (!this.thread.broken) throw e;
        }
      }
      if (bytes === undefined) {
        builds.inc({ format, where: "main" });
        bytes = buildExport(job);
      }
      body = bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
    }
    return body ? { body, etag: strongEtag(body) } : null;
  }

  /** The translation into `lang` of the match's scenario (the catalog's overlay), for its words in a transcript for people. */
  private async overlayOf(matchId: string, game: GameState | undefined, lang: Locale): Promise<Overlay | undefined> {
    const id = game?.scenario.id ?? (await this.ctx.store.db.selectFrom("matches").select("scenario_id").where("id", "=", matchId).executeTakeFirst())?.scenario_id;
    return id ? this.ctx.catalog.translations(id)[lang] : undefined;
  }

  /** PostgreSQL: the rows are read here (the driver is asynchronous) and handed to the thread. */
  private async rowsOf(matchId: string): Promise<ExportJob["source"] | null> {
    const stored = await this.ctx.store.loadMatch(matchId);
    if (!stored) return null;
    return { rows: { scenarioJson: stored.match.scenario_json, seed: stored.match.seed, actions: stored.actions } };
  }

  /** Which version of a table to export, and its game when this process runs it. */
  async versionOf(row: MatchRow): Promise<{ version: TableVersion; game?: GameState }> {
    const live = this.ctx.live.get(row.id);
    if (live) {
      const game = live.game();
      return { version: game.phase === "ended" ? "end" : game.version, game };
    }
    if (row.status === "ended" || row.status === "abandoned") return { version: "end" };
    const last = await this.ctx.store.db
      .selectFrom("events")
      .select((eb) => eb.fn.max("seq").as("last"))
      .where("match_id", "=", row.id)
      .executeTakeFirst();
    return { version: Number(last?.last ?? 0) };
  }

  stats(): { entries: number; bytes: number; built: number } {
    return { ...this.cache.size, built: this.built };
  }

  stop(): void {
    this.thread.stop();
  }
}

// ---- who may read what -------------------------------------------------------------------------

/** The class session a table belongs to (the class store maps sessions to their tables), or null. */
export async function classOfMatch(ctx: ServerContext, matchId: string): Promise<{ sessionId: string; facilitatorTokenHash: string } | null> {
  const db = ctx.store.db;
  const row = await db
    .selectFrom("class_tables")
    .innerJoin("class_sessions", "class_sessions.id", "class_tables.session_id")
    .select(["class_sessions.id as sessionId", "class_sessions.facilitator_token_hash as hash"])
    .where("class_tables.match_id", "=", matchId)
    .executeTakeFirst();
  return row ? { sessionId: row.sessionId, facilitatorTokenHash: row.hash } : null;
}

/**
 * Whether this request may read an ended table's full record (every private message, team note,
 * profile). Any table but a class's: anyone. A class table: only with its class's facilitator
 * token, or the table's own facilitator token (`Authorization: Bearer <token>`); everyone else
 * gets the public record (what an observer sees, and the outcome).
 */
export async function fullRecordAllowed(ctx: ServerContext, row: MatchRow, req: IncomingMessage | undefined): Promise<boolean> {
  const cls = await classOfMatch(ctx, row.id);
  if (!cls) return true;
  const token = bearer(req);
  if (token === null) return false;
  const hash = hashToken(token);
  return sameSecret(hash, cls.facilitatorTokenHash) || sameSecret(hash, row.facilitator_token_hash);
}

// ---- the reader's language ---------------------------------------------------------------------

/**
 * The language an export is asked for: `?lang=bn` (docs/PROTOCOL.md §8), English without it; a
 * language this server does not have is a 400 naming the parameter and the languages it has.
 */
export function exportLang(req: IncomingMessage | undefined): Locale | Response {
  const raw = new URL(req?.url ?? "/", "http://localhost").searchParams.get("lang");
  if (raw === null || raw === "") return "en";
  if (isLocale(raw)) return raw;
  return errorResponse(400, "bad_request", `query parameter 'lang': '${raw.slice(0, 20)}' is not a language of this server (${LOCALES.join(", ")})`);
}

// ---- one per server ----------------------------------------------------------------------------

const exportsOf = new WeakMap<ServerContext, MatchExports>();

/** This server's exports (one per server context). */
export function matchExports(ctx: ServerContext): MatchExports {
  let e = exportsOf.get(ctx);
  if (!e) exportsOf.set(ctx, (e = new MatchExports(ctx)));
  return e;
}
