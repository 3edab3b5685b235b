/** Runs `computeOutcome` in a worker thread (never on the main event loop): one thread per computation, stopped afterwards. */
import { Worker } from "node:worker_threads";
import { workerEntry } from "../../install-paths";
import type { BudgetExport, FileRule } from "./pabulib-file";
import type { OutcomeReply, OutcomeRequest } from "./outcome-worker";
import { packBallots } from "./outcome-worker-pack";
import type { OutcomeResult } from "./schema";

/** The outcome and the digest of the pabulib text it read, computed in a fresh worker thread; rejects with the worker's readable error. */
export async function computeOutcomeInWorker(data: BudgetExport, rule: FileRule): Promise<{ digest: string; result: OutcomeResult }> {
  const worker = new Worker(workerEntry("budgets-outcome-worker", new URL("./outcome-worker-entry.mjs", import.meta.url)));
  try {
    return await new Promise<{ digest: string; result: OutcomeResult }>((resolve, reject) => {
      worker.once("message", (reply: OutcomeReply) => (reply.ok ? resolve({ digest: reply.digest, result: reply.result }) : reject(new Error(reply.error))));
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the outcome worker exited with code ${code}`)));
      const { ballots, ...rest } = data;
      const packed = packBallots(ballots);
      const req: OutcomeRequest = { id: 1, data: rest, ballots: packed, rule };
      worker.postMessage(req, [packed.offsets.buffer, packed.projects.buffer, packed.points.buffer]);
    });
  } finally {
    await worker.terminate();
  }
}
