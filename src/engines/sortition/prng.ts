/**
 * The documented deterministic generator of every random choice in a draw: SHA-256 in counter mode.
 * Block i is SHA-256(seed ‖ i as 8-byte big-endian); the stream is blocks 0, 1, 2, ... concatenated,
 * read 4 bytes at a time as big-endian unsigned 32-bit integers. Anyone can re-implement it in a few
 * lines in any language, which is the point: the draw can be replayed without trusting our code.
 */
import { createHash } from "node:crypto";

export class Sha256Ctr {
  private readonly seed: Buffer;
  private counter = 0n;
  private block: Buffer = Buffer.alloc(0);
  private offset = 0;

  /** `seedHex`: the draw seed as 64 hex characters (or any hex string). */
  constructor(seedHex: string) {
    this.seed = Buffer.from(seedHex, "hex");
  }

  /** Next 32-bit unsigned integer of the stream. */
  nextUint32(): number {
    if (this.offset + 4 > this.block.length) {
      const ctr = Buffer.alloc(8);
      ctr.writeBigUInt64BE(this.counter++);
      this.block = createHash("sha256").update(this.seed).update(ctr).digest();
      this.offset = 0;
    }
    const v = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  /** Uniform integer in [0, n), by rejection sampling so that no value is favoured (n ≤ 2^32). */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`below(${n})`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const v = this.nextUint32();
      if (v < limit) return v % n;
    }
  }

  /** Uniform real in [0, 1) with 53 random bits: (a·2^21 + (b >>> 11)) / 2^53 for consecutive a, b. */
  nextFloat(): number {
    const a = this.nextUint32();
    const b = this.nextUint32() >>> 11;
    return (a * 2 ** 21 + b) / 2 ** 53;
  }

  /** `count` distinct items of `items`, uniformly, by a partial Fisher–Yates shuffle (draws below(n-i) for i = 0..count-1). */
  sample<T>(items: readonly T[], count: number): T[] {
    const a = [...items];
    for (let i = 0; i < count; i++) {
      const j = i + this.below(a.length - i);
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a.slice(0, count);
  }
}

/** Hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
