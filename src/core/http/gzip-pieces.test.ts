/**
 * gzip from pieces (gzip-pieces.ts): whatever the mix of kept pieces (deflated once, CRC-32 combined),
 * small pieces sent as stored blocks and larger ones deflated per response, the member gunzips to the
 * pieces joined, its trailer's CRC-32 and length checked by zlib.
 */
import { crc32, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crcCombine, crcShift, gzipPieces, keepPiece, storedBlock, type Piece } from "./gzip-pieces";

const text = (n: number, seed: string) => Buffer.from(Array.from({ length: n }, (_, i) => `${seed}${i % 97} — ’é `).join("").slice(0, n));

describe("gzip from pieces", () => {
  it("combines CRC-32s as if run over the bytes joined", () => {
    for (const n of [0, 1, 3, 64, 1000, 65_537, 300_001]) {
      const a = text(123, "a");
      const b = text(n, "b");
      expect(crcCombine(crc32(a), crc32(b), crcShift(b.length))).toBe(crc32(Buffer.concat([a, b])));
    }
  });

  it("gunzips to the pieces joined, kept or not, small or large, empty ones included", () => {
    const page = keepPiece(text(83_000, "page"));
    const tail = keepPiece(text(40, "tail"));
    const pieces: Piece[] = [page, { raw: Buffer.from("token-0123456789abcdef") }, { raw: Buffer.alloc(0) }, tail, { raw: text(5_000, "frame") }, keepPiece(Buffer.alloc(0))];
    const zipped = gzipPieces(pieces);
    expect(gunzipSync(zipped).equals(Buffer.concat(pieces.map((p) => p.raw)))).toBe(true);
    // The kept page is not sent raw: the member is far smaller than the bytes it holds.
    expect(zipped.length).toBeLessThan(page.raw.length / 3);
  });

  it("frames a stored block with its length and the length's complement", () => {
    const block = storedBlock(Buffer.from("abc"));
    expect([...block]).toEqual([0, 3, 0, 0xfc, 0xff, 97, 98, 99]);
  });
});
