/**
 * Worker-thread entry: computes a budget's outcome (outcome-compute.ts) off the main event loop.
 * Messages are `{ id, data, rule }` in and `{ id, ok: true, outcome } | { id, ok: false, error }` out.
 */
import { parentPort } from "node:worker_threads";
import { computeOutcome, type ComputedOutcome } from "./outcome-compute";
import type { BudgetExport, FileRule } from "./pabulib-file";

export interface OutcomeRequest {
  id: number;
  data: BudgetExport;
  rule: FileRule;
}

export type OutcomeReply = { id: number; ok: true; outcome: ComputedOutcome } | { id: number; ok: false; error: string };

const port = parentPort;
if (port) {
  port.on("message", (req: OutcomeRequest) => {
    let reply: OutcomeReply;
    try {
      reply = { id: req.id, ok: true, outcome: computeOutcome(req.data, req.rule) };
    } catch (e) {
      reply = { id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
}
