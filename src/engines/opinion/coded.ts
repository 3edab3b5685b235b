/**
 * The sparse centred matrix in a compact form for the power iteration at large sizes. A cell can hold
 * only three centred values per column (agree, pass or disagree minus the column mean), so each cell is
 * stored as one 16-bit code `col·3 + kind` and the products look values up in per-column tables of
 * 3·N entries, which stay in cache. The product's second half (adding each row's dot product back to
 * its columns) reads the cells by code (a CSC copy: the row indices of each code), so it gathers row
 * sums instead of scattering into columns. A product then streams 6 bytes per vote instead of the
 * 24 of `CentredMatrix` (a float and a column index, twice).
 * `gramProduct` / `rowProducts` in pca.ts are the straightforward forms these are tested against.
 */
import { balancedChunks, bindHelper, Kernel, sharedF64, sharedI32, sharedU16, type BoundHelper } from "./helper";
import { dot, type SparseOperator } from "./pca";
import type { VoteMatrix } from "./types";

export interface CodedMatrix {
  nRows: number;
  nCols: number;
  rowPtr: Int32Array;
  /** Per cell: column · 3 + (vote + 1). */
  code: Uint16Array;
  /** Centred value of each code: (kind − 1) − c_j, or 0 for a mod-out column. */
  value: Float64Array;
  /** The cells by code: rows[codePtr[k] .. codePtr[k+1]) are the rows holding code k, ascending. */
  codePtr: Int32Array;
  rows: Int32Array;
}

/** Codes fit 16 bits while 3·N ≤ 65,536, i.e. up to 21,845 comments (Pol.is caps comments at 10,000). */
export const CODED_MAX_COLS = 21_845;

/**
 * The coded form of the centred matrix; mod-out cells stay in the structure with value 0. `shared`
 * puts the arrays in shared memory, for the helper thread.
 */
export function codedMatrix(m: VoteMatrix, center: Float64Array, modOutCol: Uint8Array, shared = false): CodedMatrix {
  const nCols = m.tids.length;
  if (nCols > CODED_MAX_COLS) throw new Error(`coded matrix: ${nCols} columns exceed ${CODED_MAX_COLS}`);
  const nnz = m.rowPtr[m.pids.length]!;
  const f64 = shared ? sharedF64 : (n: number) => new Float64Array(n);
  const i32 = shared ? sharedI32 : (n: number) => new Int32Array(n);
  const code = shared ? sharedU16(nnz) : new Uint16Array(nnz);
  const { cols, vals } = m;
  for (let i = 0; i < nnz; i++) code[i] = cols[i]! * 3 + vals[i]! + 1;
  const value = f64(3 * nCols);
  for (let j = 0; j < nCols; j++) {
    if (modOutCol[j]) continue;
    // The same subtraction `centre` does, so each cell's centred value is bit-identical.
    for (let kind = 0; kind < 3; kind++) value[j * 3 + kind] = kind - 1 - center[j]!;
  }
  const nRows = m.pids.length;
  const codePtr = i32(value.length + 1);
  for (let i = 0; i < nnz; i++) codePtr[code[i]! + 1]!++;
  for (let k = 0; k < value.length; k++) codePtr[k + 1]! += codePtr[k]!;
  const fill = codePtr.slice(0, value.length);
  const rows = i32(nnz);
  const rowPtr = shared ? i32(nRows + 1) : m.rowPtr;
  if (shared) rowPtr.set(m.rowPtr.subarray(0, nRows + 1));
  for (let r = 0; r < nRows; r++) for (let i = rowPtr[r]!; i < rowPtr[r + 1]!; i++) rows[fill[code[i]!]!++] = r;
  return { nRows, nCols, rowPtr, code, value, codePtr, rows };
}

/** Reusable buffers of one product: the lookup table (3·N), the row sums and the result. */
export interface CodedScratch {
  table: Float64Array;
  rowSums: Float64Array;
  out: Float64Array;
}

export function codedScratch(a: CodedMatrix, shared = false): CodedScratch {
  const f64 = shared ? sharedF64 : (n: number) => new Float64Array(n);
  return { table: f64(a.value.length), rowSums: f64(a.nRows), out: f64(a.nCols) };
}

/** The helper thread and the chunks of the two loops (rows and columns, about equal cells each). */
export interface CodedParallel {
  helper: BoundHelper;
  rowChunks: number[];
  colChunks: number[];
}

/** Chunks per loop: enough that a thread left alone by the other is never kept waiting long. */
const CHUNKS = 16;

/** table[code] = value[code] · v[col]: each cell's term of a row product is one lookup. */
function fillTable(a: CodedMatrix, v: Float64Array, table: Float64Array): void {
  const { value, nCols } = a;
  for (let j = 0, t = 0; j < nCols; j++, t += 3) {
    const vj = v[j]!;
    table[t] = value[t]! * vj;
    table[t + 1] = value[t + 1]! * vj;
    table[t + 2] = value[t + 2]! * vj;
  }
}

