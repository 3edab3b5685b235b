/**
 * gzip made of pieces deflated apart: raw deflate blocks that end on a sync flush can follow one
 * another (each piece's back-references stay within it), so a large piece kept deflated once can be
 * sent between small pieces deflated for each response (a page's per-request token and nonce, its
 * frame), without compressing the large piece again. The trailer's CRC-32 runs over every piece.
 * Used by the visitor cache and the texts' page (ADR 0024).
 */
import { constants, crc32, deflateRawSync } from "node:zlib";

export interface Piece {
  raw: Buffer;
  /** `deflatePiece(raw)`, when kept. */
  deflated?: Buffer | null | undefined;
}

/** A piece's raw deflate blocks, ending on a sync flush (not final). */
export const deflatePiece = (raw: Buffer): Buffer => deflateRawSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });

const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final block. */
const FINAL = deflateRawSync(Buffer.alloc(0));

/** The pieces joined, as one gzip member. */
export function gzipPieces(pieces: Piece[]): Buffer {
  const out: Buffer[] = [HEADER];
  let crc = 0;
  let size = 0;
  for (const p of pieces) {
    out.push(p.deflated ?? deflatePiece(p.raw));
    crc = crc32(p.raw, crc);
    size += p.raw.length;
  }
  const trailer = Buffer.alloc(8);
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
