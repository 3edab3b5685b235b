/** The platform's handle on the opinion worker: `computeTick` in a worker thread, one request at a time each. */
import { Worker } from "node:worker_threads";
import { workerEntry } from "../../install-paths";
import type { TickInput } from "./tick";
import type { OpinionState, TickResult } from "./types";
import type { TickReply, TickRequest } from "./worker";

export interface OpinionWorker {
  /** Runs one tick in the worker; `prev` is copied, not moved, so the caller may keep it. */
  computeTick(prev: OpinionState, input: TickInput): Promise<{ state: OpinionState; result: TickResult }>;
  /** Stops the worker; pending ticks are rejected. */
  close(): Promise<void>;
}

/** Starts a worker thread running the opinion engine. */
export function startOpinionWorker(): OpinionWorker {
  const worker = new Worker(workerEntry("opinion-worker", new URL("./worker-entry.mjs", import.meta.url)));
  const pending = new Map<number, { resolve: (v: { state: OpinionState; result: TickResult }) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const failAll = (e: Error): void => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on("message", (reply: TickReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve({ state: reply.state, result: reply.result });
    else p.reject(new Error(`opinion worker: ${reply.error}`));
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`opinion worker exited with code ${code}`)));
  worker.unref();
  return {
    computeTick(prev, input) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.ref();
        const req: TickRequest = { id, prev, input };
        worker.postMessage(req);
      }).finally(() => {
        if (pending.size === 0) worker.unref();
      }) as Promise<{ state: OpinionState; result: TickResult }>;
    },
    async close() {
      failAll(new Error("opinion worker closed"));
      await worker.terminate();
    },
  };
}

/** One tick in a fresh worker thread, which is stopped afterwards. */
export async function computeTickInWorker(prev: OpinionState, input: TickInput): Promise<{ state: OpinionState; result: TickResult }> {
  const w = startOpinionWorker();
  try {
    return await w.computeTick(prev, input);
  } finally {
    await w.close();
  }
}
