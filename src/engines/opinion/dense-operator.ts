/**
 * G·v for the Gram-form power iteration, on one thread or split by rows with the helper thread
 * (helper.ts). Each row's sum is computed as `denseProduct` computes it, so both give the same bits.
 */
import { denseProduct, denseRows } from "./gram";
import { balancedChunks, bindHelper, Kernel, sharedF64 } from "./helper";

export interface DenseOperator {
  product(v: Float64Array, out: Float64Array): void;
  close(): void;
}

/**
 * Below this many columns a product (< 1 ms) is too short to share: on a busy machine a helper
 * preempted in the middle of a chunk stalls every product (measured at load 7 with 783 comments:
 * a live tick went from ~150 ms to 260–500 ms), while on an idle one it would save ~0.25 ms each.
 */
export const PARALLEL_MIN_COLS = 1_000;

/** The operator on `gm` (n×n, row-major); with `threads` and `gm` in shared memory, two threads. */
export function denseOperator(gm: Float64Array, n: number, threads = false): DenseOperator {
  const single: DenseOperator = { product: (v, out) => denseProduct(gm, v, out), close: () => undefined };
  if (!threads || !(gm.buffer instanceof SharedArrayBuffer)) return single;
  const v = sharedF64(n);
  const out = sharedF64(n);
  const helper = bindHelper({ gm, v, out });
  if (!helper) return single;
  // Rows cost the same: equal chunks.
  const chunks = balancedChunks(n, 8, (j) => j);
  return {
    product(x, y) {
      v.set(x);
      helper.run(Kernel.Dense, chunks, (j0, j1) => denseRows(gm, v, out, j0, j1));
      y.set(out);
    },
    close: () => helper.release(),
  };
}
