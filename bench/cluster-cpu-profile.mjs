/**
 * Preload (`NODE_OPTIONS="--import .../bench/cluster-cpu-profile.mjs"`, PNYX_CPU_PROFILE_DIR=<dir>): a CPU
 * profile of a whole `pnyx start` process, written to <dir>/pnyx-<pid>.cpuprofile when it exits. `node --cpu-prof` does
 * the same but is refused in NODE_OPTIONS, and the cluster starts its instances through bin/pnyx
 * (bench/cluster-breakdown.ts --profile uses this on one instance).
 */
import fs from "node:fs";
import inspector from "node:inspector";
import process from "node:process";
import { isMainThread } from "node:worker_threads";

const dir = process.env.PNYX_CPU_PROFILE_DIR;
const file = dir && `${dir}/pnyx-${process.pid}.cpuprofile`;
if (file && isMainThread) {
  delete process.env.NODE_OPTIONS; // not in the process's own children
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.setSamplingInterval", { interval: 1000 });
  session.post("Profiler.enable");
  session.post("Profiler.start");
  process.on("exit", () => {
    // The main thread's session answers synchronously.
    session.post("Profiler.stop", (error, result) => {
      if (!error) fs.writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}
