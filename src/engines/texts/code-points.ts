/**
 * A block's text with conversions between Unicode code point offsets (the contract's unit) and UTF-16
 * offsets (JavaScript's). Texts without surrogate pairs — most — convert by identity.
 */

const SURROGATE = /[\uD800-\uDFFF]/;

/** The code points of `s` (an unpaired surrogate counts as one). */
export function codePoints(s: string): Int32Array {
  const out = new Int32Array(s.length);
  let n = 0;
  for (const ch of s) out[n++] = ch.codePointAt(0) ?? 0;
  return out.subarray(0, n);
}

/** The number of code points of `s`. */
export function cpLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export class BlockText {
  readonly cpLength: number;
  /** Code point offset → UTF-16 offset (length cpLength + 1), null when the text has no surrogates. */
  private readonly cpToU16: Int32Array | null;
  private u16ToCpTable: Int32Array | null = null;
  private cpsCache: Int32Array | null = null;

  constructor(readonly text: string) {
    if (!SURROGATE.test(text)) {
      this.cpLength = text.length;
      this.cpToU16 = null;
      return;
    }
    const table: number[] = [];
    let u = 0;
    for (const ch of text) {
      table.push(u);
      u += ch.length;
    }
    table.push(u);
    this.cpLength = table.length - 1;
    this.cpToU16 = Int32Array.from(table);
  }

  /** The UTF-16 offset of code point offset `cp` (clamped to the text). */
  toU16(cp: number): number {
    const c = Math.max(0, Math.min(cp, this.cpLength));
    return this.cpToU16 ? (this.cpToU16[c] ?? this.text.length) : c;
  }

  /** The code point offset of UTF-16 offset `u` (inside a pair: the pair's code point). */
  toCp(u: number): number {
    if (!this.cpToU16) return u;
    if (!this.u16ToCpTable) {
      const t = new Int32Array(this.text.length + 1);
      for (let cp = this.cpLength; cp >= 0; cp--) {
        const from = this.cpToU16[cp] ?? 0;
        const to = cp === this.cpLength ? this.text.length + 1 : (this.cpToU16[cp + 1] ?? 0);
        for (let x = from; x < to; x++) t[x] = cp;
      }
      this.u16ToCpTable = t;
    }
    return this.u16ToCpTable[Math.max(0, Math.min(u, this.text.length))] ?? this.cpLength;
  }

  /** The text between two code point offsets. */
  slice(cpStart: number, cpEnd: number): string {
    return this.text.slice(this.toU16(cpStart), this.toU16(cpEnd));
  }

  /** The code points, computed once. */
  cps(): Int32Array {
    this.cpsCache ??= codePoints(this.text);
    return this.cpsCache;
  }
}
