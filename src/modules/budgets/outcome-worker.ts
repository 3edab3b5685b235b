/**
 * Worker-thread entry: computes a budget's outcome (outcome-compute.ts) off the main event loop.
 * Messages are `{ id, data, ballots, rule }` in (the ballots packed in typed arrays, moved rather than
 * copied: outcome-worker-pack.ts) and `{ id, ok: true, digest, result } | { id, ok: false, error }` out.
 */
import { parentPort } from "node:worker_threads";
import { computeOutcome } from "./outcome-compute";
import type { BudgetExport, FileRule } from "./pabulib-file";
import { unpackBallots, type PackedBallots } from "./outcome-worker-pack";
import type { OutcomeResult } from "./schema";

export interface OutcomeRequest {
  id: number;
  data: Omit<BudgetExport, "ballots">;
  ballots: PackedBallots;
  rule: FileRule;
}

export type OutcomeReply = { id: number; ok: true; digest: string; result: OutcomeResult } | { id: number; ok: false; error: string };

const port = parentPort;
if (port) {
  port.on("message", (req: OutcomeRequest) => {
    let reply: OutcomeReply;
    try {
      const { digest, result } = computeOutcome({ ...req.data, ballots: unpackBallots(req.ballots) }, req.rule);
      reply = { id: req.id, ok: true, digest, result };
    } catch (e) {
      reply = { id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
}
