import type { Histogram } from "./mes-classes";

/** Result of evaluating one project on doubles: its q, or that it is unaffordable, or "ask exactly". */
export type Eval = { q: number } | "unaffordable" | "uncertain";

/** Doubles within this relative distance are "too close to call": mes-fast.ts decides them exactly. */
export const TOL = 1e-7;
/** Width of the water-filling band (see waterFillF), relative to the starting level. */
const BAND = 0.05;
/** Scratch: uncapped keys, band keys, and keys a band pass capped (marked with the call's stamp). */
let keep = new Int32Array(1024);
let band = new Int32Array(1024);
let gone = new Int32Array(1024);
let stampNow = 0;

/**
 * q on doubles for one project: the smallest q with Σ w·min(b, q·pts) = cost over its histogram,
 * budgets read from `budgetF` by class; q0 is a known lower bound on the answer (0 if none).
 * Each pass caps the supporters who cannot pay q and tracks the smallest b/pts among the others, so
 * that another pass is only made when the raised q would actually cap someone new. Starting from q0
 * caps in the first pass nearly everyone who will ever be capped (whoever cannot pay q0 cannot pay the
 * answer either). The first pass also lists the uncapped keys just above q (the band, up to
 * q·(1 + BAND)): while the raised q stays inside the band only those keys can be capped, and later
 * passes scan them alone; past it, a pass scans every uncapped key, as the plain water-filling does.
 */
export function waterFillF(
  h: Histogram,
  budgetF: Float64Array,
  cost: number,
  sumWP: number,
  q0: number,
  work: { evaluations: number; keysVisited: number },
): Eval {
  const { cls: hc, pts: hp, weights } = h;
  const n = hc.length;
  work.evaluations++;
  work.keysVisited += n;
  if (keep.length < n) [keep, band, gone] = [new Int32Array(n * 2), new Int32Array(n * 2), new Int32Array(n * 2)];
  const idx = keep;
  const stamp = ++stampNow;
  let remaining = cost;
  let u = sumWP;
  let q = Math.max(remaining / u, q0);
  const qBand = q * (1 + BAND);
  let m = 0;
  let nb = 0;
  let minRatio = Infinity;
  let minOut = Infinity;
  for (let t = 0; t < n; t++) {
    const pts = hp[t] ?? 1;
    const b = budgetF[hc[t] ?? 0] ?? 0;
    // Test b/pts against q, the same quantity as minRatio, so that a pass that caps nobody
    // always ends the loop (b ≥ q·pts and b/pts < q can both hold after rounding).
    const ratio = pts === 1 ? b : b / pts;
    if (ratio >= q) {
      if (ratio < qBand) band[nb++] = t;
      else if (ratio < minOut) minOut = ratio;
      if (ratio < minRatio) minRatio = ratio;
      idx[m++] = t;
      continue;
    }
    const w = weights[t] ?? 0;
    remaining -= b * w;
    u -= w * pts;
  }
  for (;;) {
    // Affordability is the one decision here that can flip: redo it exactly when it is close.
    if (Math.abs(remaining) <= TOL * cost) return "uncertain";
    if (u <= 0) return "unaffordable";
    q = remaining / u;
    if (minRatio >= q) return { q };
    if (q < minOut) {
      // Only band keys can fall below q.
      work.keysVisited += nb;
      let k = 0;
      minRatio = minOut;
      for (let i = 0; i < nb; i++) {
        const t = band[i] ?? 0;
        const pts = hp[t] ?? 1;
        const b = budgetF[hc[t] ?? 0] ?? 0;
        const ratio = pts === 1 ? b : b / pts;
        if (ratio >= q) {
          if (ratio < minRatio) minRatio = ratio;
          band[k++] = t;
          continue;
        }
        gone[t] = stamp;
        const w = weights[t] ?? 0;
        remaining -= b * w;
        u -= w * pts;
      }
      nb = k;
      continue;
    }
    minRatio = Infinity;
    work.keysVisited += m;
    let k = 0;
    for (let i = 0; i < m; i++) {
      const t = idx[i] ?? 0;
      if (gone[t] === stamp) continue;
      const pts = hp[t] ?? 1;
      const b = budgetF[hc[t] ?? 0] ?? 0;
      const ratio = pts === 1 ? b : b / pts;
      if (ratio >= q) {
        if (ratio < minRatio) minRatio = ratio;
        idx[k++] = t;
        continue;
      }
      const w = weights[t] ?? 0;
      remaining -= b * w;
      u -= w * pts;
    }
    m = k;
    // No band any more: every uncapped key is scanned by the next pass.
    nb = 0;
    minOut = minRatio;
  }
}
