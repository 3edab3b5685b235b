/**
 * Worker-thread entry: runs one selection off the main thread and streams progress. Cancellation is a
 * shared Int32 flag that the solver loop and HiGHS's interrupt callbacks poll, so a cancel takes effect
 * inside a long integer program too, not only between them.
 */
import { parentPort } from "node:worker_threads";
import { SortitionCancelledError, SortitionInputError, type Pool } from "./model";
import { select, type SelectOptions } from "./select";

export interface WorkerRequest {
  pool: Pool;
  options: SelectOptions;
  cancelFlag: SharedArrayBuffer;
}

parentPort?.once("message", (req: WorkerRequest) => {
  const port = parentPort;
  if (!port) return;
  const flag = new Int32Array(req.cancelFlag);
  let lastProgress = 0;
  select(req.pool, req.options, {
    cancelled: () => Atomics.load(flag, 0) !== 0,
    onProgress: (progress) => {
      // Throttled: the pricing loop can report hundreds of times a second on small pools.
      const now = Date.now();
      if (now - lastProgress < 200 && progress.phase !== "final") return;
      lastProgress = now;
      port.postMessage({ type: "progress", progress });
    },
  }).then(
    (selection) => port.postMessage({ type: "done", selection }),
    (error: unknown) => {
      if (error instanceof SortitionCancelledError) port.postMessage({ type: "cancelled" });
      else if (error instanceof SortitionInputError) port.postMessage({ type: "input-error", problems: error.problems });
      else port.postMessage({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    },
  );
});
