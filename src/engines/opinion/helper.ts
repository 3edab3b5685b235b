/**
 * A second thread for the tick's data-parallel loops (the machine has two cores). The tick is
 * synchronous, so the helper is driven synchronously: arrays live in SharedArrayBuffers, a loop is
 * cut into chunks, and both threads claim chunks from a shared counter until none is left. Every chunk
 * computes exactly what the single-threaded loop computes for its rows or columns, so results are
 * bit-identical (parallel.test.ts). On a busy machine the helper may not get a core: the caller then
 * does the chunks itself, and waits only for a chunk the helper has already claimed, so a loop is
 * never much slower than on one thread.
 *
 * The helper is plain JavaScript evaluated in a worker (no loader needed), started on first use and
 * unref'd; if it cannot start or stops answering, every caller falls back to one thread.
 */
import { Worker } from "node:worker_threads";

/**
 * Control words. A loop is published as generation g (GEN); JOIN holds g while the helper may still
 * join it, and whoever first swaps it to 0 decides: the helper (it joins, and reports HDONE = g once
 * its claimed chunks are done) or the caller (it closes the loop, which it then finished alone).
 * NEXT is the next unclaimed chunk; chunk c covers [chunks[c], chunks[c + 1]).
 */
const GEN = 0;
const HDONE = 1;
const CMD = 2;
const NCHUNKS = 3;
const NEXT = 4;
const READY = 5;
const JOIN = 6;
/** Most chunks a loop is cut into. */
export const MAX_CHUNKS = 64;

/** The helper's kernels (command codes); each runs on one chunk [x0, x1) at a time. */
export const Kernel = {
  /** rowSums[r] = Σ table[code[i]] over row r, for rows r in the chunk (coded.ts). */
  RowSums: 1,
  /** out[j] for columns j in the chunk: Σ_kind value · Σ rowSums over the code's rows (coded.ts). */
  Gather: 2,
  /** out[j] = G[j,·]·v for rows j in the chunk of the dense n×n matrix (gram.ts `denseRows`). */
  Dense: 3,
  /** Vote-pair counts into K for first columns in the chunk (gram.ts `countPairs`). */
  Pairs: 4,
  /** Leaves the command loop so that the helper can take new arrays. */
  Release: 9,
} as const;
export type Kernel = (typeof Kernel)[keyof typeof Kernel];

