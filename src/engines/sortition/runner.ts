/** Runs a selection in a worker thread, with progress reports and cancellation. */
import { Worker } from "node:worker_threads";
import { workerEntry } from "../../install-paths";
import type { Progress } from "./hooks";
import { SortitionCancelledError, SortitionInputError, type Pool, type Problem } from "./model";
import type { SelectOptions, Selection } from "./select";
import type { WorkerRequest } from "./worker";

type WorkerMessage =
  | { type: "progress"; progress: Progress }
  | { type: "done"; selection: Selection }
  | { type: "cancelled" }
  | { type: "input-error"; problems: Problem[] }
  | { type: "error"; message: string };

export interface SelectionRun {
  result: Promise<Selection>;
  /** Asks the solver to stop; `result` then rejects with SortitionCancelledError. */
  cancel(): void;
}

/** How long a cancelled worker may take to stop by itself before it is terminated. */
const CANCEL_GRACE_MS = 2000;

/** Starts `select` in a worker thread; progress reports go to `onProgress`. */
export function selectInWorker(pool: Pool, options: SelectOptions, onProgress?: (p: Progress) => void): SelectionRun {
  const cancelFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelFlag);
  // From the sources, a plain .mjs bootstrap registers tsx in the worker (see worker-boot.mjs), then loads worker.ts.
  const worker = new Worker(workerEntry("sortition-worker", new URL("./worker-boot.mjs", import.meta.url)));
  let settle: ((e: Error) => void) | undefined;
  const result = new Promise<Selection>((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      fn();
      void worker.terminate();
    };
    settle = (e) => finish(() => reject(e));
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "progress") onProgress?.(m.progress);
      else if (m.type === "done") finish(() => resolve(m.selection));
      else if (m.type === "cancelled") finish(() => reject(new SortitionCancelledError()));
      else if (m.type === "input-error") finish(() => reject(new SortitionInputError(m.problems)));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on("error", (e) => finish(() => reject(e)));
    worker.on("exit", (code) => finish(() => reject(new Error(`sortition worker exited with code ${code}`))));
  });
  const request: WorkerRequest = { pool, options, cancelFlag };
  worker.postMessage(request);
  return {
    result,
    cancel: () => {
      Atomics.store(flag, 0, 1);
      setTimeout(() => settle?.(new SortitionCancelledError(true)), CANCEL_GRACE_MS).unref();
    },
  };
}
