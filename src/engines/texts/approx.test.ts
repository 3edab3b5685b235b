import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Alphabet, bestPassages, Pattern, scanEnds } from "./approx";
import { codePoints } from "./code-points";

/** Sellers' semi-global edit distance, plainly: the least distance of a passage ending at each place. */
function reference(p: Int32Array, t: Int32Array, k: number): { distance: number; ends: number[] } | null {
  let col = Array.from({ length: p.length + 1 }, (_, i) => i);
  let best = k + 1;
  let ends: number[] = [];
  for (let j = 0; j < t.length; j++) {
    const next = [0];
    for (let i = 1; i <= p.length; i++) next[i] = Math.min((col[i - 1] ?? 0) + (p[i - 1] === t[j] ? 0 : 1), (col[i] ?? 0) + 1, (next[i - 1] ?? 0) + 1);
    col = next;
    const d = col[p.length] ?? 0;
    if (d < best) {
      best = d;
      ends = [j + 1];
    } else if (d === best && d <= k) ends.push(j + 1);
  }
  return best <= k ? { distance: best, ends } : null;
}

/** Levenshtein distance. */
function levenshtein(a: Int32Array, b: Int32Array): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min((row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1), (row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1);
    row = next;
  }
  return row[b.length] ?? 0;
}

const word = (sigma: number, max: number) => fc.array(fc.integer({ min: 0, max: sigma - 1 }), { minLength: 1, maxLength: max }).map((xs) => Int32Array.from(xs, (x) => 97 + x));

describe("approximate search", () => {
  it("the bit-parallel scan (one and several 32-bit words, with its cut-off) agrees with Sellers' programme (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 110 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 1000 }), (sigma, m, n, seed) => {
        let x = seed + 1;
        const next = () => ((x = (x * 1103515245 + 12345) % 2147483648), 97 + (x % sigma));
        const p = Int32Array.from({ length: m }, next);
        const t = Int32Array.from({ length: n }, next);
        const k = seed % (m + 2);
        const alphabet = new Alphabet();
        const ids = alphabet.add(t);
        const got = scanEnds(new Pattern(p, alphabet), ids, k);
        const want = reference(p, t, k);
        expect(got?.distance ?? null).toBe(want?.distance ?? null);
        expect(got?.ends.slice(0, 8) ?? null).toEqual(want?.ends.slice(0, 8) ?? null);
      }),
      { seed: 14, numRuns: 400 },
    );
  });

  it("each passage found is at the reported distance of the pattern (property)", () => {
    fc.assert(
      fc.property(word(3, 40), word(3, 120), fc.integer({ min: 0, max: 12 }), (p, t, k) => {
        const alphabet = new Alphabet();
        const ids = alphabet.add(t);
        for (const found of bestPassages(new Pattern(p, alphabet), ids, k)) {
          expect(found.distance).toBeLessThanOrEqual(k);
          expect(levenshtein(p, t.subarray(found.start, found.end))).toBe(found.distance);
        }
      }),
      { seed: 15, numRuns: 300 },
    );
  });

  it("finds a quote with a typo in a longer text, over code points", () => {
    const text = codePoints("Le conseil municipal se réunit 👍 chaque mois en séance publique.");
    const alphabet = new Alphabet();
    const ids = alphabet.add(text);
    const [p] = bestPassages(new Pattern(codePoints("se réunis 👍 chaque"), alphabet), ids, 4);
    expect(p).toEqual({ start: 21, end: 39, distance: 1 });
  });
});
