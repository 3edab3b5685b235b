/** Runs `computeOutcome` in a worker thread (never on the main event loop): one thread per computation, stopped afterwards. */
import { Worker } from "node:worker_threads";
import { workerEntry } from "../../install-paths";
import type { ComputedOutcome } from "./outcome-compute";
import type { BudgetExport, FileRule } from "./pabulib-file";
import type { OutcomeReply, OutcomeRequest } from "./outcome-worker";

/** The outcome computed in a fresh worker thread; rejects with the worker's readable error. */
export async function computeOutcomeInWorker(data: BudgetExport, rule: FileRule): Promise<ComputedOutcome> {
  const worker = new Worker(workerEntry("budgets-outcome-worker", new URL("./outcome-worker-entry.mjs", import.meta.url)));
  try {
    return await new Promise<ComputedOutcome>((resolve, reject) => {
      worker.once("message", (reply: OutcomeReply) => (reply.ok ? resolve(reply.outcome) : reject(new Error(reply.error))));
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the outcome worker exited with code ${code}`)));
      const req: OutcomeRequest = { id: 1, data, rule };
      worker.postMessage(req);
    });
  } finally {
    await worker.terminate();
  }
}