/** Σ table[code[i]] over [start, end), in four interleaved sums (a single chain waits on each add). */
function rowSum(table: Float64Array, code: Uint16Array, start: number, end: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = start;
  for (; i + 3 < end; i += 4) {
    s0 += table[code[i]!]!;
    s1 += table[code[i + 1]!]!;
    s2 += table[code[i + 2]!]!;
    s3 += table[code[i + 3]!]!;
  }
  for (; i < end; i++) s0 += table[code[i]!]!;
  return s0 + s1 + (s2 + s3);
}

/**
 * out = Dᵀ·D·v, as `gramProduct`: s = D·v by rows, then out_j = Σ_kind value · Σ s over the code's rows,
 * minus the deflation terms. With `par`, the helper thread does its share of both loops; every number
 * is computed as in one thread.
 */
export function codedGramProduct(
  a: CodedMatrix,
  v: Float64Array,
  out: Float64Array,
  deflate: ReadonlyArray<{ pc: Float64Array; xpc: Float64Array }>,
  scratch: CodedScratch,
  par?: CodedParallel,
): void {
  const { table, rowSums } = scratch;
  fillTable(a, v, table);
  const { nRows, nCols } = a;
  if (par) par.helper.run(Kernel.RowSums, par.rowChunks, (r0, r1) => rowSumsRange(a, table, rowSums, r0, r1));
  else rowSumsRange(a, table, rowSums, 0, nRows);
  for (const d of deflate) {
    const pv = dot(d.pc, v);
    const xpc = d.xpc;
    for (let r = 0; r < nRows; r++) rowSums[r]! -= xpc[r]! * pv;
  }
  if (par) {
    par.helper.run(Kernel.Gather, par.colChunks, (j0, j1) => gatherRange(a, rowSums, scratch.out, j0, j1));
    out.set(scratch.out);
  } else gatherRange(a, rowSums, out, 0, nCols);
  for (const d of deflate) {
    const b = dot(d.xpc, rowSums);
    const pc = d.pc;
    for (let j = 0; j < out.length; j++) out[j]! -= pc[j]! * b;
  }
}

function rowSumsRange(a: CodedMatrix, table: Float64Array, rowSums: Float64Array, r0: number, r1: number): void {
  const { rowPtr, code } = a;
  for (let r = r0; r < r1; r++) rowSums[r] = rowSum(table, code, rowPtr[r]!, rowPtr[r + 1]!);
}

function gatherRange(a: CodedMatrix, rowSums: Float64Array, out: Float64Array, j0: number, j1: number): void {
  const { value, codePtr, rows } = a;
  for (let j = j0, t = j0 * 3; j < j1; j++, t += 3) {
    out[j] = value[t]! * gatherSum(rowSums, rows, codePtr[t]!, codePtr[t + 1]!) + value[t + 1]! * gatherSum(rowSums, rows, codePtr[t + 1]!, codePtr[t + 2]!) + value[t + 2]! * gatherSum(rowSums, rows, codePtr[t + 2]!, codePtr[t + 3]!);
  }
}

/** Σ s[rows[q]] over [start, end), in two interleaved sums. */
function gatherSum(s: Float64Array, rows: Int32Array, start: number, end: number): number {
  let s0 = 0;
  let s1 = 0;
  let q = start;
  for (; q + 1 < end; q += 2) {
    s0 += s[rows[q]!]!;
    s1 += s[rows[q + 1]!]!;
  }
  if (q < end) s0 += s[rows[q]!]!;
  return s0 + s1;
}

/** Xc·v for every row, as `rowProducts`. */
export function codedRowProducts(a: CodedMatrix, v: Float64Array): Float64Array {
  const table = new Float64Array(a.value.length);
  fillTable(a, v, table);
  const out = new Float64Array(a.nRows);
  const { rowPtr, code } = a;
  for (let r = 0; r < a.nRows; r++) {
    out[r] = rowSum(table, code, rowPtr[r]!, rowPtr[r + 1]!);
  }
  return out;
}

/**
 * The power iteration's operator on the coded matrix (one scratch set for all its products). With
 * `threads` (and a matrix in shared memory) the products are split with the helper thread, about
 * half of the cells each; `close()` frees the helper.
 */
export function codedOperator(a: CodedMatrix, threads = false): SparseOperator {
  const par = threads ? parallel(a) : null;
  const scratch = par ? par.scratch : codedScratch(a);
  return {
    nCols: a.nCols,
    gram: (v, out, deflate) => codedGramProduct(a, v, out, deflate, scratch, par?.par),
    rows: (v) => codedRowProducts(a, v),
    close: () => par?.par.helper.release(),
  };
}

function parallel(a: CodedMatrix): { par: CodedParallel; scratch: CodedScratch } | null {
  if (!(a.code.buffer instanceof SharedArrayBuffer)) return null;
  const scratch = codedScratch(a, true);
  const { table, rowSums, out } = scratch;
  const { code, rowPtr, value, codePtr, rows } = a;
  const helper = bindHelper({ table, code, rowPtr, rowSums, value, codePtr, rows, out });
  if (!helper) return null;
  const rowChunks = balancedChunks(a.nRows, CHUNKS, (r) => rowPtr[r]!);
  const colChunks = balancedChunks(a.nCols, CHUNKS, (j) => codePtr[j * 3]!);
  return { par: { helper, rowChunks, colChunks }, scratch };
}
