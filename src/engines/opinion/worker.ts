/**
 * Worker-thread entry: runs `computeTick` off the request path. Messages are
 * `{ id, prev, input }` in and `{ id, ok: true, state, result } | { id, ok: false, error }` out;
 * the reply transfers its typed arrays' buffers, since the worker keeps nothing.
 */
import { parentPort } from "node:worker_threads";
import { computeTick, type TickInput } from "./tick";
import type { OpinionState } from "./types";

export interface TickRequest {
  id: number;
  prev: OpinionState;
  input: TickInput;
}

export type TickReply =
  | { id: number; ok: true; state: OpinionState; result: ReturnType<typeof computeTick>["result"] }
  | { id: number; ok: false; error: string };

/** The distinct ArrayBuffers under a value (typed arrays nested in objects and arrays). */
export function buffersOf(value: unknown, out = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const v of value) if (typeof v === "object" && v !== null) buffersOf(v, out);
  } else if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) if (typeof v === "object" && v !== null) buffersOf(v, out);
  }
  return [...out];
}

const port = parentPort;
if (port) {
  port.on("message", (req: TickRequest) => {
    try {
      const { state, result } = computeTick(req.prev, req.input);
      const reply: TickReply = { id: req.id, ok: true, state, result };
      port.postMessage(reply, buffersOf(reply));
    } catch (e) {
      const reply: TickReply = { id: req.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
      port.postMessage(reply);
    }
  });
}
