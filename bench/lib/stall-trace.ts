/**
 * Where a benchmark's slow requests come from (`--trace` of bench:assemblies): a module the server under
 * test imports first (pass `stallTracePreload()` to `--import` through NODE_OPTIONS) that writes to
 * standard error every garbage collection longer than 10 ms and every event-loop delay longer than 20 ms
 * (a 5 ms timer that fired late), each with its wall-clock time, so the benchmark can lay them beside its
 * slowest requests and PostgreSQL's background work.
 */
export function stallTracePreload(): string {
  const code = `import { PerformanceObserver, performance } from "node:perf_hooks"; import { isMainThread } from "node:worker_threads";
if (isMainThread) {
  const at = () => Math.round(performance.timeOrigin + performance.now());
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.duration > 10) process.stderr.write("[trace] gc " + JSON.stringify({ at: Math.round(performance.timeOrigin + e.startTime), ms: Math.round(e.duration), kind: e.detail && e.detail.kind }) + "\\n"); }).observe({ entryTypes: ["gc"] });
  let last = performance.now();
  setInterval(() => { const now = performance.now(); const late = now - last - 5; last = now; if (late > 20) process.stderr.write("[trace] loop " + JSON.stringify({ at: at(), lateMs: Math.round(late) }) + "\\n"); }, 5).unref();
}`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}
