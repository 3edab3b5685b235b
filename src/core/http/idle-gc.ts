/**
 * Memory given back after a burst (issue 18: an instance back under 250 MB RSS one minute after a
 * load). V8 grows its heap under load and collects it fully only when allocation asks for it, which an
 * idle server never does, so the RSS of a burst stays for hours. When the server has answered requests
 * and then none for `idleMs`, one full collection runs (tens of milliseconds, while nobody waits) and V8
 * returns the freed pages; then nothing more until the next burst.
 */
import v8 from "node:v8";
import vm from "node:vm";
import type { FastifyInstance } from "fastify";

/** The engine's `gc()`, made callable without starting Node with `--expose-gc`. */
function fullGc(): (() => void) | null {
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc: unknown = vm.runInNewContext("gc");
    return typeof gc === "function" ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

/** Counts answered requests and collects once after a burst followed by `idleMs` of quiet. */
export function collectWhenIdle(app: FastifyInstance, idleMs = 5_000, log: (m: string) => void = () => {}): void {
  const gc = fullGc();
  if (!gc) return;
  let answered = 0;
  let seen = 0;
  let busySinceGc = false;
  app.addHook("onResponse", (_req, _reply, done) => {
    answered++;
    done();
  });
  const timer = setInterval(() => {
    if (answered !== seen) {
      seen = answered;
      busySinceGc = true;
      return;
    }
    if (!busySinceGc) return;
    busySinceGc = false;
    const mb = (n: number) => Math.round(n / 1048576);
    const show = (m: NodeJS.MemoryUsage) => `RSS ${mb(m.rss)}, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)}, external ${mb(m.external)} MB`;
    const before = process.memoryUsage();
    gc();
    log(`idle: memory collected (${show(before)} → ${show(process.memoryUsage())})`);
  }, idleMs);
  timer.unref();
  app.addHook("onClose", (_app, done) => {
    clearInterval(timer);
    done();
  });
}
