/**
 * Runs a budget's outcome in worker threads (never on the main event loop): one thread computes the
 * outcome, another writes the pabulib text and its digest at the same time (the same work as
 * `computeOutcome`, on two cores); both are stopped afterwards.
 */
import { Worker } from "node:worker_threads";
import { workerEntry } from "../../install-paths";
import type { BudgetExport, FileRule } from "./pabulib-file";
import type { OutcomePart, OutcomeReply, OutcomeRequest } from "./outcome-worker";
import { packBallots, type PackedBallots } from "./outcome-worker-pack";
import type { OutcomeResult } from "./schema";

/** One part of the computation in a fresh worker thread; rejects with the worker's readable error. */
async function inWorker(part: OutcomePart, data: Omit<BudgetExport, "ballots">, ballots: PackedBallots, rule: FileRule): Promise<OutcomeReply & { ok: true }> {
  const worker = new Worker(workerEntry("budgets-outcome-worker", new URL("./outcome-worker-entry.mjs", import.meta.url)));
  try {
    return await new Promise<OutcomeReply & { ok: true }>((resolve, reject) => {
      worker.once("message", (reply: OutcomeReply) => (reply.ok ? resolve(reply) : reject(new Error(reply.error))));
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the outcome worker exited with code ${code}`)));
      const req: OutcomeRequest = { id: 1, part, data, ballots, rule };
      worker.postMessage(req, [ballots.offsets.buffer, ballots.projects.buffer, ballots.points.buffer]);
    });
  } finally {
    await worker.terminate();
  }
}

const copy = (p: PackedBallots): PackedBallots => ({ ...p, offsets: p.offsets.slice(), projects: p.projects.slice(), points: p.points.slice() });

/** The outcome and the digest of the pabulib text it reads; rejects with the readable error of the outcome's computation first. */
export async function computeOutcomeInWorker(data: BudgetExport, rule: FileRule): Promise<{ digest: string; result: OutcomeResult }> {
  const { ballots, ...rest } = data;
  const packed = packBallots(ballots);
  const [result, digest] = await Promise.allSettled([inWorker("result", rest, copy(packed), rule), inWorker("digest", rest, packed, rule)]);
  if (result.status === "rejected") throw result.reason;
  if (digest.status === "rejected") throw digest.reason;
  if (!result.value.result || digest.value.digest === undefined) throw new Error("the outcome worker answered without its part");
  return { digest: digest.value.digest, result: result.value.result };
}
