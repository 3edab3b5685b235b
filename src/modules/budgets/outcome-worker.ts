/**
 * Worker-thread entry: computes a budget's outcome (outcome-compute.ts) off the main event loop.
 * Messages are `{ id, part, data, ballots, rule }` in (the ballots packed in typed arrays, moved rather
 * than copied: outcome-worker-pack.ts) and `{ id, ok: true, digest?, result? } | { id, ok: false, error }`
 * out. `part`: "result" computes the outcome, "digest" writes the pabulib text and hashes it; the client
 * runs the two in two threads at once.
 */
import { parentPort } from "node:worker_threads";
import { computeOutcomeDigest, computeOutcomeResult } from "./outcome-compute";
import type { BudgetExport, FileRule } from "./pabulib-file";
import { unpackBallots, type PackedBallots } from "./outcome-worker-pack";
import type { OutcomeResult } from "./schema";

export type OutcomePart = "result" | "digest";

export interface OutcomeRequest {
  id: number;
  part: OutcomePart;
  data: Omit<BudgetExport, "ballots">;
  ballots: PackedBallots;
  rule: FileRule;
}

export type OutcomeReply = { id: number; ok: true; digest?: string; result?: OutcomeResult } | { id: number; ok: false; error: string };

const port = parentPort;
if (port) {
  port.on("message", (req: OutcomeRequest) => {
    let reply: OutcomeReply;
    try {
      const data: BudgetExport = { ...req.data, ballots: unpackBallots(req.ballots) };
      reply = req.part === "digest" ? { id: req.id, ok: true, digest: computeOutcomeDigest(data, req.rule) } : { id: req.id, ok: true, result: computeOutcomeResult(data, req.rule) };
    } catch (e) {
      reply = { id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
}
