/**
 * CPU profiles of a benchmark's server: a module the server imports first (`--cpu-prof DIR` of the
 * benchmarks): SIGUSR2 starts the main thread's profiler, the next SIGUSR2 writes the profile to DIR
 * (Node refuses `--cpu-prof` in NODE_OPTIONS). Pass the result to `--import`.
 */
export function profilerPreload(dir: string): string {
  const code = `import { Session } from "node:inspector"; import { isMainThread } from "node:worker_threads"; import { writeFileSync } from "node:fs";
if (isMainThread) { const s = new Session(); s.connect(); let on = false;
  process.on("SIGUSR2", () => { on = !on;
    if (on) s.post("Profiler.enable", () => s.post("Profiler.start"));
    else s.post("Profiler.stop", (e, r) => writeFileSync(${JSON.stringify(dir)} + "/server-" + Date.now() + ".cpuprofile", JSON.stringify(r.profile))); }); }`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}
