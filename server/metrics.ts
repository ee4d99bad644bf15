// The process's Prometheus metrics (GET /metrics): tables and connections on this process, accepted
// actions (a counter: rate() gives actions per second), HTTP latency, and how long the event log
// takes to write. One registry per process, like the logger.
import { matchMaker } from "@colyseus/core";
import { GCProfiler } from "node:v8";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "accord_" });

new Gauge({
  name: "accord_rooms",
  help: "Tables (Colyseus rooms) running on this process",
  registers: [registry],
  collect() {
    this.set(matchMaker.stats?.local.roomCount ?? 0);
  },
});

new Gauge({
  name: "accord_connected_clients",
  help: "WebSocket clients connected to tables on this process",
  registers: [registry],
  collect() {
    this.set(matchMaker.stats?.local.ccu ?? 0);
  },
});

const actions = new Counter({
  name: "accord_actions_total",
  help: "Accepted game actions written to the event log by this process",
  registers: [registry],
});

const persistence = new Histogram({
  name: "accord_persistence_seconds",
  help: "Time to write one batch of accepted actions to the event log (group commit)",
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  registers: [registry],
});

const requests = new Histogram({
  name: "accord_http_request_seconds",
  help: "HTTP request latency (API, matchmaking, health, static files)",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

/** A batch of `rows` accepted actions reached the log in `seconds`. */
export function recordPersistence(rows: number, seconds: number): void {
  actions.inc(rows);
  persistence.observe(seconds);
}

/** Route labels stay few: the path's family, never its ids. */
export function routeLabel(path: string): string {
  if (path.startsWith("/matchmake/")) return "matchmake";
  if (path === "/healthz" || path === "/metrics") return path.slice(1);
  const api = /^\/api\/(scenarios|matches|join|classes|tournaments)(\/[^/]+)?(\/[^/]+)?/.exec(path);
  if (api) return `api/${api[1]}${api[2] ? "/:id" : ""}${api[3] ? "/:part" : ""}`;
  if (path.startsWith("/api/")) return "api/other";
  return "static";
}

export function recordRequest(method: string, path: string, status: number, seconds: number): void {
  requests.observe({ method, route: routeLabel(path), status: String(status) }, seconds);
}

/**
 * Bench only, off by default: with BENCH_GC_ON_METRICS=1 and node --expose-gc, a scrape collects
 * garbage first, so the heap figures are the heap after a GC (tests/bench/restart.bench.ts). That
 * full collection stops the process for as long as it takes — up to seconds on a large heap — so a
 * bench that measures answer times meanwhile uses BENCH_GC_ON_METRICS=last instead
 * (tests/bench/soak.bench.ts): nothing is forced, and `accord_bench_heap_after_major_gc_bytes` is the
 * heap used after the latest full collection V8 made on its own (V8's GC profiler, read and
 * restarted at each scrape; NaN until the first).
 */
const benchGc = process.env.BENCH_GC_ON_METRICS;
const gcBeforeScrape = benchGc === "1" ? (globalThis as { gc?: () => void }).gc : undefined;
if (benchGc === "last") {
  let profiler = new GCProfiler();
  profiler.start();
  let afterMajor = NaN;
  new Gauge({
    name: "accord_bench_heap_after_major_gc_bytes",
    help: "Bench only (BENCH_GC_ON_METRICS=last): V8 heap used after its latest full (mark-compact) collection",
    registers: [registry],
    collect() {
      const statistics = profiler.stop()?.statistics ?? [];
      profiler = new GCProfiler();
      profiler.start();
      for (const gc of statistics) if (gc.gcType === "MarkSweepCompact") afterMajor = gc.afterGC.heapStatistics.usedHeapSize;
      this.set(afterMajor);
    },
  });
}

export async function metricsText(): Promise<{ body: string; contentType: string }> {
  gcBeforeScrape?.();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
