/**
 * A second thread for the tick's data-parallel loops (the machine has two cores). The tick is
 * synchronous, so the helper is driven synchronously: arrays live in SharedArrayBuffers, the caller
 * posts a command through a shared control word, computes its own half, and waits (Atomics.wait) for
 * the helper's half. Each half computes exactly what the single-threaded loop computes for its
 * rows or columns, in the same order, so results are bit-identical (optimised.test.ts checks it).
 *
 * The helper is plain JavaScript evaluated in a worker (no loader needed), started on first use and
 * unref'd; if it cannot start or stops answering, every caller falls back to one thread.
 */
import { Worker } from "node:worker_threads";

/** Control words: [command generation, done generation, command, arg0, arg1, ready]. */
const GEN = 0;
const DONE = 1;
const CMD = 2;
const ARG0 = 3;
const ARG1 = 4;
const READY = 5;

/** The helper's kernels (command codes). */
export const Kernel = {
  /** rowSums[r] = Σ table[code[i]] over row r, for r in [arg0, arg1). */
  RowSums: 1,
  /** out[j] for columns j in [arg0, arg1): Σ_kind value · Σ rowSums over the code's rows. */
  Gather: 2,
  /** out[j] = G[j,·]·v for rows j in [arg0, arg1) of the dense n×n matrix. */
  Dense: 3,
  /** Vote-pair counts into K for first columns in [arg0, arg1) (gram.ts `countPairs`). */
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
      let i = rowPtr[r];
      while (i < rowPtr[r + 1] && code[i] < first) i++;
      pos[r] = i;
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
  let gen = Atomics.load(ctrl, ${GEN});
  Atomics.store(ctrl, ${READY}, Atomics.load(ctrl, ${READY}) + 1);
  Atomics.notify(ctrl, ${READY});
  for (;;) {
    Atomics.wait(ctrl, ${GEN}, gen);
    gen = Atomics.load(ctrl, ${GEN});
    const cmd = Atomics.load(ctrl, ${CMD});
    if (cmd !== ${Kernel.Release}) run(cmd, Atomics.load(ctrl, ${ARG0}), Atomics.load(ctrl, ${ARG1}));
    Atomics.store(ctrl, ${DONE}, gen);
    Atomics.notify(ctrl, ${DONE});
    if (cmd === ${Kernel.Release}) break;
  }
});
`;

/** Longest wait for the helper before giving up on it (it normally answers in microseconds). */
const TIMEOUT_MS = 10_000;

/** Typed arrays over SharedArrayBuffers, by name, as the kernels expect them. */
export type SharedArrays = Record<string, Float64Array | Int32Array | Uint16Array>;

/** A bound helper: runs kernels on the arrays it was given until released. */
export interface BoundHelper {
  /** Starts `kernel` on [x0, x1) in the helper; `wait()` returns when it is done. */
  start(kernel: Kernel, x0: number, x1: number): void;
  wait(): void;
  /** Frees the helper for the next binding. */
  release(): void;
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
  const w = worker;
  const ready = Atomics.load(c, READY);
  w.postMessage(arrays);
  if (Atomics.wait(c, READY, ready, TIMEOUT_MS) === "timed-out" && Atomics.load(c, READY) === ready) {
    giveUp();
    return null;
  }
  let gen = Atomics.load(c, GEN);
  let failed = false;
  const bound: BoundHelper = {
    start(kernel, x0, x1) {
      Atomics.store(c, CMD, kernel);
      Atomics.store(c, ARG0, x0);
      Atomics.store(c, ARG1, x1);
      gen++;
      Atomics.store(c, GEN, gen);
      Atomics.notify(c, GEN);
    },
    wait() {
      while (Atomics.load(c, DONE) !== gen) {
        if (Atomics.wait(c, DONE, Atomics.load(c, DONE), TIMEOUT_MS) === "timed-out" && Atomics.load(c, DONE) !== gen) {
          failed = true;
          giveUp();
          throw new Error("opinion helper thread stopped answering");
        }
      }
    },
    release() {
      if (failed || broken) return;
      bound.start(Kernel.Release, 0, 0);
      bound.wait();
    },
  };
  return bound;
}
