/**
 * gzip made of pieces deflated apart: raw deflate blocks that end on a sync flush can follow one
 * another (each piece's back-references stay within it), so a large piece kept deflated once can be
 * sent between small pieces deflated for each response (a page's per-request token and nonce, its
 * frame), without compressing the large piece again. The trailer's CRC-32 runs over every piece.
 * Used by the visitor cache and the texts' page (ADR 0024).
 *
 * What a response costs once its large pieces are kept (`keepPiece`): no zlib call at all. A small
 * piece (a token, a nonce) goes as a stored block (five bytes of framing, no compressor to set up: a
 * `deflateRawSync` call costs tens of microseconds whatever its input), and a kept piece's CRC-32 is
 * combined with the running one in constant time (zlib's crc32_combine) instead of being run over its
 * bytes again (ADR 0034).
 */
import { constants, crc32, deflateRawSync } from "node:zlib";

export interface Piece {
  raw: Buffer;
  /** `deflatePiece(raw)`, when kept. */
  deflated?: Buffer | null | undefined;
  /** `raw`'s CRC-32 and the operator that shifts a CRC past `raw.length` bytes (`keepPiece`), when kept. */
  crc?: number | undefined;
  shift?: number | undefined;
}

/** A piece's raw deflate blocks, ending on a sync flush (not final). */
export const deflatePiece = (raw: Buffer): Buffer => deflateRawSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });

/** Pieces up to this size go as stored blocks, not through zlib. */
const STORED_MAX = 512;

/**
 * A stored (uncompressed) deflate block, not final, holding `raw` (up to 65,535 bytes): its three header
 * bits, padding to the byte (the previous piece ended on a byte, after its sync flush), LEN and ~LEN.
 */
export function storedBlock(raw: Buffer): Buffer {
  const out = Buffer.allocUnsafe(5 + raw.length);
  out[0] = 0;
  out.writeUInt16LE(raw.length, 1);
  out.writeUInt16LE(~raw.length & 0xffff, 3);
  raw.copy(out, 5);
  return out;
}

// CRC-32 combination (zlib's crc32_combine: polynomials modulo the CRC's, reflected).
const POLY = 0xedb88320;
/** a(x) b(x) modulo p(x). */
function multModP(a: number, b: number): number {
  let m = 1 << 31;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}
/** x^(2^k) modulo p(x), k = 0..31. */
const X2N: number[] = [];
{
  let p = 1 << 30;
  X2N.push(p);
  for (let n = 1; n < 32; n++) X2N.push((p = multModP(p, p)));
}
/** The operator of `crcCombine` for a piece of `bytes` bytes: x^(8 bytes) modulo p(x). */
export function crcShift(bytes: number): number {
  let p = 1 << 31;
  let k = 3;
  for (let n = bytes; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multModP(X2N[k & 31] ?? 0, p);
  return p >>> 0;
}
/** The CRC-32 of A then B, from A's CRC, B's and B's `crcShift`. */
export const crcCombine = (crcA: number, crcB: number, shiftB: number): number => (multModP(shiftB, crcA) ^ crcB) >>> 0;

/** A piece kept for many responses: deflated once, its CRC-32 and shift computed once. */
export interface KeptPiece extends Piece {
  deflated: Buffer;
  crc: number;
  shift: number;
}
export function keepPiece(raw: Buffer): KeptPiece {
  return { raw, deflated: raw.length <= STORED_MAX ? storedBlock(raw) : deflatePiece(raw), crc: crc32(raw), shift: crcShift(raw.length) };
}

const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final block. */
const FINAL = deflateRawSync(Buffer.alloc(0));

/** The pieces joined, as one gzip member. */
export function gzipPieces(pieces: Piece[]): Buffer {
  const out: Buffer[] = [HEADER];
  let crc = 0;
  let size = 0;
  for (const p of pieces) {
    out.push(p.deflated ?? (p.raw.length <= STORED_MAX ? storedBlock(p.raw) : deflatePiece(p.raw)));
    crc = p.crc !== undefined && p.shift !== undefined ? crcCombine(crc, p.crc, p.shift) : crc32(p.raw, crc);
    size += p.raw.length;
  }
  const trailer = Buffer.allocUnsafe(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  out.push(FINAL, trailer);
  return Buffer.concat(out);
}

/** Whether the request's `Accept-Encoding` takes gzip (not with q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  return String(header ?? "")
    .split(",")
    .some((part) => {
      const [coding, ...params] = part.trim().toLowerCase().split(";");
      return coding?.trim() === "gzip" && !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
    });
}