/** The helper's side, as source: the same loops as coded.ts / gram.ts, on the bound arrays. */
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ctrl = workerData;
let a = {};
function rowSum(table, code, start, end) {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = start;
  for (; i + 3 < end; i += 4) { s0 += table[code[i]]; s1 += table[code[i + 1]]; s2 += table[code[i + 2]]; s3 += table[code[i + 3]]; }
  for (; i < end; i++) s0 += table[code[i]];
  return s0 + s1 + (s2 + s3);
}
function gatherSum(s, rows, start, end) {
  let s0 = 0, s1 = 0, q = start;
  for (; q + 1 < end; q += 2) { s0 += s[rows[q]]; s1 += s[rows[q + 1]]; }
  if (q < end) s0 += s[rows[q]];
  return s0 + s1;
}
function run(cmd, x0, x1) {
  if (cmd === 1) {
    const { table, code, rowPtr, rowSums } = a;
    for (let r = x0; r < x1; r++) rowSums[r] = rowSum(table, code, rowPtr[r], rowPtr[r + 1]);
  } else if (cmd === 2) {
    const { value, codePtr, rows, rowSums, out } = a;
    for (let j = x0, t = x0 * 3; j < x1; j++, t += 3)
      out[j] = value[t] * gatherSum(rowSums, rows, codePtr[t], codePtr[t + 1]) + value[t + 1] * gatherSum(rowSums, rows, codePtr[t + 1], codePtr[t + 2]) + value[t + 2] * gatherSum(rowSums, rows, codePtr[t + 2], codePtr[t + 3]);
  } else if (cmd === 4) {
    const { K, code, rowPtr, meta } = a;
    const n = meta[0], nRows = meta[1];
    const block = Math.max(1, Math.floor(meta[2] / (n * 36)));
    const pos = new Int32Array(nRows);
    const first = x0 * 9;
    for (let r = 0; r < nRows; r++) {
      let lo = rowPtr[r], hi = rowPtr[r + 1];
      while (lo < hi) { const mid = (lo + hi) >> 1; if (code[mid] < first) lo = mid + 1; else hi = mid; }
      pos[r] = lo;
    }
    for (let b0 = x0; b0 < x1; b0 += block) {
      const lim = Math.min(b0 + block, x1) * 9;
      for (let r = 0; r < nRows; r++) {
        const end = rowPtr[r + 1];
        let i = pos[r];
        for (; i < end && code[i] < lim; i++) {
          const ca = code[i];
          const off = ((ca / 9) | 0) * n * 9 + (ca % 9) * 3;
          for (let b = i; b < end; b++) K[off + code[b]]++;
        }
        pos[r] = i;
      }
    }
  } else if (cmd === 3) {
    const { gm, v, out } = a;
    const n = v.length;
    for (let j = x0; j < x1; j++) {
      const base = j * n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, k = 0;
      for (; k + 3 < n; k += 4) { s0 += gm[base + k] * v[k]; s1 += gm[base + k + 1] * v[k + 1]; s2 += gm[base + k + 2] * v[k + 2]; s3 += gm[base + k + 3] * v[k + 3]; }
      for (; k < n; k++) s0 += gm[base + k] * v[k];
      out[j] = s0 + s1 + (s2 + s3);
    }
  }
}
parentPort.on("message", (arrays) => {
  a = arrays;
  const chunks = a.chunks;
  let gen = Atomics.load(ctrl, ${GEN});
  Atomics.store(ctrl, ${READY}, Atomics.load(ctrl, ${READY}) + 1);
  Atomics.notify(ctrl, ${READY});
  for (;;) {
    Atomics.wait(ctrl, ${GEN}, gen);
    gen = Atomics.load(ctrl, ${GEN});
    if (Atomics.compareExchange(ctrl, ${JOIN}, gen, 0) !== gen) continue; // closed: the caller did it all
    const cmd = Atomics.load(ctrl, ${CMD});
    if (cmd === ${Kernel.Release}) break;
    const n = Atomics.load(ctrl, ${NCHUNKS});
    for (let c = Atomics.add(ctrl, ${NEXT}, 1); c < n; c = Atomics.add(ctrl, ${NEXT}, 1)) run(cmd, chunks[c], chunks[c + 1]);
    Atomics.store(ctrl, ${HDONE}, gen);
    Atomics.notify(ctrl, ${HDONE});
  }
});
`;

/** Longest wait for the helper before giving up on it (it normally answers in microseconds). */
const TIMEOUT_MS = 10_000;

/** Typed arrays over SharedArrayBuffers, by name, as the kernels expect them. */
export type SharedArrays = Record<string, Float64Array | Int32Array | Uint16Array>;

/** A bound helper: runs kernels on the arrays it was given until released. */
export interface BoundHelper {
  /**
   * Runs a loop cut into chunks [bounds[c], bounds[c + 1]) on both threads: `local(x0, x1)` is this
   * thread's version of `kernel`. Returns when every chunk is done.
   */
  run(kernel: Kernel, bounds: ArrayLike<number>, local: (x0: number, x1: number) => void): void;
  /** Frees the helper for the next binding. */
  release(): void;
}

/** Chunk bounds over [0, n) with about equal `weight` (prefix sums: weightBefore(i)), at most `chunks`. */
export function balancedChunks(n: number, chunks: number, weightBefore: (i: number) => number): number[] {
  const total = weightBefore(n);
  const bounds = [0];
  let i = 0;
  for (let c = 1; c < chunks; c++) {
    const target = (total * c) / chunks;
    while (i < n && weightBefore(i) < target) i++;
    if (i > bounds[bounds.length - 1]!) bounds.push(i);
  }
  if (n > bounds[bounds.length - 1]!) bounds.push(n);
  return bounds;
}

let worker: Worker | null = null;
let ctrl: Int32Array | null = null;
let broken = false;

function ensureStarted(): boolean {
  if (broken) return false;
  if (worker && ctrl) return true;
  try {
    ctrl = new Int32Array(new SharedArrayBuffer(8 * 4));
    worker = new Worker(SOURCE, { eval: true, workerData: ctrl });
    worker.unref();
    worker.on("error", () => {
      broken = true;
    });
    return true;
  } catch {
    broken = true;
    return false;
  }
}

function giveUp(): void {
  broken = true;
  void worker?.terminate();
  worker = null;
}

/** Whether SharedArrayBuffer-backed arrays and a helper thread can be used here. */
export function helperWanted(): boolean {
  return !broken && typeof SharedArrayBuffer === "function";
}

/** A Float64Array of `n` zeros in shared memory. */
export function sharedF64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, n) * 8), 0, n);
}

/** An Int32Array of `n` zeros in shared memory. */
export function sharedI32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n);
}

/** A Uint16Array of `n` zeros in shared memory. */
export function sharedU16(n: number): Uint16Array {
  return new Uint16Array(new SharedArrayBuffer(Math.max(1, n) * 2), 0, n);
}

/**
 * Hands `arrays` (all shared) to the helper and waits until it is ready for commands; null when no
 * helper can be had (the caller then runs single-threaded).
 */
export function bindHelper(arrays: SharedArrays): BoundHelper | null {
  if (!helperWanted() || !ensureStarted() || !worker || !ctrl) return null;
  const c = ctrl;
  const chunks = sharedI32(MAX_CHUNKS + 1);
  const ready = Atomics.load(c, READY);
  worker.postMessage({ ...arrays, chunks });
  if (Atomics.wait(c, READY, ready, TIMEOUT_MS) === "timed-out" && Atomics.load(c, READY) === ready) {
    giveUp();
    return null;
  }
  let gen = Atomics.load(c, GEN);
  const publish = (kernel: Kernel, nChunks: number): number => {
    Atomics.store(c, CMD, kernel);
    Atomics.store(c, NCHUNKS, nChunks);
    Atomics.store(c, NEXT, 0);
    gen++;
    Atomics.store(c, JOIN, gen);
    Atomics.store(c, GEN, gen);
    Atomics.notify(c, GEN);
    return gen;
  };
  return {
    run(kernel, bounds, local) {
      const nChunks = bounds.length - 1;
      if (nChunks > MAX_CHUNKS) throw new Error(`opinion helper: ${nChunks} chunks exceed ${MAX_CHUNKS}`);
      for (let i = 0; i < bounds.length; i++) chunks[i] = bounds[i]!;
      const g = publish(kernel, nChunks);
      for (let k = Atomics.add(c, NEXT, 1); k < nChunks; k = Atomics.add(c, NEXT, 1)) local(chunks[k]!, chunks[k + 1]!);
      if (Atomics.compareExchange(c, JOIN, g, 0) === g) return; // the helper never joined
      while (Atomics.load(c, HDONE) !== g) {
        const seen = Atomics.load(c, HDONE);
        if (seen !== g && Atomics.wait(c, HDONE, seen, TIMEOUT_MS) === "timed-out" && Atomics.load(c, HDONE) !== g) {
          giveUp();
          throw new Error("opinion helper thread stopped answering");
        }
      }
    },
    release() {
      // The helper leaves its loop when it sees this; a new binding waits for it (READY).
      if (!broken) publish(Kernel.Release, 0);
    },
  };
}
