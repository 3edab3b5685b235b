/**
 * Exact non-negative-or-signed rationals on BigInt. Every budget decision (who can afford what, which
 * ρ is smallest, does the outcome fit) goes through these so that a float rounding can never turn a tie
 * into a different winner. Values are kept reduced with a positive denominator.
 */
export interface Frac {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** Builds n/d reduced; throws on a zero denominator. */
export function frac(n: bigint, d: bigint = 1n): Frac {
  if (d === 0n) throw new RangeError("zero denominator");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (d === 1n) return { n, d };
  const g = gcd(n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

export const ZERO: Frac = { n: 0n, d: 1n };

export function add(a: Frac, b: Frac): Frac {
  if (a.d === b.d) return frac(a.n + b.n, a.d);
  return frac(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Frac, b: Frac): Frac {
  if (a.d === b.d) return frac(a.n - b.n, a.d);
  return frac(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function mulInt(a: Frac, k: bigint): Frac {
  return frac(a.n * k, a.d);
}

export function mul(a: Frac, b: Frac): Frac {
  return frac(a.n * b.n, a.d * b.d);
}

export function div(a: Frac, b: Frac): Frac {
  return frac(a.n * b.d, a.d * b.n);
}

export function divInt(a: Frac, k: bigint): Frac {
  return frac(a.n, a.d * k);
}

/** Exact three-way comparison: negative, zero or positive as a <, =, > b. */
export function cmp(a: Frac, b: Frac): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function min(a: Frac, b: Frac): Frac {
  return cmp(a, b) <= 0 ? a : b;
}

export function isZero(a: Frac): boolean {
  return a.n === 0n;
}

/** Nearest double; safe for huge numerators and denominators (shifts both before converting). */
export function toNumber(a: Frac): number {
  if (a.d === 1n) return Number(a.n);
  const bits = Math.max(bitLength(a.n), bitLength(a.d));
  if (bits < 1000) return Number(a.n) / Number(a.d);
  const shift = BigInt(bits - 900);
  return Number(a.n >> shift) / Number(a.d >> shift);
}

function bitLength(x: bigint): number {
  return (x < 0n ? -x : x).toString(2).length;
}

/** Parses a decimal string ("12", "12.5", "-3", "1e3" is not accepted) exactly; null if not a number. */
export function parseDecimal(text: string): Frac | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || ((m[2] ?? "") === "" && (m[3] ?? "") === "")) return null;
  const whole = m[2] === "" || m[2] === undefined ? "0" : m[2];
  const decimals = m[3] ?? "";
  const n = BigInt(whole + decimals) * (m[1] === "-" ? -1n : 1n);
  return frac(n, 10n ** BigInt(decimals.length));
}

/** Shortest exact decimal text if the value has a finite decimal expansion, else a 12-digit rounding. */
export function toDecimalString(a: Frac): string {
  if (a.d === 1n) return a.n.toString();
  let d = a.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  const places = d === 1n ? Math.max(twos, fives) : 12;
  const scale = 10n ** BigInt(places);
  const neg = a.n < 0n;
  const absN = neg ? -a.n : a.n;
  const scaled = (absN * scale + a.d / 2n) / a.d;
  const intPart = scaled / scale;
  const fracPart = (scaled % scale).toString().padStart(places, "0").replace(/0+$/, "");
  return (neg ? "-" : "") + intPart.toString() + (fracPart === "" ? "" : "." + fracPart);
}
